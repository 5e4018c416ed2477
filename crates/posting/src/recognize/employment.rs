//! Employment type from metadata values and free text.

use std::sync::LazyLock;

use regex::Regex;

use crate::EmploymentType;

/// Phrases of a metadata value, as lowercase words; longest first where one
/// starts another. A working student (Werkstudent) is a student job alongside
/// studies, which the canonical set comes closest to with `internship`.
const VALUES: &[(&str, EmploymentType)] = &[
    ("full time", EmploymentType::FullTime),
    ("fulltime", EmploymentType::FullTime),
    ("ft", EmploymentType::FullTime),
    ("permanent", EmploymentType::FullTime),
    ("perm", EmploymentType::FullTime),
    ("regular", EmploymentType::FullTime),
    ("employee", EmploymentType::FullTime),
    ("part time", EmploymentType::PartTime),
    ("parttime", EmploymentType::PartTime),
    ("pt", EmploymentType::PartTime),
    ("contract to hire", EmploymentType::Contract),
    ("contract", EmploymentType::Contract),
    ("contractor", EmploymentType::Contract),
    ("contracting", EmploymentType::Contract),
    ("freelance", EmploymentType::Contract),
    ("freelancer", EmploymentType::Contract),
    ("freelancing", EmploymentType::Contract),
    ("c2c", EmploymentType::Contract),
    ("corp to corp", EmploymentType::Contract),
    ("1099", EmploymentType::Contract),
    ("temp to perm", EmploymentType::Temporary),
    ("temporary", EmploymentType::Temporary),
    ("temp", EmploymentType::Temporary),
    ("fixed term", EmploymentType::Temporary),
    ("seasonal", EmploymentType::Temporary),
    ("internship", EmploymentType::Internship),
    ("intern", EmploymentType::Internship),
    ("working student", EmploymentType::Internship),
    ("werkstudent", EmploymentType::Internship),
    ("co op", EmploymentType::Internship),
    // French, German, Spanish.
    ("cdi", EmploymentType::FullTime),
    ("temps plein", EmploymentType::FullTime),
    ("vollzeit", EmploymentType::FullTime),
    ("festanstellung", EmploymentType::FullTime),
    ("jornada completa", EmploymentType::FullTime),
    ("tiempo completo", EmploymentType::FullTime),
    ("temps partiel", EmploymentType::PartTime),
    ("teilzeit", EmploymentType::PartTime),
    ("media jornada", EmploymentType::PartTime),
    ("jornada parcial", EmploymentType::PartTime),
    ("tiempo parcial", EmploymentType::PartTime),
    // A Spanish `jornada:` key's value on its own.
    ("completa", EmploymentType::FullTime),
    ("parcial", EmploymentType::PartTime),
    ("indépendant", EmploymentType::Contract),
    ("independant", EmploymentType::Contract),
    ("freiberuflich", EmploymentType::Contract),
    ("autónomo", EmploymentType::Contract),
    ("autonomo", EmploymentType::Contract),
    ("cdd", EmploymentType::Temporary),
    ("intérim", EmploymentType::Temporary),
    ("interim", EmploymentType::Temporary),
    ("befristet", EmploymentType::Temporary),
    ("stage", EmploymentType::Internship),
    ("stagiaire", EmploymentType::Internship),
    ("alternance", EmploymentType::Internship),
    ("praktikum", EmploymentType::Internship),
    ("werkstudentin", EmploymentType::Internship),
    ("prácticas", EmploymentType::Internship),
    ("practicas", EmploymentType::Internship),
    ("beca", EmploymentType::Internship),
];

/// Words that may accompany the type in a metadata value ("Full-time position").
const FILLER: &[&str] = &[
    "position",
    "role",
    "job",
    "employment",
    "basis",
    "only",
    "or",
    "and",
    "hire",
    "work",
    "w2",
    // A label kept with its value, as in an HN field "Type: Full time".
    "type",
];

