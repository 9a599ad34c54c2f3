// Click-handler probe, second half: the elements the probe marked (data-auditor-click, "keys"
// when they also listen for keys) that Tab cannot reach. Removes the marks.
(lib, mark) => {
  const MAX = 30;
  const NATIVE = "a[href], area[href], button, input, select, textarea, summary, label, option, details, iframe, audio[controls], video[controls], [contenteditable]";
  const FOCUSABLE = "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable]";
  const CONTAINER = "[role=alert], [role=alertdialog], [role=dialog], [role=region], [role=group], [role=list], [role=navigation], [role=main], [role=form], [role=tabpanel], dialog, form, nav, main, section, article, aside, header, footer, ul, ol, table, tbody";
  const CONTENT = "h1, h2, h3, h4, h5, h6, [role=heading], ul, ol, table, [role=alert], p";
  const marked = Array.from(document.querySelectorAll(`[${mark}]`));
  const controls = [];
  for (const el of marked) {
    const keys = el.getAttribute(mark) === "keys";
    el.removeAttribute(mark);
    if (controls.length >= MAX) continue;
    if (el === document.documentElement || el === document.body) continue;
    if (el.matches(NATIVE) || el.closest("label, a[href], button, summary")) continue;
    if (el.tabIndex >= 0 || !lib.rendered(el)) continue;
    // tabindex="-1" makes an element a focus target the page moves focus to (a dialog), and a
    // container, or an element holding headings, lists or an alert, is a region of content:
    // its listener serves what is inside it (GOV.UK's error summary listens for clicks on its
    // links), not a control of its own.
    if (el.hasAttribute("tabindex") || el.matches(CONTAINER) || el.querySelector(CONTENT)) continue;
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
