//! Places by name: countries, first-level regions, cities of 100,000 people
//! or more and capitals, and areas such as "EMEA". The table is GeoNames data
//! (CC BY 4.0, <https://www.geonames.org>) selected by `scripts/gazetteer.py`
//! into `data/gazetteer.tsv`, embedded in the binary and indexed once per
//! process, on first use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const TABLE: &str = include_str!("../../data/gazetteer.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Country,
    Region,
    City,
    /// Wider than a country ("Europe", "EMEA"): no country code.
    Area,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// ISO 3166-1 alpha-2; empty for an area.
    pub country: &'static str,
    /// The region's code ("CA", "BC", "ENG"); for a region, its own code.
    pub region: &'static str,
    pub population: u32,
    /// The name is also a common word or first name ("Reading", "Nice",
    /// "Victoria"): in text it needs a qualifier or a strong context.
    pub weak: bool,
    /// The GeoNames name ("Munich" for "München").
    pub name: &'static str,
}

/// What a place string resolves to, as schema.org's `PostalAddress` wants it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub locality: Option<&'static str>,
    /// The region's name ("California").
    pub region: Option<&'static str>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<&'static str>,
}

struct Gazetteer {
    entries: Vec<Entry>,
    /// Folded name -> entries, best first (countries, regions, then cities
    /// by population; a primary name before an alternate one).
    by_name: HashMap<String, Vec<u32>>,
    /// (country, region code) -> the region's entry.
    regions: HashMap<(&'static str, &'static str), u32>,
    /// Country and region codes.
    codes: HashSet<&'static str>,
    /// The first word of every name, folded.
    first_words: HashSet<String>,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut entries = Vec::new();
    let mut named: Vec<(String, bool, u32)> = Vec::new();
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(kind), Some(country), Some(region), Some(population), Some(weak), Some(names)) = (
            cols.next(),
            cols.next(),
            cols.next(),
            cols.next(),
            cols.next(),
            cols.next(),
        ) else {
            continue;
        };
        let kind = match kind {
            "country" => Kind::Country,
            "region" => Kind::Region,
            "city" => Kind::City,
            _ => Kind::Area,
        };
        let index = entries.len() as u32;
        let mut names = names.split('|');
        let Some(name) = names.next() else { continue };
        entries.push(Entry {
            kind,
            country,
            region,
            population: population.parse().unwrap_or(0),
            weak: weak == "1",
            name,
        });
        named.push((fold(name), true, index));
        named.extend(names.map(|alias| (fold(alias), false, index)));
    }
    let rank = |&(_, primary, i): &(String, bool, u32)| {
        let e: &Entry = &entries[i as usize];
        (!primary, e.kind, std::cmp::Reverse(e.population))
    };
    named.sort_by_key(rank);
    let mut by_name: HashMap<String, Vec<u32>> = HashMap::new();
    for (key, _, index) in named {
        let list = by_name.entry(key).or_default();
        if !list.contains(&index) {
            list.push(index);
        }
    }
    let regions = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == Kind::Region)
        .map(|(i, e)| ((e.country, e.region), i as u32))
        .collect();
    let codes = entries
        .iter()
        .filter(|e| matches!(e.kind, Kind::Country | Kind::Region))
        .map(|e| {
            if e.kind == Kind::Country {
                e.country
            } else {
                e.region
            }
        })
        .collect();
    let first_words = by_name
        .keys()
        .filter_map(|k| k.split(' ').next())
        .map(str::to_string)
        .collect();
    Gazetteer {
        entries,
        by_name,
        regions,
        codes,
        first_words,
    }
});

/// The key of a name: transliterated, lowercase, full stops dropped, other
/// punctuation as spaces, "Saint" as "St" ("St. Louis" = "Saint Louis").
pub fn fold(name: &str) -> String {
    // Most names are ASCII already; the table has 30,000 of them.
    let ascii = if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        deunicode::deunicode(name).to_lowercase()
    };
    let spaced: String = ascii
        .chars()
        .filter(|c| !matches!(c, '.' | '\'' | '`'))
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = spaced
        .split_whitespace()
        .map(|w| if w == "saint" { "st" } else { w })
        .collect();
    words.join(" ")
}

/// Whether some place's name starts with this word ("San" for "San Jose").
pub fn opens_a_name(word: &str) -> bool {
    GAZETTEER.first_words.contains(&fold(word))
}

/// Every place of this name, best first.
pub fn lookup(name: &str) -> impl Iterator<Item = &'static Entry> {
    let g = &*GAZETTEER;
    g.by_name
        .get(&fold(name))
        .into_iter()
        .flatten()
        .map(|&i| &g.entries[i as usize])
}

/// Whether `qualifier` ("Germany", "DE", "CA", "California", "Europe")
/// names the country or region `entry` is in.
pub fn contains(qualifier: &str, entry: &Entry) -> bool {
    let code = qualifier.trim();
    let is_code = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase());
    if is_code && (code == entry.country || (code == entry.region && entry.kind != Kind::Region)) {
        return true;
    }
    lookup(qualifier).any(|q| match q.kind {
        Kind::Country => q.country == entry.country && entry.kind != Kind::Country,
        Kind::Region => {
            q.country == entry.country && q.region == entry.region && entry.kind == Kind::City
        }
        Kind::City | Kind::Area => false,
    })
}