/// Units of a duration, which may follow the type: "CDD 12 mois",
/// "Contract (6 months)", "befristet auf 2 Jahre", "temporal 3 meses".
const DURATION: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "mois", "semaines", "an",
    "ans", "jours", "monat", "monate", "monaten", "jahr", "jahre", "jahren", "wochen", "auf",
    "meses", "semanas", "año", "años", "de",
];

/// Explicit statements in prose. Bare "contract" or "temporary" say too
/// little ("smart contract", "temporary access"), so they need a noun after.
/// ASCII word boundaries keep the regex engine on its fast path for bodies
/// with non-ASCII text.
static STATED: LazyLock<Regex> = LazyLock::new(|| {
    const NOUN: &str = r"(?:position|role|job|basis|opportunity|engagement|assignment|gig|employment|placement|hire)s?";
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<full>full[- ]?time|permanent\s+(?:{NOUN}|contract|full[- ]?time)|cdi|temps\s+plein|vollzeit|festanstellung|jornada\s+completa|tiempo\s+completo)|(?P<part>part[- ]?time|temps\s+partiel|teilzeit|media\s+jornada|jornada\s+parcial|tiempo\s+parcial)|(?P<contract>contract(?:or)?\s+{NOUN}|contract[- ]to[- ](?:hire|perm)|(?:[0-9]+\+?|one|two|three|four|six|nine|twelve)[- ]?(?:week|month|year)s?\s+contract|freelancer?|freiberuflich|c2c|corp[- ]to[- ]corp|as\s+an?\s+(?:independent\s+)?contractor|(?:type|status)\s*:\s*contract(?:or)?|(?:un|une|en)\s+ind[ée]pendante?)|(?P<temporary>temp[- ]to[- ]perm|temporary\s+(?:{NOUN}|contract)|fixed[- ]term|seasonal\s+{NOUN}|(?:type|status)\s*:\s*temp(?:orary)?|cdd|int[ée]rim|befristet)|(?P<internship>internships?|intern|working\s+student|werkstudent(?:in)?|stagiaire|alternance|alternant|praktikum|praktikant(?:in)?|pr[áa]cticas|becari[oa]|(?:offre\s+de|en|un)\s+stage|stage\s+(?:de|d'|conventionn|en)))(?-u:\b)"
    ))
    .expect("valid regex")
});

/// A metadata value such as `Full-time`, `FULL_TIME`, `contractor`, `intern`.
/// Every word must belong to a type or be filler, so a title such as
/// "Engineering Intern" is not taken for one. When several types are listed
/// ("Full-time or contract"), the first is kept; but hours then a kind of
/// engagement ("Full-time Contract", "part-time internship") is that kind.
pub fn parse(text: &str) -> Option<EmploymentType> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut rest = words.as_slice();
    let mut first = None;
    let mut adjacent = false;
    while let Some(word) = rest.first() {
        let is_duration = word.bytes().all(|b| b.is_ascii_digit()) || DURATION.contains(word);
        if FILLER.contains(word) || (first.is_some() && is_duration) {
            adjacent = false;
            rest = &rest[1..];
            continue;
        }
        let (len, kind) = VALUES.iter().find_map(|(phrase, kind)| {
            let n = phrase.split(' ').count();
            (rest.len() >= n && rest[..n].iter().copied().eq(phrase.split(' ')))
                .then_some((n, *kind))
        })?;
        let hours_then_engagement = adjacent
            && matches!(
                first,
                Some(EmploymentType::FullTime | EmploymentType::PartTime)
            )
            && !matches!(kind, EmploymentType::FullTime | EmploymentType::PartTime);
        if first.is_none() || hours_then_engagement {
            first = Some(kind);
        }
        adjacent = true;
        rest = &rest[len..];
    }
    first
}

