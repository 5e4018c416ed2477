//! The in-house search index: sharded JSON files under `search/` that
//! `search.js` fetches piece by piece, so a query on a 100,000-posting board
//! downloads tens of kilobytes, not the whole index.
//!
//! # Ids
//!
//! A posting's id is the minute of its `date` since 1970 (undated: 0),
//! bumped past the id of the posting before it when several share a minute
//! (sorted by minute, then slug reversed). So a larger id is always newer
//! (the ranking tie-break needs no date lookup), and an id depends only on the
//! posting and the postings of the same minutes: adding, editing or deleting
//! one moves no other id, except those of its minute that sort after it (date-only
//! postings all share midnight, so on a busy day an addition moves that day's
//! later slugs by one; an edit that keeps the date and slug moves nothing).
//! The price is sparse ids (the gaps cost a few more bits than positions
//! 0..n would); positions would be worse: one new posting would shift them
//! all, and every file holding them.
//!
//! # Files (all JSON, under `search/`; `codec` strings are described there)
//!
//! - `meta.json`: `{version, count, prefix, tail_from, salary_bands, big, max_term, fields, weights,
//!   stopwords, fold, shards, tails, chunks}`. `shards` and `tails` list the
//!   names of the existing term and tail shards; `chunks` is a `codec::deltas` string of the record chunk starts,
//!   ascending; `fold` maps each non-ASCII letter of the index to its ASCII
//!   fold (see `tokenize`); `fields`/`weights` give the field bits' meaning
//!   and ranking weights.
//! - `terms/<prefix>.json`: `{term: [n, list]}` for the terms whose first
//!   `prefix` characters are the file name (shorter terms: the whole term).
//!   `n` is the number of postings with the term; `list` a
//!   `codec::posting_list` of ids and field bits (bit i = `fields[i]`). When
//!   `n > big`, `list` holds only the best entries (most field weight,
//!   then newest; 256 of them, `big` is 1024), and a third element, `pages`,
//!   a `codec::deltas` string of the newest id of each page of the whole
//!   list: `lists/<term>/<id>.json`, a `codec::posting_list` (as a JSON
//!   string) of the entries from that id down to the next page's. A page
//!   starts at the list's newest entry and at each id whose hash with the
//!   term is 0 modulo 1024: about 1024 entries a page, and one posting
//!   changes one page (two when it starts one).
//! - `tails/<prefix>.json`: `{tail: heads}`, the term dictionary for typo
//!   tolerance: every term of at least [`TAIL_FROM`]` + 1` characters split
//!   into its first [`TAIL_FROM`] characters (the head) and the rest (the
//!   tail), grouped by tail (`heads` concatenates the heads of the terms with
//!   that tail, in order), in files named by the tail's first `prefix`
//!   characters. A one-edit typo within a word's first characters puts it in
//!   another term shard, but leaves its tail (shifted by at most one) alone.
//! - `records/<start>.json`: `[[id, title, company, company_slug, url,
//!   location, remote, employment_type, salary, tags, date, summary], ...]`
//!   for the ids from `start` to the next chunk start, ascending. `url` is
//!   relative to the site's base path (`jobs/<slug>/`); `location` the places
//!   joined by `; `; `salary` `[min, max, currency, period, yearly]` or null,
//!   `yearly` being `max` made yearly ([`yearly`]); `date` `YYYY-MM-DD` or
//!   null; `summary` cut at a word near `SUMMARY_CHARS`. A chunk starts at
//!   0 and at each id whose hash is 0 modulo `CHUNK`, and runs of more than
//!   `MAX_CHUNK` records are cut in equal parts: about `CHUNK` records per
//!   chunk, and one posting changes one chunk (two when it starts one; the
//!   parts of its run when that is cut), as no other posting decides where.
//! - `facets/company.json`: `[[slug, name, count], ...]`, `facets/tag.json`:
//!   `[[tag, count], ...]`, most postings first: the values for the filter
//!   controls, fetched when the filters are opened.
//! - `facets/company/<slug>.json`, `facets/tag/<tag>.json`,
//!   `facets/remote/<remote>.json`, `facets/type/<employment type>.json`,
//!   `facets/salary/<currency>-<band>.json`: a `codec::deltas` string of the
//!   ids with that value, newest first. A salary's band is the largest of
//!   `salary_bands` (in `meta.json`) at or below its yearly top, in its own
//!   currency (lowercase): the salary filter takes the bands that can reach
//!   its minimum, then checks the records of those ids.
//!
//! # Querying (`search.js`)
//!
//! The query is tokenized like the index; every word must match (AND). A
//! word matches its own term; the last one while it is being typed, and any
//! of 5 or more letters, also its 8 most common completions (the exact term
//! first); a word of 5 or more letters also the 4 most common terms one edit
//! away (insertion, deletion, substitution or transposition of neighbours:
//! the terms of its own shard, plus those the tail files name). A posting
//! scores, per word, the largest `sum of weights of the fields holding the
//! term * idf * factor`, where idf is `ln(1 + count / n)` of the word's most
//! common term, and the factor is 1 for the word itself, 1/2 for a
//! completion and 1/24 for a typo (so any exact hit outranks it); ties go to
//! the larger id (newer). Facet lists intersect the candidates; the salary
//! minimum (the record's `yearly`) is checked on the records as they are
//! fetched, best first, until a page is full, in the currency the page asks
//! (the site's by default), converted by `exchange_rates` where the site
//! gives them. First results of one word come from its shard's best entries
//! when it is common; those of several words, when some are common, from the
//! pages of their whole lists, newest first, loaded only as far down as a
//! page of matches needs (the best entries of two common words rarely
//! meet). The client then loads the whole lists (`lists/`) for the exact
//! ranking and count.
//!
//! # Updates
//!
//! [`SearchIndex`] keeps the model (lists per term, records per id) and the
//! serialized pages. [`SearchIndex::replace`] swaps one posting: it touches
//! only the lists of that posting's old and new terms and facets (and of any
//! posting whose id moved), re-serializes only the shards, lists, chunks and
//! facet files these live in, plus `meta.json`, and reports those whose bytes
//! changed. The result is the same as a fresh [`SearchIndex::build`]. Chunk
//! starts are recomputed for every change (one hash per posting), the rest
//! is proportional to the touched lists.

