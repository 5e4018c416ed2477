//! Places and remote/hybrid/onsite from location strings and free text.

use std::sync::LazyLock;

use regex::Regex;

use crate::{gazetteer, Remote};

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
static HYBRID: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\bhybrid\b|\bh[íi]brid[oa]\b|\bhybride\b|\b(?:partly|partially|partial)[\s-]+remote\b",
    )
});
static ONSITE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\bon[\s-]?site\b|\bon[\s-]premises?\b|\bin[\s-]office\b|\boffice[\s-]based\b|\bin[\s-]person\b|\bpresencial\b|\bsur\s+site\b|\bvor\s+ort\b",
    )
});
/// Remote statements; a part holding one is kept whole as its place ("Remote (EU)").
static REMOTE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\bremote\b|\bremot[oa]\b|\banywhere\b|\bworldwide\b|\bwfh\b|\bwork\s+from\s+home\b|\btelecommute\b",
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
pub(crate) fn most_flexible(a: Option<Remote>, b: Option<Remote>) -> Option<Remote> {
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
    match REMOTE.find(part) {
        // "Lisbon (Remote)": the place, and remote.
        Some(m) if part[..m.start()].contains('(') && !REMOTE.is_match(&part[..m.start()]) => {
            (residue(part, m.start(), m.end()), Some(Remote::Remote))
        }
        Some(_) => (as_place(part).map(str::to_string), Some(Remote::Remote)),
        None => (as_place(part).map(str::to_string), None),
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
    // "San Francisco CA": a town and its state without the comma.
    if let Some((town, code)) = head.rsplit_once(' ') {
        if gazetteer::is_place_code(code) && is_known_place(town) {
            return true;
        }
    }
    let items: Vec<&str> = head.split(',').map(str::trim).collect();
    let [names @ .., last] = items.as_slice() else {
        return false;
    };
    if names.is_empty() {
        return false;
    }
    let last_known = gazetteer::is_place_code(last) || is_known_place(last);
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

/// A country, region, city or area of the gazetteer whose name is not also
/// a common word ("Reading", "Nice"; those need a qualifier).
fn is_known_place(name: &str) -> bool {
    gazetteer::lookup(name).any(|e| !e.weak)
}

/// Places named in free text: after "based in", "located in", "office in",
/// "basé à" and the like (where even a name that is also a word counts:
/// "based in Reading"), in "our Oxford office", after a plain "in"/"à"/"en"
/// when the name is a city or region that is no common word ("in Lviv",
/// not "in Mobile") or carries its country ("in Nice, France"), and on short
/// lines that are nothing but places (headings, badges such as
/// "🌎 Lisbon (Remote)"). Places come as written, in text order.
pub fn places_in_text(text: &str) -> Vec<String> {
    const MAX_PLACES: usize = 4;
    const MAX_CUES: usize = 1000;
    // Where the job is, and other places (the company's offices, "in X").
    let (mut of_job, mut others): (Vec<String>, Vec<String>) = Default::default();
    let mut add = |job: bool, place: &str| {
        let found = if job { &mut of_job } else { &mut others };
        if found.len() < MAX_PLACES && !found.iter().any(|p| p.eq_ignore_ascii_case(place)) {
            found.push(place.to_string());
        }
    };
    for line in text.lines().map(str::trim) {
        // Most lines are prose: only one opening with a place name is read whole.
        let first_word = line
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let capitalized = first_word.starts_with(char::is_uppercase);
        if line.len() <= 60
            && capitalized
            && gazetteer::opens_a_name(first_word)
            && looks_like_place(line)
        {
            for place in parse(line).places {
                if gazetteer::resolve(&place).is_some() {
                    add(true, &place);
                }
            }
        }
    }
    // A posting names its place early; a huge body costs no more than this.
    for cue in PLACE_CUE.captures_iter(text).take(MAX_CUES) {
        let Some(whole) = cue.get(0) else { continue };
        let job = cue.name("job").is_some();
        let strong = job || cue.name("company").is_some();
        // The weak cue ends on the place's first letter.
        let from = if strong {
            whole.end()
        } else {
            whole.end()
                - text[..whole.end()]
                    .chars()
                    .next_back()
                    .map_or(0, char::len_utf8)
        };
        if let Some(place) = place_at(&text[from..], strong) {
            add(job, place);
        }
    }
    for office in OFFICE_AFTER.find_iter(text) {
        let from = office.start().saturating_sub(60);
        let from = (from..=office.start())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(office.start());
        let before = &text[from..office.start()];
        // "our Leeds office"; "Oxford University" needs no "our".
        let university = office.as_str().ends_with("University");
        let name_before = if university { &CITY_BEFORE } else { &OUR_PLACE };
        if let Some(name) = name_before.captures(before).and_then(|c| c.name("name")) {
            if gazetteer::lookup(name.as_str()).any(|e| e.kind == gazetteer::Kind::City) {
                add(!university, name.as_str());
            }
        }
    }
    if of_job.is_empty() {
        others
    } else {
        of_job
    }
}

/// The place that `text` starts with, if any: the longest run of capitalized
/// words the gazetteer knows, with the country or region after a comma when
/// that contains it ("Sunnyvale, CA"). After a weak cue only a city or
/// region counts, and a weak name only with its qualifier.
fn place_at(text: &str, strong: bool) -> Option<&str> {
    let caps = CAPITALIZED_RUN.captures(text)?;
    let name = caps.name("name")?;
    let qualifier = caps.name("qualifier");
    let word_ends: Vec<usize> = WORD_END.find_iter(name.as_str()).map(|m| m.end()).collect();
    for (i, &end) in word_ends.iter().enumerate().rev() {
        let candidate = trim_separators(&text[..end]);
        let entries = || gazetteer::lookup(candidate);
        if i + 1 == word_ends.len() {
            if let Some(q) = qualifier {
                // "Victoria, BC. Salary": the qualifier's words one by one.
                let qualified = WORD_END.find_iter(q.as_str()).find_map(|w| {
                    let written = trim_separators(&q.as_str()[..w.end()]);
                    entries()
                        .any(|e| gazetteer::contains(written, e))
                        .then(|| trim_separators(&text[..q.start() + w.end()]))
                });
                if qualified.is_some() {
                    return qualified;
                }
            }
        }
        let fits = |e: &gazetteer::Entry| {
            strong || (!e.weak && matches!(e.kind, gazetteer::Kind::City | gazetteer::Kind::Region))
        };
        if entries().any(fits) {
            return Some(candidate);
        }
    }
    // "based in Aarhus, Denmark": a town too small for the gazetteer, after
    // a strong cue, with its country or region.
    let qualifier = qualifier.filter(|q| strong && is_known_place(q.as_str()))?;
    Some(trim_separators(&text[..qualifier.end()]))
}

/// Capitalized words ("Salt Lake City", "Rio de Janeiro", "St. Louis",
/// "München"), then maybe a comma and a qualifier ("Germany", "CA").
static CAPITALIZED_RUN: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"\p{Lu}[\p{L}\p{M}'’.-]*";
    regex(&format!(
        r"^(?P<name>{word}(?:[ \t]+(?:(?:de|del|la|le|am|upon|sur|da|do|dos|of)[ \t]+)?{word}){{0,3}})(?:,[ \t]*(?P<qualifier>{word}(?:[ \t]+{word}){{0,2}}))?"
    ))
});
static WORD_END: LazyLock<Regex> = LazyLock::new(|| regex(r"[^\s]+"));