/// Mentions about other people or another time: "our full-time team",
/// "we work with contractors", "we've had success hiring full-time",
/// "probably leading to full time".
static ABOUT_OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    super::ascii_regex(
        r"(?i)\bour\s+(?:\w+\s+)?$|^\W*(?:team|staff|employees|colleagues|workforce|members|people)\b|\b(?:we've|we\s+have)\s+had\b|\bleading\s+to\s+$|\beventually\s+$|\b(?:possibility|option|chance)\s+of\s+(?:\w+\s+)?$|\bwork(?:ing)?\s+with\s+(?:\w+\s+)?$",
    )
});

/// Employment type stated in free text ("this is a full-time position").
/// The first statement about this role wins: a posting names its own type
/// before it mentions others ("full-time ... we also mentor interns").
/// Negated mentions ("no contractors", "not a contract role"), smart
/// contracts and mentions about other people or a later time ("our
/// full-time team", "leading to full time") are skipped.
pub fn find(text: &str) -> Option<EmploymentType> {
    stated(text).map(|(kind, _)| kind)
}

/// [`find`] and the words that state it.
pub fn stated(text: &str) -> Option<(EmploymentType, &str)> {
    STATED.captures_iter(text).find_map(|caps| {
        let whole = caps.get(0)?;
        let start = whole.start();
        if about_others(text, start, whole.end()) {
            return None;
        }
        // "No telecommuting. Full-time" is not a negated full-time.
        let mut before = text[sentence_start(text, start)..start]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .rev()
            .map(str::to_lowercase);
        let (previous, one_more) = (before.next(), before.next());
        let negated = [&previous, &one_more]
            .iter()
            .any(|w| matches!(w.as_deref(), Some("no" | "not" | "non")));
        if negated || previous.as_deref() == Some("smart") {
            return None;
        }
        [
            ("full", EmploymentType::FullTime),
            ("part", EmploymentType::PartTime),
            ("contract", EmploymentType::Contract),
            ("temporary", EmploymentType::Temporary),
            ("internship", EmploymentType::Internship),
        ]
        .into_iter()
        .find(|(name, _)| caps.name(name).is_some())
        .map(|(_, kind)| (kind, whole.as_str()))
    })
}

/// Whether the mention at `start..end` is in a phrase about someone else.
fn about_others(text: &str, start: usize, end: usize) -> bool {
    let sentence_start = sentence_start(text, start);
    let after_end = (end + 30..=text.len().min(end + 33))
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    ABOUT_OTHERS.is_match(&text[sentence_start..start])
        || ABOUT_OTHERS.is_match(&text[end..after_end.max(end)])
}

