//! Metadata keys as boards write them (`jobApplyURL`, `company.name`,
//! `closing_date`, `Job-Title`, `[extra] salary`) to the field they name.
//!
//! A key is split into lowercase words across snake, kebab, camel, dotted
//! and spaced forms, glued words included (`postdate`, `jobtype`); the field
//! is chosen from the words through a lexicon, so `vacancy_closing_date` or
//! `companyName` need no entry of their own.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The canonical fields metadata can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
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

/// The fields a guess may fill, in the order of the record (and of `inferred`).
pub const GUESSABLE: [&str; 10] = [
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

/// What a key says about the posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// The key names this field; a higher rank is a more specific key
    /// (`applyUrl` beats `url`, `job_title` beats a blog's `title`).
    Field(Field, u8),
    /// A key blogs also use for something else (`type: jobs`, `category:
    /// careers`, `published: true`): the field only when the value reads as one.
    IfValueFits(Field),
    /// A key about the page or the site, not the job (`layout`, `permalink`,
    /// `logo`, `company_url`): ignored without a word.
    Page,
    Unknown,
}

/// Words that add nothing: `job_title` is a title, `[extra] salary` a salary.
const FILLER: &[&str] = &[
    "job",
    "jobs",
    "vacancy",
    "posting",
    "post",
    "the",
    "of",
    "to",
    "for",
    "our",
    "your",
    "is",
    "extra",
    "params",
    "param",
    "taxonomies",
    "details",
    "detail",
    "info",
    "data",
    "fields",
    "custom",
    "listing",
    "opening",
    "offer",
    // French and Spanish "of": `lieu de travail`, `fecha de publicación`.
    "de",
    "du",
    "del",
];

/// Words of keys about the page or the site rather than the job.
const PAGE: &[&str] = &[
    "layout",
    "template",
    "permalink",
    "image",
    "images",
    "img",
    "thumbnail",
    "thumb",
    "icon",
    "logo",
    "avatar",
    "banner",
    "cover",
    "bg",
    "background",
    "color",
    "colour",
    "alt",
    "weight",
    "order",
    "sort",
    "menu",
    "nav",
    "aliases",
    "alias",
    "draft",
    "hidden",
    "featured",
    "sticky",
    "pinned",
    "archived",
    "active",
    "open",
    "sitemap",
    "toc",
    "comments",
    "share",
    "series",
    "translation",
    "lang",
    "language",
    "locale",
    "author",
    "authors",
    "seo",
    "og",
    "meta",
    "page",
    "canonical",
    "lastmod",
    "modified",
    "updated",
    "website",
    "homepage",
    "site",
    "host",
    "domain",
    "latitude",
    "longitude",
    "lat",
    "lng",
    "lon",
    "geo",
    "coordinates",
    "id",
    "uuid",
    "ref",
    "status",
    "save",
    "path",
    "redirect",
    "version",
    "orphan",
    "twitter",
    "github",
    "linkedin",
];

