-- A history database made by the hand-written migrations (auditor/store.py before Alembic,
-- commit d83c110): two finished runs and a crawl killed half-way. Dumped with sqlite3 iterdump.
BEGIN TRANSACTION;
CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
INSERT INTO "_migrations" VALUES('001_initial','2026-11-22 03:11:49');
INSERT INTO "_migrations" VALUES('002_crawl_state','2026-11-22 03:11:49');
CREATE TABLE crawl_external (
            run_id TEXT NOT NULL REFERENCES crawls (run_id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            found_on TEXT NOT NULL,
            PRIMARY KEY (run_id, url)
        );
INSERT INTO "crawl_external" VALUES('20260101T090000Z-aaaaaa','https://pay.example/','https://council.gov.uk/bins');
CREATE TABLE crawl_pages (
            run_id TEXT NOT NULL REFERENCES crawls (run_id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            content_hash TEXT,
            page_json TEXT NOT NULL,
            PRIMARY KEY (run_id, url)
        );
INSERT INTO "crawl_pages" VALUES('20260101T090000Z-aaaaaa','https://council.gov.uk/bins','hash-bins','{"target":{"url":"https://council.gov.uk/bins","depth":1,"found_on":null,"source":"link"},"final_url":"https://council.gov.uk/bins","status":200,"title":"A page","load_error":null,"results":[{"check_id":"custom/generic-link-text","outcome":"fail","impact":"serious","findings":[{"check_id":"custom/generic-link-text","outcome":"fail","impact":"serious","message":"Links use generic text","wcag":["2.4.4"],"page_url":"https://council.gov.uk/bins","node":{"selector":"#main > a:nth-of-type(2)","snippet":"<a>here</a>","label":""},"viewport":"desktop","viewports":[],"fingerprint":"afd4e22eae02b50d4bc0ba05c93e3db7"}],"error":null,"duration_ms":0.0}],"score":null,"links":[{"url":"https://council.gov.uk/","selector":"#home","text":"Home"}],"frames_audited":0,"load_ms":0,"axe_ms":0,"redirects":[],"duplicate_of":null,"carried_over":false,"attempts":1}');
INSERT INTO "crawl_pages" VALUES('20260101T090000Z-aaaaaa','https://council.gov.uk/gone',NULL,'{"target":{"url":"https://council.gov.uk/gone","depth":1,"found_on":null,"source":"link"},"final_url":"https://council.gov.uk/gone","status":404,"title":"A page","load_error":"404","results":[],"score":null,"links":[{"url":"https://council.gov.uk/","selector":"#home","text":"Home"}],"frames_audited":0,"load_ms":0,"axe_ms":0,"redirects":[],"duplicate_of":null,"carried_over":false,"attempts":1}');
INSERT INTO "crawl_pages" VALUES('20260103T090000Z-cccccc','https://council.gov.uk/','hash-home','{"target":{"url":"https://council.gov.uk/bins","depth":1,"found_on":null,"source":"link"},"final_url":"https://council.gov.uk/bins","status":200,"title":"A page","load_error":null,"results":[{"check_id":"custom/generic-link-text","outcome":"fail","impact":"serious","findings":[{"check_id":"custom/generic-link-text","outcome":"fail","impact":"serious","message":"Links use generic text","wcag":["2.4.4"],"page_url":"https://council.gov.uk/bins","node":{"selector":"#main > a:nth-of-type(2)","snippet":"<a>here</a>","label":""},"viewport":"desktop","viewports":[],"fingerprint":"afd4e22eae02b50d4bc0ba05c93e3db7"}],"error":null,"duration_ms":0.0}],"score":null,"links":[{"url":"https://council.gov.uk/","selector":"#home","text":"Home"}],"frames_audited":0,"load_ms":0,"axe_ms":0,"redirects":[],"duplicate_of":null,"carried_over":false,"attempts":1}');
CREATE TABLE crawl_resources (
            run_id TEXT NOT NULL REFERENCES crawls (run_id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            resource_json TEXT NOT NULL,
            PRIMARY KEY (run_id, url)
        );
INSERT INTO "crawl_resources" VALUES('20260101T090000Z-aaaaaa','https://council.gov.uk/a.pdf','{"url":"https://council.gov.uk/a.pdf","found_on":"https://council.gov.uk/bins","kind":"pdf","status":null,"content_type":null,"bytes":null,"error":null}');
CREATE TABLE crawls (
            run_id TEXT PRIMARY KEY,
            site TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at TEXT NOT NULL,
            config_json TEXT NOT NULL,
            seeds_json TEXT NOT NULL
        );
INSERT INTO "crawls" VALUES('20260101T090000Z-aaaaaa','https://council.gov.uk','complete','2026-01-01T09:00:00+00:00','{"viewports": ["desktop"]}','["https://council.gov.uk/"]');
INSERT INTO "crawls" VALUES('20260103T090000Z-cccccc','https://council.gov.uk','running','2026-01-03T09:00:00+00:00','{"viewports": ["desktop"]}','["https://council.gov.uk/"]');
CREATE TABLE findings (
            run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            check_id TEXT NOT NULL,
            url TEXT NOT NULL,
            selector TEXT NOT NULL,
            impact TEXT NOT NULL,
            outcome TEXT NOT NULL,
            viewport TEXT NOT NULL
        );
INSERT INTO "findings" VALUES('20260101T090000Z-aaaaaa','afd4e22eae02b50d4bc0ba05c93e3db7','custom/generic-link-text','https://council.gov.uk/bins','#main > a:nth-of-type(2)','serious','fail','desktop');
INSERT INTO "findings" VALUES('20260102T090000Z-bbbbbb','afd4e22eae02b50d4bc0ba05c93e3db7','custom/generic-link-text','https://council.gov.uk/bins','#main > a:nth-of-type(2)','serious','fail','desktop');
CREATE TABLE frontier (
            run_id TEXT NOT NULL REFERENCES crawls (run_id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            url TEXT NOT NULL,
            depth INTEGER NOT NULL,
            found_on TEXT,
            source TEXT NOT NULL,
            state TEXT NOT NULL,
            reason TEXT,
            PRIMARY KEY (run_id, url)
        );
INSERT INTO "frontier" VALUES('20260101T090000Z-aaaaaa',1,'https://council.gov.uk/bins',0,NULL,'seed','done',NULL);
INSERT INTO "frontier" VALUES('20260101T090000Z-aaaaaa',2,'https://council.gov.uk/gone',1,'https://council.gov.uk/bins','link','done',NULL);
INSERT INTO "frontier" VALUES('20260103T090000Z-cccccc',1,'https://council.gov.uk/',0,NULL,'seed','done',NULL);
INSERT INTO "frontier" VALUES('20260103T090000Z-cccccc',2,'https://council.gov.uk/a',1,'https://council.gov.uk/','link','active',NULL);
INSERT INTO "frontier" VALUES('20260103T090000Z-cccccc',3,'https://council.gov.uk/b',1,'https://council.gov.uk/','link','queued',NULL);
CREATE TABLE pages (
            run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            final_url TEXT NOT NULL,
            status INTEGER,
            load_error TEXT,
            score REAL,
            PRIMARY KEY (run_id, url)
        );
INSERT INTO "pages" VALUES('20260101T090000Z-aaaaaa','https://council.gov.uk/bins','https://council.gov.uk/bins',200,NULL,NULL);
INSERT INTO "pages" VALUES('20260101T090000Z-aaaaaa','https://council.gov.uk/gone','https://council.gov.uk/gone',404,'404',NULL);
INSERT INTO "pages" VALUES('20260102T090000Z-bbbbbb','https://council.gov.uk/bins','https://council.gov.uk/bins',200,NULL,NULL);
INSERT INTO "pages" VALUES('20260102T090000Z-bbbbbb','https://council.gov.uk/gone','https://council.gov.uk/gone',404,'404',NULL);
CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            site TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            axe_version TEXT,
            browser_version TEXT,
            ruleset_id TEXT NOT NULL,
            ruleset_sha256 TEXT NOT NULL,
            score_model_version TEXT NOT NULL,
            score REAL,
            pages INTEGER NOT NULL,
            failures INTEGER NOT NULL,
            run_json TEXT NOT NULL
        );
INSERT INTO "runs" VALUES('20260101T090000Z-aaaaaa','https://council.gov.uk','2026-01-01T09:00:00+00:00','2026-01-01T09:03:00+00:00','0.1.0','4.14.1','Chromium 156','wcag21aa','aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','1.0',97.5,1,1,'{"schema_version":1,"id":"20260101T090000Z-aaaaaa","site":"https://council.gov.uk","seeds":["https://council.gov.uk/"],"started_at":"2026-01-01T09:00:00Z","finished_at":"2026-01-01T09:03:00Z","tool_version":"0.1.0","axe_version":"4.14.1","browser_version":"Chromium 156","ruleset":{"id":"wcag21aa","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},"score_model_version":"1.0","score_weights":{"critical":20.0,"serious":14.0,"moderate":6.0,"minor":2.0,"overrides":{}},"category_weights":{},"config":{"max_pages":5,"formats":["html"]},"checks":[{"id":"custom/generic-link-text","title":"Links have descriptive text","impact":"serious","wcag":["2.4.4"],"level":"A","help_url":"https://www.w3.org/","description":""}],"pages":[{"target":{"url":"https://council.gov.uk/bins","depth":1,"found_on":null,"source":"link"},"final_url":"https://council.gov.uk/bins","status":200,"title":"A page","load_error":null,"results":[{"check_id":"custom/generic-link-text","outcome":"fail","impact":"serious","findings":[{"check_id":"custom/generic-link-text","outcome":"fail","impact":"serious","message":"Links use generic text","wcag":["2.4.4"],"page_url":"https://council.gov.uk/bins","node":{"selector":"#main > a:nth-of-type(2)","snippet":"<a>here</a>","label":""},"viewport":"desktop","viewports":[],"fingerprint":"afd4e22eae02b50d4bc0ba05c93e3db7"}],"error":null,"duration_ms":0.0}],"score":null,"links":[{"url":"https://council.gov.uk/","selector":"#home","text":"Home"}],"frames_audited":0,"load_ms":0,"axe_ms":0,"redirects":[],"duplicate_of":null,"carried_over":false,"attempts":1},{"target":{"url":"https://council.gov.uk/gone","depth":1,"found_on":null,"source":"link"},"final_url":"https://council.gov.uk/gone","status":404,"title":"A page","load_error":"404","results":[],"score":null,"links":[{"url":"https://council.gov.uk/","selector":"#home","text":"Home"}],"frames_audited":0,"load_ms":0,"axe_ms":0,"redirects":[],"duplicate_of":null,"carried_over":false,"attempts":1}],"site_results":[],"resources":[{"url":"https://council.gov.uk/a.pdf","found_on":"https://council.gov.uk/bins","kind":"pdf","status":null,"content_type":null,"bytes":null,"error":null}],"external_links":[],"score":{"value":97.5,"band":"excellent","by_category":{"wcag-a":97.5,"wcag-aa":90.0},"model_version":"1.0"},"summary":{"pages_audited":1,"pages_failed_to_load":1,"pages_unchanged":0,"pages_duplicate":0,"failures":1,"needs_review":0,"failures_by_impact":{"serious":1},"skipped":{}},"warnings":["robots.txt ignored"],"gate":null}');
INSERT INTO "runs" VALUES('20260102T090000Z-bbbbbb','https://council.gov.uk','2026-01-02T09:00:00+00:00','2026-01-02T09:03:00+00:00','0.1.0','4.14.1','Chromium 156','wcag21aa','aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','1.0',80.0,1,1,'{"schema_version":1,"id":"20260102T090000Z-bbbbbb","site":"https://council.gov.uk","seeds":["https://council.gov.uk/"],"started_at":"2026-01-02T09:00:00Z","finished_at":"2026-01-02T09:03:00Z","tool_version":"0.1.0","axe_version":"4.14.1","browser_version":"Chromium 156","ruleset":{"id":"wcag21aa","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},"score_model_version":"1.0","score_weights":{"critical":20.0,"serious":14.0,"moderate":6.0,"minor":2.0,"overrides":{}},"category_weights":{},"config":{"max_pages":5,"formats":["html"]},"checks":[{"id":"custom/generic-link-text","title":"Links have descriptive text","impact":"serious","wcag":["2.4.4"],"level":"A","help_url":"https://www.w3.org/","description":""}],"pages":[{"target":{"url":"https://council.gov.uk/bins","depth":1,"found_on":null,"source":"link"},"final_url":"https://council.gov.uk/bins","status":200,"title":"A page","load_error":null,"results":[{"check_id":"custom/generic-link-text","outcome":"fail","impact":"serious","findings":[{"check_id":"custom/generic-link-text","outcome":"fail","impact":"serious","message":"Links use generic text","wcag":["2.4.4"],"page_url":"https://council.gov.uk/bins","node":{"selector":"#main > a:nth-of-type(2)","snippet":"<a>here</a>","label":""},"viewport":"desktop","viewports":[],"fingerprint":"afd4e22eae02b50d4bc0ba05c93e3db7"}],"error":null,"duration_ms":0.0}],"score":null,"links":[{"url":"https://council.gov.uk/","selector":"#home","text":"Home"}],"frames_audited":0,"load_ms":0,"axe_ms":0,"redirects":[],"duplicate_of":null,"carried_over":false,"attempts":1},{"target":{"url":"https://council.gov.uk/gone","depth":1,"found_on":null,"source":"link"},"final_url":"https://council.gov.uk/gone","status":404,"title":"A page","load_error":"404","results":[],"score":null,"links":[{"url":"https://council.gov.uk/","selector":"#home","text":"Home"}],"frames_audited":0,"load_ms":0,"axe_ms":0,"redirects":[],"duplicate_of":null,"carried_over":false,"attempts":1}],"site_results":[],"resources":[{"url":"https://council.gov.uk/a.pdf","found_on":"https://council.gov.uk/bins","kind":"pdf","status":null,"content_type":null,"bytes":null,"error":null}],"external_links":[],"score":{"value":80.0,"band":"excellent","by_category":{"wcag-a":80.0,"wcag-aa":null},"model_version":"1.0"},"summary":{"pages_audited":1,"pages_failed_to_load":1,"pages_unchanged":0,"pages_duplicate":0,"failures":1,"needs_review":0,"failures_by_impact":{"serious":1},"skipped":{}},"warnings":["robots.txt ignored"],"gate":null}');
CREATE INDEX runs_site ON runs (site, started_at);
CREATE INDEX findings_run ON findings (run_id, fingerprint);
CREATE INDEX frontier_next ON frontier (run_id, state, seq);
COMMIT;
