//! Places and remote/hybrid/onsite from location strings and free text.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::Remote;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// Places as written, cleaned of badges and emoji; `Remote US` stays a place.
    pub places: Vec<String>,
    pub remote: Option<Remote>,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

/// "no remote", "not remote", "non-remote", "Remote: no", "remote work is not possible".
static NOT_REMOTE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:no|not|non)[\s-]+(?:fully[\s-]+)?remote\b|\bremote(?:\s+work)?\s*[:=]\s*(?:no|false|none)\b|\bremote(?:\s+work)?\s+(?:is\s+)?not\s+(?:possible|available|allowed|an\s+option)\b",
    )
});
/// "Remote: yes": an answer, not a place.
static REMOTE_YES: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\bremote(?:\s+work)?\s*[:=]\s*(?:yes|true|ok)\b"));
static HYBRID: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\bhybrid\b|\b(?:partly|partially|partial)[\s-]+remote\b"));
static ONSITE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\bon[\s-]?site\b|\bon[\s-]premises?\b|\bin[\s-]office\b|\boffice[\s-]based\b|\bin[\s-]person\b",
    )
});
/// Remote statements; a part holding one is kept whole as its place ("Remote (EU)").
static REMOTE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\bremote\b|\banywhere\b|\bworldwide\b|\bwfh\b|\bwork\s+from\s+home\b|\btelecommute\b",
    )
});
/// Words left over once a hybrid/onsite statement is taken out ("Onsite only").
static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:remote|only|required|preferred|possible|mandatory|optional|ok|work|working|role|position|job)\b",
    )
});
static LEADING_PREPOSITION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^(?:based\s+)?(?:in|at|from|near)\s+"));
/// "(3 days a week)" and emptied parentheses.
static PARENTHETICAL_NOTE: LazyLock<Regex> = LazyLock::new(|| regex(r"\([^()]*\d[^()]*\)|\(\s*\)"));
static LABEL: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)^(?:job\s+)?locations?\s*:\s*"));
/// Links would be split at their slashes.
static URL: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\S*://\S*|\bwww\.\S+"));
static URL_OR_MONEY: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)://|\bwww\.|@|[$€£¥]|\.(?:com|org|net|io|dev)\b"));

/// Parses a string meant to be a location (metadata value, badge, HN field).
///
/// The string is split into places at `/`, `;`, `|` and ` or ` (not at commas:
/// "Berlin, Germany" is one place, nor inside parentheses). A part saying
/// remote is kept whole ("Remote US"); hybrid and onsite words are taken out
/// ("Hybrid - Boston" -> "Boston"). When parts disagree the most flexible
/// arrangement wins: "San Francisco, CA or Remote" is remote, since the job
/// may be done remotely.
pub fn parse(text: &str) -> Location {
    let cleaned = clean(text);
    let mut location = Location::default();
    for part in split_list(&cleaned) {
        let (place, remote) = read_part(part);
        if let Some(place) = place {
            if !location
                .places
                .iter()
                .any(|p| p.eq_ignore_ascii_case(&place))
            {
                location.places.push(place);
            }
        }
        location.remote = most_flexible(location.remote, remote);
    }
    location
}

/// "Berlin or Remote": a job that may be done remotely is remote (`Remote`
/// orders from the most flexible; on a tie, `a`).
pub(super) fn most_flexible(a: Option<Remote>, b: Option<Remote>) -> Option<Remote> {
    a.into_iter().chain(b).min()
}

/// One list item: its place, if any, and what it says about remote work.
fn read_part(part: &str) -> (Option<String>, Option<Remote>) {
    let statements: [(&Regex, Remote); 4] = [
        (&NOT_REMOTE, Remote::Onsite),
        (&REMOTE_YES, Remote::Remote),
        (&HYBRID, Remote::Hybrid),
        (&ONSITE, Remote::Onsite),
    ];
    for (pattern, remote) in statements {
        if let Some(m) = pattern.find(part) {
            return (residue(part, m.start(), m.end()), Some(remote));
        }
    }
    let place = as_place(part).map(str::to_string);
    if REMOTE.is_match(part) {
        (place, Some(Remote::Remote))
    } else {
        (place, None)
    }
}

