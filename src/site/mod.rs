//! The site: loading (config, posting files, normalization in parallel) and
//! [`Site`], the whole built site in memory, which `build` writes out and
//! `serve` keeps and updates as files change.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use rayon::prelude::*;

use crate::board::Board;
use crate::config::Config;
use crate::content::{self, LoadError, SourceFile};
use crate::posting::{Normalizer, Posting, PostingError, Status};
use crate::render::search::SearchIndex;
use crate::render::{self, Page, PageKey, RenderOptions, Theme};

mod history;
mod incremental;
mod remembered;

pub use remembered::{build, Built, CACHE_DIR};

/// Every posting that normalized, and every file that did not.
pub struct Loaded {
    pub postings: Vec<Posting>,
    pub errors: Vec<PostingError>,
}

/// Normalizes `files` in parallel; results are in the order of `files`.
pub fn normalize_files(normalizer: &Normalizer, files: &[SourceFile]) -> Loaded {
    let results: Vec<Result<Posting, PostingError>> = files
        .par_iter()
        .map(|file| normalize_file(normalizer, file))
        .collect();
    let mut loaded = Loaded {
        postings: Vec::with_capacity(results.len()),
        errors: Vec::new(),
    };
    for result in results {
        match result {
            Ok(p) => loaded.postings.push(p),
            Err(e) => loaded.errors.push(e),
        }
    }
    loaded
}

/// Normalizes the posting files [`content::discover`] found; the files it
/// could not walk are among the errors.
pub fn load(normalizer: &Normalizer, found: (Vec<SourceFile>, Vec<LoadError>)) -> Loaded {
    let (files, walk_errors) = found;
    let mut loaded = normalize_files(normalizer, &files);
    loaded
        .errors
        .extend(walk_errors.into_iter().map(walk_error));
    loaded.errors.sort_by(|a, b| a.path.cmp(&b.path));
    loaded
}

/// The site root for `path`: the nearest folder at or above it holding a
/// `hireboard.yaml`, else the current folder.
pub fn find_root(path: &Path) -> PathBuf {
    let start = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    start
        .ancestors()
        .find(|dir| dir.join(crate::config::CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")))
}

/// The build's "now": `--now`, else `SOURCE_DATE_EPOCH`, else the clock.
pub fn resolve_now(flag: Option<&str>) -> Result<jiff::Timestamp, String> {
    if let Some(text) = flag {
        return parse_now(text).ok_or_else(|| {
            format!(
                "--now `{text}` is not a date: use RFC 3339 (2025-03-03T12:00:00Z) or 2025-03-03"
            )
        });
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        return epoch
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds"));
    }
    Ok(jiff::Timestamp::now())
}

fn parse_now(text: &str) -> Option<jiff::Timestamp> {
    text.parse::<jiff::Timestamp>().ok().or_else(|| {
        let date: jiff::civil::Date = text.parse().ok()?;
        date.to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    })
}

/// Loads the config of the site at `root`, as an error message on failure.
pub fn load_config(root: &Path) -> Result<Config, String> {
    let mut config = Config::load(root).map_err(|e| e.to_string())?;
    config.companies = crate::companies::load(root);
    Ok(config)
}

/// The normalizer of the site at `root`: its config, the build's "now",
/// and the dates its git history gives undated postings.
pub fn normalizer(root: &Path, config: &Config, now: jiff::Timestamp) -> Normalizer {
    Normalizer::new(&config.normalizing(), now).with_added_dates(history::added_dates(root))
}

/// Which unpublished postings a site shows (marked as such): `serve` both,
/// `build --drafts` drafts, a plain build neither, so that no file of the
/// site mentions them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unpublished {
    pub drafts: bool,
    pub scheduled: bool,
}

impl Unpublished {
    pub const SHOWN: Unpublished = Unpublished {
        drafts: true,
        scheduled: true,
    };

    fn shows(self, status: Status) -> bool {
        match status {
            Status::Draft => self.drafts,
            Status::Scheduled => self.scheduled,
            _ => true,
        }
    }
}

/// How to build: the time, and what the command line overrides.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    pub now: jiff::Timestamp,
    pub unpublished: Unpublished,
    /// Replaces `base_url` of the config (`--base-url`, or the dev server's address).
    pub base_url: Option<String>,
    /// A snippet the dev server injects into every HTML page.
    pub live_reload: Option<String>,
}

