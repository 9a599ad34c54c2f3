// Orientation (WCAG 1.3.4): CSS that hides or rotates the page in one orientation, and what is
// visible in the current orientation (called once per orientation).
(lib, arg) => {
  const main = document.querySelector("main, [role=main]") || document.body;
  if (arg.phase === "static") {
    const roots = [document.documentElement, document.body, main].filter(Boolean);
    const locks = [];
    for (const { rule, media } of lib.allStyleRules()) {
      if (!media.some((m) => /orientation\s*:\s*(portrait|landscape)/i.test(m))) continue;
      const s = rule.style;
      const transform = s.getPropertyValue("transform") || s.getPropertyValue("rotate");
      const hides = s.getPropertyValue("display") === "none" || s.getPropertyValue("visibility") === "hidden";
      const rotates = /(^|[\s(])-?(90|270)deg|(^|[\s(])-?(0?\.25|0?\.75)turn|(^|[\s(])-?(1\.57|4\.71)\d*rad/.test(transform);
      if (!hides && !rotates) continue;
      for (const el of roots) {
        let matches = false;
        try {
          matches = el.matches(rule.selectorText);
        } catch (e) {
          matches = false;
        }
        if (matches && locks.length < 10) {
          locks.push(lib.describe(el, {
            media: media.join(" and ").slice(0, 200),
            rule: rule.cssText.slice(0, 200),
            effect: hides ? "hidden" : "rotated",
          }));
        }
      }
    }
    return { locks, main: lib.describe(main) };
  }
  const MESSAGE = /\b(rotate|turn)\b[^.]{0,40}\b(device|phone|screen|tablet)\b|\b(portrait|landscape)\s+(mode|orientation|view)\b/i;
  const messages = [];
  for (const el of document.body ? document.body.querySelectorAll("*") : []) {
    if (messages.length >= 10) break;
    if (!lib.ownText(el) || !MESSAGE.test(el.textContent || "") || !lib.rendered(el)) continue;
    messages.push(lib.describe(el));
  }
  const visible = typeof main.checkVisibility === "function"
    ? main.checkVisibility({ visibilityProperty: true, opacityProperty: true })
    : main.getClientRects().length > 0;
  // Text behind a collapsed menu ("Menu" toggles on phones) is one press away, not locked out:
  // what visible toggles with aria-expanded="false" control, counted apart.
  let collapsed = 0;
  for (const toggle of main.querySelectorAll('[aria-expanded="false"][aria-controls]')) {
    if (!lib.rendered(toggle)) continue;
    for (const id of toggle.getAttribute("aria-controls").split(/\s+/)) {
      const panel = id && document.getElementById(id);
      if (panel && main.contains(panel)) collapsed += (panel.textContent || "").trim().length;
    }
  }
  return {
    width: window.innerWidth,
    height: window.innerHeight,
    main_visible: visible,
    main_text: visible ? (main.innerText || "").trim().length : 0,
    collapsed_text: visible ? collapsed : 0,
    messages,
  };
}
