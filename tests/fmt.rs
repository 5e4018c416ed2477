//! `hireboard fmt` as an editor runs it on a board of postings in every
//! format: a diff that changes nothing, `--check` for CI, `--write` that
//! keeps every record and is idempotent, guesses marked for the editor.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Output;

use serde_json::Value;

fn run(root: &Path, args: &[&str]) -> Output {
    common::hireboard()
        .current_dir(root)
        .args(args)
        .args(["--now", common::NOW])
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A board of postings in every format: the format, shape and lifecycle
/// fixtures together, plus a Windows-1252 file and a mailing-list post.
fn board() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::site_dir("formats"), dir.path());
    let content = dir.path().join("content");
    for site in ["shapes", "lifecycle"] {
        common::copy_dir(&common::site_dir(site).join("content"), &content);
    }
    let mut cp1252 = b"---\ntitle: Caf".to_vec();
    cp1252.extend([0xe9]); // "é" in Windows-1252
    cp1252.extend(b" Manager\ncompany: Corner Roasters\ndate: 2025-03-01\n---\n\nRun the caf\xe9 and its two baristas.\n");
    fs::write(content.join("cp1252.md"), cp1252).unwrap();
    fs::write(
        content.join("mail.txt"),
        "From: jobs@tidepool.example\nDate: Tue, 4 Mar 2025 09:00:00 +0000\nSubject: [jobs] Aquarium Diver at Tidepool\n\nWe need a diver to clean the big tank twice a week.\nWrite to jobs@tidepool.example.\n",
    )
    .unwrap();
    dir
}

/// The records by the path of the file they end up in, without what says
/// how a file was read: its format, which fields were guessed (the rewrite
/// states them all, marked in comments) and the warnings about its shape
/// (mojibake repaired, a key unknown). Files that do not read are left out.
fn records(root: &Path) -> BTreeMap<String, Value> {
    let output = run(root, &["inspect", "--json"]);
    let records: Vec<Value> = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&output.stderr)));
    records
        .into_iter()
        .map(|mut record| {
            let path = canonical_name(record["source"]["path"].as_str().unwrap());
            let object = record.as_object_mut().unwrap();
            for reading in ["source", "inferred", "warnings"] {
                object.remove(reading);
            }
            (path, record)
        })
        .collect()
}

/// `fmt --write` on the board at `root` keeps every record that reads,
/// leaves every file that does not as it is, and a second run changes
/// nothing. Returns how many postings it checked.
fn assert_lossless_and_idempotent(root: &Path) -> usize {
    let before = records(root);
    let files = common::read_tree(root);
    let written = run(root, &["fmt", "--write"]);
    let stderr = text(&written.stderr);
    assert!(
        !stderr.contains("left as it is"),
        "{}: {stderr}",
        root.display()
    );
    assert_eq!(
        records(root),
        before,
        "{}: the same records",
        root.display()
    );
    let rewritten = common::read_tree(root);
    for (path, bytes) in &files {
        let read = before.contains_key(path) || before.contains_key(&canonical_name(path));
        if path.starts_with("content/") && !read {
            assert_eq!(
                rewritten.get(path),
                Some(bytes),
                "{path} does not read: kept"
            );
        }
    }
    let again = run(root, &["fmt", "--check"]);
    assert!(again.stdout.is_empty(), "{}", text(&again.stdout));
    let summary = text(&again.stderr);
    assert!(
        summary.lines().last().unwrap().starts_with("0 to rewrite"),
        "{summary}"
    );
    run(root, &["fmt", "--write"]);
    assert_eq!(
        common::read_tree(root),
        rewritten,
        "{}: idempotent",
        root.display()
    );
    before.len()
}

/// The name a file gets when its extension decides its format.
fn canonical_name(path: &str) -> String {
    let stem = path
        .strip_suffix(".rst")
        .or(path.strip_suffix(".html"))
        .or(path.strip_suffix(".json"));
    stem.map_or(path.to_string(), |s| format!("{s}.md"))
}

/// A board with `config` (or a minimal one) and the postings of `content`.
fn board_of(config: Option<&Path>, content: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    match config {
        Some(config) => fs::copy(config, dir.path().join("hireboard.yaml")).map(drop),
        None => fs::write(dir.path().join("hireboard.yaml"), "title: T\n"),
    }
    .unwrap();
    common::copy_dir(content, &dir.path().join("content"));
    dir
}

