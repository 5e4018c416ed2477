//! The hiring organization: from the title's tail or guessed from the text.

use std::sync::LazyLock;

use regex::Regex;

use super::ascii_regex;
use super::tags::Vocabulary;

/// One word of a name: `Acme`, `IT-Designers`, `Prolific.ac`, `2degrees`.
/// A word may end in a period (`Co.`, `Inc.`), which [`clean_name`] trims.
const NAME_WORD: &str = r"(?:[A-Z]|[0-9]+[a-z])[\w&.'’-]*[\w&.]";

/// A name as people write it: up to six capitalized words, maybe joined by
/// `of`, `the`, `for`, `and`, `&`, `de` (`Blue Sky Labs`, `Read the Docs`),
/// maybe after `The` (`The Lumen Institute`).
fn name() -> String {
    format!(
        r"((?:The[ \t]+)?{NAME_WORD}(?:[ \t]+(?:(?:of|the|for|and|&|de|du|des)[ \t]+)?{NAME_WORD}){{0,5}})"
    )
}

/// Where a sentence may start: a line start or after `. `.
const SENTENCE_START: &str = r"(?:^|[.!?]\s+)[ \t]*";

static AT_X_WE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?m){SENTENCE_START}At {}(?:\s*\([^)\n]*\))?,?\s+(?:we|our)\b",
        name()
    ))
});
/// "We at Acme are building", "Here at Acme, we".
static WE_AT_X: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?m){SENTENCE_START}(?:We|Here)\s+at\s+{}",
        name()
    ))
});
/// A paragraph opening with what the company does: "Acme Devices designs
/// data loggers", "Acme builds tools for farmers".
static X_DOES: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?m)^[ \t]*{}\s+(?:builds|makes|designs|develops|runs|helps|creates|provides|sells|operates|offers|powers|ships|forecasts|predicts)\b",
        name()
    ))
});
/// "Acme is hiring", "Acme, a bakery in Lyon, is looking for", "Acme recrute", "Acme sucht".
static X_IS_HIRING: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?m){SENTENCE_START}{}(?:\s*\([^)\n]*\))?(?:,[^.\n]{{0,120}},)?\s+(?:(?:is|are)\s+(?:\w+\s+){{0,2}}?(?:hiring|seeking|looking for|searching for|recruiting|building|growing)|recrute|sucht|busca|contrata)\b",
        name()
    ))
});
/// "Acme is a small software company", "Acme Inc is a team of".
static X_IS_A_COMPANY: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?m){SENTENCE_START}{}\s+(?:is|are|est|ist|es)\s+(?:a|an|the|une?|ein|eine|una?)\s+(?:[\w-]+\s+){{0,4}}?(?i:company|team|startup|start-up|agency|studio|firm|consultancy|organi[sz]ation|non-?profit|provider|platform|business|lab|entreprise|soci\S+t\S+|association|unternehmen|firma|empresa)\b",
        name()
    ))
});
static JOIN_X: LazyLock<Regex> = LazyLock::new(|| ascii_regex(&format!(r"\b[Jj]oin {}", name())));
/// A line of its own naming the company: "About Acme", "Acme Company", "Über Acme".
static ABOUT_X: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?m)^\s*(?:(?:About|Über|Sobre|Acerca de|À propos de)\s+{n}|{n}\s+(?:Company|Inc\.?))\s*[:.]?\s*$",
        n = name()
    ))
});
/// "Technical Coach @ Acme".
static AT_SIGN_X: LazyLock<Regex> = LazyLock::new(|| ascii_regex(&format!(r"\s@\s+{}", name())));
/// A YC batch or a link in parentheses: `(YC W17)`, `(https://acme.example)`,
/// `(acme.example)`.
static NAME_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\s*\((?:YC\s*)?[SWF]\d{2}\)|\s*\((?:YC[^)]*|[^)]*(?:://|www\.)[^)]*|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^)\s]*)?)\)",
    )
});

