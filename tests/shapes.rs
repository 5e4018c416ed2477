//! The shapes of issue 8 end to end: a saved job page with JSON-LD, a
//! JobPosting `.json`, a mailing-list post and a `.mkd` file whose body is
//! HTML with template comments (tests/sites/shapes, written for this test).

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

fn inspect(site: &Path) -> (Vec<Value>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hireboard"))
        .current_dir(site)
        .args(["inspect", "--json", "--now", "2025-06-01"])
        .output()
        .unwrap();
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn record(name: &str) -> Value {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/shapes");
    let (records, _) = inspect(&site);
    let path = format!("content/{name}");
    records
        .into_iter()
        .find(|r| r["source"]["path"] == path.as_str())
        .unwrap_or_else(|| panic!("{name} missing"))
}

#[test]
fn a_saved_job_page_is_read_from_its_json_ld() {
    let r = record("lighthouse-keeper.html");
    assert_eq!(r["source"]["format"], "jsonld");
    assert_eq!(r["title"], "Lighthouse Keeper");
    assert_eq!(r["company"], "Saltmarsh Maritime");
    assert_eq!(r["date"], "2025-02-10T09:30:00+01:00");
    assert_eq!(r["expires"], "2025-03-31T00:00:00+00:00");
    assert_eq!(r["employment_type"], "full-time");
    assert_eq!(r["location"], json!(["Aberdeen, Scotland, GB"]));
    assert_eq!(r["salary"]["min"], 31000.0);
    assert_eq!(r["salary"]["max"], 36000.0);
    assert_eq!(r["salary"]["currency"], "GBP");
    assert_eq!(r["salary"]["period"], "year");
    assert_eq!(r["apply"], "https://ats.saltmarsh.example/jobs/118");
    // The entity-escaped description is HTML again, and read as text.
    let html = r["body_html"].as_str().unwrap();
    assert!(
        html.contains("<li>Log the weather every four hours</li>"),
        "{html}"
    );
    assert!(r["tags"].as_array().unwrap().contains(&json!("python")));
    assert_eq!(r["inferred"], json!(["tags"]));
}

#[test]
fn a_jobposting_json_file_is_a_posting() {
    let r = record("river-guide.json");
    assert_eq!(r["source"]["format"], "jsonld");
    assert_eq!(r["company"], "Wildwater Trips");
    assert_eq!(r["remote"], "remote");
    assert_eq!(r["location"], json!(["Canada"]));
    assert_eq!(r["employment_type"], "temporary");
    assert_eq!(r["salary"]["period"], "hour");
    assert_eq!(r["salary"]["currency"], "CAD");
    assert_eq!(r["apply"], "https://wildwater.example/jobs/river-guide");
    assert_eq!(
        r["body_html"],
        "<p>Lead rafting trips down the canyon.</p>\n<p>Plan routes from home in the off-season.</p>\n"
    );
}

#[test]
fn a_mailing_list_post_loses_its_headers() {
    let r = record("kernel-porter.txt");
    assert_eq!(r["source"]["format"], "text");
    assert_eq!(r["title"], "Embedded Linux kernel porter");
    assert_eq!(r["date"], "2025-03-04T08:12:33-08:00");
    assert_eq!(r["company"], "Tiny Boards Ltd");
    assert_eq!(r["apply"], "mailto:jobs@tinyboards.example");
    let html = r["body_html"].as_str().unwrap();
    assert!(!html.contains("Received"), "{html}");
    assert!(!html.contains("Message-ID"), "{html}");
    // The salary is inside a template comment.
    assert!(!html.contains("500,000"), "{html}");
    assert_eq!(r["salary"], Value::Null);
}

#[test]
fn an_html_body_in_a_mkd_file_is_read_by_every_recognizer() {
    let r = record("cellar-hand.mkd");
    assert_eq!(r["title"], "Cellar Hand");
    assert_eq!(r["apply"], "mailto:harvest@vineyardrow.example");
    // €15 from the list item, not the €99 of the HTML comment.
    assert_eq!(r["salary"]["min"], 15.0);
    assert_eq!(r["salary"]["currency"], "EUR");
    assert_eq!(r["salary"]["period"], "hour");
    let summary = r["summary"].as_str().unwrap();
    assert!(summary.starts_with("About the role: Help us"), "{summary}");
    // Indented HTML is not a code block.
    assert!(!r["body_html"].as_str().unwrap().contains("<code>"));
}

#[test]
fn a_page_or_json_without_a_jobposting_is_reported() {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::write(site.path().join("hireboard.yaml"), "title: T\n").unwrap();
    std::fs::write(content.join("about.html"), "<!doctype html><p>About us</p>").unwrap();
    std::fs::write(content.join("data.json"), "{\"people\": 3}").unwrap();
    std::fs::write(content.join(".page.html.swp"), "x").unwrap();
    let (records, stderr) = inspect(site.path());
    assert!(records.is_empty());
    assert!(
        stderr.contains("content/about.html") && stderr.contains("embeds no schema.org JobPosting"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/data.json")
            && stderr.contains("JSON holds no schema.org JobPosting"),
        "{stderr}"
    );
    assert!(!stderr.contains("swp"), "{stderr}");
}