/// The place left once the statement at `start..end` is taken out: with the
/// parentheses around it when it is inside some ("Berlin (onsite)").
fn residue(part: &str, start: usize, end: usize) -> Option<String> {
    let open = part[..start]
        .rfind('(')
        .filter(|&o| !part[o..start].contains(')'));
    let close = part[end..].find(')').map(|c| end + c + 1);
    let (start, end) = match (open, close) {
        (Some(o), Some(c)) => (o, c),
        _ => (start, end),
    };
    let rest = format!("{} {}", &part[..start], &part[end..]);
    let rest = PARENTHETICAL_NOTE.replace_all(&rest, " ");
    let rest = FILLER.replace_all(&rest, " ");
    let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let rest = trim_separators(&rest);
    let rest = rest
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(rest);
    let rest = trim_separators(rest);
    let rest = LEADING_PREPOSITION.replace(rest, "");
    if rest.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    as_place(&rest).map(str::to_string)
}

/// A cleaned part as a place: some letters, not a link or an amount.
fn as_place(part: &str) -> Option<&str> {
    let part = trim_separators(part);
    let letters = part.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 2 && !URL_OR_MONEY.is_match(part)).then_some(part)
}

fn trim_separators(text: &str) -> &str {
    let text = text.trim_matches(|c: char| c.is_whitespace() || "-–—:,;|".contains(c));
    // A sentence's full stop, but not an abbreviation's ("Washington, D.C.").
    match text.strip_suffix('.') {
        Some(rest) if !rest.rsplit([' ', ',']).next().unwrap_or("").contains('.') => {
            rest.trim_end()
        }
        _ => text,
    }
}

/// Badges and emoji out: backticks, emphasis, pictographs, flags, variation
/// selectors; list bullets become separators. Letters of any script stay.
fn clean(text: &str) -> String {
    let mut cleaned = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '`' | '*' => {}
            '•' | '·' => cleaned.push(';'),
            '–' | '—' | '’' | '‘' => cleaned.push(c),
            c if c.is_whitespace() || c.is_control() => cleaned.push(' '),
            c if c.is_ascii() || c.is_alphanumeric() => cleaned.push(c),
            _ => {}
        }
    }
    let cleaned = URL.replace_all(&cleaned, " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    LABEL.replace(&cleaned, "").into_owned()
}

/// Splits at `/`, `;`, `|` and ` or ` outside parentheses and brackets.
fn split_list(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'/' | b';' | b'|' if depth == 0 => {
                parts.push(&text[from..i]);
                from = i + 1;
            }
            b' ' if depth == 0
                && bytes
                    .get(i + 1..i + 4)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"or ")) =>
            {
                parts.push(&text[from..i]);
                from = i + 4;
                i += 3;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&text[from.min(text.len())..]);
    parts
        .into_iter()
        .map(trim_separators)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether a short string reads as a place or a remote statement (used to
/// classify the fields of a Hacker News line, and to tell a company heading
/// from a place).
///
/// Conservative, since a false positive turns a company into a place: true
/// for remote/hybrid/onsite statements, well-known cities, countries and
/// regions, and "Town, XX" where XX is a known state, province, country (or
/// its code) or city; false for anything naming a role, a link or an amount.
pub fn looks_like_place(text: &str) -> bool {
    let cleaned = clean(text);
    if cleaned.is_empty()
        || cleaned.len() > 80
        || URL_OR_MONEY.is_match(&cleaned)
        || super::company::names_a_role(&cleaned)
    {
        return false;
    }
    if NOT_REMOTE.is_match(&cleaned)
        || HYBRID.is_match(&cleaned)
        || ONSITE.is_match(&cleaned)
        || REMOTE.is_match(&cleaned)
    {
        return cleaned.split_whitespace().count() <= 8;
    }
    if cleaned.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let parts = split_list(&cleaned);
    !parts.is_empty() && parts.iter().all(|p| is_place_item(p))
}

/// "Berlin", "Berlin (Germany)", "San Francisco, CA", "NYC, SF".
fn is_place_item(item: &str) -> bool {
    let head = match item.find('(') {
        Some(i) if item.trim_end().ends_with(')') => item[..i].trim(),
        _ => item,
    };
    if head.is_empty() {
        return false;
    }
    if is_known_place(head) {
        return true;
    }
    let items: Vec<&str> = head.split(',').map(str::trim).collect();
    let [names @ .., last] = items.as_slice() else {
        return false;
    };
    if names.is_empty() {
        return false;
    }
    let last_known = TAIL_CODES.contains(last) || is_known_place(last);
    last_known && names.iter().all(|n| is_known_place(n) || is_proper_name(n))
}

/// Capitalized words with an occasional particle ("Rio de Janeiro", "St. Louis").
fn is_proper_name(text: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "del", "la", "le", "am", "an", "upon", "sur", "da", "do", "dos", "of",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| {
            w.chars().all(|c| c.is_alphabetic() || ".-'’".contains(c))
                && (w.starts_with(char::is_uppercase) || PARTICLES.contains(w))
        })
}

