//! The demo board (content/ of this repository) through the checkers a
//! publisher would use: the Nu HTML Checker on every page, and axe-core in
//! headless Chromium on each kind of page, light and dark, including live
//! search results. `scripts/test` installs Java, Chromium, chromedriver and
//! the npm packages; without them these tests fail and say so.
//! `HIREBOARD_SCREENSHOTS=<folder>` saves a PNG of every page checked, light
//! and dark, for a look at the theme.

mod common;

use common::browser::{self, Browser, StaticServer};
use fantoccini::Locator;

#[test]
fn nu_html_checker_finds_no_errors() {
    let out = tempfile::tempdir().unwrap();
    common::build_demo(out.path());
    let files = common::read_tree(out.path());
    let mut checked: Vec<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|p| p.ends_with(".html") || p.ends_with(".css"))
        .collect();
    checked.sort();
    assert!(checked.len() > 10, "{checked:?}");
    let errors = browser::nu_errors(out.path(), &checked);
    assert!(
        errors.is_empty(),
        "the Nu HTML Checker found {} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// Pages of every kind, by path on the demo board.
const PAGES: &[&str] = &[
    "/",
    "/jobs/acme-robotics-senior-rust-platform-engineer/",
    "/jobs/mozilla-services-is-hiring/", // closed
    "/companies/",
    "/companies/acme-robotics/",
    "/tags/",
    "/tags/rust/",
    "/remote/",
    "/no-such-page/", // 404.html
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_serious_violations_and_search_works() {
    let out = tempfile::tempdir().unwrap();
    common::build_demo(out.path());
    for page in PAGES.iter().filter(|p| !p.starts_with("/no-such")) {
        let file = out.path().join(&page[1..]).join("index.html");
        assert!(file.is_file(), "{page} is not in the demo board any more");
    }
    let server = StaticServer::start(out.path());
    let base = server.url("");
    let shots = std::env::var_os("HIREBOARD_SCREENSHOTS").map(std::path::PathBuf::from);
    browser::with_browser(move |browser| async move {
        let mut problems = Vec::new();
        for dark in [false, true] {
            browser.prefer_dark(dark).await;
            let scheme = if dark { "dark" } else { "light" };
            for page in PAGES {
                browser.open(&format!("{base}{page}")).await;
                let matches: bool = browser
                    .client
                    .execute(
                        "return matchMedia('(prefers-color-scheme: dark)').matches",
                        Vec::new(),
                    )
                    .await
                    .unwrap()
                    .as_bool()
                    .unwrap();
                assert_eq!(matches, dark, "dark mode emulation");
                for v in browser.serious_axe_violations().await {
                    problems.push(format!("{page} ({scheme}): {v}"));
                }
                if let Some(dir) = &shots {
                    browser.screenshot(&dir.join(shot_name(page, scheme))).await;
                }
            }
            search(&browser, &base, &mut problems, scheme).await;
            if let Some(dir) = &shots {
                browser
                    .screenshot(&dir.join(shot_name("/search", scheme)))
                    .await;
            }
        }
        assert!(
            problems.is_empty(),
            "axe-core found serious or critical violations:\n{}",
            problems.join("\n")
        );
    })
    .await;
    drop(server);
}

/// Searches from the home page's box like a reader, waits for the results
/// page to show them, narrows them with a filter, and runs axe on the results.
async fn search(browser: &Browser, base: &str, problems: &mut Vec<String>, scheme: &str) {
    browser.open(&format!("{base}/")).await;
    let input = browser.client.find(Locator::Id("search-q")).await.unwrap();
    input.send_keys("rust\u{e007}").await.unwrap(); // Enter submits the form
    browser.wait_for_search_status("2 jobs").await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.path(), "/search/");
    assert_eq!(url.query(), Some("q=rust"), "the query is in the URL");
    let hits = browser.client.find(Locator::Css("[data-results]")).await;
    let hits = hits.unwrap().text().await.unwrap();
    assert!(
        hits.contains("Senior Rust Platform Engineer"),
        "search for rust: {hits}"
    );
    let link = browser
        .client
        .find(Locator::Css("[data-results] h2 a"))
        .await;
    let href = link
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(href.starts_with("/jobs/"), "{href}");
    // A filter narrows the results: only one of them says Full-time.
    let select = browser.client.find(Locator::Id("search-type")).await;
    select.unwrap().select_by_value("full-time").await.unwrap();
    browser.wait_for_search_status("1 job").await;
    for v in browser.serious_axe_violations().await {
        problems.push(format!("/search/ with results ({scheme}): {v}"));
    }
}

fn shot_name(page: &str, scheme: &str) -> String {
    let name = page.trim_matches('/').replace('/', "_");
    let name = if name.is_empty() { "home" } else { &name };
    format!("{name}-{scheme}.png")
}
