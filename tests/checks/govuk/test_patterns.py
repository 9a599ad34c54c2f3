"""Edge cases of the GOV.UK pattern checks that the fixture folders do not show."""

from __future__ import annotations

from bs4 import BeautifulSoup

from auditor.checks.base import Check, CheckContext
from auditor.checks.govuk._patterns import landmark_of, visible_text
from auditor.checks.govuk.error_summary import ErrorSummary
from auditor.checks.govuk.header_landmark import HeaderLandmark
from auditor.checks.govuk.skip_link_first import SkipLinkFirst
from auditor.checks.govuk.summary_list import SummaryList
from auditor.models import CheckResult, Outcome
from tests.conftest import snapshot_from_html

GOVUK_HEAD = '<head><title>{}</title><link rel="stylesheet" href="/govuk-frontend-5.4.0.min.css">'


def run(check: Check, body: str, title: str = "Page") -> CheckResult:
    html = f'<html class="govuk-template">{GOVUK_HEAD.format(title)}</head>{body}</html>'
    return check.run(CheckContext(snapshot_from_html(html)))


def test_header_with_another_role_is_no_banner() -> None:
    soup = BeautifulSoup(
        '<header role="presentation" class="govuk-header"></header>', "html.parser"
    )
    landmark, why = landmark_of(soup.header, "header", "banner")  # type: ignore[arg-type]
    assert landmark is None
    assert "role=banner" in why


def test_header_with_explicit_banner_role_in_a_div_passes() -> None:
    result = run(HeaderLandmark(), '<body><div class="govuk-header" role="banner"></div></body>')
    assert result.outcome is Outcome.PASS


def test_banner_role_nested_in_main_fails() -> None:
    body = '<body><main><div class="govuk-header" role="banner"></div></main></body>'
    result = run(HeaderLandmark(), body)
    assert result.outcome is Outcome.FAIL
    assert "its <div> is inside <main>" in result.findings[0].message


def test_error_summary_inside_a_form_after_a_hidden_input_passes() -> None:
    body = """<body><main id="main-content">
      <form method="post"><input type="hidden" name="csrf" value="x">
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
          <ul class="govuk-error-summary__list">
            <li><a href="#postcode">Enter a postcode</a></li></ul>
          </div></div>
        <h1>What is your postcode?</h1>
        <p class="govuk-error-message" id="postcode-error">Enter a postcode</p>
        <input id="postcode" name="postcode" aria-describedby="postcode-error">
      </form></main></body>"""
    assert run(ErrorSummary(), body, "Error: Postcode").outcome is Outcome.PASS
    assert run(ErrorSummary(), body, "Gwall: Cod post").outcome is Outcome.PASS


def test_error_summary_with_auto_focus_disabled_and_no_alert_fails() -> None:
    body = """<body><main>
      <div class="govuk-error-summary" data-module="govuk-error-summary"
           data-disable-auto-focus="true">
        <h2 class="govuk-error-summary__title">There is a problem</h2>
        <ul><li><a href="#postcode">Enter a postcode</a></li></ul></div>
      <input id="postcode"></main></body>"""
    result = run(ErrorSummary(), body, "Error: Postcode")
    assert result.outcome is Outcome.FAIL
    assert "does not take focus" in result.findings[0].message


def test_empty_error_message_placeholders_do_not_count() -> None:
    body = (
        '<body><main><p class="govuk-error-message" id="x-error"></p><input id="x"></main></body>'
    )
    assert run(ErrorSummary(), body).outcome is Outcome.INAPPLICABLE


def test_skip_link_after_a_hidden_cookie_banner_passes() -> None:
    body = """<body class="govuk-template__body">
      <div class="govuk-cookie-banner" hidden><button>Accept</button></div>
      <a href="#main" class="govuk-skip-link">Skip to main content</a>
      <header class="govuk-header"><a href="/">Home</a></header>
      <div id="main"><main><h1>Hi</h1></main></div></body>"""
    assert run(SkipLinkFirst(), body).outcome is Outcome.PASS


def test_skip_link_to_a_heading_inside_main_passes() -> None:
    body = """<body class="govuk-template__body">
      <a href="#title" class="govuk-skip-link">Skip to main content</a>
      <header class="govuk-header"><a href="/">Home</a></header>
      <main><h1 id="title">Hi</h1></main></body>"""
    assert run(SkipLinkFirst(), body).outcome is Outcome.PASS


def test_summary_list_change_links_named_by_aria_label_only_when_it_differs() -> None:
    body = """<body><main><dl class="govuk-summary-list">
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Name</dt><dd class="govuk-summary-list__value">Sam</dd>
        <dd class="govuk-summary-list__actions"><a href="/name" aria-label="Change">Change</a></dd>
      </div></dl></main></body>"""
    result = run(SummaryList(), body)
    assert result.outcome is Outcome.FAIL
    assert "does not say what it changes" in result.findings[0].message


def test_visible_text_leaves_out_visually_hidden_text() -> None:
    soup = BeautifulSoup(
        '<a>Change<span class="govuk-visually-hidden"> postcode</span></a>', "html.parser"
    )
    assert visible_text(soup.a) == "Change"  # type: ignore[arg-type]
