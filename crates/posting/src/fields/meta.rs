//! A draft's metadata entries sorted into fields: through the key lexicon
//! ([`keys`]), or, for a key it does not know, by what the value reads as.

use serde_json::Value;

use super::Collector;
use crate::recognize::keys::{self, Field, Meaning};
use crate::recognize::{apply, dates, employment, location, salary};
use crate::{Diagnostic, MetaEntry, Normalizer};

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
        for entry in joined_salary_parts(entries) {
            match keys::meaning(&entry.written) {
                Meaning::Field(field, rank) => meta.push(field, rank, entry),
                Meaning::IfValueFits(field) => meta.push_if_fits(n, field, 1, entry),
                Meaning::Page => {}
                Meaning::Unknown => match read_by_content(n, &entry) {
                    Some(field) => {
                        out.warn(
                            Diagnostic::warning(
                                "key-read-by-content",
                                format!("key `{}` read as {}", entry.written, describe(field)),
                            )
                            .on_line(entry.line)
                            .with_help(format!("name it `{}:`", key_name(field))),
                        );
                        let guessed = MetaEntry {
                            stated: false,
                            ..entry
                        };
                        meta.push(field, BY_CONTENT, guessed);
                    }
                    None => {
                        let unknown = Diagnostic::warning(
                            "unknown-key",
                            format!("unknown key `{}` ignored", entry.written),
                        )
                        .on_line(entry.line);
                        out.warn(match keys::suggestion(&entry.written) {
                            Some(known) => unknown.with_help(format!("did you mean `{known}`?")),
                            None => unknown,
                        });
                    }
                },
            }
        }
        for mut label in labels {
            let (field, rank) = match keys::meaning(&label.written) {
                Meaning::Field(field, rank) => (field, rank),
                Meaning::IfValueFits(field) => (field, 1),
                Meaning::Page | Meaning::Unknown => continue,
            };
            if field == Field::Tags {
                // `Skills: Python, a sense of humour`: prose keeps only the skills.
                let skills = tag_items(&label.value).into_iter().filter(|t| {
                    n.vocabulary
                        .canonical(t)
                        .is_some_and(|tag| n.vocabulary.is_skill(&tag))
                });
                label.value = Value::Array(skills.map(Value::String).collect());
            }
            meta.push_if_fits(n, field, rank, label);
        }
        meta
    }

    fn push(&mut self, field: Field, rank: u8, mut entry: MetaEntry) {
        if field == Field::Tags {
            entry.value = Value::Array(
                tag_items(&entry.value)
                    .into_iter()
                    .filter(|t| !SAYS_JOB.contains(&t.to_lowercase().as_str()))
                    .map(Value::String)
                    .collect(),
            );
        }
        self.entries.push(Ranked { field, rank, entry });
    }

    /// Keeps `entry` for `field` when its value reads as one.
    fn push_if_fits(&mut self, n: &Normalizer, field: Field, rank: u8, entry: MetaEntry) {
        if fits(n, field, &entry.value) {
            self.push(field, rank, entry);
        }
    }

    /// The entries of a field, best first.
    pub fn ranked(&self, field: Field) -> Vec<&MetaEntry> {
        self.best_first(|r| r.field == field)
    }

    fn best_first(&self, keep: impl Fn(&Ranked) -> bool) -> Vec<&MetaEntry> {
        let mut kept: Vec<(usize, &Ranked)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, r)| keep(r))
            .collect();
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

    /// The entries a parser guessed from their shape or place (an HN line's
    /// fields, label lines), with their fields, in file order.
    pub fn guessed(&self) -> impl Iterator<Item = (Field, &MetaEntry)> {
        self.entries
            .iter()
            .filter(|r| !r.entry.stated)
            .map(|r| (r.field, &r.entry))
    }

    /// Entries of every field, for fields that read them all (tags).
    pub fn of(&self, field: Field) -> impl Iterator<Item = &MetaEntry> {
        self.entries
            .iter()
            .filter(move |r| r.field == field)
            .map(|r| &r.entry)
    }
}

/// `salary_min`, `salary_max` and `salary_currency` as one `salary: {min, max,
/// currency}` entry, at the line of the first; other entries unchanged.
fn joined_salary_parts(entries: Vec<MetaEntry>) -> Vec<MetaEntry> {
    let mut parts = serde_json::Map::new();
    let mut first: Option<MetaEntry> = None;
    let mut others = Vec::new();
    for entry in entries {
        let Some(part) = keys::salary_part(&entry.written) else {
            others.push(entry);
            continue;
        };
        // Figures written as text ("80000") count as figures.
        let value = match &entry.value {
            Value::String(s) if part == "min" || part == "max" => s
                .replace([',', '_', ' '], "")
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or(entry.value.clone(), Value::Number),
            value => value.clone(),
        };
        parts.insert(part.to_string(), value);
        first.get_or_insert(entry);
    }
    if let Some(first) = first.filter(|_| parts.contains_key("min") || parts.contains_key("max")) {
        others.push(MetaEntry {
            key: "salary".into(),
            written: "salary".into(),
            value: Value::Object(parts),
            ..first
        });
    }
    others
}