/// Phrases after which a place is named. Where the job is (`job`): "based
/// in", "located in", "positions are in", French "basé à", "situés dans le
/// 14e à", Spanish "ubicada en"; where the company is (`company`): "offices
/// in", "headquartered in", German "Sitz in"; otherwise (`weak`) a plain
/// "in", "à", "en" or "University of" right before a capital letter.
static PLACE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    super::ascii_regex(concat!(
        r"(?i)(?P<job>\b(?:based|located|situated|on[\s-]?site|relocate|relocating|relocation|positions?\s+(?:is|are)(?:\s+technically)?|ubicad[oa]s?)\s+(?:(?:is|are)\s+)?(?:in|at|near|out\s+of|en)\s+(?:the\s+)?",
        r"|\bremote(?:ly)?\s+(?:within|from|in)\s+(?:the\s+)?",
        r"|(?:bas|situ|localis)[ée]e?s?\s+(?:[^.\n]{0,30}?\s)?(?:à|en)\s+)",
        r"|(?P<company>\b(?:headquartered|headquarters|offices?|hq|presence|sitz|standort|oficinas?)\s+(?:(?:is|are)\s+)?(?:in|at|near|out\s+of|en)\s+(?:the\s+)?)",
        r"|(?P<weak>(?:\bin|(?:^|\s)à|\ben|\buniversity\s+of)\s+(?-i:[A-ZÀ-Ý]))",
    ))
});
static OFFICE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    super::ascii_regex(r"\s(?:(?i:office|offices|hq|headquarters|campus)|University)\b")
});
static CITY_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:^|\s)(?P<name>\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*)?)$"));
static OUR_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i:\b(?:our|the|its))\s+(?P<name>\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,2})$")
});

