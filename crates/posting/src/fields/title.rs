//! The title as the role only: no organization in front, no "is hiring:"
//! framing, no "(Remote)" suffix, no quotes; the organization it names kept
//! as a company.

use std::sync::LazyLock;

use regex::Regex;

use crate::recognize::ascii_regex;
use crate::recognize::company::{clean_name, could_be_a_name, names_a_role};
use crate::recognize::location::looks_like_place;

/// "Job Posting:", "Now hiring -", "Open position:".
static FRAME_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)^(?:job posting|job opening|job offer|job opportunity|job ad|job|now hiring|hiring|we(?:'re|’re| are) hiring|vacancy|open position|position opening|new position|opening|position|offre d'emploi|offre de stage|stellenangebot|stellenausschreibung|oferta de empleo|oferta)\s*[:\-–—]\s*",
    )
});
/// A forum's tag in front: "[Hiring]", "[Remote]", "[Job]".
static BRACKET_TAG: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"^\[[^\]\n]{1,30}\]\s*[-:]?\s*"));
/// "Acme is hiring: Baker", "Acme is hiring a Baker", "Acme recrute un·e boulanger",
/// "Acme sucht eine Bäckerin", "Acme busca un panadero".
static X_HIRES_Y: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)^(.{2,60}?)\s+(?:(?:is|are)\s+(?:hiring|looking\s+for|seeking)(?:\s*:\s*|\s+an?\s+)|recrute\s+(?:(?:un|une|un\.e|un·e|un\(e\))\s+)?|sucht\s+(?:(?:einen|eine|ein)\s+)?|busca\s+(?:(?:un|una)\s+)?)(.+)$",
    )
});
static SECOND_ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"\b(ou|oder|o)\s+(?:un|une|einen|eine|una?)\s+"));
/// "Acme - we are hiring", "Acme | Jobs": a title naming only the company.
static X_IS_HIRING_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)^(.{2,40}?)\s*[-–—|:]\s*(?:we[- ]are[- ]hiring|we['’]re[- ]hiring|is[- ]hiring|now[- ]hiring|hiring|jobs|careers)!?$",
    )
});
/// "Looking for a Baker", "We're hiring a Baker", "Seeking an Engineer".
static LOOKING_FOR: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)^(?:we(?:'re|’re| are)\s+)?(?:(?:looking\s+for|searching\s+for|seeking)\s+(?:an?\s+)?|hiring\s+an?\s+)(.+)$",
    )
});
/// "(Local or Remote)", "(100% remote)", "(Summer 2025)" at the end.
static WORK_PLACE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\s*\([^()]*\b(?:remote|onsite|on-site|hybrid|local|telecommute|wfh|(?:19|20)\d\d)\b[^()]*\)\s*$",
    )
});
/// The contract as a note anywhere, "(Part-Time)", "(full-time)", or as a
/// tail, ", Part-time", " - Contract": the employment type's, not the role's.
static EMPLOYMENT_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\s*\(\s*(?:(?:full|part)[\s-]?time|contract|contractor|freelance|temporary|permanent)\s*\)|\s*[,\-–—|/]\s*(?:(?:full|part)[\s-]?time|contract|freelance|temporary|permanent)\s*$",
    )
});
/// The engagement in front of the role: "Contract React Developer",
/// "Freelance Copy Editor" ("Part-time Writer" keeps its hours: that is how
/// people name the role).
static EMPLOYMENT_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"(?i)^(?:contract|freelance|temporary)\s+(?:-\s+)?"));
/// What a role is about rather than what it is, in parentheses at the end:
/// a stack, "(PostGIS / Python)", "(React + Node)", or a setting, "(in a
/// payments team)". A note with commas, "(contract, 6 months)", stays.
static CONTEXT_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\s*\((?:[^()]*\s[/+]\s[^()]*|\s*(?:in|for|with|on|within)\s[^()]*)\)\s*$")
});
/// The separators a title's parts are written between.
const PART_SEPARATORS: &[&str] = &[" - ", " – ", " — ", " | ", ", ", " in "];
/// "(m/w/d)", "(H/F)": German and French titles put it anywhere.
static GENDER_MARKER: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"(?i)\s*\(\s*[mfwdxh](?:\s*/\s*[mfwdxh])+\s*\)"));
/// Words that make a phrase an organization: "McMaster University", "MIT Libraries".
const ORG_WORDS: &str = r"University|Université|Universität|Universidad|College|Institute|Institut|Library|Libraries|Museum|Foundation|Project|Center|Centre|Laboratory|Labs|School|Inc\.?|Ltd\.?|LLC|GmbH|Corporation|Council|Society|Association|Hospital|Ministry|Department|Agency";
/// An organization in front of the role without a separator:
/// "MIT Libraries Software Engineer", "University of Glasgow Research Officer".
static ORG_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"^((?:[A-Z][\w.&'-]*\s+){{0,4}}?(?:{ORG_WORDS})(?:\s+(?:of|for)(?:\s+the)?\s+[A-Z][\w.&'-]*)?(?:\s+\([^)]*\))?)\s+(\S.*)$"
    ))
});
/// A title that ends by announcing the hiring: "… is hiring!", "… we-are-hiring".
static HIRING_ANNOUNCEMENT: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"(?i)(?:^|[\s-])hiring!?$"));
static HAS_ORG_WORD: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(&format!(r"\b(?:{ORG_WORDS})(?:\s|$|,|\))")));
/// Parts of an organization that are not the employer on their own.
static SUB_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)^(?:the\s+)?(?:library|libraries|school|department|faculty|division|office|team|unit)\b",
    )
});
/// "We need an Engineering Manager to", "hiring a Senior Data Engineer".
static ROLE_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"\b(?:need|hiring(?: for)?|seeking|looking for|searching for|recruiting)\s+(?:(?:an?|our|one|two|several)\s+)?(?:(?:first|next|new|experienced|talented)\s+)?((?:[A-Z][\w/+&.-]*\s+){0,4}[A-Z][\w/+&.-]*)",
    )
});

