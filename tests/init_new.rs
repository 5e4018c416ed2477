//! `hireboard init` and `hireboard new` as a new editor runs them: a board
//! that builds and checks clean at once, a workflow that deploys it, and a
//! posting file that reads back as written.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> Output {
    common::hireboard()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// `hireboard inspect --json` of the board at `root`.
fn records(root: &Path) -> Vec<Value> {
    let output = run(root, &["inspect", "--json", "--now", common::NOW]);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn new_board() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("board");
    let output = run(dir.path(), &["init", "board"]);
    assert!(output.status.success(), "{}", stderr(&output));
    (dir, board)
}

#[test]
fn init_makes_a_board_that_builds_and_checks_clean() {
    let (_dir, board) = new_board();
    for file in [
        "hireboard.yaml",
        ".gitignore",
        "README.md",
        ".github/workflows/deploy.yml",
    ] {
        assert!(board.join(file).is_file(), "{file}");
    }
    let config = fs::read_to_string(board.join("hireboard.yaml")).unwrap();
    assert!(
        config.lines().filter(|l| l.starts_with('#')).count() >= 8,
        "commented"
    );
    assert!(fs::read_to_string(board.join(".gitignore"))
        .unwrap()
        .contains("/public/"));

    // Three examples in three formats, dated the day of `init` so they are open.
    let records = records(&board);
    let mut formats: Vec<&str> = records
        .iter()
        .map(|r| r["source"]["format"].as_str().unwrap())
        .collect();
    formats.sort();
    assert_eq!(formats, ["hn", "toml", "yaml"]);
    for r in &records {
        assert_eq!(r["status"], "published", "{}", r["title"]);
        assert_eq!(r["warnings"], Value::Array(vec![]), "{}", r["title"]);
    }

    let out = board.join("public");
    let built = common::build_ok(&board, &out, &[]);
    assert!(
        stderr(&built).contains("built 3 postings (0 closed)")
            && stderr(&built).contains("; 0 warnings, 0 errors"),
        "{}",
        stderr(&built)
    );
    assert!(out
        .join("jobs/example-corp-backend-engineer/index.html")
        .is_file());
    let check = run(&board, &["check", "--strict", "--now", common::NOW]);
    // Only the undated example says so: a new board is not in git yet.
    assert_eq!(
        stdout(&check),
        "warning[no-date-posted]: no date: Google's job search is given the day of each build as its datePosted, and it never expires
 --> content/example-data-analyst.txt
 = help: add `date:` (or commit the file: in git, the date it was added counts)

"
    );
}

/// The workflow `init` wrote, parsed.
fn read_workflow(board: &Path) -> serde_yaml::Value {
    let text = fs::read_to_string(board.join(".github/workflows/deploy.yml")).unwrap();
    serde_yaml::from_str(&text).expect("the workflow is YAML")
}

/// The build job's step that uses `action`, or runs a line starting with it.
fn step<'a>(workflow: &'a serde_yaml::Value, action: &str) -> &'a serde_yaml::Value {
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    steps
        .iter()
        .find(|s| {
            s["uses"].as_str().is_some_and(|u| u.starts_with(action))
                || s["run"].as_str().is_some_and(|r| r.contains(action))
        })
        .unwrap_or_else(|| panic!("no {action} step"))
}

#[test]
fn the_workflow_builds_for_the_pages_address_and_publishes_public() {
    let (_dir, board) = new_board();
    let workflow = read_workflow(&board);
    // Full history, for the dates of undated postings.
    assert_eq!(
        step(&workflow, "actions/checkout")["with"]["fetch-depth"],
        0
    );
    assert_eq!(step(&workflow, "actions/configure-pages")["id"], "pages");
    step(&workflow, "cargo install --locked --git \"$HIREBOARD_GIT\"");
    assert_eq!(
        step(&workflow, "hireboard build")["run"],
        r#"hireboard build --base-url "${{ steps.pages.outputs.base_url }}/""#
    );
    assert_eq!(
        step(&workflow, "actions/upload-pages-artifact")["with"]["path"],
        "public"
    );
    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert_eq!(deploy["steps"][0]["uses"], "actions/deploy-pages@v4");
    assert_eq!(workflow["permissions"]["pages"], "write");
    assert_eq!(workflow["permissions"]["id-token"], "write");
    // A daily build publishes scheduled postings and closes old ones.
    assert!(workflow["on"]["schedule"][0]["cron"].is_string());
    // By default it builds hireboard from the repository the crate names.
    assert_eq!(
        workflow["env"]["HIREBOARD_GIT"],
        env!("CARGO_PKG_REPOSITORY")
    );
    assert_eq!(workflow["env"]["HIREBOARD_REV"], "");
}

