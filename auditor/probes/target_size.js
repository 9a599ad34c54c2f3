// Target size (WCAG 2.5.8): pointer targets under 24 × 24 CSS px and whether they are spaced.
(lib, arg) => {
  const SELECTOR = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [onclick], [tabindex]:not([tabindex="-1"])';
  const MIN = 24 - 0.05;
  const RADIUS = 12;
  const scrollX = window.scrollX;
  const scrollY = window.scrollY;

  function box(el) {
    // The element's box joined with its rendered descendants' (an icon inside a link is part of it).
    const r = el.getBoundingClientRect();
    let b = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    let n = 0;
    for (const child of el.querySelectorAll("*")) {
      if (++n > 20) break;
      const c = child.getBoundingClientRect();
      if (c.width === 0 || c.height === 0) continue;
      b = { left: Math.min(b.left, c.left), top: Math.min(b.top, c.top), right: Math.max(b.right, c.right), bottom: Math.max(b.bottom, c.bottom) };
    }
    return { left: b.left + scrollX, top: b.top + scrollY, right: b.right + scrollX, bottom: b.bottom + scrollY };
  }

  function inline(el) {
    // WCAG's inline exception: a link inside a sentence, sized by the line of text around it.
    if (el.localName !== "a" || !getComputedStyle(el).display.startsWith("inline")) return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    if (!block) return false;
    const all = (block.textContent || "").replace(/\s+/g, "");
    const own = (el.textContent || "").replace(/\s+/g, "");
    return own.length > 0 && all.length - own.length >= 2;
  }

  function native(el) {
    const type = (el.getAttribute("type") || "").toLowerCase();
    if (el.localName !== "input" || (type !== "checkbox" && type !== "radio")) return false;
    return getComputedStyle(el).appearance !== "none";
  }

  const targets = [];
  for (const el of document.querySelectorAll(SELECTOR)) {
    if (el === document.documentElement || el === document.body) continue;
    if (el.disabled || el.closest("[inert]") || !lib.rendered(el)) continue;
    const s = getComputedStyle(el);
    if (s.pointerEvents === "none" || lib.visuallyHidden(el)) continue;
    const b = box(el);
    if (b.right <= 0 || b.bottom <= 0) continue; // moved off the page (skip links until focused)
    const width = b.right - b.left;
    const height = b.bottom - b.top;
    if (width <= 1 && height <= 1) continue;
    targets.push({ el, b, width, height, small: width < MIN || height < MIN });
  }

  function circleHitsRect(cx, cy, r) {
    const dx = Math.max(r.left - cx, 0, cx - r.right);
    const dy = Math.max(r.top - cy, 0, cy - r.bottom);
    return dx * dx + dy * dy < RADIUS * RADIUS - 0.01;
  }

  const undersized = [];
  let small = 0;
  for (const t of targets) {
    if (!t.small) continue;
    small += 1;
    if (inline(t.el)) continue;
    const cx = (t.b.left + t.b.right) / 2;
    const cy = (t.b.top + t.b.bottom) / 2;
    const crowding = [];
    for (const o of targets) {
      if (o === t || o.el.contains(t.el) || t.el.contains(o.el)) continue;
      let hit = circleHitsRect(cx, cy, o.b);
      if (!hit && o.small) {
        const ox = (o.b.left + o.b.right) / 2;
        const oy = (o.b.top + o.b.bottom) / 2;
        hit = (ox - cx) ** 2 + (oy - cy) ** 2 < (2 * RADIUS) ** 2 - 0.01;
      }
      if (hit) crowding.push(lib.selector(o.el));
      if (crowding.length >= 3) break;
    }
    if (undersized.length < 50) {
      undersized.push(lib.describe(t.el, {
        width: Math.round(t.width * 10) / 10,
        height: Math.round(t.height * 10) / 10,
        crowded_by: crowding,
        native: native(t.el),
      }));
    }
  }
  return { targets: targets.length, small, undersized };
}