/// What the summary line reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Postings the site shows, closed ones included.
    pub postings: usize,
    /// Of those, closed or expired ones.
    pub closed: usize,
    /// Drafts and scheduled postings the site leaves out.
    pub drafts: usize,
    pub scheduled: usize,
    pub companies: usize,
    pub tags: usize,
    pub warnings: usize,
    pub files: usize,
}

/// Told how a long load is going: `build` draws a progress bar with it.
pub trait Progress: Sync {
    /// A stage of `total` steps starts.
    fn start(&self, stage: &'static str, total: usize);
    /// `n` more steps of the stage are done.
    fn advance(&self, n: usize);
}

/// No progress to show.
impl Progress for () {
    fn start(&self, _: &'static str, _: usize) {}
    fn advance(&self, _: usize) {}
}

/// Keys rendered between two progress reports: small enough for a smooth
/// bar, big enough to keep both cores busy.
const KEYS_PER_REPORT: usize = 512;

/// The whole site, built, in memory: every output file, and what it was
/// built from, so that a change re-does only what it touches.
pub struct Site {
    root: PathBuf,
    options: SiteOptions,
    config: Config,
    theme: Theme,
    normalizer: Normalizer,
    /// Every posting file by path, normalized or not.
    sources: BTreeMap<String, Result<Arc<Posting>, PostingError>>,
    /// Problems found while walking content/ (symlink loops, unreadable folders).
    walk_errors: Vec<PostingError>,
    board: Board,
    output: Output,
}

/// The rendered files and what owns each of them.
struct Output {
    /// The files each page key produced.
    owned: foldhash::HashMap<PageKey, Vec<String>>,
    search: SearchIndex,
    files: HashMap<String, Bytes>,
}

/// What a rebuild did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Update {
    /// Output files written or removed.
    pub changed_files: Vec<String>,
    /// Only stylesheets changed.
    pub css_only: bool,
    /// Page keys rendered again.
    pub rendered: usize,
    /// Posting pages that moved because an edit changed the slug: (old
    /// output file, new output file), so the dev server can redirect a
    /// page open on the old address.
    pub moved: Vec<(String, String)>,
}

impl Site {
    /// Loads and renders everything. Fails on a broken config or theme;
    /// broken posting files are left out and reported by [`Site::errors`].
    pub fn load(root: &Path, options: SiteOptions) -> Result<Site, String> {
        let config = effective_config(root, &options)?;
        let theme = Theme::load(root, &config).map_err(|e| e.to_string())?;
        let normalizer = normalizer(root, &config, options.now);
        let (files, walk_errors) = content::discover(root, &[root.join(content::CONTENT_DIR)]);
        let sources = normalize_each(&normalizer, &files);
        let board = Board::new(postings_of(&sources, options.unpublished));
        let output = render_everything(&board, &config, &theme, &render_options(&options))?;
        Ok(Site {
            root: root.to_path_buf(),
            config,
            theme,
            normalizer,
            sources,
            walk_errors: walk_errors.into_iter().map(walk_error).collect(),
            board,
            output,
            options,
        })
    }

    /// Output path to bytes, cheap to clone for serving.
    pub fn files(&self) -> &HashMap<String, Bytes> {
        &self.output.files
    }

    /// Posting files that could not be normalized, by path.
    pub fn errors(&self) -> Vec<PostingError> {
        errors_of(&self.sources, &self.walk_errors)
    }

    /// The warnings of every posting the site shows, and the problems of
    /// company profiles (left out of the pages that would show them).
    pub fn warnings(&self) -> impl Iterator<Item = &crate::posting::Diagnostic> {
        warnings_of(&self.board, &self.config.companies.diagnostics)
    }

