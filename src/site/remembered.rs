//! `build` across processes: what a build was made from is remembered, so
//! that the next one re-normalizes only the posting files whose bytes
//! changed, re-renders only the pages the change reaches (the plan `serve`
//! makes between two boards, [`super::incremental`]) and streams what it
//! renders to the output, which writes only files whose bytes differ.
//!
//! The memory is a file in the site's `.hireboard-cache/` (of the last
//! build, whatever its output folder), not in the output: it holds the normalized record of every
//! posting file, drafts included, and the output is what gets deployed.
//! The output's manifest names the memory it was built with (its content
//! hash): a memory that is missing, damaged, of another hireboard version
//! or of another output state means a full build, never a wrong one.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{
    effective_config, history, incremental, postings_of, render_options, static_clash, walk_error,
    Progress, SiteOptions, Stats, Unpublished, KEYS_PER_REPORT,
};
use crate::board::Board;
use crate::config::Config;
use crate::content::{self, SourceFile};
use crate::output::{content_hash, Hashing, Manifest, OutputError, Staging, Written};
use crate::posting::{Diagnostic, Instant, Normalizer, Posting, PostingError};
use crate::render::search::SearchIndex;
use crate::render::{self, Page, PageKey, Theme};

/// The cache folder in the site root.
pub const CACHE_DIR: &str = ".hireboard-cache";

/// Changes whenever what is remembered, or how it is read, may change:
/// every release, and this format.
const FORMAT: &str = concat!("hireboard ", env!("CARGO_PKG_VERSION"), " build memory 2");

/// Rendered keys in flight between the renderer and the writer: enough to
/// keep both busy, few enough that memory does not grow with the site.
const CHUNKS_IN_FLIGHT: usize = 2;

/// What a build was made from.
#[derive(Serialize, Deserialize)]
struct Memory {
    format: String,
    /// [`render_settings`]: a change re-renders every page.
    rendering: String,
    /// A hash of the normalizer's config: a change re-normalizes every file.
    normalizing: String,
    /// The fingerprint of each template ([`Theme::fingerprints`]).
    templates: BTreeMap<String, String>,
    /// The build's "now".
    now: jiff::Timestamp,
    /// Every posting file that normalized, by path.
    sources: BTreeMap<String, Source>,
    /// The files of each page key.
    keys: Vec<(PageKey, Vec<String>)>,
    /// The files of the search index.
    search: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct Source {
    /// [`content_hash`] of the file's bytes.
    hash: String,
    /// The date git gave the file, when it has one (undated postings take it).
    added: Option<jiff::Timestamp>,
    posting: Arc<Posting>,
    /// `posting.diagnostics`, which the record does not carry.
    diagnostics: Vec<Diagnostic>,
}

impl Source {
    /// Puts the diagnostics back into the posting, just read.
    fn restore(&mut self) {
        if let Some(posting) = Arc::get_mut(&mut self.posting) {
            posting.diagnostics = std::mem::take(&mut self.diagnostics);
        }
    }
}

/// What `build` made, for its summary.
pub struct Built {
    pub written: Written,
    sources: BTreeMap<String, Result<Arc<Posting>, PostingError>>,
    walk_errors: Vec<PostingError>,
    board: Board,
    /// The company profiles' problems (the profiles are read afresh each build).
    profile_problems: Vec<Diagnostic>,
    unpublished: Unpublished,
    /// Posting files normalized again (the others were remembered).
    pub normalized: usize,
    /// Page keys rendered (the others' files were kept as they were).
    pub rendered: usize,
}

impl Built {
    pub fn errors(&self) -> Vec<PostingError> {
        super::errors_of(&self.sources, &self.walk_errors)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        super::warnings_of(&self.board, &self.profile_problems)
    }

