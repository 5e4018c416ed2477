//! [`Draft`] to [`Posting`]: each canonical field from metadata (through the
//! synonyms of SCHEMA.md) or, failing that, guessed from the text.

pub mod apply;
pub mod company;
pub mod dates;
pub mod employment;
pub mod location;
pub mod salary;
pub mod tags;
pub mod title;

use serde_json::Value;

use super::body::{self, Rendered};
use super::{slugify, Draft, MetaEntry, Normalizer, Posting, Remote, Salary, Source};

/// The canonical fields metadata can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Company,
    Date,
    Expires,
    Location,
    Remote,
    EmploymentType,
    Salary,
    Tags,
    Apply,
    Slug,
    Summary,
}

/// Metadata key (normalized, see [`super::draft::normalize_key`]) to field.
fn field_of(key: &str) -> Option<Field> {
    Some(match key {
        "title" | "position" | "role" | "job_title" => Field::Title,
        "company"
        | "employer"
        | "organization"
        | "organisation"
        | "hiring_organization"
        | "companies" => Field::Company,
        "date" | "posted" | "date_posted" | "published" => Field::Date,
        "expires" | "valid_through" | "deadline" => Field::Expires,
        "location" | "locations" | "place" => Field::Location,
        "remote" => Field::Remote,
        "employment_type" | "type" | "job_type" => Field::EmploymentType,
        "salary" | "compensation" | "pay" | "salary_range" => Field::Salary,
        "tags" | "skills" | "technologies" | "keywords" | "category" | "categories" => Field::Tags,
        "apply" | "how_to_apply" | "apply_url" | "url" => Field::Apply,
        "slug" => Field::Slug,
        "summary" | "description" => Field::Summary,
        _ => return None,
    })
}

/// Keys that are common in blog front matter and safely carry nothing for a posting.
const IGNORED_KEYS: &[&str] = &[
    "author", "authors", "lang", "status", "modified", "updated", "draft", "template", "layout",
    "save_as", "url_path", "weight", "aliases", "id",
];

/// Whether hireboard understands (or knowingly ignores) a metadata key.
pub fn is_known_key(key: &str) -> bool {
    field_of(key).is_some() || IGNORED_KEYS.contains(&key)
}

/// A summary is at most this many characters.
const SUMMARY_CHARS: usize = 300;

/// Field values picked from metadata: the first stated entry, else the first guessed.
struct Meta {
    entries: Vec<(Field, MetaEntry)>,
}

impl Meta {
    fn get(&self, field: Field) -> Option<&MetaEntry> {
        let mut of_field = self
            .entries
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, e)| e);
        let first = of_field.clone().next();
        of_field.find(|e| e.stated).or(first)
    }

    /// Every entry of a field: the stated ones, or if none, the guessed ones.
    fn all(&self, field: Field) -> Vec<&MetaEntry> {
        let of_field = || {
            self.entries
                .iter()
                .filter(move |(f, _)| *f == field)
                .map(|(_, e)| e)
        };
        let stated: Vec<&MetaEntry> = of_field().filter(|e| e.stated).collect();
        if stated.is_empty() {
            of_field().collect()
        } else {
            stated
        }
    }

    fn text(&self, field: Field) -> Option<(String, &MetaEntry)> {
        let entry = self.get(field)?;
        let text = match &entry.value {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Array(items) => items
                .iter()
                .filter_map(value_text)
                .collect::<Vec<_>>()
                .join(", "),
            _ => return None,
        };
        (!text.is_empty()).then_some((text, entry))
    }
}

fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Collects the posting's fields; `inferred` and `warnings` record every guess and doubt.
struct Collector {
    inferred: Vec<&'static str>,
    warnings: Vec<String>,
}

impl Collector {
    fn guessed(&mut self, name: &'static str) {
        if !self.inferred.contains(&name) {
            self.inferred.push(name);
        }
    }

    /// A value from an entry: inferred when the parser guessed it.
    fn note_entry(&mut self, name: &'static str, entry: &MetaEntry) {
        if !entry.stated {
            self.guessed(name);
        }
    }

    fn warn_at(&mut self, line: usize, message: String) {
        self.warnings.push(format!("line {line}: {message}"));
    }
}

