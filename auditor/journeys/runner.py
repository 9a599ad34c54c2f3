"""The gather stage for journeys: drive one page per viewport through a journey's steps, audit
the page after every action, and probe each form step's error state on the way.

At a step that submits a form (a click on its submit button, or Enter in one of its fields) the
runner first submits the form empty, then (when the journey gives `invalid` values) with those,
and audits each error state with every check; it then reloads the form, types the journey's
values again and takes the step for real. The step that sends the application (`final`) is
taken only when the journey says `submit_final: true`, and its form is never probed.

Test data never leaves this module: step descriptions name selectors, not values; screenshots
mask every field typed into and are withheld when the page shows a secret; and every string of
the result is scrubbed of the values typed before it is returned.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

from auditor.checks.base import BaseCheck
from auditor.config import AuditConfig, resolve_secret
from auditor.gather.driver import ActionFailed, ActionTimedOut, DrivenPage
from auditor.gather.session import ChromiumSession, find_chromium
from auditor.gather.worker import PageWorker
from auditor.journeys.explain import first_line, untested_note, why_missing
from auditor.journeys.load import resolve_data
from auditor.journeys.model import (
    ChooseStep,
    ClickStep,
    ExpectTextStep,
    ExpectUrlStep,
    FillStep,
    GotoStep,
    Journey,
    PressStep,
    SelectStep,
    TickStep,
    UntickStep,
    UploadStep,
    WaitForStep,
    action_of,
)
from auditor.journeys.page_scripts import EMPTY_FORM, FORM_OF, KEPT, TEXTS, with_lib
from auditor.journeys.redaction import (
    SECRET_MIN_LENGTH,
    scrub,
    secret_values,
    typed_values,
    value_of,
)
from auditor.models import (
    VIEWPORT_PRESETS,
    JourneyResult,
    JourneyStep,
    PageResult,
    Run,
    Target,
    Viewport,
    journey_problems,
)
from auditor.pipeline.assemble import assemble_run, summarise
from auditor.pipeline.evaluate import check_info, check_page
from auditor.pipeline.options import browser_auth, gather_options
from auditor.probes.error_state import MARK
from auditor.probes.journey_control import MARK as CONTROL_MARK
from auditor.ruleset import Ruleset
from auditor.scoring import score

# Steps that only look at the page: the state after them is the state before.
_LOOKS_ONLY = ("wait_for", "expect_text", "expect_url")
Progress = Callable[[str], None]


class JourneyBroken(Exception):
    """A step could not be taken: the journey stops there and the next one runs."""


@dataclass(frozen=True)
class JourneyFile:
    """A loaded journey and the file it came from (uploads are relative to it)."""

    path: Path
    journey: Journey


@dataclass
class _Typed:
    """What the runner typed on the current page, to replay after probing its error state."""

    steps: list[tuple[int, Any]] = field(default_factory=list)


@dataclass
class JourneyRunner:
    """Runs journeys in one Chromium; each journey in each viewport, one after another."""

    config: AuditConfig
    ruleset: Ruleset
    out: Path
    base_url: str | None = None
    step_timeout_s: float = 10.0
    progress: Progress | None = None
    _checks: list[type[BaseCheck]] = field(default_factory=list)
    _axe_version: str | None = None

    async def run(self, files: Sequence[JourneyFile]) -> Run:
        started = datetime.now(UTC)
        data = {str(f.path): resolve_data(f.journey) for f in files}  # fails before the browser
        typed = {str(f.path): typed_values(f.journey, data[str(f.path)]) for f in files}
        self._checks = [c for c in self.ruleset.selected_checks().values() if not c.site_level]
        options = gather_options(self.config, self.ruleset, browser_auth(self.config, []))
        results: list[JourneyResult] = []
        session = ChromiumSession(find_chromium(self.config.chromium), options)
        async with session:
            for file in files:
                for viewport in self._viewports(file.journey):
                    worker = session.worker()
                    try:
                        result = await self._run_one(worker, file, viewport, data[str(file.path)])
                    finally:
                        await worker.close()
                    results.append(scrub(result, typed[str(file.path)]))
            browser_version = session.version
        return self._assemble(files, results, started, browser_version)

    def _viewports(self, journey: Journey) -> list[Viewport]:
        if journey.viewports:
            return [VIEWPORT_PRESETS[name] for name in journey.viewports]
        return list(self.config.viewports)

    def _say(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)

    def _url(self, journey: Journey, where: str) -> str:
        base = self.base_url or journey.start
        return urljoin(urljoin(base, journey.start), where)

    async def _run_one(
        self,
        worker: PageWorker,
        file: JourneyFile,
        viewport: Viewport,
        data: dict[str, str],
    ) -> JourneyResult:
        journey = file.journey
        start = self._url(journey, journey.start)
        result = JourneyResult(
            name=journey.name,
            file=file.path.name,
            viewport=viewport.name,
            status="completed",
            start_url=start,
        )
        final = journey.final_index()
        shots = self.out / "journeys"
        slug = re.sub(r"[^a-z0-9]+", "-", journey.name.lower()).strip("-")[:40] or "journey"
        hidden = secret_values(journey, data)
        ctx = _Context(worker, viewport, hidden, shots, f"{slug}-{viewport.name}")
        ctx.test_data = typed_values(journey, data)
        try:
            page = await worker.driven_page(viewport, self.step_timeout_s)
            ctx.page = page
            await self._goto(page, start)
            await self._record(ctx, result, -1, f"Open {start}")
            for index, step in enumerate(journey.steps):
                probe = step.submits and journey.error_states
                if index == final and probe and journey.probe_final:
                    ctx.current = (index, step.describe())
                    await self._probe_error_states(ctx, result, journey, index, data)
                if index == final and not journey.submit_final:
                    result.status = "stopped_before_final"
                    result.steps.append(
                        JourneyStep(
                            index=index,
                            action=step.describe(),
                            kind="stopped",
                            url=page.url,
                            note="the final submission was not made (the journey does not set "
                            "submit_final: true)",
                        )
                    )
                    break
                ctx.current = (index, step.describe())
                self._say(f"{journey.name} [{viewport.name}] step {index + 1}: {step.describe()}")
                if probe and index != final:
                    await self._probe_error_states(ctx, result, journey, index, data)
                url_before = page.url
                try:
                    await self._act(page, journey, step, data, file.path.parent)
                except ActionTimedOut as exc:
                    raise JourneyBroken(await why_missing(page, step, exc)) from None
                if action_of(step) in ("fill", "choose", "tick", "untick", "select", "upload"):
                    ctx.typed.steps.append((index, step))
                await page.settle()
                if page.url != url_before:
                    ctx.typed = _Typed()
                await self._record(ctx, result, index, step.describe(), step=step)
        except (JourneyBroken, ActionFailed) as exc:
            await self._broken(ctx, result, exc)
        finally:
            await worker.wipe(viewport)
        return result

    async def _goto(self, page: DrivenPage, url: str) -> None:
        status = await page.goto(url)
        if status is not None and status >= 400:
            raise JourneyBroken(f"{url} answered HTTP {status}")

    async def _act(
        self, page: DrivenPage, journey: Journey, step: Any, data: dict[str, str], folder: Path
    ) -> None:
        """Take one step; JourneyBroken (or ActionFailed) when it cannot be taken."""
        if isinstance(step, GotoStep):
            await self._goto(page, self._url(journey, step.goto))
        elif isinstance(step, FillStep):
            await page.fill(step.fill, value_of(step, data))
        elif isinstance(step, ChooseStep):
            await page.check(step.choose)
        elif isinstance(step, TickStep):
            await page.check(step.tick)
        elif isinstance(step, UntickStep):
            await page.uncheck(step.untick)
        elif isinstance(step, SelectStep):
            await page.select(step.select, step.option)
        elif isinstance(step, UploadStep):
            await page.upload(step.upload, folder / step.file)
        elif isinstance(step, ClickStep):
            await page.click(step.click)
        elif isinstance(step, PressStep):
            await page.press(step.press, on=step.on)
        elif isinstance(step, WaitForStep):
            await page.wait_for(step.wait_for)
        elif isinstance(step, ExpectTextStep):
            if not await page.shows_text(step.expect_text):
                raise JourneyBroken(
                    f"the page does not show the expected text {step.expect_text!r}"
                )
        elif isinstance(step, ExpectUrlStep) and not await page.reaches_url(step.expect_url):
            raise JourneyBroken(f"the URL {page.url} does not contain {step.expect_url!r}")

    async def _record(
        self,
        ctx: _Context,
        result: JourneyResult,
        index: int,
        action: str,
        kind: Literal["action", "error_empty", "error_invalid", "untested"] = "action",
        step: Any = None,
    ) -> None:
        """Audit the page as it is now, unless it has not changed since the last state."""
        page = ctx.page
        assert page is not None
        html = await page.content()
        unchanged = html == ctx.last_html or action_of(step) in _LOOKS_ONLY if step else False
        if kind == "action" and unchanged and page.url == ctx.last_url:
            same = next((s.index for s in reversed(result.steps) if s.page is not None), None)
            result.steps.append(
                JourneyStep(
                    index=index,
                    action=action,
                    kind="action",
                    url=page.url,
                    title=await page.title(),
                    same_as=same,
                )
            )
            return
        snapshot = await ctx.worker.snapshot_current(ctx.viewport, Target(url=page.url))
        if snapshot.axe is not None:
            self._axe_version = snapshot.axe.engine_version
        checked = check_page([snapshot], self._checks, self.ruleset.wcag_version)
        ctx.last_html, ctx.last_url = snapshot.html, page.url
        step = JourneyStep(
            index=index,
            action=action,
            kind=kind,
            url=page.url,
            title=snapshot.title,
            page=checked,
            screenshot=await ctx.screenshot(f"{len(result.steps):02d}"),
        )
        result.steps.append(step)

    async def _probe_error_states(
        self,
        ctx: _Context,
        result: JourneyResult,
        journey: Journey,
        index: int,
        data: dict[str, str],
    ) -> None:
        """Submit the step's form empty, then with the journey's wrong values; audit each error
        state; then put the form back as the journey left it."""
        page = ctx.page
        assert page is not None
        step = journey.steps[index]
        target = step.click if isinstance(step, ClickStep) else getattr(step, "on", None)
        if target is None:
            return
        enter = isinstance(step, PressStep)
        try:
            form = await page.evaluate_on(target, with_lib(FORM_OF), enter)
        except ActionFailed:
            return  # the step itself will report the missing element
        if not isinstance(form, dict):
            return
        if form.get("untested"):
            # Judge the control itself (forms/continue-keyboard) on the page as it stands.
            await page.evaluate(
                "([name, mark]) => { window[name] = mark; }", [CONTROL_MARK, {"selector": target}]
            )
            await self._record(ctx, result, index, f"Error states of {step.describe()}", "untested")
            await page.evaluate("(name) => { delete window[name]; }", CONTROL_MARK)
            result.steps[-1].note = untested_note(target, form)
            return
        form_url = page.url
        invalid = [(i, s) for i, s in ctx.typed.steps if isinstance(s, FillStep) and s.invalid]
        runs: list[tuple[Literal["error_empty", "error_invalid"], str]] = [
            ("error_empty", "Submit the form empty")
        ]
        if invalid:
            runs.append(("error_invalid", "Submit the form with wrong values"))
        for kind, label in runs:
            before = await page.evaluate(TEXTS)
            if kind == "error_empty":
                await page.evaluate(EMPTY_FORM, form["form"])
                typed_now: list[tuple[str, str]] = []
            else:
                typed_now = await self._replay(page, ctx.typed, data, use_invalid=True)
            await self._submit(page, target, enter)
            await page.settle()
            kept = {}
            for selector, value in typed_now:
                with contextlib.suppress(ActionFailed):
                    key, was_kept = await page.evaluate_on(
                        selector, with_lib(KEPT), value, timeout_s=2
                    )
                    kept[key] = was_kept
            await page.evaluate(
                "([name, mark]) => { window[name] = mark; }",
                [
                    MARK,
                    {
                        "kind": kind.removeprefix("error_"),
                        "form": form["form"],
                        "before": before,
                        "kept": kept,
                    },
                ],
            )
            result.submissions_probed += 1
            await self._record(ctx, result, index, f"{label} ({step.describe()})", kind)
            # Put the form back as the journey left it.
            await self._goto(page, form_url)
            await page.settle()
            await self._replay(page, ctx.typed, data, use_invalid=False)
            ctx.last_html = ""

    async def _submit(self, page: DrivenPage, target: str, enter: bool) -> None:
        if enter:
            await page.press("Enter", on=target)
        else:
            await page.click(target)

    async def _replay(
        self, page: DrivenPage, typed: _Typed, data: dict[str, str], use_invalid: bool
    ) -> list[tuple[str, str]]:
        """Type the journey's values on this page again (wrong ones where asked); what was
        typed where, for the values-kept check."""
        done: list[tuple[str, str]] = []
        for _, step in typed.steps:
            if isinstance(step, FillStep):
                value = (
                    resolve_secret(step.invalid)
                    if use_invalid and step.invalid
                    else value_of(step, data)
                )
                await page.fill(step.fill, value)
                done.append((step.fill, value))
            elif isinstance(step, ChooseStep | TickStep):
                selector = step.choose if isinstance(step, ChooseStep) else step.tick
                await page.check(selector)
                done.append((selector, ""))
            elif isinstance(step, UntickStep):
                await page.uncheck(step.untick)
            elif isinstance(step, SelectStep):
                with contextlib.suppress(ActionFailed):
                    await page.select(step.select, step.option, by_label_too=False)
        return done

    async def _broken(self, ctx: _Context, result: JourneyResult, exc: BaseException) -> None:
        page = ctx.page
        index, action = ctx.current
        message = first_line(exc)
        result.status = "broken"
        url = ""
        shot = None
        if page is not None:
            with contextlib.suppress(ActionFailed):
                url = page.url
                shot = await ctx.screenshot("broken")
        result.error = f"step {index + 1} ({action}): {message}" if index >= 0 else message
        result.steps.append(
            JourneyStep(
                index=index,
                action=action,
                kind="broken",
                url=url,
                screenshot=shot,
                note=message,
            )
        )
        self._say(f"{result.name} [{result.viewport}] broke: {result.error}")

    def _assemble(
        self,
        files: Sequence[JourneyFile],
        results: list[JourneyResult],
        started: datetime,
        browser_version: str,
    ) -> Run:
        seeds = list(dict.fromkeys(r.start_url for r in results))
        run = assemble_run(
            pages=[],
            config=self.config,
            ruleset=self.ruleset,
            started_at=started,
            seeds=seeds,
            browser_version=browser_version or None,
            axe_version=self._axe_version,
        )
        version = self.ruleset.wcag_version
        infos = {
            cid: check_info(cls, version) for cid, cls in self.ruleset.selected_checks().items()
        }
        pages: list[PageResult] = [s.page for r in results for s in r.steps if s.page]
        findings = journey_problems(results)
        summary = summarise(pages, findings)
        broken = [r for r in results if r.status == "broken"]
        warnings = [f"journey {r.name!r} [{r.viewport}] broke: {r.error}" for r in broken]
        return run.model_copy(
            update={
                "journeys": results,
                "score": score(pages, infos, self.ruleset.weights, self.ruleset.categories)
                if pages
                else None,
                "summary": summary,
                "warnings": [*run.warnings, *warnings],
                "config": {**run.config, "journeys": [str(f.path) for f in files]},
            }
        )


@dataclass
class _Context:
    """One journey in one viewport: its page, the state last audited and where to save shots."""

    worker: PageWorker
    viewport: Viewport
    secrets: list[str]
    folder: Path
    prefix: str
    page: DrivenPage | None = None
    typed: _Typed = field(default_factory=_Typed)
    last_html: str = ""
    last_url: str = ""
    current: tuple[int, str] = (-1, "Open the start page")
    test_data: list[str] = field(default_factory=list)  # every value the journey may type

    async def screenshot(self, name: str) -> str | None:
        """A PNG of the viewport with every field masked, and every text that quotes a value
        typed (an error message repeating the wrong value); None when the page shows a secret
        (a value from the environment or a file) or the shot fails."""
        page = self.page
        if page is None:
            return None
        try:
            text = await page.evaluate("() => document.body ? document.body.innerText : ''")
            if any(s in text for s in self.secrets if len(s) >= SECRET_MIN_LENGTH):
                return None
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"{self.prefix}-{name}.png"
            quoted = [value for value in self.test_data if value in text]
            await page.screenshot(path, "input:not([type=hidden]), textarea", quoted)
        except (ActionFailed, OSError):
            return None
        return f"{self.folder.name}/{path.name}"
