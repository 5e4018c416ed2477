//! [`Diagnostic`]: one problem found in a posting, as data. Every stage
//! (decoding, parsing, field extraction, the board, `check`) makes these, and
//! the CLI renders them (with the source line, or as JSON) without parsing
//! any text back out.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file did not become a posting, or the site cannot be built.
    Error,
    /// The posting is published, but not as its author may have meant.
    Warning,
}

/// Where, how bad, which kind (`code`, stable: tools and `build`'s summary
/// group by it) and what to do. Deserializable, so a build can remember it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based, when the problem is on one line.
    pub line: Option<usize>,
    /// 1-based, in characters, when known.
    pub column: Option<usize>,
    pub severity: Severity,
    /// A kebab-case name of the kind: `unknown-key`, `salary-unparsed`, ...
    /// (written in the code, or read back from a remembered build).
    pub code: Cow<'static, str>,
    pub message: String,
    /// What to change, when there is one thing to suggest.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message.into())
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message.into())
    }

    fn new(severity: Severity, code: &'static str, message: String) -> Diagnostic {
        Diagnostic {
            path: String::new(),
            line: None,
            column: None,
            severity,
            code: Cow::Borrowed(code),
            message,
            help: None,
        }
    }

    pub fn in_file(mut self, path: &str) -> Diagnostic {
        self.path = path.to_string();
        self
    }

    pub fn on_line(mut self, line: usize) -> Diagnostic {
        self.line = Some(line);
        self
    }

    pub fn at_column(mut self, column: Option<usize>) -> Diagnostic {
        self.column = column;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The text of the record's `warnings` list (SCHEMA.md): `line N: message; help`.
    pub fn record_text(&self) -> String {
        let mut text = match self.line {
            Some(line) => format!("line {line}: {}", self.message),
            None => self.message.clone(),
        };
        if let Some(help) = &self.help {
            text.push_str("; ");
            text.push_str(help);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_text_keeps_the_line_and_help() {
        let d = Diagnostic::warning("unknown-key", "unknown key `compnay` ignored")
            .on_line(3)
            .with_help("did you mean `company`?");
        assert_eq!(
            d.record_text(),
            "line 3: unknown key `compnay` ignored; did you mean `company`?"
        );
        assert_eq!(Diagnostic::warning("x", "no line").record_text(), "no line");
    }
}
