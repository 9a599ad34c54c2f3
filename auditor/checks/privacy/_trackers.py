"""What is a tracker: cookie names, domains and collection endpoints of analytics and advertising.

A small table, by design: each entry is a cookie, domain or endpoint that the vendor documents
(or that is widely catalogued, as in the ICO's and the browsers' tracker lists) as analytics or
advertising, which PECR regulation 6 says needs consent before it is set or read. Anything not
listed is never reported as a tracker; cookies and third-party requests we cannot place are
listed for review instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from auditor.web.sites import host_of, registrable_domain


@dataclass(frozen=True)
class Tracker:
    vendor: str
    purpose: str  # "analytics", "advertising", "session recording"…


def _t(vendor: str, purpose: str = "analytics") -> Tracker:
    return Tracker(vendor, purpose)


GA = _t("Google Analytics")
GOOGLE_ADS = _t("Google advertising", "advertising")
META = _t("Meta (Facebook) Pixel", "advertising")
HOTJAR = _t("Hotjar", "session recording")
CLARITY = _t("Microsoft Clarity", "session recording")
MICROSOFT_ADS = _t("Microsoft advertising", "advertising")

# Cookie name patterns (full match) → who sets them; short, ambiguous names count only when set
# on the vendor's own domains.
_COOKIES: tuple[tuple[str, Tracker, tuple[str, ...]], ...] = (
    (r"_ga(_[A-Z0-9]+)?", GA, ()),
    (r"_gid", GA, ()),
    (r"_gat(_.+)?", GA, ()),
    (r"__utm[a-z]", GA, ()),
    (r"_dc_gtm_.+", GA, ()),
    (r"_gcl_[a-z]+", GOOGLE_ADS, ()),
    (r"__gads|__gpi|__gsas", GOOGLE_ADS, ()),
    (r"IDE|DSID|test_cookie", GOOGLE_ADS, ("doubleclick.net",)),
    (r"NID|1P_JAR|AID|ANID|AEC", GOOGLE_ADS, ("google.com", "google.co.uk")),
    (r"_fbp|_fbc", META, ()),
    (r"fr|datr|sb", META, ("facebook.com",)),
    (r"_hj.*", HOTJAR, ()),
    (r"_clck|_clsk", CLARITY, ()),
    (r"CLID|SM|MR|ANONCHK|MUID", CLARITY, ("clarity.ms",)),
    (r"_uetsid|_uetvid|_uetmsclkid", MICROSOFT_ADS, ()),
    (r"MUID|MR|SRM_B", MICROSOFT_ADS, ("bing.com",)),
    (r"_pk_(id|ses|ref|cvar|hsr)[._].*|_pk_testcookie.*|mtm_.+", _t("Matomo"), ()),
    (r"_pin_unauth|_pinterest_.+", _t("Pinterest", "advertising"), ()),
    (r"_ttp|_tt_enable_cookie", _t("TikTok Pixel", "advertising"), ()),
    (r"li_sugr|bcookie|lidc|UserMatchHistory|AnalyticsSyncHistory|li_gc", _t("LinkedIn"), ()),
    (r"personalization_id|guest_id|muc_ads", _t("X (Twitter)", "advertising"), ()),
    (r"YSC|VISITOR_INFO1_LIVE|VISITOR_PRIVACY_METADATA", _t("YouTube", "advertising"), ()),
    (r"s_cc|s_sq|s_vi|s_fid|AMCV_.+|AMCVS_.+", _t("Adobe Analytics"), ()),
    (r"_cs_(id|s|c|mk|cvars)", _t("Contentsquare", "session recording"), ()),
    (r"__hstc|hubspotutk|__hssc|__hssrc", _t("HubSpot"), ()),
    (r"_sp_(id|ses)\..+", _t("Snowplow"), ()),
    (r"ajs_(user|anonymous)_id", _t("Segment"), ()),
    (r"mp_.+_mixpanel", _t("Mixpanel"), ()),
    (r"amplitude_id.*|AMP_[0-9a-f]+", _t("Amplitude"), ()),
    (r"_vwo_.+|_vis_opt_.+", _t("VWO", "testing"), ()),
    (r"optimizelyEndUserId|optimizelySegments", _t("Optimizely", "testing"), ()),
    (r"siteimproveses|nmstat", _t("Siteimprove Analytics"), ()),
)
TRACKER_COOKIES: tuple[tuple[re.Pattern[str], Tracker, tuple[str, ...]], ...] = tuple(
    (re.compile(pattern), tracker, domains) for pattern, tracker, domains in _COOKIES
)

# Names of cookies a site may set without consent: sessions, security, load balancing and the
# consent choice itself (PECR's "strictly necessary" exemption).
ESSENTIAL_COOKIES = re.compile(
    r"(?i)PHPSESSID|JSESSIONID|ASP\.NET_SessionId|ASPSESSIONID.*|SESS[0-9a-f]+|SSESS[0-9a-f]+"
    r"|sessionid|session|csrftoken|csrf_token|XSRF-TOKEN|__RequestVerificationToken.*"
    r"|__Host-.+|__Secure-.+|AWSALB|AWSALBCORS|AWSELB|BIGipServer.*|TS01[0-9a-f]+|__cf_bm"
    r"|cf_clearance|__cfruid|incap_ses_.*|visid_incap_.*|ARRAffinity|ARRAffinitySameSite"
    r"|cookies_policy|cookies_preferences_set|cookie_consent|cookieconsent_status|CookieConsent"
    r"|OptanonConsent|OptanonAlertBoxClosed|cookieyes-consent|CookieControl|cookielawinfo.*"
    r"|civicCookieControl|euconsent-v2|_cookie_consent"
)

# Registrable domains of analytics and advertising services.
TRACKER_DOMAINS: dict[str, Tracker] = {
    "google-analytics.com": GA,
    "analytics.google.com": GA,
    "googletagmanager.com": _t("Google Tag Manager"),
    "doubleclick.net": GOOGLE_ADS,
    "googleadservices.com": GOOGLE_ADS,
    "googlesyndication.com": GOOGLE_ADS,
    "adservice.google.com": GOOGLE_ADS,
    "facebook.net": META,
    "facebook.com": META,
    "hotjar.com": HOTJAR,
    "hotjar.io": HOTJAR,
    "clarity.ms": CLARITY,
    "bat.bing.com": MICROSOFT_ADS,
    "linkedin.com": _t("LinkedIn Insight", "advertising"),
    "licdn.com": _t("LinkedIn Insight", "advertising"),
    "ads-twitter.com": _t("X (Twitter) Pixel", "advertising"),
    "analytics.tiktok.com": _t("TikTok Pixel", "advertising"),
    "pinimg.com": _t("Pinterest", "advertising"),
    "siteimproveanalytics.com": _t("Siteimprove Analytics"),
    "siteimproveanalytics.io": _t("Siteimprove Analytics"),
    "contentsquare.net": _t("Contentsquare", "session recording"),
    "mouseflow.com": _t("Mouseflow", "session recording"),
    "fullstory.com": _t("FullStory", "session recording"),
    "smartlook.com": _t("Smartlook", "session recording"),
    "crazyegg.com": _t("Crazy Egg", "session recording"),
    "quantserve.com": _t("Quantcast", "advertising"),
    "scorecardresearch.com": _t("Comscore", "advertising"),
    "hs-analytics.net": _t("HubSpot"),
    "hs-scripts.com": _t("HubSpot"),
    "segment.com": _t("Segment"),
    "segment.io": _t("Segment"),
    "mixpanel.com": _t("Mixpanel"),
    "amplitude.com": _t("Amplitude"),
    "newrelic.com": _t("New Relic", "performance monitoring"),
    "nr-data.net": _t("New Relic", "performance monitoring"),
    "matomo.cloud": _t("Matomo"),
    "adnxs.com": _t("Xandr", "advertising"),
    "criteo.com": _t("Criteo", "advertising"),
    "taboola.com": _t("Taboola", "advertising"),
    "outbrain.com": _t("Outbrain", "advertising"),
}

# Collection endpoints recognised by their path on any host: first-party proxies and server-side
# tag managers (metrics.council.gov.uk/g/collect) are trackers all the same.
TRACKER_ENDPOINTS: tuple[tuple[re.Pattern[str], Tracker], ...] = (
    (re.compile(r"/g/collect\?(.*&)?tid=G-"), GA),
    (re.compile(r"/(j|r)?/?collect\?(.*&)?v=1&(.*&)?tid=UA-"), GA),
    (re.compile(r"/gtag/js\?(.*&)?id=(G|UA|AW|DC)-"), GA),
    (re.compile(r"/gtm\.js\?(.*&)?id=GTM-"), _t("Google Tag Manager")),
    (re.compile(r"/(analytics|ga)\.js(\?|$)"), GA),
    (re.compile(r"/fbevents\.js(\?|$)|/tr/?\?(.*&)?id=\d+&(.*&)?ev="), META),
    (re.compile(r"/hotjar-\d+\.js"), HOTJAR),
    (re.compile(r"/matomo\.(js|php)(\?|$)|/piwik\.(js|php)(\?|$)"), _t("Matomo")),
)


def classify_cookie(name: str, domain: str = "") -> Tracker | None:
    """The tracker that sets a cookie of this name (on this domain), or None."""
    site = registrable_domain(domain.lstrip("."))
    for pattern, tracker, domains in TRACKER_COOKIES:
        if pattern.fullmatch(name) and (not domains or site in domains):
            return tracker
    return None


def is_essential_cookie(name: str) -> bool:
    return ESSENTIAL_COOKIES.fullmatch(name) is not None


def classify_request(url: str) -> Tracker | None:
    """The tracker a request goes to, by its host's domain or a known collection endpoint."""
    host = host_of(url)
    domain = registrable_domain(host)
    for key in (host, domain):
        if key in TRACKER_DOMAINS:
            return TRACKER_DOMAINS[key]
    for known, tracker in TRACKER_DOMAINS.items():
        if host.endswith("." + known):  # analytics.google.com and the like
            return tracker
    parts = urlsplit(url)
    path_query = parts.path + (f"?{parts.query}" if parts.query else "")
    return next((t for pattern, t in TRACKER_ENDPOINTS if pattern.search(path_query)), None)
