"""Generate a council-like static site of exactly N pages, for benchmarking `auditor audit`.

The site looks like a UK council website: a home page linking to twelve service sections (bins,
council tax, planning, housing, parking, libraries, schools, social care, business, licensing,
news, contact), each section index listing its article pages (paginated, 100 a page), and fifteen
footer pages (accessibility statement, privacy and so on). Every page has the same header with a
search form, a twelve-link main navigation, breadcrumbs and a fifteen-link footer; an article's
main content is a few hundred elements: headings, paragraphs of council-style text, lists, a
related-links aside, now and then a table (caption, column and row headers), a form with labelled
fields, and images with alt text. A typical article has 300-600 elements in its DOM.

About 5% of pages carry one realistic defect, chosen deterministically: an image without alt text,
a low-contrast span, or a generic "click here" link. Everything else is meant to pass axe-core.

URLs are folders with an index.html (/bins/garden-waste-collections-123/). The folder also gets
/assets/site.css and a few SVG images, robots.txt (allow all) and sitemap.xml listing every page,
with `{{ORIGIN}}` placeholders that `auditor audit --serve DIR` (and
`auditor.web.static_site.StaticSite`)
replace with the served origin.

The output depends only on `pages` and `seed` (random.Random(seed)): the same arguments always
write the same bytes, so an unchanged re-run of an audit sees identical pages.

    .venv/bin/python benchmarks/generate_site.py --pages 2000 --out /tmp/council-2000 [--seed 1]
"""

from __future__ import annotations

import argparse
import math
import random
import re
import shutil
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

COUNCIL = "Brackenfield District Council"
PER_INDEX_PAGE = 100
DEFECT_RATE = 0.05
DEFECTS = ("image-alt", "low-contrast", "click-here")
LAST_MODIFIED = "2025-10-01"
CURRENT = ' aria-current="page"'

SECTIONS: dict[str, tuple[str, list[str]]] = {
    "bins": (
        "Bins and recycling",
        [
            "Garden waste collections",
            "Report a missed bin",
            "Bulky waste collections",
            "Household recycling centres",
            "Food waste caddies",
            "Order a replacement bin",
            "Clinical waste collections",
            "Commercial waste services",
            "Report fly-tipping",
            "Christmas collection changes",
        ],
    ),
    "council-tax": (
        "Council tax",
        [
            "Council tax bands and charges",
            "Single person discount",
            "Pay your council tax",
            "Council tax support",
            "Set up a direct debit",
            "Empty property charges",
            "Students and council tax",
            "Appeal against your band",
            "Moving home and council tax",
            "Council tax arrears",
        ],
    ),
    "planning": (
        "Planning and building control",
        [
            "Apply for planning permission",
            "Comment on a planning application",
            "Permitted development rights",
            "Listed building consent",
            "Tree preservation orders",
            "Building regulations approval",
            "Conservation areas",
            "The local plan",
            "Report a planning breach",
            "Pre-application advice",
        ],
    ),
    "housing": (
        "Housing",
        [
            "Join the housing register",
            "Homelessness advice",
            "Disabled facilities grants",
            "Private renting and landlords",
            "Houses in multiple occupation",
            "Report damp and mould",
            "Affordable housing schemes",
            "Empty homes",
            "Housing benefit",
            "Temporary accommodation",
        ],
    ),
    "parking": (
        "Parking and roads",
        [
            "Resident parking permits",
            "Pay a penalty charge notice",
            "Challenge a parking fine",
            "Council car parks",
            "Blue badge parking",
            "Report a pothole",
            "Street lighting faults",
            "Dropped kerb applications",
            "Road closures and roadworks",
            "Winter gritting routes",
        ],
    ),
    "libraries": (
        "Libraries",
        [
            "Join the library",
            "Library opening hours",
            "Renew and reserve books",
            "eBooks and eAudiobooks",
            "Computers and wifi in libraries",
            "Children's activities",
            "Local and family history",
            "Home library service",
            "Room hire in libraries",
            "Reading groups",
        ],
    ),
    "schools": (
        "Schools and education",
        [
            "Apply for a primary school place",
            "Apply for a secondary school place",
            "School term dates",
            "Free school meals",
            "School transport",
            "Special educational needs support",
            "Admissions appeals",
            "Home education",
            "School closures",
            "Childcare and early years funding",
        ],
    ),
    "social-care": (
        "Adult social care",
        [
            "Ask for a care assessment",
            "Paying for care",
            "Support for carers",
            "Direct payments",
            "Care homes in the district",
            "Equipment and adaptations",
            "Report a safeguarding concern",
            "Help at home",
            "Day services",
            "Lifeline alarms",
        ],
    ),
    "business": (
        "Business",
        [
            "Business rates",
            "Small business rate relief",
            "Food hygiene ratings",
            "Register a food business",
            "Trading standards advice",
            "Council contracts and tenders",
            "Business grants",
            "Market stalls",
            "Pavement licences",
            "Commercial property to let",
        ],
    ),
    "licensing": (
        "Licensing",
        [
            "Taxi and private hire licences",
            "Premises licences",
            "Personal licences",
            "Temporary event notices",
            "Street trading consent",
            "Animal licences",
            "Gambling permits",
            "Scrap metal licences",
            "Skin piercing and tattoo registration",
            "Public register of licences",
        ],
    ),
    "news": (
        "News",
        [
            "New recycling centre opening",
            "Budget consultation launched",
            "Winter support for residents",
            "Park improvements completed",
            "Town centre regeneration update",
            "Council meeting summary",
            "Library refurbishment plans",
            "Road resurfacing programme",
            "Community grants awarded",
            "Election results announced",
        ],
    ),
    "contact": (
        "Contact us",
        [
            "Customer service centre",
            "Make a complaint",
            "Compliments and feedback",
            "Contact your councillor",
            "Out of hours emergencies",
            "Visit the council offices",
            "Request information under freedom of information",
            "Report a problem",
            "Interpreting and translation",
            "Council phone numbers",
        ],
    ),
}

