//! [`Evidence`] for a guess: the line of the file it came from, quoted.
//! Recognizers read rendered text, which has no line numbers, so a clue
//! they matched is looked up in the file's text (only for the few guesses).

use std::cell::OnceCell;

use super::meta::scalars;
use crate::{Clue, Evidence, MetaEntry};

/// A quote is cut to about this many characters around its clue.
const QUOTE_CHARS: usize = 80;
/// ... starting this many characters before the clue.
const LEAD_CHARS: usize = 20;
/// A cut moves at most this many characters to fall between words.
const WORD_CHARS: usize = 12;

/// The file a posting was read from, to quote its lines.
pub(super) struct FileText<'a> {
    text: &'a str,
    /// Byte offset where the body starts.
    body_start: usize,
    /// `text` ASCII-lowercased (same byte offsets), made on the first search.
    folded: OnceCell<String>,
}

impl<'a> FileText<'a> {
    /// `text` is the whole file; its body starts on line `body_line`.
    pub fn new(text: &'a str, body_line: usize) -> FileText<'a> {
        let body_start = line_starts(text)
            .nth(body_line.saturating_sub(1))
            .unwrap_or(text.len());
        FileText {
            text,
            body_start,
            folded: OnceCell::new(),
        }
    }

    /// The line a metadata entry was read from, quoted around its value.
    pub fn entry(&self, field: &'static str, entry: &MetaEntry) -> Evidence {
        let value = scalars(&entry.value).into_iter().next().unwrap_or_default();
        let quote = line_starts(self.text)
            .nth(entry.line.saturating_sub(1))
            .map(|start| self.quote(start, &value));
        Evidence {
            field,
            line: Some(entry.line),
            clue: Clue::Quote(quote.unwrap_or(value)),
        }
    }

    /// The first line holding `clue` (any case), in the body or else
    /// anywhere in the file (a title in the front matter); the clue alone
    /// when the file does not hold it as written.
    pub fn locate(&self, field: &'static str, clue: &str) -> Evidence {
        let needle = clue.trim().to_ascii_lowercase();
        let folded = self.folded.get_or_init(|| self.text.to_ascii_lowercase());
        let found = (!needle.is_empty())
            .then(|| {
                folded[self.body_start..]
                    .find(&needle)
                    .map(|at| at + self.body_start)
                    .or_else(|| folded.find(&needle))
            })
            .flatten();
        match found {
            Some(at) => Evidence {
                field,
                line: Some(self.text[..at].matches('\n').count() + 1),
                clue: Clue::Quote(
                    self.quote(self.text[..at].rfind('\n').map_or(0, |i| i + 1), clue),
                ),
            },
            None => Evidence {
                field,
                line: None,
                clue: Clue::Quote(clue.trim().to_string()),
            },
        }
    }

    /// The line starting at byte `start`, trimmed, cut around `clue` when long.
    fn quote(&self, start: usize, clue: &str) -> String {
        let line = self.text[start..].lines().next().unwrap_or("").trim();
        let chars: Vec<char> = line.chars().collect();
        if chars.len() <= QUOTE_CHARS {
            return line.to_string();
        }
        let at = line
            .to_ascii_lowercase()
            .find(&clue.trim().to_ascii_lowercase())
            .map_or(0, |byte| line[..byte].chars().count());
        let from = at.saturating_sub(LEAD_CHARS);
        let to = (from + QUOTE_CHARS).min(chars.len());
        // Whole words: the cut moves to a space within a few characters.
        let from = (from..at.min(from + WORD_CHARS))
            .find(|&i| i == 0 || chars[i - 1] == ' ')
            .unwrap_or(from);
        let to = (to.saturating_sub(WORD_CHARS).max(from)..=to)
            .rev()
            .find(|&i| i == chars.len() || chars[i] == ' ')
            .unwrap_or(to);
        let quote: String = chars[from..to].iter().collect();
        let quote = quote.trim();
        match (from > 0, to < chars.len()) {
            (true, true) => format!("… {quote} …"),
            (true, false) => format!("… {quote}"),
            (false, true) => format!("{quote} …"),
            (false, false) => quote.to_string(),
        }
    }
}

/// Evidence that quotes nothing: how the value was found.
pub(super) fn said(field: &'static str, how: impl Into<String>) -> Evidence {
    Evidence {
        field,
        line: None,
        clue: Clue::Said(how.into()),
    }
}

/// Byte offsets where the lines of `text` start.
fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clue_is_found_in_the_body_before_the_front_matter() {
        let file = FileText::new("---\ntitle: Remote Baker\n---\nBaking, fully remote.\n", 4);
        let found = file.locate("remote", "Remote");
        assert_eq!(found.line, Some(4));
        assert_eq!(found.to_string(), "line 4, \"Baking, fully remote.\"");
        // Not in the body: the front matter holds it.
        assert_eq!(file.locate("title", "Remote Baker").line, Some(2));
    }

    #[test]
    fn a_clue_missing_from_the_file_is_quoted_without_a_line() {
        let file = FileText::new("Baker\n\nEmail jo [at] oven [dot] example\n", 1);
        let missing = file.locate("apply", "jo@oven.example");
        assert_eq!(missing.line, None);
        assert_eq!(missing.to_string(), "\"jo@oven.example\" in the text");
    }

    #[test]
    fn a_long_line_is_cut_around_its_clue() {
        let line = format!("{} Salary: £40k {}", "word ".repeat(30), "more ".repeat(30));
        let file = FileText::new(&line, 1);
        let Clue::Quote(quote) = file.locate("salary", "£40k").clue else {
            panic!("a quote");
        };
        assert!(quote.starts_with("… ") && quote.ends_with(" …"), "{quote}");
        assert!(quote.contains("Salary: £40k"), "{quote}");
        assert!(quote.chars().count() <= QUOTE_CHARS + 4, "{quote}");
    }
}