const EXPIRES: &[&str] = &[
    "deadline",
    "closing",
    "closes",
    "close",
    "expires",
    "expiry",
    "expiration",
    "expire",
    "until",
    "through",
    "by",
    "before",
];
const APPLY: &[&str] = &[
    "apply",
    "application",
    "applications",
    "applying",
    "bewerbung",
    "postuler",
    "candidature",
];
/// A link or an address: the apply link when no key says "apply".
const CONTACT: &[&str] = &["url", "link", "href", "contact", "email", "mail", "source"];
const SALARY: &[&str] = &[
    "salary",
    "salaries",
    "compensation",
    "pay",
    "wage",
    "wages",
    "remuneration",
    "rate",
    "comp",
    "gehalt",
    "salaire",
    "sueldo",
    "stipend",
];
const EMPLOYMENT: &[&str] = &[
    "employment",
    "engagement",
    "contract",
    "commitment",
    "contrat",
    "contrato",
    "anstellung",
    "anstellungsart",
    "jornada",
    "schedule",
];
const REMOTE: &[&str] = &[
    "remote",
    "telecommute",
    "telework",
    "teletravail",
    "wfh",
    "workplace",
    "onsite",
    "hybrid",
    "modalidad",
];
/// After `work` (`work_model`, `workStyle`), a remote policy.
const ARRANGEMENT: &[&str] = &[
    "model",
    "style",
    "mode",
    "arrangement",
    "setting",
    "policy",
    "type",
    "place",
];
const LOCATION: &[&str] = &[
    "location",
    "locations",
    "place",
    "places",
    "city",
    "cities",
    "office",
    "offices",
    "country",
    "countries",
    "region",
    "town",
    "where",
    "based",
    "locality",
    "lieu",
    "standort",
    "ort",
    "ubicacion",
    "ubicación",
    "lugar",
];
/// The employer; `organization` ranks under them, as it often names a sub-unit.
const COMPANY: &[&str] = &[
    "company",
    "companies",
    "employer",
    "institution",
    "startup",
    "firm",
    "business",
    "hirer",
    "entreprise",
    "empresa",
    "unternehmen",
    "firma",
];
const ORGANIZATION: &[&str] = &["organization", "organisation", "org"];
const ROLE: &[&str] = &["position", "role", "roles", "poste", "puesto"];
const TITLE: &[&str] = &["title", "titel", "titre", "titulo", "título"];
const DATE: &[&str] = &[
    "date",
    "posted",
    "created",
    "publish",
    "published",
    "pubdate",
    "publication",
    "creation",
    "timestamp",
    "datum",
    "fecha",
];
const TAGS: &[&str] = &[
    "tags",
    "tag",
    "skills",
    "skill",
    "technologies",
    "technology",
    "tech",
    "stack",
    "techno",
    "keywords",
    "keyword",
];
/// Blog taxonomies, read as tags but for the values saying "jobs" (`careers`).
const TAXONOMY: &[&str] = &[
    "category",
    "categories",
    "topics",
    "topic",
    "hashtags",
    "labels",
];
const SUMMARY: &[&str] = &[
    "summary",
    "description",
    "excerpt",
    "abstract",
    "teaser",
    "intro",
];

/// A key made of `heads` and `others` only (at least one head, and one
/// other when `needs_other`) means `field`.
struct Rule {
    heads: &'static [&'static str],
    others: &'static [&'static str],
    needs_other: bool,
    field: Field,
    rank: u8,
}

const fn rule(
    heads: &'static [&'static str],
    others: &'static [&'static str],
    field: Field,
    rank: u8,
) -> Rule {
    Rule {
        heads,
        others,
        needs_other: false,
        field,
        rank,
    }
}

/// The lexicon, most telling first: `application_deadline` is the expiry,
/// not the apply link.
const RULES: &[Rule] = &[
    rule(
        EXPIRES,
        &[
            "date",
            "apply",
            "application",
            "applications",
            "valid",
            "on",
            "at",
            "time",
            "day",
        ],
        Field::Expires,
        1,
    ),
    rule(
        APPLY,
        &[
            "url",
            "link",
            "href",
            "contact",
            "email",
            "mail",
            "how",
            "instructions",
            "method",
            "form",
            "now",
            "here",
            "address",
        ],
        Field::Apply,
        2,
    ),
    rule(
        SALARY,
        &[
            "range", "base", "annual", "hourly", "daily", "yearly", "monthly", "estimate", "band",
            "text", "expected",
        ],
        Field::Salary,
        1,
    ),
    rule(
        EMPLOYMENT,
        &["type", "kind", "status", "basis", "time"],
        Field::EmploymentType,
        1,
    ),
    rule(
        REMOTE,
        &[
            "policy", "type", "work", "option", "options", "ok", "allowed", "friendly", "status",
            // `location: {remote: true, country: …}`
            "location",
        ],
        Field::Remote,
        1,
    ),
    Rule {
        heads: &["work"],
        others: ARRANGEMENT,
        needs_other: true,
        field: Field::Remote,
        rank: 1,
    },
    Rule {
        heads: &["location"],
        others: &["type"],
        needs_other: true,
        field: Field::Remote,
        rank: 1,
    },
    rule(
        LOCATION,
        &[
            "name", "work", "primary", "main", "text", "travail", "trabajo", "arbeit",
        ],
        Field::Location,
        1,
    ),
    rule(
        COMPANY,
        &[
            "name",
            "hiring",
            "legal",
            "display",
            "organization",
            "organisation",
        ],
        Field::Company,
        2,
    ),
    Rule {
        heads: &["hiring"],
        others: ORGANIZATION,
        needs_other: true,
        field: Field::Company,
        rank: 2,
    },
    rule(ORGANIZATION, &["name"], Field::Company, 1),
    rule(ROLE, &["title", "name", "open"], Field::Title, 2),
    rule(TITLE, &["name", "open"], Field::Title, 1),
    rule(DATE, &["on", "at"], Field::Date, 1),
    rule(CONTACT, &[], Field::Apply, 1),
    rule(
        TAGS,
        &["required", "list", "main", "primary"],
        Field::Tags,
        1,
    ),
    rule(TAXONOMY, &[], Field::Tags, 1),
    rule(&["type"], &["kind"], Field::EmploymentType, 0),
    rule(SUMMARY, &["short"], Field::Summary, 1),
    rule(&["slug"], &[], Field::Slug, 1),
];