/// A German legal form ending a name: `GmbH`, `AG`, `GmbH & Co. KG`, `e.V.`.
static LEGAL_FORM_END: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"\s(?:GmbH|AG|KG|SE|UG|KGaA|e\.\s?V)\.?$"));

/// Capitalized words that start sentences rather than names.
const NOT_NAMES: &[&str] = &[
    "We",
    "Us",
    "Our",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "You",
    "Your",
    "It",
    "Its",
    "A",
    "An",
    "In",
    "At",
    "My",
    "Their",
    "They",
    "He",
    "She",
    "Here",
    "There",
    "If",
    "When",
    "As",
    "For",
    "With",
    "All",
    "Each",
    "Every",
    "Some",
    "Many",
    "Most",
    "Who",
    "What",
    "Why",
    "How",
    "Please",
    "Job",
    "Position",
    "Role",
    "Team",
    "Company",
    "Everyone",
    "One",
    "Today",
    "Now",
    "Applicants",
    "Candidates",
    "Interested",
    // Legal forms alone: "Co. KG" read from its last word.
    "GmbH",
    "KG",
    "AG",
    "Inc",
    "Ltd",
    "LLC",
    "Co",
    "SA",
];

/// Free mail providers and hosting sites say nothing about the employer.
const FREE_MAIL: &[&str] = &[
    "gmail",
    "googlemail",
    "google",
    "yahoo",
    "hotmail",
    "outlook",
    "live",
    "icloud",
    "me",
    "aol",
    "protonmail",
    "proton",
    "gmx",
    "mail",
    "yandex",
    "fastmail",
    "zoho",
    "github",
    "gitlab",
    "example",
];
/// Second-level labels that are part of the suffix, not the name: `acme.com.br`.
const GENERIC_LABELS: &[&str] = &[
    "com", "co", "org", "net", "gov", "gouv", "gob", "edu", "ac", "or", "ne", "go", "mil", "int",
    "info", "biz",
];
/// Public bodies' domains name a service, not the employer (`beta.gouv.fr`).
const PUBLIC_LABELS: &[&str] = &["gov", "gouv", "gob", "edu", "ac", "mil"];

/// Guesses the company from the text, most specific clue first: "At X, we"
/// or "We at X", an explicit tag that is not a skill but a name the text capitalizes,
/// "X is hiring", "X is a company", "join X", a line "About X", a paragraph
/// opening "X builds", "@ X", and last the apply e-mail's domain.
pub fn infer(
    title: &str,
    text: &str,
    explicit_tags: &[String],
    vocabulary: &Vocabulary,
    apply_domain: Option<&str>,
) -> Option<String> {
    let title_and_text = format!("{title}\n{text}");
    // "Kubernetes is growing" names a skill, not an employer.
    let is_skill = |name: &str| {
        vocabulary
            .canonical(name)
            .is_some_and(|tag| vocabulary.is_skill(&tag))
    };
    let first_name = |pattern: &Regex, text: &str| {
        pattern
            .captures_iter(text)
            .filter_map(|c| c.iter().skip(1).flatten().next())
            .map(|m| clean_name(m.as_str()))
            .find(|name| could_be_a_name(name) && !is_skill(name))
    };
    first_name(&AT_X_WE, text)
        .or_else(|| first_name(&WE_AT_X, text))
        .or_else(|| tag_named_in_text(&title_and_text, explicit_tags, vocabulary))
        .or_else(|| first_name(&X_IS_HIRING, &title_and_text))
        .or_else(|| first_name(&X_IS_A_COMPANY, text))
        .or_else(|| first_name(&JOIN_X, text))
        .or_else(|| first_name(&ABOUT_X, text))
        .or_else(|| first_name(&X_DOES, text))
        .or_else(|| first_name(&AT_SIGN_X, &title_and_text))
        .or_else(|| {
            let name = apply_domain.and_then(company_from_domain)?;
            Some(spelled_in_text(&name, &title_and_text).unwrap_or(name))
        })
}

