//! Finding and reading posting files: the only reader of the content folder.

use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// The folder of postings, under the site root.
pub const CONTENT_DIR: &str = "content";

/// A posting file found on disk.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceFile {
    /// Relative to the site root with `/` separators (as given, when outside it).
    pub path: String,
    pub absolute: PathBuf,
}

/// A file or folder that could not be walked or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Its size in bytes, over the limit.
    TooBig(u64),
    Io(std::io::Error),
}

/// The bytes of a posting file, refused unread when over
/// [`crate::posting::MAX_FILE_BYTES`].
pub fn read_posting(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_at_most(path, crate::posting::MAX_FILE_BYTES as u64)
}

/// The bytes of `path` if it holds at most `limit`. The size is checked
/// from the metadata before reading, and at most `limit + 1` bytes are read
/// (the file may grow meanwhile), so a 1 GiB sparse file costs one `stat`.
pub fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > limit {
        return Err(ReadError::TooBig(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    match bytes.len() as u64 {
        read if read > limit => Err(ReadError::TooBig(read)),
        _ => Ok(bytes),
    }
}

/// Markdown (`.md`, `.markdown`, `.mdown`, `.mkd`, `.mkdn`), `.rst`, `.txt`,
/// saved job pages (`.html`, `.htm`) and `JobPosting` files (`.json`), and not
/// hidden or an editor's leftover (`*~`, `.*.swp`, `#*#`, `.#*`).
pub fn is_posting_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    !is_ignored_name(name)
        && matches!(
            ext.to_ascii_lowercase().as_str(),
            "md" | "markdown" | "mdown" | "mkd" | "mkdn" | "rst" | "txt" | "html" | "htm" | "json"
        )
}

/// Hidden files and folders and editor temp files are never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || (name.starts_with('#') && name.ends_with('#'))
}

/// A regular file found by [`walk_within`].
pub struct Found {
    /// The path as walked (a link keeps its own name).
    pub path: PathBuf,
    /// Where it really is, links resolved.
    pub real: PathBuf,
}

/// Walks `start` for regular files whose names `wanted` accepts, following
/// symlinks only while they resolve inside `boundary` (a real path): a link
/// out of it is reported (when it leads to a folder or a wanted file) and
/// never descended, so a link to `/` costs one `stat`. Hidden names and
/// `skip` ones are not walked; loops are reported, not followed. `start`
/// itself is accepted whatever its name, but must resolve inside `boundary` too.
pub fn walk_within(
    start: &Path,
    boundary: &Path,
    wanted: impl Fn(&Path) -> bool,
    shown: impl Fn(&Path) -> String,
) -> (Vec<Found>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut outside = Vec::new();
    // Below `start` a walked path is its real path until a link is
    // followed: only then is each one resolved (a `readlink` per file that
    // is not a link fails, and 10,000 of them cost a build 40,000 syscalls).
    let start_real = start.canonicalize().ok();
    let followed_link = std::cell::Cell::new(false);
    let walker = WalkDir::new(start)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_ignored_name(&e.file_name().to_string_lossy()) {
                return false;
            }
            // Only a link can lead out: everything else is below a folder
            // that was itself checked on the way in.
            if e.depth() > 0 && !e.path_is_symlink() {
                return true;
            }
            followed_link.set(followed_link.get() || e.depth() > 0);
            let real = e.path().canonicalize().unwrap_or_else(|_| e.path().into());
            if real.starts_with(boundary) {
                return true;
            }
            if e.depth() == 0 || e.file_type().is_dir() || wanted(e.path()) {
                outside.push(LoadError {
                    path: shown(e.path()),
                    message: outside_link(boundary, &real),
                });
            }
            false
        });
    for entry in walker {
        match entry {
            Ok(entry)
                if entry.file_type().is_file() && (entry.depth() == 0 || wanted(entry.path())) =>
            {
                let below_start = entry.path().strip_prefix(start).ok();
                let real = match (&start_real, below_start) {
                    (Some(real), Some(rest))
                        if !followed_link.get() && !entry.path_is_symlink() =>
                    {
                        if rest.as_os_str().is_empty() {
                            real.clone()
                        } else {
                            real.join(rest)
                        }
                    }
                    _ => entry
                        .path()
                        .canonicalize()
                        .unwrap_or_else(|_| entry.path().to_path_buf()),
                };
                files.push(Found {
                    path: entry.into_path(),
                    real,
                });
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| start.to_path_buf(), Path::to_path_buf);
                let message = if e.loop_ancestor().is_some() {
                    "symlink loop: not followed".to_string()
                } else {
                    e.io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string())
                };
                errors.push(LoadError {
                    path: shown(&path),
                    message,
                });
            }
        }
    }
    errors.extend(outside);
    (files, errors)
}