FOOTER = [
    ("accessibility-statement", "Accessibility statement"),
    ("privacy", "Privacy notice"),
    ("cookies", "Cookies"),
    ("terms", "Terms and conditions"),
    ("site-map", "Site map"),
    ("about", "About the council"),
    ("jobs", "Jobs and careers"),
    ("complaints", "Complaints procedure"),
    ("freedom-of-information", "Freedom of information"),
    ("data-protection", "Data protection"),
    ("modern-slavery", "Modern slavery statement"),
    ("social-media", "Follow us on social media"),
    ("newsletter", "Sign up for email updates"),
    ("translate", "Translate this website"),
    ("feedback", "Website feedback"),
]

QUALIFIERS = [
    "",
    "in Brackenfield",
    "in Marlow Vale",
    "for landlords",
    "for businesses",
    "for older residents",
    "changes from April",
    "frequently asked questions",
    "eligibility",
    "how to apply",
    "fees and charges",
    "in the northern villages",
    "during the holidays",
    "guidance notes",
]

PLACES = [
    "Brackenfield",
    "Marlow Vale",
    "Eastcote",
    "Hollins Cross",
    "Upper Ashby",
    "Kettleby",
    "Stanmore Green",
    "Wickham Fold",
]
PEOPLE = ["residents", "tenants", "landlords", "carers", "parents", "applicants", "businesses"]
WAYS = ["online", "by phone", "by email", "at the customer service centre", "by post"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "March", "April", "June", "September", "October", "November"]
SENTENCES = [
    "You can {verb} {thing} {way}, and most requests are dealt with within {n} working days.",
    "{People} in {place} should check the details below before they {verb} {thing}.",
    "If you need help to {verb} {thing}, call us on 01632 960{n3} between 9am and 5pm.",
    "We will write to you within {n} days to confirm what happens next.",
    "From {month}, the rules about {thing} change for {people} across the district.",
    "There is no charge for {thing} if you receive Universal Credit or Pension Credit.",
    "Please have your reference number ready when you contact us about {thing}.",
    "Most {people} in {place} can {verb} {thing} without visiting our offices.",
    "Our opening hours may change on bank holidays, so check before you travel.",
    "We aim to reply to every enquiry about {thing} within {n} working days.",
    "Information about {thing} is also available in large print and other languages.",
    "The service covers {place}, {place2} and the surrounding villages.",
    "Applications received after {day} will be processed the following week.",
    "You may need to provide proof of address, such as a recent utility bill.",
    "Decisions about {thing} are made in line with the council's published policy.",
]
VERBS = ["apply for", "ask about", "pay for", "report", "request", "cancel", "renew", "book"]
LIST_ITEMS = [
    "your full name and address",
    "your council tax reference number",
    "a contact phone number or email address",
    "proof of identity, such as a passport or driving licence",
    "the date the problem started",
    "photographs, if you have them",
    "details of anyone else living at the property",
    "your bank details, if you want to pay by direct debit",
    "the name of your landlord or managing agent",
    "any reference number from earlier letters",
    "the registration number of the vehicle",
    "a plan showing the location",
]
SUBHEADINGS = [
    "Who can apply",
    "What you need",
    "How to apply",
    "How much it costs",
    "What happens next",
    "If you disagree with a decision",
    "Help and support",
    "When to contact us",
    "Before you start",
    "Changes to the service",
    "Accessibility and other formats",
    "Your privacy",
]
IMAGES = [
    ("town-hall.svg", "Brackenfield town hall seen from the market square"),
    ("recycling.svg", "Blue, green and brown wheelie bins outside a terraced house"),
    ("library.svg", "Children choosing books in Marlow Vale library"),
    ("park.svg", "The bandstand in Victoria Park on a sunny afternoon"),
]

