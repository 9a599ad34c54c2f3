"""Required ARIA states a browser fills in when the author leaves them out.

axe-core's `aria-required-attr` fails an element whose role lacks a state the WAI-ARIA
specification calls required, such as `aria-checked` on `role="checkbox"`. The W3C rule it
implements (ACT 4e8ab6) maps to no WCAG success criterion, and for several of those states the
Core Accessibility API Mappings give browsers a value to expose when the author gives none
("Overview of default values for missing required attributes"): a checkbox without
`aria-checked` is exposed as not checked, a combobox without `aria-expanded` as collapsed. Such
an element is not a sure failure of WCAG 4.1.2: assistive technology hears a state, and a person
must judge whether it is the right one. Missing states with no default stay failures.
"""

from __future__ import annotations

import re

# Core-AAM 1.1/1.2, "Overview of default values for missing required attributes".
_CHECKED = ("checkbox", "menuitemcheckbox", "menuitemradio", "radio", "switch")
_RANGES = ("scrollbar", "separator", "slider")
CORE_AAM_DEFAULTS: dict[str, dict[str, str]] = {
    "aria-checked": dict.fromkeys(_CHECKED, "false"),
    "aria-expanded": {"combobox": "false"},
    "aria-level": {"heading": "2"},
    "aria-selected": {"option": "false", "tab": "false"},
    "aria-valuemin": dict.fromkeys(_RANGES, "0"),
    "aria-valuemax": dict.fromkeys(_RANGES, "100"),
    "aria-valuenow": dict.fromkeys(_RANGES, "half way between its minimum and maximum"),
}

_ROLE = re.compile(r"""\brole\s*=\s*["']?\s*([a-z]+)""", re.IGNORECASE)
_MISSING = re.compile(r"Required ARIA attributes? not present:\s*([a-z\-,\s]+)", re.IGNORECASE)


def _missing_states(failure_summary: str) -> list[str]:
    found: list[str] = []
    for match in _MISSING.finditer(failure_summary):
        found += [a.strip().lower() for a in match.group(1).split(",") if a.strip()]
    return list(dict.fromkeys(a for a in found if a.startswith("aria-")))


def _default(role: str, state: str, missing: list[str]) -> str | None:
    if role == "combobox" and state == "aria-controls" and "aria-expanded" in missing:
        # Collapsed by default, and a collapsed combobox has no popup to point at: axe-core
        # itself waives aria-controls for aria-expanded="false".
        return "not needed while collapsed"
    return CORE_AAM_DEFAULTS.get(state, {}).get(role)


def defaulted_states_note(rule_id: str, html: str, failure_summary: str) -> str | None:
    """Why an `aria-required-attr` violation is not a sure failure: every state it says is
    missing has a value the browser exposes for the element's role. None otherwise."""
    if rule_id != "aria-required-attr":
        return None
    role_match = _ROLE.search(html.split(">", 1)[0])
    missing = _missing_states(failure_summary)
    if role_match is None or not missing:
        return None
    role = role_match.group(1).lower()
    defaults = [(state, _default(role, state, missing)) for state in missing]
    if any(value is None for _, value in defaults):
        return None
    said = ", ".join(f"{state} {value}" for state, value in defaults)
    return (
        f"browsers give a role={role} element that lacks it a default value ({said}, per the "
        "Core Accessibility API Mappings), so assistive technology still hears a state: check "
        "that it is the right one, and set it explicitly"
    )
