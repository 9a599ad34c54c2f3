"""Serve a folder on 127.0.0.1 for an audit (`--serve DIR`): a static build or the fixture site.

`{{ORIGIN}}` in robots.txt and sitemap.xml is replaced with the served origin, since sitemaps need
absolute URLs and the port is only known once the server starts.
`{{TODAY}}` ("22 November 2026") and `{{NEXT_YEAR}}` in HTML pages are replaced with the serving
day's date, so a fixture page can carry dates that stay recent (an accessibility statement's
review date) while checks judge dates against the day a page is captured.
"""

from __future__ import annotations

import sys
import threading
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from auditor.errors import ConfigError

TEMPLATED = ("/robots.txt", "/sitemap.xml")


class _Handler(SimpleHTTPRequestHandler):
    origin = ""
    # Files here are UTF-8, and a page without a <meta charset> would otherwise be decoded as
    # windows-1252 ("…" read as "â€¦"): say so, as the sites they stand for do.
    extensions_map = {  # noqa: RUF012 (the base class's own attribute, read only)
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".htm": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path in TEMPLATED:
            file = Path(self.directory) / path.lstrip("/")
            if file.is_file():
                body = file.read_text(encoding="utf-8").replace("{{ORIGIN}}", self.origin).encode()
                self.send_response(200)
                kind = "text/plain" if path.endswith(".txt") else "application/xml"
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        file = Path(self.translate_path(self.path))
        file = file / "index.html" if file.is_dir() and path.endswith("/") else file
        if file.suffix == ".html" and file.is_file():
            text = file.read_text(encoding="utf-8")
            if "{{TODAY}}" in text or "{{NEXT_YEAR}}" in text:
                today = date.today()
                text = text.replace("{{TODAY}}", f"{today.day} {today:%B %Y}")
                body = text.replace("{{NEXT_YEAR}}", str(today.year + 1)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser drops media and download connections it no longer needs: not an error.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class StaticSite:
    """`with StaticSite(folder) as site:` serves it at `site.url` until the block ends."""

    def __init__(self, folder: str | Path, port: int = 0) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise ConfigError(f"--serve: {folder} is not a folder")
        handler: type[_Handler] = type("Handler", (_Handler,), {})
        self._server = _Server(("127.0.0.1", port), partial(handler, directory=str(self.folder)))
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        handler.origin = self.url.rstrip("/")
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> StaticSite:
        self._thread.start()
        return self

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
