//! Dates as people write them to [`jiff::ZonedDateTime`].
//!
//! Accepted: ISO 8601 / RFC 3339 with `-` or `/`, `T` or a space, optional
//! seconds, fraction and offset (`Z`, `UTC`, `+02:00`, `+0200`, `+02`);
//! numeric `D.M.YYYY` (day first, as everywhere dots are used) and
//! `M/D/YYYY` or `D/M/YYYY`; month names (`March 3, 2025`, `3rd Mar 2025`,
//! `Mon, 03 Mar 2025 10:00:00 +0000`). Each may carry a time.
//!
//! A written offset is kept as written; without one the date is in the site's
//! time zone.

use std::sync::LazyLock;

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::ZonedDateTime;
use regex::{Captures, Regex};

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedDate {
    pub time: ZonedDateTime,
    /// Set when the text allowed more than one reading (`02/03/2025`).
    pub warning: Option<String>,
}

/// `10:00`, `10:00:05.123`, `4:30 pm`, then an offset; shared by every form.
const TIME: &str = r"(?:(?:\s*[T\s]\s*|\s*,\s*|\s+at\s+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?:[.,](?P<fraction>[0-9]{1,9}))?)?(?:\s*(?P<ampm>[ap]\.?m\.?))?(?:\s*(?P<offset>[zZ]|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?))?)?";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<year>[0-9]{{4}})[-/](?P<month>[0-9]{{1,2}})[-/](?P<day>[0-9]{{1,2}}){TIME}$"
    ))
    .expect("valid regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<a>[0-9]{{1,2}})(?P<sep>[/.-])(?P<b>[0-9]{{1,2}})[/.-](?P<year>[0-9]{{4}}){TIME}$"
    ))
    .expect("valid regex")
});
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?P<name>\p{L}{3,10})\.?";
    // `3rd`, `1er`, `14.`: English, French and German day numbers.
    let day = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th|er|\.)?";
    Regex::new(&format!(
        r"(?i)^(?:(?:\p{{L}}{{2,12}}\.?,?\s+){{0,2}})?(?:{month}\s+{day}|{day2}\s+(?:(?:of|de)\s+)?{month2}),?\s+(?:(?:de|del)\s+)?(?P<year>[0-9]{{4}}){TIME}$",
        day2 = day.replace("P<day>", "P<day2>"),
        month2 = month.replace("P<name>", "P<name2>"),
    ))
    .expect("valid regex")
});

/// Month names in English, French, German and Spanish, without accents;
/// a name is matched by any prefix of three letters or more.
const MONTHS: [&[&str]; 12] = [
    &["january", "janvier", "januar", "janner", "enero"],
    &["february", "fevrier", "februar", "febrero"],
    &["march", "mars", "marz", "maerz", "marzo"],
    &["april", "avril", "abril"],
    &["may", "mai", "mayo"],
    &["june", "juin", "juni", "junio"],
    &["july", "juillet", "juli", "julio"],
    &["august", "aout", "agosto"],
    &["september", "septembre", "septiembre", "setiembre"],
    &["october", "octobre", "oktober", "octubre"],
    &["november", "novembre", "noviembre"],
    &["december", "decembre", "dezember", "diciembre"],
];