/// A title that reads as a sentence, not a role: long, or a full sentence.
pub fn is_sentence(title: &str) -> bool {
    let words = title.split_whitespace().count();
    words > 12 || (words > 8 && title.trim_end().ends_with(['.', '…']))
}

/// The role a text says it hires for: "We need an Engineering Manager".
pub fn role_in_text(text: &str) -> Option<String> {
    ROLE_IN_TEXT
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .find(|role| names_a_role(role))
}

/// The role alone, and the organization the title named, if any.
/// `company` is the one known so far; `is_skill` tells a prefix such as
/// "Python - DevOps" from an organization.
pub fn role_only(
    title: &str,
    company: Option<&str>,
    is_skill: impl Fn(&str) -> bool,
) -> (String, Option<String>) {
    // Pictographs around a title ("🚀 Engineer") are decoration.
    let decoration = |c: char| !c.is_ascii() && !c.is_alphanumeric() && !"“”«»".contains(c);
    let mut title = title
        .trim()
        .trim_matches(decoration)
        .trim()
        .trim_matches(['"', '“', '”', '«', '»', '\''])
        .trim()
        .to_string();
    if let Some(rest) = BRACKET_TAG
        .find(&title)
        .map(|m| title[m.end()..].to_string())
        .filter(|rest| names_a_role(rest))
    {
        title = rest;
    }
    let mut named = None;
    if let Some(rest) = FRAME_PREFIX
        .find(&title)
        .map(|m| title[m.end()..].to_string())
    {
        if !rest.is_empty() {
            title = rest;
        }
    }
    if let Some(c) = X_IS_HIRING_ALONE
        .captures(&title)
        .filter(|c| could_be_a_name(&c[1]))
    {
        named = Some(clean_name(&c[1]));
    } else if let Some(c) = X_HIRES_Y
        .captures(&title)
        .filter(|c| c[1].split_whitespace().count() <= 5 && could_be_a_name(&c[1]))
    {
        named = Some(clean_name(&c[1]));
        // "un développeur ou une développeuse": the second article goes too.
        title = capitalized(&SECOND_ARTICLE.replace_all(&c[2], "$1 "));
    } else if let Some(c) = LOOKING_FOR.captures(&title) {
        title = without_leading_adjectives(&c[1]);
    }
    title = without_notes(&title);
    title = WORK_PLACE_SUFFIX.replace(&title, "").trim().to_string();
    while let Some((role, _)) = trailing_place(&title) {
        title = role.to_string();
    }
    title = CONTEXT_SUFFIX.replace(&title, "").trim().to_string();
    if let Some(role) = EMPLOYMENT_PREFIX
        .find(&title)
        .map(|m| &title[m.end()..])
        // "Contract Manager" is a role of its own.
        .filter(|role| role.split_whitespace().count() >= 2 && names_a_role(role))
    {
        title = role.to_string();
    }
    if let Some((prefix, role)) = organization_prefix(&title, company, &is_skill) {
        named = Some(prefix);
        title = role;
    }
    let named = named.filter(|n| !n.is_empty());
    (title, named)
}

