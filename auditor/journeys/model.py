"""A journey file's types: a service's start URL, its steps, its test data and where to stop.

Every step is one action, named by its key (`fill: "#postcode"`), so a file reads like a script.
Values typed into a service are test data: they come from the file or from the environment
(`env:NAME`) and never reach a report, a log or the history database.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

# The actions a step can take, by the key that names it.
ACTIONS = (
    "goto",
    "fill",
    "choose",
    "tick",
    "untick",
    "select",
    "upload",
    "click",
    "press",
    "wait_for",
    "expect_text",
    "expect_url",
)


class _Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    final: bool = Field(
        False,
        description="this action sends the application: done only when the journey says "
        "submit_final: true",
    )
    name: str | None = Field(None, description="what the step is, for the report")
    # The field holding the selector of the element the step acts on, if it has one.
    selector_field: ClassVar[str | None] = None

    @property
    def selector(self) -> str | None:
        """The selector of the element the step acts on (None for goto, press anywhere…)."""
        value = getattr(self, self.selector_field) if self.selector_field else None
        return value if isinstance(value, str) and value else None

    def describe(self) -> str:
        """What the step does, for the report: never a value typed (test data stays secret).
        Each kind of step names its target; this is the fallback for a step without one."""
        return self.name or type(self).__name__.removesuffix("Step").lower()

    @property
    def submits(self) -> bool:
        """Whether this action may submit a form (its form is probed for error states)."""
        return False


class GotoStep(_Step):
    goto: str = Field(description="a URL, or a path resolved against the journey's start URL")

    def describe(self) -> str:
        return self.name or f"Go to {self.goto}"


class FillStep(_Step):
    selector_field: ClassVar[str | None] = "fill"
    fill: str = Field(description="selector of a text field, textarea or date part")
    value: str | None = Field(None, description="what to type (or env:NAME)")
    data: str | None = Field(None, description="the name of a `data` entry to type")
    invalid: str | None = Field(
        None, description="a wrong value typed when probing the step's error state"
    )

    @model_validator(mode="after")
    def _one_value(self) -> FillStep:
        if (self.value is None) == (self.data is None):
            raise ValueError("give exactly one of value or data")
        return self

    def describe(self) -> str:
        return self.name or f"Fill {self.fill}"


class ChooseStep(_Step):
    selector_field: ClassVar[str | None] = "choose"
    choose: str = Field(description="selector of a radio button to choose")

    def describe(self) -> str:
        return self.name or f"Choose {self.choose}"


class TickStep(_Step):
    selector_field: ClassVar[str | None] = "tick"
    tick: str = Field(description="selector of a checkbox to tick")

    def describe(self) -> str:
        return self.name or f"Tick {self.tick}"


class UntickStep(_Step):
    selector_field: ClassVar[str | None] = "untick"
    untick: str = Field(description="selector of a checkbox to untick")

    def describe(self) -> str:
        return self.name or f"Untick {self.untick}"


class SelectStep(_Step):
    selector_field: ClassVar[str | None] = "select"
    select: str = Field(description="selector of a <select>")
    option: str = Field(description="the option's value or its label")

    def describe(self) -> str:
        return self.name or f"Select an option in {self.select}"


class UploadStep(_Step):
    selector_field: ClassVar[str | None] = "upload"
    upload: str = Field(description="selector of a file input")
    file: str = Field(description="path of the file to upload, relative to the journey file")

    def describe(self) -> str:
        return self.name or f"Upload a file to {self.upload}"


class ClickStep(_Step):
    selector_field: ClassVar[str | None] = "click"
    click: str = Field(description="selector of a button or link to click")

    def describe(self) -> str:
        return self.name or f"Click {self.click}"

    @property
    def submits(self) -> bool:
        return True


class PressStep(_Step):
    selector_field: ClassVar[str | None] = "on"
    press: str = Field(description='a key, such as "Enter" or "Tab"')
    on: str | None = Field(None, description="selector of the element to press it on")

    def describe(self) -> str:
        return self.name or f"Press {self.press}" + (f" on {self.on}" if self.on else "")

    @property
    def submits(self) -> bool:
        return self.press == "Enter" and self.on is not None


class WaitForStep(_Step):
    selector_field: ClassVar[str | None] = "wait_for"
    wait_for: str = Field(description="selector of an element to wait for")

    def describe(self) -> str:
        return self.name or f"Wait for {self.wait_for}"


class ExpectTextStep(_Step):
    expect_text: str = Field(description="text the page must show")

    def describe(self) -> str:
        return self.name or f"Expect the text {self.expect_text!r}"


class ExpectUrlStep(_Step):
    expect_url: str = Field(description="the URL must contain this (a path, say)")

    def describe(self) -> str:
        return self.name or f"Expect the URL to contain {self.expect_url}"


def action_of(step: Any) -> str | None:
    """The action a raw step names: the one key of ACTIONS it has (None if none or several)."""
    if isinstance(step, _Step):
        return next(a for a in ACTIONS if hasattr(step, a))
    if not isinstance(step, dict):
        return None
    named = [key for key in step if key in ACTIONS]
    return named[0] if len(named) == 1 else None


Step = Annotated[
    Annotated[GotoStep, Tag("goto")]
    | Annotated[FillStep, Tag("fill")]
    | Annotated[ChooseStep, Tag("choose")]
    | Annotated[TickStep, Tag("tick")]
    | Annotated[UntickStep, Tag("untick")]
    | Annotated[SelectStep, Tag("select")]
    | Annotated[UploadStep, Tag("upload")]
    | Annotated[ClickStep, Tag("click")]
    | Annotated[PressStep, Tag("press")]
    | Annotated[WaitForStep, Tag("wait_for")]
    | Annotated[ExpectTextStep, Tag("expect_text")]
    | Annotated[ExpectUrlStep, Tag("expect_url")],
    Discriminator(
        action_of,
        custom_error_type="unknown_action",
        custom_error_message=f"a step needs exactly one action: {', '.join(ACTIONS)}",
    ),
]


class Journey(BaseModel):
    """One service, start to finish, as a journey file describes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, description="the service's name, for the report")
    start: str = Field(description="the first page: a URL, or a path on --base-url / --serve")
    steps: list[Step] = Field(min_length=1)
    data: dict[str, str] = Field(
        default_factory=dict,
        description="test data by name: a value or env:NAME; never written to reports",
    )
    submit_final: bool = Field(
        False,
        description="perform the final step (the one that sends the application); "
        "off by default so a live service never receives a test application",
    )
    error_states: bool = Field(
        True, description="submit each form step empty (and with `invalid` values) first"
    )
    probe_final: bool = Field(
        False,
        description="also submit the final step's form empty (and with `invalid` values) to "
        "audit its error states; its real submission still needs submit_final",
    )
    viewports: list[Literal["desktop", "mobile"]] | None = Field(
        None, description="viewports to run in (default: the run's)"
    )

    @model_validator(mode="after")
    def _references(self) -> Journey:
        for index, step in enumerate(self.steps):
            if isinstance(step, FillStep) and step.data is not None and step.data not in self.data:
                raise ValueError(f"steps[{index}]: data {step.data!r} is not defined under data")
        return self

    def final_index(self) -> int | None:
        """The step that sends the application: the one marked `final`, else the last step
        that may submit (a click, or Enter on a field)."""
        marked = [i for i, s in enumerate(self.steps) if s.final]
        if marked:
            return marked[0]
        submitting = [i for i, s in enumerate(self.steps) if s.submits]
        return submitting[-1] if submitting else None
