//! [`Draft`] to [`Posting`]: each canonical field from metadata (through the
//! synonyms of SCHEMA.md) or, failing that, guessed from the text.

mod candidates;
mod evidence;
mod labels;
mod meta;
pub mod publishing;
pub mod title;

use serde_json::Value;

use candidates::{first, Candidates, Piece};
use evidence::FileText;
use meta::{value_text, Meta};

use super::{
    slugify, Diagnostic, Draft, Evidence, Format, Instant, MetaEntry, Normalizer, Posting, Remote,
    Salary, Source,
};
use crate::markup::{self, Rendered};
use crate::recognize::keys::{Field, GUESSABLE};
use crate::recognize::{apply, company, dates, employment, gazetteer, location, salary};

/// A summary is at most this many characters.
const SUMMARY_CHARS: usize = 300;

/// Collects the posting's fields; `guesses` and `warnings` record every guess and doubt.
struct Collector<'a> {
    /// The first evidence of each guessed field.
    guesses: Vec<Evidence>,
    warnings: Vec<Diagnostic>,
    file: FileText<'a>,
}

impl Collector<'_> {
    fn guessed(&mut self, evidence: Evidence) {
        if !self.is_guessed(evidence.field) {
            self.guesses.push(evidence);
        }
    }

    fn is_guessed(&self, name: &str) -> bool {
        self.guesses.iter().any(|e| e.field == name)
    }

    /// A guess whose clue is somewhere in the file's text.
    fn guessed_from(&mut self, name: &'static str, clue: &str) {
        if !self.is_guessed(name) {
            self.guesses.push(self.file.locate(name, clue));
        }
    }

    /// A guess read from a piece of the text: its entry's line when a parser
    /// recognized the piece by its shape, else where `clue` is in the file.
    fn found_in(&mut self, name: &'static str, piece: Piece, clue: &str) {
        match piece.entry {
            Some(entry) => self.guessed(self.file.entry(name, entry)),
            None => self.guessed_from(name, clue),
        }
    }

    /// A value from an entry: inferred when the parser guessed it.
    fn note_entry(&mut self, name: &'static str, entry: &MetaEntry) {
        if !entry.stated {
            self.guessed(self.file.entry(name, entry));
        }
    }

    fn warn(&mut self, diagnostic: Diagnostic) {
        self.warnings.push(diagnostic);
    }

    fn warn_at(&mut self, line: usize, code: &'static str, message: String) {
        self.warn(Diagnostic::warning(code, message).on_line(line));
    }
}

