//! `hireboard check` run as an editor or CI runs it, on the fixture board
//! `tests/sites/check/` (one posting per kind of problem, one clean one).

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

fn check(root: &Path, extra: &[&str]) -> Output {
    common::hireboard()
        .current_dir(root)
        .args(["check", "--now", common::NOW])
        .args(extra)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn json_report(root: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let output = check(root, &[&["--format", "json"], extra].concat());
    serde_json::from_slice(&output.stdout).expect("--format json prints a JSON array")
}

#[test]
fn json_lists_each_problem_once_with_its_code() {
    let report = json_report(&common::site_dir("check"), &[]);
    let found: Vec<(&str, &str)> = report
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("content/bad-apply.md", "apply-link-refused"),
            ("content/bad-yaml.md", "parse-error"),
            ("content/dead-link.md", "dead-internal-link"),
            ("content/dup-b.md", "duplicate-slug"),
            ("content/not-an-ad.txt", "no-date-posted"),
            ("content/not-an-ad.txt", "no-location"),
            ("content/not-an-ad.txt", "not-a-job-ad"),
            ("content/nowhere.md", "no-location"),
            ("content/remote.md", "remote-without-country"),
            ("content/soon.md", "expires-soon"),
            ("content/typo.md", "unknown-key"),
            ("content/undated.md", "no-date-posted"),
        ]
    );
    for d in &report {
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["path", "line", "column", "severity", "code", "message", "help"]
        );
    }
    let by_code = |code: &str| report.iter().find(|d| d["code"] == code).unwrap();
    let typo = by_code("unknown-key");
    assert_eq!(typo["line"], 3);
    assert_eq!(typo["severity"], "warning");
    assert_eq!(typo["help"], "did you mean `company`?");
    let parse = by_code("parse-error");
    assert_eq!(parse["severity"], "error");
    assert!(parse["line"].is_u64(), "{parse}");
    let duplicate = by_code("duplicate-slug");
    assert!(
        duplicate["message"]
            .as_str()
            .unwrap()
            .contains("`tidewater-support-engineer` is used by another posting; this one is `tidewater-support-engineer-2`"),
        "{duplicate}"
    );
    assert_eq!(
        by_code("expires-soon")["message"],
        "expires on 2025-03-14, in 4 day(s)"
    );
    assert!(by_code("dead-internal-link")["message"]
        .as_str()
        .unwrap()
        .contains("/jobs/no-such-posting/"));
}

#[test]
fn human_output_shows_the_line_marked_and_the_suggestion() {
    let output = check(&common::site_dir("check"), &[]);
    assert_eq!(output.status.code(), Some(1), "a file does not parse");
    let stdout = text(&output.stdout);
    let typo = "warning[unknown-key]: unknown key `compnay` ignored
 --> content/typo.md:3:1
  |
3 | compnay: Lumen Labs
  | -------------------
  |
  = help: did you mean `company`?
";
    assert!(stdout.contains(typo), "{stdout}");
    assert!(
        stdout.contains(
            "warning[remote-without-country]: fully remote with no country: Google's job search needs the countries applicants may live in\n --> content/remote.md\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("error[parse-error]: "), "{stdout}");
    assert!(
        text(&output.stderr)
            .ends_with("checked 12 files: 1 errors, 11 warnings; 2 of 11 postings clean\n"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn warnings_fail_only_with_strict() {
    let root = common::site_dir("check");
    let clean = check(&root, &["content/clean.md"]);
    assert!(clean.status.success());
    assert_eq!(text(&clean.stdout), "");
    assert!(text(&clean.stderr).contains("1 of 1 postings clean"));
    assert!(check(&root, &["content/typo.md"]).status.success());
    let strict = check(&root, &["--strict", "content/typo.md"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(text(&strict.stderr).contains("0 of 1 postings clean"));
}

#[test]
fn a_broken_template_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("board");
    common::copy_dir(&common::site_dir("check"), &root);
    fs::remove_file(root.join("content/bad-yaml.md")).unwrap();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/posting.html"),
        "<h1>{{ posting.title }}</h1>\n{% if %}\n",
    )
    .unwrap();
    let report = json_report(&root, &[]);
    let errors: Vec<&serde_json::Value> =
        report.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{report:?}");
    assert_eq!(errors[0]["code"], "template-error");
    assert_eq!(errors[0]["path"], "templates/posting.html");
    assert_eq!(errors[0]["line"], 2);
    assert_eq!(check(&root, &[]).status.code(), Some(1));
}

#[test]
fn a_reader_that_stops_early_gets_no_error_message() {
    let mut child = common::hireboard()
        .current_dir(common::site_dir("check"))
        .args(["check", "--now", common::NOW, "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Like `check --format json | head -0`: the pipe closes before the report is written.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(
        !text(&output.stderr).contains("cannot write the report"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(1), "the board has errors");
}
