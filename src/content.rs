//! Finding and reading posting files: the only reader of the content folder.

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

/// Why a file reached through a link is left out.
pub const OUTSIDE_LINK: &str = "symlink pointing outside the site: not followed";

/// Walks `targets` (files or folders) for posting files, sorted by path.
/// Symlinks are followed only while they stay inside `site_root`; loops
/// are reported, not followed.
pub fn discover(site_root: &Path, targets: &[PathBuf]) -> (Vec<SourceFile>, Vec<LoadError>) {
    let root = site_root
        .canonicalize()
        .unwrap_or_else(|_| site_root.to_path_buf());
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for target in targets {
        // Links may not lead out of the site (or out of a folder outside it).
        let target_real = target.canonicalize().unwrap_or_else(|_| target.clone());
        let boundary = if target_real.starts_with(&root) {
            &root
        } else {
            &target_real
        };
        let walker = WalkDir::new(target)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().map_or_else(|| target.clone(), Path::to_path_buf);
                    let message = if e.loop_ancestor().is_some() {
                        "symlink loop: not followed".to_string()
                    } else {
                        e.io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string())
                    };
                    errors.push(LoadError {
                        path: display(&root, &path),
                        message,
                    });
                    continue;
                }
            };
            let is_target = entry.depth() == 0;
            if !entry.file_type().is_file() || !(is_target || is_posting_file(entry.path())) {
                continue;
            }
            let absolute = entry
                .path()
                .canonicalize()
                .unwrap_or_else(|_| entry.path().to_path_buf());
            if !is_target && !absolute.starts_with(boundary) {
                errors.push(LoadError {
                    path: display(&root, entry.path()),
                    message: OUTSIDE_LINK.into(),
                });
                continue;
            }
            files.push(SourceFile {
                path: display(&root, entry.path()),
                absolute,
            });
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.path == b.path);
    (files, errors)
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
}
