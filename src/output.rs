//! The only writer of the output folder. Its marker, `.hireboard-output`,
//! is the manifest of every file hireboard wrote there (path and content
//! hash), and the single record of what hireboard owns: a build replaces
//! or removes only files in it, never writes through a link, and keeps
//! every other file, which it lists. A folder without a valid manifest is
//! not hireboard's (an empty or unreadable marker proves nothing), and is
//! written into only with `--force`, still deleting nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::render::Page;

/// The manifest's file name, in the output folder.
pub const MARKER: &str = ".hireboard-output";

/// A manifest bigger than this is not read (a million files fit in it).
const MAX_MANIFEST_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug)]
pub struct OutputError(pub String);

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OutputError {}

fn fail<T>(message: String) -> Result<T, OutputError> {
    Err(OutputError(message))
}

/// The files hireboard wrote into an output folder: path (relative, `/`)
/// to [`content_hash`] of the bytes written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    about: String,
    files: BTreeMap<String, String>,
}

const ABOUT: &str =
    "hireboard wrote these files here; a build replaces or removes only these, and keeps every other file";

impl Manifest {
    /// The manifest of `folder`, or `None` when it has none: no marker, or
    /// a marker that is empty, unreadable, too big, or not a manifest of
    /// safe relative paths (a planted one must not make a build delete).
    pub fn read(folder: &Path) -> Option<Manifest> {
        let bytes = crate::content::read_at_most(&folder.join(MARKER), MAX_MANIFEST_BYTES).ok()?;
        let manifest: Manifest = serde_json::from_slice(&bytes).ok()?;
        let valid = manifest
            .files
            .iter()
            .all(|(path, hash)| path != MARKER && safe_relative(path).is_some() && is_hash(hash));
        valid.then_some(manifest)
    }

    /// The manifest of `pages` as written.
    pub fn of(pages: &[Page]) -> Manifest {
        Manifest {
            about: ABOUT.into(),
            files: pages
                .par_iter()
                .map(|p| (p.path.clone(), content_hash(&p.bytes)))
                .collect(),
        }
    }

