// Error-state probe: the page as it stands after the auditor submitted a form (empty, or with
// wrong values). The journey runner marks the page with window.__auditorSubmission
// ({kind, form, before: [texts seen before submitting], kept: {selector: bool}}) once the
// submission has settled; without that mark the page was not submitted and nothing is probed.
// Facts: focus, the error summary (found by its links to fields, for any markup), each new
// visible message and the field it belongs to, whether it is tied by aria-describedby,
// aria-invalid, the title, and whether following each summary link moves focus to its field.
async (lib) => {
  const mark = window.__auditorSubmission;
  if (!mark || typeof mark !== "object") return { submitted: false };
  const MAX = 30;
  const FIELD = "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=image]):not([type=reset]), select, textarea";
  const norm = (t) => (t || "").replace(/\s+/g, " ").trim();
  const before = new Set((mark.before || []).map(norm));
  let form = null;
  try { form = mark.form ? document.querySelector(mark.form) : null; } catch (e) { form = null; }
  const scope = document.querySelector("main") || document.body;
  const fields = Array.from((form || document).querySelectorAll(FIELD)).filter((f) => lib.rendered(f) || f.type === "radio" || f.type === "checkbox");
  const fieldSet = new Set(fields);
  const focused = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;

  const idsOf = (el, attr) => (el.getAttribute(attr) || "").split(/\s+/).filter(Boolean);
  const byId = (id) => document.getElementById(id);

  // The error summary: the container of links to fields, marked as an alert or an error box.
  const SUMMARY_HINT = /error|problem|alert|invalid/i;
  function targetField(link) {
    const href = link.getAttribute("href") || "";
    if (!href.startsWith("#") || href.length < 2) return null;
    const target = byId(decodeURIComponent(href.slice(1)));
    if (!target) return null;
    if (fieldSet.has(target)) return target;
    // A link to a question's wrapper (a fieldset, a form group) counts; to a whole page part not.
    if (target.matches("main, body, form, [role=main]")) return null;
    const inside = Array.from(target.querySelectorAll(FIELD)).filter((f) => fieldSet.has(f));
    const names = new Set(inside.map((f) => (f.type === "radio" || f.type === "checkbox") ? "g:" + f.name : f));
    return inside.length && names.size === 1 ? inside[0] : null;
  }
  // The field a link that misses was meant for: the one its target (a hint, an error message)
  // describes, or the one field of the question its target sits in.
  function intendedField(link) {
    const href = link.getAttribute("href") || "";
    const target = href.length > 1 ? byId(decodeURIComponent(href.slice(1))) : null;
    if (!target) return null;
    const described = fields.find((f) => [...idsOf(f, "aria-describedby"), ...idsOf(f, "aria-errormessage")].includes(target.id));
    return described || fieldFor(target);
  }
  const pageLinks = Array.from(document.querySelectorAll("a[href^='#']")).filter((a) => lib.rendered(a));
  const fieldLinks = pageLinks.filter((a) => targetField(a));
  let summary = null;
  for (const link of fieldLinks) {
    for (let node = link.parentElement; node && node !== document.body; node = node.parentElement) {
      const hint = (node.getAttribute("class") || "") + " " + (node.id || "") + " " + (node.getAttribute("role") || "");
      if (SUMMARY_HINT.test(hint) || node.getAttribute("tabindex") === "-1") summary = node;
      if (node.matches("form, main")) break;
    }
    if (summary) break;
  }
  if (!summary && fieldLinks.length) {
    const list = fieldLinks[0].closest("ul, ol");
    summary = list ? list.parentElement : fieldLinks[0].parentElement;
  }
  // A summary whose links all miss their fields: a new alert or error box of in-page links.
  if (!summary) {
    for (const link of pageLinks) {
      if (before.has(norm(link.textContent))) continue;
      for (let node = link.parentElement; node && node !== document.body && !node.matches("form, main"); node = node.parentElement) {
        const hint = (node.getAttribute("class") || "") + " " + (node.id || "") + " " + (node.getAttribute("role") || "");
        if (SUMMARY_HINT.test(hint)) summary = node;
      }
      if (summary) break;
    }
  }
  // The outermost alert-like container holding the links (GOV.UK's div, not its role=alert child).
  if (summary) {
    for (let node = summary.parentElement; node && node !== document.body && !node.matches("form, main"); node = node.parentElement) {
      const hint = (node.getAttribute("class") || "") + " " + (node.id || "");
      if (SUMMARY_HINT.test(hint)) summary = node;
    }
  }
  // Every in-page link of the summary, those that miss their field included.
  const summaryLinks = summary ? pageLinks.filter((a) => summary.contains(a)) : [];

  // New visible messages: text that was not on the page before the submission.
  const messages = [];
  const seen = new Set();
  const candidates = [];
  for (const el of scope.querySelectorAll("*")) {
    if (summary && summary.contains(el)) continue;
    if (el.matches("label, legend, option, button, script, style, " + FIELD)) continue;
    if (!lib.ownText(el) || !lib.rendered(el)) continue;
    const text = norm(el.textContent);
    if (!text || before.has(text)) continue;
    candidates.push(el);
  }
  for (const el of candidates) {
    if (candidates.some((other) => other !== el && other.contains(el))) continue;
    if (seen.has(el)) continue;
    seen.add(el);
    if (messages.length >= MAX) break;
    const field = fieldFor(el);
    messages.push(lib.describe(el, {
      text: norm(el.textContent).slice(0, 200),
      field: field ? lib.selector(field) : null,
      tied: field ? tiedTo(field, el) : false,
    }));
  }

  function groupOf(field) {
    if (field.type === "radio" || field.type === "checkbox") {
      const root = field.form || document;
      return Array.from(root.querySelectorAll(`input[name="${CSS.escape(field.name)}"]`));
    }
    return [field];
  }
  function fieldFor(message) {
    for (let node = message.parentElement; node && node !== document.body; node = node.parentElement) {
      const inside = Array.from(node.querySelectorAll(FIELD)).filter((f) => fieldSet.has(f));
      if (!inside.length) continue;
      const names = new Set(inside.map((f) => (f.type === "radio" || f.type === "checkbox") ? "g:" + f.name : f));
      return names.size === 1 ? inside[0] : null;
    }
    return null;
  }
  function tiedTo(field, message) {
    const holders = [...groupOf(field)];
    const fieldset = field.closest("fieldset, [role=group], [role=radiogroup]");
    if (fieldset) holders.push(fieldset);
    for (const holder of holders) {
      for (const id of [...idsOf(holder, "aria-describedby"), ...idsOf(holder, "aria-errormessage")]) {
        const ref = byId(id);
        if (ref && (ref === message || ref.contains(message) || message.contains(ref))) return true;
      }
    }
    return false;
  }

  const kept = mark.kept && typeof mark.kept === "object" ? mark.kept : {};
  const fieldFacts = [];
  for (const field of fields.slice(0, MAX)) {
    const selector = lib.selector(field);
    const group = groupOf(field);
    if (group[0] !== field && group.includes(field)) continue; // a group is one question
    const fieldset = field.closest("fieldset, [role=group], [role=radiogroup]");
    fieldFacts.push(lib.describe(field, {
      name: field.name || "",
      type: field.type || field.localName,
      invalid: group.some((f) => f.getAttribute("aria-invalid") === "true") || Boolean(fieldset && fieldset.getAttribute("aria-invalid") === "true"),
      message: messages.some((m) => m.field !== null && group.some((f) => lib.selector(f) === m.field)),
      kept: Object.prototype.hasOwnProperty.call(kept, selector) ? Boolean(kept[selector]) : null,
    }));
  }

  const firstField = fields[0] || null;
  const facts = {
    submitted: true,
    kind: String(mark.kind || "empty"),
    form: form ? lib.selector(form) : "",
    title: document.title,
    title_element: document.querySelector("title") ? lib.describe(document.querySelector("title")) : null,
    url: location.href,
    focus: focused ? { selector: lib.selector(focused), tag: focused.localName, in_summary: Boolean(summary && summary.contains(focused)) } : null,
    summary: summary ? lib.describe(summary, {
      focused: Boolean(focused && summary.contains(focused)),
      at_top: !firstField || Boolean(summary.compareDocumentPosition(firstField) & Node.DOCUMENT_POSITION_FOLLOWING),
      links: [],
    }) : null,
    messages,
    fields: fieldFacts,
  };

  // Last, since it moves focus: follow each summary link and see where focus lands.
  if (summary) {
    for (const link of summaryLinks.slice(0, 10)) {
      const direct = targetField(link);
      const target = direct || intendedField(link);
      const href = link.getAttribute("href") || "";
      const pointed = href.length > 1 ? byId(decodeURIComponent(href.slice(1))) : null;
      link.click();
      await lib.nextFrame();
      const active = document.activeElement;
      const moved = Boolean(active && target && groupOf(target).includes(active));
      facts.summary.links.push(lib.describe(link, {
        text: norm(link.textContent).slice(0, 200),
        target: target ? lib.selector(target) : null,
        // What the link points at when that is not a field or its question: a hint, a message, nothing.
        points_at: direct ? null : (pointed ? lib.selector(pointed) : "nothing"),
        moves_focus: moved,
      }));
    }
    if (focused && focused.focus) focused.focus({ preventScroll: true });
  }
  return facts;
}
