//! Pelican-style `Key: value` header lines, a blank line, a Markdown body.

use serde_json::Value;

use crate::recognize::keys::{is_known_key, names_title};
use crate::{Draft, Format, Markup};

/// The file opens with `Key: value` lines that say so: a title among them,
/// or at least two keys hireboard knows (Date, Category, Company, ...). So
/// prose ("Note: ...") and a text posting opening with a lone `Location:`
/// line are not taken for headers.
pub fn looks_like_pelican(text: &str) -> bool {
    let headers: Vec<&str> = text
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .map_while(|l| header(l).map(|(key, _)| key))
        .collect();
    let known = headers.iter().filter(|key| is_known_key(key)).count();
    headers.first().is_some_and(|key| is_known_key(key))
        && (known >= 2 || headers.iter().any(|key| names_title(key)))
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
            draft.stated(key, Value::String(unquote(value).to_string()), i + 1);
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

/// `"A title"` -> `A title`: some write header values quoted, as in YAML.
fn unquote(value: &str) -> &str {
    ['"', '\'']
        .iter()
        .find_map(|&q| value.strip_prefix(q)?.strip_suffix(q))
        .filter(|inner| !inner.is_empty())
        .unwrap_or(value)
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

    #[test]
    fn headers_need_a_title_or_two_known_keys() {
        assert!(looks_like_pelican("Date: 2024-01-02\nTags: go\n\nbody"));
        assert!(looks_like_pelican("title: \"Baker\"\n\nbody"));
        assert!(!looks_like_pelican(
            "Location: Berlin\n\nWe need a baker.\n"
        ));
        assert!(!looks_like_pelican("Location: Berlin\nWe need a baker.\n"));
    }

    #[test]
    fn quoted_values_lose_their_quotes() {
        let d = parse("title: \"Baker (night shift)\"\nDate: '2024-01-02'\n\nbody");
        assert_eq!(d.meta[0].value, "Baker (night shift)");
        assert_eq!(d.meta[1].value, "2024-01-02");
    }
}