mod codec;
#[cfg(test)]
mod tests;
mod tokenize;

pub use tokenize::tokenize;

use std::cmp::Reverse;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;

use rayon::prelude::*;

use jiff::tz::TimeZone;

use super::views::DateView;
use super::Page;
use crate::board::Board;
use crate::posting::{slugify, Period, Posting, Salary};

pub const FORMAT_VERSION: u32 = 2;
/// Indexed fields: a term's field bits say where a posting has it.
pub const FIELDS: [&str; 5] = ["title", "company", "tags", "location", "summary"];
/// Ranking weight of a term in each field of [`FIELDS`].
pub const WEIGHTS: [u32; 5] = [8, 6, 5, 3, 1];
/// Term shards are named by this many first characters of their terms.
pub const PREFIX: usize = 2;
/// A term's head, before its tail in the tail files: one more than
/// [`PREFIX`], so an edit that moves a term to another shard stays in it.
pub const TAIL_FROM: usize = PREFIX + 1;
/// Lists longer than `big` are stored whole in `lists/` and cut to `head`
/// entries in their shard: enough for the first results of a query.
#[derive(Debug, Clone, Copy)]
struct Limits {
    big: usize,
    head: usize,
    /// Average entries in a page of a whole list (`lists/<term>/`).
    page: u64,
}

const LIMITS: Limits = Limits {
    big: 1024,
    head: 256,
    page: 1024,
};
/// Average number of records per chunk (a hash picks the starts) ...
pub const CHUNK: u64 = 8;
/// ... and the most: longer runs are cut in equal parts.
pub const MAX_CHUNK: usize = 16;
const SUMMARY_CHARS: usize = 100;

/// Oldest first: minute, then slug reversed (as the board breaks ties by
/// name; not by title, so that retitling a posting does not move it).
type SortKey = (u64, Reverse<String>);
/// (id, field bits), newest (largest id) first.
type List = Vec<(u64, u8)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Facet {
    Company,
    Tag,
    Remote,
    Type,
    /// `<currency>-<band>`: the yearly band of the salary's top, in its currency.
    Salary,
}

impl Facet {
    fn name(self) -> &'static str {
        match self {
            Facet::Company => "company",
            Facet::Tag => "tag",
            Facet::Remote => "remote",
            Facet::Type => "type",
            Facet::Salary => "salary",
        }
    }
}

/// One indexed posting, everything derived from it alone.
#[derive(Debug, Clone, PartialEq)]
struct Doc {
    key: SortKey,
    slug: String,
    /// Unique terms, sorted, with field bits.
    terms: Vec<(String, u8)>,
    /// Company slug and name as written.
    company: Option<(String, String)>,
    /// Facet values, as file names.
    facets: Vec<(Facet, String)>,
    /// Non-ASCII letters of the indexed text, for `meta.fold`.
    letters: BTreeSet<char>,
    /// The record's JSON array without its id (which can move).
    record: String,
}

