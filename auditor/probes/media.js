// Auto-playing media (WCAG 1.4.2) and moving content (WCAG 2.2.2).
(lib, arg) => {
  // A media fragment ("video.mp4#t=8,10") plays only that stretch: its length, or null.
  function fragmentSeconds(src, duration) {
    const match = /#(?:.*&)?t=(?:npt:)?([\d.]*)(?:,([\d.]+))?/.exec(src || "");
    if (!match) return null;
    const start = parseFloat(match[1]) || 0;
    const end = match[2] !== undefined ? parseFloat(match[2]) : duration;
    return end === null || !Number.isFinite(end) ? null : Math.max(0, end - start);
  }
  // The page's own buttons beside the media that say they play, pause, stop or mute it (a
  // custom player): their names, from the nearest ancestor (3 levels up at most) that has any.
  const CONTROL_WORDS = /\b(play|pause|stop|mute|unmute|volume|sound)\b/i;
  function pageControls(el) {
    const selector = 'button, [role="button"], input[type="button"], input[type="image"]';
    let scope = el.parentElement;
    for (let level = 0; scope && level < 3; level++, scope = scope.parentElement) {
      const names = [...scope.querySelectorAll(selector)]
        .filter((b) => lib.rendered(b))
        .map((b) => (b.getAttribute("aria-label") || b.textContent || b.value || b.alt || "").trim())
        .filter((name) => CONTROL_WORDS.test(name));
      if (names.length) return names.slice(0, 5);
    }
    return [];
  }
  const media = [];
  for (const el of document.querySelectorAll("audio, video")) {
    if (media.length >= 30) break;
    if (!el.currentSrc && !el.querySelector("source[src]")) continue; // nothing to play
    const duration = Number.isFinite(el.duration) ? Math.round(el.duration * 10) / 10 : null;
    media.push(lib.describe(el, {
      playing: !el.paused && !el.ended,
      muted: el.muted || el.volume === 0,
      autoplay: el.hasAttribute("autoplay"),
      controls: el.hasAttribute("controls"),
      loop: el.loop,
      duration,
      plays_for: fragmentSeconds(el.currentSrc, duration),
      page_controls: pageControls(el),
    }));
  }
  const moving = [];
  for (const el of document.querySelectorAll("marquee, blink")) {
    if (moving.length >= 30) break;
    moving.push(lib.describe(el, { kind: el.localName }));
  }
  const seen = new Set();
  for (const anim of document.getAnimations ? document.getAnimations() : []) {
    if (moving.length >= 30) break;
    const el = anim.effect && anim.effect.target;
    if (!el || el.nodeType !== 1 || seen.has(el) || anim.playState !== "running") continue;
    const timing = anim.effect.getComputedTiming();
    if (timing.iterations !== Infinity) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 100 || r.height < 20 || !lib.rendered(el)) continue;
    seen.add(el);
    moving.push(lib.describe(el, { kind: "animation", name: anim.animationName || "" }));
  }
  return { media, moving };
}
