//! `hireboard inspect` as other tools use it: JSON records on stdout, errors
//! on stderr with file and line, exit status 1 when a file failed.

use std::path::Path;
use std::process::{Command, Output};

fn inspect(site: &str, args: &[&str]) -> Output {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sites")
        .join(site);
    Command::new(env!("CARGO_BIN_EXE_hireboard"))
        .current_dir(&dir)
        .arg("inspect")
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        // Undated fixtures stay undated, whatever the repository's history.
        .env("GIT_DIR", "/nonexistent/hireboard-tests-use-no-history")
        .output()
        .unwrap()
}

fn records(output: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON array")
}

fn by_path<'a>(records: &'a [serde_json::Value], path: &str) -> &'a serde_json::Value {
    records
        .iter()
        .find(|r| r["source"]["path"] == path)
        .unwrap_or_else(|| panic!("{path} missing"))
}

#[test]
fn every_format_normalizes_into_the_schema() {
    let out = inspect("formats", &["--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = records(&out);
    let paths: Vec<&str> = records
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "sorted by source.path");
    let formats: Vec<(&str, &str)> = records
        .iter()
        .map(|r| {
            (
                r["source"]["path"].as_str().unwrap(),
                r["source"]["format"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        formats,
        [
            ("content/hn.txt", "hn"),
            ("content/markdown.md", "markdown"),
            ("content/nested/rst.rst", "rst"),
            ("content/oneline.txt", "oneline"),
            ("content/pelican.md", "pelican"),
            ("content/text.txt", "text"),
            ("content/toml.md", "toml"),
            ("content/yaml.md", "yaml"),
        ]
    );
    for r in &records {
        let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "slug",
                "title",
                "company",
                "company_slug",
                "date",
                "expires",
                "expired",
                "status",
                "aliases",
                "location",
                "remote",
                "employment_type",
                "salary",
                "tags",
                "apply",
                "summary",
                "body_html",
                "source",
                "inferred",
                "warnings"
            ]
        );
    }

    let yaml = by_path(&records, "content/yaml.md");
    assert_eq!(yaml["title"], "Staff Go Engineer");
    assert_eq!(yaml["company"], "Blue Labs");
    assert_eq!(yaml["date"], "2025-03-03T00:00:00+00:00");
    assert_eq!(yaml["expires"], "2025-04-30T00:00:00+00:00");
    assert_eq!(yaml["expired"], true, "now is 2026-01-01");
    assert_eq!(yaml["employment_type"], "full-time");
    assert_eq!(yaml["remote"], "remote");
    assert_eq!(yaml["salary"]["min"], 90000.0);
    assert_eq!(yaml["salary"]["currency"], "EUR");
    assert_eq!(yaml["tags"], serde_json::json!(["go", "kubernetes"]));
    assert_eq!(yaml["apply"], "https://bluelabs.example/jobs/7");
    assert_eq!(yaml["inferred"], serde_json::json!([]));

    let toml = by_path(&records, "content/toml.md");
    assert_eq!(toml["company"], "Quartz Docs");
    assert_eq!(toml["remote"], "hybrid");
    assert_eq!(toml["salary"]["period"], "hour");
    assert_eq!(toml["apply"], "mailto:jobs@quartz.example");
    assert_eq!(toml["employment_type"], "part-time", "from the title");

    let rst = by_path(&records, "content/nested/rst.rst");
    assert_eq!(rst["title"], "Embedded Firmware Engineer");
    assert_eq!(rst["company"], "Iron Motors");
    assert_eq!(rst["location"], serde_json::json!(["Munich, Germany"]));

    let md = by_path(&records, "content/markdown.md");
    assert_eq!(md["company"], "Tidal Networks");
    assert_eq!(md["salary"]["max"], 170000.0);
    assert_eq!(md["apply"], "https://tidal.example/jobs/sre");

    let hn = by_path(&records, "content/hn.txt");
    assert_eq!(hn["company"], "Copper Bank");
    assert_eq!(hn["title"], "Security Engineer");
    assert_eq!(hn["remote"], "onsite");
    assert_eq!(hn["salary"]["currency"], "GBP");
    assert_eq!(hn["location"], serde_json::json!(["London, UK"]));

    let oneline = by_path(&records, "content/oneline.txt");
    assert_eq!(oneline["company"], "Velvet Games");

    let text = by_path(&records, "content/text.txt");
    assert_eq!(text["title"], "Bakery assistant wanted");
    assert_eq!(text["apply"], "mailto:bread@crumb.example");
    assert!(text["inferred"]
        .as_array()
        .unwrap()
        .contains(&"title".into()));
}

#[test]
fn bad_files_are_reported_and_the_rest_still_normalizes() {
    let out = inspect("broken", &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let records = records(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["title"], "Good");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "content/bad-yaml.md:4:1: the YAML front matter does not parse",
        "content/bad-toml.md:3:",
        "content/empty.md: the file is empty",
        "content/image.txt: this is a binary file",
    ] {
        assert!(stderr.contains(needle), "{needle} not in:\n{stderr}");
    }
}

#[test]
fn human_summary_and_single_files() {
    let out = inspect("formats", &["content/hn.txt"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("content/hn.txt [hn]"), "{text}");
    assert!(text.contains("Copper Bank"), "{text}");
    assert!(!text.contains("content/yaml.md"));
}

#[test]
fn the_summary_says_why_each_field_was_guessed() {
    let out = inspect("formats", &["content/text.txt", "content/toml.md"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for expected in [
        r#"  title       Bakery assistant wanted (guessed: line 1, "Bakery assistant wanted")"#,
        r#"  company     Crumb (guessed: line 3, "Early mornings, good bread. Send your CV to bread@crumb.example.")"#,
        r#"  apply       mailto:bread@crumb.example (guessed: line 3, "Early mornings, good bread. Send your CV to bread@crumb.example.")"#,
        // The TOML posting states its title; its type is read from the title.
        "  title       Part-time Technical Writer",
        r#"  type        part-time (guessed: line 2, "title = "Part-time Technical Writer"")"#,
    ] {
        assert!(lines.contains(&expected), "missing {expected:?} in\n{text}");
    }
    // `--json` keeps the record: `inferred` names, no evidence.
    let records = records(&inspect("formats", &["--json", "content/text.txt"]));
    assert_eq!(
        records[0]["inferred"],
        serde_json::json!(["title", "company", "apply"])
    );
    assert!(records[0].get("evidence").is_none());
}
