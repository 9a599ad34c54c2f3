"""What every stage names: outcomes, impacts, viewports, the page to audit and its links."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SNAPSHOT_SCHEMA_VERSION = 1


RUN_SCHEMA_VERSION = 1


class Outcome(StrEnum):
    """A check's outcome on one page; axe's four buckets plus manual and error."""

    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    NEEDS_REVIEW = "needs_review"
    INAPPLICABLE = "inapplicable"
    MANUAL = "manual"
    ERROR = "error"


class Impact(StrEnum):
    CRITICAL = "critical"
    SERIOUS = "serious"
    MODERATE = "moderate"
    MINOR = "minor"


IMPACT_ORDER = (Impact.CRITICAL, Impact.SERIOUS, Impact.MODERATE, Impact.MINOR)


TargetSource = Literal["seed", "link", "sitemap", "sample"]


class Viewport(BaseModel):
    """A browser window to audit in. `mobile` emulates a phone (touch, mobile user agent)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "desktop"
    width: int = Field(1280, ge=200, le=8000)
    height: int = Field(800, ge=200, le=8000)
    mobile: bool = False
    device_scale_factor: float = Field(1.0, gt=0, le=4)
    user_agent: str | None = None


# A Chromium phone profile (Pixel 5's user agent and pixel ratio) at 320 CSS px, the width WCAG
# 1.4.10 Reflow names.
MOBILE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 11; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0.0.0 Mobile Safari/537.36"
)


DESKTOP = Viewport()


MOBILE = Viewport(
    name="mobile",
    width=320,
    height=658,
    mobile=True,
    device_scale_factor=2.75,
    user_agent=MOBILE_USER_AGENT,
)


VIEWPORT_PRESETS = {"desktop": DESKTOP, "mobile": MOBILE}


class Target(BaseModel):
    """One page the crawler asks the gatherer to visit."""

    model_config = ConfigDict(frozen=True)

    url: str
    depth: int = 0
    found_on: str | None = None
    source: TargetSource = "seed"


class Link(BaseModel):
    """A link seen in a rendered page (recorded so site-level checks can follow it)."""

    model_config = ConfigDict(frozen=True)

    url: str
    selector: str
    text: str = ""
    # Inside a nav, header or footer (or a navigation, banner or contentinfo role): the
    # site's repeated navigation, which custom/consistent-navigation compares across pages.
    in_navigation: bool = False
