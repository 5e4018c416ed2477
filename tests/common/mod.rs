//! Helpers shared by the integration tests; a test file takes them with
//! `mod common;`.
//!
//! - Running hireboard: [`hireboard`] (the built binary), [`build`],
//!   [`site_dir`] (a fixture under `tests/sites/`), [`copy_dir`] (a fixture
//!   into a tempdir to edit), [`read_tree`] (a folder's files by path).
//! - Checking output: [`xml::check_xml`], [`links::broken_links`] (also used
//!   by the render unit tests).
//! - Browsers, in [`browser`]: [`browser::free_port`],
//!   [`browser::StaticServer`] (serves a folder on 127.0.0.1),
//!   [`browser::with_browser`] (headless Chromium through chromedriver,
//!   closed and killed however the test ends), [`browser::run_axe`].

#![allow(dead_code)] // every test file uses a different part

pub mod browser;
pub mod links;
pub mod xml;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `--now` of test builds: decides which fixture postings are closed.
pub const NOW: &str = "2025-03-10T00:00:00Z";

/// The hireboard binary Cargo built for these tests, with a fixed
/// `SOURCE_DATE_EPOCH` so nothing depends on the clock, and no git history
/// (undated fixture postings would take the repository's commit dates).
pub fn hireboard() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hireboard"));
    command.env("SOURCE_DATE_EPOCH", "1741564800");
    command.env("GIT_DIR", NO_GIT);
    command
}

/// A `GIT_DIR` that is no repository: git finds no history.
pub const NO_GIT: &str = "/nonexistent/hireboard-tests-use-no-history";

/// The `--now` of demo board builds (its postings are from late 2026).
pub const DEMO_NOW: &str = "2026-11-23T00:00:00Z";

/// `hireboard build --root <root> --output-dir <out> <extra>`, with
/// `--now NOW` unless `extra` has a `--now`.
pub fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut command = hireboard();
    command
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output-dir")
        .arg(out)
        .args(extra);
    if !extra.contains(&"--now") {
        command.args(["--now", NOW]);
    }
    command.output().expect("run hireboard")
}

/// The demo board (the repository's content/) built into `out`.
pub fn build_demo(out: &Path) {
    build_ok(&site_dir(""), out, &["--now", DEMO_NOW]);
}

/// Like [`build`], but the build must succeed.
pub fn build_ok(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let output = build(root, out, extra);
    assert!(
        output.status.success(),
        "hireboard build failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// `tests/sites/<name>`, or the repository root (the demo board) for `""`.
pub fn site_dir(name: &str) -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if name.is_empty() {
        repo.to_path_buf()
    } else {
        repo.join("tests/sites").join(name)
    }
}

/// Copies the folder `from` into `to` (created), files and subfolders.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` by its `/`-separated path relative to `dir`.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, prefix: &str, files: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{name}/"), files);
            } else {
                files.insert(name, fs::read(entry.path()).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, "", &mut files);
    files
}

/// The paths of the files of a tree whose text contains `needle`.
pub fn mentioning<'a>(files: &'a BTreeMap<String, Vec<u8>>, needle: &str) -> Vec<&'a str> {
    files
        .iter()
        // The manifest lists every path.
        .filter(|(path, _)| *path != ".hireboard-output")
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(path, _)| path.as_str())
        .collect()
}

/// The HTML files of a tree, as text.
pub fn html_files(files: &BTreeMap<String, Vec<u8>>) -> Vec<(&str, &str)> {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
            (path.as_str(), text)
        })
        .collect()
}
