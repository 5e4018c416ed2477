//! Recognizers: what a piece of text is (a salary, a place or remote
//! policy, an employment type, an apply link or address, a date, a company
//! name, a skill, a metadata key) read with the site's settings. A leaf:
//! formats and fields both ask it, and it knows neither.

pub mod apply;
pub mod company;
pub mod dates;
pub mod employment;
pub mod gazetteer;
pub mod keys;
pub mod location;
pub mod salary;
pub mod tags;

/// A regex whose `\b` are ASCII word boundaries, for patterns run over
/// whole bodies: a Unicode `\b` keeps the regex engine off its fast path on
/// any non-ASCII text (a body with one `’` took seconds per 5 MB instead of
/// tens of milliseconds). Salaries still refuse letters glued to a figure,
/// by `salary::standalone`.
pub(crate) fn ascii_regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("valid regex")
}
