"""Design-system patterns an axe-core rule disagrees with, known and explained.

GOV.UK Frontend, NHS.UK Frontend and LocalGov Drupal build components that user research and
assistive-technology testing have settled, and a few of them trip an axe-core rule whose authors
read the specifications differently. Such a violation is not a sure failure: it becomes a review
item that names the pattern, says why the rule disagrees and links the pattern's guidance, so a
web team can tell a known disagreement from a defect of their own.

A pattern matches on the axe rule and on the element's own markup (the design system's class
names), never on the page's address, so the same component anywhere is treated the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class KnownPattern:
    """One component of a design system that an axe rule reports although the design system's
    own accessibility testing supports it."""

    rule_id: str  # the axe rule, without the "axe/" prefix
    design_system: str
    component: str
    markup: re.Pattern[str]  # must match the reported element's HTML
    why: str
    guidance_url: str

    def explain(self) -> str:
        return (
            f"This is {self.design_system}'s {self.component}, a known disagreement with this "
            f"axe-core rule: {self.why} Check the component is used as its guidance says "
            f"({self.guidance_url}) rather than changing it."
        )


KNOWN_PATTERNS: tuple[KnownPattern, ...] = (
    KnownPattern(
        rule_id="aria-allowed-attr",
        design_system="GOV.UK Frontend",
        component="conditionally revealing radios or checkboxes",
        markup=re.compile(
            r"govuk-(radios|checkboxes)__input[^>]*aria-expanded|aria-expanded"
            r"[^>]*govuk-(radios|checkboxes)__input"
        ),
        why=(
            "the design system sets aria-expanded on a radio or checkbox that shows a further "
            "question, so screen readers announce that it reveals content; axe-core does not "
            "allow aria-expanded on those roles."
        ),
        guidance_url=(
            "https://design-system.service.gov.uk/components/radios/"
            "#conditionally-revealing-a-related-question"
        ),
    ),
    KnownPattern(
        rule_id="aria-allowed-attr",
        design_system="NHS.UK Frontend",
        component="conditionally revealing radios or checkboxes",
        markup=re.compile(
            r"nhsuk-(radios|checkboxes)__input[^>]*aria-expanded|aria-expanded"
            r"[^>]*nhsuk-(radios|checkboxes)__input"
        ),
        why=(
            "the design system sets aria-expanded on a radio or checkbox that shows a further "
            "question, as GOV.UK Frontend does; axe-core does not allow aria-expanded on those "
            "roles."
        ),
        guidance_url="https://service-manual.nhs.uk/design-system/components/radios",
    ),
    KnownPattern(
        rule_id="label-content-name-mismatch",
        design_system="GOV.UK Frontend",
        component="file upload (the enhanced drop zone)",
        markup=re.compile(r"govuk-file-upload-button"),
        why=(
            "the button's accessible name is built with aria-labelledby from the field's label "
            "and the button's own visible text, so the visible text is in the name; axe-core's "
            "rule reads the combined name as a mismatch."
        ),
        guidance_url="https://design-system.service.gov.uk/components/file-upload/",
    ),
)


def known_pattern(rule_id: str, html: str) -> KnownPattern | None:
    """The known pattern an axe violation of `rule_id` on this element's markup is, if any."""
    return next((p for p in KNOWN_PATTERNS if p.rule_id == rule_id and p.markup.search(html)), None)