/// Tags that only say the post is a job ad, as blogs file them
/// (`category: careers`): not skills.
const SAYS_JOB: &[&str] = &[
    "job",
    "jobs",
    "hiring",
    "career",
    "careers",
    "vacancy",
    "vacancies",
    "we are hiring",
    "recruiting",
];

/// A tag list's items: `python, go` and `[python, go]` alike, `#python` as `python`.
fn tag_items(value: &Value) -> Vec<String> {
    scalars(value)
        .iter()
        .flat_map(|t| t.split([',', ';']))
        .map(|t| t.trim().trim_start_matches('#').trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
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
        // A list of tags, such as a `Skills:` line's skills, is no one text.
        return field == Field::Tags && !tag_items(value).is_empty();
    };
    let short = text.chars().count() <= 80 && text.split_whitespace().count() <= 10;
    match field {
        Field::Date | Field::Expires => dates::parse(&text, &n.time_zone).is_ok(),
        Field::EmploymentType => employment::parse(&text).is_some(),
        Field::Salary => reads_as_salary(n, &text),
        Field::Remote => {
            let yes_or_no = ["yes", "no", "true", "false"].contains(&text.to_lowercase().as_str());
            short && (yes_or_no || location::parse(&text).remote.is_some())
        }
        Field::Location => short && !location::parse(&text).places.is_empty(),
        Field::Apply => apply::from_metadata(&text).is_some(),
        // `Position: Full-time` says the hours, not the role.
        Field::Title => short && employment::parse(&text).is_none(),
        Field::Company => short,
        Field::Tags => !tag_items(value).is_empty(),
        Field::Slug | Field::Summary => false,
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
    } else if text.split_whitespace().count() <= 4 && location::parse(&text).remote.is_some() {
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

#[cfg(test)]
mod tests {
    use crate::{Config, Normalizer, Posting, Remote};

    fn normalize(path: &str, text: &str) -> Posting {
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        Normalizer::new(&Config::default(), now)
            .normalize(path, text.as_bytes())
            .unwrap()
    }

    #[test]
    fn board_keys_in_camel_snake_and_nested_forms() {
        let p = normalize(
            "jobs/baker.md",
            "---\nlayout: job\ntitle: Night Baker\ncompanyName: Crumb Works\nurl: https://crumb.example/jobs/7\njobApplyURL: https://crumb.example/jobs/7/apply\ntimestamp: 1700000000000\njob_location: Lyon\nwork_model: hybrid\nengagement: Part-time\nclosing_date: 2023-12-31\nlogoUrl: https://crumb.example/logo.png\n---\nKnead and bake.\n",
        );
        assert_eq!(p.company.as_deref(), Some("Crumb Works"));
        assert_eq!(
            p.apply.as_deref(),
            Some("https://crumb.example/jobs/7/apply")
        );
        assert_eq!(p.date, Some("2023-11-14T22:13:20+00:00".parse().unwrap()));
        assert_eq!(
            p.expires,
            Some("2023-12-31T00:00:00+00:00".parse().unwrap())
        );
        assert_eq!(p.location, ["Lyon"]);
        assert_eq!(p.remote, Some(Remote::Hybrid));
        assert_eq!(p.employment_type, Some(crate::EmploymentType::PartTime));
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        assert!(p.inferred.iter().all(|f| f == "tags"), "{:?}", p.inferred);
    }

    #[test]
    fn nested_company_and_contact_maps() {
        let p = normalize(
            "a.md",
            "---\ntitle: Courier\ncompany:\n  name: Swift Parcels\n  url: https://swift.example\n  logo: /s.png\ncontact:\n  email: hr@swift.example\n---\nRide.\n",
        );
        assert_eq!(p.company.as_deref(), Some("Swift Parcels"));
        assert_eq!(p.apply.as_deref(), Some("mailto:hr@swift.example"));
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    }

    #[test]
    fn zola_extra_and_hugo_params() {
        let zola = normalize(
            "a.md",
            "+++\ntitle = 'Courier'\n[extra]\ncompany = 'Swift Parcels'\napply_url = 'https://swift.example/apply'\n[taxonomies]\ntags = ['logistics']\n+++\nRide.\n",
        );
        assert_eq!(zola.company.as_deref(), Some("Swift Parcels"));
        assert_eq!(zola.apply.as_deref(), Some("https://swift.example/apply"));
        assert!(
            zola.tags.contains(&"logistics".to_string()),
            "{:?}",
            zola.tags
        );
        let hugo = normalize(
            "a.md",
            "---\ntitle: Courier\nparams:\n  salary: 40k-50k EUR\n  city: Ghent\n---\nRide.\n",
        );
        assert_eq!(
            hugo.salary.map(|s| (s.min, s.max)),
            Some((40_000.0, 50_000.0))
        );
        assert_eq!(hugo.location, ["Ghent"]);
    }

    #[test]
    fn a_salary_split_across_keys_is_one_salary() {
        let p = normalize(
            "a.md",
            "---\ntitle: Courier\nsalary_min: \"40,000\"\nsalary_max: 50000\nsalaryCurrency: eur\n---\nRide.\n",
        );
        let salary = p.salary.expect("a salary");
        assert_eq!(
            (salary.min, salary.max, salary.currency.as_str()),
            (40_000.0, 50_000.0, "EUR")
        );
        assert!(
            p.warnings.iter().all(|w| !w.contains("key")),
            "{:?}",
            p.warnings
        );
    }

    #[test]
    fn lists_where_one_value_is_expected() {
        let p = normalize(
            "a.md",
            "---\ntitle: Courier\nhow_to_apply:\n  - Send a short note about yourself\n  - https://swift.example/apply\nlocations: [Ghent, Bruges]\n---\nRide.\n",
        );
        assert_eq!(p.apply.as_deref(), Some("https://swift.example/apply"));
        assert_eq!(p.location, ["Ghent", "Bruges"]);
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    }

    #[test]
    fn unknown_keys_read_by_their_content() {
        let p = normalize(
            "a.md",
            "---\ntitle: Courier\nmoney: €30k–€36k\narrangement: Fully remote\nhours: Full-time\nwhen: 2024-05-01\nrecruiterEmail: ana@swift.example\nmascot: a friendly owl\n---\nRide.\n",
        );
        assert_eq!(p.salary.as_ref().map(|s| s.min), Some(30_000.0));
        assert_eq!(p.remote, Some(Remote::Remote));
        assert_eq!(p.employment_type, Some(crate::EmploymentType::FullTime));
        assert_eq!(p.date, Some("2024-05-01T00:00:00+00:00".parse().unwrap()));
        assert_eq!(p.apply.as_deref(), Some("mailto:ana@swift.example"));
        for field in ["date", "remote", "employment_type", "salary", "apply"] {
            assert!(
                p.inferred.contains(&field.to_string()),
                "{field}: {:?}",
                p.inferred
            );
        }
        let said = |needle: &str| p.warnings.iter().any(|w| w.contains(needle));
        assert!(
            said("line 3: key `money` read as the salary; name it `salary:`"),
            "{:?}",
            p.warnings
        );
        assert!(said(
            "key `recruiterEmail` read as the apply link; name it `apply:`"
        ));
        assert!(said("line 8: unknown key `mascot` ignored"));
    }

    #[test]
    fn a_start_date_is_not_the_posting_date() {
        let p = normalize(
            "a.md",
            "---\ntitle: Courier\nstart_date: 2024-09-01\n---\nRide.\n",
        );
        assert_eq!(p.date, None);
        assert!(p
            .warnings
            .iter()
            .any(|w| w.contains("unknown key `start_date`")));
    }

    #[test]
    fn blog_keys_are_not_fields() {
        let p = normalize(
            "a.md",
            "---\ntitle: Courier\napply: https://swift.example/apply\ntype: jobs\ncategory: careers\ncategories: [rust, jobs]\npublished: true\npermalink: /jobs/courier/\nfeatured: 3\nimage: /c.png\nexcerpt: Ride with us.\n---\nRide.\n",
        );
        assert_eq!(p.employment_type, None);
        assert_eq!(p.tags, ["rust"]);
        assert_eq!(p.date, None);
        assert_eq!(p.salary, None);
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        let typed = normalize("a.md", "---\ntitle: Courier\ntype: full-time\n---\nRide.\n");
        assert_eq!(typed.employment_type, Some(crate::EmploymentType::FullTime));
    }

    #[test]
    fn dates_under_every_key_and_shape() {
        for front in [
            "created: 2021-06-02",
            "postdate: 2021-06-02",
            "date_posted: June 2, 2021",
            "date: !!timestamp 2021-06-02",
            "Date: 2 juin 2021",
        ] {
            let p = normalize(
                "a.md",
                &format!("---\ntitle: Courier\n{front}\n---\nRide.\n"),
            );
            assert_eq!(
                p.date,
                Some("2021-06-02T00:00:00+00:00".parse().unwrap()),
                "{front}"
            );
        }
        let ablog = normalize(
            "a.rst",
            "Courier\n=======\n\n.. post:: Jun 2, 2021\n   :tags: logistics\n\nRide.\n",
        );
        assert_eq!(
            ablog.date,
            Some("2021-06-02T00:00:00+00:00".parse().unwrap())
        );
        let posted = normalize("a.md", "# Courier\n\nPosted on 2. Juni 2021\n\nRide.\n");
        assert_eq!(
            posted.date,
            Some("2021-06-02T00:00:00+00:00".parse().unwrap())
        );
        assert!(posted.inferred.contains(&"date".to_string()));
    }

    #[test]
    fn label_lines_in_each_markup() {
        let bodies = [
            ("a.md", "# Courier\n\n**Location:** Ghent\n**Salary:** €30k–€36k\n- *Type:* Contract\n\nApply: https://swift.example/apply\n"),
            ("a.md", "---\ntitle: Courier\n---\n<p><strong>Location:</strong> Ghent</p>\n<p><b>Compensation</b> – €30k–€36k<br><b>Type:</b> Contract</p>\n<p>Apply: https://swift.example/apply</p>\n"),
            ("a.rst", "Courier\n=======\n\nWe deliver.\n\n:Location: Ghent\n:Salary: €30k–€36k\n:Type: Contract\n\nApply: https://swift.example/apply\n"),
            ("a.txt", "Courier wanted\n\nWhere: Ghent\nCompensation – €30k–€36k\nEngagement: Contract\nApply: https://swift.example/apply\n"),
        ];
        for (path, text) in bodies {
            let p = normalize(path, text);
            assert_eq!(p.location, ["Ghent"], "{text}");
            assert_eq!(p.salary.as_ref().map(|s| s.max), Some(36_000.0), "{text}");
            assert_eq!(
                p.employment_type,
                Some(crate::EmploymentType::Contract),
                "{text}"
            );
            assert_eq!(
                p.apply.as_deref(),
                Some("https://swift.example/apply"),
                "{text}"
            );
            for field in ["location", "salary", "employment_type", "apply"] {
                assert!(p.inferred.contains(&field.to_string()), "{field} {text}");
            }
        }
    }

    #[test]
    fn a_skills_line_gives_only_skills() {
        let p = normalize("a.md", "# Courier\n\nSkills: Python, a sense of humour\n");
        assert_eq!(p.tags, ["python"]);
        // Skills the vocabulary only finds in prose by their written case
        // ("Vue") count when a skills line lists them.
        let p = normalize("a.md", "# Courier\n\nSkills: vue, azure\n");
        assert_eq!(p.tags, ["azure", "vue"]);
        assert!(p.inferred.contains(&"tags".to_string()));
    }

    #[test]
    fn a_one_line_posts_inline_labels() {
        let p = normalize(
            "a.txt",
            "Job: Pastry Chef - Crumb Works | Location: Leeds, UK. Pay £30k. Skills: python, sql. \
             Apply at https://crumb.example/jobs/4\\n We bake.\n",
        );
        assert_eq!(p.location, ["Leeds, UK"]);
        assert_eq!(p.tags, ["python", "sql"]);
        let location = p.evidence.iter().find(|e| e.field == "location").unwrap();
        assert_eq!(location.line, Some(1));
    }

    #[test]
    fn stated_metadata_beats_label_lines() {
        let p = normalize(
            "a.md",
            "---\ntitle: Courier\nlocation: Bruges\n---\nLocation: Ghent\nLocation: see below\n",
        );
        assert_eq!(p.location, ["Bruges"]);
        assert!(!p.inferred.contains(&"location".to_string()));
    }

    #[test]
    fn tags_saying_job_are_not_skills() {
        let p = normalize(
            "a.md",
            "---\ntitle: Courier\ntags: hiring, Jobs, logistics\n---\nRide.\n",
        );
        assert_eq!(p.tags, ["logistics"]);
    }

    #[test]
    fn an_empty_tags_line_gives_no_tag() {
        let p = normalize("a.md", "Title: Courier\nTags:\nDate: 2021-06-02\n\nRide.\n");
        assert!(p.tags.iter().all(|t| !t.is_empty()), "{:?}", p.tags);
        let p = normalize("a.md", "---\ntitle: Courier\ntags: ['', ' ']\n---\nRide.\n");
        assert!(p.tags.iter().all(|t| !t.is_empty()), "{:?}", p.tags);
    }

    #[test]
    fn a_lone_label_line_does_not_make_a_pelican_file() {
        let first = normalize(
            "a.txt",
            "Location: Ghent\n\nWe need a courier who loves bikes.\n",
        );
        assert_eq!(first.source.format, crate::Format::Text);
        let body = normalize(
            "a.txt",
            "Courier wanted\nLocation: Ghent\n\nWe need a courier.\n",
        );
        assert_eq!(body.source.format, crate::Format::Text);
        assert_eq!(body.location, ["Ghent"]);
    }
}
