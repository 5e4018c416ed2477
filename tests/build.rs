//! `hireboard build` end to end: the real binary on fixture sites, with
//! assertions on what a reader, a feed reader, a crawler and a deployer see.
//! The main fixture is `tests/sites/board/` (every format, a closed posting,
//! remote ones, several companies and tags, and a posting written to break
//! out of HTML, comments and JSON-LD) built with `--now` 2025-03-10.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

const BOARD: &str = "board";
/// The board's closed posting (`expires: 2024-09-01`).
const CLOSED: &str = "initech-cobol-maintainer";
const RUST: &str = "acme-robotics-senior-rust-engineer";
const HOSTILE: &str =
    "evil-script-script-alert-1-script-corp-script-script-alert-1-script-engineer";

/// A finished build: its output files, and what the command printed.
struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
    files: BTreeMap<String, Vec<u8>>,
    stderr: String,
}

impl Built {
    fn text(&self, path: &str) -> &str {
        let bytes = self
            .files
            .get(path)
            .unwrap_or_else(|| panic!("no {path} in the output; it has {:?}", self.files.keys()));
        std::str::from_utf8(bytes).unwrap()
    }

    fn json(&self, path: &str) -> Value {
        serde_json::from_str(self.text(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Every internal link of every HTML file resolves inside the output.
    fn assert_links_resolve(&self, base_path: &str) {
        let problems: Vec<String> = common::html_files(&self.files)
            .into_iter()
            .flat_map(|(path, html)| {
                common::links::broken_links(path, html, base_path, |f| self.has(f))
            })
            .collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Output files whose text contains `needle`, the manifest (which
    /// lists every path) aside.
    fn mentioning(&self, needle: &str) -> Vec<&str> {
        common::mentioning(&self.files, needle)
    }
}

/// Builds the site at `root` into a fresh `<tempdir>/public`.
fn build_site(root: &Path, extra: &[&str]) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let output = common::build_ok(root, &out, extra);
    Built {
        files: common::read_tree(&out),
        out,
        _dir: dir,
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn board(extra: &[&str]) -> Built {
    build_site(&common::site_dir(BOARD), extra)
}

/// A copy of the board fixture in a tempdir (`<tempdir>/site`), with
/// `edit` applied to its hireboard.yaml text.
fn board_copy(edit: impl FnOnce(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::copy_dir(&common::site_dir(BOARD), &site);
    let config = site.join("hireboard.yaml");
    fs::write(&config, edit(fs::read_to_string(&config).unwrap())).unwrap();
    (dir, site)
}

/// The JSON-LD of a page, parsed; `None` when it has none.
fn json_ld(html: &str) -> Option<Value> {
    let open = r#"<script type="application/ld+json">"#;
    let start = html.find(open)? + open.len();
    let end = start + html[start..].find("</script>").expect("JSON-LD is closed");
    Some(serde_json::from_str(&html[start..end]).expect("JSON-LD parses"))
}

fn posting_page(slug: &str) -> String {
    format!("jobs/{slug}/index.html")
}

#[test]
fn every_page_kind_exists_and_links_resolve() {
    let site = board(&[]);
    for path in [
        "index.html",
        "page/2/index.html",
        "page/3/index.html",
        &posting_page(RUST),
        &posting_page(HOSTILE),
        "jobs/globex-product-designer/index.html",
        "jobs/copper-bank-security-engineer/index.html",
        "jobs/maple-data-junior-data-analyst/index.html",
        "jobs/acme-robotics-robotics-intern/index.html",
        "jobs/velvet-games-qa-engineer/index.html",
        "companies/index.html",
        "companies/acme-robotics/index.html",
        "companies/acme-robotics/atom.xml",
        "tags/index.html",
        "tags/rust/index.html",
        "tags/rust/atom.xml",
        "remote/index.html",
        "atom.xml",
        "feed.json",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "api/postings.json",
        "api/companies/acme-robotics.json",
        "search/meta.json",
        "search/index.html",
        "style.css",
        "search.js",
        "favicon.svg",
        ".hireboard-output",
    ] {
        assert!(site.has(path), "{path} missing");
    }
    assert!(!site.has("page/1/index.html"), "page 1 is the home page");
    assert!(!site.has("page/4/index.html"), "7 open postings, 3 a page");
    assert!(site
        .text("robots.txt")
        .contains("Sitemap: https://jobs.example.com/sitemap.xml"));
    site.assert_links_resolve("/");

    // Counts a reader sees.
    assert!(site.text("index.html").contains("7 open positions"));
    let acme = site.text("companies/acme-robotics/index.html");
    assert!(acme.contains("2 open positions"), "{acme}");
    assert!(site
        .text("tags/rust/index.html")
        .contains("3 open positions"));
    let remote = site.text("remote/index.html");
    assert_eq!(remote.matches(r#"<article class="row">"#).count(), 2);
    assert!(remote.contains("Senior Rust Engineer"));
    let companies = site.text("companies/index.html");
    assert!(companies.contains("Acme Robotics</a> <span class=\"count\">2 open positions"));
    assert!(!companies.contains("Initech"), "only closed postings");
}

/// A site of `n` open postings, one a day, by two companies, all tagged
/// `rust`, 3 to a page.
fn generated_site(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    fs::create_dir_all(&content).unwrap();
    fs::write(
        dir.path().join("hireboard.yaml"),
        "title: Generated\nbase_url: https://jobs.example.com/\npaginate_by: 3\ntimezone: UTC\n",
    )
    .unwrap();
    for i in 0..n {
        let company = if i % 2 == 0 { "Acme" } else { "Globex" };
        fs::write(
            content.join(format!("job-{i}.md")),
            format!(
                "---\ntitle: Job {i}\ncompany: {company}\ndate: 2025-03-{:02}\ntags: [rust]\n---\n\nJob {i}.\n",
                i + 1
            ),
        )
        .unwrap();
    }
    dir
}

#[test]
fn pagination_edges() {
    // (open postings, home pages) at 3 a page: none, one, exactly a page, one more.
    for (n, pages) in [(0, 1), (1, 1), (3, 1), (4, 2)] {
        let dir = generated_site(n);
        let site = build_site(dir.path(), &[]);
        let home_pages: Vec<&String> = site
            .files
            .keys()
            .filter(|p| *p == "index.html" || (p.starts_with("page/") && p.ends_with(".html")))
            .collect();
        assert_eq!(home_pages.len(), pages, "{n} postings: {home_pages:?}");
        assert!(!site.has("page/1/index.html"));
        let home = site.text("index.html");
        assert!(!home.contains(r#"rel="prev""#), "{n} postings");
        assert_eq!(home.contains(r#"rel="next""#), pages > 1, "{n} postings");
        assert_eq!(
            home.matches(r#"<article class="row">"#).count(),
            n.min(3),
            "{n} postings"
        );
        site.assert_links_resolve("/");
        match n {
            0 => {
                assert!(home.contains("There are no open positions right now"));
                assert!(home.contains("No open positions"));
                assert!(!site.has("tags/rust/index.html"));
                assert!(site.has("companies/index.html") && site.has("tags/index.html"));
                assert_eq!(site.json("api/postings.json"), Value::Array(Vec::new()));
                assert!(site.json("feed.json")["items"]
                    .as_array()
                    .unwrap()
                    .is_empty());
            }
            1 => assert!(home.contains("1 open position<")),
            4 => {
                let last = site.text("page/2/index.html");
                assert_eq!(last.matches(r#"<article class="row">"#).count(), 1);
                assert!(last.contains(r#"rel="prev" href="/""#));
                assert!(!last.contains(r#"rel="next""#));
                assert!(site.has("tags/rust/page/2/index.html"));
                assert!(!site.has("tags/rust/page/3/index.html"));
                // Acme has jobs 0 and 2: one page.
                assert!(!site.has("companies/acme/page/2/index.html"));
                assert!(site
                    .text("companies/acme/index.html")
                    .contains("2 open positions"));
            }
            _ => {}
        }
    }
}

#[test]
fn closed_postings_marked() {
    let site = board(&[]);
    let page = site.text(&posting_page(CLOSED));
    assert!(page.contains("This position is closed"), "{page}");
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(json_ld(page).is_none(), "no JSON-LD on a closed posting");
    assert!(!page.contains("Apply for this job"));
    // Its own page, and its company's page (kept, noindex, for the link back).
    let company = site.text("companies/initech/index.html");
    assert!(company.contains(r#"content="noindex""#));
    assert_eq!(site.mentioning(CLOSED), [posting_page(CLOSED)]);
    assert!(!site.text("sitemap.xml").contains("initech"));
    assert!(site.stderr.contains("(1 closed)"), "{}", site.stderr);
}

#[test]
fn closed_postings_hidden() {
    let (_dir, root) = board_copy(|c| c.replace("expired: mark", "expired: hide"));
    let site = build_site(&root, &[]);
    assert!(!site.has(&posting_page(CLOSED)));
    assert!(site.mentioning(CLOSED).is_empty());
    assert!(!site.has("companies/initech/index.html"));
    assert!(site.mentioning("initech").is_empty());
    site.assert_links_resolve("/");
}

#[test]
fn base_url_with_a_subpath() {
    let base = "https://user.github.io/board/";
    let site = board(&["--base-url", base]);
    site.assert_links_resolve("/board/");
    let home = site.text("index.html");
    assert!(
        home.contains(r#"action="/board/search/""#),
        "the search box sends to the results page"
    );
    assert!(
        site.text("search/index.html")
            .contains(r#"data-base="/board/""#),
        "search finds its index"
    );
    assert!(home.contains(r#"<link rel="canonical" href="https://user.github.io/board/">"#));
    let absolute = regex::Regex::new(r"https://user\.github\.io/[^\s<>]*").unwrap();
    for path in ["atom.xml", "feed.json", "sitemap.xml", "robots.txt"] {
        let text = site.text(path);
        let urls: Vec<&str> = absolute.find_iter(text).map(|m| m.as_str()).collect();
        assert!(!urls.is_empty(), "{path}");
        for url in urls {
            assert!(url.starts_with(base), "{path}: {url}");
        }
        assert!(!text.contains("jobs.example.com"), "{path}");
    }
    let feed = site.json("feed.json");
    assert_eq!(feed["home_page_url"], base);
    assert_eq!(
        feed["items"][0]["url"],
        "https://user.github.io/board/jobs/maple-data-junior-data-analyst/"
    );
    assert!(site
        .text("robots.txt")
        .contains("Sitemap: https://user.github.io/board/sitemap.xml"));
}

#[test]
fn json_ld_job_posting() {
    let site = board(&[]);
    let page = site.text(&posting_page(RUST));
    let mut ld = json_ld(page).expect("JSON-LD on an open posting");
    let description = ld["description"].take();
    assert!(description
        .as_str()
        .unwrap()
        .starts_with("<p>Acme Robotics builds the fleet software"));
    // The whole object: every property Google asks for, and nothing else.
    assert_eq!(
        ld,
        serde_json::json!({
            "@context": "https://schema.org/",
            "@type": "JobPosting",
            "title": "Senior Rust Engineer",
            "description": null,
            "url": "https://jobs.example.com/jobs/acme-robotics-senior-rust-engineer/",
            "identifier": {"@type": "PropertyValue", "name": "Board Fixture", "value": "acme-robotics-senior-rust-engineer"},
            "datePosted": "2025-03-03T00:00:00+00:00",
            "validThrough": "2025-05-01T00:00:00+00:00",
            "hiringOrganization": {"@type": "Organization", "name": "Acme Robotics"},
            "jobLocationType": "TELECOMMUTE",
            "applicantLocationRequirements": [{"@type": "Country", "name": "US"}],
            "baseSalary": {
                "@type": "MonetaryAmount",
                "currency": "USD",
                "value": {"@type": "QuantitativeValue", "unitText": "YEAR", "minValue": 150000, "maxValue": 190000}
            },
            "employmentType": "FULL_TIME",
            "directApply": false
        })
    );
    // What it says, the page shows.
    for shown in [
        "Senior Rust Engineer",
        "Acme Robotics",
        "$150,000–$190,000 / year",
        "Full-time",
    ] {
        assert!(page.contains(shown), "{shown}");
    }

    let designer = json_ld(site.text("jobs/globex-product-designer/index.html")).unwrap();
    assert_eq!(
        designer["jobLocation"][0],
        serde_json::json!({
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": "DE"}
        })
    );
    assert!(
        designer.get("jobLocationType").is_none(),
        "hybrid is not TELECOMMUTE"
    );
    assert_eq!(designer["employmentType"], "PART_TIME");
    assert_eq!(designer["baseSalary"]["currency"], "EUR");

    let intern = json_ld(site.text("jobs/acme-robotics-robotics-intern/index.html")).unwrap();
    assert_eq!(intern["employmentType"], "INTERN");
    assert_eq!(intern["baseSalary"]["value"]["unitText"], "HOUR");
    assert_eq!(
        intern["jobLocation"][0]["address"]["addressLocality"],
        "Munich"
    );

    // Google requires a datePosted: an undated posting outside git (the HN
    // one) is given the build's date, and `check` warns about it.
    let hn = json_ld(site.text("jobs/copper-bank-security-engineer/index.html")).unwrap();
    assert_eq!(hn["datePosted"], "2025-03-10T00:00:00Z");
    assert_eq!(hn["baseSalary"]["currency"], "GBP");

    // Only posting pages carry it.
    let with_ld: Vec<&str> = site
        .mentioning("application/ld+json")
        .into_iter()
        .filter(|p| !p.starts_with("jobs/"))
        .collect();
    assert!(with_ld.is_empty(), "{with_ld:?}");
}

#[test]
fn hostile_text_stays_text() {
    let site = board(&[]);
    let page = site.text(&posting_page(HOSTILE));
    let ld = json_ld(page).expect("JSON-LD parses whatever the posting says");
    assert_eq!(
        ld["title"],
        "</script><script>alert(1)</script> Engineer --> <!--"
    );
    assert_eq!(
        ld["hiringOrganization"]["name"],
        "Evil </script><script>alert(1)</script> Corp <!--"
    );
    // The same scripts as any posting page: none from the posting's text.
    let scripts = |html: &str| html.matches("<script").count();
    assert_eq!(scripts(page), scripts(site.text(&posting_page(RUST))));
    assert!(page.contains(
        "<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; Engineer --&gt; &lt;!--</h1>"
    ));
    for (path, html) in common::html_files(&site.files) {
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(
            !html.contains("<!--"),
            "{path}: a comment would hide the rest"
        );
    }
    // Its `javascript:` links (body and apply) are gone; only the API's
    // record keeps the warning that says so.
    for path in site.mentioning("javascript:") {
        assert!(path.starts_with("api/"), "{path}");
    }
    let api = site.json("api/postings.json");
    let record = api
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == HOSTILE)
        .unwrap();
    assert_eq!(record["apply"], Value::Null);
    assert!(record["warnings"][0].as_str().unwrap().contains("refused"));
    assert!(site.stderr.contains("1 warning"), "the refused apply link");
    for feed in [
        "atom.xml",
        "companies/evil-script-script-alert-1-script-corp/atom.xml",
    ] {
        common::xml::check_xml(site.text(feed));
        assert!(site
            .text(feed)
            .contains("&lt;/script&gt;&lt;script&gt;alert(1)"));
    }
}

#[test]
fn feeds_parse() {
    let site = board(&[]);
    let xml: Vec<&String> = site.files.keys().filter(|p| p.ends_with(".xml")).collect();
    assert!(xml.len() >= 2 + 7 + 10, "{xml:?}"); // site feed, sitemap, companies, tags
    for path in xml {
        common::xml::check_xml(site.text(path));
    }
    let atom = site.text("atom.xml");
    assert_eq!(atom.matches("<entry>").count(), 7, "open postings only");
    assert!(atom.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom""#));
    assert_eq!(
        site.text("companies/acme-robotics/atom.xml")
            .matches("<entry>")
            .count(),
        2
    );
    assert_eq!(
        site.text("tags/rust/atom.xml").matches("<entry>").count(),
        3
    );

    let feed = site.json("feed.json");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "Board Fixture");
    assert_eq!(feed["feed_url"], "https://jobs.example.com/feed.json");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 7);
    for item in items {
        for key in ["id", "url", "title", "content_html"] {
            assert!(item[key].is_string(), "{key} of {item}");
        }
    }
    // Newest first.
    assert_eq!(items[0]["title"], "Junior Data Analyst");
    let sitemap = site.text("sitemap.xml");
    assert!(sitemap
        .contains("<loc>https://jobs.example.com/jobs/acme-robotics-senior-rust-engineer/</loc>"));
    assert!(sitemap.contains("<loc>https://jobs.example.com/</loc>"));
}

/// `hireboard inspect --json` of the board, as the API would list it.
fn inspect_records() -> Vec<Value> {
    let output = common::hireboard()
        .current_dir(common::site_dir(BOARD))
        .args(["inspect", "--json", "--now", common::NOW])
        .output()
        .unwrap();
    let records: Value = serde_json::from_slice(&output.stdout).unwrap();
    records.as_array().unwrap().clone()
}

fn by_slug(mut records: Vec<Value>) -> Vec<Value> {
    records.sort_by(|a, b| a["slug"].as_str().cmp(&b["slug"].as_str()));
    records
}

#[test]
fn api_gives_the_records_inspect_gives() {
    let site = board(&[]);
    let open: Vec<Value> = inspect_records()
        .into_iter()
        .filter(|r| r["expired"] == false)
        .collect();
    assert_eq!(open.len(), 7);
    let api = site.json("api/postings.json").as_array().unwrap().clone();
    assert_eq!(by_slug(api), by_slug(open.clone()));

    let company = site.json("api/companies/acme-robotics.json");
    assert_eq!(company["name"], "Acme Robotics");
    assert_eq!(company["slug"], "acme-robotics");
    let acme: Vec<Value> = open
        .into_iter()
        .filter(|r| r["company_slug"] == "acme-robotics")
        .collect();
    let listed = company["postings"].as_array().unwrap().clone();
    assert_eq!(by_slug(listed), by_slug(acme));
    // Initech keeps its (noindex) page for its closed posting, and lists none.
    assert_eq!(
        site.json("api/companies/initech.json")["postings"],
        Value::Array(Vec::new())
    );
}

#[test]
fn builds_are_byte_identical() {
    let first = board(&[]);
    let second = board(&[]);
    let paths = |b: &Built| b.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(paths(&first), paths(&second));
    let differ: Vec<&String> = first
        .files
        .iter()
        .filter(|(path, bytes)| second.files[*path] != **bytes)
        .map(|(path, _)| path)
        .collect();
    assert!(differ.is_empty(), "differ between builds: {differ:?}");
}

/// The files next to `out`: a build leaves no staging folders behind.
fn siblings(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_second_build_replaces_the_first() {
    let (dir, root) = board_copy(|c| c);
    let out = dir.path().join("public");
    common::build_ok(&root, &out, &[]);
    assert!(out.join(posting_page(RUST)).is_file());
    fs::remove_file(root.join("content/acme-rust.md")).unwrap();
    common::build_ok(&root, &out, &[]);
    assert!(!out.join(posting_page(RUST)).exists(), "stale page removed");
    assert!(!out.join("tags/tokio").exists(), "stale tag removed");
    assert!(out
        .join("jobs/globex-product-designer/index.html")
        .is_file());
    assert_eq!(siblings(&out), ["public", "site"]);
}

#[test]
fn a_failed_build_names_the_template_and_keeps_the_previous_output() {
    let (dir, root) = board_copy(|c| c);
    let out = dir.path().join("public");
    common::build_ok(&root, &out, &[]);
    let before = common::read_tree(&out);
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/posting.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ posting.titel }}</h1>\n{% endblock content %}\n",
    )
    .unwrap();
    let output = common::build(&root, &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("templates/posting.html:3"), "{stderr}");
    assert!(stderr.contains("titel"), "{stderr}");
    assert!(
        common::read_tree(&out) == before,
        "the previous output changed"
    );
    assert_eq!(siblings(&out), ["public", "site"]);
}

#[test]
fn a_first_build_that_fails_late_leaves_the_folder_as_it_found_it() {
    // Enough postings that pages are written before the oldest one, which
    // fails to render, is reached.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(
        root.join("hireboard.yaml"),
        "title: Late\nbase_url: https://jobs.example.com/\n",
    )
    .unwrap();
    for i in 0..1000 {
        let (year, month, day) = (2021 + i / 336, i / 28 % 12 + 1, i % 28 + 1);
        let posting = format!("---\ntitle: Job {i}\ncompany: Acme\ndate: {year}-{month:02}-{day:02}\n---\n\nJob {i}.\n");
        fs::write(root.join(format!("content/job-{i}.md")), posting).unwrap();
    }
    fs::write(
        root.join("content/job-0.md"),
        "---\ntitle: Breaks\ncompany: Acme\ndate: 2019-01-01\n---\n\nOldest.\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/posting.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{% if posting.title == \"Breaks\" %}{{ posting.titel }}{% endif %}\n{% endblock content %}\n",
    )
    .unwrap();
    let missing = root.join("public");
    let empty = root.join("empty");
    fs::create_dir(&empty).unwrap();
    for out in [&missing, &empty] {
        let output = common::build(root, out, &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{stderr}");
        assert!(stderr.contains("titel"), "{stderr}");
        if out == &empty {
            assert_eq!(fs::read_dir(out).unwrap().count(), 0, "files left in it");
        } else {
            assert!(!out.exists(), "the folder it made is left");
        }
    }
}

#[test]
fn a_folder_hireboard_did_not_make_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine");
    fs::create_dir_all(out.join("notes")).unwrap();
    fs::write(out.join("notes/todo.txt"), "keep me").unwrap();
    let root = common::site_dir(BOARD);
    let output = common::build(&root, &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(
        common::read_tree(&out).keys().collect::<Vec<_>>(),
        ["notes/todo.txt"]
    );
    assert_eq!(siblings(&out), ["mine"]);

    // --force writes into it, and deletes nothing.
    let output = common::build_ok(&root, &out, &["--force"]);
    assert!(out.join("index.html").is_file());
    assert_eq!(
        fs::read_to_string(out.join("notes/todo.txt")).unwrap(),
        "keep me"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("; kept 1 file hireboard did not write: notes/"),
        "{stderr}"
    );
}

#[test]
fn the_site_and_its_content_are_never_the_output() {
    let (dir, root) = board_copy(|c| c);
    let before = common::read_tree(&root);
    for target in [root.clone(), root.join("content"), dir.path().to_path_buf()] {
        for force in [&[][..], &["--force"][..]] {
            let output = common::build(&root, &target, force);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!output.status.success(), "{}: {stderr}", target.display());
            assert!(
                stderr.contains("--output-dir") || stderr.contains("choose another"),
                "{stderr}"
            );
        }
    }
    assert!(common::read_tree(&root) == before, "the site changed");
}

#[test]
fn the_summary_line_counts_everything() {
    let site = board(&[]);
    let line = site.stderr.lines().last().unwrap_or_default();
    let pattern = regex::Regex::new(
        r"^built 8 postings \(1 closed\), 7 companies, 10 tags: (\d+) files in (.+) \((\d+) written, 0 removed\) in \d+\.\d\d s; 1 warning, 0 errors$",
    )
    .unwrap();
    let caps = pattern
        .captures(line)
        .unwrap_or_else(|| panic!("summary line: {line}"));
    let files: usize = caps[1].parse().unwrap();
    assert_eq!(files, site.files.len() - 1, "every file but the marker");
    assert_eq!(Path::new(&caps[2]), site.out);
    assert_eq!(
        caps[3].parse::<usize>().unwrap(),
        files,
        "a first build writes all"
    );
}