    pub fn stats(&self) -> Stats {
        super::stats_of(
            &self.board,
            &self.sources,
            self.unpublished,
            self.written.files,
        )
    }
}

/// Builds the site at `root` into `output_dir`, given what hireboard owns
/// there, re-doing only what changed since the build that wrote it.
/// Nothing in the folder changes unless every page renders.
pub fn build(
    root: &Path,
    options: SiteOptions,
    output_dir: &Path,
    owned: &Manifest,
    progress: &dyn Progress,
) -> Result<Built, String> {
    let config = effective_config(root, &options)?;
    let theme = Theme::load(root, &config).map_err(|e| e.to_string())?;
    let added = history::added_dates(root);
    let normalizer =
        Normalizer::new(&config.normalizing(), options.now).with_added_dates(added.clone());
    let memory_file = memory_file(root);
    let rendering = render_settings(&config, options.unpublished);
    let normalizing = content_hash(format!("{FORMAT} {:?}", config.normalizing()).as_bytes());
    let last = Memory::read(&memory_file, owned);
    let remembered = last.as_ref().filter(|m| m.normalizing == normalizing);

    let (files, walk_errors) = content::discover(root, &[root.join(content::CONTENT_DIR)]);
    progress.start("reading", files.len());
    let read = read_sources(
        &normalizer,
        &files,
        &added,
        remembered,
        options.now,
        progress,
    );
    let normalized = read.iter().filter(|s| !s.remembered).count();

    let plan = Plan::make(last.as_ref(), &rendering, &read, &config, &theme, &options);
    let board = &plan.board;
    let render_options = render_options(&options);
    let mut staging = Staging::new(output_dir, owned);
    let mut dirty = plan.dirty;
    // A kept page's files must all still be there as written, else it is
    // rendered again.
    let mut kept_keys = Vec::new();
    for (key, paths) in plan.kept {
        if staging.keep(&paths) {
            kept_keys.push((key, paths));
        } else {
            dirty.push(key);
        }
    }
    let rendered = dirty.len();
    progress.start("rendering", dirty.len());
    let fresh: Vec<usize> = match &plan.fresh {
        Some(fresh) => fresh.clone(),
        None => (0..board.postings.len()).collect(),
    };
    let last_search = last.as_ref().map(|m| m.search.clone()).unwrap_or_default();
    // The search index is kept only whole.
    let search_kept = last.is_some() && !plan.search_changed && staging.keep(&last_search);
    // The changed postings are checked once, with the first chunk.
    let render_chunk = |n: usize, chunk: &[PageKey]| {
        let fresh = if n == 0 { &fresh[..] } else { &[] };
        let fresh = fresh.iter().copied();
        render::render_changed(board, &config, &theme, &render_options, chunk, fresh)
    };
    // The search index builds beside the render on a thread of its own, not
    // a rayon worker: the render loop waits for the writer, whose parallel
    // writes need a free worker (a worker waiting there would deadlock).
    let (rendered_keys, search) = std::thread::scope(|scope| {
        let search =
            scope.spawn(|| (!search_kept).then(|| SearchIndex::build(board, &config.time_zone())));
        let rendered = stream(&mut staging, &dirty, progress, render_chunk);
        let search = search.join();
        (
            rendered,
            search.unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    let mut keys = rendered_keys?;
    keys.extend(kept_keys);
    let search_paths = match search {
        Some(search) => {
            let pages = search.into_pages();
            staging.add_all(&pages).map_err(|e| e.to_string())?;
            paths_of(pages)
        }
        None => last_search,
    };
    for page in theme.static_files() {
        if staging.has(&page.path) {
            return Err(static_clash(&page.path));
        }
        add(&mut staging, &page)?;
    }
    keys.sort();

    let new_memory = Memory {
        format: FORMAT.into(),
        rendering,
        normalizing,
        templates: theme.fingerprints().clone(),
        now: options.now,
        sources: read
            .iter()
            .filter_map(|s| Some((s.path.clone(), s.remember()?)))
            .collect(),
        keys,
        search: search_paths,
    };
    // The memory is named by its content hash; one just like the last needs
    // neither hashing nor writing. It is written beside the last one, and
    // takes its place once the output does.
    let temporary = memory_file.with_extension("json.new");
    let identity = match &last {
        Some(last) if new_memory.same_as(last) => Some(owned.build().to_string()),
        _ => write_memory(&temporary, &new_memory)
            .inspect_err(|e| {
                // Not a failure: the next build is a full one.
                let shown = memory_file.display();
                eprintln!("note: cannot remember this build in {shown}: {e}");
            })
            .ok(),
    };
    let written = staging.commit(identity.clone().unwrap_or_default());
    let new_file = identity.is_some_and(|id| id != owned.build());
    if written.is_ok() && new_file {
        if let Err(e) = std::fs::rename(&temporary, &memory_file) {
            eprintln!(
                "note: cannot remember this build in {}: {e}",
                memory_file.display()
            );
        }
    } else {
        let _ = std::fs::remove_file(&temporary);
    }
    let written = written.map_err(|e| e.to_string())?;
    let sources = read.into_iter().map(|s| (s.path, s.result)).collect();
    Ok(Built {
        written,
        sources,
        walk_errors: walk_errors.into_iter().map(walk_error).collect(),
        board: plan.board,
        profile_problems: config.companies.diagnostics.clone(),
        unpublished: options.unpublished,
        normalized,
        rendered,
    })
}

/// Renders `keys` chunk by chunk (`render_chunk` gets the chunk's number),
/// each chunk's pages going to the output on a writer thread while the
/// next renders. Returns each key's files.
fn stream(
    staging: &mut Staging,
    keys: &[PageKey],
    progress: &dyn Progress,
    render_chunk: impl Fn(usize, &[PageKey]) -> Result<Vec<Vec<Page>>, render::RenderError>,
) -> Result<Vec<(PageKey, Vec<String>)>, String> {
    let (sender, receiver) = mpsc::sync_channel::<Vec<Vec<Page>>>(CHUNKS_IN_FLIGHT);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> Result<Vec<Vec<String>>, OutputError> {
            let mut paths = Vec::new();
            for chunk in receiver {
                staging.add_all(chunk.iter().flatten())?;
                paths.extend(chunk.into_iter().map(paths_of));
            }
            Ok(paths)
        });
        let mut render_error = None;
        // With no key to render, the changed postings are still checked.
        let mut chunks: Vec<&[PageKey]> = keys.chunks(KEYS_PER_REPORT).collect();
        if chunks.is_empty() {
            chunks.push(&[]);
        }
        for (n, chunk) in chunks.into_iter().enumerate() {
            match render_chunk(n, chunk) {
                Ok(pages) => {
                    if sender.send(pages).is_err() {
                        break; // the writer failed: its error is the build's
                    }
                }
                Err(e) => {
                    render_error = Some(e.to_string());
                    break;
                }
            }
            progress.advance(chunk.len());
        }
        drop(sender);
        let paths = writer
            .join()
            .map_err(|_| "the output writer stopped".to_string())?
            .map_err(|e| e.to_string());
        if let Some(e) = render_error {
            return Err(e);
        }
        Ok(keys.iter().cloned().zip(paths?).collect())
    })
}

fn add(staging: &mut Staging, page: &Page) -> Result<(), String> {
    staging
        .add(&page.path, &page.bytes)
        .map_err(|e| e.to_string())
}

fn paths_of(pages: Vec<Page>) -> Vec<String> {
    pages.into_iter().map(|page| page.path).collect()
}

/// One posting file, read this build.
struct Read {
    path: String,
    hash: String,
    added: Option<jiff::Timestamp>,
    result: Result<Arc<Posting>, PostingError>,
    /// Taken from the memory, not normalized again.
    remembered: bool,
}

impl Read {
    fn remember(&self) -> Option<Source> {
        let posting = self.result.as_ref().ok()?;
        Some(Source {
            hash: self.hash.clone(),
            added: self.added,
            posting: posting.clone(),
            diagnostics: posting.diagnostics.clone(),
        })
    }
}

/// Reads every posting file and normalizes those the memory does not hold
/// as they are now.
fn read_sources(
    normalizer: &Normalizer,
    files: &[SourceFile],
    added: &HashMap<String, jiff::Timestamp>,
    memory: Option<&Memory>,
    now: jiff::Timestamp,
    progress: &dyn Progress,
) -> Vec<Read> {
    let then = memory.map(|m| m.now);
    files
        .par_iter()
        .map(|file| {
            let bytes = content::read_posting(&file.absolute);
            let hash = bytes.as_ref().map(|b| content_hash(b)).unwrap_or_default();
            let added = added.get(&file.path).copied();
            let known = memory
                .zip(then)
                .and_then(|(m, then)| Some((m.sources.get(&file.path)?, then)))
                .filter(|(s, then)| {
                    !hash.is_empty()
                        && s.hash == hash
                        && s.added == added
                        && same_status(&s.posting, *then, now)
                });
            let (result, remembered) = match known {
                Some((source, _)) => (Ok(source.posting.clone()), true),
                None => (
                    super::normalize_read(normalizer, file, bytes).map(Arc::new),
                    false,
                ),
            };
            progress.advance(1);
            Read {
                path: file.path.clone(),
                hash,
                added,
                result,
                remembered,
            }
        })
        .collect()
}

/// Whether a posting normalized at `then` is the same at `now`: its status
/// turns only at its date and its expiry, so neither may lie between them;
/// an undated one shows the build's day as its date, so "now" may not move.
fn same_status(posting: &Posting, then: jiff::Timestamp, now: jiff::Timestamp) -> bool {
    let (from, to) = (then.min(now), then.max(now));
    let not_between = |moment: Instant| !(from..=to).contains(&moment.timestamp());
    (posting.date.is_some() || then == now)
        && [posting.date, posting.expires]
            .into_iter()
            .flatten()
            .all(not_between)
}

/// Which keys to render and which to keep, and the board.
struct Plan {
    board: Board,
    dirty: Vec<PageKey>,
    /// Keys whose files are those of the last build.
    kept: Vec<(PageKey, Vec<String>)>,
    /// Indices of new or changed postings; `None`: all.
    fresh: Option<Vec<usize>>,
    search_changed: bool,
}

impl Plan {
    fn make(
        memory: Option<&Memory>,
        rendering: &str,
        read: &[Read],
        config: &Config,
        theme: &Theme,
        options: &SiteOptions,
    ) -> Plan {
        let sources: BTreeMap<String, Result<Arc<Posting>, PostingError>> = read
            .iter()
            .map(|s| (s.path.clone(), s.result.clone()))
            .collect();
        let current = postings_of(&sources, options.unpublished);
        let Some(memory) = memory.filter(|m| m.rendering == rendering) else {
            let board = Board::new(current);
            let dirty = render::page_keys(&board, config);
            return Plan {
                board,
                dirty,
                kept: Vec::new(),
                fresh: None,
                search_changed: true,
            };
        };
        // The last build's board, sharing the postings that did not change.
        let before: Vec<Arc<Posting>> = memory
            .sources
            .values()
            .map(|source| source.posting.clone())
            .filter(|p| options.unpublished.shows(p.status))
            .collect();
        let old = Board::new(before);
        let board = old.next(current);
        let plan = incremental::plan(&old, &board, config);
        let mut dirty: BTreeSet<PageKey> = plan.dirty.into_iter().collect();
        if memory.now != options.now {
            dirty.extend(
                render::page_keys(&board, config)
                    .into_iter()
                    .filter(render::shows_now),
            );
        }
        let files: HashMap<&PageKey, &Vec<String>> =
            memory.keys.iter().map(|(k, files)| (k, files)).collect();
        let mut kept = Vec::new();
        for key in render::page_keys(&board, config) {
            let unchanged =
                !dirty.contains(&key) && !render::template_changed(&key, theme, &memory.templates);
            match files.get(&key) {
                Some(paths) if unchanged => kept.push((key, paths.to_vec())),
                _ => {
                    dirty.insert(key);
                }
            }
        }
        let search_changed = !plan.changed_postings.is_empty();
        let fresh = plan
            .changed_postings
            .iter()
            .filter_map(|&(_, new)| new)
            .collect();
        Plan {
            board,
            dirty: dirty.into_iter().collect(),
            kept,
            fresh: Some(fresh),
            search_changed,
        }
    }
}

/// What every page's bytes depend on besides the postings and templates:
/// hireboard's version, the config (with the command line's overrides) and
/// which unpublished postings are shown.
fn render_settings(config: &Config, unpublished: Unpublished) -> String {
    let settings = format!("{FORMAT} {config:?} {unpublished:?}");
    content_hash(settings.as_bytes())
}

impl Memory {
    /// The memory the build that wrote `owned` left, if it is that one.
    fn read(file: &Path, owned: &Manifest) -> Option<Memory> {
        if owned.build().is_empty() {
            return None;
        }
        // Read whole: parsing from a slice is several times faster.
        let bytes = std::fs::read(file).ok()?;
        if content_hash(&bytes) != owned.build() {
            return None;
        }
        let mut memory: Memory = serde_json::from_slice(&bytes).ok()?;
        if memory.format != FORMAT {
            return None;
        }
        for source in memory.sources.values_mut() {
            source.restore();
        }
        Some(memory)
    }

