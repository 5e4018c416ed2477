//! What a reader, a feed reader and a crawler see of small boards.

use std::collections::BTreeSet;
use std::path::Path;

use super::*;
use crate::posting::{EmploymentType, Period, Remote, Salary};
use crate::testing::example as posting;

/// `n` postings, one a day, by two companies.
fn postings(n: usize) -> Vec<Posting> {
    (0..n)
        .map(|i| {
            let company = if i % 2 == 0 { "Acme" } else { "Globex" };
            let mut p = posting(
                &format!("job-{i}"),
                &format!("Job {i}"),
                Some(company),
                Some(&format!("2025-01-{:02}T09:00:00Z", i % 28 + 1)),
            );
            p.tags = vec!["rust".into()];
            p
        })
        .collect()
}

/// A board with every feature: remote, salary, tags, a closed posting, a
/// company with only closed postings.
fn fixture() -> Vec<Posting> {
    let mut a = posting(
        "acme-backend",
        "Backend Engineer",
        Some("Acme"),
        Some("2025-03-03T10:00:00Z"),
    );
    a.location = vec!["Remote US".into()];
    a.remote = Some(Remote::Remote);
    a.employment_type = Some(EmploymentType::FullTime);
    a.salary = Some(Salary {
        min: 137_000.0,
        max: 199_000.0,
        currency: "USD".into(),
        period: Period::Year,
        text: "$137k-$199k".into(),
    });
    a.tags = vec!["python".into(), "rust".into()];
    a.apply = Some("https://acme.example/jobs/1?src=board&x=1".into());
    a.expires = Some("2025-06-01T00:00:00Z".parse().unwrap());

    let mut b = posting(
        "globex-designer",
        "Designer",
        Some("Globex"),
        Some("2025-03-01T10:00:00Z"),
    );
    b.location = vec!["Berlin, Germany".into()];
    b.remote = Some(Remote::Hybrid);
    b.salary = Some(Salary {
        min: 60_000.0,
        max: 75_000.0,
        currency: "EUR".into(),
        period: Period::Year,
        text: "€60-75k".into(),
    });
    b.tags = vec!["design".into(), "python".into()];
    b.apply = Some("mailto:jobs@globex.example".into());

    let mut closed = posting(
        "initech-old",
        "Old Job",
        Some("Initech"),
        Some("2024-01-01T10:00:00Z"),
    );
    closed.expired = true;
    closed.status = crate::posting::Status::Expired;
    closed.expires = Some("2024-02-01T00:00:00Z".parse().unwrap());
    closed.tags = vec!["cobol".into(), "python".into()];

    let undated = posting("no-company", "Volunteer Organizer", None, None);
    vec![a, b, closed, undated]
}

fn config() -> Config {
    Config {
        title: "Test Jobs".into(),
        description: "Jobs for testing".into(),
        base_url: "https://jobs.example.com/".into(),
        paginate_by: 3,
        ..Config::default()
    }
}

fn options() -> RenderOptions {
    RenderOptions {
        now: "2025-03-10T00:00:00Z".parse().unwrap(),
        live_reload: None,
    }
}

fn default_theme(config: &Config) -> Theme {
    let empty = tempfile::tempdir().unwrap();
    Theme::load(empty.path(), config).unwrap()
}

/// Every file of the site but the search index, sorted by path.
fn render_site(
    board: &Board,
    config: &Config,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Vec<Page>, RenderError> {
    let keys = page_keys(board, config);
    let mut pages: Vec<Page> = render_keyed(board, config, theme, options, &keys)?
        .into_iter()
        .flatten()
        .chain(theme.static_files())
        .collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}

fn render_page(
    board: &Board,
    config: &Config,
    theme: &Theme,
    options: &RenderOptions,
    key: &PageKey,
) -> Result<Vec<Page>, RenderError> {
    let keys = std::slice::from_ref(key);
    Ok(render_keyed(board, config, theme, options, keys)?.concat())
}

fn build(postings: Vec<Posting>, config: &Config) -> Vec<Page> {
    let board = Board::new(postings);
    render_site(&board, config, &default_theme(config), &options()).unwrap()
}

fn text<'p>(pages: &'p [Page], path: &str) -> &'p str {
    let page = pages
        .iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no page {path}; pages: {:?}", paths(pages)));
    std::str::from_utf8(&page.bytes).unwrap()
}

