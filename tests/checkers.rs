//! The demo board (content/ of this repository) through the checkers a
//! publisher would use: the Nu HTML Checker on every page, and axe-core in
//! headless Chromium on each kind of page, light and dark, including live
//! search results. `scripts/test` installs Java, Chromium, chromedriver and
//! the npm packages; without them these tests fail and say so.
//! `HIREBOARD_SCREENSHOTS=<folder>` saves a PNG of every page checked, light
//! and dark, for a look at the theme.

mod common;

use std::process::Command;

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
    let vnu = browser::node_module("vnu-jar/build/dist/vnu.jar");
    let output = Command::new("java")
        .current_dir(out.path())
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--also-check-css", "--format", "json"])
        .args(&checked)
        .output()
        .unwrap_or_else(|e| panic!("cannot run java ({e}): run scripts/test, which installs Java"));
    // vnu writes its report to stderr, and exits 1 when it found errors.
    let report: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap_or_else(|e| {
        panic!(
            "vnu gave no JSON report ({e}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let messages = report["messages"].as_array().unwrap();
    let errors: Vec<String> = messages
        .iter()
        .map(|m| {
            format!(
                "{}:{}: {} {}",
                m["url"]
                    .as_str()
                    .unwrap_or("?")
                    .rsplit(out.path().to_str().unwrap())
                    .next()
                    .unwrap_or("?"),
                m["lastLine"],
                m["message"].as_str().unwrap_or(""),
                m["extract"].as_str().unwrap_or("").trim()
            )
        })
        .collect();
    assert!(
        errors.is_empty(),
        "the Nu HTML Checker found {} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
    assert!(output.status.success());
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

/// Types a query on the home page like a reader, waits for results, checks
/// that the demo's Rust posting is among them, and runs axe on the results.
async fn search(browser: &Browser, base: &str, problems: &mut Vec<String>, scheme: &str) {
    browser.open(&format!("{base}/")).await;
    let input = browser
        .client
        .wait()
        .for_element(Locator::Id("search-q"))
        .await
        .unwrap();
    input.send_keys("rust").await.unwrap();
    let hit = browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(Locator::Css(".search-hit"))
        .await
        .expect("no search results for `rust` within 10 s");
    let hits = browser
        .client
        .find(Locator::Css("ol.search-results"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        hits.contains("Senior Rust Platform Engineer"),
        "search for rust: {hits}"
    );
    let link = hit.find(Locator::Css("h3 a")).await.unwrap();
    let href = link.attr("href").await.unwrap().unwrap_or_default();
    assert!(href.starts_with("/jobs/"), "{href}");
    assert_eq!(search_status(browser).await, "2 jobs match.");
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.query(), Some("q=rust"), "the query is kept in the URL");
    // A filter narrows the results: only one of them says Full-time.
    let css = |s| Locator::Css(s);
    let summary = browser.client.find(css("details.search-filters summary"));
    summary.await.unwrap().click().await.unwrap();
    let select = browser.client.find(css("#search-type")).await.unwrap();
    select.select_by_value("full-time").await.unwrap();
    let status = browser
        .client
        .wait()
        .for_element(Locator::XPath(
            "//p[@class='search-status' and text()='1 job matches.']",
        ))
        .await;
    assert!(status.is_ok(), "status: {}", search_status(browser).await);
    for v in browser.serious_axe_violations().await {
        problems.push(format!("/ with search results ({scheme}): {v}"));
    }
}

async fn search_status(browser: &Browser) -> String {
    let status = browser.client.find(Locator::Css("p.search-status")).await;
    status.unwrap().text().await.unwrap()
}

fn shot_name(page: &str, scheme: &str) -> String {
    let name = page.trim_matches('/').replace('/', "_");
    let name = if name.is_empty() { "home" } else { &name };
    format!("{name}-{scheme}.png")
}