pub(super) fn extract(n: &Normalizer, draft: Draft, path: &str) -> Posting {
    let mut out = Collector {
        inferred: Vec::new(),
        warnings: Vec::new(),
    };
    let mut entries = Vec::new();
    for entry in draft.meta {
        match field_of(&entry.key) {
            Some(field) => entries.push((field, entry)),
            None if IGNORED_KEYS.contains(&entry.key.as_str()) => {}
            None => out.warn_at(entry.line, format!("unknown key `{}` ignored", entry.key)),
        }
    }
    let meta = Meta { entries };
    let rendered = body::render(draft.markup, &draft.body);
    let config = n.config();

    // The title as written keeps its cues ("(Remote)") for the other fields.
    let (written_title, mut title, mut company) =
        title_and_company(n, &meta, &rendered, path, &mut out);
    let date = meta_date(n, &meta, Field::Date, &mut out);
    let expires = meta_date(n, &meta, Field::Expires, &mut out).or_else(|| {
        let days = config.expire_after_days?;
        date.as_ref()?
            .checked_add(jiff::Span::new().days(days))
            .ok()
    });
    let expired = expires.as_ref().is_some_and(|e| e.timestamp() < n.now);
    let (location, remote) = location_and_remote(&meta, &written_title, &rendered, &mut out);
    let employment_type = employment_type(&meta, &written_title, &rendered, &mut out);
    let salary = salary(&meta, &rendered, &config.default_currency, &mut out);
    let (tags, explicit_tags) = tags(n, &meta, &title, &rendered, &mut out);
    let apply = apply(&meta, &title, &rendered, &mut out);

    if company.is_none() {
        let apply_domain = apply.as_deref().and_then(apply::email_domain);
        // A summary in the metadata ("Coach @ Acme") is the author's text too.
        let summary = meta
            .text(Field::Summary)
            .map(|(s, _)| s)
            .unwrap_or_default();
        company = company::infer(
            &title,
            &format!("{summary}\n{}", rendered.text),
            &explicit_tags,
            &n.vocabulary,
            apply_domain,
        );
        if company.is_some() {
            out.guessed("company");
        }
    }
    if let Some(c) = &company {
        title = company::strip_trailing_company(&title, c);
    }
    if apply.is_none() && !company::reads_as_job_ad(&title, &rendered.text) {
        out.warnings.push(
            "this does not read as a job ad: no apply link, no role in the title and no word of hiring; add `apply:` if it is one"
                .into(),
        );
    }

    let slug = match meta.text(Field::Slug) {
        Some((s, _)) if !slugify(&s).is_empty() => slugify(&s),
        _ => default_slug(company.as_deref(), &title, path),
    };
    let summary = match meta.text(Field::Summary) {
        Some((s, _)) => body::summary(&s, SUMMARY_CHARS),
        None => body::summary(&rendered.text, SUMMARY_CHARS),
    };
    const ORDER: [&str; 10] = [
        "title",
        "company",
        "date",
        "expires",
        "location",
        "remote",
        "employment_type",
        "salary",
        "tags",
        "apply",
    ];
    let inferred: Vec<String> = ORDER
        .iter()
        .filter(|name| out.inferred.contains(name))
        .map(|name| name.to_string())
        .collect();
    Posting {
        slug,
        company_slug: company.as_deref().map(slugify).filter(|s| !s.is_empty()),
        title,
        company,
        date: date.as_ref().map(dates::rfc3339),
        expires: expires.as_ref().map(dates::rfc3339),
        expired,
        location,
        remote,
        employment_type,
        salary,
        tags,
        apply,
        summary,
        body_html: rendered.html,
        source: Source {
            path: path.to_string(),
            format: draft.format,
        },
        inferred,
        warnings: out.warnings,
        record_cache: Default::default(),
    }
}

/// The title as written, the role alone, and the company.
fn title_and_company(
    n: &Normalizer,
    meta: &Meta,
    rendered: &Rendered,
    path: &str,
    out: &mut Collector,
) -> (String, String, Option<String>) {
    // Several organizations stated ("institution", "organization"): not the sub-unit.
    let companies: Vec<(String, &MetaEntry)> = meta
        .all(Field::Company)
        .into_iter()
        .filter_map(|e| value_text(&e.value).map(|c| (company::clean_name(&clean_inline(&c)), e)))
        .filter(|(c, _)| !c.is_empty())
        .collect();
    let known = companies
        .iter()
        .find(|(c, _)| !title::is_sub_unit(c))
        .or(companies.first())
        .map(|(c, entry)| {
            out.note_entry("company", entry);
            c.clone()
        });
    let (written, stated) = match meta.text(Field::Title) {
        Some((t, entry)) => {
            out.note_entry("title", entry);
            (clean_inline(&t), entry.stated)
        }
        None => {
            out.guessed("title");
            let first_line = rendered.text.lines().map(str::trim).find(|l| !l.is_empty());
            let line = match first_line {
                Some(line) => body::summary(line.trim_end_matches([':', ';']), 120),
                None => file_stem(path).replace(['-', '_'], " "),
            };
            (line, false)
        }
    };
    // A sentence taken for a title: the role the text names instead.
    let written = if !stated && title::is_sentence(&written) {
        title::role_in_text(&rendered.text).unwrap_or(written)
    } else {
        written
    };
    let is_skill = |t: &str| {
        n.vocabulary
            .canonical(t)
            .is_some_and(|c| n.vocabulary.is_skill(&c))
    };
    let (role, named) = title::role_only(&written, known.as_deref(), is_skill);
    let company = title::better_company(known.clone(), named);
    if company != known {
        out.guessed("company");
    }
    // "Backend Engineer - Olark": the company trails the title.
    match (company, company::split_title(&role)) {
        (None, Some((role, trailing))) => {
            out.guessed("company");
            (written, role, Some(trailing))
        }
        (company, _) => (written, role, company),
    }
}