/// Parses a date; one without an offset is in `tz`, one without a time is midnight.
///
/// `02/03/2025`, where both numbers can be the month, is read US-style as
/// month/day (February 3), the reading of most English-language job boards
/// and of JavaScript's `Date`, and the result carries a warning. When only one
/// reading is a date (`13/03/2025`, `03/13/2025`) it is taken silently.
pub fn parse(text: &str, tz: &TimeZone) -> Result<ParsedDate, String> {
    let text = text.trim();
    let not_a_date = || format!("`{text}` is not a date");
    let mut warning = None;
    let (caps, year, month, day) = if let Some(c) = ISO.captures(text) {
        let (y, m, d) = (number(&c, "year"), number(&c, "month"), number(&c, "day"));
        (c, y, m, d)
    } else if let Some(c) = NUMERIC.captures(text) {
        let (a, b, y) = (number(&c, "a"), number(&c, "b"), number(&c, "year"));
        let day_first = &c["sep"] == "." || a > 12;
        if !day_first && b <= 12 && a != b {
            warning = Some(format!(
                "`{text}` could be {} or {}; it was read as {} (month/day): write {} to say so, or {} for the other",
                long(y, a, b),
                long(y, b, a),
                long(y, a, b),
                iso(y, a, b),
                iso(y, b, a),
            ));
        }
        if day_first {
            (c, y, b, a)
        } else {
            (c, y, a, b)
        }
    } else if let Some(c) = NAMED.captures(text) {
        let name = deunicode::deunicode(
            c.name("name")
                .or(c.name("name2"))
                .map_or("", |m| m.as_str()),
        )
        .to_lowercase();
        // Any abbreviation of three letters or more: `Mar`, `Sept`, `févr.`.
        let month = MONTHS
            .iter()
            .position(|names| name.len() >= 3 && names.iter().any(|m| m.starts_with(&name)))
            .ok_or_else(not_a_date)?;
        let day = c
            .name("day")
            .or(c.name("day2"))
            .map_or(0, |m| m.as_str().parse().unwrap_or(0));
        let year = number(&c, "year");
        (c, year, month as i64 + 1, day)
    } else {
        return Err(not_a_date());
    };
    let date = civil_date(text, year, month, day)?;
    let time = civil_time(text, &caps)?;
    let civil = DateTime::from_parts(date, time);
    let zoned = match caps.name("offset") {
        Some(offset) => {
            let offset = parse_offset(offset.as_str())
                .ok_or_else(|| format!("`{text}` has an invalid offset"))?;
            TimeZone::fixed(offset).to_zoned_datetime(civil)
        }
        None => tz.to_zoned_datetime(civil),
    };
    let time = zoned.map_err(|_| format!("`{text}` is out of the supported range of dates"))?;
    Ok(ParsedDate { time, warning })
}

/// Seconds or, when too many for that, milliseconds since 1970 (a
/// JavaScript `timestamp: 1611792000000`), in `tz`.
pub fn from_epoch(number: &serde_json::Number, tz: &TimeZone) -> Result<ParsedDate, String> {
    let invalid = || format!("`{number}` is not a date");
    let value = number.as_i64().ok_or_else(invalid)?;
    // A year or a count (`date: 2025`) is no moment: epochs before 1973 are refused.
    if value.unsigned_abs() < 100_000_000 {
        return Err(invalid());
    }
    // 100 billion seconds is the year 5138: beyond that it counts milliseconds.
    let timestamp = if value.unsigned_abs() < 100_000_000_000 {
        jiff::Timestamp::from_second(value)
    } else {
        jiff::Timestamp::from_millisecond(value)
    }
    .map_err(|_| invalid())?;
    Ok(ParsedDate {
        time: timestamp.to_zoned_datetime(tz.clone()),
        warning: None,
    })
}

/// A group of digits the pattern captured; at most 9 digits, so it fits.
fn number(caps: &Captures, name: &str) -> i64 {
    caps.name(name)
        .and_then(|m| m.as_str().parse().ok())
        .unwrap_or(0)
}

fn civil_date(text: &str, year: i64, month: i64, day: i64) -> Result<Date, String> {
    if !(1..=12).contains(&month) {
        return Err(format!(
            "`{text}` is not a valid date: there is no month {month}"
        ));
    }
    let invalid = |_| format!("`{text}` is not a valid date");
    let days = i64::from(
        Date::new(year as i16, month as i8, 1)
            .map_err(invalid)?
            .days_in_month(),
    );
    if !(1..=days).contains(&day) {
        return Err(format!(
            "`{text}` is not a valid date: {} {year} has {days} days",
            month_name(month)
        ));
    }
    Date::new(year as i16, month as i8, day as i8).map_err(invalid)
}

fn civil_time(text: &str, caps: &Captures) -> Result<jiff::civil::Time, String> {
    let mut hour = number(caps, "hour");
    let minute = number(caps, "minute");
    // A leap second (`:60`), allowed by RFC 3339, is the last second of its minute.
    let second = number(caps, "second").min(59);
    let nanos = caps.name("fraction").map_or(0, |f| {
        let digits = f.as_str();
        digits.parse::<i64>().unwrap_or(0) * 10_i64.pow(9 - digits.len() as u32)
    });
    if let Some(ampm) = caps.name("ampm") {
        if !(1..=12).contains(&hour) {
            return Err(format!(
                "`{text}` has an invalid time: {hour} {}",
                ampm.as_str()
            ));
        }
        let pm = ampm.as_str().starts_with(['p', 'P']);
        hour = hour % 12 + if pm { 12 } else { 0 };
    }
    if hour > 23 || minute > 59 {
        return Err(format!(
            "`{text}` has an invalid time: {hour:02}:{minute:02}"
        ));
    }
    jiff::civil::Time::new(hour as i8, minute as i8, second as i8, nanos as i32)
        .map_err(|_| format!("`{text}` has an invalid time"))
}

