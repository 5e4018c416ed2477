//! The results page `/search/` of the demo board in headless Chromium, as a
//! job seeker uses it: a query URL, filters, reload, the back button, a
//! typo, a phone's width, axe and the Nu checker on the filled page. Also
//! saves screenshots of every kind of page at 1280 and 390 px under
//! `target/screenshots/` for a look at the theme.
//!
//! The demo's open postings (built without git history) that the queries
//! below pick: "Senior Rust Platform Engineer" (Acme Robotics, remote,
//! full-time, €105,000 a year, tagged kubernetes), "Senior Software
//! Engineer, Services" (Mozilla, remote, $199,000, tagged rust and python),
//! "Data Engineer (contract, 6 months)" (Nimbus Analytics, hybrid, €600 a
//! day, tagged python) and "Senior Frontend Engineer" (Orbit Maps, remote,
//! $185,000).

mod common;

use std::path::{Path, PathBuf};

use common::browser::{self, Browser, StaticServer};
use fantoccini::Locator;

const RUST_PLATFORM: &str = "Senior Rust Platform Engineer";
const MOZILLA: &str = "Senior Software Engineer, Services";
const NIMBUS: &str = "Data Engineer (contract, 6 months)";
const ORBIT: &str = "Senior Frontend Engineer";

/// The titles the results page shows, in order.
async fn titles(browser: &Browser) -> Vec<String> {
    let links = browser
        .client
        .find_all(Locator::Css("[data-results] h2 a"))
        .await
        .unwrap();
    let mut titles = Vec::new();
    for link in links {
        titles.push(link.text().await.unwrap());
    }
    titles
}

/// Opens `/search/<query>` and waits for `status`; returns the titles shown.
async fn results(browser: &Browser, base: &str, query: &str, status: &str) -> Vec<String> {
    browser.open(&format!("{base}/search/{query}")).await;
    browser.wait_for_search_status(status).await;
    titles(browser).await
}

fn sorted(mut titles: Vec<String>) -> Vec<String> {
    titles.sort();
    titles
}

fn names(titles: &[&str]) -> Vec<String> {
    sorted(titles.iter().map(|t| t.to_string()).collect())
}

async fn value(browser: &Browser, id: &str) -> String {
    let field = browser.client.find(Locator::Id(id)).await.unwrap();
    field.prop("value").await.unwrap().unwrap_or_default()
}

async fn query_of(browser: &Browser) -> Option<String> {
    let url = browser.client.current_url().await.unwrap();
    url.query().map(str::to_string)
}

