"""PDFs and office files the crawler inventoried, scored against their own volume; one per file."""