    pub fn stats(&self) -> Stats {
        let files = self.output.files.len();
        stats_of(&self.board, &self.sources, self.options.unpublished, files)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Brings the site up to date with a batch of changed files. On a broken
    /// config, theme or template the site stays as it was and the error is
    /// returned; broken postings are left out and show in [`Site::errors`].
    pub fn apply(&mut self, changes: &Changes) -> Result<Update, String> {
        if changes.config {
            let fresh = Site::load(&self.root, self.options.clone())?;
            let changed_files = changed_files(&self.output.files, &fresh.output.files);
            *self = fresh;
            return Ok(Update {
                changed_files,
                ..Update::default()
            });
        }
        let mut changed = Vec::new();
        let mut rendered = 0;
        // A broken theme must not lose the content changes of the same batch
        // (a checkout touching both): they are applied with the last good theme.
        let mut theme_error = None;
        if changes.templates || changes.static_files {
            match self.reload_theme(changes.templates) {
                Ok(update) => (changed, rendered) = update,
                Err(message) => theme_error = Some(message),
            }
        }
        let mut moved = Vec::new();
        if !changes.content.is_empty() {
            let slugs = self.sync_sources(&changes.content);
            let (files, keys) = self.rerender(None)?;
            changed.extend(files);
            rendered += keys;
            moved = self.moved_pages(slugs);
            changed.sort();
            changed.dedup();
        }
        if let Some(message) = theme_error {
            return Err(message);
        }
        let css_only = !changed.is_empty() && changed.iter().all(|path| path.ends_with(".css"));
        Ok(Update {
            changed_files: changed,
            css_only,
            rendered,
            moved,
        })
    }

    /// Of the (old slug, new slug) pairs of re-read files, the posting pages
    /// that are gone from the old address and exist at the new one.
    fn moved_pages(&self, slugs: Vec<(String, String)>) -> Vec<(String, String)> {
        let files = &self.output.files;
        slugs
            .into_iter()
            .filter(|(old, new)| old != new)
            .map(|(old, new)| (render::posting_file(&old), render::posting_file(&new)))
            .filter(|(old, new)| !files.contains_key(old) && files.contains_key(new))
            .collect()
    }

    /// Reloads the theme; returns the output files that changed and how
    /// many keys rendered again. Changed
    /// templates re-render the pages whose template reaches one of them;
    /// changed static files only replace themselves (no page embeds their
    /// bytes), so that a stylesheet edit on a big board is instant.
    fn reload_theme(&mut self, templates: bool) -> Result<(Vec<String>, usize), String> {
        let theme = Theme::load(&self.root, &self.config).map_err(|e| e.to_string())?;
        let statics = |theme: &Theme| -> HashSet<String> {
            theme.static_files().into_iter().map(|p| p.path).collect()
        };
        let (old_statics, new_statics) = (statics(&self.theme), theme.static_files());
        let files = &self.output.files;
        if let Some(clash) = new_statics
            .iter()
            .find(|p| !old_statics.contains(&p.path) && files.contains_key(&p.path))
        {
            return Err(static_clash(&clash.path));
        }
        let old = std::mem::replace(&mut self.theme, theme);
        let (mut changed, mut rendered) = (Vec::new(), 0);
        if templates {
            match self.rerender(Some(old.fingerprints())) {
                Ok(update) => (changed, rendered) = update,
                Err(e) => {
                    self.theme = old;
                    return Err(e);
                }
            }
        }
        let files = &mut self.output.files;
        for path in old_statics
            .iter()
            .filter(|path| !new_statics.iter().any(|p| &p.path == *path))
        {
            files.remove(path);
            changed.push(path.clone());
        }
        for page in new_statics {
            let bytes = Bytes::from(page.bytes);
            if files.get(&page.path) != Some(&bytes) {
                changed.push(page.path.clone());
                files.insert(page.path, bytes);
            }
        }
        changed.sort();
        changed.dedup();
        Ok((changed, rendered))
    }

    /// Re-reads changed paths under content/: a path (file or folder) that is
    /// gone takes its postings with it; one that exists is walked again.
    /// Returns (old slug, new slug) of each file that normalized before and after.
    fn sync_sources(&mut self, paths: &BTreeSet<PathBuf>) -> Vec<(String, String)> {
        let mut slugs = Vec::new();
        let root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        for path in paths {
            let Ok(relative) = path
                .strip_prefix(&root)
                .or_else(|_| path.strip_prefix(&self.root))
            else {
                continue;
            };
            let relative = relative.to_string_lossy().replace('\\', "/");
            let folder = format!("{relative}/");
            let mut before: HashMap<String, String> = HashMap::new();
            self.sources.retain(|p, source| {
                let keep = p != &relative && !p.starts_with(&folder);
                if let (false, Ok(posting)) = (keep, source) {
                    before.insert(p.clone(), posting.slug.clone());
                }
                keep
            });
            self.walk_errors
                .retain(|e| e.path != relative && !e.path.starts_with(&folder));
            if !path.exists() {
                continue;
            }
            let (files, walk_errors) = content::discover(&self.root, std::slice::from_ref(path));
            // A changed path may be any file: only postings are read.
            let files: Vec<SourceFile> = files
                .into_iter()
                .filter(|f| content::is_posting_file(Path::new(&f.path)))
                .collect();
            let fresh = normalize_each(&self.normalizer, &files);
            for (path, source) in &fresh {
                if let (Some(old), Ok(posting)) = (before.remove(path), source) {
                    slugs.push((old, posting.slug.clone()));
                }
            }
            self.sources.extend(fresh);
            self.walk_errors
                .extend(walk_errors.into_iter().map(walk_error));
        }
        slugs
    }

    /// Rebuilds the board from the sources and re-renders exactly the keys
    /// whose inputs changed; returns the output files written or removed.
    /// With the fingerprints of the templates the pages were rendered with,
    /// also the pages whose template changed since.
    fn rerender(
        &mut self,
        templates_before: Option<&BTreeMap<String, String>>,
    ) -> Result<(Vec<String>, usize), String> {
        let board = self
            .board
            .next(postings_of(&self.sources, self.options.unpublished));
        let mut plan = incremental::plan(&self.board, &board, &self.config);
        if let Some(before) = templates_before {
            let planned: HashSet<PageKey> = plan.dirty.iter().cloned().collect();
            let reached = render::page_keys(&board, &self.config)
                .into_iter()
                .filter(|key| {
                    !planned.contains(key) && render::template_changed(key, &self.theme, before)
                });
            plan.dirty.extend(reached);
        }
        let options = render_options(&self.options);
        let fresh = plan.changed_postings.iter().filter_map(|&(_, new)| new);
        // The search index is updated beside the render, and taken back
        // (each replace undone by its inverse) if the render fails.
        let (rendered, search_paths) = rayon::join(
            || {
                render::render_changed(
                    &board,
                    &self.config,
                    &self.theme,
                    &options,
                    &plan.dirty,
                    fresh,
                )
            },
            || {
                update_search(
                    &mut self.output.search,
                    &self.board,
                    &board,
                    &plan.changed_postings,
                )
            },
        );
        let rendered = match rendered {
            Ok(rendered) => rendered,
            Err(e) => {
                let back: Vec<_> = plan.changed_postings.iter().map(|&(a, b)| (b, a)).collect();
                update_search(&mut self.output.search, &board, &self.board, &back);
                return Err(e.to_string());
            }
        };
        let output = &mut self.output;
        let mut changed = Vec::new();
        let rendered_keys = plan.dirty.len();
        for key in &plan.removed {
            for path in output.owned.remove(key).unwrap_or_default() {
                output.files.remove(&path);
                changed.push(path);
            }
        }
        for (key, pages) in plan.dirty.into_iter().zip(rendered) {
            let new_paths: Vec<String> = pages.iter().map(|p| p.path.clone()).collect();
            for stale in output.owned.remove(&key).unwrap_or_default() {
                if !new_paths.contains(&stale) {
                    output.files.remove(&stale);
                    changed.push(stale);
                }
            }
            for page in pages {
                let bytes = Bytes::from(page.bytes);
                if output.files.get(&page.path) != Some(&bytes) {
                    changed.push(page.path.clone());
                    output.files.insert(page.path, bytes);
                }
            }
            output.owned.insert(key, new_paths);
        }
        for path in search_paths {
            match output.search.page(&path) {
                Some(page) => output.files.insert(path.clone(), Bytes::from(page.bytes)),
                None => output.files.remove(&path),
            };
            changed.push(path);
        }
        // Letting go of 10,000 postings is a pass over all of them: done
        // beside the reload, not before it.
        let old = std::mem::replace(&mut self.board, board);
        rayon::spawn(move || drop(old));
        Ok((changed, rendered_keys))
    }
}

type Sources = BTreeMap<String, Result<Arc<Posting>, PostingError>>;

fn errors_of(sources: &Sources, walk_errors: &[PostingError]) -> Vec<PostingError> {
    let mut errors: Vec<PostingError> = sources
        .values()
        .filter_map(|r| r.as_ref().err().cloned())
        .chain(walk_errors.iter().cloned())
        .collect();
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    errors
}

/// The postings' warnings, then the company profiles' problems.
fn warnings_of<'a>(
    board: &'a Board,
    profile_problems: &'a [crate::posting::Diagnostic],
) -> impl Iterator<Item = &'a crate::posting::Diagnostic> {
    let postings = board.postings.iter().flat_map(|p| p.diagnostics.iter());
    postings.chain(profile_problems)
}