    pub fn owns(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The [`content_hash`] of the bytes hireboard last wrote at `path`.
    pub fn hash(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Every file of `self` and of `other` (`other`'s hash where both have one).
    fn union(&self, other: &Manifest) -> Manifest {
        let mut files = self.files.clone();
        files.extend(other.files.iter().map(|(p, h)| (p.clone(), h.clone())));
        Manifest {
            about: ABOUT.into(),
            files,
        }
    }

    /// Replaces the marker of `folder` whole (a new file renamed over it, so
    /// a link planted at its name is replaced, not followed).
    fn write(&self, folder: &Path) -> io::Result<()> {
        let temporary = folder.join(format!("{MARKER}.new"));
        match fs::remove_file(&temporary) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        serde_json::to_writer_pretty(&mut file, self)?;
        file.write_all(b"\n")?;
        drop(file);
        fs::rename(&temporary, folder.join(MARKER))
    }
}

/// A file's content hash as the manifest records it: SipHash-1-3, 128 bits,
/// in hex. Stable across runs, versions and platforms.
pub fn content_hash(bytes: &[u8]) -> String {
    format!(
        "{:032x}",
        siphasher::sip128::SipHasher13::new().hash(bytes).as_u128()
    )
}

fn is_hash(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Checks that `output` may receive a build of the site at `root` and
/// returns what hireboard owns in it. Never the site, its content or a
/// parent of either; a folder that exists, is not empty and has no
/// manifest only with `force` (and then hireboard owns nothing in it yet).
pub fn check_target(root: &Path, output: &Path, force: bool) -> Result<Manifest, OutputError> {
    let root = absolute(root);
    let out = absolute(output);
    let shown = output.display();
    let content = root.join(crate::content::CONTENT_DIR);
    for (protected, what) in [(&root, "the site folder"), (&content, "the content folder")] {
        if protected.starts_with(&out) {
            return fail(format!(
                "the output folder {shown} is {what} or contains it; choose another with --output-dir"
            ));
        }
    }
    if out.starts_with(&content) {
        return fail(format!(
            "the output folder {shown} is inside content/; choose another"
        ));
    }
    if !out.exists() {
        return Ok(Manifest::default());
    }
    if let Some(manifest) = Manifest::read(&out) {
        return Ok(manifest);
    }
    match fs::read_dir(&out).map(|mut entries| entries.next().is_none()) {
        Ok(true) => Ok(Manifest::default()),
        Ok(false) if force => Ok(Manifest::default()),
        Ok(false) => fail(format!(
            "{shown} is not empty and has no manifest of files hireboard wrote ({MARKER}); not writing into it: choose an empty or new folder, or pass --force to write into it (nothing in it is deleted)"
        )),
        Err(e) => fail(format!("cannot read {shown}: {e}")),
    }
}

/// What a build did to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Files hireboard wrote (the manifest's size).
    pub files: usize,
    /// Files and folders (`name/`) in the folder that hireboard did not
    /// write and kept, sorted.
    pub kept: Vec<String>,
}

/// Writes `pages` into `output` (created if missing), given what hireboard
/// owns there (from [`check_target`]). Files of the last build that are not
/// pages any more are removed; nothing else is. Refuses, before writing
/// anything, a page path that is not a plain relative path, or that would
/// replace a file hireboard did not write or go through a link.
pub fn write_site(output: &Path, pages: &[Page], owned: &Manifest) -> Result<Written, OutputError> {
    if let Some(bad) = pages
        .iter()
        .find(|p| safe_relative(&p.path).is_none() || p.path == MARKER)
    {
        return fail(format!(
            "refusing to write outside the output folder: {}",
            bad.path
        ));
    }
    let shown = output.display();
    let in_the_way = in_the_way(output, pages, owned);
    if !in_the_way.is_empty() {
        return fail(format!(
            "not writing into {shown}: {} (hireboard replaces only files it wrote and never writes through a link): move them away",
            listing(&in_the_way)
        ));
    }
    let manifest = Manifest::of(pages);
    // Owned before written: a build that stops half way still owns what it
    // wrote, and the next build removes or replaces it.
    fs::create_dir_all(output)
        .and_then(|()| owned.union(&manifest).write(output))
        .or_else(|e| fail(format!("cannot write {shown}/{MARKER}: {e}")))?;
    write_pages(output, pages)?;
    remove_stale(output, owned, &manifest);
    manifest
        .write(output)
        .or_else(|e| fail(format!("cannot write {shown}/{MARKER}: {e}")))?;
    Ok(Written {
        files: manifest.len(),
        kept: foreign_files(output, &manifest),
    })
}

/// `a, b, c and 7 more`.
pub fn listing(items: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut text = items[..items.len().min(SHOWN)].join(", ");
    if items.len() > SHOWN {
        text.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    text
}

/// Page paths a build may not write: a file or folder hireboard did not
/// write is there, or a folder on the way is a link or a file.
fn in_the_way(output: &Path, pages: &[Page], owned: &Manifest) -> Vec<String> {
    let mut problems = Vec::new();
    let folders: BTreeSet<&Path> = pages
        .iter()
        .flat_map(|p| Path::new(&p.path).ancestors().skip(1))
        .filter(|a| !a.as_os_str().is_empty())
        .collect();
    for folder in folders {
        if let Ok(meta) = fs::symlink_metadata(output.join(folder)) {
            if !meta.is_dir() {
                let what = if meta.is_symlink() {
                    "a link"
                } else {
                    "a file"
                };
                problems.push(format!("{} is {what}", folder.display()));
            }
        }
    }
    for page in pages {
        if let Ok(meta) = fs::symlink_metadata(output.join(&page.path)) {
            if meta.is_symlink() || meta.is_dir() {
                let what = if meta.is_dir() { "a folder" } else { "a link" };
                problems.push(format!("{} is {what}", page.path));
            } else if !owned.owns(&page.path) {
                problems.push(format!("{} is not hireboard's", page.path));
            }
        }
    }
    problems
}

/// Folders first (once each), then files in parallel; errors name the file.
fn write_pages(output: &Path, pages: &[Page]) -> Result<(), OutputError> {
    let mut dirs: Vec<PathBuf> = pages
        .iter()
        .filter_map(|p| Path::new(&p.path).parent().map(|d| output.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        fs::create_dir_all(dir)
            .or_else(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    }
    pages.par_iter().try_for_each(|page| {
        let path = output.join(&page.path);
        fs::write(&path, &page.bytes)
            .or_else(|e| fail(format!("cannot write {}: {e}", path.display())))
    })
}

/// Removes the files of `old` that `new` does not have, and the folders
/// that leaves empty. A file under a folder
/// that is now a link is left alone: removing it would reach outside.
fn remove_stale(output: &Path, old: &Manifest, new: &Manifest) {
    let mut emptied = BTreeSet::new();
    for path in old.paths().filter(|p| !new.owns(p)) {
        let relative = Path::new(path);
        let through_link = relative
            .ancestors()
            .skip(1)
            .filter(|a| !a.as_os_str().is_empty())
            .any(|a| fs::symlink_metadata(output.join(a)).is_ok_and(|m| !m.is_dir()));
        if through_link {
            continue;
        }
        let target = output.join(relative);
        if fs::symlink_metadata(&target).is_ok_and(|m| !m.is_dir()) {
            let _ = fs::remove_file(&target);
        }
        emptied.extend(
            relative
                .ancestors()
                .skip(1)
                .filter(|a| !a.as_os_str().is_empty())
                .map(Path::to_path_buf),
        );
    }
    // Deepest first; a folder still holding anything stays.
    for folder in emptied.iter().rev() {
        let _ = fs::remove_dir(output.join(folder));
    }
}

/// Everything in `output` that `manifest` does not list, the marker aside:
/// a folder holding none of its files is one entry (`.git/`), not walked.
fn foreign_files(output: &Path, manifest: &Manifest) -> Vec<String> {
    let folders: BTreeSet<&str> = manifest
        .paths()
        .flat_map(|p| p.match_indices('/').map(move |(i, _)| &p[..i]))
        .collect();
    let mut kept = Vec::new();
    let mut pending = vec![String::new()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = fs::read_dir(output.join(&folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{folder}{name}");
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if path == MARKER || manifest.owns(&path) {
                continue;
            }
            if is_dir && folders.contains(path.as_str()) {
                pending.push(format!("{path}/"));
            } else if is_dir {
                kept.push(format!("{path}/"));
            } else {
                kept.push(path);
            }
        }
    }
    kept.sort();
    kept
}

/// `jobs/x/index.html` is fine; `../x`, `/etc/x`, `a/../../x`, `C:\x` are not.
pub fn safe_relative(path: &str) -> Option<&Path> {
    let p = Path::new(path);
    let ok = !path.is_empty()
        && !path.contains('\\')
        && !path.contains('\0')
        && p.components().all(|c| matches!(c, Component::Normal(_)));
    ok.then_some(p)
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Resolve what exists (symlinks included), keep the rest as written.
    let mut existing = joined.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(rest.iter().rev());
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Page {
        Page {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// A build as `hireboard build` does it: check, then write.
    fn build(site: &Path, out: &Path, pages: &[Page], force: bool) -> Result<Written, OutputError> {
        let owned = check_target(site, out, force)?;
        write_site(out, pages, &owned)
    }

    fn files_in(dir: &Path) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| !e.file_type().is_dir())
            .map(|e| {
                let relative = e.path().strip_prefix(dir).unwrap();
                relative.to_string_lossy().into_owned()
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn unsafe_paths_are_refused() {
        for bad in ["../x", "/etc/passwd", "a/../../x", "a\\b", "", "./x"] {
            assert!(safe_relative(bad).is_none(), "{bad}");
        }
        assert!(safe_relative("jobs/x/index.html").is_some());
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let bad = [page("../escape.html", "x")];
        assert!(write_site(&out, &bad, &Manifest::default()).is_err());
        assert!(!dir.path().join("escape.html").exists());
        assert!(!out.exists(), "a refused build must not create the output");
    }

    #[test]
    fn a_rebuild_replaces_its_own_files_and_keeps_the_rest() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        build(
            site.path(),
            &out,
            &[page("index.html", "one"), page("jobs/a/index.html", "a")],
            false,
        )
        .unwrap();
        fs::write(out.join("CNAME"), "jobs.example.com").unwrap();
        fs::create_dir_all(out.join(".git/objects")).unwrap();
        fs::write(out.join(".git/objects/x"), "history").unwrap();
        fs::write(out.join("jobs/notes.txt"), "mine").unwrap();

        let written = build(site.path(), &out, &[page("index.html", "two")], false).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(
            !out.join("jobs/a").exists(),
            "stale pages and their folders go"
        );
        // jobs/ holds nothing of hireboard's any more: one entry.
        assert_eq!(written.kept, [".git/", "CNAME", "jobs/"]);
        assert_eq!(
            files_in(&out),
            [
                ".git/objects/x",
                MARKER,
                "CNAME",
                "index.html",
                "jobs/notes.txt"
            ]
        );
        let manifest = Manifest::read(&out).unwrap();
        assert_eq!(manifest.paths().collect::<Vec<_>>(), ["index.html"]);
        assert_eq!(
            manifest.hash("index.html"),
            Some(content_hash(b"two").as_str())
        );
    }

    #[test]
    fn a_refused_build_changes_nothing() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        build(site.path(), &out, &[page("index.html", "one")], false).unwrap();
        fs::write(out.join("about.html"), "the user's page").unwrap();
        let before = files_in(&out);
        let marker = fs::read(out.join(MARKER)).unwrap();
        for pages in [
            vec![page("index.html", "two"), page("about.html", "ours")],
            vec![page("index.html", "two"), page("/abs", "x")],
        ] {
            let error = build(site.path(), &out, &pages, false)
                .unwrap_err()
                .to_string();
            assert!(
                error.contains("about.html") || error.contains("/abs"),
                "{error}"
            );
            assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
            assert_eq!(
                fs::read_to_string(out.join("about.html")).unwrap(),
                "the user's page"
            );
        }
        assert_eq!(files_in(&out), before);
        assert_eq!(fs::read(out.join(MARKER)).unwrap(), marker);
    }

    #[cfg(unix)]
    #[test]
    fn links_in_the_output_are_never_written_or_removed_through() {
        let site = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("index.html"), "precious").unwrap();
        let out = site.path().join("public");
        build(site.path(), &out, &[page("jobs/index.html", "a")], false).unwrap();
        // Someone swaps the folder for a link to theirs.
        fs::remove_dir_all(out.join("jobs")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), out.join("jobs")).unwrap();
        let error = build(site.path(), &out, &[page("jobs/index.html", "b")], false)
            .unwrap_err()
            .to_string();
        assert!(error.contains("jobs is a link"), "{error}");
        build(site.path(), &out, &[page("index.html", "c")], false).unwrap();
        assert_eq!(
            fs::read_to_string(elsewhere.path().join("index.html")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn only_a_manifest_is_ownership_and_force_never_deletes() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("mine");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        for marker in [
            "",
            "This folder is written by hireboard.\n",
            "{\"files\": {\"../../x\": \"00\"}}",
        ] {
            fs::write(out.join(MARKER), marker).unwrap();
            let err = check_target(site.path(), &out, false)
                .unwrap_err()
                .to_string();
            assert!(err.contains("--force"), "{marker:?}: {err}");
        }
        let written = build(site.path(), &out, &[page("index.html", "x")], true).unwrap();
        assert_eq!(written.kept, ["notes.txt"]);
        assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
        // The folder now has a manifest: the next build needs no --force, and keeps notes.txt.
        build(site.path(), &out, &[page("index.html", "y")], false).unwrap();
        assert_eq!(files_in(&out), [MARKER, "index.html", "notes.txt"]);
    }

    #[test]
    fn the_site_and_its_content_are_never_targets() {
        let site = tempfile::tempdir().unwrap();
        fs::create_dir_all(site.path().join("content")).unwrap();
        for target in [
            site.path().to_path_buf(),
            site.path().join("content"),
            site.path().join("content/x"),
            site.path().join(".."),
        ] {
            assert!(
                check_target(site.path(), &target, true).is_err(),
                "{}",
                target.display()
            );
        }
        assert!(check_target(site.path(), &site.path().join("public"), false).is_ok());
    }
}