fn meta_date(
    n: &Normalizer,
    meta: &Meta,
    field: Field,
    out: &mut Collector,
) -> Option<jiff::ZonedDateTime> {
    let (text, entry) = meta.text(field)?;
    let line = entry.line;
    match dates::parse(&text, &n.time_zone) {
        Ok(parsed) => {
            if let Some(w) = parsed.warning {
                out.warn_at(line, w);
            }
            Some(parsed.time)
        }
        Err(reason) => {
            out.warn_at(
                line,
                format!("{reason}; write it as 2025-03-03 or 2025-03-03 14:30"),
            );
            None
        }
    }
}

fn location_and_remote(
    meta: &Meta,
    title: &str,
    rendered: &Rendered,
    out: &mut Collector,
) -> (Vec<String>, Option<Remote>) {
    let mut places = Vec::new();
    let mut remote = None;
    // A posting may give several places (an HN line's "London, UK" and "ONSITE").
    for entry in meta.all(Field::Location) {
        let values: Vec<String> = match &entry.value {
            Value::Array(items) => items.iter().filter_map(value_text).collect(),
            other => value_text(other).into_iter().collect(),
        };
        for value in values {
            let parsed = location::parse(&value);
            if !parsed.places.is_empty() {
                out.note_entry("location", entry);
            }
            if parsed.remote.is_some() {
                out.note_entry("remote", entry);
            }
            places.extend(parsed.places);
            remote = location::most_flexible(remote, parsed.remote);
        }
    }
    if let Some(entry) = meta.get(Field::Remote) {
        let stated = match &entry.value {
            Value::Bool(true) => Some(Remote::Remote),
            Value::Bool(false) => Some(Remote::Onsite),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "yes" | "true" => Some(Remote::Remote),
                "no" | "false" => Some(Remote::Onsite),
                other => location::parse(other).remote,
            },
            _ => None,
        };
        match stated {
            Some(r) => {
                // `remote: false` with a remote-sounding place leaves the place's word.
                if r != Remote::Onsite || remote.is_none() {
                    remote = Some(r);
                }
                out.inferred.retain(|f| *f != "remote");
                out.note_entry("remote", entry);
            }
            None => out.warn_at(
                entry.line,
                "remote should be true, false, `hybrid` or `onsite`".into(),
            ),
        }
    }
    if remote.is_none() {
        remote =
            location::remote_in_text(title).or_else(|| location::remote_in_text(&rendered.text));
        if remote.is_some() {
            out.guessed("remote");
        }
    }
    dedup_keep_order(&mut places);
    (places, remote)
}

/// A regex whose `\b` are ASCII word boundaries, for patterns run over
/// whole bodies: a Unicode `\b` keeps the regex engine off its fast path on
/// any non-ASCII text (a body with one `’` took seconds per 5 MB instead of
/// tens of milliseconds). Salaries still refuse letters glued to a figure,
/// by `salary::standalone`.
fn ascii_regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("valid regex")
}

fn employment_type(
    meta: &Meta,
    title: &str,
    rendered: &Rendered,
    out: &mut Collector,
) -> Option<super::EmploymentType> {
    if let Some((text, entry)) = meta.text(Field::EmploymentType) {
        match employment::parse(&text) {
            Some(t) => {
                out.note_entry("employment_type", entry);
                return Some(t);
            }
            None => out.warn_at(
                entry.line,
                format!("employment type `{text}` not understood; use full-time, part-time, contract, temporary or internship"),
            ),
        }
    }
    let found = employment::find(title).or_else(|| employment::find(&rendered.text));
    if found.is_some() {
        out.guessed("employment_type");
    }
    found
}

fn salary(
    meta: &Meta,
    rendered: &Rendered,
    default_currency: &str,
    out: &mut Collector,
) -> Option<Salary> {
    if let Some(entry) = meta.get(Field::Salary) {
        let parsed = match &entry.value {
            Value::Object(map) => salary_from_map(map, default_currency),
            other => value_text(other).and_then(|t| salary::parse(&t, default_currency)),
        };
        match parsed {
            Some(s) => {
                out.note_entry("salary", entry);
                return Some(s);
            }
            None => {
                let written = value_text(&entry.value).unwrap_or_else(|| entry.value.to_string());
                if written.chars().any(|c| c.is_ascii_digit()) {
                    out.warn_at(
                        entry.line,
                        format!("salary `{written}` not understood; write it like `$120k-$150k` or `€60,000 per year`"),
                    );
                }
                return None;
            }
        }
    }
    let found = salary::find(&rendered.text, default_currency);
    if found.is_some() {
        out.guessed("salary");
    }
    found
}

