// Text resize (WCAG 1.4.4): text clipped or overlapping at 200% zoom. Called before and after
// the window is halved; the second call reports what changed.
(lib, arg) => {
  function overlaps() {
    const groups = new Map();
    for (const el of document.body ? document.body.querySelectorAll("*") : []) {
      if (!lib.ownText(el) || !el.parentElement) continue;
      const list = groups.get(el.parentElement) || [];
      if (list.length < 40) list.push(el);
      groups.set(el.parentElement, list);
    }
    const pairs = new Map();
    for (const list of groups.values()) {
      const boxes = list
        .filter((el) => lib.rendered(el) && !lib.visuallyHidden(el))
        .map((el) => [el, el.getBoundingClientRect()]);
      for (let i = 0; i < boxes.length; i += 1) {
        for (let j = i + 1; j < boxes.length; j += 1) {
          const [a, ra] = boxes[i];
          const [b, rb] = boxes[j];
          const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
          const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
          if (x > 4 && y > 4) pairs.set(lib.selector(a) + "|" + lib.selector(b), [a, b]);
        }
      }
    }
    return pairs;
  }

  const clipped = lib.clipped();
  const pairs = overlaps();
  if (arg.phase === "before") {
    return {
      clipped: Array.from(clipped.keys(), lib.selector),
      overlaps: Array.from(pairs.keys()),
    };
  }
  const was = new Set(arg.before.clipped);
  const overlapped = new Set(arg.before.overlaps);
  const result = { width: window.innerWidth, height: window.innerHeight, clipped: [], overlapping: [] };
  for (const [el, info] of clipped) {
    if (result.clipped.length >= 30) break;
    const sel = lib.selector(el);
    if (!was.has(sel)) result.clipped.push(lib.describe(el, info));
  }
  for (const [key, [a, b]] of pairs) {
    if (result.overlapping.length >= 30) break;
    if (!overlapped.has(key)) result.overlapping.push(lib.describe(a, { with: lib.selector(b) }));
  }
  return result;
}
