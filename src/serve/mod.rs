//! `hireboard serve`: watch -> re-normalize what changed -> re-render what it
//! touches -> swap the snapshot -> tell the browser.
//!
//! One thread owns the [`Site`] and applies batches of changes to it; the
//! HTTP server only ever reads whole snapshots. Nothing is written to disk.

pub mod http;
pub mod watch;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::time::Instant;

use crate::site::{Changes, Site};
use http::{Change, Pages, Shared, Snapshot};

/// The script `serve` injects before `</body>` of every page.
pub fn live_reload_snippet() -> String {
    format!("<script>{}</script>", include_str!("live_reload.js"))
}

/// Problems that outlive one batch: a broken config or theme stays broken
/// until a batch that touches it applies.
#[derive(Default)]
struct Problems {
    config: Option<String>,
    theme: Option<String>,
    render: Option<String>,
}

/// Owns the site and keeps the served snapshot up to date.
pub struct Rebuilder {
    site: Site,
    shared: Arc<Shared>,
    problems: Problems,
    generation: u64,
    /// Old posting page -> where it is now, for pages open on an old address.
    moved: HashMap<String, String>,
    /// The site's files as last published.
    pages: Pages,
    /// The problems as of the last batch: listing them reads every source.
    problem_lines: Vec<String>,
}

impl Rebuilder {
    pub fn new(site: Site, shared: Arc<Shared>, generation: u64) -> Rebuilder {
        let mut rebuilder = Rebuilder {
            pages: Pages::new(site.files().clone()),
            site,
            shared,
            problems: Problems::default(),
            generation,
            moved: HashMap::new(),
            problem_lines: Vec::new(),
        };
        rebuilder.refresh_problems();
        rebuilder
    }

    /// The snapshot of the site as it is now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            pages: self.pages.clone(),
            problems: self.problem_lines.clone(),
            generation: self.generation,
            moved: self.moved.clone(),
        }
    }

    /// Lists the problems again; returns whether they changed.
    fn refresh_problems(&mut self) -> bool {
        let p = &self.problems;
        let lines: Vec<String> = [&p.config, &p.theme, &p.render]
            .into_iter()
            .flatten()
            .cloned()
            .chain(self.site.errors().iter().map(ToString::to_string))
            .collect();
        let changed = lines != self.problem_lines;
        self.problem_lines = lines;
        changed
    }

    /// Applies one batch of changed paths; returns what it did, for the terminal.
    pub fn apply(&mut self, paths: Vec<PathBuf>) -> Option<String> {
        let changes = Changes::classify(self.site.root(), &self.site.config().theme, paths);
        if changes.is_empty() {
            return None;
        }
        let started = Instant::now();
        let result = self.site.apply(&changes);
        let slot = if changes.config {
            &mut self.problems.config
        } else if changes.templates || changes.static_files {
            &mut self.problems.theme
        } else {
            &mut self.problems.render
        };
        let (change, report) = match result {
            Ok(update) => {
                *slot = None;
                self.pages = self.pages.update(self.site.files(), &update.changed_files);
                self.record_moves(update.moved);
                if changes.config {
                    // A successful full reload fixes whatever was broken.
                    self.problems = Problems::default();
                }
                let change = if update.changed_files.is_empty() {
                    Change::Problems
                } else if update.css_only {
                    Change::Css
                } else {
                    Change::Reload
                };
                (
                    change,
                    format!(
                        "{} pages rendered, {} files changed",
                        update.rendered,
                        update.changed_files.len()
                    ),
                )
            }
            Err(message) => {
                *slot = Some(message.clone());
                // Content changes apply beside a broken theme: take them all.
                self.pages = Pages::new(self.site.files().clone());
                (Change::Problems, format!("error: {message}"))
            }
        };
        let problems_changed = self.refresh_problems();
        if change != Change::Problems || problems_changed {
            self.generation += 1;
            self.shared.publish(self.snapshot(), change);
        }
        Some(format!("{report} in {} ms", started.elapsed().as_millis()))
    }

    /// Remembers where moved posting pages went; earlier moves that led to
    /// a page that moved again now lead to its new place.
    fn record_moves(&mut self, moves: Vec<(String, String)>) {
        for (old, new) in moves {
            for to in self.moved.values_mut() {
                if *to == old {
                    to.clone_from(&new);
                }
            }
            self.moved.insert(old, new);
        }
        let files = self.site.files();
        self.moved
            .retain(|from, to| !files.contains_key(from) && files.contains_key(to));
    }

    /// Applies batches until the channel closes. Batches that arrived while
    /// one was being applied are merged, so a burst costs one rebuild; none
    /// is waited for (the debounce has gathered the save already).
    pub fn run(mut self, batches: Receiver<Vec<PathBuf>>) {
        while let Ok(mut paths) = batches.recv() {
            while let Ok(more) = batches.try_recv() {
                paths.extend(more);
            }
            if let Some(report) = self.apply(paths) {
                eprintln!("{}", crate::terminal::escape(&report));
                for problem in &self.problem_lines {
                    eprintln!("  {}", crate::terminal::escape(problem));
                }
            }
        }
    }
}