/// Words that end an organization's name: "McMaster University",
/// "MIPS Technologies", "Lumen Labs".
const NAME_ENDINGS: &[&str] = &[
    "University",
    "College",
    "Institute",
    "Foundation",
    "Technologies",
    "Technology",
    "Software",
    "Systems",
    "Solutions",
    "Networks",
    "Labs",
    "Laboratories",
    "Media",
    "Group",
    "Studios",
    "Studio",
    "Games",
    "Devices",
    "Instruments",
    "Analytics",
    "Robotics",
    "Health",
    "Digital",
    "Energy",
    "Works",
    "Partners",
    "Consulting",
    "Corporation",
    "Inc",
    "Ltd",
    "GmbH",
    "LLC",
];

/// How the text writes a name guessed from a domain: `Redstartwholesale`
/// is "Redstart Wholesale" when the text has those capitalized words, and
/// `mcmaster` is "McMaster University" when the text writes it so.
fn spelled_in_text(glued: &str, text: &str) -> Option<String> {
    const MAX_WORDS: usize = 4;
    let glued = glued.to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len()).find_map(|start| {
        let mut joined = String::new();
        for (n, word) in words[start..].iter().take(MAX_WORDS).enumerate() {
            if !word.starts_with(char::is_uppercase) {
                return None;
            }
            joined.extend(
                word.chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase),
            );
            if !glued.starts_with(&joined) {
                return None;
            }
            if joined == glued {
                // "MIPS Technologies needs…": the kind of organization that
                // follows is part of the name as people write it.
                let end = start + n + 1;
                let kind = words[end..]
                    .iter()
                    .take_while(|w| NAME_ENDINGS.contains(w))
                    .count();
                return Some(words[start..end + kind].join(" "));
            }
        }
        None
    })
}

/// Whether words picked as a name could be one: not a pronoun or sentence
/// opener ("We", "The Team"), not a role ("Senior Engineer").
pub fn could_be_a_name(name: &str) -> bool {
    // "The Lumen Institute" is a name, "The Team" is not.
    let own = name.strip_prefix("The ").unwrap_or(name);
    !own.is_empty()
        && !NOT_NAMES.contains(&own.split_whitespace().next().unwrap_or(""))
        && !names_a_role(name)
}

