"""A journey's test data: the values it types, those that are secrets, and scrubbing them from a
result. Test data never reaches a report, a log or a screenshot."""

from __future__ import annotations

import json

from auditor.config import resolve_secret
from auditor.journeys.model import FillStep, Journey
from auditor.models import JourneyResult

SECRET_MIN_LENGTH = 4  # shorter values ("1", "No") would scrub ordinary words from the report
REDACTED = "[test data]"


def value_of(step: FillStep, data: dict[str, str]) -> str:
    if step.data is not None:
        return data[step.data]
    return resolve_secret(step.value or "")


def typed_values(journey: Journey, data: dict[str, str]) -> list[str]:
    """Every value the journey may type: the test data that must never reach a report."""
    values = list(data.values())
    for step in journey.steps:
        if isinstance(step, FillStep):
            values.append(value_of(step, data))
            if step.invalid:
                values.append(resolve_secret(step.invalid))
    return sorted({v for v in values if len(v) >= SECRET_MIN_LENGTH}, key=len, reverse=True)


def secret_values(journey: Journey, data: dict[str, str]) -> list[str]:
    """The values read from the environment or a file: a page showing one is not photographed."""
    named = [
        data[k] for k, v in journey.data.items() if k in data and v.startswith(("env:", "file:"))
    ]
    for step in journey.steps:
        if isinstance(step, FillStep):
            for raw in (step.value, step.invalid):
                if raw and raw.startswith(("env:", "file:")):
                    named.append(resolve_secret(raw))
    return [v for v in named if len(v) >= SECRET_MIN_LENGTH]


def scrub(result: JourneyResult, secrets: list[str]) -> JourneyResult:
    """The result with every value typed replaced, wherever the page echoed it."""
    if not secrets:
        return result
    text = result.model_dump_json()
    for secret in secrets:
        text = text.replace(json.dumps(secret)[1:-1], REDACTED)
    return JourneyResult.model_validate_json(text)
