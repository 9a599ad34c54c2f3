"""The audit pipeline's stages, one module each: discovery (robots, sitemaps, site facts), the
pool of page workers (the crawl), evaluation (checks over gathered facts), assembly (the Run and
its summary), and the options the gather stage is given. `auditor.audit.audit` wires them
together, with the form journeys that run after the crawl.
"""
