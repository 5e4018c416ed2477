//! reStructuredText: document title and field list as metadata, and the body
//! subset postings use rendered to HTML.

use crate::posting::body::Rendered;
use crate::posting::{Draft, FormatError};

/// Whether the text starts like a reStructuredText document: an over- or
/// underlined title, or a `:key: value` field list.
pub fn looks_like_rst(text: &str) -> bool {
    // STUB (helper: rst)
    let _ = text;
    false
}

/// Title (stated meta `title`) and field list (stated meta) plus the body.
pub fn parse(text: &str) -> Result<Draft, FormatError> {
    // STUB (helper: rst)
    let _ = text;
    Err(FormatError {
        line: None,
        column: None,
        message: "reStructuredText is not supported yet".into(),
    })
}

/// Renders a body to (unsanitized) HTML, its plain text and its links.
pub fn to_html(body: &str) -> Rendered {
    // STUB (helper: rst)
    Rendered {
        html: String::new(),
        text: body.to_string(),
        links: Vec::new(),
    }
}
