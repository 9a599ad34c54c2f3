"""Crawl stage: which pages to visit (frontier, scope, robots.txt, sitemaps, links)."""
