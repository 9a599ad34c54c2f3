"""A dynamic fixture site on 127.0.0.1 for crawler tests: traps, redirects, 429s, gzip sitemaps,
a page that crashes the renderer. Every request is logged so tests can assert what was fetched."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body><header><a href="/">Home</a></header><main><h1>{title}</h1>{body}</main></body></html>"""

HOME_LINKS = [
    ("/calendar/2026/11", "Events calendar"),
    ("/search?q=bins&page=1", "Search for bins"),
    ("/loop", "A page that redirects in a loop"),
    ("/busy", "A busy page"),
    ("/flaky", "A flaky page"),
    ("/old-page", "An old address"),
    ("/bins", "Bins without a slash"),
    ("/bins/", "Bins with a slash"),
    ("/?utm_source=newsletter", "Home with tracking"),
    ("/duplicate", "A copy of the bins page"),
    ("https://pay.example-payments.test/council/parking", "Pay a parking fine"),
    ("/docs/leaflet.pdf", "Council tax leaflet (PDF)"),
    ("/docs/form.docx", "Application form (Word)"),
    ("/private/staff", "Staff area"),
]


@dataclass
class CrawlSite:
    """`with CrawlSite() as site:` serves the site at `site.url`. Knobs are plain attributes."""

    crawl_delay: float | None = None
    page_delay: float = 0.0
    list_pages: int = 0
    requests: list[tuple[float, str]] = field(default_factory=list)
    seen_headers: list[dict[str, str]] = field(default_factory=list)
    _hits: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_HEAD(self) -> None:
                site._serve(self, head=True)

            def do_GET(self) -> None:
                site._serve(self, head=False)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> CrawlSite:
        self._thread.start()
        return self

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    def hits(self, path: str) -> int:
        with self._lock:
            return self._hits[path]

    def paths(self) -> list[str]:
        with self._lock:
            return [p for _, p in self.requests]

    def _serve(self, handler: BaseHTTPRequestHandler, head: bool) -> None:
        parts = urlsplit(handler.path)
        with self._lock:
            self._hits[parts.path] += 1
            self.requests.append((time.monotonic(), handler.path))
            self.seen_headers.append(dict(handler.headers))
            hits = self._hits[parts.path]
        if parts.path.startswith("/account"):
            status, headers, body = self._account(parts.path, parse_qs(parts.query), handler)
        else:
            status, headers, body = self._route(parts.path, parse_qs(parts.query), hits)
        if self.page_delay and headers.get("Content-Type", "").startswith("text/html"):
            time.sleep(self.page_delay)
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if not head:
            handler.wfile.write(body)

    def _account(
        self, path: str, query: dict[str, list[str]], handler: BaseHTTPRequestHandler
    ) -> tuple[int, dict[str, str], bytes]:
        """A citizen-account area: a cookie `session=letmein` (set by the login form, or sent
        by the auditor), or basic auth `resident:letmein`, or header `X-Api-Key: letmein`."""
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/account/login":
            if query.get("user") == ["resident"] and query.get("password") == ["letmein"]:
                return 302, {"Location": "/account/", "Set-Cookie": "session=letmein; Path=/"}, b""
            form = (
                '<form action="/account/login"><label for="user">User</label>'
                '<input id="user" name="user"><label for="password">Password</label>'
                '<input id="password" name="password" type="password">'
                '<button id="go">Sign in</button></form>'
            )
            return 200, html, PAGE.format(title="Sign in", body=form, head="").encode()
        cookie = handler.headers.get("Cookie", "")
        authorised = (
            "session=letmein" in cookie
            or handler.headers.get("Authorization") == "Basic cmVzaWRlbnQ6bGV0bWVpbg=="
            or handler.headers.get("X-Api-Key") == "letmein"
        )
        if not authorised:
            return 401, {"WWW-Authenticate": 'Basic realm="account"', **html}, b"sign in"
        body = '<p id="welcome">Welcome back.</p><a href="/account/bins">Your bins</a>'
        return 200, html, PAGE.format(title=f"Account {path}", body=body, head="").encode()

    def _route(
        self, path: str, query: dict[str, list[str]], hits: int
    ) -> tuple[int, dict[str, str], bytes]:
        origin = self.url.rstrip("/")
        html = {"Content-Type": "text/html; charset=utf-8"}

        def page(title: str, body: str = "", head: str = "") -> tuple[int, dict[str, str], bytes]:
            return 200, html, PAGE.format(title=title, body=body, head=head).encode()

        if path == "/":
            links = "".join(f'<li><a href="{h}">{t}</a></li>' for h, t in HOME_LINKS)
            if self.list_pages:
                links += "".join(
                    f'<li><a href="/list/{n}">List page {n}</a></li>'
                    for n in range(1, self.list_pages + 1)
                )
            return page("Home", f"<ul>{links}</ul>")
        if path == "/robots.txt":
            delay = f"Crawl-delay: {self.crawl_delay}\n" if self.crawl_delay else ""
            text = (
                f"User-agent: *\nDisallow: /private/\n{delay}Sitemap: {origin}/sitemap_index.xml\n"
            )
            return 200, {"Content-Type": "text/plain"}, text.encode()
        if path == "/sitemap_index.xml":
            body = (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{origin}/sitemap-pages.xml.gz</loc></sitemap>"
                f"<sitemap><loc>{origin}/sitemap-news.xml</loc></sitemap></sitemapindex>"
            )
            return 200, {"Content-Type": "application/xml"}, body.encode()
        if path == "/sitemap-pages.xml.gz":
            body = (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<url><loc>{origin}/from-gzip-sitemap</loc></url></urlset>"
            )
            return 200, {"Content-Type": "application/gzip"}, gzip.compress(body.encode())
        if path == "/sitemap-news.xml":
            body = (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<url><loc>{origin}/news/from-plain-sitemap</loc></url></urlset>"
            )
            return 200, {"Content-Type": "application/xml"}, body.encode()
        if path.startswith("/calendar/"):
            try:
                year, month = (int(p) for p in path.split("/")[2:4])
            except ValueError:
                return 404, html, b"not found"
            prev_y, prev_m = (year, month - 1) if month > 1 else (year - 1, 12)
            next_y, next_m = (year, month + 1) if month < 12 else (year + 1, 1)
            return page(
                f"Events {month}/{year}",
                f'<a href="/calendar/{prev_y}/{prev_m}">Previous month</a> '
                f'<a href="/calendar/{next_y}/{next_m}">Next month</a>',
            )
        if path == "/search":
            n = int(query.get("page", ["1"])[0])
            q = query.get("q", [""])[0]
            return page(
                f"Search results page {n}",
                f'<a href="/search?q={q}&page={n + 1}">Next results</a> '
                f'<a href="/search?page={n}&q={q}&sort=date">Sort by date</a> '
                f'<a href="/search?q={q}&page={n}&type=news">News only</a>',
            )
        if path in ("/loop", "/loop2"):
            target = "/loop2" if path == "/loop" else "/loop"
            return 302, {"Location": target}, b""
        if path == "/busy":
            if hits == 1:
                return 429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"slow down"
            return page("Busy page", "<p>Now served.</p>")
        if path == "/flaky":
            if hits == 1:
                return 503, {"Content-Type": "text/plain"}, b"try again"
            return page("Flaky page", "<p>Served on the second try.</p>")
        if path == "/old-page":
            return 301, {"Location": "/new-page"}, b""
        if path == "/new-page":
            return page("New page")
        if path == "/bins":
            return 301, {"Location": "/bins/"}, b""
        if path == "/bins/":
            return page("Bins")
        if path == "/duplicate":
            return page("Bins (copy)", head=f'<link rel="canonical" href="{origin}/bins/">')
        if path == "/crash":
            script = (
                "<script>var hog=[];while(true){hog.push(new Array(1e6).fill(Math.random()));}"
                "</script>"
            )
            return page("Crash", script)
        if path.startswith("/docs/"):
            kind = "application/pdf" if path.endswith(".pdf") else "application/octet-stream"
            return 200, {"Content-Type": kind}, b"%PDF-1.4 fixture"
        if path.startswith("/list/") or path in ("/from-gzip-sitemap", "/news/from-plain-sitemap"):
            return page(f"Page {path}")
        if path.startswith("/private/"):
            return page("Staff only")
        return 404, html, PAGE.format(title="Not found", body="", head="").encode()
