"""Error states of the forms a crawl discovered, probed only when the user allows it.

Off by default: submitting a form on a live site can create records. `probe_forms = "get"`
probes GET forms only (searches, lookups: a GET changes nothing by the rules of HTTP);
`"all"` probes POST forms too, for test and staging sites. Each form is probed once however
many pages carry it (a site-wide search box), at most `probe_forms_max` forms, as a one-step
journey whose only step is final and never taken: the form is submitted empty to audit its
error state (`probe_final`), and nothing else is sent.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from auditor.config import AuditConfig
from auditor.journeys.model import ClickStep, Journey
from auditor.journeys.runner import JourneyFile, JourneyRunner
from auditor.models import FormRef, JourneyResult, Run
from auditor.ruleset import Ruleset


def discovered_forms(run: Run, mode: str, most: int) -> list[tuple[str, FormRef]]:
    """(page URL, form) for each distinct form the mode allows, in crawl order, at most `most`."""
    chosen: list[tuple[str, FormRef]] = []
    seen: set[tuple[str, str, int]] = set()
    for page in run.pages:
        if page.load_error or page.duplicate_of:
            continue
        for form in page.forms:
            if form.submit is None or not form.fields:
                continue
            if mode == "get" and form.method != "get":
                continue
            key = (urlsplit(form.action).path, form.selector, form.fields)
            if key in seen:
                continue
            seen.add(key)
            chosen.append((page.final_url, form))
            if len(chosen) >= most:
                return chosen
    return chosen


async def probe_discovered_forms(
    run: Run, config: AuditConfig, ruleset: Ruleset
) -> list[JourneyResult]:
    """Probe the error states of the run's forms the config allows; one journey result each."""
    forms = discovered_forms(run, config.probe_forms, config.probe_forms_max)
    if not forms:
        return []
    names = {v.name for v in config.viewports}
    viewports: list[str] | None = ["desktop"] if "desktop" in names else None
    files = [
        JourneyFile(
            Path(f"discovered-form-{index}"),
            Journey.model_validate(
                {
                    "name": f"{form.method.upper()} form {form.selector} on "
                    f"{urlsplit(page_url).path or '/'}",
                    "start": page_url,
                    "steps": [ClickStep(click=form.submit or "", name="Submit the form")],
                    "error_states": True,
                    "probe_final": True,
                    "viewports": viewports,
                }
            ),
        )
        for index, (page_url, form) in enumerate(forms, start=1)
    ]
    probed = await JourneyRunner(config, ruleset, Path(config.out)).run(files)
    return probed.journeys
