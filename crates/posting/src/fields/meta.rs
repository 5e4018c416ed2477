//! A draft's metadata entries sorted into fields: through the key lexicon
//! ([`keys`]), or, for a key it does not know, by what the value reads as.

use serde_json::Value;

use super::keys::{self, Meaning};
use super::{apply, dates, employment, location, salary, Collector, Field};
use crate::{MetaEntry, Normalizer};

/// The rank of a value taken for a field by its content alone, under a key
/// the lexicon does not know: below every key that names the field.
const BY_CONTENT: u8 = 0;

struct Ranked {
    field: Field,
    rank: u8,
    entry: MetaEntry,
}

/// Field values picked from metadata: stated before guessed, then the more
/// specific key (`applyUrl` before `url`), then the first in the file.
pub(super) struct Meta {
    entries: Vec<Ranked>,
}

impl Meta {
    /// Sorts the file's `stated` entries (and those its format guessed) and
    /// the body's label lines into fields. A label line counts only when its
    /// value reads as its field: `Location: see below` is not a place.
    pub fn new(
        n: &Normalizer,
        entries: Vec<MetaEntry>,
        labels: Vec<MetaEntry>,
        out: &mut Collector,
    ) -> Meta {
        let mut meta = Meta {
            entries: Vec::new(),
        };
        for entry in entries {
            match keys::meaning(&entry.written) {
                Meaning::Field(field, rank) => meta.push(field, rank, entry),
                Meaning::IfValueFits(field) => meta.push_if_fits(n, field, 1, entry),
                Meaning::Page => {}
                Meaning::Unknown => match read_by_content(n, &entry) {
                    Some(field) => {
                        out.warn_at(
                            entry.line,
                            format!(
                                "key `{}` read as {}; name it `{}:`",
                                entry.written,
                                describe(field),
                                key_name(field)
                            ),
                        );
                        let guessed = MetaEntry {
                            stated: false,
                            ..entry
                        };
                        meta.push(field, BY_CONTENT, guessed);
                    }
                    None => out.warn_at(
                        entry.line,
                        format!("unknown key `{}` ignored", entry.written),
                    ),
                },
            }
        }
        for label in labels {
            match keys::meaning(&label.written) {
                Meaning::Field(field, rank) => meta.push_if_fits(n, field, rank, label),
                Meaning::IfValueFits(field) => meta.push_if_fits(n, field, 1, label),
                Meaning::Page | Meaning::Unknown => {}
            }
        }
        meta
    }

    fn push(&mut self, field: Field, rank: u8, entry: MetaEntry) {
        self.entries.push(Ranked { field, rank, entry });
    }

    /// Keeps `entry` for `field` when its value reads as one; of a blog's
    /// `categories: [python, jobs]` only the skills.
    fn push_if_fits(&mut self, n: &Normalizer, field: Field, rank: u8, mut entry: MetaEntry) {
        if field == Field::Tags {
            let skills: Vec<Value> = scalars(&entry.value)
                .into_iter()
                .flat_map(|t| t.split([',', ';']).map(str::to_string).collect::<Vec<_>>())
                .filter(|t| {
                    n.vocabulary
                        .canonical(t.trim().trim_start_matches('#'))
                        .is_some_and(|tag| n.vocabulary.is_skill(&tag))
                })
                .map(|t| Value::String(t.trim().trim_start_matches('#').to_string()))
                .collect();
            if !skills.is_empty() {
                entry.value = Value::Array(skills);
                self.push(field, rank, entry);
            }
        } else if fits(n, field, &entry.value) {
            self.push(field, rank, entry);
        }
    }

    /// The entries of a field, best first.
    pub fn ranked(&self, field: Field) -> Vec<&MetaEntry> {
        self.best_first(|r| r.field == field)
    }

    fn best_first(&self, keep: impl Fn(&Ranked) -> bool) -> Vec<&MetaEntry> {
        let mut kept: Vec<(usize, &Ranked)> =
            self.entries.iter().enumerate().filter(|(_, r)| keep(r)).collect();
        kept.sort_by_key(|(order, r)| (!r.entry.stated, std::cmp::Reverse(r.rank), *order));
        kept.into_iter().map(|(_, r)| &r.entry).collect()
    }

    pub fn get(&self, field: Field) -> Option<&MetaEntry> {
        self.ranked(field).into_iter().next()
    }

    /// Every entry of a field: the stated ones, or if none, the guessed ones.
    pub fn all(&self, field: Field) -> Vec<&MetaEntry> {
        let ranked = self.ranked(field);
        let any_stated = ranked.iter().any(|e| e.stated);
        ranked
            .into_iter()
            .filter(|e| e.stated || !any_stated)
            .collect()
    }

