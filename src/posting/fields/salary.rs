//! Salary strings to [`Salary`].

use crate::posting::Salary;

/// Parses a string that is meant to be a salary (a metadata value, a badge,
/// an HN field). `None` when it is not a figure ("competitive", "DOE").
pub fn parse(text: &str, default_currency: &str) -> Option<Salary> {
    // STUB (helper: fields-a)
    let _ = (text, default_currency);
    None
}

/// Finds a salary in free text (a body), only where the context says it is one.
pub fn find(text: &str, default_currency: &str) -> Option<Salary> {
    // STUB (helper: fields-a)
    let _ = (text, default_currency);
    None
}
