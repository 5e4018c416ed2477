//! schema.org `JobPosting` for a posting page, as Google's job-posting
//! guidelines describe it, holding only what the page itself shows.

use serde_json::{json, Map, Value};

use super::urls::{self, Urls};
use crate::config::Config;
use crate::posting::gazetteer::{self, Kind};
use crate::posting::{EmploymentType, Period, Posting, Remote};

/// The JSON-LD of an open posting, safe to place inside `<script>` as is.
/// `now` is the build's: the `datePosted` of a posting that has no date
/// (neither written nor from git), which Google requires.
pub(crate) fn job_posting(p: &Posting, config: &Config, now: jiff::Timestamp) -> String {
    let urls = Urls::new(&config.base_url);
    let mut ld = Map::new();
    ld.insert("@context".into(), "https://schema.org/".into());
    ld.insert("@type".into(), "JobPosting".into());
    ld.insert("title".into(), p.title.clone().into());
    ld.insert("description".into(), p.body_html.clone().into());
    ld.insert("url".into(), urls.absolute(&urls::posting(&p.slug)).into());
    ld.insert(
        "identifier".into(),
        json!({"@type": "PropertyValue", "name": config.title, "value": p.slug}),
    );
    let posted = p.date.clone().unwrap_or_else(|| now.to_string());
    ld.insert("datePosted".into(), posted.into());
    if let Some(expires) = &p.expires {
        ld.insert("validThrough".into(), expires.clone().into());
    }
    if let Some(company) = &p.company {
        let mut organization = json!({"@type": "Organization", "name": company});
        if let Some(profile) = config.companies.get(p.company_slug.as_deref()) {
            if let Some(website) = &profile.website {
                organization["sameAs"] = website.as_str().into();
            }
            if let Some(logo) = &profile.logo {
                organization["logo"] = super::logo_url(&urls, logo).into();
            }
        }
        ld.insert("hiringOrganization".into(), organization);
    }

    let fully_remote = p.remote == Some(Remote::Remote);
    let mut addresses: Vec<Value> = Vec::new();
    let mut applicants: Vec<Value> = Vec::new();
    for text in &p.location {
        match remote_area(text) {
            Some(area) if fully_remote => push_new(&mut applicants, applicant_areas(&area)),
            Some(_) => {}
            None => push_new(&mut addresses, postal_address(text)),
        }
    }
    if !addresses.is_empty() {
        let places = addresses
            .into_iter()
            .map(|address| json!({"@type": "Place", "address": address}));
        ld.insert("jobLocation".into(), places.collect());
    }
    if fully_remote {
        ld.insert("jobLocationType".into(), "TELECOMMUTE".into());
        // Left out rather than guessed when the posting names no place
        // ("Remote", "Worldwide"): `check` says so.
        if !applicants.is_empty() {
            ld.insert(
                "applicantLocationRequirements".into(),
                Value::Array(applicants),
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

fn push_new(list: &mut Vec<Value>, values: impl IntoIterator<Item = Value>) {
    for value in values {
        if !list.contains(&value) {
            list.push(value);
        }
    }
}

/// The place a remote location names, lowercased ("Remote US" -> "us",
/// "EU (remote)" -> "eu", "Anywhere" -> ""), or `None` when it is no
/// remote location.
fn remote_area(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let (at, word) = ["remote", "anywhere", "worldwide"]
        .into_iter()
        .find_map(|word| Some((lower.find(word)?, word)))?;
    let outside = |s: &str| s.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let before = outside(&lower[..at]);
    let after = outside(&lower[at + word.len()..]);
    Some(if before.is_empty() { after } else { before })
}

/// Where applicants to a remote job may live, as schema.org places: a
/// country, the European Union's countries, or a named region or area.
/// Nothing for a place the gazetteer does not know ("EU timezones").
fn applicant_areas(area: &str) -> Vec<Value> {
    let country = |code: &str| json!({"@type": "Country", "name": code});
    let administrative = |name: &str| json!({"@type": "AdministrativeArea", "name": name});
    if matches!(area.replace('.', "").as_str(), "eu" | "european union") {
        return EU_COUNTRIES.iter().map(|code| country(code)).collect();
    }
    if let Some(place) = gazetteer::resolve(area) {
        return match (place.region, place.country) {
            (Some(region), _) if place.locality.is_none() => vec![administrative(region)],
            (_, Some(code)) => vec![country(code)],
            // An area: the gazetteer's name for it ("EMEA", "North America").
            _ => gazetteer::lookup(area)
                .find(|e| e.kind == Kind::Area)
                .map(|e| administrative(e.name))
                .into_iter()
                .collect(),
        };
    }
    Vec::new()
}

/// "Berlin, Germany", "Austin, TX", "Toronto, ON, Canada" as a
/// `PostalAddress`, through the gazetteer; a town it does not know keeps
/// its name, with the country a later part names.
fn postal_address(text: &str) -> Option<Value> {
    let (locality, region, country) = match gazetteer::resolve(text) {
        Some(place) if place.country.is_some() => (
            place.locality.map(str::to_string),
            place.region,
            place.country,
        ),
        // An area ("Europe") is no address.
        Some(_) => return None,
        None => {
            let mut parts = text.split(',').map(str::trim).filter(|s| !s.is_empty());
            let town = parts.next()?;
            let country = parts.find_map(|part| gazetteer::resolve(part)?.country);
            (Some(town.to_string()), None, country)
        }
    };
    let mut address = json!({"@type": "PostalAddress"});
    for (key, value) in [
        ("addressLocality", locality.as_deref()),
        ("addressRegion", region),
        ("addressCountry", country),
    ] {
        if let Some(value) = value {
            address[key] = value.into();
        }
    }
    Some(address)
}

/// The member states of the European Union, ISO 3166-1 alpha-2.
const EU_COUNTRIES: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_become_postal_addresses_through_the_gazetteer() {
        let address = |text: &str| postal_address(text).unwrap();
        assert_eq!(
            address("Berlin, Germany"),
            json!({"@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": "DE"})
        );
        assert_eq!(
            address("Austin, TX, USA"),
            json!({"@type": "PostalAddress", "addressLocality": "Austin", "addressRegion": "Texas", "addressCountry": "US"})
        );
        assert_eq!(address("London (hybrid)")["addressLocality"], "London");
        assert_eq!(
            address("Canada"),
            json!({"@type": "PostalAddress", "addressCountry": "CA"})
        );
        // A town the gazetteer does not know keeps its name and its country.
        assert_eq!(
            address("Little Wobbling, France"),
            json!({"@type": "PostalAddress", "addressLocality": "Little Wobbling", "addressCountry": "FR"})
        );
        assert_eq!(postal_address("Europe"), None, "an area is no address");
    }

    #[test]
    fn remote_locations_name_where_applicants_may_live() {
        let areas = |text: &str| applicant_areas(&remote_area(text).unwrap());
        for (text, kind, name) in [
            ("Remote US", "Country", "US"),
            ("Remote (UK)", "Country", "GB"),
            ("Canada (remote)", "Country", "CA"),
            ("Remote - California", "AdministrativeArea", "California"),
            ("Remote - EMEA", "AdministrativeArea", "EMEA"),
        ] {
            assert_eq!(
                areas(text),
                [json!({"@type": kind, "name": name})],
                "{text}"
            );
        }
        let eu = areas("Remote (EU)");
        assert_eq!(eu.len(), 27);
        assert!(eu.contains(&json!({"@type": "Country", "name": "DE"})));
        assert!(!eu.contains(&json!({"@type": "Country", "name": "GB"})));
        for nowhere in ["Remote", "Worldwide", "Anywhere", "Remote (EU timezones)"] {
            assert_eq!(areas(nowhere), Vec::<Value>::new(), "{nowhere}");
        }
        assert_eq!(remote_area("Berlin, Germany"), None);
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