impl Doc {
    /// `tz` is the site's time zone, which the record's day is in.
    fn new(p: &Posting, tz: &TimeZone) -> Doc {
        let location = p.location.join("; ");
        let texts = [
            p.title.as_str(),
            p.company.as_deref().unwrap_or(""),
            &p.tags.join(" "),
            &location,
            &p.summary,
        ];
        let mut terms: BTreeMap<String, u8> = BTreeMap::new();
        let mut letters = BTreeSet::new();
        for (field, text) in texts.iter().enumerate() {
            for term in tokenize(text) {
                *terms.entry(term).or_default() |= 1 << field;
            }
            letters.extend(
                text.chars()
                    .filter(|c| !c.is_ascii() && c.is_alphanumeric()),
            );
        }
        let minute = p
            .date
            .map_or(0, |d| (d.timestamp().as_second() / 60).max(0) as u64);
        let salary = p.salary.as_ref().map(|s| {
            (
                whole(s.min),
                whole(s.max),
                s.currency.as_str(),
                s.period,
                whole(yearly(s)),
            )
        });
        let record = serde_json::to_string(&(
            &p.title,
            &p.company,
            &p.company_slug,
            super::urls::posting(&p.slug),
            location,
            p.remote,
            p.employment_type,
            salary,
            &p.tags,
            p.date.map(|d| DateView::of(d.timestamp(), tz).datetime),
            cut(&p.summary, SUMMARY_CHARS),
        ))
        .expect("a record serializes");
        let company = p.company.as_ref().and_then(|name| {
            let slug = p.company_slug.as_deref().unwrap_or(name);
            file_safe(slug).map(|s| (s, name.clone()))
        });
        let named =
            |facet, value: serde_json::Value| value.as_str().map(|v| (facet, v.to_string()));
        let facets = company
            .iter()
            .map(|(slug, _)| (Facet::Company, slug.clone()))
            .chain(
                p.tags
                    .iter()
                    .filter_map(|t| Some((Facet::Tag, file_safe(t)?))),
            )
            .chain(named(Facet::Remote, serde_json::json!(p.remote)))
            .chain(named(Facet::Type, serde_json::json!(p.employment_type)))
            .chain(
                p.salary
                    .as_ref()
                    .and_then(salary_band)
                    .map(|b| (Facet::Salary, b)),
            )
            .collect();
        Doc {
            key: (minute, Reverse(p.slug.clone())),
            slug: p.slug.clone(),
            terms: terms.into_iter().collect(),
            company,
            facets,
            letters,
            record,
        }
    }

    fn facets(&self) -> impl Iterator<Item = (Facet, &str)> {
        self.facets.iter().map(|(f, v)| (*f, v.as_str()))
    }
}

/// The top of a salary's range over a year: hour x2080, day x260, week x52,
/// month x12 (full-time hours, working days, weeks, months).
pub fn yearly(s: &Salary) -> f64 {
    let per_year = match s.period {
        Period::Hour => 2080.0,
        Period::Day => 260.0,
        Period::Week => 52.0,
        Period::Month => 12.0,
        Period::Year => 1.0,
    };
    s.max * per_year
}

/// Yearly salary bands, by their lower end: the salary filter fetches the
/// ids of the bands that can reach its minimum, then checks their records.
pub const SALARY_BANDS: [u64; 9] = [
    0, 25_000, 50_000, 75_000, 100_000, 125_000, 150_000, 200_000, 300_000,
];

/// `usd-150000`: a salary's currency and the band its yearly top is in.
fn salary_band(s: &Salary) -> Option<String> {
    let currency = s.currency.to_ascii_lowercase();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let top = yearly(s);
    let band = SALARY_BANDS.iter().rev().find(|&&b| top >= b as f64)?;
    Some(format!("{currency}-{band}"))
}

/// Salaries are whole units: print `137000`, not `137000.0`.
fn whole(x: f64) -> serde_json::Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        (x as i64).into()
    } else {
        x.into()
    }
}

/// `text` cut at a word boundary to at most `max` characters (plus `…`).
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((end, _)) => {
            let head = &text[..end];
            let head = head.rfind(' ').map_or(head, |space| &head[..space]);
            format!("{}…", head.trim_end_matches([' ', ',', '.', ';', ':']))
        }
    }
}

/// A facet value usable as a file name: `[a-z0-9-]+`, slugified otherwise.
fn file_safe(value: &str) -> Option<String> {
    let safe = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let slug = if safe {
        value.to_string()
    } else {
        slugify(value)
    };
    (!slug.is_empty()).then_some(slug)
}

fn shard_of(term: &str) -> &str {
    &term[..term.len().min(PREFIX)]
}