/// `text` is the file's text, which `draft` was parsed from.
pub(super) fn extract(n: &Normalizer, draft: Draft, path: &str, text: &str) -> Posting {
    let mut out = Collector {
        guesses: Vec::new(),
        warnings: Vec::new(),
        file: FileText::new(text, draft.body_line),
    };
    // How the site publishes the posting is read apart from its fields.
    let (publishing_entries, entries): (Vec<MetaEntry>, Vec<MetaEntry>) = draft
        .meta
        .into_iter()
        .partition(|entry| entry.stated && publishing::is_key(&entry.key));
    // Template comments are notes to editors: no label line or text of theirs
    // belongs to the posting. Stripped once here for both readers.
    let body_source = markup::without_template_comments(&draft.body);
    // A one-line post's paragraphs are all on the file's one line.
    let one_line = draft.format == Format::Oneline;
    let label_lines = labels::find(&body_source, |i| {
        draft.body_line + if one_line { 0 } else { i }
    });
    let meta = Meta::new(n, entries, label_lines, &mut out);
    let rendered = markup::render(draft.markup, &body_source);
    out.warnings.extend(
        rendered
            .warnings
            .iter()
            .map(|w| Diagnostic::warning("body-flattened", w.as_str())),
    );
    let config = n.config();

    // The title as written keeps its cues ("(Remote)") for the other fields.
    let (written_title, mut title, mut company, title_tail) =
        title_and_company(n, &meta, &rendered, path, &mut out);
    let written_date =
        meta_date(n, &meta, Field::Date, &mut out).or_else(|| date_in_file_name(n, path, &mut out));
    let added_date = n.added.get(path).filter(|_| written_date.is_none());
    if added_date.is_some() {
        out.guessed(evidence::said(
            "date",
            "the date the file was added to version control",
        ));
    }
    let date = written_date
        .clone()
        .or_else(|| added_date.map(|t| t.to_zoned_datetime(n.time_zone.clone())));
    let expires = meta_date(n, &meta, Field::Expires, &mut out).or_else(|| {
        let days = config.expire_after_days?;
        date.as_ref()?
            .checked_add(jiff::Span::new().days(days))
            .ok()
    });
    // The moments the record holds, to the second, decide its status.
    let date = date.as_ref().map(Instant::from_zoned);
    let expires = expires.as_ref().map(Instant::from_zoned);
    let expired = expires.is_some_and(|e| e.timestamp() < n.now);
    // Only a written date schedules a posting: a file committed after a
    // build's `--now` was not meant for later.
    let status = publishing::status(
        &publishing_entries,
        written_date.and(date).map(|d| d.timestamp()),
        expires.map(|e| e.timestamp()),
        n.now,
        &mut out,
    );
    let aliases = publishing::aliases(&publishing_entries, &mut out);
    let candidates = Candidates::new(&written_title, &meta, &rendered);
    let (location, remote) = location_and_remote(&meta, &candidates, &mut out);
    let employment_type = employment_type(&meta, &candidates, &mut out);
    // A `$` is the dollar of the country the posting is in.
    let currency = location
        .iter()
        .find_map(|place| gazetteer::resolve(place)?.country)
        .and_then(salary::dollar_of)
        .unwrap_or(&config.default_currency);
    let salary = salary(&meta, &candidates, currency, &mut out);
    let (tags, explicit_tags) = tags(n, &meta, &candidates, &mut out);
    let apply = apply(&meta, &candidates, &mut out);

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
        )
        .or(title_tail);
        if let Some(name) = &company {
            out.guessed_from("company", name);
        }
    }
    if let Some(c) = &company {
        title = company::strip_trailing_company(&title, c);
    }
    // A link guessed from the text says nothing: any post may have one.
    // Pay or hours do: only a job has them.
    let apply_stated = apply.is_some() && !out.is_guessed("apply");
    let reads_as_job_ad = || {
        salary.is_some()
            || employment_type.is_some()
            || company::reads_as_job_ad(&title, &rendered.text)
    };
    if !apply_stated && !reads_as_job_ad() {
        out.warn(
            Diagnostic::warning(
                "not-a-job-ad",
                "this does not read as a job ad: no apply link stated, no role in the title and no word of hiring",
            )
            .with_help("add `apply:` if it is one"),
        );
    }

    let slug = match meta.text(Field::Slug) {
        Some((s, _)) if !slugify(&s).is_empty() => slugify(&s),
        _ => default_slug(company.as_deref(), &title, path),
    };
    let summary = match meta.text(Field::Summary) {
        Some((s, _)) => markup::summary(&s, SUMMARY_CHARS),
        None => markup::summary(&rendered.text, SUMMARY_CHARS),
    };
    let evidence: Vec<Evidence> = GUESSABLE
        .iter()
        .filter_map(|name| out.guesses.iter().find(|e| e.field == *name).cloned())
        .collect();
    Posting {
        slug,
        company_slug: company.as_deref().map(slugify).filter(|s| !s.is_empty()),
        title,
        company,
        date,
        expires,
        expired,
        status,
        aliases,
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
        inferred: evidence.iter().map(|e| e.field.to_string()).collect(),
        warnings: out.warnings.iter().map(Diagnostic::record_text).collect(),
        diagnostics: out.warnings.into_iter().map(|d| d.in_file(path)).collect(),
        evidence,
        record_cache: Default::default(),
    }
}