#[test]
fn every_fixture_posting_is_rewritten_losslessly_and_idempotently() {
    let repo = common::site_dir("");
    let mut boards = vec![
        board_of(Some(&repo.join("hireboard.yaml")), &repo.join("content")),
        board_of(None, &repo.join("tests/fixtures/seeds")),
    ];
    for site in fs::read_dir(repo.join("tests/sites")).unwrap() {
        let site = site.unwrap().path();
        boards.push(board_of(
            Some(&site.join("hireboard.yaml")),
            &site.join("content"),
        ));
    }
    let checked: usize = boards
        .iter()
        .map(|board| assert_lossless_and_idempotent(board.path()))
        .sum();
    assert!(checked >= 100, "{checked} postings");
}

/// A development check on a folder of real postings outside the project:
/// `HIREBOARD_CORPUS=path/to/postings cargo test --test fmt -- --ignored`.
#[test]
#[ignore = "needs HIREBOARD_CORPUS, a folder of postings outside the project"]
fn a_corpus_of_postings_is_rewritten_losslessly_and_idempotently() {
    let corpus = std::env::var_os("HIREBOARD_CORPUS").expect("HIREBOARD_CORPUS");
    let board = board_of(None, Path::new(&corpus));
    let checked = assert_lossless_and_idempotent(board.path());
    eprintln!("{checked} postings rewritten losslessly");
}

#[test]
fn check_then_write_keeps_every_record_and_is_idempotent() {
    let dir = board();
    let root = dir.path();
    let before = records(root);
    assert!(before.len() >= 18, "{} postings", before.len());
    let files = common::read_tree(root);

    let checked = run(root, &["fmt", "--check"]);
    assert_eq!(checked.status.code(), Some(1), "{}", text(&checked.stderr));
    assert_eq!(common::read_tree(root), files, "--check changes nothing");

    let written = run(root, &["fmt", "--write"]);
    assert!(written.status.success(), "{}", text(&written.stderr));
    assert_eq!(records(root), before, "the same records");
    let rewritten = common::read_tree(root);
    for (path, bytes) in rewritten.iter().filter(|(p, _)| p.starts_with("content/")) {
        assert!(bytes.starts_with(b"---\n"), "{path} has front matter");
        let read_by_extension = [".rst", ".html", ".json"].iter().any(|e| path.ends_with(e));
        assert!(!read_by_extension, "{path}");
    }
    // A file whose extension decides its format is written anew as `.md`.
    for (old, new) in [
        ("content/nested/rst.rst", "content/nested/rst.md"),
        (
            "content/lighthouse-keeper.html",
            "content/lighthouse-keeper.md",
        ),
        ("content/river-guide.json", "content/river-guide.md"),
    ] {
        assert!(
            !rewritten.contains_key(old) && rewritten.contains_key(new),
            "{old}"
        );
        assert!(text(&written.stdout).contains(&format!("rewrote {old} as {new}")));
    }
    let cafe = text(&rewritten["content/cp1252.md"]);
    assert!(cafe.contains("title: Café Manager") && cafe.contains("Run the café"));

    let again = run(root, &["fmt", "--check"]);
    assert!(again.status.success(), "{}", text(&again.stdout));
    assert!(again.stdout.is_empty(), "no diff");
    assert!(text(&again.stderr).starts_with("0 to rewrite"));
    let twice = run(root, &["fmt", "--write"]);
    assert!(twice.status.success());
    assert_eq!(common::read_tree(root), rewritten, "idempotent");
}

