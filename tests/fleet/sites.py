"""Tiny council sites for fleet tests: a home page linking to a few pages, each served by a
StaticSite of its own on 127.0.0.1 (its own port, so its own origin)."""

from __future__ import annotations

import contextlib
import html
from collections.abc import Iterator
from pathlib import Path

from auditor.web.static_site import StaticSite


def write_site(folder: Path, name: str, pages: int, defects: int = 0) -> None:
    """`pages` pages in all: the home page and pages-1 pages it links to; the first `defects`
    of those have an image without a text alternative (WCAG 1.1.1)."""
    folder.mkdir(parents=True, exist_ok=True)
    links = "".join(
        f'<li><a href="/page-{n}.html">{html.escape(name)} service {n}</a></li>'
        for n in range(1, pages)
    )

    def page(title: str, body: str) -> str:
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head><body>"
            f'<header><a href="/">{html.escape(name)}</a></header>'
            f"<main><h1>{html.escape(title)}</h1>{body}</main></body></html>"
        )

    (folder / "index.html").write_text(page(name, f"<ul>{links}</ul>"), encoding="utf-8")
    for n in range(1, pages):
        body = f'<p>About service {n}.</p><p><a href="/">Back to {html.escape(name)}</a></p>'
        if n <= defects:
            body += '<img src="/photo.png" width="40" height="40">'
        (folder / f"page-{n}.html").write_text(page(f"{name}: service {n}", body), "utf-8")


@contextlib.contextmanager
def served_sites(
    root: Path, count: int, pages: int, varied: bool = False
) -> Iterator[list[tuple[str, str]]]:
    """`count` sites served at once: (name, url) of each; `varied` gives site n n-1 pages with
    a defect (up to all but the home page), so they rank differently."""
    with contextlib.ExitStack() as stack:
        served = []
        for n in range(1, count + 1):
            name = f"Council {n}"
            defects = min(n - 1, pages - 1) if varied else 0
            write_site(root / f"site-{n}", name, pages, defects)
            site = stack.enter_context(StaticSite(root / f"site-{n}"))
            served.append((name, site.url))
        yield served


def write_csv(path: Path, sites: list[tuple[str, str]]) -> Path:
    rows = ["name,url,type"] + [f"{name},{url},District" for name, url in sites]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path