/// A company name without what people write around it: `(YC W17)`,
/// `(https://…)`, a possessive `'s`, trailing punctuation, the German article
/// of a registered firm (`Die Acme GmbH`).
pub fn clean_name(name: &str) -> String {
    let name = NAME_NOISE.replace_all(name, "");
    let name = name.trim().trim_end_matches([',', ';', ':', '.', '!']);
    let name = ["Die ", "Der ", "Das "]
        .iter()
        .find_map(|article| name.strip_prefix(article))
        .filter(|firm| LEGAL_FORM_END.is_match(firm))
        .unwrap_or(name);
    let name = name
        .strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .unwrap_or(name);
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `mozilla` tagged, and "Mozilla" written in the text: the text's spelling.
fn tag_named_in_text(text: &str, tags: &[String], vocabulary: &Vocabulary) -> Option<String> {
    tags.iter()
        .filter(|t| !vocabulary.is_skill(t) && t.len() > 2 && !t.contains('-') && !names_a_role(t))
        .find_map(|tag| {
            text.split(|c: char| !c.is_alphanumeric())
                .find(|w| w.eq_ignore_ascii_case(tag) && w.starts_with(char::is_uppercase))
                .map(str::to_string)
        })
}

/// `jobs.rackspace.com` -> `Rackspace`, from the registrable domain's own
/// label; none from mail providers, hosting sites or public bodies.
fn company_from_domain(domain: &str) -> Option<String> {
    let mut labels: Vec<&str> = domain.split('.').collect();
    labels.pop()?; // the top-level domain
    let mut public = false;
    while labels.len() > 1 && GENERIC_LABELS.contains(labels.last()?) {
        public |= PUBLIC_LABELS.contains(labels.last()?);
        labels.pop();
    }
    let name = *labels.last()?;
    if public || GENERIC_LABELS.contains(&name) || FREE_MAIL.contains(&name) || name.len() < 2 {
        return None;
    }
    let mut chars = name.chars();
    let first = chars.next()?.to_uppercase();
    Some(first.chain(chars).collect())
}

const SEPARATORS: &[&str] = &[" - ", " – ", " — ", " at ", " @ ", " | ", " // "];

/// `Backend Engineer - Olark` -> (`Backend Engineer`, `Olark`), when the tail
/// is a short capitalized name and not a place or a remote note; the name's
/// own place goes ("Olark, Boston", "Olark (Boston, MA)"), and so does the
/// word "job" after the role ("Kernel Engineer job at Olark").
pub fn split_title(title: &str) -> Option<(String, String)> {
    let (sep_at, sep) = SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, *sep)))
        .max_by_key(|(i, _)| *i)?;
    let role = title[..sep_at].trim();
    let role = [" job", " position", " opening", " vacancy"]
        .iter()
        .find_map(|word| role.strip_suffix(word))
        .filter(|rest| names_a_role(rest))
        .unwrap_or(role);
    let tail = without_its_place(title[sep_at + sep.len()..].trim());
    let words = tail.split_whitespace().count();
    let is_name = (1..=4).contains(&words)
        && tail.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !super::location::looks_like_place(tail)
        && !tail.to_lowercase().contains("remote")
        && names_a_role(role);
    is_name.then(|| (role.to_string(), tail.to_string()))
}

/// A name without the place written after it: `Olark, Boston`, `Olark (Boston, MA)`.
fn without_its_place(name: &str) -> &str {
    let place_at = match name.strip_suffix(')').and_then(|n| n.rfind('(')) {
        Some(open) => Some((open, &name[open + 1..name.len() - 1])),
        None => name.rfind(", ").map(|comma| (comma, &name[comma + 2..])),
    };
    match place_at {
        Some((at, place)) if at > 0 && super::location::looks_like_place(place) => {
            name[..at].trim()
        }
        _ => name,
    }
}

/// Drops ` - Company` (or `at Company`) from the end of a title naming it.
pub fn strip_trailing_company(title: &str, company: &str) -> String {
    for sep in SEPARATORS {
        if let Some(role) = title
            .strip_suffix(company)
            .and_then(|t| t.strip_suffix(sep))
        {
            if !role.trim().is_empty() {
                return role.trim().to_string();
            }
        }
    }
    title.to_string()
}

const ROLE_WORDS: &[&str] = &[
    "engineer",
    "developer",
    "programmer",
    "manager",
    "designer",
    "scientist",
    "analyst",
    "architect",
    "lead",
    "head",
    "director",
    "intern",
    "internship",
    "sre",
    "dba",
    "sysadmin",
    "devops",
    "administrator",
    "writer",
    "advocate",
    "researcher",
    "specialist",
    "consultant",
    "cto",
    "vp",
    "officer",
    "technician",
    "tester",
    "recruiter",
    "hiring",
    "job",
    "position",
    "role",
    "opening",
    "wanted",
    "coordinator",
    "assistant",
    "editor",
    "support",
    "sales",
    "marketing",
    "qa",
    "swe",
    "founding",
    "staff",
    "principal",
    "senior",
    "junior",
    "frontend",
    "backend",
    "fullstack",
    // French, German, Spanish.
    "développeur",
    "développeuse",
    "developpeur",
    "ingénieur",
    "ingénieure",
    "stagiaire",
    "entwickler",
    "entwicklerin",
    "ingenieur",
    "ingenieurin",
    "werkstudent",
    "praktikant",
    "praktikantin",
    "desarrollador",
    "desarrolladora",
    "ingeniero",
    "ingeniera",
    "programador",
    "programadora",
];

