//! The normalizer on a board of postings written for this test, in every
//! shape and language the normalizer reads, scored field by field against
//! labels made by reading them (`tests/sites/normalizer/expected.json`, the
//! same conventions as the development corpus). The test prints each field's
//! accuracy and every miss, and fails when a field drops below its floor, so a
//! regression shows which field moved.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The accuracy each field must keep: the first honest run scored 91.7%
/// overall (title 39/46, company 44/48, location 37/45, remote 36/45,
/// employment type 36/39, tags 102/108, the rest all right). 50 postings in
/// shapes the board lacked (applicant-tracking pages, `@graph` and
/// `TELECOMMUTE` JSON-LD, odd, camel-case and German/French keys, nested
/// `apply`/`location` maps, a Jekyll file-name date, dash-separated HN lines,
/// list e-mails, French, German and Spanish ads, companies named only in
/// prose, forum tags and emoji in titles) came in three batches, after
/// which the whole board first scored 93.2%, 97.9% and 98.1%; these are the
/// counts after the fixes they led to. Raise a floor when a fix lifts its
/// field.
const FLOORS: &[(&str, f64)] = &[
    ("title", 94.0 / 95.0),
    ("company", 1.0),
    ("date", 1.0),
    ("location", 93.0 / 94.0),
    ("remote", 92.0 / 93.0),
    ("employment_type", 84.0 / 85.0),
    ("salary", 1.0),
    ("apply", 1.0),
    ("tags", 214.0 / 215.0),
];

fn board() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/sites/normalizer"
    ))
}

fn records() -> BTreeMap<String, Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_hireboard"))
        .current_dir(board())
        .args(["inspect", "--json", "--now", "2026-01-01"])
        .env("GIT_DIR", "/nonexistent/hireboard-tests-use-no-history")
        .output()
        .unwrap();
    let records: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    records
        .into_iter()
        .map(|r| {
            let path = r["source"]["path"].as_str().unwrap();
            let file = path.rsplit('/').next().unwrap().to_string();
            (file, r)
        })
        .collect()
}

/// Case, surrounding punctuation and runs of white space do not count.
fn normalized(text: &str) -> String {
    let lower = text.to_lowercase();
    let collapsed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_matches(|c: char| " .,;:!-–—".contains(c))
        .to_string()
}

/// A company compares without a trailing legal form ("GmbH", "Inc.").
fn company_name(text: &str) -> String {
    const LEGAL_FORMS: &[&str] = &[
        "inc", "ltd", "llc", "gmbh", "sa", "sas", "ag", "bv", "corp", "co", "plc", "pty",
    ];
    let name = normalized(text);
    let stem = name.trim_end_matches('.');
    let without = LEGAL_FORMS.iter().find_map(|form| {
        stem.strip_suffix(form)
            .filter(|rest| rest.is_empty() || rest.ends_with([' ', ',']))
    });
    without
        .unwrap_or(&name)
        .trim_end_matches([' ', ',', '.'])
        .to_string()
}

fn same_salary(want: &Value, got: &Value) -> bool {
    if want.is_null() || got.is_null() {
        return want.is_null() && got.is_null();
    }
    let close = |key: &str| {
        let (w, g) = (want[key].as_f64().unwrap(), got[key].as_f64());
        g.is_some_and(|g| (g - w).abs() <= 0.01 * w + 1.0)
    };
    close("min")
        && close("max")
        && want["currency"] == got["currency"]
        && want["period"] == got["period"]
}

fn url_key(url: &str) -> String {
    url.trim().trim_end_matches('/').to_lowercase()
}

/// Every check of one label against its record: (field, passed, expected, got).
fn checks(
    label: &serde_json::Map<String, Value>,
    record: &Value,
) -> Vec<(String, bool, String, String)> {
    let mut checks = Vec::new();
    for (key, want) in label {
        let got = |field: &str| record[field].clone();
        let (field, passed, got) = match key.as_str() {
            "file" => continue,
            "title" => {
                let got = got("title");
                let passed = got.as_str().map(normalized) == want.as_str().map(normalized);
                ("title", passed, got)
            }
            "company" => {
                let got = got("company");
                let passed = got.as_str().map(company_name) == want.as_str().map(company_name);
                ("company", passed, got)
            }
            "date" => {
                let got = got("date");
                let passed = got
                    .as_str()
                    .zip(want.as_str())
                    .is_some_and(|(g, w)| g.starts_with(w));
                ("date", passed, got)
            }
            "remote" | "employment_type" => (key.as_str(), got(key) == *want, got(key)),
            "salary" => {
                let got = got("salary");
                ("salary", same_salary(want, &got), got)
            }
            "apply" => {
                let got = got("apply");
                let passed = got.as_str().map(url_key) == want.as_str().map(url_key);
                ("apply", passed, got)
            }
            "location_contains" => {
                let places: Vec<&str> = record["location"]
                    .as_array()
                    .map(|l| l.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let passed =
                    normalized(&places.join(" | ")).contains(&normalized(want.as_str().unwrap()));
                ("location", passed, record["location"].clone())
            }
            "tags_include" => {
                let tags = &record["tags"];
                for tag in want.as_array().unwrap() {
                    let passed = tags.as_array().is_some_and(|t| t.contains(tag));
                    checks.push(("tags".into(), passed, tag.to_string(), tags.to_string()));
                }
                continue;
            }
            other => panic!("{}: unknown label key {other}", label["file"]),
        };
        checks.push((field.into(), passed, want.to_string(), got.to_string()));
    }
    checks
}

#[test]
fn fixture_postings_read_as_their_authors_meant() {
    let labels: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(board().join("expected.json")).unwrap())
            .unwrap();
    assert!(
        labels.len() >= 40,
        "the board keeps at least 40 labelled postings"
    );
    let records = records();
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for label in &labels {
        let label = label.as_object().unwrap();
        let file = label["file"].as_str().unwrap();
        let record = records
            .get(file)
            .unwrap_or_else(|| panic!("{file}: no record"));
        for (field, passed, want, got) in checks(label, record) {
            let count = tally.entry(field.clone()).or_default();
            count.1 += 1;
            if passed {
                count.0 += 1;
            } else {
                misses.push(format!("{file}: {field}: expected {want}, got {got}"));
            }
        }
    }
    let (ok, total) = tally
        .values()
        .fold((0, 0), |(o, t), (ok, tot)| (o + ok, t + tot));
    println!("per field:");
    for (field, (ok, total)) in &tally {
        println!(
            "  {field:16} {ok:3}/{total:<3} {:6.1}%",
            100.0 * *ok as f64 / *total as f64
        );
    }
    println!(
        "overall: {ok}/{total} = {:.1}%",
        100.0 * ok as f64 / total as f64
    );
    println!("misses ({}):", misses.len());
    for miss in &misses {
        println!("  {miss}");
    }
    let below: Vec<String> = FLOORS
        .iter()
        .filter_map(|&(field, floor)| {
            let (ok, total) = tally
                .get(field)
                .copied()
                .unwrap_or_else(|| panic!("no label scores {field}"));
            let accuracy = ok as f64 / total as f64;
            (accuracy + 1e-9 < floor)
                .then(|| format!("{field}: {:.1}% < {:.1}%", 100.0 * accuracy, 100.0 * floor))
        })
        .collect();
    assert!(
        below.is_empty(),
        "fields below their floor: {below:?} (misses above)"
    );
}