/// A term's tail and the tail file it is in; `None` for terms too short
/// to have one.
fn tail_of(term: &str) -> Option<(&str, &str)> {
    let tail = term.get(TAIL_FROM..).filter(|t| !t.is_empty())?;
    Some((tail, shard_of(tail)))
}

/// splitmix64's finalizer: a well-mixed hash of a number.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Whether a record chunk starts at `id` (besides 0): a hash, so chunk
/// boundaries depend on no other posting.
fn starts_chunk(id: u64) -> bool {
    mix(id).is_multiple_of(CHUNK)
}

/// Whether a page of `term`'s whole list starts at `id` (besides its
/// newest entry): a hash of both, so that one posting moves at most one
/// boundary, and every term's pages hold about `every` entries.
fn starts_page(term: &str, id: u64, every: u64) -> bool {
    // FNV-1a of the term: stable across builds and platforms.
    let seed = term.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    mix(seed ^ id).is_multiple_of(every)
}

/// New ids for the keys of `keys` (in order, after an id `previous`), each
/// one past the one before unless its minute is later. With `stop`, ends at
/// the first key after `stop` whose id does not change. Returns the changes.
fn sweep<'a>(
    mut previous: Option<u64>,
    keys: impl Iterator<Item = (&'a SortKey, &'a Option<u64>)>,
    stop: Option<&SortKey>,
) -> Vec<(SortKey, u64)> {
    let mut changes = Vec::new();
    for (key, &current) in keys {
        let id = previous.map_or(key.0, |p| key.0.max(p + 1));
        if current == Some(id) {
            if stop.is_some_and(|s| key > s) {
                break;
            }
        } else {
            changes.push((key.clone(), id));
        }
        previous = Some(id);
    }
    changes
}

/// One output file of the index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Meta,
    Shard(String),
    Tails(String),
    /// A page of a term's whole list, by its newest id.
    ListPage(String, u64),
    Chunk(u64),
    Values(Facet),
    Facet(Facet, String),
}

impl Key {
    fn path(&self) -> String {
        match self {
            Key::Meta => "search/meta.json".into(),
            Key::Shard(prefix) => format!("search/terms/{prefix}.json"),
            Key::Tails(prefix) => format!("search/tails/{prefix}.json"),
            Key::ListPage(term, first) => format!("{}{first}.json", list_folder(term)),
            Key::Chunk(start) => format!("search/records/{start}.json"),
            Key::Values(facet) => format!("search/facets/{}.json", facet.name()),
            Key::Facet(facet, value) => format!("search/facets/{}/{value}.json", facet.name()),
        }
    }
}

/// The folder of the pages of a term's whole list.
fn list_folder(term: &str) -> String {
    format!("search/lists/{term}/")
}

/// What a change touched, to find the files to re-emit.
#[derive(Default)]
struct Touched {
    terms: BTreeSet<String>,
    facets: BTreeSet<(Facet, String)>,
    ids: BTreeSet<u64>,
}

/// The search index of the open postings of a board; see the module docs.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    limits: Limits,
    /// The site's time zone, which records show days in.
    tz: TimeZone,
    docs: BTreeMap<u64, Doc>,
    ids: BTreeMap<String, u64>,
    /// Every key with its id (`None` only while a change is applied).
    order: BTreeMap<SortKey, Option<u64>>,
    terms: BTreeMap<String, List>,
    /// (tail, term) of every term with a tail (see [`tail_of`]).
    tails: BTreeSet<(String, String)>,
    /// Lists of ids; the field bits are unused (0).
    facets: BTreeMap<(Facet, String), List>,
    /// (company slug, name as written) -> postings.
    company_names: BTreeMap<(String, String), usize>,
    /// Non-ASCII letter -> postings using it.
    letters: BTreeMap<char, usize>,
    /// Record chunk starts, as last written.
    chunks: BTreeSet<u64>,
    pages: BTreeMap<String, Vec<u8>>,
}

impl SearchIndex {
    /// Indexes the open postings of `board`, in parallel; records show
    /// days in `tz`, the site's time zone.
    pub fn build(board: &Board, tz: &TimeZone) -> SearchIndex {
        SearchIndex::build_with(board, tz, LIMITS)
    }