/// The title as written, the role alone, the company, and the name the title
/// ends with when nothing else confirms it is the company.
fn title_and_company(
    n: &Normalizer,
    meta: &Meta,
    rendered: &Rendered,
    path: &str,
    out: &mut Collector,
) -> (String, String, Option<String>, Option<String>) {
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
        None => match rendered.text.lines().map(str::trim).find(|l| !l.is_empty()) {
            Some(line) => {
                out.guessed_from("title", line);
                (
                    markup::summary(line.trim_end_matches([':', ';']), 120),
                    false,
                )
            }
            None => {
                out.guessed(evidence::said("title", "the file's name"));
                (file_stem(path).replace(['-', '_'], " "), false)
            }
        },
    };
    // A sentence taken for a title: the role the text names instead.
    let role = (!stated && title::is_sentence(&written))
        .then(|| title::role_in_text(&rendered.text))
        .flatten();
    let written = match role {
        Some(role) => {
            out.guesses.retain(|e| e.field != "title");
            out.guessed_from("title", &role);
            role
        }
        None => written,
    };
    let is_skill = |t: &str| {
        n.vocabulary
            .canonical(t)
            .is_some_and(|c| n.vocabulary.is_skill(&c))
    };
    let (role, named) = title::role_only(&written, known.as_deref(), is_skill);
    let company = title::better_company(known.clone(), named);
    if let Some(name) = company.as_ref().filter(|_| company != known) {
        out.guessed_from("company", name);
    }
    // "Backend Engineer - Olark": the company trails the title when the text
    // names it again (its mail domain counts); "Python Engineer - Fintech"
    // trails a sector, the company only when nothing else names one.
    match (company, company::split_title(&role)) {
        (None, Some((role, trailing))) => {
            let first_word = trailing.split_whitespace().next().unwrap_or_default();
            if rendered
                .text
                .to_lowercase()
                .contains(&first_word.to_lowercase())
            {
                out.guessed_from("company", &trailing);
                (written, role, Some(trailing), None)
            } else {
                (written, role, None, Some(trailing))
            }
        }
        (company, _) => (written, role, company, None),
    }
}

/// The first of the field's dates that reads; a stated one that does not is
/// reported, a guessed one (a label line) passed over.
fn meta_date(
    n: &Normalizer,
    meta: &Meta,
    field: Field,
    out: &mut Collector,
) -> Option<jiff::ZonedDateTime> {
    for entry in meta.ranked(field) {
        let parsed = match &entry.value {
            Value::Number(number) => dates::from_epoch(number, &n.time_zone),
            value => match value_text(value) {
                Some(text) if !text.is_empty() => dates::parse(&text, &n.time_zone),
                _ => continue,
            },
        };
        match parsed {
            Ok(parsed) => {
                out.note_entry(
                    if field == Field::Date {
                        "date"
                    } else {
                        "expires"
                    },
                    entry,
                );
                if let Some(w) = parsed.warning {
                    out.warn_at(entry.line, "date-ambiguous", w);
                }
                return Some(parsed.time);
            }
            Err(reason) if entry.stated => {
                out.warn_at(
                    entry.line,
                    "date-unparsed",
                    format!("{reason}; write it as 2025-03-03 or 2025-03-03 14:30"),
                );
                return None;
            }
            Err(_) => {}
        }
    }
    None
}

