//! Bytes to canonical [`Posting`]: format detection, text repair, field
//! extraction and body rendering. Pure functions, no I/O: bytes and a
//! [`Config`] in, a record (or a [`PostingError`]) out. The `hireboard` site
//! generator uses it as `hireboard::posting`; other tools can use it alone.

use serde::{Deserialize, Serialize};

/// The canonical posting record of SCHEMA.md. Field names and value sets are
/// a contract with other tools: change them only together with SCHEMA.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Posting {
    pub slug: String,
    pub title: String,
    pub company: Option<String>,
    pub company_slug: Option<String>,
    /// When it was posted (RFC 3339 text in the record, see [`Instant`]).
    pub date: Option<Instant>,
    /// The `validThrough` of the posting.
    pub expires: Option<Instant>,
    pub expired: bool,
    /// Whether and how the site publishes it (see [`Status`]).
    #[serde(default)]
    pub status: Status,
    /// Old addresses of the posting (`/jobs/old-slug/`) that redirect to it.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub location: Vec<String>,
    pub remote: Option<Remote>,
    pub employment_type: Option<EmploymentType>,
    pub salary: Option<Salary>,
    pub tags: Vec<String>,
    pub apply: Option<String>,
    pub summary: String,
    pub body_html: String,
    pub source: Source,
    pub inferred: Vec<String>,
    /// The text of each of `diagnostics` (a contract of SCHEMA.md).
    pub warnings: Vec<String>,
    /// The warnings as data, for `check` and `build`'s summary; not in the record.
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
    /// Why each field of `inferred` was guessed, in the same order. Not part
    /// of the record: `inspect` shows it to the editor.
    #[serde(skip)]
    pub evidence: Vec<Evidence>,
    /// This record as JSON, made once: the dev server re-publishes
    /// `api/postings.json` on every edit, and most records did not change.
    #[serde(skip)]
    pub record_cache: RecordCache,
}

impl Posting {
    /// Adds a warning to both `diagnostics` and the record's `warnings`.
    pub fn warn(&mut self, diagnostic: Diagnostic) {
        self.warnings.push(diagnostic.record_text());
        self.diagnostics.push(diagnostic.in_file(&self.source.path));
    }

    /// The record as compact JSON (what `api/postings.json` lists). Cached:
    /// a posting is not changed once built, and a clone starts a fresh cache.
    pub fn record_json(&self) -> &str {
        self.record_cache
            .0
            .get_or_init(|| serde_json::to_string(self).unwrap_or_default().into())
    }
}

/// See [`Posting::record_json`]. Carries no data of the record: always equal,
/// and empty again in a clone (which may then be changed).
#[derive(Default)]
pub struct RecordCache(std::sync::OnceLock<std::sync::Arc<str>>);

impl Clone for RecordCache {
    fn clone(&self) -> Self {
        RecordCache::default()
    }
}

impl PartialEq for RecordCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for RecordCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecordCache")
    }
}

/// Why a field was guessed: where in the file, and what gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The field's name, as `inferred` lists it.
    pub field: &'static str,
    /// 1-based line of the file, when the clue is in it.
    pub line: Option<usize>,
    pub clue: Clue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clue {
    /// Words of the file (cut around the value on a long line).
    Quote(String),
    /// How the value was found when no words of the file give it.
    Said(String),
}

impl std::fmt::Display for Evidence {
    /// `line 3, "Acme is hiring a …"`, `"fully remote" in the text`, or what was done.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.clue, self.line) {
            (Clue::Quote(quote), Some(line)) => write!(f, "line {line}, \"{quote}\""),
            (Clue::Quote(quote), None) => write!(f, "\"{quote}\" in the text"),
            (Clue::Said(how), _) => f.write_str(how),
        }
    }
}

/// Where a posting is in its life, at the build's "now".
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Open: listed, in feeds, the API, search and the sitemap.
    #[default]
    Published,
    /// `draft: true` or `status: draft`: published by `build --drafts` and `serve` only.
    Draft,
    /// Its `date` is after "now": published from then on (`serve` shows it).
    Scheduled,
    /// `status: closed` or `filled`: shown like an expired posting.
    Closed,
    /// Its `expires` is before "now".
    Expired,
}

