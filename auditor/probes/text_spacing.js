// Text spacing (WCAG 1.4.12): text cut off once the success criterion's spacing is applied.
async (lib, arg) => {
  const CSS = "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";
  const before = lib.clipped();
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  let after;
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  try {
    await lib.nextFrame();
    after = lib.clipped();
  } finally {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  }
  await lib.nextFrame();
  const clipped = [];
  for (const [el, info] of after) {
    if (before.has(el)) continue;
    if (clipped.length >= 30) break;
    clipped.push(lib.describe(el, info));
  }
  return { clipped_before: before.size, clipped };
}
