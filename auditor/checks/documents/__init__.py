"""PDFs and office files the crawler inventoried, scored against their own volume; one per file.

These are document checks (`auditor.checks.base.DocumentCheck`): each judges one document from
the facts read from its bytes (`Resource.document`, auditor/crawlers/pdf_facts.py) and from how
the run's pages link to it. Their fixtures (fixtures/checks/documents/<name>/) are documents
whose file names state the expected outcome (`fail-…`, `pass-…`, `review-…`, `inapplicable-…`).
"""
