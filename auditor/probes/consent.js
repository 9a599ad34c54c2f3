// Clicks a standard cookie-consent button, if the page shows one; returns what it clicked.
() => {
  const selectors = [
    '.govuk-cookie-banner button[value="reject"]', '.govuk-cookie-banner button[value="accept"]',
    '#onetrust-reject-all-handler', '#onetrust-accept-btn-handler',
    '#CybotCookiebotDialogBodyButtonDecline', '#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll',
    '.cc-deny', '.cc-allow', '.cc-dismiss', '[data-cookie-consent="reject"]',
    '[data-cookie-consent="accept"]',
  ];
  for (const s of selectors) {
    const el = document.querySelector(s);
    if (el && el.offsetParent !== null) { el.click(); return s; }
  }
  const words = /^(reject (all|additional|optional|non-essential) cookies|reject all|accept (all|additional|optional) cookies|accept all|accept cookies|i agree|agree|got it|ok(ay)?)$/i;
  for (const el of document.querySelectorAll('button, a[role="button"], input[type="button"], input[type="submit"]')) {
    const text = (el.innerText || el.value || '').trim();
    const inBanner = el.closest('[class*="cookie" i], [id*="cookie" i], [class*="consent" i], [id*="consent" i], [aria-label*="cookie" i]');
    if (inBanner && words.test(text) && el.offsetParent !== null) { el.click(); return text; }
  }
  return "";
}