CSS = """\
/* Brackenfield District Council - generated benchmark site */
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 1.125rem;
  line-height: 1.5; color: #0b0c0c; background: #ffffff; }
.container { max-width: 960px; margin: 0 auto; padding: 0 1rem; }
a { color: #1d5c96; }
a:visited { color: #4c2c92; }
a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.skip-link { position: absolute; left: -9999px; top: 0; }
.skip-link:focus { left: 0; padding: 0.5rem 1rem; }
.site-header { background: #16384f; color: #ffffff; }
.site-header .container { display: flex; justify-content: space-between; align-items: center;
  padding-top: 1rem; padding-bottom: 1rem; }
.site-name, .site-name:visited { color: #ffffff; font-size: 1.75rem; font-weight: bold;
  text-decoration: none; }
.header-search label { position: absolute; left: -9999px; }
.site-nav { background: #0f2a3c; }
.site-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0 auto;
  padding-top: 0.75rem; padding-bottom: 0.75rem; }
.site-nav a, .site-nav a:visited { color: #ffffff; }
.site-nav a[aria-current] { font-weight: bold; }
.breadcrumbs ol { list-style: none; display: flex; gap: 0.5rem; padding: 0; font-size: 1rem; }
main { padding-top: 1rem; padding-bottom: 2.5rem; }
h1 { font-size: 2.25rem; margin-top: 0; }
.lead { font-size: 1.3rem; }
.layout { display: grid; grid-template-columns: 2fr 1fr; gap: 2rem; }
.related { border-top: 4px solid #16384f; padding-top: 0.5rem; }
figure { margin: 1.5rem 0; }
figcaption { color: #505a5f; font-size: 1rem; }
input[type=text], input[type=email], input[type=search], input[type=tel], select, textarea {
  font-size: 1.125rem; padding: 0.35rem; border: 2px solid #0b0c0c; }
button { font-size: 1.125rem; padding: 0.45rem 1rem; background: #00703c; color: #ffffff;
  border: 0; cursor: pointer; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
caption { text-align: left; font-weight: bold; font-size: 1.25rem; margin-bottom: 0.5rem; }
th, td { text-align: left; border-bottom: 1px solid #b1b4b6; padding: 0.5rem 1rem 0.5rem 0; }
.notice { border-left: 8px solid #16384f; padding: 0.5rem 1rem; background: #f3f2f1; }
.form-group { margin-bottom: 1.25rem; }
.form-group label, .field-label { display: block; font-weight: bold; }
.hint { color: #505a5f; }
fieldset { border: 0; padding: 0; margin: 0 0 1.25rem; }
legend { font-weight: bold; }
.faded { color: #b8b8b8; }
.meta { color: #505a5f; }
.pagination { display: flex; gap: 1rem; list-style: none; padding: 0; }
.site-footer { border-top: 4px solid #16384f; background: #f3f2f1; padding: 1.5rem 0; }
.footer-heading { font-size: 1.25rem; }
.footer-links { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
"""

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
    '<rect width="{w}" height="{h}" fill="{bg}"/><circle cx="{cx}" cy="{cy}" r="{r}" '
    'fill="{fg}"/></svg>\n'
)
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">'
    '<rect width="48" height="48" rx="6" fill="#ffffff"/><path d="M8 38V18l16-10 16 10v20z" '
    'fill="#16384f"/></svg>\n'
)