    fn build_with(board: &Board, tz: &TimeZone, limits: Limits) -> SearchIndex {
        let mut docs: Vec<Doc> = board
            .open
            .par_iter()
            .map(|&i| Doc::new(&board.postings[i], tz))
            .collect();
        docs.par_sort_unstable_by(|a, b| a.key.cmp(&b.key));
        let unassigned = docs.iter().map(|d| (&d.key, &None));
        let ids: Vec<u64> = sweep(None, unassigned, None)
            .into_iter()
            .map(|(_, id)| id)
            .collect();

        let terms = group(&docs, &ids, |doc| {
            doc.terms.iter().map(|(t, bits)| (t.as_str(), *bits))
        });
        let facets = group(&docs, &ids, |doc| doc.facets().map(|f| (f, 0)));
        let mut index = SearchIndex {
            limits,
            tz: tz.clone(),
            docs: BTreeMap::new(),
            ids: BTreeMap::new(),
            order: BTreeMap::new(),
            tails: terms
                .keys()
                .filter_map(|t| Some((tail_of(t)?.0.to_string(), t.to_string())))
                .collect(),
            terms: terms.into_iter().map(|(t, l)| (t.to_string(), l)).collect(),
            facets: facets
                .into_iter()
                .map(|((f, v), l)| ((f, v.to_string()), l))
                .collect(),
            company_names: BTreeMap::new(),
            letters: BTreeMap::new(),
            chunks: BTreeSet::new(),
            pages: BTreeMap::new(),
        };
        for (doc, id) in docs.into_iter().zip(ids) {
            index.count(&doc, 1);
            index.order.insert(doc.key.clone(), Some(id));
            index.ids.insert(doc.slug.clone(), id);
            index.docs.insert(id, doc);
        }
        index.chunks = index.chunk_starts();
        let keys: Vec<Key> = index.all_keys().into_iter().collect();
        index.pages = keys
            .par_iter()
            .filter_map(|key| Some((key.path(), index.render(key)?)))
            .collect();
        index
    }

    /// Every file of the index, sorted by path.
    pub fn pages(&self) -> Vec<Page> {
        self.pages
            .iter()
            .map(|(path, bytes)| Page {
                path: path.clone(),
                bytes: bytes.clone(),
            })
            .collect()
    }

    /// Every file of the index, sorted by path, without a copy of its bytes:
    /// for a build, which needs the index no more.
    pub fn into_pages(self) -> Vec<Page> {
        self.pages
            .into_iter()
            .map(|(path, bytes)| Page { path, bytes })
            .collect()
    }

    /// One file by path, `None` if the index has no such file (any more).
    pub fn page(&self, path: &str) -> Option<Page> {
        self.pages.get(path).map(|bytes| Page {
            path: path.to_string(),
            bytes: bytes.clone(),
        })
    }

    /// Replaces posting `old` by `new` (either `None` for an addition or a
    /// deletion; closed postings count as absent). Slugs must stay unique,
    /// as [`Board`] makes them. Returns the sorted paths
    /// of the files written or deleted: [`SearchIndex::page`] gives their
    /// new bytes, or `None` for a deleted one.
    pub fn replace(&mut self, old: Option<&Posting>, new: Option<&Posting>) -> Vec<String> {
        let new = new
            .filter(|p| !p.status.is_closed())
            .map(|p| Doc::new(p, &self.tz));
        let old_id = old.and_then(|p| self.ids.get(&p.slug)).copied();
        // Most edits of a posting's text leave what search shows of it alone.
        if old_id.is_some_and(|id| self.docs.get(&id) == new.as_ref()) {
            return Vec::new();
        }
        let mut touched = Touched::default();
        let mut changed = Vec::new();
        if let Some(id) = old_id {
            let doc = self.take(id, &mut touched);
            self.order.remove(&doc.key);
            changed.push(doc.key);
        }
        if let Some(doc) = &new {
            self.order.insert(doc.key.clone(), None);
            changed.push(doc.key.clone());
        }
        let (Some(low), Some(high)) = (changed.iter().min(), changed.iter().max()) else {
            return Vec::new();
        };
        let previous = self.order.range(..low).next_back().and_then(|(_, id)| *id);
        let moves = sweep(previous, self.order.range(low..), Some(high));

        let mut placed: Vec<(u64, Doc)> = Vec::new();
        for (key, id) in moves {
            let doc = match &new {
                Some(doc) if doc.key == key => doc.clone(),
                _ => {
                    let old_id = self.order[&key].expect("placed keys have ids");
                    self.take(old_id, &mut touched)
                }
            };
            self.order.insert(key, Some(id));
            placed.push((id, doc));
        }
        for (id, doc) in placed {
            self.put(id, doc, &mut touched);
        }
        self.rewrite(touched)
    }

