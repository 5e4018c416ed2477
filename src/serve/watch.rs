//! Watching the site's sources: debounced file events, sorted into what a
//! rebuild needs to know.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::content::CONTENT_DIR;

/// Short enough to feel instant, long enough that an editor's save dance
/// (write temp, rename over, touch) or a `git checkout` is one batch.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// Folders under the site root whose changes matter.
const WATCHED_DIRS: &[&str] = &[CONTENT_DIR, "themes", "templates", "static"];

/// Reading a file (ours included) is an event too; only writes, creations,
/// removals and renames change the site.
fn changes_content(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

pub type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Starts watching; each debounced batch of changed paths is sent to `batches`.
pub fn start(root: &Path, batches: Sender<Vec<PathBuf>>) -> Result<Watcher, String> {
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        if let Ok(events) = result {
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| changes_content(&e.event.kind))
                .flat_map(|e| e.event.paths)
                .collect();
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
