// What a page's CSS and JavaScript say about the design system behind it: the version custom
// properties GOV.UK Frontend (5+) and NHS.UK Frontend (10+) set on :root, the version globals
// of their browser bundles, and the URLs of loaded resources whose names mention one of them
// (scripts and @import-ed stylesheets the HTML does not show). Read only; values are capped.
(lib, arg) => {
  const clean = (value) => {
    if (typeof value !== "string") return null;
    const text = value.trim().replace(/^["']|["']$/g, "").trim();
    return text && text.length <= 40 ? text : null;
  };
  const read = (get) => {
    try {
      return get();
    } catch (err) {
      return null;
    }
  };
  const root = getComputedStyle(document.documentElement);
  const resources = [];
  for (const entry of performance.getEntriesByType("resource")) {
    if (resources.length >= 30) break;
    if (/govuk|nhsuk|localgov/i.test(entry.name)) resources.push(entry.name.slice(0, 300));
  }
  return {
    govuk_frontend: {
      css: clean(root.getPropertyValue("--govuk-frontend-version")),
      js: clean(read(() => window.GOVUKFrontend.version)),
    },
    nhsuk_frontend: {
      css: clean(root.getPropertyValue("--nhsuk-frontend-version")),
      js: clean(read(() => window.NHSUKFrontend.version)),
      global: read(() => typeof window.nhsuk === "object" && window.nhsuk !== null) === true,
    },
    resources,
  };
}
