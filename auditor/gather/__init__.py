"""The gather stage: Debian's Chromium driven by Playwright, one page per worker → Snapshot.

`session` launches the one Chromium of a run, `worker` renders pages in isolation and captures
them, `tab` holds one viewport's page and its network, `capture` reads the facts off a page,
`driver` lends a page to a journey step by step, `printing` prints a report to PDF.
Only this package and `probes/` import Playwright.
"""