fn is_known_place(name: &str) -> bool {
    let key = deunicode::deunicode(name).to_lowercase();
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    PLACES.contains(key.as_str())
}

/// Well-known tech hubs, countries, regions, US states and Canadian
/// provinces, in ASCII (input is transliterated before the lookup). Names that
/// are also common company or personal names (Phoenix, Columbus, Madison,
/// Victoria, Jordan, ...) are left out on purpose.
const PLACE_NAMES: &str = "\
Amsterdam|Atlanta|Austin|Auckland|Baltimore|Bangalore|Bengaluru|Bangkok|Barcelona|Beijing|Belfast|\
Belgrade|Berlin|Bern|Bogota|Bordeaux|Boston|Boulder|Bratislava|Brisbane|Bristol|Brno|Brooklyn|\
Brussels|Bucharest|Budapest|Buenos Aires|Cairo|Calgary|Cambridge|Cape Town|Chennai|Chicago|\
Copenhagen|Cologne|Dallas|Delhi|New Delhi|Denver|Detroit|Dubai|Dublin|Edinburgh|Eindhoven|\
Frankfurt|Geneva|Gothenburg|Guadalajara|Hamburg|Helsinki|Ho Chi Minh City|Hong Kong|Houston|\
Hyderabad|Istanbul|Jakarta|Johannesburg|Kiev|Kyiv|Krakow|Kuala Lumpur|Lagos|Las Vegas|Lausanne|\
Leeds|Lille|Lisbon|Ljubljana|London|Los Angeles|Lyon|Madrid|Malmo|Manchester|Manila|Melbourne|\
Mexico City|Miami|Milan|Minneapolis|Montevideo|Montreal|Moscow|Mountain View|Mumbai|Munich|\
Nairobi|Nantes|New York|New York City|NYC|Oakland|Oslo|Ottawa|Palo Alto|Paris|Philadelphia|\
Pittsburgh|Portland|Porto|Prague|Pune|Raleigh|Redmond|Reykjavik|Riga|Rio de Janeiro|Rome|\
Rotterdam|San Diego|San Francisco|SF|San Jose|Santiago|Sao Paulo|Seattle|Seoul|Shanghai|Shenzhen|\
Singapore|Stockholm|Stuttgart|Sunnyvale|Sydney|Taipei|Tallinn|Tel Aviv|Tokyo|Toronto|Toulouse|\
Utrecht|Vancouver|Vienna|Vilnius|Warsaw|Washington DC|Washington D.C.|Waterloo|Wellington|\
Wroclaw|Zagreb|Zurich|Bay Area|SF Bay Area|San Francisco Bay Area|Silicon Valley|Menlo Park|\
Cupertino|Santa Monica|Salt Lake City|Nashville|Tampa|St. Louis|Kansas City|Cincinnati|Cleveland|\
Ann Arbor|Durham|Berkeley|Irvine|Sacramento|Kitchener|Edmonton|Quebec City|Halifax|Oxford|\
Glasgow|Cardiff|Marseille|Grenoble|Rennes|Montpellier|Strasbourg|Dusseldorf|Leipzig|Dresden|\
Karlsruhe|Antwerp|Ghent|Basel|Lugano|Valencia|Seville|Malaga|Bilbao|Turin|Bologna|Athens|\
Thessaloniki|Tbilisi|Yerevan|Minsk|Kharkiv|Lviv|Odesa|Gdansk|Poznan|Cluj-Napoca|Novi Sad|Sarajevo|\
Skopje|Tirana|Limassol|Nicosia|Valletta|Tartu|Abu Dhabi|Doha|Riyadh|Haifa|Jerusalem|Karachi|\
Lahore|Dhaka|Colombo|Kathmandu|Noida|Gurgaon|Gurugram|Kolkata|Ahmedabad|Kochi|Osaka|Kyoto|Busan|\
Hanoi|Da Nang|Cebu|Perth|Adelaide|Canberra|Christchurch|Lima|Quito|Medellin|Cordoba|Curitiba|\
Porto Alegre|Belo Horizonte|Florianopolis|Recife|Monterrey|Panama City|Accra|Kigali|Casablanca|\
Tunis|Addis Ababa|Kampala|Dar es Salaam|\
Argentina|Armenia|Australia|Austria|Bangladesh|Belgium|Bolivia|Brazil|Bulgaria|Canada|Chile|\
China|Colombia|Costa Rica|Croatia|Cyprus|Czechia|Czech Republic|Denmark|Ecuador|Egypt|Estonia|\
Finland|France|Germany|Ghana|Greece|Hungary|Iceland|India|Indonesia|Ireland|Israel|Italy|Japan|\
Kenya|Latvia|Lithuania|Luxembourg|Malaysia|Malta|Mexico|Morocco|Netherlands|The Netherlands|\
New Zealand|Nigeria|Norway|Pakistan|Peru|Philippines|Poland|Portugal|Romania|Rwanda|Serbia|\
Slovakia|Slovenia|South Africa|South Korea|Korea|Spain|Sri Lanka|Sweden|Switzerland|Taiwan|\
Thailand|Tunisia|Turkey|Ukraine|United Arab Emirates|UAE|United Kingdom|UK|U.K.|United States|\
United States of America|US|USA|U.S.|U.S.A.|Uruguay|Vietnam|England|Scotland|Wales|\
Northern Ireland|Europe|EU|European Union|EMEA|APAC|LATAM|Latin America|North America|\
South America|Central America|Asia|Africa|Oceania|Americas|Nordics|Scandinavia|Benelux|DACH|\
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|\
Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|\
Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|\
North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|\
South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|\
Ontario|Quebec|British Columbia|Alberta|Manitoba|Nova Scotia|Saskatchewan|New Brunswick|Bavaria";