/// A region or country code that may follow a town after a comma
/// ("Austin, TX", "Toronto, ON", "Lyon, FR", "Leeds, UK"). "IT" is left
/// out: after a comma it is rarely Italy.
pub fn is_place_code(code: &str) -> bool {
    let upper = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase());
    upper
        && code != "IT"
        && (GAZETTEER.codes.contains(code) || lookup(code).any(|e| e.kind == Kind::Country))
}

/// Resolves a place as written ("Berlin, Germany", "Austin, TX", "Ontario,
/// Canada", "Remote (US)") to its locality, region and country. `None` when
/// no part of it is a known place.
pub fn resolve(text: &str) -> Option<Place> {
    let inside = text
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(inner, _)| inner);
    let outside = text.split('(').next().unwrap_or(text);
    resolve_parts(outside).or_else(|| inside.and_then(resolve_parts))
}

fn resolve_parts(text: &str) -> Option<Place> {
    let parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let (first, qualifiers) = parts.split_first()?;
    let entry = lookup(first)
        .find(|e| qualifiers.iter().all(|q| contains(q, e)))
        .or_else(|| {
            // "Remote US", "Greater Berlin": the last words alone.
            let words: Vec<&str> = first.split_whitespace().collect();
            (1..words.len()).find_map(|skip| lookup(&words[skip..].join(" ")).next())
        })?;
    Some(place_of(entry))
}

/// The place an entry stands for.
pub fn place_of(entry: &'static Entry) -> Place {
    let g = &*GAZETTEER;
    let region = match entry.kind {
        Kind::Region => Some(entry.name),
        Kind::City => g
            .regions
            .get(&(entry.country, entry.region))
            .map(|&i| g.entries[i as usize].name),
        Kind::Country | Kind::Area => None,
    };
    Place {
        locality: (entry.kind == Kind::City).then_some(entry.name),
        region,
        country: (!entry.country.is_empty()).then_some(entry.country),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(
        locality: Option<&'static str>,
        region: Option<&'static str>,
        country: &'static str,
    ) -> Option<Place> {
        Some(Place {
            locality,
            region,
            country: Some(country),
        })
    }

    #[test]
    fn cities_with_their_country_and_region() {
        assert_eq!(
            resolve("Berlin, Germany"),
            place(Some("Berlin"), None, "DE")
        );
        assert_eq!(
            resolve("Austin, TX"),
            place(Some("Austin"), Some("Texas"), "US")
        );
        assert_eq!(
            resolve("Toronto, ON, Canada"),
            place(Some("Toronto"), Some("Ontario"), "CA")
        );
        assert_eq!(
            resolve("München"),
            place(Some("Munich"), Some("Bavaria"), "DE")
        );
        assert_eq!(resolve("Zürich"), resolve("Zurich"));
        // A big city's name in its own language, particle and all.
        assert_eq!(resolve("Ciudad de México"), resolve("Mexico City"));
        assert_eq!(
            resolve("St Louis, MO"),
            place(Some("St. Louis"), Some("Missouri"), "US")
        );
    }

    #[test]
    fn a_qualifier_picks_among_namesakes() {
        // The English one is the bigger, but a US state settles it.
        assert_eq!(resolve("Cambridge").and_then(|p| p.country), Some("GB"));
        assert_eq!(
            resolve("Cambridge, MA"),
            place(Some("Cambridge"), Some("Massachusetts"), "US")
        );
        assert_eq!(
            resolve("Victoria, BC"),
            place(Some("Victoria"), Some("British Columbia"), "CA")
        );
        assert_eq!(
            resolve("London, Ontario").and_then(|p| p.country),
            Some("CA")
        );
    }

    #[test]
    fn countries_regions_and_common_names() {
        assert_eq!(resolve("Deutschland"), place(None, None, "DE"));
        assert_eq!(resolve("U.S."), place(None, None, "US"));
        assert_eq!(resolve("UK"), place(None, None, "GB"));
        assert_eq!(
            resolve("Ontario, Canada"),
            place(None, Some("Ontario"), "CA")
        );
        assert_eq!(resolve("Remote (US)"), place(None, None, "US"));
        assert_eq!(resolve("Remote US"), place(None, None, "US"));
        assert_eq!(
            resolve("Europe"),
            Some(Place {
                locality: None,
                region: None,
                country: None
            })
        );
    }

    #[test]
    fn unknown_places_and_junk() {
        for text in ["", ",", "Acme Robotics", "(", "()", "Senior Engineer"] {
            assert_eq!(resolve(text), None, "{text}");
        }
    }

    #[test]
    fn weak_names_are_marked() {
        assert!(lookup("Reading").all(|e| e.weak));
        assert!(lookup("Nice").all(|e| e.weak));
        assert!(lookup("Berlin").all(|e| !e.weak));
    }

    #[test]
    fn codes_after_a_comma() {
        for code in ["TX", "ON", "NSW", "UK", "DE", "US"] {
            assert!(is_place_code(code), "{code}");
        }
        for code in ["IT", "Inc", "LLC", "X", "ABCD"] {
            assert!(!is_place_code(code), "{code}");
        }
    }
}