    /// Each value of a field, best first, a list giving one value per item:
    /// for fields that hold one value (several apply links: the first usable).
    /// `by_content` chooses the values under keys that do not name the field
    /// (an address under `subrEmail`) or, if false, those under keys that do.
    pub fn values(&self, field: Field, by_content: bool) -> Vec<(String, &MetaEntry)> {
        self.best_first(|r| r.field == field && (r.rank == BY_CONTENT) == by_content)
            .into_iter()
            .flat_map(|entry| {
                scalars(&entry.value)
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .map(move |t| (t, entry))
            })
            .collect()
    }

    /// The best entry's value as text; a list joined with commas.
    pub fn text(&self, field: Field) -> Option<(String, &MetaEntry)> {
        let entry = self.get(field)?;
        let text = match &entry.value {
            Value::Bool(b) => b.to_string(),
            value => scalars(value).join(", "),
        };
        (!text.is_empty()).then_some((text, entry))
    }

    /// Entries of every field, for fields that read them all (tags).
    pub fn of(&self, field: Field) -> impl Iterator<Item = &MetaEntry> {
        self.entries
            .iter()
            .filter(move |r| r.field == field)
            .map(|r| &r.entry)
    }
}

/// A string or number, or the strings and numbers of a list, trimmed.
pub(super) fn scalars(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(value_text).collect(),
        other => value_text(other).into_iter().collect(),
    }
}

pub(super) fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Whether `value` reads as `field`, by the field's own recognizer.
fn fits(n: &Normalizer, field: Field, value: &Value) -> bool {
    if let (Field::Date | Field::Expires, Value::Number(number)) = (field, value) {
        return dates::from_epoch(number, &n.time_zone).is_ok();
    }
    let Some(text) = value_text(value).filter(|t| !t.is_empty()) else {
        return false;
    };
    let short = text.chars().count() <= 80 && text.split_whitespace().count() <= 10;
    match field {
        Field::Date | Field::Expires => dates::parse(&text, &n.time_zone).is_ok(),
        Field::EmploymentType => employment::parse(&text).is_some(),
        Field::Salary => reads_as_salary(n, &text),
        Field::Remote => short && location::parse(&text).remote.is_some(),
        Field::Location => short && !location::parse(&text).places.is_empty(),
        Field::Apply => apply::from_metadata(&text).is_some(),
        Field::Title | Field::Company => short,
        Field::Tags | Field::Slug | Field::Summary => false,
    }
}

/// A figure that is money, not a count: `$90k`, `€60,000 per year`, but not
/// `9` or `2+ years`.
fn reads_as_salary(n: &Normalizer, text: &str) -> bool {
    let bare_number = text
        .chars()
        .all(|c| c.is_ascii_digit() || " .,+-".contains(c));
    !bare_number && salary::parse(text, &n.config.default_currency).is_some()
}

/// The field a value under an unknown key reads as, if any. A link or an
/// address counts only under a key that says so (`subrEmail`, `externalURL`);
/// a date not under a key about some other day (`start_date`).
fn read_by_content(n: &Normalizer, entry: &MetaEntry) -> Option<Field> {
    let text = value_text(&entry.value).filter(|t| !t.is_empty() && t.chars().count() <= 80)?;
    let other_day = keys::words(&entry.written).iter().any(|w| {
        matches!(
            w.as_str(),
            "start" | "starts" | "begin" | "hire" | "birth" | "event"
        )
    });
    if keys::says_link(&entry.written) && apply::from_metadata(&text).is_some() {
        Some(Field::Apply)
    } else if reads_as_salary(n, &text) {
        Some(Field::Salary)
    } else if employment::parse(&text).is_some() {
        Some(Field::EmploymentType)
    } else if location::parse(&text).remote.is_some() && location::parse(&text).places.is_empty() {
        Some(Field::Remote)
    } else if !other_day && dates::parse(&text, &n.time_zone).is_ok() {
        Some(Field::Date)
    } else {
        None
    }
}

fn describe(field: Field) -> &'static str {
    match field {
        Field::Apply => "the apply link",
        Field::Salary => "the salary",
        Field::EmploymentType => "the employment type",
        Field::Remote => "the remote policy",
        _ => "the date",
    }
}

fn key_name(field: Field) -> &'static str {
    match field {
        Field::Apply => "apply",
        Field::Salary => "salary",
        Field::EmploymentType => "employment_type",
        Field::Remote => "remote",
        _ => "date",
    }
}