static PLACES: LazyLock<HashSet<String>> =
    LazyLock::new(|| PLACE_NAMES.split('|').map(str::to_lowercase).collect());

/// Upper-case codes after a comma: US states, Canadian provinces, Australian
/// states and common country codes ("IT" is left out: it is rarely Italy).
static TAIL_CODES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ \
     NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY ON QC BC AB MB NS NB NL PE SK \
     NSW VIC QLD US USA UK GB FR NL ES PT CH AT BE SE NO DK FI PL CZ IE AU NZ JP SG BR MX AR IL AE"
        .split_whitespace()
        .collect()
});

/// Remote/hybrid/onsite stated in free text (`#LI-REMOTE`, "fully remote",
/// "remote-first", "this role is hybrid", "on-site in Berlin").
///
/// Conservative, since it reads whole bodies: only phrases that state the
/// arrangement of this job count ("A great remote culture" or "coworking
/// space if you are remote" say nothing). The first statement in the text wins.
pub fn remote_in_text(text: &str) -> Option<Remote> {
    let caps = STATED.captures(text)?;
    if caps.name("onsite").is_some() {
        Some(Remote::Onsite)
    } else if caps.name("hybrid").is_some() {
        Some(Remote::Hybrid)
    } else {
        Some(Remote::Remote)
    }
}

