//! schema.org `JobPosting` for a posting page, as Google's job-posting
//! guidelines describe it, holding only what the page itself shows.

use serde_json::{json, Map, Value};

use crate::posting::{EmploymentType, Period, Posting, Remote};

/// The JSON-LD of an open posting, safe to place inside `<script>` as is.
pub(crate) fn job_posting(p: &Posting, canonical: &str) -> String {
    let mut ld = Map::new();
    ld.insert("@context".into(), "https://schema.org/".into());
    ld.insert("@type".into(), "JobPosting".into());
    ld.insert("title".into(), p.title.clone().into());
    ld.insert("description".into(), p.body_html.clone().into());
    ld.insert("url".into(), canonical.into());
    if let Some(date) = &p.date {
        ld.insert("datePosted".into(), date.clone().into());
    }
    if let Some(expires) = &p.expires {
        ld.insert("validThrough".into(), expires.clone().into());
    }
    if let Some(company) = &p.company {
        ld.insert(
            "hiringOrganization".into(),
            json!({"@type": "Organization", "name": company}),
        );
    }

    let places: Vec<Place> = p
        .location
        .iter()
        .filter_map(|l| parse_location(l))
        .collect();
    let addresses: Vec<Value> = places
        .iter()
        .filter_map(|place| match place {
            Place::Address(address) => Some(json!({"@type": "Place", "address": address})),
            Place::Remote(_) => None,
        })
        .collect();
    if !addresses.is_empty() {
        ld.insert("jobLocation".into(), Value::Array(addresses));
    }
    if p.remote == Some(Remote::Remote) {
        ld.insert("jobLocationType".into(), "TELECOMMUTE".into());
        // Google wants this with TELECOMMUTE; it is left out rather than
        // guessed when the posting names no country ("Remote", "Remote EU").
        let mut countries: Vec<&str> = places
            .iter()
            .filter_map(|place| match place {
                Place::Remote(country) => *country,
                Place::Address(_) => None,
            })
            .collect();
        countries.sort_unstable();
        countries.dedup();
        if !countries.is_empty() {
            let countries = countries
                .into_iter()
                .map(|name| json!({"@type": "Country", "name": name}))
                .collect();
            ld.insert(
                "applicantLocationRequirements".into(),
                Value::Array(countries),
            );
        }
    }
    if let Some(s) = &p.salary {
        let unit = match s.period {
            Period::Hour => "HOUR",
            Period::Day => "DAY",
            Period::Week => "WEEK",
            Period::Month => "MONTH",
            Period::Year => "YEAR",
        };
        let mut value = json!({"@type": "QuantitativeValue", "unitText": unit});
        if s.max > s.min {
            value["minValue"] = amount(s.min);
            value["maxValue"] = amount(s.max);
        } else {
            value["value"] = amount(s.min);
        }
        ld.insert(
            "baseSalary".into(),
            json!({"@type": "MonetaryAmount", "currency": s.currency, "value": value}),
        );
    }
    if let Some(t) = p.employment_type {
        let t = match t {
            EmploymentType::FullTime => "FULL_TIME",
            EmploymentType::PartTime => "PART_TIME",
            EmploymentType::Contract => "CONTRACTOR",
            EmploymentType::Temporary => "TEMPORARY",
            EmploymentType::Internship => "INTERN",
        };
        ld.insert("employmentType".into(), t.into());
    }
    // The board never hosts the application itself: Apply leads to the
    // employer's page or an e-mail, which is not a direct apply.
    if p.apply.is_some() {
        ld.insert("directApply".into(), false.into());
    }
    script_safe(&Value::Object(ld).to_string())
}