fn stats_of(board: &Board, sources: &Sources, unpublished: Unpublished, files: usize) -> Stats {
    // How many postings of this status the site does not show.
    let left_out = |status: Status| {
        let shown = unpublished.shows(status);
        let of_status = sources.values().flatten();
        of_status.filter(|p| p.status == status && !shown).count()
    };
    Stats {
        postings: board.postings.len(),
        closed: board.postings.len() - board.open.len(),
        drafts: left_out(Status::Draft),
        scheduled: left_out(Status::Scheduled),
        companies: board.companies.len(),
        tags: board.tags.len(),
        warnings: board.postings.iter().map(|p| p.warnings.len()).sum(),
        files,
    }
}

fn render_options(options: &SiteOptions) -> RenderOptions {
    RenderOptions {
        now: options.now,
        live_reload: options.live_reload.clone(),
    }
}

/// Renders every key, the theme's static files and the search index.
fn render_everything(
    board: &Board,
    config: &Config,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Output, String> {
    let (pages, search) = rayon::join(
        || render_pages(board, config, theme, options),
        || SearchIndex::build(board, &config.time_zone()),
    );
    let (mut files, owned) = pages?;
    insert_all(&mut files, search.pages());
    Ok(Output {
        owned,
        search,
        files,
    })
}

/// Every file but the search index's, and the files of each key.
type Rendered = (
    HashMap<String, Bytes>,
    foldhash::HashMap<PageKey, Vec<String>>,
);

/// Renders every key and the theme's static files.
fn render_pages(
    board: &Board,
    config: &Config,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Rendered, String> {
    let keys = render::page_keys(board, config);
    let rendered =
        render::render_keyed(board, config, theme, options, &keys).map_err(|e| e.to_string())?;
    let mut files = HashMap::with_capacity(keys.len() + 256);
    let mut owned = foldhash::HashMap::with_capacity_and_hasher(keys.len(), Default::default());
    for (key, pages) in keys.into_iter().zip(rendered) {
        owned.insert(key, pages.iter().map(|p| p.path.clone()).collect());
        insert_all(&mut files, pages);
    }
    let static_files = theme.static_files();
    if let Some(clash) = static_files.iter().find(|p| files.contains_key(&p.path)) {
        return Err(static_clash(&clash.path));
    }
    insert_all(&mut files, static_files);
    Ok((files, owned))
}

/// Brings `search` from the postings of `old` to those of `new`, given the
/// postings that changed; returns the paths of its files that changed.
fn update_search(
    search: &mut SearchIndex,
    old: &Board,
    new: &Board,
    changed_postings: &[(Option<usize>, Option<usize>)],
) -> Vec<String> {
    let mut paths = Vec::new();
    for (before, after) in changed_postings {
        paths.extend(search.replace(
            before.map(|i| &*old.postings[i]),
            after.map(|i| &*new.postings[i]),
        ));
    }
    paths
}

fn static_clash(path: &str) -> String {
    format!(
        "the static file `{path}` has the path of a page hireboard generates: rename or remove it"
    )
}

/// Every posting that normalized and that the site shows.
fn postings_of(
    sources: &BTreeMap<String, Result<Arc<Posting>, PostingError>>,
    unpublished: Unpublished,
) -> impl Iterator<Item = Arc<Posting>> + '_ {
    sources
        .values()
        .filter_map(|r| r.as_ref().ok())
        .filter(move |p| unpublished.shows(p.status))
        .cloned()
}

fn insert_all(files: &mut HashMap<String, Bytes>, pages: Vec<Page>) {
    for page in pages {
        files.insert(page.path, Bytes::from(page.bytes));
    }
}

fn normalize_each(normalizer: &Normalizer, files: &[SourceFile]) -> Sources {
    files
        .par_iter()
        .map(|file| {
            let posting = normalize_file(normalizer, file).map(Arc::new);
            (file.path.clone(), posting)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

fn normalize_file(normalizer: &Normalizer, file: &SourceFile) -> Result<Posting, PostingError> {
    normalize_read(normalizer, file, content::read_posting(&file.absolute))
}

/// Normalizes a file from what reading it gave.
fn normalize_read(
    normalizer: &Normalizer,
    file: &SourceFile,
    read: Result<Vec<u8>, content::ReadError>,
) -> Result<Posting, PostingError> {
    match read {
        Ok(bytes) => normalizer.normalize(&file.path, &bytes),
        Err(content::ReadError::TooBig(bytes)) => Err(crate::posting::too_big(&file.path, bytes)),
        Err(content::ReadError::Io(e)) => Err(PostingError {
            code: "unreadable",
            path: file.path.clone(),
            line: None,
            column: None,
            message: format!("cannot read the file: {e}"),
        }),
    }
}

fn walk_error(LoadError { path, message }: LoadError) -> PostingError {
    PostingError {
        code: "content-walk",
        path,
        line: None,
        column: None,
        message,
    }
}

/// The config of the site at `root` with the command line's overrides.
pub fn effective_config(root: &Path, options: &SiteOptions) -> Result<Config, String> {
    let mut config = load_config(root)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    Ok(config)
}

/// Paths whose bytes differ between two versions of the site (or exist in one only).
fn changed_files(old: &HashMap<String, Bytes>, new: &HashMap<String, Bytes>) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(path, bytes)| old.get(*path) != Some(bytes))
        .map(|(path, _)| path.clone())
        .chain(old.keys().filter(|path| !new.contains_key(*path)).cloned())
        .collect();
    changed.sort();
    changed
}

/// One batch of changed files, sorted by what they invalidate.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    pub config: bool,
    pub templates: bool,
    pub static_files: bool,
    /// Paths under content/ (files or folders) to re-read from disk.
    pub content: BTreeSet<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        !self.config && !self.templates && !self.static_files && self.content.is_empty()
    }

    /// Sorts changed paths (absolute, under `root`) into a batch; hidden
    /// files, editor leftovers and everything outside the sources are dropped.
    pub fn classify(root: &Path, theme: &str, paths: impl IntoIterator<Item = PathBuf>) -> Changes {
        let mut changes = Changes::default();
        for path in paths {
            let Ok(relative) = path.strip_prefix(root) else {
                continue;
            };
            let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
            let name = parts.last().copied().unwrap_or("");
            if parts.iter().any(|p| content::is_ignored_name(p)) || is_editor_temp(name) {
                continue;
            }
            match parts.as_slice() {
                [crate::config::CONFIG_FILE] => changes.config = true,
                // A profile shows on many pages: simplest to rebuild them all.
                [crate::companies::COMPANIES_DIR, ..] => changes.config = true,
                [content::CONTENT_DIR, ..] => {
                    changes.content.insert(path.clone());
                }
                ["templates", ..] => changes.templates = true,
                ["themes", t, "templates", ..] if *t == theme => changes.templates = true,
                ["static", ..] => changes.static_files = true,
                ["themes", t, "static", ..] if *t == theme => changes.static_files = true,
                _ => {}
            }
        }
        changes
    }
}

