"""The in-page scripts a journey runs beside the probes: which form a control submits, emptying
a form, the texts on the page before a submission, and whether a typed value was kept."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from auditor import probes

# Is the element a control that submits its form (or a field where Enter submits it)? Its form's
# selector and method, or null.
FORM_OF = """(el, enter) => {
  const lib = LIB;
  const form = el.form || el.closest("form");
  if (!form) return null;
  const submits = enter
    ? el.matches("input")
    : el.matches("button:not([type]), button[type=submit], input[type=submit], input[type=image]");
  if (!submits && !enter) {
    // A "Continue" that is not a submit button (a div or link with a click handler): its error
    // state cannot be probed, and it is not a button to the keyboard or a screen reader.
    const button = el.matches("button, input[type=button], [role=button]");
    const focusable = el.tabIndex >= 0 && !el.disabled;
    return { untested: true, tag: el.localName, button, focusable };
  }
  if (!submits) return null;
  return { form: lib.selector(form), method: (form.getAttribute("method") || "get").toLowerCase() };
}"""

# Empty every field of the form (text, textarea, radios, checkboxes); selects keep their option.
EMPTY_FORM = """(selector) => {
  const form = document.querySelector(selector);
  if (!form) return 0;
  let emptied = 0;
  for (const el of form.querySelectorAll("input, textarea")) {
    if (["hidden", "submit", "button", "image", "reset", "file"].includes(el.type)) continue;
    if (el.type === "radio" || el.type === "checkbox") {
      if (el.checked) { el.checked = false; emptied++; }
    } else if (el.value) { el.value = ""; emptied++; }
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }
  return emptied;
}"""

# The visible texts of the page, so the probe can tell which messages are new after submitting.
TEXTS = """() => {
  const root = document.querySelector("main") || document.body;
  const texts = new Set();
  for (const el of root.querySelectorAll("*")) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.data.trim());
    if (own) texts.add((el.textContent || "").replace(/\\s+/g, " ").trim());
  }
  return Array.from(texts).slice(0, 2000);
}"""

# Was the value typed into this field kept? (The value stays in the page it was typed into.)
KEPT = """(el, typed) => {
  const lib = LIB;
  const kept = el.type === "radio" || el.type === "checkbox" ? el.checked : el.value === typed;
  return [lib.selector(el), kept];
}"""


@cache
def with_lib(source: str) -> str:
    """A function source with the probes' shared helpers (element selectors) bound to `LIB`."""
    lines = (Path(probes.__file__).parent / "layout_common.js").read_text("utf-8").splitlines()
    lib = "\n".join(line for line in lines if not line.lstrip().startswith("//")).strip()
    return source.replace("LIB", lib)
