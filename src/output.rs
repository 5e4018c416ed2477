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
    /// What the build that wrote these files remembers of its inputs (see
    /// `site::remembered`), by identity; empty when it remembers nothing.
    #[serde(default)]
    build: String,
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

    /// The identity of what the build that wrote it remembers.
    pub fn build(&self) -> &str {
        &self.build
    }

    /// Every file of `self` and of `other` (`other`'s hash where both have
    /// one), remembering no build: it is the record of one half done.
    fn union(&self, other: &Manifest) -> Manifest {
        let mut files = self.files.clone();
        files.extend(other.files.iter().map(|(p, h)| (p.clone(), h.clone())));
        Manifest {
            about: ABOUT.into(),
            build: String::new(),
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
        // Made in memory first: written token by token, a manifest of
        // 15,000 files costs 150,000 `write` calls.
        let mut bytes = serde_json::to_vec_pretty(self)?;
        bytes.push(b'\n');
        file.write_all(&bytes)?;
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

/// The [`content_hash`] of the bytes written through `T`, for files too big
/// to hold whole.
pub struct Hashing<T> {
    inner: T,
    hasher: siphasher::sip128::SipHasher13,
}

impl<T> Hashing<T> {
    pub fn new(inner: T) -> Hashing<T> {
        Hashing {
            inner,
            hasher: siphasher::sip128::SipHasher13::new(),
        }
    }

    /// What it wrapped, and the hash of what passed.
    pub fn finish(self) -> (T, String) {
        use siphasher::sip128::Hasher128;
        let hash = format!("{:032x}", self.hasher.finish128().as_u128());
        (self.inner, hash)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(bytes)?;
        std::hash::Hasher::write(&mut self.hasher, &bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
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
    /// Files hireboard owns there now (the manifest's size).
    pub files: usize,
    /// Of those, files whose bytes changed or that are new: the others
    /// were not touched (mtimes included, so deploy tools skip them).
    pub rewritten: usize,
    /// Files of the last build that are not produced any more, removed.
    pub removed: usize,
    /// Files and folders (`name/`) in the folder that hireboard did not
    /// write and kept, sorted.
    pub kept: Vec<String>,
}

/// Writes `pages` into `output` (created if missing), given what hireboard
/// owns there (from [`check_target`]): [`Staging`] for a whole site in memory.
pub fn write_site(output: &Path, pages: &[Page], owned: &Manifest) -> Result<Written, OutputError> {
    let mut staging = Staging::new(output, owned);
    for page in pages {
        staging.add(&page.path, &page.bytes)?;
    }
    staging.commit(String::new())
}

/// The name of the folder inside the output where a build puts the files
/// it changes until every page has rendered (removed by then).
const STAGING: &str = ".hireboard-staging";

/// A build's new output, page by page, taking effect all at once. A page
/// whose bytes are those hireboard wrote last time is only recorded; any
/// other goes to a temporary file (inside the output folder, so that the
/// final rename stays on one file system). [`Staging::commit`] renames them
/// into place and removes what the last build wrote and this one did not;
/// a staging dropped before that (a page failed to render, a path was
/// refused) removes its temporary files and leaves the folder as it was.
///
/// Into a folder that is missing or empty, pages are written in place
/// instead: there is nothing of anyone's to keep as it was or to check a
/// path against, and a temporary file and a rename per page would double
/// what the file system does. Dropped uncommitted, it removes what it wrote,
/// leaving the folder empty (or missing) again.
pub struct Staging<'a> {
    output: &'a Path,
    owned: &'a Manifest,
    files: BTreeMap<String, String>,
    /// (temporary file, page path) of the pages whose bytes changed.
    changed: Vec<(PathBuf, String)>,
    /// Folders on the way to a page, checked to be folders (not links).
    checked: BTreeSet<String>,
    /// The folder was missing or empty: pages go straight into place.
    in_place: bool,
    /// Files written (in place or staged).
    rewritten: usize,
    created_output: bool,
    committed: bool,
}

impl<'a> Staging<'a> {
    pub fn new(output: &'a Path, owned: &'a Manifest) -> Staging<'a> {
        let missing = !output.exists();
        let empty = fs::read_dir(output).is_ok_and(|mut entries| entries.next().is_none());
        Staging {
            output,
            owned,
            files: BTreeMap::new(),
            changed: Vec::new(),
            checked: BTreeSet::new(),
            in_place: owned.is_empty() && (missing || empty),
            rewritten: 0,
            created_output: missing,
            committed: false,
        }
    }

    /// Adds a page of the new build. Refuses a path that is not a plain
    /// relative path, or that would replace a file hireboard did not write
    /// or go through a link.
    pub fn add(&mut self, path: &str, bytes: &[u8]) -> Result<(), OutputError> {
        match self.destination(path, content_hash(bytes))? {
            Some(target) => write_file(&target, bytes),
            None => Ok(()),
        }
    }

    /// [`Staging::add`] for many pages, hashed and written in parallel.
    pub fn add_all<'p>(
        &mut self,
        pages: impl IntoIterator<Item = &'p Page>,
    ) -> Result<(), OutputError> {
        let pages: Vec<&Page> = pages.into_iter().collect();
        let hashes: Vec<String> = pages.par_iter().map(|p| content_hash(&p.bytes)).collect();
        let mut writes = Vec::new();
        for (page, hash) in pages.into_iter().zip(hashes) {
            if let Some(target) = self.destination(&page.path, hash)? {
                writes.push((target, &page.bytes));
            }
        }
        writes
            .par_iter()
            .try_for_each(|(target, bytes)| write_file(target, bytes))
    }

    /// Records a page of the new build with the [`content_hash`] of its
    /// bytes; returns where to write them, if they must be written.
    fn destination(&mut self, path: &str, hash: String) -> Result<Option<PathBuf>, OutputError> {
        let on_disk = self.check(path)?;
        let unchanged = on_disk && self.owned.hash(path) == Some(hash.as_str());
        self.files.insert(path.to_string(), hash);
        if unchanged {
            return Ok(None);
        }
        self.rewritten += 1;
        if self.in_place {
            return Ok(Some(self.output.join(path)));
        }
        let temporary = self.temporary(self.changed.len())?;
        self.changed.push((temporary.clone(), path.to_string()));
        Ok(Some(temporary))
    }

    /// Keeps files of the last build as they are, without their bytes: the
    /// files of a page whose inputs did not change. Keeps none and returns
    /// `false` when one of them is not there as hireboard wrote it (then
    /// the page must be rendered again).
    pub fn keep(&mut self, paths: &[String]) -> bool {
        let mut hashes = Vec::with_capacity(paths.len());
        for path in paths {
            match self.owned.hash(path) {
                Some(hash) if self.check(path).unwrap_or(false) => hashes.push(hash.to_string()),
                _ => return false,
            }
        }
        self.files.extend(paths.iter().cloned().zip(hashes));
        true
    }

    /// Whether `path` is one of the new build's files already.
    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Moves the changed pages into place, removes the last build's files
    /// that this one did not produce, and records the new manifest (with
    /// `build`, the identity of what the build remembers).
    pub fn commit(mut self, build: String) -> Result<Written, OutputError> {
        let shown = self.output.display();
        let manifest = Manifest {
            about: ABOUT.into(),
            build,
            files: std::mem::take(&mut self.files),
        };
        let write_manifest = |m: &Manifest| {
            fs::create_dir_all(self.output)
                .and_then(|()| m.write(self.output))
                .or_else(|e| fail(format!("cannot write {shown}/{MARKER}: {e}")))
        };
        // Owned before written: a build that stops half way still owns what
        // it wrote, and the next build removes or replaces it.
        let removes = self.owned.paths().any(|p| !manifest.owns(p));
        let half_done = !self.changed.is_empty() || removes;
        if half_done {
            write_manifest(&self.owned.union(&manifest))?;
        }
        self.move_into_place()?;
        self.remove_staging();
        let removed = remove_stale(self.output, self.owned, &manifest);
        // The half-done record remembers no build: replaced even when the
        // new manifest equals the last one (a deleted file written again).
        if half_done || &manifest != self.owned {
            write_manifest(&manifest)?;
        }
        self.committed = true;
        Ok(Written {
            files: manifest.len(),
            rewritten: self.rewritten,
            removed,
            // The folder was empty: all of it is hireboard's.
            kept: if self.in_place {
                Vec::new()
            } else {
                foreign_files(self.output, &manifest)
            },
        })
    }

    fn move_into_place(&self) -> Result<(), OutputError> {
        let mut dirs: Vec<PathBuf> = self
            .changed
            .iter()
            .filter_map(|(_, path)| Path::new(path).parent().map(|d| self.output.join(d)))
            .collect();
        dirs.sort();
        dirs.dedup();
        for dir in &dirs {
            fs::create_dir_all(dir)
                .or_else(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
        }
        self.changed.par_iter().try_for_each(|(temporary, path)| {
            let target = self.output.join(path);
            fs::rename(temporary, &target)
                .or_else(|e| fail(format!("cannot write {}: {e}", target.display())))
        })
    }

    /// Refuses a page path a build may not write: not a plain relative
    /// path, a file or folder hireboard did not write is there, or a folder
    /// on the way is a link or a file. Tells whether hireboard's file is there.
    fn check(&mut self, path: &str) -> Result<bool, OutputError> {
        if safe_relative(path).is_none()
            || path == MARKER
            || path.split('/').next() == Some(STAGING)
        {
            return fail(format!(
                "refusing to write outside the output folder: {path}"
            ));
        }
        if self.in_place {
            // What is there, this build wrote.
            return Ok(false);
        }
        let in_the_way = |problem: String| {
            fail(format!(
                "not writing into {}: {problem} (hireboard replaces only files it wrote and never writes through a link): move it away",
                self.output.display()
            ))
        };
        for (i, _) in path.match_indices('/') {
            let folder = &path[..i];
            if self.checked.contains(folder) {
                continue;
            }
            if let Ok(meta) = fs::symlink_metadata(self.output.join(folder)) {
                if !meta.is_dir() {
                    let what = if meta.is_symlink() {
                        "a link"
                    } else {
                        "a file"
                    };
                    return in_the_way(format!("{folder} is {what}"));
                }
            }
            self.checked.insert(folder.to_string());
        }
        if let Ok(meta) = fs::symlink_metadata(self.output.join(path)) {
            if meta.is_symlink() || meta.is_dir() {
                let what = if meta.is_dir() { "a folder" } else { "a link" };
                return in_the_way(format!("{path} is {what}"));
            } else if !self.owned.owns(path) {
                return in_the_way(format!("{path} is not hireboard's"));
            }
            return Ok(meta.is_file());
        }
        Ok(false)
    }

    /// The `n`th temporary file, creating the staging folder (and the
    /// output folder) for the first.
    fn temporary(&mut self, n: usize) -> Result<PathBuf, OutputError> {
        let staging = self.output.join(STAGING);
        if n == 0 {
            // Left over by a build that was killed: nothing in it is owned.
            let _ = fs::remove_dir_all(&staging);
            fs::create_dir_all(&staging)
                .or_else(|e| fail(format!("cannot create {}: {e}", staging.display())))?;
        }
        Ok(staging.join(n.to_string()))
    }

    fn remove_staging(&self) {
        let _ = fs::remove_dir_all(self.output.join(STAGING));
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if self.committed || self.rewritten == 0 {
            return;
        }
        if self.in_place {
            let written = Manifest {
                files: std::mem::take(&mut self.files),
                ..Manifest::default()
            };
            remove_stale(self.output, &written, &Manifest::default());
        } else {
            self.remove_staging();
        }
        if self.created_output {
            let _ = fs::remove_dir(self.output);
        }
    }
}

/// Writes a file, creating the folders on the way when they are missing.
fn write_file(target: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let written = match fs::write(target, bytes) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(target, bytes)),
        other => other,
    };
    written.or_else(|e| fail(format!("cannot write {}: {e}", target.display())))
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

/// Removes the files of `old` that `new` does not have, and the folders
/// that leaves empty. A file under a folder
/// that is now a link is left alone: removing it would reach outside.
fn remove_stale(output: &Path, old: &Manifest, new: &Manifest) -> usize {
    let mut emptied = BTreeSet::new();
    let mut removed = 0;
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
        if fs::symlink_metadata(&target).is_ok_and(|m| !m.is_dir())
            && fs::remove_file(&target).is_ok()
        {
            removed += 1;
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
    removed
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
    fn a_hash_made_in_passing_is_the_content_hash() {
        let text = "a manifest, a memory, any bytes ".repeat(100);
        let mut writer = Hashing::new(Vec::new());
        for piece in text.as_bytes().chunks(7) {
            writer.write_all(piece).unwrap();
        }
        let (written, hash) = writer.finish();
        assert_eq!(written, text.as_bytes());
        assert_eq!(hash, content_hash(text.as_bytes()));
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

    fn modified(path: &Path) -> std::time::SystemTime {
        fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn only_changed_files_are_written_and_the_rest_keep_their_mtimes() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        let pages = [page("index.html", "one"), page("jobs/a/index.html", "a")];
        let written = build(site.path(), &out, &pages, false).unwrap();
        assert_eq!((written.files, written.rewritten), (2, 2));
        let before = modified(&out.join("index.html"));
        let marker = modified(&out.join(MARKER));
        std::thread::sleep(std::time::Duration::from_millis(20));

        let written = build(site.path(), &out, &pages, false).unwrap();
        assert_eq!((written.rewritten, written.removed), (0, 0));
        assert_eq!(modified(&out.join("index.html")), before);
        assert_eq!(
            modified(&out.join(MARKER)),
            marker,
            "nothing changed, nothing written"
        );

        let edited = [page("index.html", "one"), page("jobs/a/index.html", "b")];
        let written = build(site.path(), &out, &edited, false).unwrap();
        assert_eq!((written.rewritten, written.removed), (1, 0));
        assert_eq!(modified(&out.join("index.html")), before);
        assert_eq!(
            fs::read_to_string(out.join("jobs/a/index.html")).unwrap(),
            "b"
        );
        assert!(!out.join(STAGING).exists());

        // A file deleted by hand is written again, though its hash is known.
        fs::remove_file(out.join("index.html")).unwrap();
        let written = build(site.path(), &out, &edited, false).unwrap();
        assert_eq!(written.rewritten, 1);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
    }

    #[test]
    fn a_staging_dropped_before_its_commit_changes_nothing() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        build(site.path(), &out, &[page("index.html", "one")], false).unwrap();
        let before = files_in(&out);
        let owned = check_target(site.path(), &out, false).unwrap();
        let mut staging = Staging::new(&out, &owned);
        staging.add("index.html", b"two").unwrap();
        staging.add("jobs/new/index.html", b"new").unwrap();
        drop(staging);
        assert_eq!(files_in(&out), before);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
    }

    #[test]
    fn into_an_empty_folder_pages_go_in_place_and_a_dropped_build_takes_them_back() {
        let site = tempfile::tempdir().unwrap();
        let pages = [page("index.html", "home"), page("jobs/a/index.html", "a")];
        let missing = site.path().join("public");
        let empty = site.path().join("empty");
        fs::create_dir(&empty).unwrap();
        for out in [&missing, &empty] {
            let owned = check_target(site.path(), out, false).unwrap();
            let mut staging = Staging::new(out, &owned);
            staging.add_all(&pages).unwrap();
            assert_eq!(
                fs::read_to_string(out.join("jobs/a/index.html")).unwrap(),
                "a"
            );
            drop(staging);
            if out == &missing {
                assert!(!out.exists(), "the folder it made goes too");
            } else {
                assert!(
                    files_in(out).is_empty() && out.is_dir(),
                    "{:?}",
                    files_in(out)
                );
            }

            let mut staging = Staging::new(out, &owned);
            staging.add_all(&pages).unwrap();
            let written = staging.commit(String::new()).unwrap();
            assert_eq!((written.files, written.rewritten), (2, 2));
            assert!(written.kept.is_empty());
            assert_eq!(files_in(out), [MARKER, "index.html", "jobs/a/index.html"]);
            let manifest = Manifest::read(out).unwrap();
            assert_eq!(
                manifest.hash("index.html"),
                Some(content_hash(b"home").as_str())
            );
        }
        // A folder with a file of someone else's is staged, and the file kept.
        let theirs = site.path().join("theirs");
        fs::create_dir(&theirs).unwrap();
        fs::write(theirs.join("CNAME"), "jobs.example.com").unwrap();
        let owned = check_target(site.path(), &theirs, true).unwrap();
        let mut staging = Staging::new(&theirs, &owned);
        staging.add_all(&pages).unwrap();
        assert!(
            !theirs.join("index.html").exists(),
            "staged until the commit"
        );
        assert_eq!(staging.commit(String::new()).unwrap().kept, ["CNAME"]);
    }

    #[test]
    fn a_deleted_file_written_again_keeps_the_build_remembered() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        let pages = [page("index.html", "one"), page("tags/index.html", "t")];
        let commit = |build: &str| {
            let owned = check_target(site.path(), &out, false).unwrap();
            let mut staging = Staging::new(&out, &owned);
            for page in &pages {
                staging.add(&page.path, &page.bytes).unwrap();
            }
            staging.commit(build.into()).unwrap()
        };
        commit("first");
        fs::remove_file(out.join("tags/index.html")).unwrap();
        let written = commit("first");
        assert_eq!(written.rewritten, 1);
        assert_eq!(
            fs::read_to_string(out.join("tags/index.html")).unwrap(),
            "t"
        );
        assert_eq!(Manifest::read(&out).unwrap().build(), "first");
    }
}