/// `137000`, not `137000.0`; cents stay.
fn amount(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

/// JSON that no text can break out of a `<script>` element with: `<`, `>`
/// and `&` only occur inside JSON strings, where `\u003c` means the same.
/// U+2028/2029 are escaped for old JavaScript parsers.
pub(crate) fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Debug, PartialEq)]
enum Place {
    /// A postal address (`PostalAddress` fields).
    Address(Map<String, Value>),
    /// "Remote US": the country applicants must live in, when named.
    Remote(Option<&'static str>),
}

/// "Berlin, Germany", "San Francisco, CA", "Austin, TX, USA", "Remote US".
fn parse_location(text: &str) -> Option<Place> {
    // "Berlin (hybrid)" -> "Berlin"
    let text = match text.find('(') {
        Some(i) if !text.to_lowercase().starts_with("remote") => &text[..i],
        _ => text,
    };
    let lower = text.trim().to_lowercase();
    for word in ["remote", "anywhere", "worldwide"] {
        if let Some(rest) = lower.strip_prefix(word) {
            let rest = rest.trim_matches(|c: char| !c.is_alphanumeric());
            return Some(Place::Remote(country(rest).map(|(_, name)| name)));
        }
    }
    let parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut address = Map::new();
    address.insert("@type".into(), "PostalAddress".into());
    let mut set = |key: &str, value: &str| {
        address.insert(key.into(), value.into());
    };
    match parts.as_slice() {
        [] => return None,
        [one] => match country(one) {
            Some((code, _)) => set("addressCountry", code),
            None => set("addressLocality", one),
        },
        [city, second] => {
            set("addressLocality", city);
            if US_STATES.contains(second) {
                set("addressRegion", second);
                set("addressCountry", "US");
            } else if CA_PROVINCES.contains(second) {
                set("addressRegion", second);
                set("addressCountry", "CA");
            } else if let Some((code, _)) = country(second) {
                set("addressCountry", code);
            } else {
                set("addressRegion", second);
            }
        }
        [city, middle @ .., last] => {
            set("addressLocality", city);
            set("addressRegion", &middle.join(", "));
            set(
                "addressCountry",
                country(last).map_or(*last, |(code, _)| code),
            );
        }
    }
    Some(Place::Address(address))
}

/// A country by ISO code or common name: (ISO 3166-1 alpha-2 code, name).
fn country(text: &str) -> Option<(&'static str, &'static str)> {
    let text = text.trim().trim_end_matches('.').to_lowercase();
    COUNTRIES
        .iter()
        .find(|(code, name, aliases)| {
            code.eq_ignore_ascii_case(&text)
                || name.eq_ignore_ascii_case(&text)
                || aliases.contains(&text.as_str())
        })
        .map(|&(code, name, _)| (code, name))
}

const COUNTRIES: &[(&str, &str, &[&str])] = &[
    (
        "US",
        "United States",
        &["usa", "u.s", "u.s.a", "united states of america", "america"],
    ),
    (
        "GB",
        "United Kingdom",
        &["uk", "u.k", "great britain", "england", "scotland", "wales"],
    ),
    ("CA", "Canada", &[]),
    ("DE", "Germany", &["deutschland"]),
    ("FR", "France", &[]),
    ("NL", "Netherlands", &["the netherlands", "holland"]),
    ("ES", "Spain", &[]),
    ("PT", "Portugal", &[]),
    ("IT", "Italy", &[]),
    ("IE", "Ireland", &[]),
    ("BE", "Belgium", &[]),
    ("CH", "Switzerland", &[]),
    ("AT", "Austria", &[]),
    ("SE", "Sweden", &[]),
    ("NO", "Norway", &[]),
    ("DK", "Denmark", &[]),
    ("FI", "Finland", &[]),
    ("PL", "Poland", &[]),
    ("CZ", "Czechia", &["czech republic"]),
    ("IN", "India", &[]),
    ("JP", "Japan", &[]),
    ("CN", "China", &[]),
    ("SG", "Singapore", &[]),
    ("AU", "Australia", &[]),
    ("NZ", "New Zealand", &[]),
    ("BR", "Brazil", &["brasil"]),
    ("MX", "Mexico", &[]),
    ("AR", "Argentina", &[]),
    ("IL", "Israel", &[]),
    ("ZA", "South Africa", &[]),
];

const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY",
];

const CA_PROVINCES: &[&str] = &[
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn address(text: &str) -> Value {
        match parse_location(text) {
            Some(Place::Address(a)) => Value::Object(a),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn locations_split_into_postal_addresses() {
        let a = address("Berlin, Germany");
        assert_eq!(a["addressLocality"], "Berlin");
        assert_eq!(a["addressCountry"], "DE");
        let a = address("San Francisco, CA");
        assert_eq!(a["addressRegion"], "CA");
        assert_eq!(a["addressCountry"], "US");
        let a = address("Austin, TX, USA");
        assert_eq!(
            (
                &a["addressLocality"],
                &a["addressRegion"],
                &a["addressCountry"]
            ),
            (&json!("Austin"), &json!("TX"), &json!("US"))
        );
        assert_eq!(address("London (hybrid)")["addressLocality"], "London");
        assert_eq!(address("Canada")["addressCountry"], "CA");
    }

    #[test]
    fn remote_locations_are_not_addresses() {
        assert_eq!(
            parse_location("Remote US"),
            Some(Place::Remote(Some("United States")))
        );
        assert_eq!(
            parse_location("Remote (UK)"),
            Some(Place::Remote(Some("United Kingdom")))
        );
        assert_eq!(parse_location("Remote - EMEA"), Some(Place::Remote(None)));
        assert_eq!(parse_location("Worldwide"), Some(Place::Remote(None)));
    }

    #[test]
    fn script_safe_json_stays_equal() {
        let text = "</script><script>alert(1)</script> & --> \u{2028}";
        let safe = script_safe(&json!({ "t": text }).to_string());
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], text);
    }
}