@dataclass
class Page:
    """One HTML page of the site: where it lives, its title and where it sits in the nav."""

    path: str  # "/bins/garden-waste-collections-123/"
    title: str
    section: str | None  # the section slug, None for home and footer pages
    kind: str  # "home", "index", "article", "footer"
    number: int = 0  # article number, or index page number (1 is the section's first)
    links: list[Page] = field(default_factory=list)  # what an index page lists


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- the site plan --------------------------------------------------------------------------


def plan(pages: int, rng: random.Random) -> list[Page]:
    """Every page of the site, exactly `pages` of them, in a fixed order."""
    fixed = 1 + len(SECTIONS) + len(FOOTER)
    if pages < fixed + len(SECTIONS):
        raise ValueError(f"a site needs at least {fixed + len(SECTIONS)} pages")
    articles = pages - fixed
    # Index pages list 100 articles each: take articles back until the extra index pages fit.
    while articles + sum(extra_index_pages(articles)) > pages - fixed:
        articles -= 1
    per_section = split(articles, len(SECTIONS))
    home = Page("/", f"Home - {COUNCIL}", None, "home")
    site = [home]
    number = 0
    for (slug, (name, topics)), count in zip(SECTIONS.items(), per_section, strict=True):
        section_articles: list[Page] = []
        for _ in range(count):
            number += 1
            qualifier = rng.choice(QUALIFIERS)
            title = f"{rng.choice(topics)} {qualifier}".strip()
            section_articles.append(
                Page(f"/{slug}/{slugify(title)}-{number}/", title, slug, "article", number)
            )
        index_count = max(1, math.ceil(count / PER_INDEX_PAGE))
        for i in range(index_count):
            path = f"/{slug}/" if i == 0 else f"/{slug}/page-{i + 1}/"
            title = name if i == 0 else f"{name} (page {i + 1} of {index_count})"
            chunk = section_articles[i * PER_INDEX_PAGE : (i + 1) * PER_INDEX_PAGE]
            site.append(Page(path, title, slug, "index", i + 1, chunk))
        site += section_articles
    site += [Page(f"/{slug}/", title, None, "footer") for slug, title in FOOTER]
    assert len(site) == pages, (len(site), pages)
    return site


