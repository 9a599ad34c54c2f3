"""The audit pipeline, one module per stage: discovery (robots, sitemaps, site facts), the pool
of page workers (the crawl), evaluation (checks over gathered facts), assembly (the Run and its
summary). `auditor.pipeline.audit.audit` wires them together.

This package's `__init__` imports nothing, so a stage can be imported without the others.
"""
