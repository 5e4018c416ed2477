//! The only writer of the output folder: pages go to a staging folder that is
//! swapped in whole once everything is written, so a failed build leaves the
//! previous site untouched and readers never see half a site.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::render::Page;

/// Marks a folder as hireboard's own, so it may be replaced.
pub const MARKER: &str = ".hireboard-output";

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

/// Checks that `output` may receive a build of the site at `root`: not the
/// site, not its content, not a parent of either, and (without `force`) not a
/// non-empty folder hireboard did not create.
pub fn check_target(root: &Path, output: &Path, force: bool) -> Result<(), OutputError> {
    let root = absolute(root);
    let out = absolute(output);
    let content = root.join(crate::content::CONTENT_DIR);
    for (protected, what) in [(&root, "the site folder"), (&content, "the content folder")] {
        if protected.starts_with(&out) {
            return fail(format!(
                "the output folder {} is {what} or contains it; choose another with --output-dir",
                output.display()
            ));
        }
    }
    if out.starts_with(&content) {
        return fail(format!(
            "the output folder {} is inside content/; choose another",
            output.display()
        ));
    }
    if force || !out.exists() || out.join(MARKER).is_file() {
        return Ok(());
    }
    match fs::read_dir(&out).map(|mut entries| entries.next().is_none()) {
        Ok(true) => Ok(()),
        Ok(false) => fail(format!(
            "{} exists and was not made by hireboard; not replacing it (move it away, or pass --force to replace it)",
            output.display()
        )),
        Err(e) => fail(format!("cannot read {}: {e}", output.display())),
    }
}

/// Writes `pages` to a staging folder next to `output`, then swaps it in.
pub fn write_site(output: &Path, pages: &[Page]) -> Result<(), OutputError> {
    let staging = sibling(output, "new");
    let old = sibling(output, "old");
    remove_if_ours(&staging)?;
    let written = write_all(&staging, pages);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return fail(format!(
            "cannot write the site to {}: {e}",
            staging.display()
        ));
    }
    swap_in(&staging, output, &old)
}

/// Writes every page under `folder` (created), plus the marker.
pub fn write_all(folder: &Path, pages: &[Page]) -> io::Result<()> {
    fs::create_dir_all(folder)?;
    fs::write(
        folder.join(MARKER),
        "This folder is written by hireboard and replaced on each build.\n",
    )?;
    for page in pages {
        if safe_relative(&page.path).is_none() {
            return Err(io::Error::other(format!(
                "refusing to write outside the output folder: {}",
                page.path
            )));
        }
    }
    // Folders first (once each), then files in parallel.
    let mut dirs: Vec<PathBuf> = pages
        .iter()
        .filter_map(|p| Path::new(&p.path).parent().map(|d| folder.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        fs::create_dir_all(dir)?;
    }
    pages
        .par_iter()
        .try_for_each(|page| fs::write(folder.join(&page.path), &page.bytes))
}

/// `output` becomes `staging`; the previous output is removed afterwards.
fn swap_in(staging: &Path, output: &Path, old: &Path) -> Result<(), OutputError> {
    remove_if_ours(old)?;
    let had_output = output.exists();
    if had_output {
        if let Err(e) = fs::rename(output, old) {
            let _ = fs::remove_dir_all(staging);
            return fail(format!(
                "cannot move the previous {} aside: {e}",
                output.display()
            ));
        }
    }
    if let Err(e) = fs::rename(staging, output) {
        // Put the previous site back rather than leave none.
        if had_output {
            let _ = fs::rename(old, output);
        }
        return fail(format!(
            "cannot move the new site into {}: {e}",
            output.display()
        ));
    }
    if had_output {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

/// `public` -> `.public.hireboard-new` in the same parent (same file system,
/// so the swap is a rename).
fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.hireboard-{what}"))
}

/// Removes a leftover staging folder, but only one that carries our marker.
fn remove_if_ours(folder: &Path) -> Result<(), OutputError> {
    if !folder.exists() {
        return Ok(());
    }
    if !folder.join(MARKER).is_file() {
        return fail(format!(
            "{} is in the way and was not made by hireboard: move it away",
            folder.display()
        ));
    }
    fs::remove_dir_all(folder).or_else(|e| fail(format!("cannot remove {}: {e}", folder.display())))
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

    #[test]
    fn unsafe_paths_are_refused() {
        for bad in ["../x", "/etc/passwd", "a/../../x", "a\\b", "", "./x"] {
            assert!(safe_relative(bad).is_none(), "{bad}");
        }
        assert!(safe_relative("jobs/x/index.html").is_some());
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        assert!(write_site(&out, &[page("../escape.html", "x")]).is_err());
        assert!(!dir.path().join("escape.html").exists());
        assert!(!out.exists(), "a failed build must not create the output");
    }

    #[test]
    fn swaps_in_a_new_site_and_keeps_the_old_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[page("index.html", "one"), page("jobs/a/index.html", "a")],
        )
        .unwrap();
        write_site(&out, &[page("index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("jobs/a/index.html").exists(), "stale pages go");
        assert!(write_site(&out, &[page("/abs", "x")]).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn folders_hireboard_did_not_make_are_not_replaced() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = check_target(site.path(), &out, false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("--force"), "{err}");
        assert!(check_target(site.path(), &out, true).is_ok());
        fs::write(out.join(MARKER), "").unwrap();
        assert!(check_target(site.path(), &out, false).is_ok());
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
