// Content on hover or focus (WCAG 1.4.13): CSS that reveals another element on :hover/:focus,
// and title tooltips.
(lib, arg) => {
  const PSEUDO = /:(hover|focus-within|focus-visible|focus)(?![\w-])/g;
  const FORM = new Set(["input", "select", "textarea", "button", "option", "optgroup", "iframe", "frame", "link", "style", "abbr"]);
  const found = new Map();
  const rules = [];

  function split(list) {
    const parts = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < list.length; i += 1) {
      const c = list[i];
      if (c === "(" || c === "[") depth += 1;
      else if (c === ")" || c === "]") depth -= 1;
      else if (c === "," && depth === 0) {
        parts.push(list.slice(start, i).trim());
        start = i + 1;
      }
    }
    parts.push(list.slice(start).trim());
    return parts;
  }

  function reveals(style) {
    const display = style.getPropertyValue("display");
    const visibility = style.getPropertyValue("visibility");
    const opacity = style.getPropertyValue("opacity");
    return (display && display !== "none") || visibility === "visible" || (opacity !== "" && parseFloat(opacity) >= 0.99);
  }

  function hidden(el) {
    if (typeof el.checkVisibility === "function") {
      return !el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    }
    return el.getClientRects().length === 0;
  }

  function query(sel) {
    try {
      return Array.from(document.querySelectorAll(sel));
    } catch (e) {
      return [];
    }
  }

  for (const { rule } of lib.allStyleRules()) {
    const text = rule.selectorText || "";
    if (!text.includes(":hover") && !text.includes(":focus")) continue;
    if (!reveals(rule.style)) continue;
    for (const sel of split(text)) {
      PSEUDO.lastIndex = 0;
      let last = null;
      for (let m = PSEUDO.exec(sel); m; m = PSEUDO.exec(sel)) last = m;
      if (!last || /:not\([^)]*:(hover|focus)/.test(sel)) continue;
      // The compound holding the last :hover/:focus ends at the next combinator.
      const rest = sel.slice(last.index + last[0].length);
      const end = rest.search(/\s*[\s>+~]\s*(?![^(]*\))/);
      if (end < 0) continue; // the hovered element itself is styled: nothing else appears
      const trigger = (sel.slice(0, last.index + last[0].length) + rest.slice(0, end)).replace(PSEUDO, "").trim();
      const content = sel.replace(PSEUDO, "").trim();
      if (!trigger || !content) continue;
      const shown = query(content).filter(hidden);
      if (!shown.length) continue;
      for (const el of query(trigger)) {
        if (!shown.some((c) => el.contains(c) || (el.parentElement && el.parentElement.contains(c)))) continue;
        if (!found.has(el)) {
          found.set(el, { kind: "css", rule: sel.slice(0, 200), content: lib.selector(shown[0]) });
        }
      }
      if (rules.length < 30) rules.push(sel.slice(0, 200));
    }
  }

  for (const el of document.querySelectorAll("body [title]")) {
    if (FORM.has(el.localName) || el.closest("svg") || found.has(el)) continue;
    const title = (el.getAttribute("title") || "").trim();
    if (!title || !lib.rendered(el)) continue;
    found.set(el, { kind: "title", title: title.slice(0, 200) });
  }

  const triggers = [];
  for (const [el, info] of found) {
    if (triggers.length >= 30) break;
    if (info.kind === "css" && !lib.rendered(el)) continue;
    triggers.push(lib.describe(el, info));
  }
  return { rules, triggers };
}