/// Section headings that open a posting's parts, not names.
const SECTION_WORDS: &[&str] = &[
    "About",
    "Responsibilities",
    "Requirements",
    "Qualifications",
    "Description",
    "Overview",
    "Summary",
    "Benefits",
    "Perks",
    "Details",
    "Location",
    "Salary",
    "Compensation",
    "Tasks",
    "Profile",
    "Skills",
    "Who",
    "Why",
    "How",
    "Where",
    "When",
    "Apply",
    "Contact",
    "Introduction",
];

/// A short line that is only a name, as a company line under a title:
/// "Otter Bakery Ltd", not "Responsibilities", "Lyon, France" or a sentence.
pub fn is_name_line(line: &str, currency: &str) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    let connector =
        |w: &&str| matches!(*w, "of" | "the" | "for" | "and" | "&" | "de" | "du" | "des");
    (1..=5).contains(&words.len())
        && line.len() <= 60
        && !line.ends_with(['.', ':', '?', '!', ';', ','])
        && !line.contains(['@', '|', ':'])
        && !line.contains("://")
        && words
            .iter()
            .filter(|w| !connector(w))
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        && !NOT_NAMES.contains(&words[0])
        && !SECTION_WORDS.contains(&words[0])
        && !names_a_role(line)
        && !super::location::looks_like_place(line)
        && super::salary::parse(line, currency).is_none()
}

/// Words only job ads use, in English, French, German and Spanish. Not a
/// bare "apply" or "candidate": release notes apply patches and ship
/// release candidates.
static HIRING_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(?:hiring|we(?:'re|’re| are) (?:looking for|seeking)|is seeking|looking to hire|join our team|apply (?:now|here|today|online|at|via|through)|apply by (?:e-?mail|sending)|applicants?|(?:ideal|successful|right|strong|qualified|suitable) candidates?|this (?:position|role)|the (?:position|role) (?:is|will|requires|involves|includes|offers)|job (?:opening|offer|description|posting)|open (?:position|role)s?|(?:an )?openings? for|positions? (?:available|open)|vacanc\w+|salary|full[- ]time|part[- ]time|internship|responsibilities|qualifications|years of (?:professional |relevant )?experience|recrut\w*|nous recherchons|poste|candidatur\w*|candidater|postuler|candidat[oa]s|stelle|bewerb\w*|wir suchen|wir bieten|(?:ihr|dein) profil|empleo|puesto|vacante|buscamos|requisitos)\b|\b(?:how )?to apply\s*(?:[:.!?\n]|$)|\([mwfd]/[mwfd](?:/[dix])?\)",
    )
});

/// Whether a posting reads as a job ad: a role in its title, or hiring
/// words in its text. A picnic report has neither.
pub fn reads_as_job_ad(title: &str, text: &str) -> bool {
    names_a_role(title) || HIRING_WORDS.is_match(title) || HIRING_WORDS.is_match(text)
}

