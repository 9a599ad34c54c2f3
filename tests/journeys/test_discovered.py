"""Error-state probing of forms the crawler discovers: off by default, GET forms only with
`probe_forms = "get"`, POST forms only with `"all"`; each form once however many pages carry it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from auditor.journeys.discovered import discovered_forms
from auditor.models import FormRef, PageResult, RulesetRef, Run, Target
from tests.conftest import run_audit


def _run(*pages: PageResult) -> Run:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return Run(
        id="r",
        site="http://t",
        seeds=["http://t/"],
        started_at=now,
        finished_at=now,
        tool_version="0",
        axe_version=None,
        browser_version=None,
        ruleset=RulesetRef(id="x", sha256="0"),
        score_model_version="2.0",
        config={},
        pages=list(pages),
    )


def _page(url: str, *forms: FormRef) -> PageResult:
    return PageResult(target=Target(url=url), final_url=url, forms=list(forms))


SEARCH = FormRef(
    selector="form.search", method="get", action="http://t/search", submit="#go", fields=1
)
POST = FormRef(selector="#apply", method="post", action="http://t/apply", submit="#send", fields=4)
NO_BUTTON = FormRef(selector="#x", method="get", action="http://t/x", submit=None, fields=1)


def test_get_mode_probes_get_forms_once_each() -> None:
    run = _run(_page("http://t/", SEARCH, POST, NO_BUTTON), _page("http://t/a", SEARCH))
    assert discovered_forms(run, "get", 20) == [("http://t/", SEARCH)]


def test_all_mode_adds_post_forms_and_respects_the_cap() -> None:
    run = _run(_page("http://t/", SEARCH, POST))
    assert [f for _, f in discovered_forms(run, "all", 20)] == [SEARCH, POST]
    assert len(discovered_forms(run, "all", 1)) == 1


@pytest.mark.browser
def test_crawl_probes_get_forms_only_when_asked(serve_site: Callable[[str], str]) -> None:
    root = serve_site("council")
    plain = run_audit([root], max_depth=0, viewports=[{"name": "desktop"}], ruleset="council")
    assert plain.journeys == []
    assert any(f.method == "get" for f in plain.pages[0].forms)
    probed = run_audit(
        [root],
        max_depth=0,
        viewports=[{"name": "desktop"}],
        ruleset="council",
        probe_forms="get",
    )
    assert probed.journeys, "the home page's GET search form is probed"
    for journey in probed.journeys:
        assert journey.name.startswith("GET form")
        kinds = [step.kind for step in journey.steps]
        assert "error_empty" in kinds, kinds
