// Keyboard probe helpers, installed once as window.__auditorKeyboard; Python presses the keys.
() => {
  const KEY = '__auditorKeyboard';
  if (window[KEY]) return true;

  const CANDIDATES = 'a[href], area[href], button, input, select, textarea, summary, iframe, ' +
    'audio[controls], video[controls], [tabindex], [contenteditable]';
  const ID = /^[A-Za-z][\w-]*$/;
  const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number',
    'date', 'datetime-local', 'month', 'week', 'time']);
  const SKIP_WORDS = /\bskip\b|\bjump to\b|main content/i;
  const TAB_LIMIT = 500;
  const state = {
    tabbables: [], index: new Map(), unfocused: new Map(), keys: new Map(), elements: [],
    judged: new Set(), scroll: [window.scrollX, window.scrollY], url: location.href,
    inKey: false, ours: false, movedByPage: [],
  };

  // Focus the page moves by itself, outside any key press (a timer run after a blur): then
  // where focus is seen depends on timing, so a cycle through it is not a sure trap. A key's
  // focus change and its handlers run in the keydown's task; a timeout queued in that task runs
  // before any later timer the page queues, so `inKey` is cleared in time whatever the load.
  function onKeyDown() {
    state.inKey = true;
    setTimeout(() => { state.inKey = false; }, 0);
  }
  function onFocusIn(e) {
    if (state.inKey || state.ours || state.movedByPage.length >= 5) return;
    const target = e.composedPath()[0];
    if (target instanceof Element) state.movedByPage.push(selectorOf(target));
  }
  // Our own focus moves (restarting the walk, judging a focus style), and what the page's
  // handlers do at once in answer, are not the page moving focus by itself.
  function ourselves(move) {
    state.ours = true;
    try {
      move();
    } finally {
      state.ours = false;
    }
  }
  function focusOurselves(el) {
    ourselves(() => el.focus({ preventScroll: true }));
  }
  function blurOurselves(el) {
    ourselves(() => el.blur());
  }

  function selectorOf(el) {
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1) {
      const id = node.getAttribute('id');
      const root = node.getRootNode();
      if (id && ID.test(id) && root.querySelectorAll && root.querySelectorAll('#' + id).length === 1) {
        parts.push('#' + id);
        break;
      }
      const tag = node.localName;
      const parent = node.parentElement;
      if (!parent || tag === 'html') {
        parts.push(tag);
        break;
      }
      const same = Array.from(parent.children).filter((c) => c.localName === tag);
      parts.push(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(node) + 1})` : tag);
      node = parent;
    }
    return parts.reverse().join(' > ');
  }

  function snippet(el) {
    const html = el.outerHTML || '';
    return html.length <= 300 ? html : html.slice(0, 299) + '…';
  }

  function labelOf(el) {
    let text = el.getAttribute('aria-label') || '';
    if (!text && el.labels && el.labels.length) text = el.labels[0].innerText || '';
    if (!text) text = el.innerText || el.value || el.getAttribute('title') || '';
    if (!text) {
      const img = el.querySelector && el.querySelector('img[alt]');
      if (img) text = img.getAttribute('alt');
    }
    text = String(text).replace(/\s+/g, ' ').trim();
    return text.length <= 80 ? text : text.slice(0, 79) + '…';
  }

  function keyOf(el) {
    let key = state.keys.get(el);
    if (key === undefined) {
      key = state.elements.length;
      state.keys.set(el, key);
      state.elements.push(el);
    }
    return key;
  }

  function visible(el) {
    if (el.checkVisibility) {
      return el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
    }
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible';
  }

  function inert(el) {
    if (el.closest('[inert]')) return true;
    const modal = document.querySelector(':modal');
    return !!modal && !modal.contains(el);
  }

  function tabbable(el) {
    if (!el.isConnected || el.tabIndex < 0) return false;
    if (el.localName === 'input' && el.type === 'hidden') return false;
    if (el.matches(':disabled') || inert(el)) return false;
    if (el.hasAttribute('contenteditable') && !el.isContentEditable && !el.hasAttribute('tabindex')) {
      return false;
    }
    return visible(el);
  }

  function box(el) {
    const r = el.getBoundingClientRect();
    return [Math.round(r.left + window.scrollX), Math.round(r.top + window.scrollY),
      Math.round(r.width), Math.round(r.height)];
  }

  function fixedOrSticky(el) {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const p = getComputedStyle(n).position;
      if (p === 'fixed' || p === 'sticky') return true;
    }
    return false;
  }

  function groupOf(el) {
    if (el.localName !== 'input' || el.type !== 'radio' || !el.name) return null;
    const forms = Array.from(document.forms);
    return `radio:${el.form ? forms.indexOf(el.form) : -1}:${el.name}`;
  }

  function isTextEntry(el) {
    if (el.isContentEditable) return true;
    if (el.localName === 'textarea') return true;
    return el.localName === 'input' && TEXT_INPUTS.has(el.type);
  }

  // The styles that can show focus, reduced to what is drawn: an outline or border of style
  // none or width 0 is not drawn whatever its colour.
  function clear(colour) {
    return colour === 'transparent' || /^rgba\(.*,\s*0\)$/.test(colour);
  }

  function styleOf(el) {
    const s = getComputedStyle(el);
    const out = {};
    const ow = parseFloat(s.outlineWidth) || 0;
    // "auto" is the browser's own focus ring, drawn whatever outline-color says.
    out.outline = s.outlineStyle === 'none' || ow === 0 ||
      (s.outlineStyle !== 'auto' && clear(s.outlineColor)) ? 'none'
      : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.outlineOffset}`;
    for (const side of ['top', 'right', 'bottom', 'left']) {
      const st = s.getPropertyValue(`border-${side}-style`);
      const w = s.getPropertyValue(`border-${side}-width`);
      const c = s.getPropertyValue(`border-${side}-color`);
      out[`border-${side}`] = st === 'none' || st === 'hidden' || !parseFloat(w) || clear(c)
        ? 'none' : `${st} ${w} ${c}`;
    }
    out['box-shadow'] = s.boxShadow;
    out['background-color'] = s.backgroundColor;
    out['background-image'] = s.backgroundImage;
    out.color = s.color;
    out['text-decoration'] = s.textDecorationLine === 'none' ? 'none'
      : `${s.textDecorationLine} ${s.textDecorationStyle} ${s.textDecorationColor} ` +
        `${s.textDecorationThickness} ${s.textUnderlineOffset}`;
    out.opacity = s.opacity;
    out.transform = s.transform;
    out.filter = s.filter;
    return out;
  }

  function finishTransitions(el) {
    try {
      for (const anim of document.getAnimations()) {
        const target = anim.effect && anim.effect.target;
        if (anim instanceof CSSTransition && target && (target === el || target.contains(el) ||
          el.contains(target))) {
          anim.finish();
        }
      }
    } catch (e) { /* a page without the Web Animations API */ }
  }

  function effectiveOpacity(el) {
    let opacity = 1;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      opacity *= parseFloat(getComputedStyle(n).opacity);
    }
    return opacity;
  }

  // A focus indicator may be drawn beside the element (a marker before a link, a parent's
  // border): pixels this near it count (ACT rule oj04fd).
  const NEAR_PX = 32;

  function grow(rects, by) {
    const left = Math.max(0, Math.min(...rects.map((r) => r.left)) - by);
    const top = Math.max(0, Math.min(...rects.map((r) => r.top)) - by);
    const right = Math.min(window.innerWidth, Math.max(...rects.map((r) => r.right)) + by);
    const bottom = Math.min(window.innerHeight, Math.max(...rects.map((r) => r.bottom)) + by);
    if (right - left < 1 || bottom - top < 1) return null;
    return { x: left, y: top, width: right - left, height: bottom - top };
  }

  // Whether what is at a point hides what is under it: something on the way up from the hit
  // (to the first box that holds the focused element too) paints a background or is an image.
  function paints(hit, el) {
    if (effectiveOpacity(hit) < 0.5) return false;
    for (let n = hit; n && n.nodeType === 1 && !n.contains(el); n = n.parentElement) {
      if (['img', 'svg', 'video', 'canvas', 'iframe', 'object', 'embed'].includes(n.localName)) {
        return true;
      }
      const style = getComputedStyle(n);
      if (style.backgroundImage !== 'none') return true;
      const alpha = style.backgroundColor.match(/rgba\(.*,\s*([\d.]+)\)$/);
      if (style.backgroundColor !== 'transparent' && (!alpha || parseFloat(alpha[1]) > 0.5)) {
        return true;
      }
    }
    return false;
  }

  // How much of the focused element, where it is in the window, author content on top of it
  // hides (WCAG 2.4.11): a 5 x 5 grid of points over its visible box, each hit-tested.
  function coverOf(el, rect) {
    const left = Math.max(rect.left, 0);
    const top = Math.max(rect.top, 0);
    const right = Math.min(rect.right, window.innerWidth);
    const bottom = Math.min(rect.bottom, window.innerHeight);
    if (right - left < 1 || bottom - top < 1) return null;
    const labels = Array.from(el.labels || []);
    let points = 0;
    let covered = 0;
    let by = null;
    let solid = true;
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        const x = left + ((right - left) * (i + 0.5)) / 5;
        const y = top + ((bottom - top) * (j + 0.5)) / 5;
        const hit = document.elementFromPoint(x, y);
        points += 1;
        if (!hit || hit === el || el.contains(hit) || hit.contains(el)) continue;
        if (labels.some((l) => l === hit || l.contains(hit))) continue;
        covered += 1;
        by = by || hit;
        solid = solid && paints(hit, el);
      }
    }
    if (!covered) return null;
    const smooth = getComputedStyle(document.documentElement).scrollBehavior === 'smooth';
    return {
      share: covered / points, by: selectorOf(by), by_html: snippet(by),
      by_fixed: fixedOrSticky(by), solid, smooth,
    };
  }

  // How focus shows on el, focused now: which drawn styles differ from its unfocused ones, and
  // the area to compare pixels of (the element, its labels, and its parent if it is hidden, with
  // NEAR_PX around them).
  function focusFacts(el) {
    finishTransitions(el);
    let before = state.unfocused.get(el);
    const after = styleOf(el);
    if (!before) {
      blurOurselves(el);
      before = styleOf(el);
      focusOurselves(el);
    }
    const rect = el.getBoundingClientRect();
    const transparent = effectiveOpacity(el) < 0.1;
    // An invisible element's own focus style is not seen: then only pixels can tell.
    const changes = transparent ? [] : Object.keys(after).filter((k) => after[k] !== before[k]);
    const hidden = transparent || rect.width * rect.height <= 4;
    const inView = rect.right > 0 && rect.bottom > 0 && rect.left < window.innerWidth &&
      rect.top < window.innerHeight && rect.width * rect.height > 0;
    const rects = [rect];
    for (const label of el.labels || []) rects.push(label.getBoundingClientRect());
    if (hidden && el.parentElement) rects.push(el.parentElement.getBoundingClientRect());
    return {
      changes, text_entry: isTextEntry(el), hidden, offscreen: !inView && !hidden,
      obscured: inView && !hidden ? coverOf(el, rect) : null,
      clip: inView || hidden ? grow(rects.filter((r) => r.width * r.height > 0), NEAR_PX) : null,
    };
  }

  function orderOf(el) {
    const i = state.index.get(el);
    if (i !== undefined) return i;
    const list = state.tabbables;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (el.compareDocumentPosition(list[mid]) & Node.DOCUMENT_POSITION_PRECEDING) lo = mid + 1;
      else hi = mid;
    }
    return lo - 0.5;
  }

  // The focused element: in the top document, through open shadow roots and same-origin frames.
  function active() {
    const a = document.activeElement;
    if (!a || a === document.body || a === document.documentElement) return null;
    let kind = 'element';
    let inner = null;
    if (a.localName === 'iframe' || a.localName === 'frame') {
      kind = 'frame';
      try {
        const doc = a.contentDocument;
        if (doc) {
          const ia = doc.activeElement;
          inner = ia && ia !== doc.body && ia !== doc.documentElement ? keyOf(ia) : -1;
        }
      } catch (e) { /* cross-origin */ }
    } else if (a.shadowRoot) {
      let deep = a;
      while (deep.shadowRoot && deep.shadowRoot.activeElement) deep = deep.shadowRoot.activeElement;
      if (deep !== a) {
        kind = 'shadow';
        inner = keyOf(deep);
      }
    }
    return { el: a, kind, inner };
  }

  function reset() {
    const a = document.activeElement;
    if (a && a !== document.body && a.blur) blurOurselves(a);
    if (!document.body) return false;
    // Focusing and removing a node at the start of <body> moves the sequential focus
    // navigation starting point there, so the next Tab goes to the first tab stop.
    const marker = document.createElement('span');
    marker.tabIndex = -1;
    document.body.prepend(marker);
    focusOurselves(marker);
    marker.remove();
    return true;
  }

  function init() {
    window.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn, true);
    reset();
    const found = Array.from(document.querySelectorAll(CANDIDATES)).filter(tabbable);
    state.tabbables = found;
    found.forEach((el, i) => {
      state.index.set(el, i);
      if (i < TAB_LIMIT && el.localName !== 'iframe') state.unfocused.set(el, styleOf(el));
    });
    let frameItems = 0;
    for (const el of found) {
      if (el.localName !== 'iframe') continue;
      try {
        frameItems += el.contentDocument ? el.contentDocument.querySelectorAll(CANDIDATES).length : 10;
      } catch (e) {
        frameItems += 10;
      }
    }
    let last = found.length - 1;
    for (let i = found.length - 1; i >= 0; i--) {
      if (found[i].tabIndex === 0) {
        last = i;
        break;
      }
    }
    return {
      tabbables: found.slice(0, TAB_LIMIT).map((el, i) => ({
        index: i, selector: selectorOf(el), tag: el.localName, text: labelOf(el),
        tabindex: el.tabIndex, bbox: box(el), group: groupOf(el), html: snippet(el),
      })),
      total: found.length, last_in_sequence: last, frame_items: frameItems,
      viewport: { width: window.innerWidth, height: window.innerHeight },
    };
  }

  function step(r) {
    const now = active();
    if (!now) return { kind: 'body' };
    const el = now.el;
    const key = keyOf(el);
    const stop = {
      kind: now.kind, key, inner: now.inner, selector: selectorOf(el), order: orderOf(el),
      bbox: box(el), fixed: fixedOrSticky(el), text: labelOf(el), html: snippet(el),
    };
    if (r.judge && now.kind === 'element' && !state.judged.has(key)) {
      state.judged.add(key);
      stop.focus = focusFacts(el);
    }
    return stop;
  }

  function blurKey(r) {
    const el = state.elements[r.key];
    blurOurselves(el);
    return document.activeElement !== el;
  }

  function refocus(r) {
    const el = state.elements[r.key];
    focusOurselves(el);
    return document.activeElement === el;
  }

  function cycleInfo(r) {
    const els = r.keys.map((k) => state.elements[k]);
    let container = els[0];
    while (container && !els.every((e) => container.contains(e))) container = container.parentElement;
    container = container || document.body;
    const dialog = 'dialog, [role="dialog"], [role="alertdialog"], [aria-modal="true"]';
    return {
      container: { selector: selectorOf(container), html: snippet(container) },
      in_dialog: !!container.closest(dialog) || els.every((e) => !!e.closest(dialog)),
      instructions: exitInstructions(),
      moved_by_page: state.movedByPage.slice(),
    };
  }

  // Lines of the page's text that tell a keyboard user how to move on or out ("Press Ctrl+M to
  // exit", "How to go to the next element"): WCAG 2.1.2 accepts an advised way out.
  const EXIT_WORDS = /\b(press|exit|escape|esc|leave|quit|ctrl|control|alt|shift)\b|\bhow to (go|move|get|leave|exit)\b/i;
  function exitInstructions() {
    const lines = (document.body ? document.body.innerText : '').split('\n');
    return lines.map((l) => l.trim()).filter((l) => l && l.length <= 200 && EXIT_WORDS.test(l)).slice(0, 3);
  }

  // Put the starting point just before the unreached tab stop r.index: focus the tab stop
  // before it (or the start of the page). Python then presses Tab once and calls isActive.
  function prepareRetry(r) {
    const el = state.tabbables[r.index];
    if (!el || !tabbable(el)) return 'gone';
    if (el.tabIndex > 0) return 'unknown';
    for (let i = r.index - 1; i >= 0; i--) {
      const prev = state.tabbables[i];
      if (prev.tabIndex !== 0 || prev.localName === 'iframe' || !tabbable(prev)) continue;
      focusOurselves(prev);
      return document.activeElement === prev ? 'ready' : 'unknown';
    }
    reset();
    return 'ready';
  }

  function isActive(r) {
    const el = state.tabbables[r.index];
    const now = active();
    return !!now && now.el === el;
  }

  function targetOf(link) {
    const raw = link.getAttribute('href') || '';
    const hash = raw.startsWith('#') ? raw : link.hash;
    if (!hash || hash === '#') return null;
    let id = hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (e) { /* keep it as written */ }
    return document.getElementById(id) || document.getElementsByName(id)[0] || null;
  }

  function samePage(url) {
    return url.split('#')[0] === state.url.split('#')[0];
  }

  // Facts about the first tab stop, focused now, if it is an in-page link that says "skip".
  function skipFacts() {
    const now = active();
    if (!now || now.kind !== 'element') return null;
    const el = now.el;
    if (!el.matches('a[href]')) return null;
    const raw = el.getAttribute('href') || '';
    const fragment = raw.startsWith('#') || (!!el.hash && samePage(el.href));
    const text = labelOf(el);
    if (!fragment || !SKIP_WORDS.test(text)) return null;
    const ancestors = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) ancestors.push(n);
    ancestors.forEach(finishTransitions);
    const rect = el.getBoundingClientRect();
    const inViewport = rect.left >= -1 && rect.top >= -1 && rect.right <= window.innerWidth + 1 &&
      rect.bottom <= window.innerHeight + 1;
    const big = rect.width > 1 && rect.height > 1;
    let onTop = false;
    if (inViewport && big) {
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      onTop = !!hit && (hit === el || el.contains(hit));
    }
    const opaque = effectiveOpacity(el) >= 0.1;
    const target = targetOf(el);
    state.skipTarget = target;
    return {
      selector: selectorOf(el), html: snippet(el), text, href: raw,
      visible: inViewport && big && onTop && opaque,
      in_viewport: inViewport, size_ok: big, on_top: onTop, opaque,
      target_exists: !!target, target_selector: target ? selectorOf(target) : null,
    };
  }

  function skipAfterEnter() {
    return new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(() => {
        const target = state.skipTarget;
        const a = document.activeElement;
        resolve({
          same_document: samePage(location.href),
          focus_in_target: !!target && !!a && a !== document.body && (a === target || target.contains(a)),
          target_matched: !!target && document.querySelector(':target') === target,
        });
      }, 0));
    });
  }

  function skipAfterTab() {
    const target = state.skipTarget;
    const now = active();
    if (!target) return { next_in_or_after_target: null };
    const inOrAfter = (el) => target.contains(el) ||
      !!(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    const later = state.tabbables.some((t) => tabbable(t) && inOrAfter(t));
    const first = state.tabbables.find((t) => tabbable(t));
    if (!later && (!now || (now.kind === 'element' && now.el === first))) {
      // Nothing focusable in or after the target: from there Tab leaves the page, or wraps to
      // the first tab stop in a browser without UI, which is what a moved start point does
      // (ACT rule cf77f2).
      return { next_in_or_after_target: true, next_selector: null };
    }
    if (!now) return { next_in_or_after_target: null };
    const el = now.el;
    return { next_in_or_after_target: inOrAfter(el), next_selector: selectorOf(el) };
  }

  function restore() {
    window.removeEventListener('keydown', onKeyDown, true);
    document.removeEventListener('focusin', onFocusIn, true);
    const a = document.activeElement;
    if (a && a !== document.body && a.blur) a.blur();
    if (location.href !== state.url && samePage(location.href)) {
      history.replaceState(history.state, '', state.url);
    }
    window.scrollTo(state.scroll[0], state.scroll[1]);
    delete window[KEY];
    return true;
  }

  window[KEY] = {
    init, reset, step, blurKey, refocus, cycleInfo, prepareRetry, isActive, skipFacts,
    skipAfterEnter, skipAfterTab, restore,
  };
  return true;
}
