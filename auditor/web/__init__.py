"""The neutral bottom layer every stage may use: URLs, registrable domains, HTML helpers,
security.txt parsing, design-system detection, viewport parsing, the fixture-site server."""