/// The places and work places a title ends with, last first: "London" and
/// "Hybrid" in "Python Engineer - London (Hybrid)", "Toronto, ON" in
/// "Lead Data Scientist – Toronto, ON".
pub fn places_in_title(title: &str) -> Vec<String> {
    const MAX_PARTS: usize = 3;
    let mut rest = without_notes(title);
    let mut places = Vec::new();
    while let Some((role, place)) = trailing_place(&rest) {
        places.push(place.to_string());
        rest = role.to_string();
        if places.len() == MAX_PARTS {
            break;
        }
    }
    places
}

/// The title without the notes that belong to other fields: "(m/w/d)", "(Part-Time)".
fn without_notes(title: &str) -> String {
    let title = GENDER_MARKER.replace_all(title, " ");
    let title = EMPLOYMENT_NOTE.replace_all(&title, " ");
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The role and the place after it, when the title ends with a place in
/// parentheses ("(Sunnyvale, CA)") or after a separator (" - Berlin", ",
/// Toronto, ON"); the longest such place, and only after a role.
fn trailing_place(title: &str) -> Option<(&str, &str)> {
    let title = title.trim_end();
    if let Some(open) = title.strip_suffix(')').and_then(|t| t.rfind('(')) {
        let (role, place) = (title[..open].trim_end(), &title[open + 1..title.len() - 1]);
        return (names_a_role(role) && looks_like_place(place)).then_some((role, place));
    }
    let mut cuts: Vec<(usize, usize)> = PART_SEPARATORS
        .iter()
        .flat_map(|sep| title.match_indices(sep).map(|(i, sep)| (i, i + sep.len())))
        .collect();
    cuts.sort_unstable();
    cuts.into_iter().find_map(|(end, start)| {
        let (role, place) = (title[..end].trim_end(), title[start..].trim());
        // "Engineer in Zurich", but not a sentence "Acme is hiring bakers in Porto".
        let plain_in = &title[end..start] != " in " || role.split_whitespace().count() <= 4;
        (plain_in && names_a_role(role) && looks_like_place(place)).then_some((role, place))
    })
}

/// The better of the company known so far and the organization a title names:
/// the title's when none is known, when the known one is only a sub-unit
/// ("Library"), or when the title's contains it ("MIT" in "MIT Libraries").
pub fn better_company(known: Option<String>, from_title: Option<String>) -> Option<String> {
    match (known, from_title) {
        (Some(known), Some(named))
            if is_sub_unit(&known) || named.to_lowercase().contains(&known.to_lowercase()) =>
        {
            Some(named)
        }
        (Some(known), _) => Some(known),
        (None, named) => named,
    }
}

/// "Library", "School of Fine Arts", "Department of Physics": part of an employer.
pub fn is_sub_unit(name: &str) -> bool {
    SUB_UNIT.is_match(name)
}

/// `McMaster University - Analyst` or `MIT Libraries Software Engineer`:
/// the organization and the role, when the prefix is one.
fn organization_prefix(
    title: &str,
    company: Option<&str>,
    is_skill: &impl Fn(&str) -> bool,
) -> Option<(String, String)> {
    // "Acme is hiring!", "Acme - we-are-hiring": the post's own title, whose
    // subject is the organization; what would be left is no role.
    if HIRING_ANNOUNCEMENT.is_match(title) {
        return None;
    }
    for separator in [" - ", " – ", " — ", ": ", " | "] {
        let Some((prefix, role)) = title.split_once(separator) else {
            continue;
        };
        let (prefix, role) = (prefix.trim(), role.trim());
        let is_company = company.is_some_and(|c| prefix.eq_ignore_ascii_case(c));
        // "Offre de stage - …" is no name: a name's words are capitalized.
        let looks_like_name = company.is_none()
            && prefix.split_whitespace().count() <= 4
            && prefix
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
            && !is_skill(&prefix.to_lowercase())
            && !looks_like_place(prefix);
        if names_a_role(role)
            && !names_a_role(prefix)
            && (is_company || HAS_ORG_WORD.is_match(prefix) || looks_like_name)
        {
            return Some((clean_name(prefix), role.to_string()));
        }
    }
    if let Some(company) = company {
        let starts = title
            .get(..company.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(company));
        let rest = title.get(company.len()..).unwrap_or("");
        let short = rest.split_whitespace().count() <= 6;
        if starts
            && short
            && rest.starts_with(' ')
            && rest.trim_start().starts_with(char::is_uppercase)
            && names_a_role(rest)
            && !HAS_ORG_WORD.is_match(rest)
        {
            return Some((company.to_string(), rest.trim().to_string()));
        }
    }
    // Without a separator the organization must be a proper name ("MIT
    // Libraries", "University of Glasgow"), not "Data Center" or "High School".
    let c = ORG_PREFIX.captures(title)?;
    let proper = company.is_some_and(|k| c[1].to_lowercase().contains(&k.to_lowercase()))
        || c[1].contains(" of ")
        || c[1].contains(" for ")
        || c[1].split_whitespace().any(|w| {
            w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()) && !ROLE_ACRONYMS.contains(&w)
        });
    // "Lumen Labs is hiring bakers…" is a sentence about the organization.
    let role_follows = c[2].starts_with(|c: char| c.is_uppercase()) && names_a_role(&c[2]);
    (proper && role_follows).then(|| (clean_name(&c[1]), c[2].to_string()))
}

