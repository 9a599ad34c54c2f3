// Helpers shared by the layout probes; `layout_common.script` passes them as the first argument.
(() => {
  const ID = /^[A-Za-z][\w-]*$/;
  const HIDDEN_CLASS = /(^|\s)(sr-only|visually-hidden|govuk-visually-hidden|screen-reader-text|visuallyhidden|sr-only-focusable)(\s|$)/;
  const CLIPPING = new Set(["hidden", "clip"]);

  function selector(el) {
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1) {
      const id = node.getAttribute("id");
      if (id && ID.test(id) && document.querySelectorAll("#" + id).length === 1) {
        parts.push("#" + id);
        break;
      }
      const tag = node.localName;
      const parent = node.parentElement;
      if (!parent || tag === "html") {
        parts.push(tag);
        break;
      }
      const same = Array.from(parent.children).filter((c) => c.localName === tag);
      parts.push(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(node) + 1})` : tag);
      node = parent;
    }
    return parts.reverse().join(" > ");
  }

  function snippet(el) {
    const html = el.outerHTML || "";
    return html.length <= 300 ? html : html.slice(0, 299) + "…";
  }

  function describe(el, extra) {
    return Object.assign({ selector: selector(el), snippet: snippet(el), tag: el.localName }, extra || {});
  }

  function ownText(el) {
    for (const child of el.childNodes) {
      if (child.nodeType === 3 && child.data.trim()) return true;
    }
    return false;
  }

  function rendered(el) {
    if (typeof el.checkVisibility === "function") {
      if (!el.checkVisibility({ visibilityProperty: true })) return false;
    }
    const rect = el.getBoundingClientRect();
    return rect.width > 0 || rect.height > 0;
  }

  // Screen-reader-only text: deliberately clipped to nothing, so never a defect.
  function visuallyHidden(el) {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      if (HIDDEN_CLASS.test(node.getAttribute("class") || "")) return true;
      const s = getComputedStyle(node);
      const r = node.getBoundingClientRect();
      if (r.width <= 1 && r.height <= 1 && CLIPPING.has(s.overflow)) return true;
      if (s.clip && s.clip.startsWith("rect(") && s.position === "absolute") return true;
      if (s.clipPath && s.clipPath.startsWith("inset(50%")) return true;
      if (node.getAttribute("aria-hidden") === "true") return true;
    }
    return false;
  }

  function textExtent(el) {
    // The box of the text inside el (its text nodes), or null.
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let box = null;
    let count = 0;
    for (let t = walker.nextNode(); t && count < 200; t = walker.nextNode()) {
      if (!t.data.trim()) continue;
      count += 1;
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) {
        if (r.width === 0 && r.height === 0) continue;
        box = box
          ? { left: Math.min(box.left, r.left), top: Math.min(box.top, r.top), right: Math.max(box.right, r.right), bottom: Math.max(box.bottom, r.bottom) }
          : { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }
    }
    return box;
  }

  // Elements whose text is cut off by their own overflow: hidden/clip box.
  function clipped() {
    const found = new Map();
    for (const el of document.body ? document.body.querySelectorAll("*") : []) {
      const s = getComputedStyle(el);
      const clipX = CLIPPING.has(s.overflowX);
      const clipY = CLIPPING.has(s.overflowY);
      if (!clipX && !clipY) continue;
      const overX = clipX && el.scrollWidth > el.clientWidth + 1;
      const overY = clipY && el.scrollHeight > el.clientHeight + 1;
      if (!overX && !overY) continue;
      if (!(el.textContent || "").trim() || !rendered(el) || visuallyHidden(el)) continue;
      if (el.getAnimations && el.getAnimations({ subtree: true }).length) continue; // moving: autoplay-media
      const text = textExtent(el);
      if (!text) continue;
      const box = el.getBoundingClientRect();
      const cut =
        (overX && (text.right > box.right + 1 || text.left < box.left - 1)) ||
        (overY && (text.bottom > box.bottom + 1 || text.top < box.top - 1));
      if (!cut) continue;
      // A box one line high (its height no more than its line height) shows one line on
      // purpose, as an ellipsis does: truncated, not cut off by accident (ACT rule 59br37).
      const lineHeight = parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.2;
      const oneLine = overY && !overX && el.clientHeight > 0 && el.clientHeight <= lineHeight * 1.2;
      const truncates = s.textOverflow === "ellipsis" || (s.webkitLineClamp && s.webkitLineClamp !== "none") || oneLine;
      found.set(el, { truncates: Boolean(truncates) });
    }
    return found;
  }

  function nextFrame() {
    return new Promise((resolve) => {
      const done = () => resolve(null);
      setTimeout(done, 200);
      requestAnimationFrame(() => requestAnimationFrame(done));
    });
  }

  function* styleRules(list, media) {
    for (const rule of list) {
      if (rule instanceof CSSStyleRule) {
        yield { rule, media };
        if (rule.cssRules && rule.cssRules.length) yield* styleRules(rule.cssRules, media);
      } else if (rule instanceof CSSMediaRule) {
        yield* styleRules(rule.cssRules, media.concat([rule.conditionText || rule.media.mediaText]));
      } else if (rule.cssRules) {
        yield* styleRules(rule.cssRules, media);
      }
    }
  }

  // Every style rule of every readable stylesheet, with the media conditions around it.
  function* allStyleRules() {
    for (const sheet of document.styleSheets) {
      let rules;
      try {
        rules = sheet.cssRules;
      } catch (e) {
        continue; // cross-origin
      }
      if (rules) yield* styleRules(rules, []);
    }
  }

  return { selector, snippet, describe, ownText, rendered, visuallyHidden, textExtent, clipped, nextFrame, allStyleRules };
})()
