// Render every non-hidden fixture of every GOV.UK Frontend component into the package's page
// template with nunjucks, one page per fixture, with the package's CSS and JavaScript (initAll).
//
//   node render.mjs NODE_MODULES OUT
//
// Writes OUT/<component>/<fixture>.html, OUT/assets (the package's fonts and images) and
// OUT/pages.json (the list of pages written). Run by benchmarks/govuk_pages.py.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [nodeModules, out] = process.argv.slice(2).map((p) => path.resolve(p));
const require = createRequire(path.join(nodeModules, "noop.js"));
const nunjucks = require("nunjucks");
const dist = path.join(nodeModules, "govuk-frontend", "dist");
const env = nunjucks.configure([dist], { autoescape: true });

const macroName = (component) =>
  "govuk" + component.split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join("");
const slug = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

const page = (component, fixture) => `{% extends "govuk/template.njk" %}
{% from "govuk/components/${component}/macro.njk" import ${macroName(component)} %}
{% block pageTitle %}{{ title }}{% endblock %}
{% block head %}<link rel="stylesheet" href="/govuk-frontend.min.css">{% endblock %}
{% block content %}{{ ${macroName(component)}(options) }}{% endblock %}
{% block bodyEnd %}<script type="module">
import { initAll } from "/govuk-frontend.min.js"
initAll()
</script>{% endblock %}`;

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const written = [];
const components = path.join(dist, "govuk", "components");
for (const component of fs.readdirSync(components).sort()) {
  const file = path.join(components, component, "fixtures.json");
  if (!fs.existsSync(file)) continue;
  const { fixtures } = JSON.parse(fs.readFileSync(file, "utf-8"));
  fs.mkdirSync(path.join(out, component), { recursive: true });
  for (const fixture of fixtures) {
    if (fixture.hidden) continue;
    const title = `${component}: ${fixture.name} – GOV.UK Frontend`;
    const context = { ...(fixture.pageTemplateOptions || {}), options: fixture.options, title };
    const html = env.renderString(page(component, fixture), context);
    const relative = `${component}/${slug(fixture.name)}.html`;
    fs.writeFileSync(path.join(out, relative), html);
    written.push(relative);
  }
}
fs.cpSync(path.join(dist, "govuk", "assets"), path.join(out, "assets"), { recursive: true });
for (const asset of ["govuk-frontend.min.css", "govuk-frontend.min.js"]) {
  fs.copyFileSync(path.join(dist, "govuk", asset), path.join(out, asset));
}
fs.writeFileSync(path.join(out, "pages.json"), JSON.stringify(written, null, 1));
console.log(`${written.length} pages in ${out}`);