#[test]
fn the_diff_is_unified_and_changes_nothing() {
    let dir = board();
    let root = dir.path();
    let files = common::read_tree(root);
    let output = run(
        root,
        &["fmt", "content/nested/rst.rst", "content/oneline.txt"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(common::read_tree(root), files);
    let diff = text(&output.stdout);
    let lines: Vec<&str> = diff.lines().collect();
    assert_eq!(lines[0], "--- content/nested/rst.rst");
    assert_eq!(lines[1], "+++ content/nested/rst.md");
    assert!(lines[2].starts_with("@@ -1,"), "{}", lines[2]);
    assert!(lines.contains(&"+title: Embedded Firmware Engineer"));
    assert!(lines.contains(&"-:company: Iron Motors"));
    // reStructuredText becomes the HTML it renders to.
    assert!(diff.contains("\n+<h2>Requirements</h2>\n"), "{diff}");
    // A one-line post's paragraphs, split at each `\n`.
    assert!(lines.contains(&"--- content/oneline.txt"));
    // (A guess's mark quotes the file's own words, `\n` included.)
    assert!(!lines
        .iter()
        .any(|l| l.starts_with('+') && l.contains("\\n") && !l.contains("# guessed from")));
    assert_eq!(
        text(&output.stderr),
        "2 to rewrite, 0 already canonical, 0 left as they are\n"
    );
}

#[test]
fn guesses_are_marked_until_the_editor_confirms_them() {
    let dir = board();
    let root = dir.path();
    assert!(run(root, &["fmt", "--write", "content/text.txt"])
        .status
        .success());
    let path = root.join("content/text.txt");
    let written = fs::read_to_string(&path).unwrap();
    // Each mark says what gave the guess, so the editor can judge it.
    assert!(
        written.starts_with(
            "---\ntitle: Bakery assistant wanted  # guessed from \"Bakery assistant wanted\"\n"
        ),
        "{written}"
    );
    assert!(
        written.contains("\napply: mailto:bread@crumb.example  # guessed from \"Early mornings, good bread. Send your CV to bread@crumb.example.\"\n"),
        "{written}"
    );
    assert!(written
        .ends_with("---\n\nEarly mornings, good bread. Send your CV to bread@crumb.example.\n"));
    // The marks are the file's own now: a second run keeps them...
    let check = run(root, &["fmt", "--check", "content/text.txt"]);
    assert!(check.status.success(), "{}", text(&check.stdout));
    // ...and an editor who confirms a guess deletes its mark for good.
    let confirmed = written.replace(
        "wanted  # guessed from \"Bakery assistant wanted\"",
        "wanted",
    );
    fs::write(&path, &confirmed).unwrap();
    let check = run(root, &["fmt", "--check", "content/text.txt"]);
    assert!(check.status.success(), "{}", text(&check.stdout));
    assert_eq!(fs::read_to_string(&path).unwrap(), confirmed);
}

#[test]
fn markup_in_a_name_is_escaped_so_that_it_reads_back_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::copy_dir(&common::site_dir("board"), root);
    // Entities in its title that would read as tags once written out plainly.
    let before = records(root);
    let output = run(root, &["fmt", "--write", "content/hostile.md"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let written = fs::read_to_string(root.join("content/hostile.md")).unwrap();
    assert!(
        written.starts_with("---\ntitle: \\<\\/script\\>\\<script\\>alert\\(1\\)"),
        "{written}"
    );
    assert_eq!(records(root), before);
    assert_eq!(
        before["content/hostile.md"]["title"],
        "</script><script>alert(1)</script> Engineer --> <!--"
    );
}

#[test]
fn a_rewrite_that_would_replace_another_file_is_left_as_it_is() {
    let dir = board();
    let root = dir.path();
    let taken = root.join("content/nested/rst.md");
    fs::write(
        &taken,
        "---\ntitle: Another posting\n---\n\nIts own text.\n",
    )
    .unwrap();
    let files = common::read_tree(root);
    let output = run(root, &["fmt", "--write", "content/nested/rst.rst"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        common::read_tree(root),
        files,
        "nothing written, nothing left behind"
    );
    assert_eq!(
        text(&output.stderr),
        "error: content/nested/rst.rst: left as it is: content/nested/rst.md exists already; move it away to rewrite this file\n\
         0 rewritten, 0 already canonical, 1 left as they are\n"
    );
}

#[test]
fn printed_paths_and_values_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("hireboard.yaml"), "title: T\n").unwrap();
    fs::create_dir(root.join("content")).unwrap();
    fs::write(
        root.join("content/bell\u{7}.md"),
        "Title: Welder \u{1b}[31m\nCompany: Sparks\n\nJoin us.\n",
    )
    .unwrap();
    let output = run(root, &["fmt"]);
    let diff = text(&output.stdout);
    assert!(diff.starts_with("--- content/bell\\u{7}.md\n"), "{diff}");
    assert!(
        !diff.contains('\u{1b}') && !diff.contains('\u{7}'),
        "{diff}"
    );
}