/// The keys a canonical posting is written with (README, `hireboard new`)
/// besides the guessable fields: what an unknown key is most likely a
/// misspelling of.
const CANONICAL_EXTRA: [&str; 5] = ["summary", "slug", "draft", "status", "aliases"];

/// The canonical key an unknown `key` is a slip of the keyboard away from
/// (`compnay`, `loaction`, `salery`): at most two edits, and fewer than a
/// third of its letters, so short keys are not matched to anything.
pub fn suggestion(key: &str) -> Option<&'static str> {
    let key = crate::draft::normalize_key(key);
    GUESSABLE
        .iter()
        .chain(&CANONICAL_EXTRA)
        .map(|known| (strsim::damerau_levenshtein(&key, known), *known))
        .filter(|&(distance, known)| distance <= 2 && distance * 3 < known.len())
        .min()
        .map(|(_, known)| known)
}

/// What `key` names, as written by the author.
pub fn meaning(key: &str) -> Meaning {
    thread_local! {
        static MEANINGS: Remembered<Meaning> = RefCell::default();
    }
    remembered(&MEANINGS, key, read_meaning)
}

/// Keys read so far on this thread, with what each gave: a board repeats a
/// few dozen keys in every posting, and reading one as words costs thousands
/// of instructions (a twentieth of normalizing at 10,000 postings).
type Remembered<T> = RefCell<HashMap<String, T>>;

/// A posting is untrusted: past this many distinct keys a thread reads the
/// others afresh each time instead of remembering them.
const MAX_REMEMBERED_KEYS: usize = 4096;

/// `read(key)`, remembered in `memo`.
fn remembered<T: Copy>(
    memo: &'static std::thread::LocalKey<Remembered<T>>,
    key: &str,
    read: fn(&str) -> T,
) -> T {
    if let Some(known) = memo.with_borrow(|m| m.get(key).copied()) {
        return known;
    }
    let value = read(key);
    memo.with_borrow_mut(|m| {
        if m.len() < MAX_REMEMBERED_KEYS {
            m.insert(key.to_string(), value);
        }
    });
    value
}

fn read_meaning(key: &str) -> Meaning {
    let all = words(key);
    let words: Vec<(&str, u64)> = all
        .iter()
        .map(|w| (w.as_str(), lists_of(w)))
        .filter(|(_, lists)| lists & FILLER_BIT == 0)
        .collect();
    let has = |bit: u64| words.iter().any(|(_, lists)| lists & bit != 0);
    if words.is_empty() {
        return Meaning::Unknown;
    }
    // `company_url` is the employer's homepage, not where to apply.
    if has(PAGE_BIT) || has(EMPLOYER_BIT) && has(CONTACT_BIT) {
        return Meaning::Page;
    }
    let Some(rule) = (0..RULES.len())
        .find(|&i| matches(i, &words))
        .map(|i| &RULES[i])
    else {
        return Meaning::Unknown;
    };
    // Keys that blogs and boards also use for other things: Hugo's `type:
    // jobs`, a board's `jobType: software`, `published: true`. A board's
    // `job_title` is the role; a bare `title` may be the post's headline.
    let only = |word: &str| words.len() == 1 && words[0].0 == word;
    let bare = !all.iter().any(|w| w == "job" || w == "jobs");
    match rule.field {
        Field::EmploymentType if only("type") => Meaning::IfValueFits(rule.field),
        Field::Date if bare && only("published") => Meaning::IfValueFits(rule.field),
        Field::Title if bare && only("title") => Meaning::Field(Field::Title, 1),
        Field::Title => Meaning::Field(Field::Title, 2),
        field => Meaning::Field(field, rule.rank),
    }
}

