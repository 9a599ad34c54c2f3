"""GOV.UK Frontend reference pages: every non-hidden fixture of every component, rendered into the
package's own page template with nunjucks (benchmarks/govuk/render.mjs).

The pages are generated, never committed: `build_pages()` installs `govuk-frontend` and `nunjucks`
from the npm registry into build/govuk/ (once) and renders them into build/govuk-pages/, which
can then be served on 127.0.0.1 as a web root. Every page is built from the design system's own
examples, so a WCAG A or AA failure reported on one is a false failure.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOVUK_FRONTEND = "6.6.0"
NUNJUCKS = "3.2.4"
NPM_FOLDER = REPO / "build" / "govuk"
PAGES = REPO / "build" / "govuk-pages"
RENDER = Path(__file__).parent / "govuk" / "render.mjs"


class GovukPagesUnavailable(RuntimeError):
    """Node or npm is missing, or the packages could not be installed."""


def _installed(folder: Path) -> bool:
    package = folder / "node_modules" / "govuk-frontend" / "package.json"
    if not package.is_file() or not (folder / "node_modules" / "nunjucks").is_dir():
        return False
    return bool(json.loads(package.read_text("utf-8")).get("version") == GOVUK_FRONTEND)


def install(folder: Path = NPM_FOLDER) -> Path:
    """Install the pinned packages into `folder` unless they are there; return node_modules."""
    if _installed(folder):
        return folder / "node_modules"
    npm = shutil.which("npm")
    if npm is None:
        raise GovukPagesUnavailable("npm is not installed (Debian: apt-get install npm)")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text('{"private": true}\n', "utf-8")
    command = [npm, "install", "--no-audit", "--no-fund", "--no-save", "--loglevel=error"]
    command += [f"govuk-frontend@{GOVUK_FRONTEND}", f"nunjucks@{NUNJUCKS}"]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not _installed(folder):
        raise GovukPagesUnavailable(f"npm install failed: {result.stderr.strip()[-500:]}")
    return folder / "node_modules"


def build_pages(out: Path = PAGES, npm_folder: Path = NPM_FOLDER) -> list[str]:
    """Render the pages into `out` (replacing it); return their paths relative to `out`."""
    node = shutil.which("node")
    if node is None:
        raise GovukPagesUnavailable("node is not installed (Debian: apt-get install nodejs)")
    modules = install(npm_folder)
    result = subprocess.run(
        [node, str(RENDER), str(modules), str(out)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise GovukPagesUnavailable(f"rendering failed: {result.stderr.strip()[-500:]}")
    pages: list[str] = json.loads((out / "pages.json").read_text("utf-8"))
    return pages
