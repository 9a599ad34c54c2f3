"""What the gather stage is asked to do, from a run's config and ruleset: credentials with
secrets resolved, viewports, the probes the selected checks require, axe's options."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from auditor import __version__
from auditor.config import AuditConfig, resolve_secret
from auditor.gather.session import BrowserAuth, GatherOptions
from auditor.probes.axe import axe_options, axe_source
from auditor.ruleset import Ruleset


def browser_auth(config: AuditConfig, seeds: Sequence[str]) -> BrowserAuth:
    """Credentials for the browser with secrets resolved now: a missing variable stops the run
    before anything starts."""
    host = urlsplit(seeds[0]).hostname if seeds else None
    cookies = [
        {
            "name": c.name,
            "value": resolve_secret(c.value),
            "domain": c.domain or host or "",
            "path": c.path,
        }
        for c in config.cookies
    ]
    credentials = None
    if config.http_user is not None:
        credentials = {
            "username": config.http_user,
            "password": resolve_secret(config.http_password or ""),
        }
    login = config.login
    return BrowserAuth(
        headers={k: resolve_secret(v) for k, v in config.headers.items()},
        cookies=cookies,
        http_credentials=credentials,
        login_url=login.url if login else None,
        login_steps=[
            {k: resolve_secret(v) if k == "value" else v for k, v in step.model_dump().items() if v}
            for step in (login.steps if login else [])
        ],
    )


def gather_options(config: AuditConfig, ruleset: Ruleset, auth: BrowserAuth) -> GatherOptions:
    checks = [c for c in ruleset.selected_checks().values() if not c.site_level]
    probes = {
        v.name: tuple(sorted({p for c in checks if c.meta.applies_in(v) for p in c.meta.probes}))
        for v in config.viewports
    }
    return GatherOptions(
        viewports=tuple(config.viewports),
        probes=probes,
        run_axe=any("axe" in c.meta.requires for c in checks),
        axe_source=axe_source(config.axe_script),
        axe_options=axe_options(ruleset.axe.tags, ruleset.axe.disable),
        page_timeout_s=config.page_timeout,
        settle_ms=config.settle_ms,
        quiet_ms=config.quiet_ms,
        user_agent_suffix=f"auditor/{__version__}",
        auth=auth,
    )
