//! Live reload in a real browser: headless Chromium (through chromedriver)
//! on a page of `hireboard serve`; the test edits files on disk and never
//! touches the page, which must update by itself.

mod common;
mod serve_support;

use std::time::{Duration, Instant};

use common::browser::{with_browser, Browser};
use fantoccini::Locator;
use serve_support::{new_site, posting, Server};

const DEADLINE: Duration = Duration::from_secs(10);

/// Polls a script in the page until it returns `want`.
async fn until(browser: &Browser, what: &str, script: &str, want: serde_json::Value) {
    let deadline = Instant::now() + DEADLINE;
    loop {
        // A reload in progress makes a script fail: try again.
        let got = browser.client.execute(script, Vec::new()).await.ok();
        if got.as_ref() == Some(&want) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "waited {DEADLINE:?} for {what}: got {got:?}, want {want}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_show_in_the_browser_by_themselves() {
    let site = new_site();
    let root = site.path().to_path_buf();
    let server = Server::start(&root, &[]);
    let page = format!("{}jobs/alpha-corp-alpha-engineer/", server.url);
    with_browser(move |browser| async move {
        browser.open(&page).await;
        let h1 = browser.client.find(Locator::Css("h1")).await.unwrap();
        assert_eq!(h1.text().await.unwrap(), "Alpha Engineer");

        // A new title is a new slug: the page follows its posting there.
        std::fs::write(
            root.join("content/alpha.md"),
            posting("Alpha Principal Engineer", "Alpha Corp", &["rust", "go"]),
        )
        .unwrap();
        let h1 = "return document.querySelector('h1')?.textContent ?? null";
        until(
            &browser,
            "the new title",
            h1,
            "Alpha Principal Engineer".into(),
        )
        .await;
        let url = browser.client.current_url().await.unwrap();
        assert!(
            url.path() == "/jobs/alpha-corp-alpha-principal-engineer/",
            "{url}"
        );

        // CSS: the stylesheet is swapped in place, the page is not reloaded.
        // The event stream of the reloaded page must be open first, or the
        // change would (rightly) come as a reload on connecting.
        tokio::time::sleep(Duration::from_millis(500)).await;
        browser
            .client
            .execute("window.__marker = 1", Vec::new())
            .await
            .unwrap();
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(
            root.join("static/style.css"),
            "body { color: rgb(1, 2, 3); }\n",
        )
        .unwrap();
        until(
            &browser,
            "the new stylesheet",
            "return getComputedStyle(document.body).color",
            "rgb(1, 2, 3)".into(),
        )
        .await;
        until(
            &browser,
            "the page not reloaded",
            "return window.__marker ?? null",
            1.into(),
        )
        .await;
        drop(server);
    })
    .await;
}
