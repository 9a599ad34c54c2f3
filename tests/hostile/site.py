"""A hostile site on 127.0.0.1: pages that never load, loop, allocate until the renderer dies,
are huge, redirect without end, lie about their encoding, open windows and dialogs, start
downloads, ask for a password, carry script in every string, and link or redirect out of scope.

`with HostileSite() as site:` serves it at `site.url`, plus a decoy server on another port
(`site.decoy_url`) that must never be asked for anything. Every request is logged with the Host
header it came with, so a test can prove that `localhost` (another host name for the same
server) was never fetched either.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from tests.hostile.injection import INJECTION

HUGE_DOM_NODES = 100_000
HUGE_BODY_BYTES = 50 * 1024 * 1024
STORM_WINDOWS = 100

# The hostile pages, with what a test expects of each: "error" (a recorded load error) or
# "page" (audited as a page; big is not wrong). Keys are paths linked from the home page.
EXPECTED: dict[str, str] = {
    "/never-finishes": "error",
    "/busy-loop": "error",
    "/allocate": "error",
    "/huge-dom": "error",
    "/huge-body": "page",
    "/redirect-forever/1": "error",
    "/bad-encoding": "page",
    "/unknown-charset": "page",
    "/window-storm": "page",
    "/dialogs": "page",
    "/beforeunload": "page",
    "/download": "error",
    "/password-prompt": "error",
    "/injection": "page",
    "/redirect-other-port": "error",
    "/redirect-other-host": "error",
    "/redirect-internal": "error",
    "/script-navigates-out": "error",
    "/meta-refresh-out": "error",
    "/unparseable-urls": "page",
}
# Pages a slower machine may still audit in time: big or busy, not wrong.
EITHER = frozenset({"/huge-body", "/window-storm"})


# URLs that Python's urllib refuses to parse (a bracket never closed, a bad IPv6 address).
UNPARSEABLE = ("http://[::1", "http://[not-an-address]/", "https://[::1]x:80/")
_SITEMAP_INDEX = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    f"<sitemap><loc>{UNPARSEABLE[0]}/sitemap.xml</loc></sitemap>"
    "<sitemap><loc>{origin}/sitemap-pages.xml</loc></sitemap>"
    "</sitemapindex>"
)
_SITEMAP_PAGES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    + "".join(f"<url><loc>{u}</loc></url>" for u in UNPARSEABLE)
    + "</urlset>"
).encode()


def _page(title: str, body: str = "", head: str = "") -> bytes:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title>{head}</head><body><main><h1>{title}</h1>{body}</main>"
        "</body></html>"
    ).encode()


@dataclass
class HostileSite:
    """The hostile site and its decoy; `requests` holds (host header, path) of each request."""

    requests: list[tuple[str, str]] = field(default_factory=list)
    decoy_requests: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                site._serve(self)

            def do_HEAD(self) -> None:
                site._serve(self)

        class Decoy(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                with site._lock:
                    site.decoy_requests.append(self.path)
                body = _page("Decoy: out of scope")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_HEAD = do_GET

        self._servers = [
            ThreadingHTTPServer(("127.0.0.1", 0), Handler),
            ThreadingHTTPServer(("127.0.0.1", 0), Decoy),
        ]
        for server in self._servers:
            server.daemon_threads = True
        self.port = self._servers[0].server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.host = f"127.0.0.1:{self.port}"
        self.decoy_port = self._servers[1].server_address[1]
        self.decoy_url = f"http://127.0.0.1:{self.decoy_port}/"
        self._threads = [
            threading.Thread(target=s.serve_forever, daemon=True) for s in self._servers
        ]

    def __enter__(self) -> HostileSite:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self._stopping.set()  # lets the page that never finishes give up
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def hosts(self) -> set[str]:
        """Every Host header the main server was asked with."""
        with self._lock:
            return {host for host, _ in self.requests}

    def paths(self) -> list[str]:
        with self._lock:
            return [path for _, path in self.requests]

    def out_of_scope_links(self) -> dict[str, str]:
        """Links on the home page that leave the audit's scope, by what they are."""
        return {
            "other host name": f"http://localhost:{self.port}/stolen",
            "other port": f"{self.decoy_url}stolen",
            "file": "file:///etc/passwd",
            "data": "data:text/html,<script>window.__pwned=1</script>",
            "javascript": "javascript:window.__pwned=1",
            "cloud metadata": "http://169.254.169.254/latest/meta-data/",
            "private network": "http://10.0.0.1/admin",
            "IPv6 loopback": f"http://[::1]:{self.port}/stolen",
            "user-info trick": f"http://127.0.0.1:{self.port}@localhost:{self.decoy_port}/stolen",
            "any address": f"http://0.0.0.0:{self.decoy_port}/stolen",
        }

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append((handler.headers.get("Host", ""), handler.path))
        path = urlsplit(handler.path).path
        if path == "/never-finishes":
            self._never_finish(handler)
            return
        if path == "/huge-body":
            self._huge_body(handler)
            return
        status, headers, body = self._route(path)
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(body)

    def _never_finish(self, handler: BaseHTTPRequestHandler) -> None:
        """Headers and the start of a page, then nothing: the load event never comes."""
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.end_headers()
        handler.wfile.write(b"<!DOCTYPE html><html><head><title>Never finishes</title>")
        handler.wfile.flush()
        self._stopping.wait(120)

    def _huge_body(self, handler: BaseHTTPRequestHandler) -> None:
        """A 50 MB page, streamed: a paragraph and then whitespace inside a comment."""
        head = _page("Huge body", "<p>Fifty megabytes follow.</p>")
        chunk = b" " * (1024 * 1024)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(head) + 7 + HUGE_BODY_BYTES))
        handler.end_headers()
        if handler.command == "HEAD":
            return
        try:
            handler.wfile.write(head + b"<!--")
            for _ in range(HUGE_BODY_BYTES // len(chunk)):
                handler.wfile.write(chunk)
            handler.wfile.write(b"-->")
        except OSError:
            pass  # the browser gave up: that is allowed

    def _route(self, path: str) -> tuple[int, dict[str, str], bytes]:
        if path == "/":
            links = "".join(f'<li><a href="{p}">{p}</a></li>' for p in EXPECTED)
            links += "".join(
                f'<li><a href="{url}">{name}</a></li>'
                for name, url in self.out_of_scope_links().items()
            )
            return 200, {}, _page("Hostile site", f"<ul>{links}</ul>")
        if path == "/robots.txt":
            text = f"User-agent: *\nAllow: /\nSitemap: {self.url}sitemap.xml\n"
            return 200, {"Content-Type": "text/plain"}, text.encode()
        if path == "/sitemap.xml":
            # An index naming an unparseable child, and so on down: none may stop the run.
            index = _SITEMAP_INDEX.replace("{origin}", self.url.rstrip("/"))
            return 200, {"Content-Type": "application/xml"}, index.encode()
        if path == "/sitemap-pages.xml":
            return 200, {"Content-Type": "application/xml"}, _SITEMAP_PAGES
        if path == "/busy-loop":
            return 200, {}, _page("Busy loop", "<script>while (true) {}</script>")
        if path == "/allocate":
            script = (
                "<script>const hog = []; while (true) hog.push(new Array(1e6).fill(1));</script>"
            )
            return 200, {}, _page("Allocate", script)
        if path == "/huge-dom":
            nodes = "<span>x</span>" * HUGE_DOM_NODES
            return 200, {}, _page("Huge DOM", f"<div>{nodes}</div>")
        if path.startswith("/redirect-forever/"):
            n = int(path.rsplit("/", 1)[1]) + 1
            return 302, {"Location": f"/redirect-forever/{n}"}, b""
        if path == "/bad-encoding":
            # Invalid UTF-8, a NUL and lone continuation bytes, under a UTF-8 header.
            body = _page("Bad \xff encoding").replace(b"\xc3\xbf", b"\xff\xfe\x00\x80")
            return 200, {}, body.replace(b"<main>", b"<main><p>\xc0\xaf\xed\xa0\x80</p>")
        if path == "/unknown-charset":
            return 200, {"Content-Type": "text/html; charset=x-no-such-charset"}, _page("Charset")
        if path == "/window-storm":
            script = (
                f"<script>for (let i = 0; i < {STORM_WINDOWS}; i++) window.open('/popup?' + i);"
                "</script>"
            )
            return 200, {}, _page("Window storm", script)
        if path == "/popup":
            return 200, {}, _page("Popup")
        if path == "/dialogs":
            script = "<script>alert('a'); confirm('b'); prompt('c');</script>"
            return 200, {}, _page("Dialogs", script)
        if path == "/beforeunload":
            script = (
                "<script>addEventListener('beforeunload', e => "
                "{ e.preventDefault(); e.returnValue = 'stay'; return 'stay'; });</script>"
            )
            return 200, {}, _page("Before unload", script)
        if path == "/download":
            headers = {"Content-Disposition": 'attachment; filename="page.html"'}
            return 200, headers, _page("Download")
        if path == "/password-prompt":
            return 401, {"WWW-Authenticate": 'Basic realm="hostile"'}, b"password please"
        if path == "/injection":
            content = (
                f'<img src="/x.png" alt="{_attr(INJECTION)}">'
                f'<a href="/injection?{_attr(INJECTION)}">{_text(INJECTION)}</a>'
                f'<a href="javascript:window.__pwned=3">{_text(INJECTION)}</a>'
                f'<button id="{_attr(INJECTION)}"></button>'
                f"<p>{'A' * 200_000}</p>"
            )
            return 200, {}, _page(_text(INJECTION) + " " + "T" * 5000, content)
        if path == "/redirect-other-port":
            return 302, {"Location": f"{self.decoy_url}redirected"}, b""
        if path == "/redirect-other-host":
            return 302, {"Location": f"http://localhost:{self.port}/redirected"}, b""
        if path == "/redirect-internal":
            # 0.0.0.0 reaches this machine: were it followed, the decoy would see it.
            return 302, {"Location": f"http://0.0.0.0:{self.decoy_port}/internal"}, b""
        if path == "/script-navigates-out":
            script = (
                f"<script>onload = () => {{ location.href = '{self.decoy_url}script'; }};</script>"
            )
            return 200, {}, _page("Script navigates out", script)
        if path == "/meta-refresh-out":
            head = f'<meta http-equiv="refresh" content="0;url={self.decoy_url}refresh">'
            return 200, {}, _page("Meta refresh out", head=head)
        if path == "/unparseable-urls":
            links = "".join(f'<a href="{u}">{u}</a>' for u in UNPARSEABLE)
            canonical = f'<link rel="canonical" href="{UNPARSEABLE[0]}">'
            return 200, {}, _page("Unparseable URLs", links, head=canonical)
        if path == "/favicon.ico":
            return 404, {}, b""
        return 404, {}, _page("Not found")


def _text(value: str) -> str:
    """`value` as HTML text: the page shows the hostile string literally (the DOM holds it)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")