/// `{min, max, currency, period}` as in the canonical record.
fn salary_from_map(map: &serde_json::Map<String, Value>, default_currency: &str) -> Option<Salary> {
    let number = |k: &str| map.get(k).and_then(Value::as_f64);
    let min = number("min").or(number("max"))?;
    let max = number("max").unwrap_or(min);
    let currency = map
        .get("currency")
        .and_then(Value::as_str)
        .unwrap_or(default_currency)
        .to_ascii_uppercase();
    let period = match map.get("period").and_then(Value::as_str) {
        Some(p) => serde_json::from_value(Value::String(p.to_ascii_lowercase())).ok()?,
        None => super::Period::Year,
    };
    let text = match map.get("text").and_then(Value::as_str) {
        Some(t) => t.to_string(),
        None if min == max => format!("{currency} {min}"),
        None => format!("{currency} {min}-{max}"),
    };
    (min <= max && min >= 0.0).then_some(Salary {
        min,
        max,
        currency,
        period,
        text,
    })
}

/// Canonical tags, sorted and unique, and the explicit ones alone.
fn tags(
    n: &Normalizer,
    meta: &Meta,
    title: &str,
    rendered: &Rendered,
    out: &mut Collector,
) -> (Vec<String>, Vec<String>) {
    let mut explicit = Vec::new();
    for (field, entry) in &meta.entries {
        if *field != Field::Tags {
            continue;
        }
        let raw: Vec<String> = match &entry.value {
            Value::Array(items) => items.iter().filter_map(value_text).collect(),
            other => value_text(other)
                .map(|s| s.split([',', ';']).map(str::to_string).collect())
                .unwrap_or_default(),
        };
        explicit.extend(raw.iter().filter_map(|t| n.vocabulary.canonical(t)));
    }
    explicit.sort();
    explicit.dedup();
    let mut all = explicit.clone();
    let found = n.vocabulary.find_in(&format!("{title}\n{}", rendered.text));
    if found.iter().any(|t| !explicit.contains(t)) {
        out.guessed("tags");
    }
    all.extend(found);
    all.sort();
    all.dedup();
    (all, explicit)
}

fn apply(meta: &Meta, title: &str, rendered: &Rendered, out: &mut Collector) -> Option<String> {
    let mut slot = None;
    if let Some((text, entry)) = meta.text(Field::Apply) {
        match apply::from_metadata(&text) {
            Some(url) if entry.stated => {
                out.note_entry("apply", entry);
                return Some(url);
            }
            // A route the parser guessed (an HN line's URL) competes with the body's.
            Some(url) => slot = Some(url),
            None => out.warn_at(
                entry.line,
                format!("apply link `{text}` refused: only https:, http: and mailto: links (or an e-mail address) are allowed"),
            ),
        }
    }
    // A text post's first line, taken for its title, may be the apply line.
    let found = apply::choose(
        slot.as_deref(),
        &rendered.links,
        &rendered.html,
        &format!("{title}\n{}", rendered.text),
    );
    if found.is_some() {
        out.guessed("apply");
    }
    found
}

fn default_slug(company: Option<&str>, title: &str, path: &str) -> String {
    let title_slug = slugify(title);
    // "Mozilla Services is hiring" needs no "mozilla-" in front.
    let base = match company.map(slugify) {
        Some(c) if !c.is_empty() && !format!("-{title_slug}-").contains(&format!("-{c}-")) => {
            format!("{c}-{title_slug}")
        }
        _ => title_slug,
    };
    if base.is_empty() {
        let stem = slugify(file_stem(path));
        if stem.is_empty() {
            "posting".into()
        } else {
            stem
        }
    } else {
        // Long titles make unwieldy URLs; keep whole words.
        let mut cut = String::new();
        for word in base.split('-') {
            if !cut.is_empty() && cut.len() + word.len() + 1 > 80 {
                break;
            }
            if !cut.is_empty() {
                cut.push('-');
            }
            cut.push_str(word);
        }
        cut
    }
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split_once('.').map_or(name, |(stem, _)| stem)
}

/// Metadata text as plain text: Markdown emphasis and links dropped, spaces folded.
fn clean_inline(text: &str) -> String {
    let (plain, _) = crate::formats::inline_text(text);
    let plain = if plain.is_empty() { text } else { &plain };
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dedup_keep_order(items: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(i.to_lowercase()));
}