    /// Removes the posting with id `id` from every list.
    fn take(&mut self, id: u64, touched: &mut Touched) -> Doc {
        let doc = self.docs.remove(&id).expect("indexed id");
        self.ids.remove(&doc.slug);
        for (term, _) in &doc.terms {
            let list = self.terms.get_mut(term).expect("indexed term");
            remove(list, id);
            if list.is_empty() {
                self.terms.remove(term);
                if let Some((tail, _)) = tail_of(term) {
                    self.tails.remove(&(tail.to_string(), term.clone()));
                }
            }
            touched.terms.insert(term.clone());
        }
        for (facet, value) in doc.facets() {
            let key = (facet, value.to_string());
            let list = self.facets.get_mut(&key).expect("indexed facet");
            remove(list, id);
            if list.is_empty() {
                self.facets.remove(&key);
            }
            touched.facets.insert(key);
        }
        self.count(&doc, -1);
        touched.ids.insert(id);
        doc
    }

    /// Adds `doc` with id `id` to every list.
    fn put(&mut self, id: u64, doc: Doc, touched: &mut Touched) {
        for (term, bits) in &doc.terms {
            insert(self.terms.entry(term.clone()).or_default(), id, *bits);
            if let Some((tail, _)) = tail_of(term) {
                self.tails.insert((tail.to_string(), term.clone()));
            }
            touched.terms.insert(term.clone());
        }
        for (facet, value) in doc.facets() {
            let key = (facet, value.to_string());
            insert(self.facets.entry(key.clone()).or_default(), id, 0);
            touched.facets.insert(key);
        }
        self.count(&doc, 1);
        touched.ids.insert(id);
        self.ids.insert(doc.slug.clone(), id);
        self.docs.insert(id, doc);
    }

    /// Adds (`by` = 1) or removes (-1) `doc`'s company name and letters.
    fn count(&mut self, doc: &Doc, by: isize) {
        if let Some(company) = &doc.company {
            bump(&mut self.company_names, company.clone(), by);
        }
        for &c in &doc.letters {
            bump(&mut self.letters, c, by);
        }
    }

    /// Re-renders the files `touched` lives in; returns those that changed.
    fn rewrite(&mut self, touched: Touched) -> Vec<String> {
        let mut keys = BTreeSet::from([Key::Meta]);
        for term in touched.terms {
            keys.insert(Key::Shard(shard_of(&term).to_string()));
            if let Some((_, file)) = tail_of(&term) {
                keys.insert(Key::Tails(file.to_string()));
            }
            // The term's pages now, and those it had.
            let prefix = list_folder(&term);
            let had = self.pages.range(prefix.clone()..);
            let had = had.take_while(|(path, _)| path.starts_with(&prefix));
            let old = had
                .filter_map(|(path, _)| path[prefix.len()..].strip_suffix(".json")?.parse().ok());
            let old: Vec<u64> = old.collect();
            let new = self.page_starts(&term);
            for first in old.into_iter().chain(new) {
                keys.insert(Key::ListPage(term.clone(), first));
            }
        }
        for (facet, value) in touched.facets {
            keys.insert(Key::Values(facet));
            keys.insert(Key::Facet(facet, value));
        }
        // A chunk changes when it holds a touched id, or when it or the one
        // after it starts at another id.
        let starts = self.chunk_starts();
        let moved = starts.symmetric_difference(&self.chunks).copied();
        for id in moved.chain(touched.ids).collect::<Vec<u64>>() {
            keys.insert(Key::Chunk(id));
            keys.extend(starts.range(..=id).next_back().map(|&s| Key::Chunk(s)));
            keys.extend(starts.range(..id).next_back().map(|&s| Key::Chunk(s)));
        }
        self.chunks = starts;
        let mut changed = Vec::new();
        for key in keys {
            let path = key.path();
            let bytes = self.render(&key);
            if self.pages.get(&path) != bytes.as_ref() {
                match bytes {
                    Some(bytes) => self.pages.insert(path.clone(), bytes),
                    None => self.pages.remove(&path),
                };
                changed.push(path);
            }
        }
        changed.sort();
        changed
    }

    /// Chunk starts: 0, then each id that [`starts_chunk`], and runs longer
    /// than [`MAX_CHUNK`] cut into equal parts. Cheap enough to redo for
    /// every change (a hash per posting).
    fn chunk_starts(&self) -> BTreeSet<u64> {
        let ids: Vec<u64> = self.docs.keys().copied().collect();
        let mut starts = BTreeSet::new();
        let mut run = 0;
        for end in 1..=ids.len() {
            if end < ids.len() && !starts_chunk(ids[end]) {
                continue;
            }
            let parts = (end - run).div_ceil(MAX_CHUNK);
            for part in 0..parts {
                let first = run + part * (end - run) / parts;
                starts.insert(if first == 0 { 0 } else { ids[first] });
            }
            run = end;
        }
        starts
    }