/// `Z`, `UTC`, `GMT`, `+02:00`, `+0200`, `-05`.
fn parse_offset(written: &str) -> Option<Offset> {
    let Some(sign) = written.chars().next().filter(|c| matches!(c, '+' | '-')) else {
        return Some(Offset::UTC);
    };
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Some(0), |m| m.parse().ok())?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    let seconds = (hours * 3600 + minutes * 60) * if sign == '-' { -1 } else { 1 };
    Offset::from_seconds(seconds).ok()
}

/// `February` for 2; callers pass a month in 1..=12.
fn month_name(month: i64) -> String {
    let mut name = MONTHS[(month.clamp(1, 12) - 1) as usize][0].to_string();
    name[..1].make_ascii_uppercase();
    name
}

/// `February 3, 2025`, for the ambiguity warning.
fn long(year: i64, month: i64, day: i64) -> String {
    format!("{} {day}, {year}", month_name(month))
}

fn iso(year: i64, month: i64, day: i64) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As the record writes it.
    fn rfc3339(time: &ZonedDateTime) -> String {
        crate::Instant::from_zoned(time).to_string()
    }

    fn utc(text: &str) -> String {
        rfc3339(
            &parse(text, &TimeZone::UTC)
                .unwrap_or_else(|e| panic!("{e}"))
                .time,
        )
    }

    fn paris(text: &str) -> String {
        let tz = TimeZone::get("Europe/Paris").expect("the system has tzdata");
        rfc3339(&parse(text, &tz).unwrap_or_else(|e| panic!("{e}")).time)
    }

    #[test]
    fn iso_and_rfc3339() {
        assert_eq!(utc("2025-03-03T10:00:00Z"), "2025-03-03T10:00:00+00:00");
        assert_eq!(paris("2025-03-03T10:00:00Z"), "2025-03-03T10:00:00+00:00");
        assert_eq!(
            utc("2025-03-03T10:00:00+05:30"),
            "2025-03-03T10:00:00+05:30"
        );
        assert_eq!(
            utc("2025-03-03T10:00:00.123-04:00"),
            "2025-03-03T10:00:00-04:00"
        );
        assert_eq!(
            utc("2025-03-03 10:00:00+02:00"),
            "2025-03-03T10:00:00+02:00"
        );
        assert_eq!(utc("2025-03-03 10:00 +0200"), "2025-03-03T10:00:00+02:00");
        assert_eq!(utc("2016-12-31T23:59:60Z"), "2016-12-31T23:59:59+00:00");
        assert_eq!(utc("2025-03-03"), "2025-03-03T00:00:00+00:00");
        assert_eq!(utc("2025/03/03"), "2025-03-03T00:00:00+00:00");
        assert_eq!(utc("2025-3-3"), "2025-03-03T00:00:00+00:00");
    }

    #[test]
    fn pelican_and_toml_dates_take_the_site_zone() {
        assert_eq!(utc("2011-09-19 16:18"), "2011-09-19T16:18:00+00:00");
        assert_eq!(utc("2011-09-19 16:18:05"), "2011-09-19T16:18:05+00:00");
        assert_eq!(paris("2011-09-19 16:18"), "2011-09-19T16:18:00+02:00");
        assert_eq!(paris("2025-03-03T10:00:00"), "2025-03-03T10:00:00+01:00");
        assert_eq!(paris("2025-03-03"), "2025-03-03T00:00:00+01:00");
        assert_eq!(paris("2025-07-01"), "2025-07-01T00:00:00+02:00");
        // 02:30 does not exist in Paris on 2025-03-30; the clock moved to 03:00.
        assert_eq!(paris("2025-03-30 02:30"), "2025-03-30T03:30:00+02:00");
    }

    #[test]
    fn month_names() {
        for text in [
            "March 3, 2025",
            "Mar 3 2025",
            "3 March 2025",
            "3rd March 2025",
            "March 3rd, 2025",
            "Mar. 3, 2025",
            "3 of march 2025",
            "Monday, March 3, 2025",
            "MARCH 3, 2025",
        ] {
            assert_eq!(utc(text), "2025-03-03T00:00:00+00:00", "{text}");
        }
        assert_eq!(utc("Sept 9, 2025"), "2025-09-09T00:00:00+00:00");
        assert_eq!(
            utc("Mon, 03 Mar 2025 10:00:00 +0000"),
            "2025-03-03T10:00:00+00:00"
        );
        assert_eq!(utc("March 3, 2025 at 4:30 pm"), "2025-03-03T16:30:00+00:00");
        assert_eq!(utc("March 3, 2025, 12:05 AM"), "2025-03-03T00:05:00+00:00");
    }

    #[test]
    fn month_names_in_french_german_and_spanish() {
        for text in [
            "3 mars 2025",
            "lundi 3 mars 2025",
            "le 3 mars 2025",
            "3. März 2025",
            "3. Maerz 2025",
            "Montag, 3. März 2025",
            "3 de marzo de 2025",
            "lunes, 3 de marzo de 2025",
        ] {
            assert_eq!(utc(text), "2025-03-03T00:00:00+00:00", "{text}");
        }
        assert_eq!(utc("1er février 2024"), "2024-02-01T00:00:00+00:00");
        assert_eq!(utc("14 août 2023"), "2023-08-14T00:00:00+00:00");
        assert_eq!(utc("14. Dezember 2023"), "2023-12-14T00:00:00+00:00");
        assert_eq!(utc("2 de septiembre del 2022"), "2022-09-02T00:00:00+00:00");
        assert_eq!(utc("juil. 4 2022"), "2022-07-04T00:00:00+00:00");
    }

    #[test]
    fn epoch_seconds_and_milliseconds() {
        let at = |n: i64| {
            rfc3339(
                &from_epoch(&serde_json::Number::from(n), &TimeZone::UTC)
                    .unwrap()
                    .time,
            )
        };
        assert_eq!(at(1_700_000_000), "2023-11-14T22:13:20+00:00");
        assert_eq!(at(1_700_000_000_000), "2023-11-14T22:13:20+00:00");
        assert!(from_epoch(&serde_json::Number::from(2025), &TimeZone::UTC).is_err());
        assert!(from_epoch(&serde_json::Number::from(i64::MAX), &TimeZone::UTC).is_err());
        assert!(from_epoch(&serde_json::Number::from(i64::MIN), &TimeZone::UTC).is_err());
    }

    #[test]
    fn numeric_day_month() {
        let tz = TimeZone::UTC;
        let ambiguous = parse("02/03/2025", &tz).unwrap();
        assert_eq!(rfc3339(&ambiguous.time), "2025-02-03T00:00:00+00:00");
        let warning = ambiguous.warning.unwrap();
        assert!(
            warning.contains("February 3, 2025") && warning.contains("March 2, 2025"),
            "{warning}"
        );
        assert!(
            warning.contains("2025-02-03") && warning.contains("2025-03-02"),
            "{warning}"
        );

        let clear = parse("13/03/2025", &tz).unwrap();
        assert_eq!(
            (rfc3339(&clear.time).as_str(), clear.warning),
            ("2025-03-13T00:00:00+00:00", None)
        );
        let clear = parse("03/13/2025", &tz).unwrap();
        assert_eq!(
            (rfc3339(&clear.time).as_str(), clear.warning),
            ("2025-03-13T00:00:00+00:00", None)
        );
        let same = parse("03/03/2025", &tz).unwrap();
        assert_eq!(same.warning, None);
        // Dots are written day first.
        let dots = parse("02.03.2025 14:00", &tz).unwrap();
        assert_eq!(
            (rfc3339(&dots.time).as_str(), dots.warning),
            ("2025-03-02T14:00:00+00:00", None)
        );
    }

    #[test]
    fn invalid_dates_say_why() {
        let tz = TimeZone::UTC;
        assert_eq!(parse("soon", &tz).unwrap_err(), "`soon` is not a date");
        assert_eq!(
            parse("2025-02-30", &tz).unwrap_err(),
            "`2025-02-30` is not a valid date: February 2025 has 28 days"
        );
        assert!(parse("2025-13-01", &tz)
            .unwrap_err()
            .contains("no month 13"));
        assert!(parse("13/13/2025", &tz).is_err());
        assert!(parse("2025-03-03 25:00", &tz)
            .unwrap_err()
            .contains("invalid time"));
        assert!(parse("2025-03-03T10:00:00+25:00", &tz)
            .unwrap_err()
            .contains("offset"));
        assert!(parse("Smarch 3, 2025", &tz).is_err());
    }

    #[test]
    fn odd_input_does_not_panic() {
        let tz = TimeZone::UTC;
        for text in [
            "",
            "é",
            "2025-03-03T10:00:00.1234567890Z",
            "9999-12-31T23:59:59-23:59",
            "Maré 3, 2025",
            "💰",
        ] {
            let _ = parse(text, &tz);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,40}", digits in "[0-9]{1,4}[-/. T:]{0,2}[0-9]{1,4}[-/. T:+]{0,2}[0-9]{0,4}") {
            let _ = parse(&text, &TimeZone::UTC);
            let _ = parse(&digits, &TimeZone::UTC);
        }
    }
}
