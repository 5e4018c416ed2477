//! Label lines in a body, as posters write metadata in prose: `Location:
//! Berlin`, `**Salary:** $90k`, `Compensation – €60k`, `<strong>Where:</strong>
//! Paris`, `:Type: Contract`, `Posted on March 3, 2025`, in Markdown, HTML, RST
//! or plain text. Each becomes a guessed entry under its label, which the key
//! lexicon then reads like front matter.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use crate::draft::normalize_key;
use crate::recognize::keys::{self, Field, Meaning};
use crate::MetaEntry;

/// A label of one to three words, then `:` (or a spaced dash) and a value.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<label>\p{L}[\p{L}'’]*(?:[ /&-]\p{L}[\p{L}'’]*){0,2})\s*(?::|：|\s[–—-])\s*(?P<value>\S.*)$")
        .expect("valid regex")
});
/// "Posted on March 3, 2025", "Published: 2025-03-03".
static POSTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<label>posted|published)(?:\s+on)?\s*:?\s+(?P<value>\S.*)$")
        .expect("valid regex")
});
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").expect("valid regex"));
/// Where an HTML line holds several lines of text.
static HTML_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<br\s*/?>|</(?:p|li|div|h[1-6]|tr|dd)>").expect("valid regex")
});

/// Lines longer than this are prose, not labels.
const MAX_LINE: usize = 300;

/// The label lines of `body`, whose first line is line `body_line` of the file.
pub fn find(body: &str, body_line: usize) -> Vec<MetaEntry> {
    let mut found = Vec::new();
    let mut in_code = false;
    for (i, line) in body.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_code = !in_code;
            continue;
        }
        if in_code || line.len() > MAX_LINE * 4 {
            continue;
        }
        let pieces: Vec<&str> = if line.contains('<') {
            HTML_BREAK.split(line).collect()
        } else {
            vec![line]
        };
        for piece in pieces {
            if let Some((label, mut value)) = label_line(piece) {
                if let Meaning::Field(Field::Apply, _) = keys::meaning(&label) {
                    // "Apply: send your CV to jobs@x.example" names its address.
                    value = link_in(&value).unwrap_or(value);
                }
                found.push(MetaEntry {
                    key: normalize_key(&label),
                    written: label,
                    value: Value::String(value),
                    line: body_line + i,
                    stated: false,
                });
            }
        }
    }
    found
}

/// The first URL or address in `text`, without the punctuation around it.
fn link_in(text: &str) -> Option<String> {
    text.split_whitespace()
        .map(|word| word.trim_matches(|c: char| "<>()[],;.\"'".contains(c)))
        .find(|word| word.contains("://") || word.starts_with("www.") || word.contains('@'))
        .map(|word| word.trim_start_matches("mailto:").to_string())
}

/// Whether a label can start `line`: a separator near its start, or a
/// "Posted"; most lines of a body are passed over without a regex.
fn may_be_label(line: &str) -> bool {
    let mut end = line.len().min(160);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let head = &line[..end];
    head.contains([':', '：'])
        || [" – ", " — ", " - "].iter().any(|dash| head.contains(dash))
        || head.contains("osted")
        || head.contains("ublished")
}

/// `**Salary:** $90k` -> (`Salary`, `$90k`).
fn label_line(line: &str) -> Option<(String, String)> {
    if !may_be_label(line) {
        return None;
    }
    let text = plain(line);
    if text.is_empty() || text.len() > MAX_LINE {
        return None;
    }
    let caps = POSTED.captures(&text).or_else(|| LABEL.captures(&text))?;
    let label = caps["label"].trim().to_string();
    let value = caps["value"]
        .trim_start_matches(['*', '_', ' ', '|'])
        .trim_end_matches(['*', '_', ' ', '.', ';', '|'])
        .trim()
        .to_string();
    (!value.is_empty() && !label.contains("http")).then_some((label, value))
}

