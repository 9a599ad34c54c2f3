"""A council site shaped like the CMSs councils run, served on 127.0.0.1, for crawl-fidelity
tests and the crawl benchmark.

Families of numbered pages, each found from hub pages as on real sites:
- Drupal: `/node/N`, listed ten at a time on `/news?page=N` (a paginated listing);
- Jadu: `/article/N/slug`, listed on the A to Z `/a-to-z`;
- LocalGov Drupal: `/services/topic-N/page-N`, listed on each topic's landing page;
- ModernGov: `/moderngov/mgCommitteeDetails.aspx?ID=N` from `mgListCommittees.aspx`, each
  listing its meetings `ieListDocuments.aspx?CId=N&MId=N`.
Plus pages only the sitemap lists (a sitemap index with a gzipped child), an endless events
calendar (`/events/calendar/Y/M`, next and previous month for ever), a faceted search whose
filters combine without end, and a redirect loop.

`python benchmarks/cms_site.py --pages 2000` serves one until interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

PER_LISTING_PAGE = 10
COMMITTEES = 5
TOPICS = 6
WARDS = ("north", "south", "east", "west", "central", "riverside")
TYPES = ("news", "services", "events", "meetings")
WORDS = [
    "bins",
    "recycling",
    "council",
    "tax",
    "parking",
    "planning",
    "libraries",
    "schools",
    "housing",
    "roads",
    "licensing",
    "parks",
    "leisure",
    "elections",
    "benefits",
    "adult",
    "social",
    "care",
    "waste",
    "grants",
    "consultation",
]


def _slug(n: int) -> str:
    return f"{WORDS[n % len(WORDS)]}-{WORDS[(n * 7 + 3) % len(WORDS)]}"


def _words(n: int, count: int = 60) -> str:
    return " ".join(WORDS[(n * 13 + i * 5) % len(WORDS)] for i in range(count))


@dataclass
class CmsSite:
    """`with CmsSite(pages=300) as site:` serves the site at `site.url`.

    `content_paths()` and `sitemap_only_paths()` are what a faithful crawl must audit."""

    pages: int = 300
    sitemap_only: int = 50
    hits: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        quarter = self.pages // 4
        self.nodes = quarter
        self.articles = quarter
        self.services = quarter
        self.meetings = self.pages - 3 * quarter
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                site._serve(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> CmsSite:
        self._thread.start()
        return self

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    # What a faithful crawl audits

    def content_paths(self) -> list[str]:
        """The numbered content pages (path and query), every one linked from a hub."""
        nodes = [f"/node/{1000 + n}" for n in range(self.nodes)]
        articles = [f"/article/{5000 + n}/{_slug(n)}" for n in range(self.articles)]
        services = [f"/services/topic-{n % TOPICS}/page-{n}" for n in range(self.services)]
        meetings = [
            f"/moderngov/ieListDocuments.aspx?CId={100 + n % COMMITTEES}&MId={9000 + n}"
            for n in range(self.meetings)
        ]
        return [*nodes, *articles, *services, *meetings]

    def sitemap_only_paths(self) -> list[str]:
        return [f"/archive/notice-{n}" for n in range(self.sitemap_only)]

    # Serving

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        with self._lock:
            self.hits[parts.path] = self.hits.get(parts.path, 0) + 1
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        status, content_type, body, location = self._route(parts.path, query)
        handler.send_response(status)
        if location:
            handler.send_header("Location", location)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _route(self, path: str, query: dict[str, str]) -> tuple[int, str, bytes, str | None]:
        if path == "/robots.txt":
            return 200, "text/plain", f"Sitemap: {self.url}sitemap.xml\n".encode(), None
        if path == "/sitemap.xml":
            return 200, "application/xml", self._sitemap_index(), None
        if path == "/sitemap-pages.xml.gz":
            return 200, "application/gzip", gzip.compress(self._sitemap_pages()), None
        if path in ("/loop", "/loop-again"):
            target = "/loop-again" if path == "/loop" else "/loop"
            return 302, "text/plain", b"", target
        page = self._page(path, query)
        if page is None:
            return 404, "text/html; charset=utf-8", self._html("Page not found", "<p>No.</p>"), None
        title, body = page
        return 200, "text/html; charset=utf-8", self._html(title, body), None

    def _sitemap_index(self) -> bytes:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{self.url}sitemap-pages.xml.gz</loc></sitemap></sitemapindex>"
        ).encode()

    def _sitemap_pages(self) -> bytes:
        urls = "".join(
            f"<url><loc>{self.url.rstrip('/')}{html.escape(p)}</loc></url>"
            for p in ["/", *self.sitemap_only_paths()]
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        ).encode()

    def _html(self, title: str, body: str) -> bytes:
        nav = "".join(
            f'<li><a href="{href}">{label}</a></li>'
            for href, label in (
                ("/", "Home"),
                ("/news", "News"),
                ("/a-to-z", "A to Z"),
                ("/services", "Services"),
                ("/moderngov/mgListCommittees.aspx", "Councillors and committees"),
                ("/events/calendar/2026/12", "What's on"),
                ("/search?q=bins", "Search for bins"),
            )
        )
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)} - Generated Borough Council</title></head><body>"
            '<a href="#main">Skip to main content</a>'
            f'<header><nav aria-label="Main"><ul>{nav}</ul></nav></header>'
            f'<main id="main"><h1>{html.escape(title)}</h1>{body}</main>'
            '<footer><a href="/accessibility-statement">Accessibility statement</a></footer>'
            "</body></html>"
        ).encode()

    def _page(self, path: str, query: dict[str, str]) -> tuple[str, str] | None:
        if path == "/":
            return "Welcome", f"<p>{_words(0)}</p><p><a href='/loop'>Old page</a></p>"
        if path == "/accessibility-statement":
            return "Accessibility statement", f"<p>{_words(1)}</p>"
        if path == "/news":
            return self._news_listing(int(query.get("page", "1")))
        if path == "/a-to-z":
            links = "".join(
                f'<li><a href="/article/{5000 + n}/{_slug(n)}">{_slug(n)}</a></li>'
                for n in range(self.articles)
            )
            return "A to Z", f"<ul>{links}</ul>"
        if path == "/services":
            links = "".join(
                f'<li><a href="/services/topic-{t}">Topic {t}</a></li>' for t in range(TOPICS)
            )
            return "Services", f"<ul>{links}</ul>"
        if path.startswith("/services/topic-"):
            return self._service(path)
        if path.startswith("/moderngov/"):
            return self._moderngov(path.removeprefix("/moderngov/"), query)
        if path.startswith("/node/"):
            return self._numbered(path, "/node/", 1000, self.nodes)
        if path.startswith("/article/"):
            number = path.split("/")[2]
            return self._numbered(f"/article/{number}", "/article/", 5000, self.articles)
        if path.startswith("/archive/notice-"):
            n = path.removeprefix("/archive/notice-")
            if n.isdigit() and int(n) < self.sitemap_only:
                return f"Public notice {n}", f"<p>{_words(int(n) + 7000)}</p>"
            return None
        if path.startswith("/events/calendar/"):
            return self._calendar(path)
        if path == "/search":
            return self._search(query)
        return None

    def _news_listing(self, page: int) -> tuple[str, str]:
        first = (page - 1) * PER_LISTING_PAGE
        items = range(first, min(first + PER_LISTING_PAGE, self.nodes))
        links = "".join(f'<li><a href="/node/{1000 + n}">News story {n}</a></li>' for n in items)
        more = first + PER_LISTING_PAGE < self.nodes
        pager = f'<a href="/news?page={page + 1}">Next page</a>' if more else ""
        if page > 1:
            pager = f'<a href="/news?page={page - 1}">Previous page</a> {pager}'
        return f"News, page {page}", f"<ul>{links}</ul><nav aria-label='Pages'>{pager}</nav>"

    def _numbered(self, path: str, prefix: str, base: int, count: int) -> tuple[str, str] | None:
        number = path.removeprefix(prefix)
        if not number.isdigit() or not 0 <= int(number) - base < count:
            return None
        n = int(number) - base
        # Sibling links, as "related content" blocks have: found from the hub first anyway.
        related = "".join(
            f'<li><a href="{prefix}{base + m}{"/" + _slug(m) if prefix == "/article/" else ""}">'
            f"Related {m}</a></li>"
            for m in ((n + 1) % count, (n + 2) % count)
        )
        return f"{prefix.strip('/').title()} {n}: {_slug(n)}", (
            f"<p>{_words(base + n)}</p><h2>Related</h2><ul>{related}</ul>"
        )

    def _service(self, path: str) -> tuple[str, str] | None:
        parts = path.strip("/").split("/")
        topic = parts[1].removeprefix("topic-")
        if not topic.isdigit() or int(topic) >= TOPICS:
            return None
        mine = [n for n in range(self.services) if n % TOPICS == int(topic)]
        if len(parts) == 2:
            links = "".join(
                f'<li><a href="/services/topic-{topic}/page-{n}">Service {n}</a></li>' for n in mine
            )
            return f"Topic {topic}", f"<ul>{links}</ul>"
        page = parts[2].removeprefix("page-")
        if len(parts) == 3 and page.isdigit() and int(page) in mine:
            return f"Service {page}", f"<p>{_words(3000 + int(page))}</p>"
        return None

    def _moderngov(self, page: str, query: dict[str, str]) -> tuple[str, str] | None:
        if page == "mgListCommittees.aspx":
            links = "".join(
                f'<li><a href="mgCommitteeDetails.aspx?ID={100 + c}">Committee {c}</a></li>'
                for c in range(COMMITTEES)
            )
            return "Committees", f"<ul>{links}</ul>"
        if page == "mgCommitteeDetails.aspx" and query.get("ID", "").isdigit():
            committee = int(query["ID"]) - 100
            if not 0 <= committee < COMMITTEES:
                return None
            meetings = "".join(
                f'<li><a href="ieListDocuments.aspx?CId={100 + committee}&amp;MId={9000 + n}">'
                f"Meeting {n}</a></li>"
                for n in range(self.meetings)
                if n % COMMITTEES == committee
            )
            return f"Committee {committee}", f"<ul>{meetings}</ul>"
        if page == "ieListDocuments.aspx" and query.get("MId", "").isdigit():
            n = int(query["MId"]) - 9000
            if 0 <= n < self.meetings and query.get("CId") == str(100 + n % COMMITTEES):
                return f"Meeting {n} agenda", f"<p>{_words(9000 + n)}</p>"
        return None

    def _calendar(self, path: str) -> tuple[str, str] | None:
        parts = path.removeprefix("/events/calendar/").split("/")
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            return None
        year, month = int(parts[0]), int(parts[1])
        if not 1 <= month <= 12:
            return None
        prev_y, prev_m = (year, month - 1) if month > 1 else (year - 1, 12)
        next_y, next_m = (year, month + 1) if month < 12 else (year + 1, 1)
        return f"Events in {month}/{year}", (
            "<p>No events this month.</p>"
            f'<a href="/events/calendar/{prev_y}/{prev_m}">Previous month</a> '
            f'<a href="/events/calendar/{next_y}/{next_m}">Next month</a>'
        )

    def _search(self, query: dict[str, str]) -> tuple[str, str]:
        links = []
        for name, values in (("type", TYPES), ("ward", WARDS), ("sort", ("date", "title"))):
            for value in values:
                links.append((f"{name}: {value}", {**query, name: value}))
        links.append(("Next results", {**query, "page": str(int(query.get("page", "1")) + 1)}))
        filters = "".join(
            f'<li><a href="/search?{html.escape(urlencode(sorted(q.items())))}">{label}</a></li>'
            for label, q in links
        )
        results = "".join(
            f'<li><a href="/node/{1000 + n}">News story {n}</a></li>' for n in range(3)
        )
        return "Search results", f"<ul>{results}</ul><h2>Filter</h2><ul>{filters}</ul>"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300, help="numbered content pages")
    parser.add_argument("--sitemap-only", type=int, default=50, help="pages only the sitemap lists")
    args = parser.parse_args()
    with CmsSite(pages=args.pages, sitemap_only=args.sitemap_only) as site:
        print(f"Serving a {args.pages}-page CMS-shaped council site at {site.url} (Ctrl+C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
