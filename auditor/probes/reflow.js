// Reflow (WCAG 1.4.10): which elements make the page scroll sideways at this width.
(lib, arg) => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const scrollWidth = Math.max(root.scrollWidth, document.body ? document.body.scrollWidth : 0);
  const result = {
    scroll_width: scrollWidth,
    layout_width: width,
    device_width: arg.width,
    root: lib.describe(root),
    overflowing: [],
    exempt: [],
  };
  if (scrollWidth <= width + 1 || !document.body) return result;
  const limit = width + 1;
  const scrollX = window.scrollX;
  const range = document.createRange();
  const MEDIA = new Set(["canvas", "svg", "video", "img", "picture", "object", "embed", "pre", "code", "map", "math"]);
  const MAP = /(^|[\s_-])(map|leaflet-container|mapboxgl-map|gm-style|ol-viewport)([\s_-]|$)/i;

  function exempt(el) {
    const tag = el.localName;
    if (MEDIA.has(tag)) return true;
    if (tag === "table" && el.querySelector("th")) return true;
    if (el.getAttribute("role") === "application") return true;
    if (tag === "iframe" && /map/i.test((el.getAttribute("src") || "") + " " + (el.getAttribute("title") || ""))) return true;
    return MAP.test(el.getAttribute("class") || "");
  }

  function right(el) {
    let edge = el.getBoundingClientRect().right;
    for (const child of el.childNodes) {
      if (child.nodeType !== 3 || !child.data.trim()) continue;
      range.selectNodeContents(child);
      edge = Math.max(edge, range.getBoundingClientRect().right);
    }
    return edge + scrollX;
  }

  const body = document.body;
  const stack = right(body) > limit ? [body] : Array.from(body.children).reverse();
  while (stack.length) {
    const el = stack.pop();
    const style = getComputedStyle(el);
    if (style.display === "none" || el.localName === "script" || el.localName === "style") continue;
    if (style.position === "fixed") continue; // never widens the page
    const rect = el.getBoundingClientRect();
    const sized = rect.width > 0 && rect.height > 0;
    const over = sized && style.visibility !== "hidden" && right(el) > limit;
    if (over && exempt(el)) {
      if (result.exempt.length < 30) result.exempt.push(lib.describe(el, { right: Math.round(right(el)) }));
      continue;
    }
    if (over) {
      if (result.overflowing.length < 30) result.overflowing.push(lib.describe(el, { right: Math.round(right(el)) }));
      continue;
    }
    if (el !== document.body && style.overflowX !== "visible") continue; // scrolls or clips its own content
    if (exempt(el)) continue;
    for (let i = el.children.length - 1; i >= 0; i -= 1) stack.push(el.children[i]);
  }
  return result;
}
