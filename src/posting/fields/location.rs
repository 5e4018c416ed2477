//! Places and remote/hybrid/onsite from location strings and free text.

use crate::posting::Remote;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// Places as written, cleaned of badges and emoji; `Remote US` stays a place.
    pub places: Vec<String>,
    pub remote: Option<Remote>,
}

/// Parses a string meant to be a location (metadata value, badge, HN field).
pub fn parse(text: &str) -> Location {
    // STUB (helper: fields-b)
    let _ = text;
    Location::default()
}

/// Whether a short string reads as a place or a remote statement (used to
/// classify the fields of a Hacker News line).
pub fn looks_like_place(text: &str) -> bool {
    // STUB (helper: fields-b)
    let _ = text;
    false
}

/// Remote/hybrid/onsite stated in free text (`#LI-REMOTE`, "fully remote").
pub fn remote_in_text(text: &str) -> Option<Remote> {
    // STUB (helper: fields-b)
    let _ = text;
    None
}