/// Remote/hybrid/onsite stated in free text (`#LI-REMOTE`, "fully remote",
/// "remote-first", "this role is hybrid", "on-site in Berlin").
///
/// Conservative, since it reads whole bodies: only phrases that state the
/// arrangement of this job count ("A great remote culture" or "coworking
/// space if you are remote" say nothing). The first statement in the text wins.
pub fn remote_in_text(text: &str) -> Option<Remote> {
    stated_remote(text).map(|(remote, _)| remote)
}

/// [`remote_in_text`] and the words that state it.
pub fn stated_remote(text: &str) -> Option<(Remote, &str)> {
    let caps = STATED.captures(text)?;
    let remote = if caps.name("or_remote").is_some() {
        Remote::Remote
    } else if caps.name("partial").is_some() {
        Remote::Hybrid
    } else if caps.name("onsite").is_some() {
        Remote::Onsite
    } else if caps.name("hybrid").is_some() {
        Remote::Hybrid
    } else {
        Remote::Remote
    };
    Some((remote, caps.get(0)?.as_str()))
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
        r"[.!?,;][ \t]+(?:on[\s-]?site|in[\s-]office)\s+(?:in|at)\s+(?-i:[A-Z])",
        r"\bno\s+(?:telecommuting|teleworking|remote\s+work(?:ing)?)\b",
        // "You'll work in our Leeds office", "the job is in our studio",
        // "on site at one of our clinics"; some days a week there is hybrid.
        r"\b(?:work|works|working|based|job\s+is|role\s+is|position\s+is)\s+(?:from|in|at)\s+(?:our|the)\s+(?:[\w'’-]+\s+){0,3}?(?:office|offices|studio|lab|labs|laboratory|workshop|headquarters|hq|shop|store|newsroom|warehouse|factory|plant|clinic|clinics|campus|hub)\b(?:(?P<partial>[^.\n]{0,60}?\b(?:(?:[1-4]|one|two|three|four)\s+days?\s+(?:a|per|each)\s+week|the\s+rest\s+of\s+the\s+(?:time|week)))|(?P<or_remote>\s+or\s+remotely?\b))?",
        r"\bon[\s-]?site\s+(?:at|in)\s+(?:one\s+of\s+)?(?:our|the)\s",
        r"\b(?:post|role|position|job)\s+(?:is\s+)?on[\s-]campus\b|\bon[\s-]campus\s+(?:post|role|position|job)\b",
        // The last item of a list: "Full-time, on-site".
        r"[,;|/][ \t]*(?:on[\s-]?site|in[\s-]office)[ \t]*(?:[.)]|$)",
        r"\b(?:100\s*%\s+)?presencial\b",
        r"\ben\s+pr[ée]sentiel\b",
    ];
    let hybrid = [
        r"#li-hybrid\b",
        r"\bhybrid[\s-]+(?:role|position|job|work(?:ing)?|model|schedule|setup|arrangement|opportunity|environment|policy|remote|office)\b",
        r"\b(?:this|the)\s+(?:role|position|job)\s+is\s+(?:a\s+)?hybrid\b",
        r"[(\[]\s*hybrid\b[^)\]\n]{0,40}[)\]]",
        r"\b(?:work(?:ing)?|based|is|be)\s+hybrid\s+(?:in|at)\b",
        r"^[ \t]*hybrid(?:\s+(?:in|at)\b|[ \t]*[-–—:,]|[ \t\r]*$)",
        r"\b(?:partly|partially)\s+remote\b",
        r"\b(?:[1-4]|one|two|three|four)\s+days?\s+(?:a|per|each)\s+week\s+(?:in|at|from)\s+(?:the|our)\s+(?:\w+\s+)?office\b",
        r"\b(?:telecommuting|teleworking|remote\s+work(?:ing)?|working\s+from\s+home)\s+(?:[1-4]|one|two|three|four)(?:\s*-\s*[1-5])?\s+days?\b",
        r"\bin\s+(?:the|our)\s+(?:\w+\s+)?office\s+the\s+rest\s+of\s+the\s+(?:time|week)\b",
        r"\b(?:in|at|from)\s+(?:the|our)\s+(?:\w+\s+)?office\s+(?:on\s+)?(?:[1-4]|one|two|three|four)\s+days?\s+(?:a|per|each)\s+week\b",
        // "Hybrid: we meet on Tuesdays", a label opening a sentence.
        r"[.!?][ \t]+hybrid[ \t]*[:–—]",
        // French, German, Spanish.
        r"\bhybride\b",
        r"\bteletrabajo\s+parcial\b",
        r"\b(?:t[ée]l[ée]travail|remote)\s+(?:est\s+)?(?:possible|partiel|occasionnel|accept[ée])",
        r"\bpossibilit[ée]\s+de\s+(?:faire\s+du\s+)?t[ée]l[ée]travail\b",
        r"\bt[ée]l[ée]travail\s*:?\s*(?:[1-4]|un|deux|trois|quatre)\s+jours?\b",
        r"\bremote-anteil\b",
        r"\bmobiles?\s+arbeiten\b",
        r"\bhome[\s-]?office\s+(?:ist\s+)?m[öo]glich\b",
        r"\bteilweise\s+(?:im\s+)?(?:home[\s-]?office|remote)\b",
        r"\bh[íi]brid[oa]\b",
        r"\b(?:[1-4]|un|deux|trois|quatre)\s+jours?\s+(?:de\s+)?t[ée]l[ée]travail\b",
        r"\b(?:[1-4]|einen|zwei|drei|vier)\s+tage?n?\s+(?:pro|die|je|in\s+der)\s+woche\b[^.\n]{0,60}?\b(?:im\s+b[üu]ro|vor\s+ort|im\s+home[\s-]?office|remote|mobil)\b",
        r"\b(?:[1-4]|dos|tres|cuatro)\s+d[íi]as\s+(?:a\s+la\s+semana\s+)?(?:en|de)\s+(?:la\s+|nuestra\s+)?(?:oficina|teletrabajo|remoto)\b",
        r"[,;|/][ \t]*hybrid[ \t]*(?:[.)]|$)",
        r"\b(?:im\s+b[üu]ro|vor\s+ort)\s+(?:und|oder)\s+(?:remote|im\s+home[\s-]?office|mobil)\b",
        r"\b(?:remote|im\s+home[\s-]?office)\s+(?:und|oder)\s+(?:im\s+b[üu]ro|vor\s+ort)\b",
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
        r"[(\[]\s*(?:but\s+|and\s+|or\s+|also\s+)?remote\b[^)\]\n]{0,40}[)\]]",
        r"^[ \t]*remote[ \t]*(?:\([^)\n]{0,40}\))?[ \t\r]*$",
        r"\bbased\s+remotely\b",
        r"\b(?:fully\s+)?remote(?:ly)?\s+within\b",
        r"\b(?:option|opportunity|possibility|freedom|choice)\s+to\s+work\s+(?:fully\s+)?remotely\b",
        r"\bor\s+remote(?:ly)?\b\s*(?:[)\].,;]|$)",
        r"\bremote(?:ly)?\s+from\s+(?:anywhere|any\s+(?:place|location|country))\b",
        // French, German, Spanish.
        r"\bfull[\s-]remote\b",
        r"\b(?:100\s*%|enti[èe]rement|totalement|compl[èe]tement)\s+(?:en\s+)?(?:t[ée]l[ée]travail|remote|[àa]\s+distance)",
        r"\bt[ée]l[ée]travail\s+(?:complet|total|100\s*%)",
        r"\btravail(?:le|lent|ler)?\s+(?:en\s+remote|[àa]\s+distance)",
        r"\bpostes?\s+[àa]\s+distance",
        r"\b(?:100\s*%|komplett|vollst[äa]ndig|ausschlie(?:ß|ss)lich)\s+(?:im\s+)?(?:home[\s-]?office|remote)\b",
        r"\b(?:trabajo|trabajar|trabajas|100\s*%|totalmente|modalidad)\s+(?:en\s+)?remoto\b",
        r"\bteletrabajo\b",
        r"[,;|/][ \t]*(?:fully[ \t]+|100\s*%[ \t]+)?remote[ \t]*(?:[.)]|$)",
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
            let _ = places_in_text(text);
            let _ = gazetteer::resolve(text);
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
            "Full-time, remote within North America.",
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
            "We work in the office three days a week.",
            "Hybrid: two days a week in the office",
            "Paid well. Hybrid: we meet on Tuesdays.",
            "Télétravail : deux jours par semaine",
            "We work from our office in Porto two days a week.",
            "You will work at our studio on Quay Street, in person three days a week.",
            "Full-time, hybrid",
            "avec deux jours de télétravail par semaine",
            "Zwei Tage pro Woche arbeitest du im Büro, den Rest zu Hause.",
            "Trabajas tres días en la oficina.",
            "Wir arbeiten im Büro und remote.",
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
            "Full-time, on-site in Vancouver",
            "Paid £2,000 a month. On-site in Manchester.",
            "You'll work in our Leeds office with the design team.",
            "The job is in our harbour-side studio.",
            "Twelve hours a week, on site at one of our bakeries.",
            "Working from our workshop office in Tromsø.",
            "You will be based at our Leeds head office.",
            "The job is based in our Leeds newsroom.",
            "Type: Full-time, on-site",
            "This is a permanent post on campus.",
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

    #[test]
    fn a_small_town_after_a_strong_cue_keeps_its_country() {
        assert_eq!(
            places_in_text("The job is based in Skagen, Denmark, near the harbour."),
            ["Skagen, Denmark"]
        );
        // A plain "in" needs a town the gazetteer knows.
        assert!(places_in_text("We grew up in Skagen, Denmark.").is_empty());
    }

    #[test]
    fn places_after_strong_cues() {
        for (text, expected) in [
            ("The team is based in Reading and meets weekly.", "Reading"),
            (
                "Our offices are located in Salt Lake City, Utah.",
                "Salt Lake City, Utah",
            ),
            ("This role is based in Victoria.", "Victoria"),
            ("The job is located in Sunnyvale, CA.", "Sunnyvale, CA"),
            ("Based in Austin, TX. Salary is good.", "Austin, TX"),
            ("We have an office in Lisbon", "Lisbon"),
            (
                "Le poste est basé à Lyon, avec deux jours sur place.",
                "Lyon",
            ),
            ("Nos bureaux sont situés dans le centre à Nantes.", "Nantes"),
            ("Two days a week in our Leeds office.", "Leeds"),
            ("A post at the University of Bristol.", "Bristol"),
            ("Research Engineer, Cambridge University", "Cambridge"),
            ("Fully remote within Japan.", "Japan"),
            ("You can work remotely from Portugal.", "Portugal"),
        ] {
            assert_eq!(places_in_text(text), [expected], "{text}");
        }
    }

    #[test]
    fn where_the_job_is_beats_where_the_company_is() {
        assert_eq!(
            places_in_text(
                "Headquartered in Boston with offices in Denver. This role is based in Ireland."
            ),
            ["Ireland"]
        );
        assert_eq!(
            places_in_text("Headquartered in Boston with offices in Denver."),
            ["Boston", "Denver"]
        );
        assert_eq!(
            places_in_text("All positions are in Seattle, Washington."),
            ["Seattle, Washington"]
        );
    }

    #[test]
    fn places_after_a_plain_in() {
        assert_eq!(
            places_in_text("You would work with us in Kraków."),
            ["Kraków"]
        );
        assert_eq!(
            places_in_text("Join our HQ in San Francisco!"),
            ["San Francisco"]
        );
        assert_eq!(
            places_in_text("Relax in Nice, France after work."),
            ["Nice, France"]
        );
        assert_eq!(
            places_in_text("Trabajarás en Madrid con el equipo."),
            ["Madrid"]
        );
    }

    #[test]
    fn words_that_are_also_towns_need_more() {
        for text in [
            "Experience in Mobile development is a plus.",
            "Nice to have: Kubernetes.",
            "Reading code is half the job.",
            "We split the work in Phoenix and Elixir services.",
            "Fluent in English and German.",
            "A degree in Computer Science.",
            "We have customers in Germany.",
            "A degree from Stanford University.",
            "Graduates of the University of Phoenix.",
            "Bath time",
            "",
        ] {
            assert!(
                places_in_text(text).is_empty(),
                "{text}: {:?}",
                places_in_text(text)
            );
        }
    }

    #[test]
    fn heading_and_badge_lines() {
        assert_eq!(
            places_in_text("Senior Engineer\n🌎 Lisbon (Remote)\nWe build maps."),
            ["Lisbon"]
        );
        assert_eq!(
            places_in_text("## Where\nBerlin, Germany\n"),
            ["Berlin, Germany"]
        );
        assert!(places_in_text("Remote\nFully remote\n").is_empty());
    }

    #[test]
    fn gazetteer_places_are_recognized_as_fields() {
        for text in [
            "Salzburg/Vienna, Austria",
            "San Francisco CA",
            "DC / Northern Virginia",
            "Oxford/London/Glasgow, UK",
            "Lviv",
        ] {
            assert!(looks_like_place(text), "{text}");
        }
        for text in ["Phoenix", "Aurora", "Mobile", "Nice"] {
            assert!(!looks_like_place(text), "{text}");
        }
    }

    #[test]
    fn remote_policies_in_english() {
        for text in [
            "The engineer can be based remotely.",
            "This is a fully remote position.",
            "Work from anywhere in the world.",
            "Senior Developer (Local or Remote)",
            "Join us in our Cork office or remotely.",
            "You will have the opportunity to work remotely.",
            "You can work at our Cork office or remotely.",
            "Timezone: Europe (but remote, async)",
        ] {
            assert_eq!(remote_in_text(text), Some(Remote::Remote), "{text}");
        }
        assert_eq!(
            remote_in_text("No telecommuting, sorry."),
            Some(Remote::Onsite)
        );
        for text in [
            "Telecommuting 2-3 days a week is fine.",
            "You work two days a week from the Leeds office.",
            "You work in our Bristol office the rest of the time.",
        ] {
            assert_eq!(remote_in_text(text), Some(Remote::Hybrid), "{text}");
        }
        for text in [
            "Our sensors use remote sensing or remote controls.",
            "You will build remote controls for drones.",
        ] {
            assert_eq!(remote_in_text(text), None, "{text}");
        }
    }

    #[test]
    fn remote_policies_in_french_german_spanish() {
        for text in [
            "L'équipe travaille à distance depuis toute la France.",
            "Poste en full remote.",
            "100% télétravail.",
            "Le travail en remote ne nous fait pas peur.",
            "Die Stelle ist zu 100% im Homeoffice.",
            "Ofrecemos trabajo en remoto desde cualquier lugar.",
            "Teletrabajo desde casa.",
        ] {
            assert_eq!(remote_in_text(text), Some(Remote::Remote), "{text}");
        }
        for text in [
            "Le télétravail est possible deux jours par semaine.",
            "Basé à Lille, avec possibilité de télétravail.",
            "Mobiles Arbeiten nach Absprache.",
            "Remote-Anteil bis 60 %.",
            "Homeoffice möglich.",
            "Modelo híbrido en Madrid.",
        ] {
            assert_eq!(remote_in_text(text), Some(Remote::Hybrid), "{text}");
        }
        assert_eq!(
            remote_in_text("Trabajo presencial en Sevilla."),
            Some(Remote::Onsite)
        );
        assert_eq!(remote_in_text("Reparamos el control remoto."), None);
        assert_eq!(parse("Remoto (LATAM)").remote, Some(Remote::Remote));
        assert_eq!(parse("Híbrido - Bogotá").remote, Some(Remote::Hybrid));
        assert_eq!(parse("Presencial").remote, Some(Remote::Onsite));
    }

    proptest::proptest! {
        #[test]
        fn odd_text_never_panics(text in "\\PC{0,80}", town in "(based in |in |à )?[A-ZÉ][a-zé]{0,8}(, [A-Z]{2,3}\\.?)?") {
            let joined = format!("{text} {town} {text}");
            let _ = places_in_text(&joined);
            let _ = parse(&joined);
            let _ = gazetteer::resolve(&town);
            let _ = remote_in_text(&joined);
        }
    }
}
