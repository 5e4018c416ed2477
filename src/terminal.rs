//! What hireboard prints to a terminal or a CI log: every line that carries a
//! path or a value of a posting goes through [`escape`], so a posting cannot
//! clear the screen, set the window title or forge a `file:line: error` line.

use std::borrow::Cow;

/// `text` with control characters (ESC, BEL, CR, LF, tab, C1, DEL) and the
/// invisible ones that reorder or break lines (bidi overrides, line and
/// paragraph separators) written as Rust escapes: `\u{1b}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            escaped.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'
                ..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(
            escape("a\u{1b}]0;owned\u{7}b\rc\nd"),
            "a\\u{1b}]0;owned\\u{7}b\\u{d}c\\u{a}d"
        );
        assert_eq!(escape("x\u{202e}y\u{9b}z"), "x\\u{202e}y\\u{9b}z");
        assert_eq!(escape("Zürich — 北京 💰"), "Zürich — 北京 💰");
        assert!(matches!(escape("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
