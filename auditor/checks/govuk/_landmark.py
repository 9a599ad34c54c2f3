"""What the header and footer landmark checks share: a design-system component that must be
the page's top-level landmark of its kind (banner for the header, contentinfo for the footer)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from auditor.checks.base import Check, CheckContext
from auditor.checks.govuk._patterns import classes, landmark_of, outermost
from auditor.models import Finding


class ComponentLandmark(Check):
    """A check that each outermost element of `component_classes` is a top-level `element`
    (or carries `landmark_role`); pages without the component are inapplicable."""

    component_classes: ClassVar[tuple[str, ...]]
    element: ClassVar[str]
    landmark_role: ClassVar[str]

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        components = outermost(ctx.soup, self.component_classes)
        if not components:
            raise self.inapplicable()
        for component in components:
            landmark, why = landmark_of(component, self.element, self.landmark_role)
            if landmark is None:
                name = next(c for c in classes(component) if c in self.component_classes)
                yield self.fail(
                    ctx,
                    component,
                    f"The {name} is not the page's {self.landmark_role} landmark: {why}",
                )
