// Auto-playing media (WCAG 1.4.2) and moving content (WCAG 2.2.2).
(lib, arg) => {
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