/// Whether the words, with the lists each is in, make a key of rule `i`.
fn matches(i: usize, words: &[(&str, u64)]) -> bool {
    let (head, other) = (1 << (2 * i), 1 << (2 * i + 1));
    let has_head = words.iter().any(|(_, lists)| lists & head != 0);
    let has_other = words
        .iter()
        .any(|(_, lists)| lists & other != 0 && lists & head == 0);
    let all_known = words.iter().all(|(_, lists)| lists & (head | other) != 0);
    has_head && all_known && (has_other || !RULES[i].needs_other)
}

// Bits of `lists_of` beside the rules' (`2i` heads, `2i + 1` others).
const FILLER_BIT: u64 = 1 << 60;
const PAGE_BIT: u64 = 1 << 61;
const EMPLOYER_BIT: u64 = 1 << 62;
const CONTACT_BIT: u64 = 1 << 63;
const _: () = assert!(
    RULES.len() <= 30,
    "two bits per rule must fit under the word classes"
);

/// The lexicon lists `word` is in, as bits; 0 for a word it does not know.
fn lists_of(word: &str) -> u64 {
    static LISTS: LazyLock<HashMap<&str, u64>> = LazyLock::new(|| {
        let mut lists: HashMap<&str, u64> = HashMap::new();
        let mut add = |words: &[&'static str], bit: u64| {
            for word in words {
                *lists.entry(word).or_default() |= bit;
            }
        };
        for (i, rule) in RULES.iter().enumerate() {
            add(rule.heads, 1 << (2 * i));
            add(rule.others, 1 << (2 * i + 1));
        }
        add(FILLER, FILLER_BIT);
        add(PAGE, PAGE_BIT);
        add(COMPANY, EMPLOYER_BIT);
        add(ORGANIZATION, EMPLOYER_BIT);
        add(CONTACT, CONTACT_BIT);
        lists
    });
    LISTS.get(word).copied().unwrap_or(0)
}

/// Which part of a salary a key split across keys holds: `salary_min`,
/// `minSalary`, `pay_max`, `salaryCurrency`, `compensation_period` give
/// `min`, `max`, `currency` or `period`.
pub fn salary_part(key: &str) -> Option<&'static str> {
    thread_local! {
        static PARTS: Remembered<Option<&'static str>> = RefCell::default();
    }
    remembered(&PARTS, key, read_salary_part)
}

fn read_salary_part(key: &str) -> Option<&'static str> {
    let words = words(key);
    let part = |w: &str| match w {
        "min" | "minimum" | "from" | "low" => Some("min"),
        "max" | "maximum" | "to" | "high" => Some("max"),
        "currency" => Some("currency"),
        "period" | "unit" | "per" | "interval" => Some("period"),
        _ => None,
    };
    let names_salary = words.iter().any(|w| SALARY.contains(&w.as_str()));
    let parts: Vec<&str> = words.iter().filter_map(|w| part(w)).collect();
    let rest_known = words
        .iter()
        .all(|w| SALARY.contains(&w.as_str()) || part(w).is_some() || FILLER.contains(&w.as_str()));
    match parts[..] {
        [one] if names_salary && rest_known => Some(one),
        _ => None,
    }
}

/// Whether a map under `key` is one value (a salary's `{min, max,
/// currency}`) rather than keys of their own.
pub fn keeps_map(key: &str) -> bool {
    matches!(meaning(key), Meaning::Field(Field::Salary, _))
}

/// Whether hireboard understands (or knowingly ignores) a metadata key.
pub fn is_known_key(key: &str) -> bool {
    meaning(key) != Meaning::Unknown
}

/// Whether `key` names the title (`Title`, `Job Title`, `Position`).
pub fn names_title(key: &str) -> bool {
    matches!(meaning(key), Meaning::Field(Field::Title, _))
}