/// Runs the workflow's install step as the runner would, with a `cargo`
/// that prints its arguments, one a line.
fn install(workflow: &serde_yaml::Value, rev: &str) -> Output {
    let script = step(workflow, "cargo install")["run"].as_str().unwrap();
    let bin = tempfile::tempdir().unwrap();
    let cargo = bin.path().join("cargo");
    fs::write(&cargo, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n").unwrap();
    fs::set_permissions(&cargo, fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap()
    );
    std::process::Command::new("bash")
        .args(["-e", "-c", script])
        .env("PATH", path)
        .env(
            "HIREBOARD_GIT",
            workflow["env"]["HIREBOARD_GIT"].as_str().unwrap(),
        )
        .env("HIREBOARD_REV", rev)
        .output()
        .unwrap()
}

#[test]
fn the_workflow_installs_hireboard_from_the_repository_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("board");
    let url = "https://git.example.org/jobs/hireboard.git";
    let output = run(dir.path(), &["init", "board", "--hireboard-git", url]);
    assert!(output.status.success(), "{}", stderr(&output));
    let workflow = read_workflow(&board);
    assert_eq!(workflow["env"]["HIREBOARD_GIT"], url);
    let latest = install(&workflow, "");
    assert_eq!(
        stdout(&latest),
        format!("install\n--locked\n--git\n{url}\nhireboard\n")
    );
    let pinned = install(&workflow, "v0.1.0");
    assert_eq!(
        stdout(&pinned),
        format!("install\n--locked\n--git\n{url}\n--rev\nv0.1.0\nhireboard\n")
    );

    // Without a repository the step stops and says what to set.
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["init", "board", "--hireboard-git", ""]);
    assert!(
        stderr(&output).contains("set HIREBOARD_GIT"),
        "{}",
        stderr(&output)
    );
    let unset = install(&read_workflow(&dir.path().join("board")), "");
    assert_eq!(unset.status.code(), Some(1));
    assert!(stdout(&unset).starts_with("::error::set HIREBOARD_GIT"));

    // An address that could break out of the YAML or the shell line is refused.
    let dir = tempfile::tempdir().unwrap();
    for bad in [
        "https://x.example/a b",
        "https://x.example/\"$(id)\"",
        "file:///tmp/repo",
    ] {
        let output = run(dir.path(), &["init", "board", "--hireboard-git", bad]);
        assert!(!output.status.success(), "{bad}");
        assert!(!dir.path().join("board").exists(), "{bad}");
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let output = run(dir.path(), &["init"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("is not empty"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn new_writes_a_posting_that_reads_back_as_given() {
    let (_dir, board) = new_board();
    let output = run(
        &board,
        &[
            "new",
            "Site Reliability Engineer: \"on call\" #2",
            "--company",
            "Tern Systems",
            "--location",
            "Oslo, Norway",
            "--location",
            "Remote (EU)",
            "--remote",
            "hybrid",
            "--apply",
            "jobs@tern.example",
            "--now",
            "2025-03-09T12:00:00Z",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let path = stdout(&output).trim().to_string();
    assert!(
        path.ends_with("content/tern-systems-site-reliability-engineer-on-call-2.md"),
        "{path}"
    );
    let text = fs::read_to_string(board.join(&path)).unwrap();
    assert!(text.starts_with("---\ntitle: "), "{text}");

    let records = records(&board);
    let r = records
        .iter()
        .find(|r| r["company"] == "Tern Systems")
        .expect("the new posting");
    assert_eq!(r["title"], "Site Reliability Engineer: \"on call\" #2");
    assert_eq!(r["date"], "2025-03-09T00:00:00+00:00");
    assert_eq!(
        r["location"],
        serde_json::json!(["Oslo, Norway", "Remote (EU)"])
    );
    assert_eq!(r["remote"], "hybrid");
    assert_eq!(r["apply"], "mailto:jobs@tern.example");
    assert_eq!(r["status"], "published");
    // Everything given is stated; only the skill the title names is guessed.
    assert_eq!(r["tags"], serde_json::json!(["sre"]));
    assert_eq!(r["inferred"], serde_json::json!(["tags"]));
    assert_eq!(r["warnings"], serde_json::json!([]));

    // Never over an existing posting.
    let again = run(
        &board,
        &[
            "new",
            "Site Reliability Engineer: \"on call\" #2",
            "--company",
            "Tern Systems",
        ],
    );
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("exists already"),
        "{}",
        stderr(&again)
    );
    assert_eq!(fs::read_to_string(board.join(&path)).unwrap(), text);
}

#[test]
fn new_writes_drafts_and_refuses_unsafe_links() {
    let (_dir, board) = new_board();
    let output = run(
        &board,
        &[
            "new",
            "Kiln Operator",
            "--company",
            "Oriel Works",
            "--draft",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let records = records(&board);
    let draft = records
        .iter()
        .find(|r| r["title"] == "Kiln Operator")
        .unwrap();
    assert_eq!(draft["status"], "draft");

    let refused = run(
        &board,
        &[
            "new",
            "Glazer",
            "--company",
            "Oriel Works",
            "--apply",
            "javascript:alert(1)",
        ],
    );
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("refused"), "{}", stderr(&refused));
    assert!(!board.join("content/oriel-works-glazer.md").exists());
}

#[test]
fn new_keeps_markup_in_a_name_as_text() {
    let (_dir, board) = new_board();
    let title = "C++ <Embedded> Engineer *senior*";
    let output = run(&board, &["new", title, "--company", "R&D [Labs]"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let records = records(&board);
    let r = records
        .iter()
        .find(|r| r["company"] == "R&D [Labs]")
        .expect("the new posting, its company as given");
    assert_eq!(r["title"], title);
    // Plain names stay plain.
    run(&board, &["new", "R&D Engineer", "--company", "Acme"]);
    let plain = fs::read_to_string(board.join("content/acme-r-d-engineer.md")).unwrap();
    assert!(
        plain.starts_with("---\ntitle: R&D Engineer\ncompany: Acme\n"),
        "{plain}"
    );
}
