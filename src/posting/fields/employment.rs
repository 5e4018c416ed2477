//! Employment type from metadata values and free text.

use crate::posting::EmploymentType;

/// A metadata value such as `Full-time`, `FULL_TIME`, `contractor`, `intern`.
pub fn parse(text: &str) -> Option<EmploymentType> {
    // STUB (helper: fields-a)
    let _ = text;
    None
}

/// Employment type stated in free text ("this is a full-time position").
pub fn find(text: &str) -> Option<EmploymentType> {
    // STUB (helper: fields-a)
    let _ = text;
    None
}
