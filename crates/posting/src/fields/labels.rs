//! Label lines in a body, as posters write metadata in prose: `Location:
//! Berlin`, `**Salary:** $90k`, `Compensation – €60k`, `<strong>Where:</strong>
//! Paris`, `:Type: Contract`, `Posted on March 3, 2025`, in Markdown, HTML, RST
//! or plain text. Each becomes a guessed entry under its label, which the key
//! lexicon then reads like front matter. Labels also share a line, as one-line
//! posts write them: `Location: Austin, TX. Skills: rust, go | Type: Contract`.

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

/// Where a line holds several labelled segments: ` | `, or a sentence end
/// before a capitalized word (whether it starts a segment is checked after).
static SEGMENT_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r" \| |[.;] +\p{Lu}").expect("valid regex"));
/// A label of one to three words and its colon, starting a sentence.
static COLON_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{L}+(?: \p{L}+){0,2}\s*:").expect("valid regex"));

/// The label lines of `body`; `file_line` gives the file's line of the body's
/// `i`-th line (a one-line post's body is all on one line of its file).
pub fn find(body: &str, file_line: impl Fn(usize) -> usize) -> Vec<MetaEntry> {
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
            for (label, mut value) in labels_in(piece) {
                if let Meaning::Field(Field::Apply, _) = keys::meaning(&label) {
                    // "Apply: send your CV to jobs@x.example" names its address.
                    value = link_in(&value).unwrap_or(value);
                }
                found.push(MetaEntry {
                    key: normalize_key(&label),
                    written: label,
                    value: Value::String(value),
                    line: file_line(i),
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
    // One pass over the bytes, as every line of every body is asked: each
    // byte that may start a cue is checked for the whole cue.
    let head = &line.as_bytes()[..end];
    (0..head.len()).any(|i| {
        let rest = &head[i..];
        let starts = |cue: &str| rest.starts_with(cue.as_bytes());
        match head[i] {
            b':' => true,
            b' ' => starts(" – ") || starts(" — ") || starts(" - "),
            b'o' => starts("osted"),
            b'u' => starts("ublished"),
            // The first byte of the full-width colon `：`.
            0xEF => starts("："),
            _ => false,
        }
    })
}

/// The labels of one line: the line as one label (`**Salary:** $90k` ->
/// (`Salary`, `$90k`)), or, when it holds several segments, each segment
/// whose label is a known label word, so that prose such as "Note: we are
/// small. Location: Oslo" gives only the location.
fn labels_in(line: &str) -> Vec<(String, String)> {
    if !may_be_label(line) {
        return Vec::new();
    }
    let text = plain(line);
    // A table row (`| Location: | Berlin |`) is one label and its value.
    let segments = if line.trim_start().starts_with('|') {
        vec![text.as_str()]
    } else {
        segments(&text)
    };
    if let [whole] = segments[..] {
        return label_line(whole).into_iter().collect();
    }
    segments
        .into_iter()
        .filter_map(label_line)
        .filter(|(label, _)| is_label_word(label))
        .collect()
}

/// `text` cut at ` | ` and at sentence ends followed by a label word.
fn segments(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = 0;
    // `find_iter`, not captures: most lines are read without a capture engine.
    for separator in SEGMENT_END.find_iter(text) {
        let (end, next) = if separator.as_str() == " | " {
            (separator.start(), separator.end())
        } else {
            // The sentence keeps its full stop; the next starts at its word.
            let capital = separator
                .as_str()
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
            let word = separator.end() - capital;
            if !starts_segment(&text[word..]) {
                continue;
            }
            (separator.start() + 1, word)
        };
        found.push(&text[start..end]);
        start = next;
    }
    found.push(&text[start..]);
    found.retain(|segment| !segment.trim().is_empty());
    found
}

/// Whether a sentence starting `text` is a segment of its own: it starts
/// with a label word (`Salary $90k`, `Job Type: Contract`), or with any
/// label before a colon (`Fun fact: …`), which is then passed over.
fn starts_segment(text: &str) -> bool {
    let first = text
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    is_label_word(first) || COLON_LABEL.is_match(text)
}

/// Whether the key lexicon reads `label` as one of the posting's fields.
fn is_label_word(label: &str) -> bool {
    !matches!(keys::meaning(label), Meaning::Unknown | Meaning::Page)
}

/// `**Salary:** $90k` -> (`Salary`, `$90k`), for text without markup.
fn label_line(text: &str) -> Option<(String, String)> {
    if text.is_empty() || text.len() > MAX_LINE {
        return None;
    }
    let caps = POSTED.captures(text).or_else(|| LABEL.captures(text))?;
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
        find(body, |i| 10 + i)
            .into_iter()
            .map(|e| (e.written, e.value.as_str().unwrap().to_string(), e.line))
            .collect()
    }

    fn one(line: &str) -> Option<(String, String)> {
        let mut found = labels_in(line);
        assert!(found.len() <= 1, "{line:?} gives {found:?}");
        found.pop()
    }

    fn pair(label: &str, value: &str) -> Option<(String, String)> {
        Some((label.to_string(), value.to_string()))
    }

    #[test]
    fn lines_that_may_hold_a_label() {
        for line in [
            "Location: Berlin",
            "**Salary** – 60k",
            "Type - Contract",
            "Posted on May 3, 2025",
            "Published 2025-03-03",
            "勤務地：東京",
        ] {
            assert!(may_be_label(line), "{line}");
        }
        let far = format!("{} Location: Berlin", "word ".repeat(40));
        for line in [
            "Just prose, nothing more",
            "Pay-as-you-go pricing",
            far.as_str(),
        ] {
            assert!(!may_be_label(line), "{line}");
        }
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

    fn pairs(found: &[(String, String, usize)]) -> Vec<(&str, &str)> {
        found
            .iter()
            .map(|(label, value, _)| (label.as_str(), value.as_str()))
            .collect()
    }

    #[test]
    fn labels_sharing_a_line() {
        let found = labels(
            "Where: Leeds, UK. Pay £40k-£50k. Stack: elixir, postgres. Apply at https://x.example/1",
        );
        assert_eq!(
            pairs(&found),
            [("Where", "Leeds, UK"), ("Stack", "elixir, postgres")]
        );
        let found = labels("Salary: 90k EUR | Job Type: Contract | Location: Lisbon");
        assert_eq!(
            pairs(&found),
            [
                ("Salary", "90k EUR"),
                ("Job Type", "Contract"),
                ("Location", "Lisbon")
            ]
        );
        let found = labels("<p><b>Location:</b> Porto. <b>Type:</b> Part-time</p>");
        assert_eq!(
            pairs(&found),
            [("Location", "Porto"), ("Type", "Part-time")]
        );
    }

    #[test]
    fn prose_sharing_a_line_with_labels_is_not_a_label() {
        // "Note" and "Fun fact" are no field's label; a full stop before a
        // word that starts no label does not end the value.
        let found = labels("Note: we are small. Location: St. Louis, MO. Fun fact: we bake");
        assert_eq!(pairs(&found), [("Location", "St. Louis, MO")]);
        assert!(labels("We ship weekly. Our team: six people | Lunch: provided").is_empty());
        assert_eq!(
            pairs(&labels("Where: Hull. Near the station | Pay: 30k")),
            [("Where", "Hull. Near the station"), ("Pay", "30k")]
        );
        // A line with one label keeps its value whole, sentences and all.
        assert_eq!(
            one("Benefits: health cover. Good coffee."),
            pair("Benefits", "health cover. Good coffee")
        );
    }

    #[test]
    fn a_one_line_post_numbers_every_label_on_its_line() {
        let found = find("Intro.\n\nLocation: Austin, TX\n\nSkills: go", |_| 1);
        assert_eq!(found.iter().map(|e| e.line).collect::<Vec<_>>(), [1, 1]);
    }

    #[test]
    fn lines_are_numbered_in_the_file() {
        let found = labels("Intro.\n\nSalary: $100k\n");
        assert_eq!(found, [("Salary".into(), "$100k".into(), 12)]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(body in "\\PC{0,200}", markup in "[<>*_:#|\\- –]{0,12}\\PC{0,30}") {
            let _ = find(&body, |i| i + 1);
            let _ = find(&format!("{markup}\n{markup}: {body}"), |i| i + 1);
        }
    }
}