impl Status {
    /// Closed or expired: the page stays (marked, `noindex`), out of every list.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Closed | Status::Expired)
    }

    /// Not published yet: a draft or a posting dated after "now".
    pub fn is_unpublished(self) -> bool {
        matches!(self, Status::Draft | Status::Scheduled)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Remote {
    Remote,
    Hybrid,
    Onsite,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contract,
    Temporary,
    Internship,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Salary {
    /// Whole currency units.
    pub min: f64,
    pub max: f64,
    /// ISO 4217 code, e.g. "USD".
    pub currency: String,
    pub period: Period,
    /// The salary as written in the posting.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Relative to the site root, with `/` separators.
    pub path: String,
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Yaml,
    Toml,
    Pelican,
    Rst,
    Markdown,
    Oneline,
    Hn,
    Jsonld,
    Text,
}

mod diagnostic;
mod draft;
pub mod fields;
mod formats;
mod instant;
pub mod markup;
pub mod recognize;
pub mod repair;
mod slug;

pub use diagnostic::{Diagnostic, Severity};
pub use draft::{Draft, Markup, MetaEntry};
pub use instant::Instant;
pub use slug::slugify;

pub use recognize::gazetteer;
use recognize::tags::Vocabulary;

/// What normalizing needs from the site's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// ISO 4217 code for a bare `$`-less figure's currency ("USD").
    pub default_currency: String,
    /// Dates without an offset are read in this zone.
    pub time_zone: jiff::tz::TimeZone,
    /// `expires` is `date` plus this many days when a posting does not say.
    pub expire_after_days: Option<u32>,
    /// Extra skills: tag -> aliases.
    pub vocabulary: std::collections::BTreeMap<String, Vec<String>>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            default_currency: "USD".into(),
            time_zone: jiff::tz::TimeZone::UTC,
            expire_after_days: None,
            vocabulary: Default::default(),
        }
    }
}

/// Files larger than this are refused rather than normalized.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Why a file could not become a posting: where, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingError {
    /// A stable kind, as [`Diagnostic::code`].
    pub code: &'static str,
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl PostingError {
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic {
            path: self.path.clone(),
            line: self.line,
            column: self.column,
            severity: Severity::Error,
            code: self.code.into(),
            message: self.message.clone(),
            help: None,
        }
    }

    /// `path:line:column`, as far as known.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", self.path),
            (Some(line), None) => format!("{}:{line}", self.path),
            _ => self.path.clone(),
        }
    }
}

impl std::fmt::Display for PostingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

impl std::error::Error for PostingError {}

/// A problem found while parsing one format, before the path is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Everything normalization needs from the site, prepared once per build.
pub struct Normalizer {
    config: Config,
    vocabulary: Vocabulary,
    time_zone: jiff::tz::TimeZone,
    now: jiff::Timestamp,
    /// When each file was added (by source path), for postings that carry no date.
    added: std::collections::HashMap<String, jiff::Timestamp>,
}

impl Normalizer {
    /// `now` decides which postings are expired (`--now`, `SOURCE_DATE_EPOCH` or the clock).
    pub fn new(config: &Config, now: jiff::Timestamp) -> Normalizer {
        Normalizer {
            vocabulary: Vocabulary::new(&config.vocabulary),
            time_zone: config.time_zone.clone(),
            config: config.clone(),
            now,
            added: Default::default(),
        }
    }

