//! [`Draft`]: what a format parser found in a file, before field extraction.

use serde_json::Value;

use super::Format;

/// The markup language of a posting body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Markdown,
    Rst,
    /// HTML, as in a saved job page's description.
    Html,
}

/// One key/value the file carries, from front matter or the format's structure.
#[derive(Debug, Clone, PartialEq)]
pub struct MetaEntry {
    /// Lowercased, `-` and spaces turned to `_`: `Job-Title` -> `job_title`.
    pub key: String,
    /// The key as the author wrote it (`jobApplyURL`, `company.name`), for
    /// the key lexicon and for messages.
    pub written: String,
    pub value: Value,
    /// 1-based line in the file, for messages.
    pub line: usize,
    /// `true` when the author wrote it as metadata (`Title: x`, front matter);
    /// `false` when the parser guessed it (a badge, an HN field by its shape).
    pub stated: bool,
}

/// A parsed file: metadata plus the body source, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub format: Format,
    pub meta: Vec<MetaEntry>,
    /// The body in its markup language, without the metadata block.
    pub body: String,
    pub markup: Markup,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
}

impl Draft {
    pub fn new(format: Format, markup: Markup) -> Draft {
        Draft {
            format,
            meta: Vec::new(),
            body: String::new(),
            markup,
            body_line: 1,
        }
    }

    /// Records a key written by the author.
    pub fn stated(&mut self, key: &str, value: Value, line: usize) {
        self.push(key, value, line, true);
    }

    /// Records a key the parser recognized by its shape or position.
    pub fn guessed(&mut self, key: &str, value: impl Into<Value>, line: usize) {
        self.push(key, value.into(), line, false);
    }

    fn push(&mut self, key: &str, value: Value, line: usize, stated: bool) {
        self.meta.push(MetaEntry {
            key: normalize_key(key),
            written: key.trim().to_string(),
            value,
            line,
            stated,
        });
    }
}

/// `Job-Title` / `Job Title` / `job_title` -> `job_title`.
pub fn normalize_key(key: &str) -> String {
    key.trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}