    fn all_keys(&self) -> BTreeSet<Key> {
        let mut keys = BTreeSet::from([
            Key::Meta,
            Key::Values(Facet::Company),
            Key::Values(Facet::Tag),
        ]);
        for term in self.terms.keys() {
            keys.insert(Key::Shard(shard_of(term).to_string()));
            if let Some((_, file)) = tail_of(term) {
                keys.insert(Key::Tails(file.to_string()));
            }
            for first in self.page_starts(term) {
                keys.insert(Key::ListPage(term.clone(), first));
            }
        }
        keys.extend(self.chunks.iter().copied().map(Key::Chunk));
        keys.extend(self.facets.keys().map(|(f, v)| Key::Facet(*f, v.clone())));
        keys
    }

    /// The bytes of one file, `None` when it has no content.
    fn render(&self, key: &Key) -> Option<Vec<u8>> {
        let text = match key {
            Key::Meta => self.render_meta(),
            Key::Shard(prefix) => {
                let mut out = String::from("{");
                let terms = self
                    .terms
                    .range(prefix.clone()..)
                    .take_while(|(t, _)| t.starts_with(prefix.as_str()))
                    .filter(|(t, _)| shard_of(t) == prefix);
                for (term, list) in terms {
                    if out.len() > 1 {
                        out.push(',');
                    }
                    let shown = if list.len() > self.limits.big {
                        head(list, self.limits.head)
                    } else {
                        list.clone()
                    };
                    let entries = codec::posting_list(&shown);
                    out.push_str(&format!("\"{term}\":[{},\"{entries}\"", list.len()));
                    if list.len() > self.limits.big {
                        let pages = codec::deltas(self.page_starts(term));
                        out.push_str(&format!(",\"{pages}\""));
                    }
                    out.push(']');
                }
                if out.len() == 1 {
                    return None;
                }
                out + "}"
            }
            Key::Tails(prefix) => {
                let mut heads: BTreeMap<&str, String> = BTreeMap::new();
                let tails = self
                    .tails
                    .range((prefix.clone(), String::new())..)
                    .take_while(|(tail, _)| tail.starts_with(prefix.as_str()))
                    .filter(|(tail, _)| shard_of(tail) == prefix);
                for (tail, term) in tails {
                    heads.entry(tail).or_default().push_str(&term[..TAIL_FROM]);
                }
                if heads.is_empty() {
                    return None;
                }
                serde_json::to_string(&heads).expect("tails serialize")
            }
            Key::ListPage(term, first) => {
                let list = self.terms.get(term).filter(|l| l.len() > self.limits.big)?;
                let at = list
                    .binary_search_by_key(&Reverse(*first), |&(id, _)| Reverse(id))
                    .ok()
                    .filter(|&at| at == 0 || starts_page(term, *first, self.limits.page))?;
                let len = list[at + 1..]
                    .iter()
                    .position(|&(id, _)| starts_page(term, id, self.limits.page))
                    .map_or(list.len() - at, |n| n + 1);
                format!("\"{}\"", codec::posting_list(&list[at..at + len]))
            }
            Key::Chunk(start) => {
                if !self.chunks.contains(start) {
                    return None;
                }
                let end = self
                    .chunks
                    .range(start + 1..)
                    .next()
                    .map_or(u64::MAX, |&e| e);
                let mut out = String::from("[");
                for (id, doc) in self.docs.range(start..&end) {
                    if out.len() > 1 {
                        out.push_str(",\n");
                    }
                    out.push_str(&format!("[{id},{}", &doc.record[1..]));
                }
                if out.len() == 1 {
                    return None;
                }
                out + "]"
            }
            Key::Values(facet) => self.render_values(*facet)?,
            Key::Facet(facet, value) => {
                let list = self.facets.get(&(*facet, value.clone()))?;
                format!("\"{}\"", codec::deltas(list.iter().map(|&(id, _)| id)))
            }
        };
        Some(text.into_bytes())
    }

    /// The newest id of each page of `term`'s whole list, newest first;
    /// none when its list is not big (its shard holds it all).
    fn page_starts(&self, term: &str) -> Vec<u64> {
        let Some(list) = self.terms.get(term).filter(|l| l.len() > self.limits.big) else {
            return Vec::new();
        };
        let rest = list[1..].iter().map(|&(id, _)| id);
        let rest = rest.filter(|&id| starts_page(term, id, self.limits.page));
        std::iter::once(list[0].0).chain(rest).collect()
    }