/// Acronyms that name a kind of work, not an organization: "IT Department Manager".
const ROLE_ACRONYMS: &[&str] = &["IT", "QA", "HR", "UX", "UI", "AI", "ML", "PR", "ICT"];

/// "disciplined Software Developer" -> "Software Developer": lowercase
/// praise in front of a capitalized role.
fn without_leading_adjectives(role: &str) -> String {
    let words: Vec<&str> = role.split_whitespace().collect();
    match words.iter().position(|w| w.starts_with(char::is_uppercase)) {
        Some(i) if i > 0 && names_a_role(&words[i..].join(" ")) => words[i..].join(" "),
        _ => role.trim().to_string(),
    }
}

fn capitalized(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(title: &str) -> (String, Option<String>) {
        role_only(title, None, |t| t == "python")
    }

    #[test]
    fn framings_and_suffixes_go() {
        for (title, expected) in [
            ("Job Posting: Community Gardener", "Community Gardener"),
            ("Now hiring: Night Baker", "Night Baker"),
            ("\"Chef de cuisine\"", "Chef de cuisine"),
            ("“Senior Potter”", "Senior Potter"),
            (
                "Senior Ruby Developer (Local or Remote)",
                "Senior Ruby Developer",
            ),
            ("Data Engineer (100% remote)", "Data Engineer"),
            ("Softwareentwickler (m/w/d)", "Softwareentwickler"),
            ("Entwickler (m/w/d) Java (Remote)", "Entwickler Java"),
            ("Développeur Rust (H/F)", "Développeur Rust"),
            ("Data Analyst Intern (Summer 2025)", "Data Analyst Intern"),
            (
                "Looking for a meticulous Software Tester",
                "Software Tester",
            ),
            ("We're hiring a Product Designer", "Product Designer"),
            ("Position opening: Night Baker", "Night Baker"),
            ("[Hiring] Oven Engineer - Remote", "Oven Engineer"),
            ("🚀 Oven Engineer II, Pastry ✨", "Oven Engineer II, Pastry"),
        ] {
            assert_eq!(role(title).0, expected, "{title}");
        }
    }

    #[test]
    fn places_at_the_end_go_to_the_location() {
        for (title, expected, places) in [
            (
                "Senior Oven Engineer, Berlin (m/w/d)",
                "Senior Oven Engineer",
                vec!["Berlin"],
            ),
            (
                "Lead Bread Scientist – Toronto, ON",
                "Lead Bread Scientist",
                vec!["Toronto, ON"],
            ),
            (
                "Pastry Developer - Artisan Bread - Leeds (Hybrid)",
                "Pastry Developer - Artisan Bread",
                vec!["Hybrid", "Leeds"],
            ),
            (
                "Dough Analyst (Sunnyvale, CA)",
                "Dough Analyst",
                vec!["Sunnyvale, CA"],
            ),
            ("Développeur (H/F) - Nantes", "Développeur", vec!["Nantes"]),
            ("Bakery Manager - Remote", "Bakery Manager", vec!["Remote"]),
            ("Oven Engineer in Zurich", "Oven Engineer", vec!["Zurich"]),
        ] {
            assert_eq!(role(title).0, expected, "{title}");
            assert_eq!(places_in_title(title), places, "{title}");
        }
        // Not a place, or nothing that names a role before it.
        for title in [
            "Oven Engineer - Sourdough",
            "Bread Developer, Pastry",
            "Software Engineer in Test",
            "Berlin - Lisbon",
        ] {
            assert_eq!(role(title).0, title, "{title}");
            assert!(places_in_title(title).is_empty(), "{title}");
        }
    }

    #[test]
    fn the_contract_and_the_context_are_not_the_role() {
        for (title, expected) in [
            ("Support Engineer (Part-Time)", "Support Engineer"),
            ("Backend Developer, Part-time", "Backend Developer"),
            ("Contract Pastry Developer", "Pastry Developer"),
            ("Freelance Cake Designer", "Cake Designer"),
            (
                "Oven Designer (full-time) // Otter Bakery",
                "Oven Designer // Otter Bakery",
            ),
            ("Bread Engineer (Rye / Spelt)", "Bread Engineer"),
            (
                "Bread Engineer (contract, 6 months)",
                "Bread Engineer (contract, 6 months)",
            ),
            ("Oven Technician (in a busy bakery)", "Oven Technician"),
            // A single qualifier is part of the role.
            ("Mobile Engineer (iOS)", "Mobile Engineer (iOS)"),
            ("Contract Manager", "Contract Manager"),
            ("Part-time Technical Writer", "Part-time Technical Writer"),
        ] {
            assert_eq!(role(title).0, expected, "{title}");
        }
    }

    #[test]
    fn the_hiring_organization_moves_to_the_company() {
        for (title, expected, company) in [
            (
                "Lumen is hiring: Firmware Engineer",
                "Firmware Engineer",
                "Lumen",
            ),
            (
                "Lumen recrute un développeur ou une développeuse Rust",
                "Développeur ou développeuse Rust",
                "Lumen",
            ),
            ("Lumen sucht eine Entwicklerin", "Entwicklerin", "Lumen"),
            (
                "Northfield University - Programmer/Analyst B",
                "Programmer/Analyst B",
                "Northfield University",
            ),
            (
                "Lantern Project, Exeter University - Research Developer",
                "Research Developer",
                "Lantern Project, Exeter University",
            ),
            (
                "HMU Libraries Software Engineer",
                "Software Engineer",
                "HMU Libraries",
            ),
            (
                "University of Lisbon Research Officer",
                "Research Officer",
                "University of Lisbon",
            ),
            ("Lumen: Senior Designer", "Senior Designer", "Lumen"),
        ] {
            assert_eq!(
                role(title),
                (expected.to_string(), Some(company.to_string())),
                "{title}"
            );
        }
        assert_eq!(role("Lumen - we-are-hiring").1.as_deref(), Some("Lumen"));
        assert_eq!(
            role("Offre de stage - Business Developer"),
            ("Business Developer".to_string(), None)
        );
        for title in [
            "Data Center Technician",
            "High School Library Assistant",
            "IT Department Manager",
            "Hiring Manager",
        ] {
            assert_eq!(role(title), (title.to_string(), None), "{title}");
        }
        // A skill in front is part of the role, not an employer.
        assert_eq!(
            role("Python - DevOps"),
            ("Python - DevOps".to_string(), None)
        );
        assert_eq!(role("Mozilla Services is hiring").1, None);
        // A known company stays in a title announcing that it hires.
        for title in [
            "Mozilla Services is hiring",
            "Lumen - we-are-hiring",
            "Read the Docs is hiring!",
        ] {
            let company = title.split([' ']).next();
            assert_eq!(role_only(title, company, |_| false).0, title);
        }
        assert_eq!(
            role_only("Harbor Libraries Web Developer", Some("Harbor"), |_| false),
            (
                "Web Developer".to_string(),
                Some("Harbor Libraries".to_string())
            )
        );
        // A sentence starting with the company is left alone.
        let sentence = "Lumen teaches makers and developers to build lamps at home";
        assert_eq!(role_only(sentence, Some("Lumen"), |_| false).0, sentence);
        let sentence = "Lumen Labs is hiring lamp engineers in Porto";
        assert_eq!(
            role_only(sentence, Some("Lumen Labs"), |_| false).0,
            sentence
        );
        // A known company in front is dropped.
        assert_eq!(
            role_only("Lumen Senior Engineer", Some("Lumen"), |_| false).0,
            "Senior Engineer"
        );
    }

    #[test]
    fn the_institution_beats_a_sub_unit() {
        assert!(is_sub_unit("School of Fine Arts"));
        assert!(!is_sub_unit("Schoolhouse Labs"));
        let named = Some("Harbor Libraries".to_string());
        assert_eq!(better_company(Some("Library".into()), named.clone()), named);
        assert_eq!(better_company(Some("Harbor".into()), named.clone()), named);
        assert_eq!(
            better_company(Some("Acme".into()), named.clone()).as_deref(),
            Some("Acme")
        );
    }

    #[test]
    fn a_sentence_is_no_title_and_the_role_is_found_in_the_text() {
        assert!(is_sentence(
            "Lumen is building lamps for everyone who reads at night and we are growing fast."
        ));
        assert!(!is_sentence("Senior Lamp Engineer"));
        assert_eq!(
            role_in_text("We grow fast. We need an Engineering Manager to lead us.").as_deref(),
            Some("Engineering Manager")
        );
        assert_eq!(role_in_text("We need a Big Office."), None);
    }
}
