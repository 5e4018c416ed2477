//! Dates as people write them to [`jiff::ZonedDateTime`].

use jiff::tz::TimeZone;
use jiff::ZonedDateTime;

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedDate {
    pub time: ZonedDateTime,
    /// Set when the text allowed more than one reading (`02/03/2025`).
    pub warning: Option<String>,
}

/// Parses a date; one without an offset is in `tz`, one without a time is midnight.
pub fn parse(text: &str, tz: &TimeZone) -> Result<ParsedDate, String> {
    // STUB (helper: fields-a)
    let _ = tz;
    Err(format!("`{text}` is not a date"))
}

/// RFC 3339 with the zone's offset: `2011-09-19T16:18:00+00:00`.
pub fn rfc3339(time: &ZonedDateTime) -> String {
    time.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}