    fn render_meta(&self) -> String {
        let shards: BTreeSet<&str> = self.terms.keys().map(|t| shard_of(t)).collect();
        let tails: BTreeSet<&str> = self.tails.iter().map(|(tail, _)| shard_of(tail)).collect();
        let fold: BTreeMap<String, String> = self
            .letters
            .keys()
            .filter_map(|&c| Some((c.to_string(), tokenize::fold_char(c)?)))
            .collect();
        let meta = serde_json::json!({
            "version": FORMAT_VERSION,
            "count": self.docs.len(),
            "prefix": PREFIX,
            "tail_from": TAIL_FROM,
            "salary_bands": SALARY_BANDS,
            "big": self.limits.big,
            "max_term": tokenize::MAX_TERM,
            "fields": FIELDS,
            "weights": WEIGHTS,
            "stopwords": tokenize::STOPWORDS,
            "fold": fold,
            "shards": shards,
            "tails": tails,
            "chunks": codec::deltas(self.chunks.iter().copied()),
        });
        serde_json::to_string(&meta).expect("meta serializes")
    }

    /// The values of a facet for its control (remote and type have fixed ones).
    fn render_values(&self, facet: Facet) -> Option<String> {
        let mut values: Vec<(usize, serde_json::Value)> = match facet {
            Facet::Company => {
                // A slug written several ways is named by its first spelling.
                let mut names: BTreeMap<&str, &str> = BTreeMap::new();
                for (slug, name) in self.company_names.keys() {
                    names.entry(slug).or_insert(name);
                }
                names
                    .into_iter()
                    .map(|(slug, name)| {
                        let n = self.facets[&(facet, slug.to_string())].len();
                        (n, serde_json::json!([slug, name, n]))
                    })
                    .collect()
            }
            Facet::Tag => self
                .facets
                .range((Facet::Tag, String::new())..(Facet::Remote, String::new()))
                .map(|((_, tag), list)| (list.len(), serde_json::json!([tag, list.len()])))
                .collect(),
            Facet::Remote | Facet::Type | Facet::Salary => return None,
        };
        // Most used first; equal counts stay in name order (stable sort).
        values.sort_by_key(|(n, _)| Reverse(*n));
        let values: Vec<serde_json::Value> = values.into_iter().map(|(_, v)| v).collect();
        Some(serde_json::to_string(&values).expect("values serialize"))
    }
}

/// The `n` entries a one-word query would rank first, newest first.
fn head(list: &List, n: usize) -> List {
    let weight = |bits: u8| -> u32 {
        (0..FIELDS.len())
            .filter(|i| bits & (1 << i) != 0)
            .map(|i| WEIGHTS[i])
            .sum()
    };
    let mut best = list.clone();
    best.sort_by_key(|&(id, bits)| Reverse((weight(bits), id)));
    best.truncate(n);
    best.sort_by_key(|&(id, _)| Reverse(id));
    best
}

/// Lists of ids per key of `docs` (sorted by id), newest first, in
/// parallel. Each task fills a hash map for a run of postings, newest first;
/// runs are appended newer to older, so the lists come out sorted.
fn group<'a, K, I>(
    docs: &'a [Doc],
    ids: &[u64],
    keys: impl Fn(&'a Doc) -> I + Sync,
) -> BTreeMap<K, List>
where
    K: Ord + Hash + Send,
    I: Iterator<Item = (K, u8)>,
{
    docs.par_iter()
        .zip(ids)
        .rev()
        .fold(HashMap::new, |mut lists: HashMap<K, List>, (doc, &id)| {
            for (key, bits) in keys(doc) {
                lists.entry(key).or_default().push((id, bits));
            }
            lists
        })
        .reduce(HashMap::new, |mut newer, older| {
            for (key, mut list) in older {
                newer.entry(key).or_default().append(&mut list);
            }
            newer
        })
        .into_iter()
        .collect()
}

fn remove(list: &mut List, id: u64) {
    if let Ok(i) = list.binary_search_by_key(&Reverse(id), |&(i, _)| Reverse(i)) {
        list.remove(i);
    }
}

fn insert(list: &mut List, id: u64, bits: u8) {
    match list.binary_search_by_key(&Reverse(id), |&(i, _)| Reverse(i)) {
        Ok(i) => list[i].1 = bits,
        Err(i) => list.insert(i, (id, bits)),
    }
}

fn bump<K: Ord>(map: &mut BTreeMap<K, usize>, key: K, by: isize) {
    let mut entry = match map.entry(key) {
        Entry::Occupied(e) => e,
        Entry::Vacant(e) => e.insert_entry(0),
    };
    *entry.get_mut() = entry.get().checked_add_signed(by).expect("counts match");
    if *entry.get() == 0 {
        entry.remove();
    }
}