/// A line without its markup: tags, emphasis, list, quote and heading marks,
/// RST field colons, and the few entities a label line uses.
fn plain(line: &str) -> String {
    let text = TAG.replace_all(line, "");
    let text = text
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("**", "")
        .replace("__", "");
    text.trim()
        .trim_start_matches(|c: char| "#>*+-•|:_ \t".contains(c))
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(body: &str) -> Vec<(String, String, usize)> {
        find(body, 10)
            .into_iter()
            .map(|e| (e.written, e.value.as_str().unwrap().to_string(), e.line))
            .collect()
    }

    fn one(line: &str) -> Option<(String, String)> {
        label_line(line)
    }

    fn pair(label: &str, value: &str) -> Option<(String, String)> {
        Some((label.to_string(), value.to_string()))
    }

    #[test]
    fn text_and_markdown_labels() {
        assert_eq!(one("Location: Berlin"), pair("Location", "Berlin"));
        assert_eq!(one("**Salary:** $90k"), pair("Salary", "$90k"));
        assert_eq!(one("**Salary**: $90k"), pair("Salary", "$90k"));
        assert_eq!(one("- *Type:* Contract"), pair("Type", "Contract"));
        assert_eq!(one("Compensation – €60k"), pair("Compensation", "€60k"));
        assert_eq!(one("> Where: Remote (EU)"), pair("Where", "Remote (EU)"));
        assert_eq!(
            one("Apply: https://jobs.example/42"),
            pair("Apply", "https://jobs.example/42")
        );
        assert_eq!(one("Job Type: Full-time"), pair("Job Type", "Full-time"));
        assert_eq!(
            one("| **Location:** | Berlin |"),
            pair("Location", "Berlin")
        );
    }

    #[test]
    fn html_and_rst_labels() {
        assert_eq!(
            one("<p><strong>Location:</strong> Paris</p>"),
            pair("Location", "Paris")
        );
        assert_eq!(one(":Location: Lyon"), pair("Location", "Lyon"));
        assert_eq!(
            labels("<p><b>Where:</b> Oslo<br><b>Salary:</b> 600k NOK</p>"),
            [
                ("Where".to_string(), "Oslo".to_string(), 10),
                ("Salary".to_string(), "600k NOK".to_string(), 10)
            ]
        );
    }

    #[test]
    fn an_apply_label_gives_its_link() {
        let found = labels(
            "Apply: send your CV to jobs@crumb.example.\nContact: (https://crumb.example/form)\n",
        );
        let values: Vec<&str> = found.iter().map(|(_, v, _)| v.as_str()).collect();
        assert_eq!(values, ["jobs@crumb.example", "https://crumb.example/form"]);
    }

    #[test]
    fn posted_on_lines_are_dates() {
        assert_eq!(
            one("Posted on March 3, 2025"),
            pair("Posted", "March 3, 2025")
        );
        assert_eq!(
            one("_Published: 2024-11-02_"),
            pair("Published", "2024-11-02")
        );
    }

    #[test]
    fn prose_and_code_are_not_labels() {
        assert_eq!(
            one("We are a team of four people who care: about you"),
            None
        );
        assert_eq!(one("Tags:"), None);
        assert_eq!(one("See https://example.com: it is great"), None);
        assert!(labels("```\nLocation: inside code\n```\nLocation: Rome\n")
            .iter()
            .all(|(_, value, _)| value == "Rome"));
    }

    #[test]
    fn lines_are_numbered_in_the_file() {
        let found = labels("Intro.\n\nSalary: $100k\n");
        assert_eq!(found, [("Salary".into(), "$100k".into(), 12)]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(body in "\\PC{0,200}", markup in "[<>*_:#|\\- –]{0,12}\\PC{0,30}") {
            let _ = find(&body, 1);
            let _ = find(&format!("{markup}\n{markup}: {body}"), 1);
        }
    }
}
