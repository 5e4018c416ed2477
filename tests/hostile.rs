//! Postings from strangers and careless contributors, run as a user runs
//! hireboard: links out of `content/`, postings built to blow up the
//! output, huge files, terminal escapes, odd encodings, and output folders
//! holding files hireboard did not write.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A site in a temp folder: `hireboard.yaml` and `content/` with `postings`.
fn site(postings: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(
        root.join("hireboard.yaml"),
        "title: Hostile\nbase_url: https://jobs.example.com/\ntimezone: UTC\n",
    )
    .unwrap();
    for (path, bytes) in postings {
        let path = root.join("content").join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    (dir, root)
}

const POSTING: &[u8] =
    b"---\ntitle: Rust Engineer\ncompany: Acme\napply: https://acme.example/jobs\n---\nWrite Rust.\n";

/// `hireboard <args>` in `root`, killed (and the test failed) after `limit`.
fn run_within(root: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = common::hireboard()
        .current_dir(root)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("hireboard {args:?} ran over {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn run(root: &Path, args: &[&str]) -> Output {
    run_within(root, args, Duration::from_secs(60))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file of a folder whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    common::read_tree(dir)
        .into_iter()
        .filter(|(_, bytes)| text(bytes).contains(needle))
        .map(|(path, _)| path)
        .collect()
}

#[cfg(unix)]
#[test]
fn links_out_of_content_publish_nothing() {
    use std::os::unix::fs::symlink;
    let (_dir, root) = site(&[("real.md", POSTING)]);
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::write(
        root.join(".git/config"),
        "[remote \"origin\"]\n\turl = https://x:TOKEN-SECRET-1@git.example/x\n",
    )
    .unwrap();
    fs::write(root.join(".env"), "API_KEY=ENV-SECRET-2\n").unwrap();
    symlink("../.git/config", root.join("content/config.md")).unwrap();
    symlink("../.env", root.join("content/env.txt")).unwrap();

    let out = root.join("public");
    let build = run(&root, &["build", "--now", common::NOW]);
    let stderr = text(&build.stderr);
    assert_eq!(build.status.code(), Some(1), "{stderr}");
    for secret in ["TOKEN-SECRET-1", "ENV-SECRET-2"] {
        assert_eq!(files_containing(&out, secret), Vec::<String>::new());
    }
    assert!(out.join("jobs/acme-rust-engineer/index.html").is_file());
    for (link, target) in [
        ("content/config.md", ".git/config"),
        ("content/env.txt", ".env"),
    ] {
        assert!(
            stderr.lines().any(|l| l
                .starts_with(&format!("error: {link}: symlink pointing outside content/"))
                && l.contains(target)),
            "{link}: {stderr}"
        );
    }
    let check = run(&root, &["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        text(&check.stdout)
            .lines()
            .collect::<Vec<_>>()
            .windows(2)
            .any(|pair| pair[0]
                .starts_with("error[content-walk]: symlink pointing outside content/ (to ")
                && pair[1] == " --> content/config.md"),
        "{}",
        text(&check.stdout)
    );
}

#[cfg(unix)]
#[test]
fn a_folder_link_to_the_root_of_the_disk_is_not_walked() {
    let (_dir, root) = site(&[("real.md", POSTING)]);
    std::os::unix::fs::symlink("/", root.join("content/disk")).unwrap();
    for args in [&["check"][..], &["build", "--now", common::NOW]] {
        let output = run_within(&root, args, Duration::from_secs(20));
        let shown = format!("{}{}", text(&output.stdout), text(&output.stderr));
        assert!(
            shown.contains("error[content-walk]: symlink pointing outside content/ (to /): not followed\n --> content/disk\n")
                || shown.contains("error: content/disk: symlink pointing outside content/ (to /)"),
            "{args:?}: {shown}"
        );
    }
}

/// A posting whose front matter lists `tags`.
fn posting_with_tags(tags: impl Iterator<Item = String>) -> Vec<u8> {
    let list: Vec<String> = tags.collect();
    format!(
        "---\ntitle: Everything Engineer\ncompany: Acme\napply: https://acme.example/\ntags: [{}]\n---\nWe use it all.\n",
        list.join(", ")
    )
    .into_bytes()
}

#[test]
fn three_thousand_tags_make_a_small_site() {
    let tags = posting_with_tags((0..3000).map(|i| format!("skill{i}")));
    let others: Vec<(String, Vec<u8>)> = (0..5)
        .map(|i| {
            (
                format!("other{i}.md"),
                posting_with_tags((0..3000).map(move |t| format!("s{i}x{t}"))),
            )
        })
        .collect();
    let mut postings: Vec<(&str, &[u8])> = vec![("all.md", &tags)];
    postings.extend(others.iter().map(|(p, b)| (p.as_str(), b.as_slice())));
    let (_dir, root) = site(&postings);
    let build = run(&root, &["build", "--now", common::NOW]);
    let stderr = text(&build.stderr);
    assert!(build.status.success(), "{stderr}");
    let out = common::read_tree(&root.join("public"));
    let tag_pages = out
        .keys()
        .filter(|p| p.starts_with("tags/") && p.ends_with("/index.html"))
        .count();
    // 6 postings of at most 50 tags each, plus the tags index.
    assert!(tag_pages <= 6 * 50 + 1, "{tag_pages} tag pages");
    let bytes: usize = out.values().map(Vec::len).sum();
    assert!(bytes < 40_000_000, "{bytes} bytes of output");
    let check = run(&root, &["check"]);
    assert!(
        text(&check.stdout)
            .contains("warning[too-many-tags]: 3000 tags; only the first 50 (A-Z) are kept\n --> content/all.md\n"),
        "{}",
        text(&check.stdout)
    );
}

#[test]
fn names_of_300_bytes_build_and_are_cut_between_words() {
    let long = |word: &str| vec![word; 50].join(" ");
    let posting = format!(
        "---\ntitle: {}\ncompany: {}\nslug: {}\ntags: [{}]\napply: https://acme.example/\n---\nBody.\n",
        long("engineer"),
        long("acme"),
        long("role"),
        "x".repeat(300)
    );
    let plain = format!(
        "---\ntitle: {}\ncompany: {}\napply: https://acme.example/\n---\nBody.\n",
        long("designer"),
        long("globex")
    );
    let (_dir, root) = site(&[
        ("long.md", posting.as_bytes()),
        ("plain.md", plain.as_bytes()),
    ]);
    let build = run(&root, &["build", "--now", common::NOW]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let out = root.join("public");
    for path in common::read_tree(&out).keys() {
        for segment in path.split('/') {
            assert!(segment.len() <= 100, "{path}");
        }
    }
    let role = "role-".repeat(16);
    assert!(out
        .join(format!("jobs/{}/index.html", role.trim_end_matches('-')))
        .is_file());
    let check = run(&root, &["check"]);
    assert!(check.status.success());
    assert!(
        text(&check.stdout).contains("warning[slug-too-long]: the slug is over 80 characters"),
        "{}",
        text(&check.stdout)
    );
}

#[test]
fn a_sparse_gigabyte_file_is_refused_without_reading_it() {
    let (_dir, root) = site(&[("real.md", POSTING)]);
    let huge = fs::File::create(root.join("content/huge.md")).unwrap();
    huge.set_len(1 << 30).unwrap();
    drop(huge);
    let hireboard = env!("CARGO_BIN_EXE_hireboard");
    // Reading the file whole would need 1 GiB; 600 MiB of address space is plenty otherwise.
    let output = Command::new("sh")
        .current_dir(&root)
        .arg("-c")
        .arg(format!("ulimit -v 614400; exec '{hireboard}' check"))
        .output()
        .unwrap();
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}{}",
        text(&output.stderr)
    );
    assert!(
        stdout.contains(
            "error[file-too-big]: the file is 1024 MiB; postings over 5 MiB are refused: split it or move it out of content/\n --> content/huge.md\n"
        ),
        "{stdout}"
    );
}

#[test]
fn force_writes_into_a_folder_and_deletes_nothing() {
    let (dir, root) = site(&[("real.md", POSTING)]);
    let home = dir.path().join("home");
    fs::create_dir_all(home.join(".ssh")).unwrap();
    fs::write(home.join(".ssh/id_ed25519"), "PRIVATE KEY").unwrap();
    fs::create_dir_all(home.join(".git")).unwrap();
    fs::write(home.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    let before = common::read_tree(&home);
    let home_arg = home.to_str().unwrap();
    let refused = run(&root, &["build", "-o", home_arg, "--now", common::NOW]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert!(
        common::read_tree(&home) == before,
        "a refused build changed the folder"
    );

    let forced = run(
        &root,
        &["build", "--force", "-o", home_arg, "--now", common::NOW],
    );
    let stderr = text(&forced.stderr);
    assert!(forced.status.success(), "{stderr}");
    assert!(
        stderr.contains("kept 2 files hireboard did not write: .git/, .ssh/"),
        "{stderr}"
    );
    assert!(home.join("index.html").is_file());
    // Again, now that the folder has a manifest: still nothing of the user's goes.
    fs::remove_file(root.join("content/real.md")).unwrap();
    let again = run(&root, &["build", "-o", home_arg, "--now", common::NOW]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        !home.join("jobs").exists(),
        "hireboard's own stale pages go"
    );
    let after = common::read_tree(&home);
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{path}");
    }
}

#[test]
fn an_empty_marker_is_not_ownership() {
    let (_dir, root) = site(&[("real.md", POSTING)]);
    let out = root.join("public");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join(".hireboard-output"), "").unwrap();
    fs::write(out.join("draft.html"), "the user's").unwrap();
    let build = run(&root, &["build", "--now", common::NOW]);
    let stderr = text(&build.stderr);
    assert_eq!(build.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(
        fs::read_to_string(out.join("draft.html")).unwrap(),
        "the user's"
    );
    assert!(!out.join("index.html").exists());
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let posting = b"---\ntitle: \"Engineer\\e]0;owned\\a\\ec\"\ncompany: Acme\nsalary: \"lots\\r\\ncontent/x.md:1: error: forged 9\"\n---\nBody.\n";
    let (_dir, root) = site(&[
        ("evil\x1b[31m\x07\r.md", posting.as_slice()),
        ("bad\x1b.md", b"---\nx: [\n---\n"),
    ]);
    for args in [
        &["check"][..],
        &["inspect"],
        &["build", "--now", common::NOW],
    ] {
        let output = run(&root, args);
        let shown = format!("{}{}", text(&output.stdout), text(&output.stderr));
        assert!(
            !shown.contains(['\x1b', '\x07', '\r']),
            "{args:?} printed a control character: {shown:?}"
        );
        // build prints errors only; check and inspect name every posting.
        if args[0] != "build" {
            assert!(
                shown.contains("evil\\u{1b}[31m\\u{7}\\u{d}.md"),
                "{args:?}: {shown}"
            );
        }
        assert!(shown.contains("bad\\u{1b}.md"), "{args:?}: {shown}");
        assert!(
            !shown
                .lines()
                .any(|l| l.starts_with("content/x.md:1: error")),
            "{args:?}: {shown}"
        );
    }
    let inspect = text(&run(&root, &["inspect"]).stdout);
    assert!(
        inspect.contains("Engineer\\u{1b}]0;owned\\u{7}\\u{1b}c"),
        "{inspect}"
    );
}

#[test]
fn utf16_postings_with_a_bom_are_read() {
    let text_of = "---\ntitle: Ingénieur Rust\ncompany: Acme\napply: https://acme.example/\n---\nÉcrire du Rust à Zürich.\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text_of.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text_of.encode_utf16().flat_map(u16::to_be_bytes));
    let no_bom: Vec<u8> = text_of.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let (_dir, root) = site(&[("le.md", &le), ("be.md", &be), ("nobom.md", &no_bom)]);
    let output = run(&root, &["inspect", "--json"]);
    let records: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(records.len(), 2, "{}", text(&output.stderr));
    for record in &records {
        assert_eq!(record["title"], "Ingénieur Rust", "{record}");
        assert_eq!(record["company"], "Acme");
        // Read as UTF-16: no warning about the encoding.
        let warnings = record["warnings"].to_string();
        assert!(
            !warnings.contains("UTF") && !warnings.contains("1252"),
            "{record}"
        );
    }
    assert!(
        text(&output.stderr)
            .contains("content/nobom.md: this looks like UTF-16 text without a byte order mark"),
        "{}",
        text(&output.stderr)
    );
}