def split(total: int, parts: int) -> list[int]:
    """`total` spread over `parts` as evenly as possible (earlier parts get the remainder)."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def extra_index_pages(articles: int) -> list[int]:
    return [max(0, math.ceil(n / PER_INDEX_PAGE) - 1) for n in split(articles, len(SECTIONS))]


# --- page parts -----------------------------------------------------------------------------


def head(title: str, description: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"  <title>{escape(title)}</title>\n"
        f'  <meta name="description" content="{escape(description)}">\n'
        '  <link rel="icon" href="data:,">\n'
        '  <link rel="stylesheet" href="/assets/site.css">\n</head>\n'
    )


def header(current: str | None) -> str:
    items = "\n".join(
        f'        <li><a href="/{slug}/"{CURRENT if slug == current else ""}>'
        f"{escape(name)}</a></li>"
        for slug, (name, _) in SECTIONS.items()
    )
    return (
        '<body>\n  <a class="skip-link" href="#main-content">Skip to main content</a>\n'
        '  <header class="site-header">\n    <div class="container">\n'
        '      <a class="site-name" href="/"><img src="/assets/logo.svg" alt="" width="48" '
        f'height="48"> {COUNCIL}</a>\n'
        '      <form class="header-search" action="/" method="get" role="search">\n'
        '        <label for="site-search">Search this website</label>\n'
        '        <input type="search" id="site-search" name="q">\n'
        '        <button type="submit">Search</button>\n      </form>\n    </div>\n'
        '    <nav class="site-nav" aria-label="Main">\n      <ul class="container">\n'
        f"{items}\n      </ul>\n    </nav>\n  </header>\n"
    )


def breadcrumbs(trail: list[tuple[str, str]]) -> str:
    items = "\n".join(
        f'        <li><a href="{path}">{escape(name)}</a></li>' for path, name in trail
    )
    return (
        '  <div class="container">\n    <nav class="breadcrumbs" aria-label="Breadcrumb">\n'
        f"      <ol>\n{items}\n      </ol>\n    </nav>\n  </div>\n"
    )


def footer() -> str:
    items = "\n".join(
        f'        <li><a href="/{slug}/">{escape(title)}</a></li>' for slug, title in FOOTER
    )
    return (
        '  <footer class="site-footer">\n    <div class="container">\n'
        '      <h2 class="footer-heading">Using this website</h2>\n'
        f'      <ul class="footer-links">\n{items}\n      </ul>\n'
        f"      <p>&copy; {COUNCIL}, Civic Centre, Station Road, Brackenfield BF1 2AB</p>\n"
        "    </div>\n  </footer>\n</body>\n</html>\n"
    )


class Writer:
    """Council-style prose and page blocks from one seeded random source."""

    def __init__(self, rng: random.Random, topic: str) -> None:
        self.rng = rng
        self.topic = topic.lower()

    def sentence(self) -> str:
        places = self.rng.sample(PLACES, 2)
        people = self.rng.choice(PEOPLE)
        return self.rng.choice(SENTENCES).format(
            verb=self.rng.choice(VERBS),
            thing=self.topic,
            way=self.rng.choice(WAYS),
            n=self.rng.randint(3, 20),
            n3=f"{self.rng.randint(0, 999):03d}",
            people=people,
            People=people.capitalize(),
            place=places[0],
            place2=places[1],
            month=self.rng.choice(MONTHS),
            day=self.rng.choice(DAYS),
        )

    def paragraph(self, links: list[Page]) -> str:
        parts = [escape(self.sentence()) for _ in range(self.rng.randint(2, 4))]
        if links and self.rng.random() < 0.5:
            page = self.rng.choice(links)
            parts.append(f'Read more about <a href="{page.path}">{escape(page.title.lower())}</a>.')
        if self.rng.random() < 0.3:
            parts.insert(0, "<strong>Important:</strong>")
        if self.rng.random() < 0.4:
            slug, title = self.rng.choice(FOOTER)
            parts.append(f'See also our <a href="/{slug}/">{escape(title.lower())}</a>.')
        return f"      <p>{' '.join(parts)}</p>\n"

    def contact_details(self) -> str:
        place = self.rng.choice(PLACES)
        rows = [
            ("Phone", f"01632 960{self.rng.randint(0, 999):03d}"),
            ("Email", f"{slugify(self.topic)[:20]}@brackenfield.gov.uk"),
            ("Opening hours", f"Monday to {self.rng.choice(DAYS)}, 9am to 5pm"),
            ("Address", f"Civic Centre, Station Road, {place} BF{self.rng.randint(1, 9)} 2AB"),
        ]
        items = "".join(f"<dt>{name}</dt><dd>{escape(value)}</dd>" for name, value in rows)
        return f"      <h2>Contact the team</h2>\n      <dl>{items}</dl>\n"

    def bullet_list(self, links: list[Page]) -> str:
        items = []
        for text in self.rng.sample(LIST_ITEMS, self.rng.randint(4, 8)):
            if links and self.rng.random() < 0.4:
                page = self.rng.choice(links)
                items.append(f'<li>{escape(text)} (<a href="{page.path}">see guidance</a>)</li>')
            else:
                items.append(f"<li>{escape(text)}</li>")
        tag = "ol" if self.rng.random() < 0.3 else "ul"
        return f"      <{tag}>\n        " + "\n        ".join(items) + f"\n      </{tag}>\n"

    def table(self) -> str:
        columns = self.rng.choice(
            [
                ("Area", "Collection day", "Frequency", "Next collection"),
                ("Band", "Property value", "Annual charge", "Monthly instalment"),
                ("Library", "Monday to Friday", "Saturday", "Sunday"),
                ("Service", "Fee", "Concession", "Processing time"),
            ]
        )
        rows = []
        for place in self.rng.sample(PLACES, self.rng.randint(4, 8)):
            cells = "".join(f"<td>{escape(self.cell())}</td>" for _ in columns[1:])
            rows.append(f'<tr><th scope="row">{place}</th>{cells}</tr>')
        head_cells = "".join(f'<th scope="col">{c}</th>' for c in columns)
        return (
            f"      <table>\n        <caption>{escape(self.topic.capitalize())} by area</caption>\n"
            f"        <thead><tr>{head_cells}</tr></thead>\n        <tbody>\n          "
            + "\n          ".join(rows)
            + "\n        </tbody>\n      </table>\n"
        )

    def cell(self) -> str:
        return self.rng.choice(
            [
                self.rng.choice(DAYS),
                f"£{self.rng.randint(20, 2400)}.{self.rng.randint(0, 99):02d}",
                f"{self.rng.randint(1, 10)} working days",
                "Every two weeks",
                "9am to 5pm",
                "Closed",
                f"{self.rng.randint(1, 28)} {self.rng.choice(MONTHS)}",
            ]
        )

    def form(self, number: int) -> str:
        fields = [("full-name", "Full name", "text"), ("email", "Email address", "email")]
        fields += self.rng.sample(
            [
                ("phone", "Phone number", "tel"),
                ("postcode", "Postcode", "text"),
                ("reference", "Reference number", "text"),
                ("address", "First line of your address", "text"),
            ],
            self.rng.randint(1, 3),
        )
        groups = "\n".join(
            f'        <div class="form-group"><label for="f{number}-{name}">{label}</label>'
            f'<input type="{kind}" id="f{number}-{name}" name="{name}" autocomplete="off"></div>'
            for name, label, kind in fields
        )
        choices = "".join(
            f'<div><input type="radio" id="f{number}-how-{i}" name="how" value="{way}">'
            f'<label for="f{number}-how-{i}">{escape(way.capitalize())}</label></div>'
            for i, way in enumerate(WAYS[:3])
        )
        return (
            f"      <h2>Contact us about {escape(self.topic)}</h2>\n"
            f'      <form action="/contact/" method="post">\n{groups}\n'
            f"        <fieldset><legend>How should we reply?</legend>{choices}</fieldset>\n"
            f'        <div class="form-group"><label for="f{number}-area">Area</label>'
            f'<select id="f{number}-area" name="area">'
            + "".join(f"<option>{p}</option>" for p in PLACES)
            + "</select></div>\n"
            f'        <div class="form-group"><label for="f{number}-details">Details</label>'
            f'<span class="hint" id="f{number}-hint">Do not include bank details.</span>'
            f'<textarea id="f{number}-details" name="details" rows="5" '
            f'aria-describedby="f{number}-hint"></textarea></div>\n'
            '        <button type="submit">Send</button>\n      </form>\n'
        )

    def figure(self) -> str:
        file, alt = self.rng.choice(IMAGES)
        return (
            f'      <figure><img src="/assets/{file}" alt="{escape(alt)}" width="480" '
            f'height="270"><figcaption>{escape(alt)}.</figcaption></figure>\n'
        )


def defect_html(kind: str) -> str:
    if kind == "image-alt":
        return '      <p><img src="/assets/park.svg" width="240" height="135"></p>\n'
    if kind == "low-contrast":
        return (
            '      <p><span class="faded">This page was checked for accuracy by the '
            "service team.</span></p>\n"
        )
    return '      <p>For the full policy document, <a href="/about/">click here</a>.</p>\n'


def article(page: Page, siblings: list[Page], rng: random.Random, defect: str | None) -> str:
    assert page.section is not None
    section_name = SECTIONS[page.section][0]
    writer = Writer(rng, page.title)
    related = rng.sample(siblings, min(6, len(siblings))) if siblings else []
    headings = rng.sample(SUBHEADINGS, rng.randint(9, 12))
    table_at = rng.randrange(len(headings)) if rng.random() < 0.4 else -1
    defect_at = rng.randrange(len(headings))
    contents = "".join(f'<li><a href="#{slugify(h)}">{escape(h)}</a></li>' for h in headings)
    body = [
        f"      <h1>{escape(page.title)}</h1>\n",
        f'      <p class="lead">{escape(writer.sentence())}</p>\n',
        f'      <nav aria-label="Contents"><h2>Contents</h2><ol>{contents}</ol></nav>\n',
    ]
    if rng.random() < 0.5:
        body.append(writer.figure())
    for i, heading in enumerate(headings):
        body.append(f'      <h2 id="{slugify(heading)}">{heading}</h2>\n')
        for _ in range(rng.randint(2, 4)):
            body.append(writer.paragraph(related))
        if rng.random() < 0.8:
            body.append(writer.bullet_list(related))
        if rng.random() < 0.3:
            body.append(f"      <h3>{escape(rng.choice(PLACES))}</h3>\n")
            body.append(writer.paragraph(related))
        if i == table_at:
            body.append(writer.table())
        if i == defect_at and defect:
            body.append(defect_html(defect))
        if rng.random() < 0.15:
            body.append(f'      <div class="notice"><p>{escape(writer.sentence())}</p></div>\n')
    if rng.random() < 0.2:
        body.append(writer.form(page.number))
    body.append(writer.contact_details())
    body.append(
        f'      <p class="meta">Last updated {rng.randint(1, 28)} {rng.choice(MONTHS)} 2025</p>\n'
        '      <form class="feedback" action="/feedback/" method="get"><fieldset>'
        "<legend>Was this page useful?</legend>"
        '<button type="submit" name="useful" value="yes">Yes</button> '
        '<button type="submit" name="useful" value="no">No</button></fieldset></form>\n'
    )
    aside = "".join(
        f'          <li><a href="{p.path}">{escape(p.title)}</a></li>\n' for p in related
    )
    section_path = f"/{page.section}/"
    return (
        head(f"{page.title} - {section_name} - {COUNCIL}", writer.sentence())
        + header(page.section)
        + breadcrumbs([("/", "Home"), (section_path, section_name)])
        + '  <main id="main-content" class="container">\n    <div class="layout">\n'
        + "    <div>\n"
        + "".join(body)
        + "    </div>\n"
        + '    <aside class="related" aria-labelledby="related-heading">\n'
        + '      <h2 id="related-heading">Related content</h2>\n'
        + f"      <ul>\n{aside}      </ul>\n    </aside>\n    </div>\n  </main>\n"
        + footer()
    )


def index_page(page: Page, pages_in_section: int, rng: random.Random) -> str:
    assert page.section is not None
    name = SECTIONS[page.section][0]
    writer = Writer(rng, name)
    items = "".join(
        f'        <li><a href="{p.path}">{escape(p.title)}</a></li>\n' for p in page.links
    )
    pager = ""
    if pages_in_section > 1:
        links = "".join(
            f'<li><a href="{index_path(page.section, i)}"'
            f"{CURRENT if i == page.number else ''}>Page {i}</a></li>"
            for i in range(1, pages_in_section + 1)
        )
        pager = f'      <nav aria-label="Pages"><ul class="pagination">{links}</ul></nav>\n'
    return (
        head(f"{page.title} - {COUNCIL}", writer.sentence())
        + header(page.section)
        + breadcrumbs([("/", "Home")])
        + '  <main id="main-content" class="container">\n'
        + f"      <h1>{escape(page.title)}</h1>\n"
        + f'      <p class="lead">{escape(writer.sentence())}</p>\n'
        + f"      <h2>{escape(name)} services A to Z</h2>\n"
        + f"      <ul>\n{items}      </ul>\n{pager}  </main>\n"
        + footer()
    )


def index_path(section: str, number: int) -> str:
    return f"/{section}/" if number == 1 else f"/{section}/page-{number}/"


def home_page(page: Page, rng: random.Random) -> str:
    cards = "".join(
        f'        <li><h3><a href="/{slug}/">{escape(name)}</a></h3>'
        f"<p>{escape(Writer(rng, topics[0]).sentence())}</p></li>\n"
        for slug, (name, topics) in SECTIONS.items()
    )
    return (
        head(page.title, f"Services and information from {COUNCIL}.")
        + header(None)
        + '  <main id="main-content" class="container">\n'
        + f"      <h1>Welcome to {COUNCIL}</h1>\n"
        + '      <p class="lead">Find information about council services in Brackenfield, '
        + "Marlow Vale and the surrounding villages.</p>\n"
        + f'      <h2>Council services</h2>\n      <ul class="cards">\n{cards}      </ul>\n'
        + "      <h2>Popular tasks</h2>\n      <ul>\n"
        + "".join(
            f'        <li><a href="/{slug}/">{escape(topics[1])}</a></li>\n'
            for slug, (_, topics) in SECTIONS.items()
        )
        + "      </ul>\n"
        + IMAGE_HOME
        + "  </main>\n"
        + footer()
    )


IMAGE_HOME = (
    '      <figure><img src="/assets/town-hall.svg" alt="Brackenfield town hall seen from the '
    'market square" width="480" height="270"></figure>\n'
)


def footer_page(page: Page, rng: random.Random) -> str:
    writer = Writer(rng, page.title)
    body = "".join(
        f"      <h2>{heading}</h2>\n"
        + writer.paragraph([])
        + writer.paragraph([])
        + writer.bullet_list([])
        for heading in rng.sample(SUBHEADINGS, 8)
    )
    return (
        head(f"{page.title} - {COUNCIL}", writer.sentence())
        + header(None)
        + breadcrumbs([("/", "Home")])
        + '  <main id="main-content" class="container">\n'
        + f"      <h1>{escape(page.title)}</h1>\n{body}  </main>\n"
        + footer()
    )


# --- writing the folder ---------------------------------------------------------------------


def write_assets(folder: Path) -> None:
    assets = folder / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "site.css").write_text(CSS, "utf-8")
    (assets / "logo.svg").write_text(LOGO, "utf-8")
    colours = [("#d9e6ef", "#16384f"), ("#e3efe0", "#00703c"), ("#f3ead8", "#8a4b08")]
    for i, (file, _) in enumerate(IMAGES):
        bg, fg = colours[i % len(colours)]
        svg = SVG.format(w=480, h=270, bg=bg, fg=fg, cx=160 + 40 * i, cy=135, r=60 + 10 * i)
        (assets / file).write_text(svg, "utf-8")


def sitemap(site: list[Page]) -> str:
    entries = "".join(
        f"  <url>\n    <loc>{{{{ORIGIN}}}}{p.path}</loc>\n"
        f"    <lastmod>{LAST_MODIFIED}</lastmod>\n  </url>\n"
        for p in site
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )


def generate(folder: Path, pages: int, seed: int = 1) -> None:
    """Write a council-like site of exactly `pages` HTML pages into `folder` (emptied first)."""
    rng = random.Random(seed)
    site = plan(pages, rng)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    write_assets(folder)
    by_section: dict[str, list[Page]] = {slug: [] for slug in SECTIONS}
    index_counts: dict[str, int] = dict.fromkeys(SECTIONS, 0)
    for page in site:
        if page.section and page.kind == "article":
            by_section[page.section].append(page)
        elif page.section and page.kind == "index":
            index_counts[page.section] += 1
    for page in site:
        page_rng = random.Random(f"{seed}:{page.path}")
        if page.kind == "home":
            html = home_page(page, page_rng)
        elif page.kind == "index":
            assert page.section is not None
            html = index_page(page, index_counts[page.section], page_rng)
        elif page.kind == "footer":
            html = footer_page(page, page_rng)
        else:
            assert page.section is not None
            siblings = [p for p in by_section[page.section] if p is not page]
            defect = page_rng.choice(DEFECTS) if page_rng.random() < DEFECT_RATE else None
            html = article(page, siblings, page_rng, defect)
        target = folder / page.path.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, "utf-8")
    (folder / "robots.txt").write_text(
        "User-agent: *\nAllow: /\n\nSitemap: {{ORIGIN}}/sitemap.xml\n", "utf-8"
    )
    (folder / "sitemap.xml").write_text(sitemap(site), "utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="HTML pages to write")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (emptied)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.out, args.pages, args.seed)
    print(f"wrote {args.pages} pages to {args.out}")


if __name__ == "__main__":
    main()