/// Runs `test` in a browser with the demo board served at `base` from `dir`.
async fn on_demo<F, Fut>(test: F)
where
    F: FnOnce(Browser, String, PathBuf) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let out = tempfile::tempdir().unwrap();
    common::build_demo(out.path());
    let server = StaticServer::start(out.path());
    let base = server.url("");
    let dir = out.path().to_path_buf();
    browser::with_browser(move |browser| test(browser, base, dir)).await;
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_results_page_works_as_a_job_seeker_uses_it() {
    on_demo(|browser, base, dir| async move {
        // A query URL shows exactly its matches, with a count.
        let rust = results(&browser, &base, "?q=rust", "2 jobs").await;
        assert_eq!(sorted(rust), names(&[RUST_PLATFORM, MOZILLA]));
        assert_eq!(value(&browser, "search-q").await, "rust");
        // Nothing else of the board's lists.
        let articles = browser.client.find_all(Locator::Css("main article")).await;
        assert_eq!(articles.unwrap().len(), 2);

        // Each filter narrows.
        let cases: &[(&str, &str, &[&str])] = &[
            ("?q=rust&type=full-time", "1 job", &[RUST_PLATFORM]),
            ("?q=rust&company=mozilla", "1 job", &[MOZILLA]),
            ("?tag=python&remote=hybrid", "1 job", &[NIMBUS]),
            (
                "?q=engineer&remote=remote&tag=kubernetes",
                "1 job",
                &[RUST_PLATFORM],
            ),
            // Yearly figures in the site's currency (USD) ...
            ("?salary=150000", "2 jobs", &[MOZILLA, ORBIT]),
            // ... or in another: €600 a day is €156,000 a year.
            (
                "?salary=100000&currency=EUR",
                "2 jobs",
                &[RUST_PLATFORM, NIMBUS],
            ),
            ("?salary=120000&currency=EUR", "1 job", &[NIMBUS]),
            ("?q=rust&tag=no-such-tag", "No jobs match", &[]),
        ];
        for (query, status, expected) in cases {
            let shown = results(&browser, &base, query, status).await;
            assert_eq!(sorted(shown), names(expected), "{query}");
        }
        // The company filter shows the company's name, not its slug.
        results(&browser, &base, "?q=rust&company=mozilla", "1 job").await;
        assert_eq!(value(&browser, "search-company").await, "Mozilla");

        // A one-letter typo still finds its posting.
        let typo = results(&browser, &base, "?q=kubernets", "1 job").await;
        assert_eq!(typo, [RUST_PLATFORM]);
        let typo = results(&browser, &base, "?q=platfrom", "1 job").await;
        assert_eq!(typo, [RUST_PLATFORM]);

        // Changing a filter puts it in the URL; a reload keeps it; back
        // restores the results before it.
        results(&browser, &base, "?q=rust", "2 jobs").await;
        let select = browser.client.find(Locator::Id("search-type")).await;
        select.unwrap().select_by_value("full-time").await.unwrap();
        browser.wait_for_search_status("1 job").await;
        assert_eq!(
            query_of(&browser).await.as_deref(),
            Some("q=rust&type=full-time")
        );
        browser.client.refresh().await.unwrap();
        browser.wait_for_search_status("1 job").await;
        assert_eq!(titles(&browser).await, [RUST_PLATFORM]);
        assert_eq!(value(&browser, "search-type").await, "full-time");
        browser.client.back().await.unwrap();
        browser.wait_for_search_status("2 jobs").await;
        assert_eq!(query_of(&browser).await.as_deref(), Some("q=rust"));
        assert_eq!(value(&browser, "search-type").await, "");
        assert_eq!(
            sorted(titles(&browser).await),
            names(&[RUST_PLATFORM, MOZILLA])
        );

        // Results follow the typing, and the URL with them.
        let input = browser.client.find(Locator::Id("search-q")).await.unwrap();
        input.clear().await.unwrap();
        input.send_keys("frontend").await.unwrap();
        browser.wait_for_search_status("1 job").await;
        assert_eq!(titles(&browser).await, [ORBIT]);
        assert_eq!(query_of(&browser).await.as_deref(), Some("q=frontend"));

        // A results page that is one company, tag or the remote jobs links its feed.
        for (query, status, feed) in [
            ("?tag=python", "4 jobs", Some("/tags/python/atom.xml")),
            (
                "?company=acme-robotics",
                "1 job",
                Some("/companies/acme-robotics/atom.xml"),
            ),
            ("?remote=remote", "3 jobs", Some("/remote/atom.xml")),
            ("?q=rust", "2 jobs", None),
            ("?remote=remote&type=full-time", "2 jobs", None),
        ] {
            results(&browser, &base, query, status).await;
            let link = browser
                .client
                .find(Locator::Css("[data-feed] a"))
                .await
                .unwrap();
            let shown = link.is_displayed().await.unwrap();
            assert_eq!(shown, feed.is_some(), "{query}");
            if let Some(feed) = feed {
                assert_eq!(link.attr("href").await.unwrap().as_deref(), Some(feed));
            }
        }

        // axe on the filled results page, and the Nu checker on its live DOM.
        results(&browser, &base, "?q=engineer", "5 jobs").await;
        let problems = browser.serious_axe_violations().await;
        assert!(problems.is_empty(), "axe:\n{}", problems.join("\n"));
        let html: String = browser
            .client
            .execute(
                "return '<!DOCTYPE html>' + document.documentElement.outerHTML",
                Vec::new(),
            )
            .await
            .unwrap()
            .as_str()
            .unwrap()
            .to_string();
        std::fs::write(dir.join("live-results.html"), html).unwrap();
        let errors = browser::nu_errors(&dir, &["live-results.html"]);
        assert!(errors.is_empty(), "Nu HTML Checker:\n{}", errors.join("\n"));

        // A phone's width: no sideways scrolling.
        browser.set_width(Some(390)).await;
        results(&browser, &base, "?q=engineer", "5 jobs").await;
        assert!(
            !browser.overflows_horizontally().await,
            "390 px results page overflows"
        );
        browser.set_width(None).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_search_box_goes_to_the_results_page_and_the_page_says_what_it_needs() {
    on_demo(|browser, base, _| async move {
        browser.open(&format!("{base}/")).await;
        let input = browser.client.find(Locator::Id("search-q")).await.unwrap();
        input.send_keys("pyhton").await.unwrap();
        let button = browser
            .client
            .find(Locator::Css(".search-box button"))
            .await;
        button.unwrap().click().await.unwrap();
        browser.wait_for_search_status("4 jobs").await;
        let url = browser.client.current_url().await.unwrap();
        assert_eq!((url.path(), url.query()), ("/search/", Some("q=pyhton")));
        assert!(titles(&browser).await.contains(&NIMBUS.to_string()));

        // Without JavaScript the form stays hidden and the page says where to look.
        let noscript = browser.client.find(Locator::Css("noscript")).await.unwrap();
        let html = noscript.html(true).await.unwrap();
        for href in ["/companies/", "/tags/", "/remote/"] {
            assert!(html.contains(&format!("href=\"{href}\"")), "{html}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screenshots_of_every_kind_of_page() {
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    on_demo(|browser, base, _| async move {
        let pages = [
            ("home", "/"),
            ("search", "/search/?q=engineer"),
            (
                "posting",
                "/jobs/acme-robotics-senior-rust-platform-engineer/",
            ),
            ("company", "/companies/acme-robotics/"),
            ("companies", "/companies/"),
            ("tag", "/tags/python/"),
            ("tags", "/tags/"),
            ("404", "/no-such-page/"),
        ];
        let mut overflowing = Vec::new();
        for width in [1280, 390] {
            browser.set_width((width != 1280).then_some(width)).await;
            for (name, path) in pages {
                browser.open(&format!("{base}{path}")).await;
                if name == "search" {
                    browser.wait_for_search_status("5 jobs").await;
                }
                let file: PathBuf = shots.join(format!("{name}-{width}.png"));
                browser.screenshot(&file).await;
                if browser.overflows_horizontally().await {
                    overflowing.push(format!("{path} at {width} px"));
                }
            }
        }
        assert!(
            overflowing.is_empty(),
            "sideways scrolling: {overflowing:?}"
        );
    })
    .await;
}
