//! Watching the site's sources: debounced file events, sorted into what a
//! rebuild needs to know.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::config::CONFIG_FILE;
use crate::content::{is_ignored_name, CONTENT_DIR};

/// Short enough to feel instant, long enough that an editor's save dance
/// (write temp, rename over, touch) or a `git checkout` is one batch.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// Folders under the site root whose changes matter.
const WATCHED_DIRS: &[&str] = &[CONTENT_DIR, "themes", "templates", "static"];

/// One batch of changes, sorted by what they invalidate.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    pub config: bool,
    pub templates: bool,
    /// Static files changed; `css_only` when every one of them is a stylesheet.
    pub static_files: bool,
    pub css_only: bool,
    /// Paths under content/ (files or folders) to re-read from disk.
    pub content: BTreeSet<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        !self.config && !self.templates && !self.static_files && self.content.is_empty()
    }

    /// Sorts changed paths (absolute, under `root`) into a batch.
    pub fn classify(root: &Path, theme: &str, paths: impl IntoIterator<Item = PathBuf>) -> Changes {
        let mut changes = Changes {
            css_only: true,
            ..Changes::default()
        };
        for path in paths {
            let Ok(relative) = path.strip_prefix(root) else {
                continue;
            };
            let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
            if parts.iter().any(|p| is_ignored_name(p))
                || is_editor_temp(parts.last().copied().unwrap_or(""))
            {
                continue;
            }
            match parts.as_slice() {
                [CONFIG_FILE] => changes.config = true,
                [CONTENT_DIR, ..] => {
                    changes.content.insert(path.clone());
                }
                ["templates", ..] => changes.templates = true,
                ["themes", name, "templates", ..] if *name == theme => changes.templates = true,
                ["static", rest @ ..] | ["themes", _, "static", rest @ ..]
                    if parts[0] == "static" || parts[1] == theme =>
                {
                    changes.static_files = true;
                    changes.css_only &= rest.last().is_some_and(|f| f.ends_with(".css"));
                }
                _ => {}
            }
        }
        changes.css_only &= changes.static_files;
        changes
    }
}

/// Vim's write test file `4913`, and the `.tmp`/`.swx` files editors rename over.
fn is_editor_temp(name: &str) -> bool {
    name == "4913" || name.ends_with(".swp") || name.ends_with(".swx") || name.ends_with(".tmp")
}

pub type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Starts watching; each debounced batch of changed paths is sent to `batches`.
pub fn start(root: &Path, batches: Sender<Vec<PathBuf>>) -> Result<Watcher, String> {
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        if let Ok(events) = result {
            let paths: Vec<PathBuf> = events.into_iter().flat_map(|e| e.event.paths).collect();
            if !paths.is_empty() {
                let _ = batches.send(paths);
            }
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    // The root itself without recursion: hireboard.yaml, and folders created later.
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    watch_new_dirs(&mut debouncer, root, &mut BTreeSet::new());
    Ok(debouncer)
}

/// Adds a recursive watch on each watched folder that exists and is not yet watched.
pub fn watch_new_dirs(watcher: &mut Watcher, root: &Path, watched: &mut BTreeSet<PathBuf>) {
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir()
            && !watched.contains(&path)
            && watcher.watch(&path, RecursiveMode::Recursive).is_ok()
        {
            watched.insert(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(paths: &[&str]) -> Changes {
        Changes::classify(
            Path::new("/site"),
            "default",
            paths.iter().map(|p| Path::new("/site").join(p)),
        )
    }

    #[test]
    fn sorts_paths_by_what_they_invalidate() {
        let c = classify(&["content/a.md", "content/new-folder", "templates/base.html"]);
        assert!(c.templates && !c.config && !c.static_files);
        assert_eq!(c.content.len(), 2);
        assert!(classify(&["hireboard.yaml"]).config);
        let css = classify(&["static/site.css", "themes/default/static/x.css"]);
        assert!(css.static_files && css.css_only);
        let js = classify(&["static/site.css", "static/app.js"]);
        assert!(js.static_files && !js.css_only);
        assert!(classify(&["themes/other/templates/base.html"]).is_empty());
    }

    #[test]
    fn editor_leftovers_and_output_are_ignored() {
        for path in [
            "content/.a.md.swp",
            "content/a.md~",
            "content/4913",
            "content/#a.md#",
            "content/.#a.md",
            "public/index.html",
            "target/x",
            "content/.git/HEAD",
        ] {
            assert!(classify(&[path]).is_empty(), "{path}");
        }
    }
}
