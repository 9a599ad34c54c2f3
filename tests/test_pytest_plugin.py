"""The pytest plugin, used as a team would use it in their own suite."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from auditor.models import Run
from auditor.pytest_plugin import assert_accessible

pytestmark = pytest.mark.browser

GOOD = """<!DOCTYPE html><html lang="en"><head><title>Report a missed bin</title></head>
<body><main><h1>Report a missed bin</h1><form><label for="postcode">Postcode</label>
<input id="postcode" name="postcode" autocomplete="postal-code"><button>Continue</button>
</form></main></body></html>"""
BAD = GOOD.replace('<label for="postcode">Postcode</label>', "")


def test_a_good_template_passes(audit_html: Callable[..., Run]) -> None:
    assert_accessible(audit_html(GOOD))


def test_a_bad_template_fails_with_the_problem_named(audit_html: Callable[..., Run]) -> None:
    run = audit_html(BAD)
    with pytest.raises(AssertionError, match=r"axe/label \(critical\) at #postcode"):
        assert_accessible(run)
    assert_accessible(run, allow={"axe/label"})