fn location_and_remote(
    meta: &Meta,
    candidates: &Candidates,
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
                "yes" | "true" | "full" | "fully" | "100%" | "y" => Some(Remote::Remote),
                // Remote some of the time.
                "partial" | "partially" | "partly" | "flexible" | "part" => Some(Remote::Hybrid),
                "no" | "false" | "none" | "n" => Some(Remote::Onsite),
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
                out.guesses.retain(|e| e.field != "remote");
                out.note_entry("remote", entry);
            }
            None => out.warn_at(
                entry.line,
                "remote-unparsed",
                "remote should be true, false, `hybrid` or `onsite`".into(),
            ),
        }
    }
    // "Python Engineer - London (Hybrid)": the title's tail says where.
    if places.is_empty() || remote.is_none() {
        for tail in title::places_in_title(candidates.title) {
            let mut parsed = location::parse(&tail);
            // A bare "Remote" is the work place; the body may still say where.
            parsed.places.retain(|p| {
                p.split([',', '(', ')'])
                    .any(|part| gazetteer::resolve(part).is_some())
            });
            if places.is_empty() && !parsed.places.is_empty() {
                out.guessed_from("location", &tail);
                places = parsed.places;
            }
            if remote.is_none() && parsed.remote.is_some() {
                out.guessed_from("remote", &tail);
                remote = parsed.remote;
            }
        }
    }
    if remote.is_none() {
        // An HN field such as "$100k-150k, equity, Full Time, onsite".
        let pieces = std::iter::once(candidates.title())
            .chain(candidates.shaped(&[Field::Salary, Field::EmploymentType]))
            .chain([candidates.body(), candidates.summary()]);
        if let Some(((found, cue), piece)) = first(pieces, location::stated_remote) {
            remote = Some(found);
            out.found_in("remote", piece, cue);
        }
    }
    if places.is_empty() {
        places = location::places_in_text(&candidates.title_and_body);
        if places.is_empty() {
            places = location::places_in_text(candidates.summary().text);
        }
        if let Some(first) = places.first() {
            // "Berlin, Germany" may be written "Berlin".
            out.guessed_from("location", first.split(',').next().unwrap_or(first));
        }
    }
    dedup_keep_order(&mut places);
    (places, remote)
}

fn employment_type(
    meta: &Meta,
    candidates: &Candidates,
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
                "employment-type-unparsed",
                format!("employment type `{text}` not understood; use full-time, part-time, contract, temporary or internship"),
            ),
        }
    }
    // A field recognized by its shape may hold it too: an HN line's
    // "Full time $90k - $120k" or "ONSITE, Full-time".
    let pieces = std::iter::once(candidates.title())
        .chain(candidates.shaped(&[]))
        .chain([candidates.body()]);
    let ((found, cue), piece) = first(pieces, employment::stated)?;
    out.found_in("employment_type", piece, cue);
    Some(found)
}

fn salary(
    meta: &Meta,
    candidates: &Candidates,
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
                        "salary-unparsed",
                        format!("salary `{written}` not understood; write it like `$120k-$150k` or `€60,000 per year`"),
                    );
                }
                return None;
            }
        }
    }
    // A field recognized by its shape may hold it ("REMOTE, SALARY:$75K-115K").
    let pieces = candidates.shaped(&[]).chain([candidates.body()]);
    let (found, _) = first(pieces, |text| salary::find(text, default_currency))?;
    out.guessed_from("salary", &found.text);
    Some(found)
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
    candidates: &Candidates,
    out: &mut Collector,
) -> (Vec<String>, Vec<String>) {
    let mut explicit = Vec::new();
    for entry in meta.of(Field::Tags) {
        let raw: Vec<String> = match &entry.value {
            Value::Array(items) => items.iter().filter_map(value_text).collect(),
            other => value_text(other)
                .map(|s| s.split([',', ';']).map(str::to_string).collect())
                .unwrap_or_default(),
        };
        let before = explicit.len();
        explicit.extend(raw.iter().filter_map(|t| n.vocabulary.canonical(t)));
        if explicit.len() > before {
            out.note_entry("tags", entry);
        }
    }
    explicit.sort();
    explicit.dedup();
    let mut all = explicit.clone();
    let found = n.vocabulary.find_in(&candidates.title_and_body);
    let named: Vec<&str> = found
        .iter()
        .filter(|t| !explicit.contains(t))
        .map(String::as_str)
        .collect();
    if !named.is_empty() {
        out.guessed(evidence::said(
            "tags",
            format!("skills named in the text: {}", named.join(", ")),
        ));
    }
    all.extend(found);
    all.sort();
    all.dedup();
    (all, explicit)
}