/// Vim's write test file `4913`, and the temp files editors rename over.
fn is_editor_temp(name: &str) -> bool {
    name == "4913" || name.ends_with(".swp") || name.ends_with(".swx") || name.ends_with(".tmp")
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
    fn changes_are_sorted_by_what_they_invalidate() {
        let c = classify(&["content/a.md", "content/new-folder", "templates/base.html"]);
        assert!(c.templates && !c.config && !c.static_files);
        assert_eq!(c.content.len(), 2);
        assert!(classify(&["hireboard.yaml"]).config);
        assert!(classify(&["static/site.css", "themes/default/static/x.js"]).static_files);
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

#[cfg(test)]
mod apply_tests {
    use super::*;
    use std::fs;

    fn site_with(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf, Site) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::write(root.join("hireboard.yaml"), "title: T\n").unwrap();
        fs::create_dir(root.join("content")).unwrap();
        for (path, text) in files {
            let path = root.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let options = SiteOptions {
            now: "2025-03-10T00:00:00Z".parse().unwrap(),
            unpublished: Unpublished::default(),
            base_url: None,
            live_reload: None,
        };
        let site = Site::load(&root, options).unwrap();
        (dir, root, site)
    }

    const POSTING: &str = "---\ntitle: Second Role\ncompany: Acme\n---\nBody.\n";

    #[test]
    fn a_static_file_cannot_replace_a_page() {
        let (_dir, root, site) = site_with(&[("content/b.md", POSTING)]);
        fs::create_dir(root.join("static")).unwrap();
        fs::write(root.join("static/robots.txt"), "mine").unwrap();
        let error = Site::load(&root, site.options.clone()).err().unwrap();
        assert!(error.contains("robots.txt"), "{error}");
    }

    #[test]
    fn a_broken_template_does_not_lose_content_of_the_same_batch() {
        let (_dir, root, mut site) = site_with(&[(
            "content/a.md",
            "---\ntitle: First Role\ncompany: Acme\n---\nBody.\n",
        )]);
        fs::create_dir(root.join("templates")).unwrap();
        fs::write(root.join("templates/posting.html"), "{{ broken").unwrap();
        fs::write(root.join("content/b.md"), POSTING).unwrap();
        let batch = Changes::classify(
            &root,
            "default",
            [
                root.join("templates/posting.html"),
                root.join("content/b.md"),
            ],
        );
        let error = site.apply(&batch).unwrap_err();
        assert!(error.contains("templates/posting.html"), "{error}");
        assert!(site
            .files()
            .contains_key("jobs/acme-second-role/index.html"));
    }

    #[test]
    fn static_files_are_replaced_without_rendering_pages() {
        let (_dir, root, mut site) = site_with(&[("content/b.md", POSTING)]);
        fs::create_dir(root.join("static")).unwrap();
        fs::write(root.join("static/style.css"), "body { color: red }").unwrap();
        fs::write(root.join("static/extra.js"), "1").unwrap();
        let batch = |paths: &[&str]| {
            Changes::classify(&root, "default", paths.iter().map(|p| root.join(p)))
        };
        // A template edited on disk but not in the batch: pages rendered
        // again would show it.
        let page = "jobs/acme-second-role/index.html";
        let before = site.files()[page].clone();
        fs::create_dir(root.join("templates")).unwrap();
        fs::write(root.join("templates/posting.html"), "edited").unwrap();
        let update = site
            .apply(&batch(&["static/style.css", "static/extra.js"]))
            .unwrap();
        assert_eq!(update.changed_files, ["extra.js", "style.css"]);
        assert_eq!(site.files()[page], before);
        fs::remove_file(root.join("templates/posting.html")).unwrap();
        fs::remove_file(root.join("static/extra.js")).unwrap();
        let update = site.apply(&batch(&["static/extra.js"])).unwrap();
        assert_eq!(update.changed_files, ["extra.js"]);
        let fresh = Site::load(&root, site.options.clone()).unwrap();
        assert!(site.files() == fresh.files());
        // A static file may not take the path of a page.
        fs::create_dir_all(root.join("static/jobs/acme-second-role")).unwrap();
        fs::write(root.join("static/jobs/acme-second-role/index.html"), "x").unwrap();
        let error = site.apply(&batch(&["static/jobs"])).unwrap_err();
        assert!(error.contains("has the path of a page"), "{error}");
    }

    #[test]
    fn a_link_out_of_the_site_is_refused_incrementally() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("x.md"), POSTING).unwrap();
        let (_dir, root, mut site) = site_with(&[]);
        let link = root.join("content/x.md");
        std::os::unix::fs::symlink(outside.path().join("x.md"), &link).unwrap();
        site.apply(&Changes::classify(&root, "default", [link]))
            .unwrap();
        assert_eq!(site.stats().postings, 0);
        let errors = site.errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path, "content/x.md");
        assert!(
            errors[0]
                .message
                .starts_with("symlink pointing outside content/ (to "),
            "{errors:?}"
        );
    }
}