/// Whether a title names a job ("Senior Engineer", "Baker wanted", "... is hiring").
pub fn names_a_role(title: &str) -> bool {
    title
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .any(|w| {
            ROLE_WORDS
                .iter()
                .any(|r| w == *r || (w.len() > r.len() && w.starts_with(r) && w.ends_with('s')))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_guess_takes_the_spelling_and_kind_the_text_gives_it() {
        let text = "Kestrel Labs builds radios. Write to jobs@kestrellabs.example.";
        assert_eq!(
            spelled_in_text("Kestrellabs", text).as_deref(),
            Some("Kestrel Labs")
        );
        let text = "Join the team at McTavish University in Perth.";
        assert_eq!(
            spelled_in_text("Mctavish", text).as_deref(),
            Some("McTavish University")
        );
        let text = "ORBO Technologies needs a firmware engineer.";
        assert_eq!(
            spelled_in_text("Orbo", text).as_deref(),
            Some("ORBO Technologies")
        );
        // Lowercase words are prose, not the name.
        assert_eq!(spelled_in_text("Orbo", "we use orbo daily"), None);
    }
    use std::collections::BTreeMap;

    fn vocab() -> Vocabulary {
        Vocabulary::new(&BTreeMap::new())
    }

    #[test]
    fn at_x_we() {
        let text = "Hello.\n\nAt Rackspace, we pride ourselves in things.";
        assert_eq!(
            infer("Dev", text, &[], &vocab(), None).as_deref(),
            Some("Rackspace")
        );
    }

    #[test]
    fn a_tag_the_text_capitalizes() {
        let tags = vec!["mozilla".to_string()];
        let got = infer(
            "Mozilla Services is hiring",
            "My team at Mozilla (Services)",
            &tags,
            &vocab(),
            None,
        );
        assert_eq!(got.as_deref(), Some("Mozilla"));
    }

    #[test]
    fn is_hiring_and_join() {
        assert_eq!(
            infer("Blue Labs is hiring", "", &[], &vocab(), None).as_deref(),
            Some("Blue Labs")
        );
        assert_eq!(
            infer("Dev", "Come and join Acme Corp today", &[], &vocab(), None).as_deref(),
            Some("Acme Corp")
        );
        assert_eq!(
            infer("Dev", "Join us and join the team", &[], &vocab(), None),
            None
        );
    }

    #[test]
    fn e_mail_domain_is_the_last_resort() {
        assert_eq!(
            infer("Dev", "", &[], &vocab(), Some("jobs.rackspace.com")).as_deref(),
            Some("Rackspace")
        );
        assert_eq!(infer("Dev", "", &[], &vocab(), Some("gmail.com")), None);
        assert_eq!(
            infer(
                "Dev",
                "Kettle Hill Bakery, Leeds. Mail us at bakery@kettlehill.example",
                &[],
                &vocab(),
                Some("kettlehillbakery.example")
            )
            .as_deref(),
            Some("Kettle Hill Bakery"),
            "the domain's name as the text spells it"
        );
    }

    fn guess(text: &str) -> Option<String> {
        infer("Dev", text, &[], &vocab(), None)
    }

    #[test]
    fn names_from_prose() {
        for (text, company) in [
            (
                "Lumen Robotics is seeking a firmware engineer.",
                "Lumen Robotics",
            ),
            (
                "Intro.\nLumen, a robotics startup in Porto, is currently looking for makers.",
                "Lumen",
            ),
            ("Read the Words is hiring!", "Read the Words"),
            ("At 3fold, we build sheds.", "3fold"),
            ("At Lumen (lumen.example), we build robots.", "Lumen"),
            ("Lumen Inc is a team of forty engineers.", "Lumen Inc"),
            ("Lumen est une Startup de la santé.", "Lumen"),
            (
                "The Lumen Institute is seeking a developer.",
                "The Lumen Institute",
            ),
            ("Come and join Lumen's small team.", "Lumen"),
            ("Lumen recrute un développeur.", "Lumen"),
            ("Die Lumen GmbH sucht Verstärkung.", "Lumen GmbH"),
            ("We at Lumen are building lamps.", "Lumen"),
            ("Intro.\nHere at Lumen Labs, we build lamps.", "Lumen Labs"),
            ("Lumen Devices designs lamps for boats.", "Lumen Devices"),
            ("Details below.\n\nAbout Lumen:\nWe make lamps.", "Lumen"),
            ("Lumen Company:\nWe make lamps.", "Lumen"),
        ] {
            assert_eq!(guess(text).as_deref(), Some(company), "{text}");
        }
        assert_eq!(
            infer("Coach @ Lumen (remote)", "", &[], &vocab(), None).as_deref(),
            Some("Lumen")
        );
        assert_eq!(guess("The team is hiring. Our product is growing."), None);
        assert_eq!(guess("Python is growing fast."), None);
        assert_eq!(guess("The Team is hiring."), None);
        assert_eq!(guess("Our team builds lamps."), None);
        assert_eq!(guess("Python makes it easy."), None);
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("Lumen (YC W19)"), "Lumen");
        assert_eq!(clean_name("Lumen (https://lumen.example)"), "Lumen");
        assert_eq!(clean_name("Lumen (lumen-lamps.example)"), "Lumen");
        assert_eq!(clean_name("Lumen’s"), "Lumen");
        assert_eq!(clean_name("Die Lumen GmbH"), "Lumen GmbH");
        assert_eq!(clean_name("Die Ärzte"), "Die Ärzte");
        assert_eq!(clean_name("Lab for Light (UNL)"), "Lab for Light (UNL)");
    }

    #[test]
    fn domains_give_only_their_own_name() {
        let from = |d: &str| infer("Dev", "", &[], &vocab(), Some(d));
        assert_eq!(from("lumen.com.br").as_deref(), Some("Lumen"));
        assert_eq!(from("lumen.co.uk").as_deref(), Some("Lumen"));
        assert_eq!(from("team.beta.gouv.fr"), None);
        assert_eq!(from("users.github.com"), None);
    }

    #[test]
    fn a_role_word_tag_is_no_company() {
        let tags = vec!["developer".to_string()];
        assert_eq!(infer("Senior Developer", "", &tags, &vocab(), None), None);
    }

    #[test]
    fn name_lines() {
        assert!(is_name_line("Otter Bakery Ltd", "USD"));
        assert!(is_name_line("Read the Words", "USD"));
        for line in [
            "Responsibilities",
            "About the role",
            "We bake bread.",
            "Senior Baker",
            "Salary: $50k",
            "https://otter.example",
        ] {
            assert!(!is_name_line(line, "USD"), "{line}");
        }
    }

    #[test]
    fn job_ads_and_other_posts() {
        assert!(reads_as_job_ad("Senior Baker", ""));
        assert!(reads_as_job_ad(
            "gardening evangelist",
            "Sounds fun? You could be a good fit for this role."
        ));
        assert!(reads_as_job_ad(
            "Boulanger",
            "Nous recrutons pour un poste en CDI."
        ));
        assert!(!reads_as_job_ad(
            "Our summer picnic",
            "We ate cake by the river and played games."
        ));
        for role in [
            "Développeuse Rust",
            "Java-Entwicklerin",
            "Desarrollador web",
        ] {
            assert!(names_a_role(role), "{role}");
        }
    }

    #[test]
    fn title_tails() {
        assert_eq!(
            split_title("Backend Python Engineer - Olark"),
            Some(("Backend Python Engineer".into(), "Olark".into()))
        );
        assert_eq!(
            split_title("Data Engineer at Blue Sky"),
            Some(("Data Engineer".into(), "Blue Sky".into()))
        );
        assert_eq!(split_title("Backend Engineer - Remote"), None);
        assert_eq!(
            split_title("Kernel Engineer job at Blue Sky Devices, Cambridge"),
            Some(("Kernel Engineer".into(), "Blue Sky Devices".into()))
        );
        assert_eq!(
            split_title("opening at Blue Sky Software (Sunnyvale, CA)"),
            Some(("opening".into(), "Blue Sky Software".into()))
        );
        assert_eq!(strip_trailing_company("Dev // Blue Sky", "Blue Sky"), "Dev");
        assert_eq!(split_title("Mozilla Services is hiring"), None);
        assert_eq!(strip_trailing_company("Dev - Olark", "Olark"), "Dev");
        assert_eq!(strip_trailing_company("Olark", "Olark"), "Olark");
    }
}