/// The first usable link under a key that names it (of several keys, or of
/// a list under one) when the author stated it; a guessed one (an HN line's
/// URL, an `Apply:` line) competes with the body's links and addresses; else
/// one under a key read by its content (`subrEmail` may be whoever filed the ad).
fn apply(meta: &Meta, candidates: &Candidates, out: &mut Collector) -> Option<String> {
    fn usable(values: Vec<(String, &MetaEntry)>) -> Option<(String, &MetaEntry)> {
        let links: Vec<(String, &MetaEntry)> = values
            .into_iter()
            .filter_map(|(text, entry)| Some((apply::from_metadata(&text)?, entry)))
            .collect();
        let first = links.first()?;
        // `apply: {email, url}` is one field written two ways: the link is
        // the page's apply button.
        let parent = |entry: &MetaEntry| {
            entry
                .key
                .rsplit_once('.')
                .map(|(parent, _)| parent.to_string())
        };
        let sibling_link = links.iter().find(|(url, entry)| {
            !url.starts_with("mailto:")
                && entry.stated == first.1.stated
                && parent(entry).is_some()
                && parent(entry) == parent(first.1)
        });
        sibling_link.or(Some(first)).cloned()
    }
    let named = meta.values(Field::Apply, false);
    let mut slot = None;
    match usable(named.clone()) {
        Some((url, entry)) if entry.stated => {
            out.note_entry("apply", entry);
            return Some(url);
        }
        Some(guessed) => slot = Some(guessed),
        None => {
            if let Some((text, entry)) = named.iter().find(|(_, entry)| entry.stated) {
                out.warn_at(
                    entry.line,
                    "apply-link-refused",
                    format!("apply link `{text}` refused: only https:, http: and mailto: links (or an e-mail address) are allowed"),
                );
            }
        }
    }
    // A text post's first line, taken for its title, may be the apply line.
    let chosen = apply::choose(
        slot.as_ref().map(|(url, _)| url.as_str()),
        &candidates.body.links,
        &candidates.body.html,
        &candidates.title_and_body,
    );
    let (found, entry) = match chosen {
        Some(url) => {
            let entry = slot.and_then(|(slot_url, entry)| (slot_url == url).then_some(entry));
            (url, entry)
        }
        None => {
            let (url, entry) = usable(meta.values(Field::Apply, true))?;
            (url, Some(entry))
        }
    };
    match entry {
        Some(entry) => out.guessed(out.file.entry("apply", entry)),
        None => {
            let address = found.trim_start_matches("mailto:");
            let mut evidence = out.file.locate("apply", address);
            // `jo [at] acme [dot] example`: written otherwise, but under its name.
            if let (None, Some((name, _))) = (evidence.line, address.split_once('@')) {
                evidence = out.file.locate("apply", name);
            }
            out.guessed(evidence);
        }
    }
    Some(found)
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
        crate::slug::shorten(&base).to_string()
    }
}

/// A Jekyll post's date, from its name: `_posts/2024-06-12-baker.md`.
fn date_in_file_name(
    n: &Normalizer,
    path: &str,
    out: &mut Collector,
) -> Option<jiff::ZonedDateTime> {
    let stem = file_stem(path);
    let day = stem
        .get(..10)
        .filter(|_| stem.as_bytes().get(10) == Some(&b'-'))?;
    let shaped = day.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    if !shaped {
        return None;
    }
    let parsed = dates::parse(day, &n.time_zone).ok()?;
    out.guessed(evidence::said(
        "date",
        "the date the file's name starts with",
    ));
    Some(parsed.time)
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split_once('.').map_or(name, |(stem, _)| stem)
}

/// Metadata text as plain text: Markdown emphasis and links dropped, spaces folded.
fn clean_inline(text: &str) -> String {
    let (plain, _) = markup::inline_text(text);
    let plain = if plain.is_empty() { text } else { &plain };
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dedup_keep_order(items: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(i.to_lowercase()));
}
