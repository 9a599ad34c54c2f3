// Journey-control probe: the control a journey clicks to go on, when it does not submit its form
// (a div or link with a click handler). The journey runner marks the page with
// window.__auditorControl ({selector}) before clicking it; without the mark nothing is probed.
// Facts: what the element is, whether Tab can reach it, and whether Enter in the form's only text
// field could submit the form instead (HTML's implicit submission).
(lib) => {
  const mark = window.__auditorControl;
  if (!mark || typeof mark !== "object") return { marked: false };
  let el = null;
  try { el = document.querySelector(String(mark.selector || "")); } catch (e) { el = null; }
  if (!el) return { marked: true, found: false, selector: String(mark.selector || "") };
  const form = el.form || el.closest("form");
  const BLOCKS = ["text", "search", "url", "tel", "email", "password", "date", "month", "week", "time", "datetime-local", "number"];
  const blocking = form ? Array.from(form.elements).filter((f) => f.localName === "input" && BLOCKS.includes(f.type)) : [];
  const submitButton = form ? form.querySelector("button:not([type]), button[type=submit], input[type=submit], input[type=image]") : null;
  return {
    marked: true,
    found: true,
    control: lib.describe(el, {
      text: (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 120),
      role: el.getAttribute("role") || "",
      button: el.matches("button, input[type=button], input[type=submit], [role=button]"),
      link: el.matches("a[href], [role=link]"),
      focusable: el.tabIndex >= 0 && !el.disabled && !el.closest("[inert]"),
    }),
    // With no submit button and one field that blocks implicit submission, Enter in it submits.
    enter_submits: Boolean(form && !submitButton && blocking.length === 1),
  };
}