/// Whether the key says it holds a link or an address (`subrEmail`,
/// `externalURL`), so that a URL under it may be the apply link.
pub fn says_link(key: &str) -> bool {
    let lower = key.to_lowercase();
    ["link", "url", "contact", "apply", "email", "mail", "href"]
        .iter()
        .any(|w| lower.contains(w))
}

/// `jobApplyURL` -> `job apply url`, `company.name` -> `company name`,
/// `closingdate` -> `closing date`.
pub fn words(key: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in key.split(|c: char| !c.is_alphanumeric()) {
        for word in split_camel(part) {
            let word = word.to_lowercase();
            match unglue(&word) {
                Some(pieces) => words.extend(pieces.into_iter().map(str::to_string)),
                None => words.push(word),
            }
        }
    }
    words
}

/// `jobApplyURL` -> `job`, `Apply`, `URL`; `URLPath` -> `URL`, `Path`.
fn split_camel(part: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = part.char_indices().collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    for k in 1..chars.len() {
        let (at, c) = chars[k];
        let previous = chars[k - 1].1;
        let next_is_lower = chars.get(k + 1).is_some_and(|(_, n)| n.is_lowercase());
        let boundary = c.is_uppercase()
            && (previous.is_lowercase()
                || previous.is_ascii_digit()
                || previous.is_uppercase() && next_is_lower);
        if boundary {
            pieces.push(&part[start..at]);
            start = at;
        }
    }
    if start < part.len() {
        pieces.push(&part[start..]);
    }
    pieces
}

/// A glued word made of two lexicon words (`postdate`, `applyurl`,
/// `companyname`); `None` for a word of its own or one that does not split.
fn unglue(word: &str) -> Option<[&str; 2]> {
    if is_lexicon_word(word) {
        return None;
    }
    (2..word.len().saturating_sub(1))
        .filter(|&at| word.is_char_boundary(at))
        .map(|at| word.split_at(at))
        .find(|(a, b)| is_lexicon_word(a) && is_lexicon_word(b))
        .map(|(a, b)| [a, b])
}

