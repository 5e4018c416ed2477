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
    let posted = p.date.map_or_else(|| now.to_string(), |d| d.to_string());
    ld.insert("datePosted".into(), posted.into());
    if let Some(expires) = p.expires {
        ld.insert("validThrough".into(), expires.to_string().into());
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
        let place = without_remote_words(text);
        if place.is_empty() {
            continue;
        }
        // A remote job's country or region is where applicants may live; a
        // town is a place of work even then ("Boston, MA & remote").
        if fully_remote && !names_a_town(&place) {
            push_new(&mut applicants, applicant_areas(&place));
        } else {
            push_new(&mut addresses, postal_address(&place));
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

/// A location without the words that say the job is remote: "Remote (US
/// only)" -> "US only", "Boston, MA & REMOTE" -> "Boston, MA", "Kansas City
/// but remote" -> "Kansas City", "Fully remote", "Worldwide" -> "".
fn without_remote_words(text: &str) -> String {
    const MARKERS: &[&str] = &["remote", "remotely", "anywhere", "worldwide"];
    /// Words that only say more about the remote marker beside them.
    const BESIDE: &[&str] = &[
        "fully", "100%", "okay", "ok", "friendly", "first", "but", "or", "and", "&", "-", "/", "|",
        "+",
    ];
    let core = |word: &str| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '&');
        word.to_lowercase()
    };
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let is_marker = |word: &str| {
        let word = core(word);
        MARKERS.contains(&word.as_str()) || word.starts_with("remote-")
    };
    let Some(at) = words.iter().position(|w| is_marker(w)) else {
        return text.trim().to_string();
    };
    // "Remote-first" goes whole; "Remote-US" keeps "US".
    let marker = words[at];
    let rest = marker.split_once('-').map(|(_, rest)| rest).unwrap_or("");
    let (mut start, mut end) = (at, at + 1);
    while start > 0 && BESIDE.contains(&core(words[start - 1]).as_str()) {
        start -= 1;
    }
    while end < words.len() && BESIDE.contains(&core(words[end]).as_str()) {
        end += 1;
    }
    let kept_rest = (!rest.is_empty() && !BESIDE.contains(&core(rest).as_str())).then_some(rest);
    words.splice(start..end, kept_rest);
    let place = words.join(" ");
    let place = place.replace("()", "");
    place
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// Whether a location names a town ("Boston, MA", "Berlin, Cologne"),
/// not only countries, regions or areas ("Germany", "US or Canada").
fn names_a_town(place: &str) -> bool {
    let town = |part: &str| gazetteer::resolve(part).is_some_and(|p| p.locality.is_some());
    town(place) || place.split(',').any(town)
}

/// Where applicants to a remote job may live, as schema.org places, for
/// each place named ("us", "us or canada", "us/ca"): a country, the
/// European Union's countries, or a named region or area. Nothing for what
/// the gazetteer does not know ("eu timezones").
fn applicant_areas(area: &str) -> Vec<Value> {
    let mut areas = Vec::new();
    let parts = area
        .split([',', '/', '&', ';', '|'])
        .flat_map(|part| part.split(" or "))
        .flat_map(|part| part.split(" and "));
    for part in parts {
        push_new(&mut areas, applicant_area(part.trim()));
    }
    areas
}

fn applicant_area(name: &str) -> Vec<Value> {
    let country = |code: &str| json!({"@type": "Country", "name": code});
    let administrative = |name: &str| json!({"@type": "AdministrativeArea", "name": name});
    // "within the eu", "us only", "us-based": the place alone.
    const FILLER: &[&str] = &["in", "within", "from", "the", "only", "based"];
    let lower = name.to_lowercase();
    let words = lower.split_whitespace();
    let words = words.map(|w| w.strip_suffix("-based").unwrap_or(w));
    let kept: Vec<&str> = words.filter(|w| !FILLER.contains(w)).collect();
    let name = &kept.join(" ");
    if matches!(name.replace('.', "").as_str(), "eu" | "european union") {
        return EU_COUNTRIES.iter().map(|code| country(code)).collect();
    }
    let Some(place) = gazetteer::resolve(name) else {
        return Vec::new();
    };
    match (place.region, place.country) {
        (Some(region), _) if place.locality.is_none() => vec![administrative(region)],
        (_, Some(code)) => vec![country(code)],
        // An area: the gazetteer's name for it ("EMEA", "North America"),
        // found as `resolve` found it, by the last words.
        _ => {
            let area = (0..kept.len()).find_map(|skip| {
                let words = kept[skip..].join(" ");
                gazetteer::lookup(&words).find(|e| e.kind == Kind::Area)
            });
            area.map(|e| administrative(e.name)).into_iter().collect()
        }
    }
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
            let first = parts.next()?;
            let later_country = parts.find_map(|part| gazetteer::resolve(part)?.country);
            match gazetteer::resolve(first) {
                // "Berlin, Cologne": the first place, as written alone.
                Some(place) => (
                    place.locality.map(str::to_string),
                    place.region,
                    place.country.or(later_country),
                ),
                None => (Some(first.to_string()), None, later_country),
            }
        }
    };
    if (&locality, region, country) == (&None, None, None) {
        return None;
    }
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
        let areas = |text: &str| applicant_areas(&without_remote_words(text));
        for (text, kind, name) in [
            ("Remote US", "Country", "US"),
            ("Remote (UK)", "Country", "GB"),
            ("Canada (remote)", "Country", "CA"),
            ("Remote - California", "AdministrativeArea", "California"),
            ("Remote - EMEA", "AdministrativeArea", "EMEA"),
            ("Anywhere in Europe", "AdministrativeArea", "Europe"),
            ("US only (remote)", "Country", "US"),
            ("Remote, Canada-based", "Country", "CA"),
        ] {
            assert_eq!(
                areas(text),
                [json!({"@type": kind, "name": name})],
                "{text}"
            );
        }
        assert_eq!(
            areas("Remote (US or Canada)"),
            [
                json!({"@type": "Country", "name": "US"}),
                json!({"@type": "Country", "name": "CA"})
            ]
        );
        assert_eq!(areas("Remote: US/Canada"), areas("Remote (US or Canada)"));
        assert_eq!(areas("Remote within the EU").len(), 27);
        let eu = areas("Remote (EU)");
        assert_eq!(eu.len(), 27);
        assert!(eu.contains(&json!({"@type": "Country", "name": "DE"})));
        assert!(!eu.contains(&json!({"@type": "Country", "name": "GB"})));
        for nowhere in ["Remote", "Worldwide", "Anywhere", "Remote (EU timezones)"] {
            assert_eq!(areas(nowhere), Vec::<Value>::new(), "{nowhere}");
        }
    }

    #[test]
    fn remote_words_leave_the_place() {
        for (text, place) in [
            ("Remote (US only)", "US only"),
            ("Boston, MA & REMOTE", "Boston, MA"),
            ("Kansas City but remote", "Kansas City"),
            ("Remote-first", ""),
            ("Remote-US", "US"),
            ("Fully remote", ""),
            ("Poland, Remote", "Poland"),
            ("Berlin, Germany", "Berlin, Germany"),
        ] {
            assert_eq!(without_remote_words(text), place, "{text}");
        }
        assert!(names_a_town("Boston, MA") && names_a_town("Berlin, Cologne"));
        assert!(!names_a_town("Poland, Portugal") && !names_a_town("US or Canada"));
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
