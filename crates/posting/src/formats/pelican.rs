//! Pelican-style `Key: value` header lines, a blank line, a Markdown body.

use serde_json::Value;

use crate::draft::normalize_key;
use crate::fields::is_known_key;
use crate::{Draft, Format, Markup};

/// The first line is `Key: value` with a key hireboard knows (Title, Date,
/// Category, Company, ...), so ordinary prose ("Note: ...") is not mistaken.
pub fn looks_like_pelican(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    header(first).is_some_and(|(key, _)| is_known_key(&normalize_key(key)))
}

pub fn parse(text: &str) -> Draft {
    let mut draft = Draft::new(Format::Pelican, Markup::Markdown);
    let mut body_line = 1;
    let mut started = false;
    for (i, line) in text.lines().enumerate() {
        body_line = i + 2;
        if line.trim().is_empty() {
            if started {
                break;
            }
            continue;
        }
        started = true;
        if let Some((key, value)) = header(line) {
            draft.stated(key, Value::String(value.to_string()), i + 1);
        } else if line.starts_with([' ', '\t']) {
            // An indented line continues the previous value.
            if let Some(Value::String(previous)) = draft.meta.last_mut().map(|m| &mut m.value) {
                previous.push(' ');
                previous.push_str(line.trim());
            }
        } else {
            // The header ended without a blank line: this line is body.
            body_line = i + 1;
            break;
        }
    }
    draft.body = super::rest_of(text, body_line);
    draft.body_line = body_line;
    draft
}

/// `Key: value` with a short key of letters, digits, spaces, `_` or `-`.
fn header(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key_ok = !key.is_empty()
        && key.len() <= 30
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-'));
    (key_ok && !value.starts_with("//")).then(|| (key, value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_then_body() {
        let d = parse("Title: Hello\nDate: 2011-09-19 16:18\nCategory: a, b\n\nBody here\n");
        let keys: Vec<_> = d.meta.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["title", "date", "category"]);
        assert_eq!(d.meta[1].value, "2011-09-19 16:18");
        assert_eq!(d.body, "Body here\n");
        assert_eq!(d.body_line, 5);
    }

    #[test]
    fn continuation_lines_join_the_value() {
        let d = parse("Title: A long\n  title\n\nbody");
        assert_eq!(d.meta[0].value, "A long title");
    }

    #[test]
    fn urls_are_not_keys() {
        assert!(header("https://example.com").is_none());
        assert!(!looks_like_pelican("Note: hello\n\nbody"));
        assert!(looks_like_pelican("Job Title: Baker\n\nbody"));
    }
}