/// Negations come before the remote phrases they contain, so the leftmost
/// match of "not a remote position" is the negation.
static STATED: LazyLock<Regex> = LazyLock::new(|| {
    const ROLE_WORDS: &str = r"(?:senior|sr\.?|junior|jr\.?|staff|lead|principal|mid[\s-]level|full[\s-]?stack|back[\s-]?end|front[\s-]?end|software|web|mobile|data|devops|systems|python|ruby|go|golang|rust|java|javascript|typescript|react|node(?:\.js)?|php|ios|android|ml|cloud|platform|infrastructure|qa|product|ux|ui|security|sre)";
    let onsite = [
        r"#li-onsite\b",
        r"#li-office\b",
        r"\b(?:not|no|non)[\s-]+(?:a[\s-]+)?(?:fully[\s-]+)?remote\b",
        r"\bremote(?:\s+work(?:ing)?)?\s+(?:is\s+)?not\s+(?:possible|available|allowed|offered|an\s+option)\b",
        r"\bremote\s*:\s*(?:no|false)\b",
        r"\b(?:on[\s-]?site|in[\s-]office|in[\s-]person|office[\s-]based)[\s-]+only\b",
        r"\b(?:100\s*%|fully|full[\s-]time)[\s-]+(?:on[\s-]?site|in[\s-]office|office[\s-]based)\b",
        r"\b(?:this|the)\s+(?:role|position|job)\s+is\s+(?:an?\s+)?(?:fully\s+)?(?:on[\s-]?site|in[\s-]office|office[\s-]based|in[\s-]person)\b",
        r"\b(?:on[\s-]?site|in[\s-]office|office[\s-]based|in[\s-]person)[\s-]+(?:role|position|job)\b",
        // Not "our annual on-site in Lisbon": someone works there.
        r"\b(?:work(?:ing)?|based|located|is|be)\s+(?:fully\s+)?(?:on[\s-]?site|in[\s-]office)\s+(?:in|at)\s+(?-i:[A-Z])",
        r"^[ \t]*(?:on[\s-]?site|in[\s-]office)(?:\s+(?:in|at)\b|[ \t]*[-–—:,]|[ \t\r]*$)",
        r"[(\[]\s*(?:on[\s-]?site|in[\s-]office)\s*[)\]]",
    ];
    let hybrid = [
        r"#li-hybrid\b",
        r"\bhybrid[\s-]+(?:role|position|job|work(?:ing)?|model|schedule|setup|arrangement|opportunity|environment|policy|remote|office)\b",
        r"\b(?:this|the)\s+(?:role|position|job)\s+is\s+(?:a\s+)?hybrid\b",
        r"[(\[]\s*hybrid\b[^)\]\n]{0,40}[)\]]",
        r"\b(?:work(?:ing)?|based|is|be)\s+hybrid\s+(?:in|at)\b",
        r"^[ \t]*hybrid(?:\s+(?:in|at)\b|[ \t]*[-–—:,]|[ \t\r]*$)",
        r"\b(?:partly|partially)\s+remote\b",
        r"\b(?:[1-4]|one|two|three|four)\s+days?\s+(?:a|per|each)\s+week\s+(?:in|at)\s+(?:the|our)\s+office\b",
    ];
    let remote = [
        r"#li-remote\b",
        r"(?:\b(?:fully|entirely|completely|all|full[\s-]time)|\b100\s*%)[\s-]+remote\b",
        r"\bremote[\s-](?:first|only|friendly|ok)\b",
        &format!(
            r"\bremote[\s-]+(?:{ROLE_WORDS}\s+){{0,3}}(?:engineer|developer|programmer|designer|position|role|job|opportunity|contract)s?\b"
        ),
        r"\b(?:this|the)\s+(?:role|position|job)\s+is\s+(?:a\s+)?(?:fully\s+|100\s*%\s+)?remote\b",
        r"\b(?:we\s+are|we're)\s+(?:a\s+)?(?:fully\s+)?remote\b",
        r"\bwork(?:ing)?\s+(?:remotely\s+)?from\s+anywhere\b",
        r"\bcan\s+be\s+(?:done|performed|worked|based)\s+(?:fully\s+|100\s*%\s+)?remotely\b",
        r"\blocations?\s*:\s*(?:fully\s+)?remote\b",
        r"\bremote\s*:\s*(?:yes|true)\b",
        r"[(\[]\s*remote\b[^)\]\n]{0,40}[)\]]",
        r"^[ \t]*remote[ \t]*(?:\([^)\n]{0,40}\))?[ \t\r]*$",
    ];
    let pattern = format!(
        "(?im)(?P<onsite>{})|(?P<hybrid>{})|(?P<remote>{})",
        onsite.join("|"),
        hybrid.join("|"),
        remote.join("|")
    );
    // This reads whole bodies.
    super::ascii_regex(&pattern)
});

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str) -> Vec<String> {
        parse(text).places
    }

    fn remote(text: &str) -> Option<Remote> {
        parse(text).remote
    }

    #[test]
    fn remote_us() {
        assert_eq!(
            parse("Remote US"),
            Location {
                places: vec!["Remote US".into()],
                remote: Some(Remote::Remote)
            }
        );
    }

    #[test]
    fn emoji_and_badges_are_removed() {
        assert_eq!(places("🌎 Remote US"), ["Remote US"]);
        assert_eq!(places("`📍 Berlin, Germany`"), ["Berlin, Germany"]);
        assert_eq!(places("🏢 **Paris**"), ["Paris"]);
        assert_eq!(places("🇺🇸 New York, NY"), ["New York, NY"]);
        assert_eq!(remote("🌍 Remote (worldwide)"), Some(Remote::Remote));
    }

    #[test]
    fn remote_in_capitals_is_kept_as_written() {
        assert_eq!(
            parse("REMOTE (EU)"),
            Location {
                places: vec!["REMOTE (EU)".into()],
                remote: Some(Remote::Remote)
            }
        );
    }

    #[test]
    fn a_place_or_remote_is_remote() {
        assert_eq!(
            parse("San Francisco, CA or Remote"),
            Location {
                places: vec!["San Francisco, CA".into(), "Remote".into()],
                remote: Some(Remote::Remote)
            }
        );
    }

    #[test]
    fn hybrid_with_a_place() {
        assert_eq!(
            parse("Hybrid - Boston"),
            Location {
                places: vec!["Boston".into()],
                remote: Some(Remote::Hybrid)
            }
        );
        assert_eq!(
            parse("Hybrid - Boston, MA"),
            Location {
                places: vec!["Boston, MA".into()],
                remote: Some(Remote::Hybrid)
            }
        );
        assert_eq!(
            parse("Boston (hybrid)"),
            Location {
                places: vec!["Boston".into()],
                remote: Some(Remote::Hybrid)
            }
        );
        assert_eq!(places("Hybrid (3 days/week) - Boston"), ["Boston"]);
    }

    #[test]
    fn onsite_statements() {
        assert_eq!(
            parse("ONSITE"),
            Location {
                places: vec![],
                remote: Some(Remote::Onsite)
            }
        );
        assert_eq!(
            parse("On-site"),
            Location {
                places: vec![],
                remote: Some(Remote::Onsite)
            }
        );
        assert_eq!(
            parse("In office"),
            Location {
                places: vec![],
                remote: Some(Remote::Onsite)
            }
        );
        assert_eq!(
            parse("Onsite only"),
            Location {
                places: vec![],
                remote: Some(Remote::Onsite)
            }
        );
        assert_eq!(
            parse("On-site in Berlin"),
            Location {
                places: vec!["Berlin".into()],
                remote: Some(Remote::Onsite)
            }
        );
    }

    #[test]
    fn a_place_alone_says_nothing_about_remote() {
        assert_eq!(
            parse("Berlin, Germany"),
            Location {
                places: vec!["Berlin, Germany".into()],
                remote: None
            }
        );
        assert_eq!(places("Washington, D.C."), ["Washington, D.C."]);
        assert_eq!(places("Zürich"), ["Zürich"]);
    }

    #[test]
    fn negated_remote_is_onsite() {
        for text in [
            "no remote",
            "Remote: no",
            "not remote",
            "Non-remote",
            "Remote work is not possible",
        ] {
            assert_eq!(
                parse(text),
                Location {
                    places: vec![],
                    remote: Some(Remote::Onsite)
                },
                "{text}"
            );
        }
        assert_eq!(
            parse("Berlin (no remote)"),
            Location {
                places: vec!["Berlin".into()],
                remote: Some(Remote::Onsite)
            }
        );
    }

    #[test]
    fn lists_split_on_slash_semicolon_and_or() {
        assert_eq!(
            parse("Berlin / Paris; London or Remote"),
            Location {
                places: vec![
                    "Berlin".into(),
                    "Paris".into(),
                    "London".into(),
                    "Remote".into()
                ],
                remote: Some(Remote::Remote)
            }
        );
        assert_eq!(places("Remote (US/Canada)"), ["Remote (US/Canada)"]);
        assert_eq!(places("Remote (US or Canada)"), ["Remote (US or Canada)"]);
        assert_eq!(places("Oregon"), ["Oregon"]);
    }

    #[test]
    fn remote_variants() {
        for text in [
            "Remote (worldwide)",
            "Remote (EU timezones)",
            "Anywhere",
            "Fully remote",
            "WFH",
        ] {
            assert_eq!(
                parse(text),
                Location {
                    places: vec![text.into()],
                    remote: Some(Remote::Remote)
                },
                "{text}"
            );
        }
        assert_eq!(
            parse("Remote: yes"),
            Location {
                places: vec![],
                remote: Some(Remote::Remote)
            }
        );
        assert_eq!(remote("Remote or hybrid"), Some(Remote::Remote));
        assert_eq!(remote("Hybrid / On-site"), Some(Remote::Hybrid));
    }

    #[test]
    fn empty_and_junk() {
        assert_eq!(parse(""), Location::default());
        assert_eq!(parse("  🌎 ` `  "), Location::default());
        assert_eq!(parse("Location: Berlin").places, ["Berlin"]);
        assert_eq!(parse("N/A"), Location::default());
        assert!(parse("https://example.com/jobs").places.is_empty());
        for text in [
            "((((",
            "))) or (((",
            "/ / or or",
            " or ",
            "é/",
            "Hybrid (",
            "(on-site",
            ")) hybrid ((",
            "a\u{0}b",
        ] {
            let _ = parse(text);
            let _ = looks_like_place(text);
            let _ = remote_in_text(text);
        }
    }

    #[test]
    fn places_are_recognized() {
        for text in [
            "Berlin",
            "San Francisco, CA",
            "London, UK",
            "Remote",
            "REMOTE (US)",
            "NYC",
            "Paris, France",
            "Hybrid - Boston",
            "Dijon, France",
            "Austin, TX",
            "Toronto, Canada",
            "NYC / SF",
            "São Paulo",
            "Berlin (Germany)",
            "St. Louis, MO",
            "ONSITE",
            "🌎 Remote US",
        ] {
            assert!(looks_like_place(text), "{text}");
        }
    }

    #[test]
    fn companies_roles_salaries_and_links_are_not_places() {
        for text in [
            "Acme Robotics",
            "Mozilla",
            "Olark",
            "Blue Labs",
            "Senior Backend Engineer",
            "Senior Backend Engineer (Remote)",
            "$120k-150k",
            "https://acme.example/jobs",
            "www.acme.com",
            "jobs@acme.example",
            "Acme, Inc.",
            "Harbor Labs, LLC",
            "Full-time",
            "",
        ] {
            assert!(!looks_like_place(text), "{text}");
        }
    }

    #[test]
    fn remote_stated_in_text() {
        for text in [
            "#LI-REMOTE",
            "We are a fully remote company.",
            "We're remote-first.",
            "This is a 100% remote position.",
            "This is a remote position.",
            "You can work from anywhere.",
            "Senior Engineer (Remote)",
            "Remote Senior Backend Engineer",
            "Location: Remote",
            "The role is remote.",
        ] {
            assert_eq!(remote_in_text(text), Some(Remote::Remote), "{text}");
        }
    }

    #[test]
    fn hybrid_and_onsite_stated_in_text() {
        for text in [
            "#LI-Hybrid",
            "This is a hybrid role.",
            "This role is hybrid.",
            "Engineer (Hybrid, Boston)",
            "three days a week in the office",
        ] {
            assert_eq!(remote_in_text(text), Some(Remote::Hybrid), "{text}");
        }
        for text in [
            "#LI-ONSITE",
            "On-site only.",
            "This is not a remote position.",
            "Sorry, no remote.",
            "This role is on-site in Berlin.",
            "On-site in Berlin",
            "Backend Engineer (Onsite)",
        ] {
            assert_eq!(remote_in_text(text), Some(Remote::Onsite), "{text}");
        }
    }

    #[test]
    fn weak_phrases_say_nothing() {
        for text in [
            "A great remote culture: much of our collaboration takes place via Hipchat.",
            "We offer a coworking space if you are remote.",
            "Collaborate with teams locally and remotely.",
            "We run a hybrid cloud.",
            "Join our annual on-site in Lisbon.",
            "We have an on-site gym.",
            "Experience with remote sensing engineering.",
            "We are 35 people distributed around the globe.",
            "",
        ] {
            assert_eq!(remote_in_text(text), None, "{text}");
        }
    }
}
