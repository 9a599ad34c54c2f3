// Click-handler probe, second half: the elements the probe marked (data-auditor-click, "keys"
// when they also listen for keys) that Tab cannot reach. Removes the marks.
(lib, mark) => {
  const MAX = 30;
  const NATIVE = "a[href], area[href], button, input, select, textarea, summary, label, option, details, iframe, audio[controls], video[controls], [contenteditable]";
  const FOCUSABLE = "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable]";
  const marked = Array.from(document.querySelectorAll(`[${mark}]`));
  const controls = [];
  for (const el of marked) {
    const keys = el.getAttribute(mark) === "keys";
    el.removeAttribute(mark);
    if (controls.length >= MAX) continue;
    if (el === document.documentElement || el === document.body) continue;
    if (el.matches(NATIVE) || el.closest("label, a[href], button, summary")) continue;
    if (el.tabIndex >= 0 || !lib.rendered(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) continue;
    // A focusable ancestor manages focus for its items (a listbox with aria-activedescendant),
    // and a focusable descendant is the keyboard's way in (a card's link).
    let managed = false;
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      if (node.tabIndex >= 0 && node.matches("[tabindex], [role]")) { managed = true; break; }
    }
    if (managed) continue;
    if (Array.from(el.querySelectorAll(FOCUSABLE)).some((f) => f.tabIndex >= 0 && lib.rendered(f))) continue;
    controls.push(lib.describe(el, {
      role: el.getAttribute("role") || "",
      text: (el.textContent || el.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim().slice(0, 80),
      keys,
    }));
  }
  for (const el of document.querySelectorAll(`[${mark}]`)) el.removeAttribute(mark);
  return { listened: marked.length, controls };
}