    /// Gives undated postings the time their file was added (by source
    /// path; the site loader reads it from version control): their `date`,
    /// listed in `inferred`.
    pub fn with_added_dates(
        mut self,
        added: std::collections::HashMap<String, jiff::Timestamp>,
    ) -> Normalizer {
        self.added = added;
        self
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Normalizes one file. `path` is relative to the site root, with `/`.
    pub fn normalize(&self, path: &str, bytes: &[u8]) -> Result<Posting, PostingError> {
        let Parsed {
            draft,
            text,
            repairs,
        } = parse(path, bytes, &self.config)?;
        let mut posting = fields::extract(self, draft, path, &text);
        bound_names(&mut posting);
        posting
            .warnings
            .splice(0..0, repairs.iter().map(Diagnostic::record_text));
        posting.diagnostics.splice(0..0, repairs);
        Ok(posting)
    }
}

/// One file decoded and parsed by its format, before its fields are read.
pub struct Parsed {
    /// Its metadata and body source, for tools that rewrite postings.
    pub draft: Draft,
    /// The whole file as decoded text, for quoting what a guess was read from.
    pub text: String,
    /// What decoding repaired.
    pub repairs: Vec<Diagnostic>,
}

/// Decodes and parses one file by its format, with the site's `config`.
pub fn parse(path: &str, bytes: &[u8], config: &Config) -> Result<Parsed, PostingError> {
    let fail = |code| {
        move |e: FormatError| PostingError {
            code,
            path: path.to_string(),
            line: e.line,
            column: e.column,
            message: e.message,
        }
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big(path, bytes.len() as u64));
    }
    let (bytes, utf16_warning) = repair::utf16_to_utf8(bytes);
    check_kind(&bytes).map_err(fail("not-text"))?;
    let decoded = repair::decode(&bytes);
    let draft = formats::parse(&decoded.text, path, config).map_err(fail("parse-error"))?;
    let repairs = utf16_warning
        .map(|w| Diagnostic::warning("utf16-invalid", w))
        .into_iter()
        .chain(decoded.warnings)
        .map(|d| d.in_file(path))
        .collect();
    Ok(Parsed {
        draft,
        text: decoded.text,
        repairs,
    })
}

/// A posting keeps at most this many tags: each is a page and a feed that
/// lists the posting, and every list shows the posting's tags.
pub const MAX_TAGS: usize = 50;

/// Caps what one posting adds to the site: its names become folder names
/// (cut to [`slug::MAX_SLUG_BYTES`], well under 255 bytes) and its tags
/// pages (at most [`MAX_TAGS`]), so one posting cannot make the build fail
/// or grow with the square of its tags.
fn bound_names(posting: &mut Posting) {
    let cut = slug::shorten(&posting.slug).to_string();
    if cut.len() < posting.slug.len() {
        posting.warn(Diagnostic::warning(
            "slug-too-long",
            format!(
                "the slug is over {} characters; cut to `{cut}`",
                slug::MAX_SLUG_BYTES
            ),
        ));
        posting.slug = cut;
    }
    if let Some(company_slug) = &mut posting.company_slug {
        *company_slug = slug::shorten(company_slug).to_string();
    }
    let long_tags = posting
        .tags
        .iter()
        .filter(|t| t.len() > slug::MAX_SLUG_BYTES)
        .count();
    if long_tags > 0 {
        posting.warn(Diagnostic::warning(
            "tag-too-long",
            format!(
                "{long_tags} tag(s) over {} characters cut short",
                slug::MAX_SLUG_BYTES
            ),
        ));
        for tag in &mut posting.tags {
            *tag = slug::shorten(tag).to_string();
        }
        posting.tags.sort();
        posting.tags.dedup();
    }
    if posting.tags.len() > MAX_TAGS {
        posting.warn(Diagnostic::warning(
            "too-many-tags",
            format!(
                "{} tags; only the first {MAX_TAGS} (A-Z) are kept",
                posting.tags.len()
            ),
        ));
        posting.tags.truncate(MAX_TAGS);
    }
}

/// The error for a file of `bytes` bytes, over [`MAX_FILE_BYTES`]; a caller
/// reading from disk gives it from the file's size, without reading it.
pub fn too_big(path: &str, bytes: u64) -> PostingError {
    PostingError {
        code: "file-too-big",
        path: path.to_string(),
        line: None,
        column: None,
        message: format!(
            "the file is {} MiB; postings over {} MiB are refused: split it or move it out of content/",
            bytes / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    }
}

fn check_kind(bytes: &[u8]) -> Result<(), FormatError> {
    let refuse = |message: &str| {
        Err(FormatError {
            line: None,
            column: None,
            message: message.into(),
        })
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return refuse("the file is empty: write a posting in it or delete it");
    }
    if looks_binary(bytes) {
        return refuse(if repair::looks_like_utf16(bytes) {
            "this looks like UTF-16 text without a byte order mark: save it as UTF-8"
        } else {
            "this is a binary file, not text: move it out of content/ (only text postings such as .md, .rst, .txt and saved .html job pages belong there)"
        });
    }
    Ok(())
}

/// NUL bytes or many control characters mean an image, archive or similar.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > head.len()
}