/// Why a link is not followed, naming where it leads.
fn outside_link(boundary: &Path, target: &Path) -> String {
    let folder = boundary.file_name().map_or_else(
        || boundary.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!(
        "symlink pointing outside {folder}/ (to {}): not followed",
        target.display()
    )
}

/// Walks `targets` (files or folders) for posting files, sorted by path.
/// A target under the site's `content/` must stay in it, links included: a
/// link out of `content/` (to the site's `.git/` or `.env`, or to `/`) is
/// reported and never read. A target elsewhere (`inspect ~/drafts`) is
/// its own boundary.
pub fn discover(site_root: &Path, targets: &[PathBuf]) -> (Vec<SourceFile>, Vec<LoadError>) {
    let root = site_root
        .canonicalize()
        .unwrap_or_else(|_| site_root.to_path_buf());
    let content = root.join(CONTENT_DIR);
    let content_real = content.canonicalize().unwrap_or_else(|_| content.clone());
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for target in targets {
        let boundary = if location(target).starts_with(&content) {
            content_real.clone()
        } else {
            target.canonicalize().unwrap_or_else(|_| target.clone())
        };
        // Walked from an absolute path, each file is shown without asking
        // for the current folder again.
        let start = std::path::absolute(target).unwrap_or_else(|_| target.clone());
        let (found, problems) =
            walk_within(&start, &boundary, is_posting_file, |p| display(&root, p));
        files.extend(found.into_iter().map(|f| SourceFile {
            path: display(&root, &f.path),
            absolute: f.real,
        }));
        errors.extend(problems);
    }
    files.sort();
    files.dedup_by(|a, b| a.path == b.path);
    (files, errors)
}

/// Where `path` itself is (its folder resolved, its own name kept, so a
/// link is placed where it lies, not where it points).
fn location(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .unwrap_or_else(|_| parent.to_path_buf())
            .join(name),
        _ => absolute,
    }
}

/// A path as shown to people: relative to the site root when inside it.
fn display(root: &Path, path: &Path) -> String {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    // Normalize `.` components without resolving symlinks (a link keeps its own name).
    let absolute: PathBuf = absolute
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    let shown = absolute.strip_prefix(root).unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posting_files_and_leftovers() {
        for ok in [
            "a.md",
            "b.markdown",
            "c.rst",
            "d.txt",
            "E.MD",
            "f.mdown",
            "g.mkd",
            "h.mkdn",
            "job.html",
            "job.HTM",
            "job.json",
        ] {
            assert!(is_posting_file(Path::new(ok)), "{ok}");
        }
        for skip in [
            "a.md~",
            ".a.md.swp",
            "#a.md#",
            ".#a.md",
            ".hidden.md",
            ".job.html.swp",
            "a.css",
            "a",
        ] {
            assert!(!is_posting_file(Path::new(skip)), "{skip}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn walks_nested_folders_skips_outside_links_and_survives_loops() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let content = site.path().join("content");
        std::fs::create_dir_all(content.join("2025/march")).unwrap();
        std::fs::create_dir_all(content.join(".git")).unwrap();
        std::fs::write(content.join("a.md"), "x").unwrap();
        std::fs::write(content.join("2025/march/b.txt"), "x").unwrap();
        std::fs::write(content.join(".git/c.md"), "x").unwrap();
        std::fs::write(content.join("d.md~"), "x").unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.md"), content.join("leak.md"))
            .unwrap();
        std::os::unix::fs::symlink(&content, content.join("2025/loop")).unwrap();
        std::os::unix::fs::symlink(content.join("a.md"), content.join("alias.md")).unwrap();

        let (files, errors) = discover(site.path(), std::slice::from_ref(&content));
        let paths: Vec<_> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "content/2025/march/b.txt",
                "content/a.md",
                "content/alias.md"
            ]
        );
        let messages: Vec<_> = errors.iter().map(|e| e.to_string()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("leak.md") && m.contains("outside")),
            "{messages:?}"
        );
        assert!(messages.iter().any(|m| m.contains("loop")), "{messages:?}");
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_content_are_refused_even_inside_the_site() {
        use std::os::unix::fs::symlink;
        let site = tempfile::tempdir().unwrap();
        let root = site.path().canonicalize().unwrap();
        let content = root.join("content");
        std::fs::create_dir_all(content.join("sub")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/config"), "token = s3cret").unwrap();
        std::fs::write(root.join(".env"), "KEY=s3cret").unwrap();
        std::fs::write(content.join("sub/a.md"), "x").unwrap();
        symlink("../.git/config", content.join("config.md")).unwrap();
        symlink("../.env", content.join("env.txt")).unwrap();
        symlink("/", content.join("disk")).unwrap();
        symlink("sub", content.join("alias")).unwrap();

        let (files, errors) = discover(&root, std::slice::from_ref(&content));
        let paths: Vec<_> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["content/alias/a.md", "content/sub/a.md"]);
        let messages: Vec<_> = errors.iter().map(|e| e.to_string()).collect();
        for (link, target) in [
            ("content/config.md", ".git/config"),
            ("content/env.txt", ".env"),
            ("content/disk", "(to /)"),
        ] {
            assert!(
                messages.iter().any(|m| m
                    .starts_with(&format!("{link}: symlink pointing outside content/"))
                    && m.contains(target)),
                "{link}: {messages:?}"
            );
        }
        // Named on the command line (or by the watcher), a link is refused too.
        let (files, errors) = discover(&root, &[content.join("config.md")]);
        assert!(files.is_empty() && errors.len() == 1, "{errors:?}");
    }
}