/// Where the sentence holding byte `at` begins.
fn sentence_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use EmploymentType::*;

    #[test]
    fn metadata_values() {
        for (text, kind) in [
            ("Full-time", FullTime),
            ("FULL_TIME", FullTime),
            ("full time", FullTime),
            ("Fulltime", FullTime),
            ("Permanent", FullTime),
            ("Full-time (permanent)", FullTime),
            ("part-time", PartTime),
            ("PART_TIME", PartTime),
            ("contractor", Contract),
            ("CONTRACTOR", Contract),
            ("Freelance", Contract),
            ("C2C", Contract),
            ("Contract to hire", Contract),
            ("temp", Temporary),
            ("Fixed-term", Temporary),
            ("TEMPORARY", Temporary),
            ("intern", Internship),
            ("INTERN", Internship),
            ("Internship", Internship),
            ("Working student", Internship),
            ("Full-time or contract", FullTime),
            ("`Contract position`", Contract),
            ("CDD 18 mois", Temporary),
            ("Contract (6 months)", Contract),
            ("befristet auf 2 Jahre", Temporary),
            ("Completa", FullTime),
            ("Type: Full time", FullTime),
        ] {
            assert_eq!(parse(text), Some(kind), "{text}");
        }
    }

    #[test]
    fn not_metadata_values() {
        for text in [
            "",
            "Remote",
            "Engineering Intern",
            "Berlin",
            "Full-time, Remote",
            "VOLUNTEER",
            "$120k",
            "internal",
            "12 months",
            "type",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn stated_in_text() {
        assert_eq!(
            find("This is a full-time position based in Berlin."),
            Some(FullTime)
        );
        assert_eq!(find("Part time, 20 hours a week."), Some(PartTime));
        assert_eq!(
            find("A 6-month contract, possibly extended."),
            Some(Contract)
        );
        assert_eq!(find("We hire on a contract basis."), Some(Contract));
        assert_eq!(find("Freelance, remote, 3 months."), Some(Contract));
        assert_eq!(
            find("This is a fixed-term role for 12 months."),
            Some(Temporary)
        );
        assert_eq!(find("Summer Internship 2025"), Some(Internship));
        assert_eq!(find("Software Engineering Intern"), Some(Internship));
        assert_eq!(
            find("Full-time role; you will also mentor our intern."),
            Some(FullTime)
        );
        assert_eq!(
            find("No contractors please. This is a permanent position."),
            Some(FullTime)
        );
    }

    #[test]
    fn mentions_that_are_not_a_type() {
        for text in [
            "You will write smart contract code in Solidity.",
            "Experience with smart contract audits",
            "Background in contract law is a plus.",
            "We use internal tools and international teams.",
            "Temporary access to production is granted on call.",
            "Not a contract role",
            "We sometimes work with freelancers.",
            "Our contractors and interns",
            "",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["é", "💰 full-time", "intern\u{301}", "ﬁxed-term", "ǅ"] {
            let _ = parse(text);
            let _ = find(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,60}") {
            let _ = parse(&text);
            let _ = find(&text);
        }
    }

    #[test]
    fn hours_then_engagement_is_the_engagement() {
        assert_eq!(parse("Full-time Contract"), Some(Contract));
        assert_eq!(parse("PART-TIME"), Some(PartTime));
        assert_eq!(parse("Part-time internship"), Some(Internship));
        assert_eq!(parse("Full-time or contract"), Some(FullTime));
    }

    #[test]
    fn french_german_spanish_values() {
        for (text, kind) in [
            ("CDI", FullTime),
            ("Vollzeit", FullTime),
            ("Jornada completa", FullTime),
            ("Temps partiel", PartTime),
            ("Teilzeit", PartTime),
            ("Freelance / indépendant", Contract),
            ("CDD", Temporary),
            ("Intérim", Temporary),
            ("Stage", Internship),
            ("Alternance", Internship),
            ("Praktikum", Internship),
            ("Werkstudent", Internship),
            ("Prácticas", Internship),
            ("Beca", Internship),
        ] {
            assert_eq!(parse(text), Some(kind), "{text}");
        }
    }

    #[test]
    fn french_german_spanish_in_text() {
        assert_eq!(find("Offre de stage : développeuse web"), Some(Internship));
        assert_eq!(find("Stage conventionné de six mois."), Some(Internship));
        assert_eq!(
            find("Mission ouverte à un indépendant pour trois mois."),
            Some(Contract)
        );
        assert_eq!(find("Poste en CDI à Lyon."), Some(FullTime));
        assert_eq!(
            find("Die Stelle ist in Teilzeit zu besetzen."),
            Some(PartTime)
        );
        assert_eq!(find("Buscamos becario para prácticas."), Some(Internship));
        assert_eq!(find("We are an early stage startup."), None);
        assert_eq!(find("Status: Contractor"), Some(Contract));
        assert_eq!(find("5+ months contract, on site."), Some(Contract));
    }

    #[test]
    fn the_type_of_this_role_beats_one_about_others() {
        assert_eq!(
            find("We've had luck hiring full-time from here. Now we want part-time help, maybe leading to full time."),
            Some(PartTime)
        );
        assert_eq!(
            find("Join our full-time team as a contractor."),
            Some(Contract)
        );
        assert_eq!(find("Our full-time staff is small."), None);
    }

    #[test]
    fn a_negation_ends_with_its_sentence() {
        assert_eq!(
            find("No telecommuting. Full-time, Monday to Friday."),
            Some(FullTime)
        );
        assert_eq!(find("This is not a full-time role."), None);
    }
}
