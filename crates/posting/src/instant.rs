//! [`Instant`]: a posting's `date` or `expires`, typed once by the
//! normalizer and formatted only where it is shown.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, DateTime};
use jiff::fmt::temporal::Pieces;
use jiff::tz::{Offset, TimeZone};
use jiff::{RoundMode, Timestamp, TimestampRound, Unit, ZonedDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A moment of a posting and the UTC offset its author wrote it in (the
/// site's, when the text gave none), to the second. Ordered by the moment
/// (the offset only parts equal moments); in the record it is RFC 3339 text
/// with that offset, `2025-03-03T09:00:00+01:00`, as SCHEMA.md says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Instant {
    // The derived order compares the fields in this order.
    timestamp: Timestamp,
    offset: Offset,
}

/// RFC 3339 with the offset as written, seconds included and no fraction.
const RFC3339: &str = "%Y-%m-%dT%H:%M:%S%:z";

impl Instant {
    /// `time` in its own offset, without its fraction of a second: the
    /// record's text has none, and the value sorts and compares as it reads.
    pub fn from_zoned(time: &ZonedDateTime) -> Instant {
        let whole_second = TimestampRound::new()
            .smallest(Unit::Second)
            .mode(RoundMode::Floor);
        let timestamp = time.timestamp();
        Instant {
            // Rounding down to a second stays in range: the earliest instant is a whole second.
            timestamp: timestamp.round(whole_second).unwrap_or(timestamp),
            offset: time.offset(),
        }
    }

    pub fn timestamp(&self) -> Timestamp {
        self.timestamp
    }

    /// The day it falls on in `tz` (the site's time zone, for what pages show).
    pub fn day_in(&self, tz: &TimeZone) -> Date {
        self.timestamp.to_zoned_datetime(tz.clone()).date()
    }
}

impl fmt::Display for Instant {
    /// The record's text: `2011-09-19T16:18:00+00:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let written = self
            .timestamp
            .to_zoned_datetime(TimeZone::fixed(self.offset));
        write!(f, "{}", written.strftime(RFC3339))
    }
}

impl FromStr for Instant {
    type Err = String;

    /// The record's text back (any RFC 3339 time with an offset).
    fn from_str(text: &str) -> Result<Instant, String> {
        let invalid = || format!("`{text}` is not an RFC 3339 time with an offset");
        let pieces = Pieces::parse(text).map_err(|_| invalid())?;
        let (Some(time), Some(offset)) = (pieces.time(), pieces.to_numeric_offset()) else {
            return Err(invalid());
        };
        let written = TimeZone::fixed(offset)
            .to_zoned_datetime(DateTime::from_parts(pieces.date(), time))
            .map_err(|_| invalid())?;
        Ok(Instant::from_zoned(&written))
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Instant, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str) -> Instant {
        text.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_text_keeps_the_written_offset_and_reads_back_the_same() {
        for text in [
            "2011-09-19T16:18:00+00:00",
            "2026-01-01T03:00:00+09:30",
            "2025-12-31T23:30:00-05:00",
            // A time zone's local mean time before 1900 has seconds in its offset.
            "1883-11-18T12:00:00-04:56:02",
        ] {
            assert_eq!(written(text).to_string(), text);
        }
        assert_eq!(
            written("2026-06-15T12:00:00Z").to_string(),
            "2026-06-15T12:00:00+00:00"
        );
    }

    #[test]
    fn a_fraction_of_a_second_is_dropped_as_the_text_drops_it() {
        assert_eq!(
            written("2026-06-15T12:00:00.75+02:00"),
            written("2026-06-15T12:00:00+02:00")
        );
        // Before 1970 too: the second it falls in, not the next one.
        let before_1970 = written("1969-12-31T23:59:59.5Z");
        assert_eq!(before_1970.to_string(), "1969-12-31T23:59:59+00:00");
        assert_eq!(before_1970.timestamp().as_second(), -1);
    }

    #[test]
    fn moments_sort_by_when_they_are_not_by_their_text() {
        let tokyo_morning = written("2026-03-03T06:00:00+09:00");
        let london_night = written("2026-03-02T22:00:00+00:00");
        assert!(tokyo_morning < london_night);
        assert!(tokyo_morning.to_string() > london_night.to_string());
    }

    #[test]
    fn the_day_is_the_one_of_the_zone_asked() {
        let late_in_new_york = written("2025-12-31T23:30:00-05:00");
        assert_eq!(
            late_in_new_york.day_in(&TimeZone::UTC).to_string(),
            "2026-01-01"
        );
        let new_york = TimeZone::get("America/New_York").unwrap();
        assert_eq!(late_in_new_york.day_in(&new_york).to_string(), "2025-12-31");
    }

    #[test]
    fn text_without_an_offset_or_a_time_is_refused() {
        for text in ["2026-03-03T10:00:00", "2026-03-03", "next week", ""] {
            assert!(text.parse::<Instant>().is_err(), "{text}");
        }
    }

    #[test]
    fn it_is_the_same_json_string_as_its_text() {
        let instant = written("2026-01-01T03:00:00+09:30");
        let json = serde_json::to_string(&instant).unwrap();
        assert_eq!(json, "\"2026-01-01T03:00:00+09:30\"");
        assert_eq!(serde_json::from_str::<Instant>(&json).unwrap(), instant);
        assert!(serde_json::from_str::<Instant>("\"yesterday\"").is_err());
    }
}
