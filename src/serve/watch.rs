//! Watching the site's sources: debounced file events, sorted into what a
//! rebuild needs to know.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, RecommendedCache};

use crate::content::CONTENT_DIR;

/// Short enough to feel instant (it is 40% of the 50 ms a save may take
/// to reach the browser), long enough that an editor's save dance (write
/// temp, rename over, touch: a few milliseconds) is one batch. A burst
/// that outlasts it (a big `git checkout`) is applied in several batches,
/// each correct.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// How often the debouncer looks for settled events: a save waits for the
/// debounce plus up to this (the default, a quarter of the debounce, added
/// 3 ms on average).
const DEBOUNCE_TICK: Duration = Duration::from_millis(2);

/// Folders under the site root whose changes matter.
const WATCHED_DIRS: &[&str] = &[
    CONTENT_DIR,
    crate::companies::COMPANIES_DIR,
    "themes",
    "templates",
    "static",
];

/// Reading a file (ours included) is an event too; only writes, creations,
/// removals and renames change the site.
fn changes_content(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Starts watching; each debounced batch of changed paths is sent to
/// `batches`. The watcher lives on a thread of its own, which also watches
/// source folders created (or re-created) while serving.
pub fn start(root: &Path, batches: Sender<Vec<PathBuf>>) -> Result<(), String> {
    let (raw, raw_batches) = mpsc::channel::<Vec<PathBuf>>();
    let on_events = move |result: DebounceEventResult| {
        if let Ok(events) = result {
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| changes_content(&e.event.kind))
                .flat_map(|e| e.event.paths)
                .collect();
            if !paths.is_empty() {
                let _ = raw.send(paths);
            }
        }
    };
    // A link in content/ may point anywhere (`/`); following it would watch
    // the whole disk. Links inside the folder point at what is watched anyway.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut debouncer = new_debouncer_opt(
        DEBOUNCE,
        Some(DEBOUNCE_TICK),
        on_events,
        RecommendedCache::new(),
        config,
    )
    .map_err(|e| format!("cannot watch files: {e}"))?;
    // The root itself without recursion: hireboard.yaml, and folders created later.
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    let mut watched = BTreeSet::new();
    sync_watches(&mut debouncer, root, &mut watched);
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        for mut paths in raw_batches {
            // A new folder may have been filled before its watch began:
            // sending the folder itself has it read whole.
            paths.extend(sync_watches(&mut debouncer, &root, &mut watched));
            if batches.send(paths).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Watches each watched folder that exists and forgets those that are gone
/// (a removed folder takes its watch with it). Returns the folders newly watched.
fn sync_watches(
    watcher: &mut Watcher,
    root: &Path,
    watched: &mut BTreeSet<PathBuf>,
) -> Vec<PathBuf> {
    let mut added = Vec::new();
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if !path.is_dir() {
            if watched.remove(&path) {
                let _ = watcher.unwatch(&path);
            }
        } else if !watched.contains(&path) && watcher.watch(&path, RecursiveMode::Recursive).is_ok()
        {
            watched.insert(path.clone());
            added.push(path);
        }
    }
    added
}
