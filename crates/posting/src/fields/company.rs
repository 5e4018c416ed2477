//! The hiring organization: from the title's tail or guessed from the text.

use std::sync::LazyLock;

use regex::Regex;

use super::tags::Vocabulary;

/// A name as people write it: up to four capitalized words (`Acme`, `Blue Sky Labs`).
const NAME: &str = r"([A-Z][\w&.'’-]*[\w&](?:\s+(?:[A-Z][\w&.'’-]*[\w&]|&|of|de)){0,3})";

static AT_X_WE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?m)(?:^|[.!?]\s+|\n)\s*At {NAME},?\s+(?:we|our)\b"
    ))
    .expect("valid regex")
});
static X_IS_HIRING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b{NAME} (?:is|are) hiring\b")).expect("valid regex"));
static JOIN_X: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b[Jj]oin {NAME}")).expect("valid regex"));

/// Capitalized words that start sentences rather than names.
const NOT_NAMES: &[&str] = &[
    "We", "Us", "Our", "The", "This", "That", "These", "Those", "You", "Your", "It", "Its", "A",
    "An", "In", "At", "My", "Their", "They", "He", "She", "Here", "There",
];

/// Free mail providers say nothing about the employer.
const FREE_MAIL: &[&str] = &[
    "gmail",
    "googlemail",
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
];

/// Guesses the company from the text, most specific clue first: "At X, we",
/// an explicit tag that is not a skill but a name the text capitalizes,
/// "X is hiring", "join X", and last the apply e-mail's domain.
pub fn infer(
    title: &str,
    text: &str,
    explicit_tags: &[String],
    vocabulary: &Vocabulary,
    apply_domain: Option<&str>,
) -> Option<String> {
    let title_and_text = format!("{title}\n{text}");
    first_name(&AT_X_WE, text)
        .or_else(|| tag_named_in_text(&title_and_text, explicit_tags, vocabulary))
        .or_else(|| first_name(&X_IS_HIRING, &title_and_text))
        .or_else(|| first_name(&JOIN_X, text))
        .or_else(|| apply_domain.and_then(company_from_domain))
}

fn first_name(pattern: &Regex, text: &str) -> Option<String> {
    pattern
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str().trim_end_matches(['.', '\'', '’']).to_string())
        .find(|name| !NOT_NAMES.contains(&name.split_whitespace().next().unwrap_or("")))
}

/// `mozilla` tagged, and "Mozilla" written in the text: the text's spelling.
fn tag_named_in_text(text: &str, tags: &[String], vocabulary: &Vocabulary) -> Option<String> {
    tags.iter()
        .filter(|t| !vocabulary.is_skill(t) && t.len() > 2 && !t.contains('-'))
        .find_map(|tag| {
            text.split(|c: char| !c.is_alphanumeric())
                .find(|w| w.eq_ignore_ascii_case(tag) && w.starts_with(char::is_uppercase))
                .map(str::to_string)
        })
}

/// `rackspace.com` -> `Rackspace`.
fn company_from_domain(domain: &str) -> Option<String> {
    let labels: Vec<&str> = domain.split('.').collect();
    let name = labels.len().checked_sub(2).map(|i| labels[i])?;
    if FREE_MAIL.contains(&name) || name.len() < 2 {
        return None;
    }
    let mut chars = name.chars();
    let first = chars.next()?.to_uppercase();
    Some(first.chain(chars).collect())
}

const SEPARATORS: &[&str] = &[" - ", " – ", " — ", " at ", " @ ", " | "];

/// `Backend Engineer - Olark` -> (`Backend Engineer`, `Olark`), when the tail
/// is a short capitalized name and not a place or a remote note.
pub fn split_title(title: &str) -> Option<(String, String)> {
    let (sep_at, sep) = SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, *sep)))
        .max_by_key(|(i, _)| *i)?;
    let role = title[..sep_at].trim();
    let tail = title[sep_at + sep.len()..].trim();
    let words = tail.split_whitespace().count();
    let is_name = (1..=4).contains(&words)
        && tail.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !super::location::looks_like_place(tail)
        && !tail.to_lowercase().contains("remote")
        && names_a_role(role);
    is_name.then(|| (role.to_string(), tail.to_string()))
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
];

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
        assert_eq!(split_title("Mozilla Services is hiring"), None);
        assert_eq!(strip_trailing_company("Dev - Olark", "Olark"), "Dev");
        assert_eq!(strip_trailing_company("Olark", "Olark"), "Olark");
    }
}