fn is_lexicon_word(word: &str) -> bool {
    lists_of(word) != 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_past_the_remembered_ones_are_still_read() {
        for i in 0..MAX_REMEMBERED_KEYS + 10 {
            assert_eq!(meaning(&format!("zq{i}")), Meaning::Unknown);
        }
        assert_eq!(meaning("jobApplyURL"), read_meaning("jobApplyURL"));
        assert!(matches!(
            meaning("jobApplyURL"),
            Meaning::Field(Field::Apply, _)
        ));
        assert_eq!(salary_part("salary_min"), Some("min"));
    }

    #[test]
    fn a_misspelt_key_suggests_the_canonical_one() {
        use super::suggestion;
        assert_eq!(suggestion("compnay"), Some("company"));
        assert_eq!(suggestion("Loaction"), Some("location"));
        assert_eq!(suggestion("salery"), Some("salary"));
        assert_eq!(suggestion("employment-typ"), Some("employment_type"));
        // Short or unrelated keys are not forced onto a field.
        assert_eq!(suggestion("url"), None);
        assert_eq!(suggestion("colour"), None);
        assert_eq!(suggestion("department"), None);
    }

    use super::*;

    #[test]
    fn keys_split_into_words_in_every_spelling() {
        assert_eq!(words("jobApplyURL"), ["job", "apply", "url"]);
        assert_eq!(words("company.name"), ["company", "name"]);
        assert_eq!(words("Job-Title"), ["job", "title"]);
        assert_eq!(words("closing_date"), ["closing", "date"]);
        assert_eq!(words("postdate"), ["post", "date"]);
        assert_eq!(words("jobtype"), ["job", "type"]);
        assert_eq!(words("Date Posted"), ["date", "posted"]);
        assert_eq!(words("URLPath"), ["url", "path"]);
        assert_eq!(words("location"), ["location"]);
    }

    fn field(key: &str) -> Option<Field> {
        match meaning(key) {
            Meaning::Field(field, _) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn apply_keys() {
        for key in [
            "applyUrl",
            "jobApplyURL",
            "application_url",
            "url_apply",
            "apply_link",
            "link",
            "source_url",
            "contact",
            "contact.email",
            "how_to_apply",
            "ApplicationEmail",
            "url",
        ] {
            assert_eq!(field(key), Some(Field::Apply), "{key}");
        }
        // A key naming the application wins over a bare link.
        assert_eq!(meaning("applyUrl"), Meaning::Field(Field::Apply, 2));
        assert_eq!(meaning("url"), Meaning::Field(Field::Apply, 1));
    }

    #[test]
    fn company_title_date_and_expiry_keys() {
        for key in [
            "companyName",
            "company_name",
            "company.name",
            "hiringOrganization",
            "institution",
            "employer",
        ] {
            assert_eq!(meaning(key), Meaning::Field(Field::Company, 2), "{key}");
        }
        assert_eq!(meaning("organization"), Meaning::Field(Field::Company, 1));
        for key in ["jobtitle", "position", "job_title", "Role"] {
            assert_eq!(meaning(key), Meaning::Field(Field::Title, 2), "{key}");
        }
        assert_eq!(meaning("title"), Meaning::Field(Field::Title, 1));
        for key in [
            "created",
            "postdate",
            "date_posted",
            "timestamp",
            "datePublished",
            "datum",
            "fecha",
        ] {
            assert_eq!(field(key), Some(Field::Date), "{key}");
        }
        for key in ["titel", "titre", "titulo"] {
            assert_eq!(field(key), Some(Field::Title), "{key}");
        }
        for key in [
            "closingdate",
            "closing_date",
            "valid_through",
            "validThrough",
            "deadline",
            "apply_by",
            "application_deadline",
        ] {
            assert_eq!(field(key), Some(Field::Expires), "{key}");
        }
    }

    #[test]
    fn place_remote_and_employment_keys() {
        for key in [
            "job_location",
            "city",
            "office",
            "country",
            "locations",
            "Lieu de travail",
            "lugar de trabajo",
        ] {
            assert_eq!(field(key), Some(Field::Location), "{key}");
        }
        for key in [
            "work_model",
            "work_style",
            "workplace",
            "remote_policy",
            "jobLocationType",
            "remote",
            "modalidad",
            "location.remote",
            "isRemote",
        ] {
            assert_eq!(field(key), Some(Field::Remote), "{key}");
        }
        for key in [
            "anstellung",
            "jornada",
            "employment",
            "engagement",
            "contract",
            "commitment",
            "employmentType",
            "contract_type",
        ] {
            assert_eq!(field(key), Some(Field::EmploymentType), "{key}");
        }
        for key in [
            "salary",
            "compensation",
            "pay_range",
            "hourly_rate",
            "baseSalary",
        ] {
            assert_eq!(field(key), Some(Field::Salary), "{key}");
        }
    }

    #[test]
    fn blog_keys_are_not_fields() {
        for key in [
            "layout",
            "permalink",
            "featured",
            "image",
            "featured_image",
            "company_logo",
            "logoUrl",
            "companyWebsite",
            "company_url",
            "bgImageAlt",
            "location.latitude",
            "lang",
        ] {
            assert_eq!(meaning(key), Meaning::Page, "{key}");
        }
        assert_eq!(meaning("type"), Meaning::IfValueFits(Field::EmploymentType));
        assert_eq!(meaning("category"), Meaning::Field(Field::Tags, 1));
        assert_eq!(meaning("published"), Meaning::IfValueFits(Field::Date));
        for key in [
            "start_date",
            "hire date",
            "contact_phone",
            "name",
            "subrEmail",
            "company_size",
        ] {
            assert_eq!(meaning(key), Meaning::Unknown, "{key}");
        }
        assert!(says_link("subrEmail"));
        assert_eq!(salary_part("salary_min"), Some("min"));
        assert_eq!(salary_part("maxSalary"), Some("max"));
        assert_eq!(salary_part("salaryCurrency"), Some("currency"));
        assert_eq!(salary_part("pay_period"), Some("period"));
        assert_eq!(salary_part("salary"), None);
        assert_eq!(salary_part("min_max_salary"), None);
        assert!(!says_link("experience"));
    }

    proptest::proptest! {
        #[test]
        fn any_key_has_a_meaning(key in "\\PC{0,40}", camel in "([A-Z]{0,3}[a-z]{0,8}[._ -]?){0,5}") {
            let _ = meaning(&key);
            let _ = meaning(&camel);
        }
    }
}