    /// The same memory as `other`, without writing it out: the same
    /// settings, keys and files, and the very same postings.
    fn same_as(&self, other: &Memory) -> bool {
        let same_sources = self.sources.len() == other.sources.len()
            && self
                .sources
                .iter()
                .zip(&other.sources)
                .all(|((p, a), (q, b))| {
                    p == q
                        && a.hash == b.hash
                        && a.added == b.added
                        && Arc::ptr_eq(&a.posting, &b.posting)
                });
        same_sources
            && (&self.format, &self.rendering, &self.normalizing, &self.now)
                == (
                    &other.format,
                    &other.rendering,
                    &other.normalizing,
                    &other.now,
                )
            && self.templates == other.templates
            && self.keys == other.keys
            && self.search == other.search
    }
}

/// The memory of the site's last build. One, whatever the output folder:
/// the manifest of a folder names the memory it was built with, so a build
/// into another folder in between makes the next one full, never wrong, and
/// memories do not pile up.
fn memory_file(root: &Path) -> PathBuf {
    root.join(CACHE_DIR).join("build.json")
}

/// Writes the memory into `file`, as it goes (for 100,000 postings it is
/// hundreds of megabytes); returns its content hash.
fn write_memory(file: &Path, memory: &Memory) -> std::io::Result<String> {
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let mut writer = Hashing::new(std::io::BufWriter::new(std::fs::File::create(file)?));
    serde_json::to_writer(&mut writer, memory)?;
    let (buffered, hash) = writer.finish();
    buffered.into_inner().map_err(|e| e.into_error())?;
    Ok(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` normalized on 2026-03-01.
    fn normalized(text: &str) -> Posting {
        let now = "2026-03-01T00:00:00Z".parse().unwrap();
        let normalizer = Normalizer::new(&Config::default().normalizing(), now);
        normalizer
            .normalize("content/a.md", text.as_bytes())
            .unwrap()
    }

    #[test]
    fn a_record_survives_being_remembered() {
        let text = "---\ntitle: Rust Developer\ncompany: Acme\nsalary: 90k-120k EUR\ncompnay: x\nlocation: Berlin\ntags: [rust]\n---\nBuild things. Apply at jobs@acme.example\n";
        let posting = normalized(text);
        assert!(!posting.diagnostics.is_empty(), "the test needs a warning");
        let read = Read {
            path: "content/a.md".into(),
            hash: content_hash(text.as_bytes()),
            added: None,
            result: Ok(Arc::new(posting.clone())),
            remembered: false,
        };
        let json = serde_json::to_vec(&read.remember().unwrap()).unwrap();
        let mut source: Source = serde_json::from_slice(&json).unwrap();
        source.restore();
        // Why fields were guessed is for `inspect`, which normalizes afresh.
        let mut posting = posting;
        posting.evidence.clear();
        assert_eq!(*source.posting, posting);
    }

    #[test]
    fn a_status_is_remembered_only_while_no_date_of_it_is_passed() {
        let text = "---\ntitle: Rust Developer\ncompany: Acme\ndate: 2026-02-01\nexpires: 2026-04-01\n---\nBody.\n";
        let posting = normalized(text);
        let at = |t: &str| t.parse::<jiff::Timestamp>().unwrap();
        let then = at("2026-03-01T00:00:00Z");
        assert!(same_status(&posting, then, at("2026-03-20T00:00:00Z")));
        assert!(!same_status(&posting, then, at("2026-04-02T00:00:00Z")));
        assert!(!same_status(&posting, then, at("2026-01-20T00:00:00Z")));
    }
}