fn paths(pages: &[Page]) -> BTreeSet<&str> {
    pages.iter().map(|p| p.path.as_str()).collect()
}

// Shared with the integration tests, which check built folders the same way.
#[path = "../../tests/common/links.rs"]
mod links;
#[path = "../../tests/common/xml.rs"]
mod xml;
use xml::check_xml;

/// Every `href`/`src` in every HTML page points at a file of the output
/// (internal links all start with `base_path`) or outside the site.
fn check_links(pages: &[Page], base_path: &str) {
    let files = paths(pages);
    let problems: Vec<String> = pages
        .iter()
        .filter(|p| p.path.ends_with(".html"))
        .flat_map(|page| {
            let html = std::str::from_utf8(&page.bytes).unwrap();
            links::broken_links(&page.path, html, base_path, |f| files.contains(f))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The JSON-LD of a page, parsed; `None` when it has none.
fn json_ld(html: &str) -> Option<serde_json::Value> {
    let start = html.find(r#"<script type="application/ld+json">"#)?;
    let rest = &html[start..];
    let body = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
    Some(serde_json::from_str(body).expect("JSON-LD parses"))
}

#[test]
fn pagination_edges() {
    let config = config(); // 3 per page
    for (n, home_pages) in [(0, 1), (1, 1), (3, 1), (4, 2), (7, 3)] {
        let pages = build(postings(n), &config);
        let files = paths(&pages);
        let count = files
            .iter()
            .filter(|p| {
                **p == "index.html" || (p.starts_with("page/") && p.ends_with("index.html"))
            })
            .count();
        assert_eq!(count, home_pages, "{n} postings");
        assert!(!files.contains("page/1/index.html"));
        let home = text(&pages, "index.html");
        assert!(!home.contains(r#"rel="prev""#));
        assert_eq!(
            home.contains(r#"rel="next""#),
            home_pages > 1,
            "{n} postings"
        );
        check_links(&pages, "/");
        if home_pages > 1 {
            let last = text(&pages, &format!("page/{home_pages}/index.html"));
            assert!(
                last.contains(r#"<a class="page-step" rel="prev" href="/page/"#)
                    || last.contains(r#"rel="prev" href="/""#)
            );
            assert!(!last.contains(r#"rel="next""#));
            assert_eq!(
                last.matches(r#"<article class="row">"#).count(),
                n - 3 * (home_pages - 1)
            );
        }
        if n == 0 {
            assert!(home.contains("There are no open positions right now"));
            assert!(home.contains("No open positions"));
        }
    }
    // Company pages paginate too: Acme has 4 of 7.
    let pages = build(postings(7), &config);
    let files = paths(&pages);
    assert!(files.contains("companies/acme/page/2/index.html"));
    assert!(!files.contains("companies/acme/page/3/index.html"));
    assert!(files.contains("tags/rust/page/3/index.html"));
    let acme = text(&pages, "companies/acme/index.html");
    assert!(acme.contains("4 open positions"), "{acme}");
    assert!(acme.contains(r#"rel="next" href="/companies/acme/page/2/""#));
}

#[test]
fn every_page_kind_exists_and_links_resolve() {
    let pages = build(fixture(), &config());
    let files = paths(&pages);
    for path in [
        "index.html",
        "jobs/acme-backend/index.html",
        "jobs/globex-designer/index.html",
        "jobs/no-company/index.html",
        "jobs/initech-old/index.html",
        "companies/index.html",
        "companies/acme/index.html",
        "companies/acme/atom.xml",
        "companies/initech/index.html",
        "tags/index.html",
        "tags/python/index.html",
        "tags/python/atom.xml",
        "remote/index.html",
        "atom.xml",
        "feed.json",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "api/postings.json",
        "api/companies/acme.json",
        "style.css",
        "search.js",
        "favicon.svg",
    ] {
        assert!(files.contains(path), "{path} missing from {files:?}");
    }
    // Only open postings' tags get pages.
    assert!(!files.contains("tags/cobol/index.html"));
    check_links(&pages, "/");

    let home = text(&pages, "index.html");
    assert!(home.contains("$137,000–$199,000 / year"), "{home}");
    assert!(home.contains("€60,000–€75,000 / year"));
    assert!(home.contains(r#"<time datetime="2025-03-03">3 Mar 2025</time>"#));
    assert!(home.contains(">Remote</li>") && home.contains(">Full-time</li>"));
    assert!(!home.contains("Old Job"), "closed postings leave the lists");
    assert!(home.contains(r#"role="search""#), "the search form");
    assert_eq!(home.matches("<h1").count(), 1);

    let remote = text(&pages, "remote/index.html");
    assert!(remote.contains("Backend Engineer") && !remote.contains("Designer"));

    let companies = text(&pages, "companies/index.html");
    assert!(companies.contains("1 open position"));
    assert!(
        !companies.contains("Initech"),
        "no open positions, not listed"
    );
    let tags = text(&pages, "tags/index.html");
    assert!(tags.find(">python<").unwrap() < tags.find(">design<").unwrap());

    let job = text(&pages, "jobs/acme-backend/index.html");
    assert!(job.contains(r#"class="apply" href="https://acme.example/jobs/1?src=board&amp;x=1""#));
    assert!(
        job.contains("<h2>About</h2>"),
        "body headings sit under the title"
    );
    assert_eq!(job.matches("<h1").count(), 1);
    assert!(job
        .contains(r#"<link rel="canonical" href="https://jobs.example.com/jobs/acme-backend/">"#));
    assert!(job.contains(r#"<meta property="og:type" content="article">"#));
    assert!(job.contains(r#"<meta name="twitter:card" content="summary">"#));
    let mail = text(&pages, "jobs/globex-designer/index.html");
    assert!(mail.contains("Apply by email"));
    let undated = text(&pages, "jobs/no-company/index.html");
    assert!(undated.contains("How to apply is explained in the description"));
}

#[test]
fn lists_show_dense_rows_by_default_and_cards_when_asked() {
    let rows = build(fixture(), &config());
    let home = text(&rows, "index.html");
    assert_eq!(home.matches(r#"<article class="row">"#).count(), 3);
    assert!(!home.contains(r#"class="card""#));
    // Rows leave the summary and tags to the posting page.
    assert!(!home.contains("Backend Engineer summary"));
    // Every row has a date: an undated posting the build's day.
    assert_eq!(home.matches(r#"<li class="date">"#).count(), 3);
    assert!(home.contains(r#"<time datetime="2025-03-10">10 Mar 2025</time>"#));

    let config = Config {
        list_style: crate::config::ListStyle::Cards,
        ..config()
    };
    let cards = build(fixture(), &config);
    let home = text(&cards, "index.html");
    assert_eq!(home.matches(r#"<article class="card">"#).count(), 3);
    assert!(home.contains("Backend Engineer summary"));
    assert!(!home.contains(r#"class="row""#));
}

#[test]
fn the_results_page_carries_the_list_partial_and_the_currencies() {
    let config = Config {
        exchange_rates: [("EUR".to_string(), 1.08)].into(),
        ..config()
    };
    let pages = build(fixture(), &config);
    let search = text(&pages, "search/index.html");
    // The list partial of a placeholder posting, inside a <template>.
    let template = search
        .split("<template data-result>")
        .nth(1)
        .and_then(|t| t.split("</template>").next())
        .expect("a template");
    assert!(template.contains(r#"<article class="row">"#), "{template}");
    for class in [
        "company",
        "location",
        "badge badge-remote",
        "badge badge-type",
        "salary",
        "date",
    ] {
        assert!(
            template.contains(&format!(r#"class="{class}""#)),
            "{class}: {template}"
        );
    }
    assert!(search.contains(r#"data-currency="USD""#));
    assert!(
        search.contains(r#"data-rates="{&quot;EUR&quot;:1.08}""#),
        "{search}"
    );
    assert!(search.contains("<option selected>USD</option>\n          <option>EUR</option>"));
    assert!(search.contains(r#"<meta name="robots" content="noindex">"#));
    // Without JavaScript: where else to look.
    let noscript = search.split("<noscript>").nth(1).unwrap();
    for href in ["/companies/", "/tags/", "/remote/"] {
        assert!(noscript.contains(&format!(r#"href="{href}""#)), "{href}");
    }
    // Nothing of the board's lists.
    assert!(!search.contains("acme-backend"));
    // The home page's box sends its query there.
    let home = text(&pages, "index.html");
    assert!(home.contains(
        r#"<form class="search search-box" role="search" action="/search/" method="get">"#
    ));
}

#[test]
fn base_url_with_a_subpath() {
    let config = Config {
        base_url: "https://user.github.io/board/".into(),
        ..config()
    };
    let pages = build(fixture(), &config);
    check_links(&pages, "/board/");
    let home = text(&pages, "index.html");
    assert!(home.contains(r#"href="/board/jobs/acme-backend/""#));
    assert!(home.contains(r#"href="/board/style.css""#));
    assert!(home.contains(r#"action="/board/search/" method="get""#));
    let search = text(&pages, "search/index.html");
    assert!(search.contains(r#"src="/board/search.js" defer"#));
    assert!(search.contains(r#"data-base="/board/""#));
    assert!(home.contains(r#"<link rel="canonical" href="https://user.github.io/board/">"#));
    let feed = text(&pages, "atom.xml");
    assert!(feed.contains("<id>https://user.github.io/board/jobs/acme-backend/</id>"));
    let sitemap = text(&pages, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://user.github.io/board/jobs/acme-backend/</loc>"));
    assert!(
        text(&pages, "robots.txt").contains("Sitemap: https://user.github.io/board/sitemap.xml")
    );
    let json: serde_json::Value = serde_json::from_str(text(&pages, "feed.json")).unwrap();
    assert_eq!(json["home_page_url"], "https://user.github.io/board/");
}

#[test]
fn closed_postings_marked() {
    let pages = build(fixture(), &config());
    let job = text(&pages, "jobs/initech-old/index.html");
    assert!(job.contains("This position is closed"));
    assert!(job.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(json_ld(job).is_none());
    assert!(!job.contains(r#"class="apply""#));
    // Its tags are shown but not linked: no tag page lists closed postings.
    assert!(job.contains("<span>cobol</span>"));
    for path in [
        "index.html",
        "atom.xml",
        "feed.json",
        "sitemap.xml",
        "api/postings.json",
        "tags/python/index.html",
        "tags/python/atom.xml",
        "companies/index.html",
    ] {
        assert!(!text(&pages, path).contains("initech-old"), "{path}");
    }
    let initech = text(&pages, "companies/initech/index.html");
    assert!(initech.contains("No open positions"));
    assert!(initech.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!text(&pages, "companies/acme/index.html").contains("noindex"));
    assert!(!text(&pages, "sitemap.xml").contains("companies/initech/"));
    let api: serde_json::Value =
        serde_json::from_str(text(&pages, "api/companies/initech.json")).unwrap();
    assert_eq!(api["postings"], serde_json::json!([]));
}

#[test]
fn closed_postings_hidden() {
    let config = Config {
        expired: ExpiredMode::Hide,
        ..config()
    };
    let pages = build(fixture(), &config);
    let files = paths(&pages);
    assert!(!files.contains("jobs/initech-old/index.html"));
    assert!(!files.contains("companies/initech/index.html"));
    assert!(!files.contains("api/companies/initech.json"));
    assert!(!pages
        .iter()
        .any(|p| String::from_utf8_lossy(&p.bytes).contains("initech")));
    check_links(&pages, "/");
}

#[test]
fn json_ld_job_posting() {
    let pages = build(fixture(), &config());
    let ld = json_ld(text(&pages, "jobs/acme-backend/index.html")).unwrap();
    assert_eq!(ld["@context"], "https://schema.org/");
    assert_eq!(ld["@type"], "JobPosting");
    assert_eq!(ld["title"], "Backend Engineer");
    assert_eq!(
        ld["description"],
        "<h1>About</h1><p>Backend Engineer body</p>"
    );
    assert_eq!(ld["datePosted"], "2025-03-03T10:00:00+00:00");
    assert_eq!(ld["validThrough"], "2025-06-01T00:00:00+00:00");
    assert_eq!(
        ld["hiringOrganization"],
        serde_json::json!({"@type": "Organization", "name": "Acme"})
    );
    assert_eq!(ld["jobLocationType"], "TELECOMMUTE");
    assert_eq!(
        ld["applicantLocationRequirements"],
        serde_json::json!([{"@type": "Country", "name": "US"}])
    );
    assert_eq!(
        ld["identifier"],
        serde_json::json!({"@type": "PropertyValue", "name": "Test Jobs", "value": "acme-backend"})
    );
    assert!(
        ld.get("jobLocation").is_none(),
        "Remote US is not an address"
    );
    assert_eq!(ld["employmentType"], "FULL_TIME");
    assert_eq!(ld["directApply"], false);
    let salary = &ld["baseSalary"];
    assert_eq!(salary["@type"], "MonetaryAmount");
    assert_eq!(salary["currency"], "USD");
    assert_eq!(salary["value"]["@type"], "QuantitativeValue");
    assert_eq!(salary["value"]["minValue"], 137_000);
    assert_eq!(salary["value"]["maxValue"], 199_000);
    assert_eq!(salary["value"]["unitText"], "YEAR");

    let ld = json_ld(text(&pages, "jobs/globex-designer/index.html")).unwrap();
    assert!(ld.get("jobLocationType").is_none());
    assert_eq!(
        ld["jobLocation"][0]["address"],
        serde_json::json!({"@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": "DE"})
    );
    // Only on posting pages.
    assert!(json_ld(text(&pages, "index.html")).is_none());
    assert!(json_ld(text(&pages, "companies/acme/index.html")).is_none());
}

#[test]
fn hostile_text_cannot_close_the_script() {
    let evil = "</script><script>alert(1)</script> --> <!--";
    let mut p = posting(
        "evil",
        &format!("Engineer {evil}"),
        Some(&format!("Evil {evil} Inc")),
        Some("2025-03-03T10:00:00Z"),
    );
    p.summary = evil.into();
    // As the sanitizer leaves it: text escaped.
    p.body_html =
        "<p>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; --&gt; &lt;!--</p>".into();
    p.location = vec![evil.into()];
    p.tags = vec!["rust".into()];
    let pages = build(vec![p], &config());
    for page in pages.iter().filter(|p| p.path.ends_with(".html")) {
        let body = String::from_utf8_lossy(&page.bytes);
        assert!(!body.contains("<script>alert"), "{}", page.path);
        assert!(!body.contains("--> <!--"), "{}", page.path);
    }
    let html = text(&pages, "jobs/evil/index.html");
    assert_eq!(html.matches("<script").count(), 1, "JSON-LD only");
    let ld = json_ld(html).unwrap();
    assert_eq!(ld["title"], format!("Engineer {evil}"));
    assert_eq!(ld["hiringOrganization"]["name"], format!("Evil {evil} Inc"));
    check_xml(text(&pages, "atom.xml"));
    let feed: serde_json::Value = serde_json::from_str(text(&pages, "feed.json")).unwrap();
    assert_eq!(feed["items"][0]["title"], format!("Engineer {evil}"));
}

#[test]
fn feeds_are_well_formed() {
    let mut all = fixture();
    all[0].title = "R&D <lead> \u{1} \"quoted\" 'single'".into();
    let pages = build(all, &config());
    for page in pages.iter().filter(|p| p.path.ends_with(".xml")) {
        check_xml(std::str::from_utf8(&page.bytes).unwrap());
    }
    let atom = text(&pages, "atom.xml");
    assert!(atom.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">"#));
    for element in [
        "<id>",
        "<title>",
        "<updated>",
        "<link rel=\"self\"",
        "<author>",
    ] {
        assert!(atom.contains(element), "{element}");
    }
    assert_eq!(atom.matches("<entry>").count(), 3);
    for element in [
        "<id>",
        "<title>",
        "<updated>",
        "<link ",
        "<summary",
        "<content",
    ] {
        assert_eq!(
            atom.matches(&format!("    {element}")).count(),
            3,
            "{element}"
        );
    }
    // The feed is as new as its newest posting.
    assert!(atom.contains("  <updated>2025-03-03T10:00:00Z</updated>"));
    assert!(atom.contains("R&amp;D &lt;lead&gt;  &quot;quoted&quot; &apos;single&apos;"));
    let company = text(&pages, "companies/acme/atom.xml");
    assert_eq!(company.matches("<entry>").count(), 1);
    // Company, tag and remote feeds link to postings the site feed carries in full.
    for feed in [
        company,
        text(&pages, "tags/python/atom.xml"),
        text(&pages, "remote/atom.xml"),
    ] {
        assert!(feed.contains("<entry>"), "{feed}");
        assert!(feed.contains("    <summary type=\"text\">"), "{feed}");
        assert!(!feed.contains("<content"), "{feed}");
    }
    let empty = text(&pages, "companies/initech/atom.xml");
    assert!(
        empty.contains("<updated>2025-03-10T00:00:00Z</updated>"),
        "no entries: now"
    );
}

#[test]
fn json_feed_and_api() {
    let pages = build(fixture(), &config());
    let feed: serde_json::Value = serde_json::from_str(text(&pages, "feed.json")).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "Test Jobs");
    assert_eq!(feed["feed_url"], "https://jobs.example.com/feed.json");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let first = &items[0];
    assert_eq!(first["id"], "https://jobs.example.com/jobs/acme-backend/");
    assert_eq!(first["url"], first["id"]);
    assert_eq!(first["title"], "Backend Engineer");
    assert!(first["content_html"].as_str().unwrap().contains("body"));
    assert_eq!(first["date_published"], "2025-03-03T10:00:00Z");
    assert_eq!(first["tags"], serde_json::json!(["python", "rust"]));
    assert_eq!(first["authors"][0]["name"], "Acme");

    let api: Vec<Posting> = serde_json::from_str(text(&pages, "api/postings.json")).unwrap();
    let board = Board::new(fixture());
    let open: Vec<Posting> = board
        .open
        .iter()
        .map(|&i| (*board.postings[i]).clone())
        .collect();
    assert_eq!(api, open, "exactly the canonical records of open postings");
    let acme: serde_json::Value =
        serde_json::from_str(text(&pages, "api/companies/acme.json")).unwrap();
    assert_eq!(acme["name"], "Acme");
    assert_eq!(acme["slug"], "acme");
    assert_eq!(acme["postings"][0]["slug"], "acme-backend");
}

#[test]
fn sitemap_lists_indexable_pages_and_splits() {
    let pages = build(fixture(), &config());
    let sitemap = text(&pages, "sitemap.xml");
    assert!(sitemap.contains("<urlset"));
    assert!(sitemap.contains("<loc>https://jobs.example.com/jobs/acme-backend/</loc><lastmod>2025-03-03T10:00:00Z</lastmod>"));
    assert!(sitemap.contains("<loc>https://jobs.example.com/tags/python/</loc>"));
    assert!(!sitemap.contains("404"));

    let urls = Urls::new("https://x.example/b/");
    let mut sitemap = feeds::Sitemap::default();
    for i in 0..5 {
        sitemap.push(&urls, &urls::posting(&format!("j{i}")), None);
    }
    let files = sitemap.files(2, &urls);
    let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "sitemap.xml",
            "sitemap-1.xml",
            "sitemap-2.xml",
            "sitemap-3.xml"
        ]
    );
    assert!(files[0].1.contains("<sitemapindex"));
    assert!(files[0]
        .1
        .contains("<loc>https://x.example/b/sitemap-3.xml</loc>"));
    for (_, text) in &files {
        check_xml(text);
    }
}

#[test]
fn rendering_is_deterministic() {
    let config = config();
    let a = build(fixture(), &config);
    let mut reversed = fixture();
    reversed.reverse();
    let b = build(reversed, &config);
    assert_eq!(a, b);
    // Rendered in parallel: one thread must give the same files.
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    assert_eq!(a, one_thread.install(|| build(fixture(), &config)));
    let sorted: Vec<&str> = a.iter().map(|p| p.path.as_str()).collect();
    let mut expected = sorted.clone();
    expected.sort();
    assert_eq!(sorted, expected);
}

#[test]
fn a_key_renders_alone_what_it_renders_among_all() {
    let config = config();
    let board = Board::new(fixture());
    let theme = default_theme(&config);
    let keys = page_keys(&board, &config);
    let all = render_keyed(&board, &config, &theme, &options(), &keys).unwrap();
    for (key, pages) in keys.iter().zip(&all) {
        assert!(!pages.is_empty(), "{key:?}");
        let alone = render_page(&board, &config, &theme, &options(), key).unwrap();
        assert_eq!(&alone, pages, "{key:?}");
    }
    // Keys the board does not have render to nothing.
    for gone in [
        PageKey::Home(9),
        PageKey::Posting("nope".into()),
        PageKey::Tag("cobol".into(), 1),
    ] {
        assert!(render_page(&board, &config, &theme, &options(), &gone)
            .unwrap()
            .is_empty());
    }
}

#[test]
fn live_reload_snippet_only_when_serving() {
    let config = config();
    let board = Board::new(fixture());
    let theme = default_theme(&config);
    let serving = RenderOptions {
        live_reload: Some("<script>/*reload*/</script>".into()),
        ..options()
    };
    let pages = render_page(&board, &config, &theme, &serving, &PageKey::Home(1)).unwrap();
    assert!(text(&pages, "index.html").contains("<script>/*reload*/</script></body>"));
    let feed = render_page(&board, &config, &theme, &serving, &PageKey::Feed).unwrap();
    assert!(!text(&feed, "atom.xml").contains("reload"));
    let built = render_page(&board, &config, &theme, &options(), &PageKey::Home(1)).unwrap();
    assert!(!text(&built, "index.html").contains("reload"));
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn site_folders_override_the_default_theme() {
    let site = tempfile::tempdir().unwrap();
    let config = Config {
        theme: "fancy".into(),
        ..config()
    };
    write(site.path(), "themes/fancy/templates/404.html", "fancy 404");
    write(
        site.path(),
        "themes/fancy/templates/tags.html",
        "fancy tags",
    );
    write(site.path(), "themes/fancy/static/style.css", "/* fancy */");
    write(site.path(), "themes/fancy/static/img/logo.svg", "<svg/>");
    write(
        site.path(),
        "templates/tags.html",
        "site tags {{ tags | length }}",
    );
    write(site.path(), "templates/.tags.html.swp", "{{ broken");
    write(site.path(), "static/style.css", "/* site */");
    let theme = Theme::load(site.path(), &config).unwrap();
    let pages = render_site(&Board::new(fixture()), &config, &theme, &options()).unwrap();
    assert_eq!(text(&pages, "404.html"), "fancy 404");
    assert_eq!(text(&pages, "tags/index.html"), "site tags 3");
    assert_eq!(text(&pages, "style.css"), "/* site */");
    assert_eq!(text(&pages, "img/logo.svg"), "<svg/>");
    assert!(
        text(&pages, "index.html").contains("<main"),
        "the rest stays default"
    );

    let missing = Config {
        theme: "nope".into(),
        ..config
    };
    let err = Theme::load(site.path(), &missing)
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("themes/nope/"), "{err}");
}

#[test]
fn template_errors_name_file_and_line() {
    let config = config();
    let site = tempfile::tempdir().unwrap();
    write(site.path(), "templates/tags.html", "ok\nok\n{% if %}\n");
    let err = Theme::load(site.path(), &config).err().unwrap();
    assert_eq!(err.file.as_deref(), Some("templates/tags.html"), "{err}");
    assert_eq!(err.line, Some(3), "{err}");
    assert!(
        err.to_string().starts_with("templates/tags.html:3:"),
        "{err}"
    );

    write(
        site.path(),
        "templates/tags.html",
        "{{ tags | no_such_filter }}",
    );
    let err = Theme::load(site.path(), &config).err().unwrap();
    assert_eq!(err.file.as_deref(), Some("templates/tags.html"), "{err}");
    assert_eq!(err.line, Some(1));
    assert!(err.message.contains("no_such_filter"), "{err}");

    // A mistake found while rendering, in an included partial.
    write(site.path(), "templates/tags.html", "fine");
    write(
        site.path(),
        "templates/partials/row.html",
        "\n\n{{ posting.no_such_field }}",
    );
    let theme = Theme::load(site.path(), &config).unwrap();
    let err = render_site(&Board::new(fixture()), &config, &theme, &options())
        .err()
        .unwrap();
    assert_eq!(
        err.file.as_deref(),
        Some("templates/partials/row.html"),
        "{err}"
    );
    assert_eq!(err.line, Some(3), "{err}");
}

#[test]
fn bad_segments_are_refused() {
    let mut p = posting("x", "X", None, None);
    p.tags = vec!["c/c++".into()];
    let config = config();
    let err = render_site(
        &Board::new(vec![p]),
        &config,
        &default_theme(&config),
        &options(),
    )
    .err()
    .unwrap();
    assert_eq!(err.file.as_deref(), Some("content/x.md"));
    assert!(err.message.contains("c/c++"));
}

#[test]
fn salaries_read_naturally() {
    let salary = |min: f64, max: f64, currency: &str, period| Salary {
        min,
        max,
        currency: currency.into(),
        period,
        text: String::new(),
    };
    assert_eq!(
        views::format_salary(&salary(50_000.0, 60_000.0, "GBP", Period::Year)),
        "£50,000–£60,000 / year"
    );
    assert_eq!(
        views::format_salary(&salary(45.5, 45.5, "USD", Period::Hour)),
        "$45.50 / hour"
    );
    assert_eq!(
        views::format_salary(&salary(120_000.0, 150_000.0, "CHF", Period::Year)),
        "CHF\u{a0}120,000–CHF\u{a0}150,000 / year"
    );
    assert_eq!(
        views::format_salary(&salary(1_800_000.0, 1_800_000.0, "INR", Period::Year)),
        "₹1,800,000 / year"
    );
    assert_eq!(views::count_text(1234), "1,234 open positions");
}

#[test]
fn posting_page_snapshot() {
    let pages = build(fixture(), &config());
    insta::assert_snapshot!("posting_page", text(&pages, "jobs/acme-backend/index.html"));
    insta::assert_snapshot!("home_page", text(&pages, "index.html"));
    insta::assert_snapshot!("atom_feed", text(&pages, "atom.xml"));
}

/// `cargo test --release --lib render::tests::render_10k -- --ignored --nocapture`
#[test]
#[ignore = "a timing, not a test"]
fn render_10k() {
    let mut all = postings(10_000);
    for (i, p) in all.iter_mut().enumerate() {
        p.company = Some(format!("Company {}", i % 700));
        p.company_slug = Some(format!("company-{}", i % 700));
        p.tags = vec![format!("t{}", i % 40), format!("t{}", i % 13)];
        p.tags.sort();
        p.tags.dedup();
        p.remote = (i % 3 == 0).then_some(Remote::Remote);
        p.body_html = "<p>Lorem ipsum dolor sit amet. </p>".repeat(40);
    }
    let config = Config {
        paginate_by: 20,
        ..config()
    };
    let board = Board::new(all);
    let theme = default_theme(&config);
    let start = std::time::Instant::now();
    let pages = render_site(&board, &config, &theme, &options()).unwrap();
    let bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    eprintln!(
        "rendered {} files, {} MB, in {:?}",
        pages.len(),
        bytes / 1_000_000,
        start.elapsed()
    );
    let key = PageKey::Posting(board.postings[5000].slug.clone());
    let start = std::time::Instant::now();
    render_page(&board, &config, &theme, &options(), &key).unwrap();
    eprintln!("one posting page: {:?}", start.elapsed());
    let keys: Vec<PageKey> = page_keys(&board, &config)
        .into_iter()
        .step_by(700)
        .collect();
    let start = std::time::Instant::now();
    render_keyed(&board, &config, &theme, &options(), &keys).unwrap();
    eprintln!("render_keyed of {} keys: {:?}", keys.len(), start.elapsed());
}
