//! Hacker News "Who is hiring" lines: `Company | Role | Place | REMOTE | $x | URL`
//! in any order (or the same fields between dashes: `Acme - Role - Remote (US)`),
//! then a plain-text body.

use crate::recognize::company::{self, names_a_role};
use crate::recognize::{employment, location, salary};
use crate::{Draft, Format, Markup};

/// At least three `|`-separated short fields, and not a Markdown table row;
/// or a line of dash-separated fields that reads as one (see [`is_dash_line`]).
pub fn looks_like_hn(first_line: &str, currency: &str) -> bool {
    let line = first_line.trim();
    if line.starts_with('|') || line.ends_with('|') {
        return false;
    }
    if !line.contains('|') {
        return is_dash_line(line, currency);
    }
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    (3..=12).contains(&fields.len())
        && fields
            .iter()
            .all(|f| !f.is_empty() && f.chars().count() <= 120)
}

/// `Acme (YC S21) - Backend Engineer - Remote (US) - $150k`: the company
/// first, a role, and at least two fields that are plainly a place, a work
/// place, a figure, a contract type or a link. A title such as
/// `Senior Engineer - Fintech - London` starts with its role and stays one.
fn is_dash_line(line: &str, currency: &str) -> bool {
    let fields = split_dashes(line);
    let plain = fields
        .iter()
        .filter(|f| classify(f, currency).is_some())
        .count();
    (3..=8).contains(&fields.len())
        && fields.iter().all(|f| f.chars().count() <= 80)
        && !names_a_role(fields[0])
        && fields[1..].iter().any(|f| names_a_role(f))
        && plain >= 2
}

/// `currency` is the site's, for figures without one.
pub fn parse(text: &str, currency: &str) -> Draft {
    let mut draft = Draft::new(Format::Hn, Markup::Markdown);
    let start = text.lines().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let line_no = start + 1;
    let first = text.lines().nth(start).unwrap_or("");
    let fields: Vec<&str> = if first.contains('|') {
        first
            .split('|')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect()
    } else {
        split_dashes(first)
    };
    let mut fields = fields.into_iter();
    let mut unclassified = Vec::new();
    // The company comes first by convention, maybe with a place or a tagline
    // after a dash: "Acme -- Berlin", "Acme - The Privacy Co".
    if let Some(head) = fields.next() {
        let mut parts = split_dashes(head).into_iter();
        let name = parts.next().unwrap_or(head);
        // "Prolific.ac" first is a name, though elsewhere a bare domain is a link.
        match classify(name, currency) {
            Some(key) if (key != "location" || is_work_place(name)) && !is_bare_domain(name) => {
                draft.guessed(key, url_or_text(key, name), line_no);
            }
            _ => draft.guessed("company", company::clean_name(name), line_no),
        }
        for part in parts {
            if let Some(key) = classify(part, currency) {
                draft.guessed(key, url_or_text(key, part), line_no);
            }
        }
    }
    for field in fields {
        for (key, part) in classified_parts(field, currency) {
            match key {
                Some(key) => draft.guessed(key, url_or_text(key, part), line_no),
                None => unclassified.push(part),
            }
        }
    }
    // The role is the field naming a job (or the one field left), without
    // the stack after a dash.
    let title = unclassified
        .iter()
        .find(|f| names_a_role(f))
        .or_else(|| (unclassified.len() == 1).then(|| &unclassified[0]));
    if let Some(title) = title {
        let role = role_without_stack(title, &mut draft, line_no, currency);
        draft.guessed("title", role, line_no);
    }
    draft.body_line = line_no + 1;
    draft.body = super::rest_of(text, draft.body_line);
    draft
}

/// "Web Developer - Python, React" -> "Web Developer"; "Engineer - Remote"
/// gives its place to the location; "Engineer - Platform" stays whole.
fn role_without_stack(field: &str, draft: &mut Draft, line_no: usize, currency: &str) -> String {
    let mut parts = split_dashes(field).into_iter();
    let Some(role) = parts.next().filter(|r| names_a_role(r)) else {
        return field.to_string();
    };
    let mut kept = vec![role];
    for tail in parts {
        match classify(tail, currency) {
            Some(key) => draft.guessed(key, url_or_text(key, tail), line_no),
            None if tail.contains([',', '/', '+']) => {} // a list of skills
            None => kept.push(tail),
        }
    }
    kept.join(" - ")
}

/// `Acme -- Berlin` -> [`Acme`, `Berlin`]; a hyphen inside a word stays.
fn split_dashes(field: &str) -> Vec<&str> {
    let mut parts = vec![field];
    for dash in [" -- ", " - ", " – ", " — "] {
        parts = parts
            .into_iter()
            .flat_map(|p| p.split(dash))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
    }
    parts
}

/// A field, or its comma-separated parts when some part is plainly a link,
/// a figure, a contract type or a work place ("$100k, equity, Full Time, onsite");
/// "San Francisco, CA" stays whole. Parts of no kind ("equity") are dropped.
fn classified_parts<'a>(field: &'a str, currency: &str) -> Vec<(Option<&'static str>, &'a str)> {
    let parts: Vec<&str> = field.split(", ").map(str::trim).collect();
    let plain = |part: &str| match classify(part, currency) {
        Some("location") => is_work_place(part),
        Some(_) => true,
        None => false,
    };
    if parts.len() > 1 && parts.iter().any(|p| plain(p)) {
        parts
            .into_iter()
            .filter_map(|p| classify(p, currency).map(|key| (Some(key), p)))
            .collect()
    } else {
        vec![(classify(field, currency), field)]
    }
}

/// "REMOTE", "Onsite", "Remote (US only)", "hybrid", Spanish "Remoto (LATAM)".
fn is_work_place(field: &str) -> bool {
    let lower = field.to_ascii_lowercase();
    matches!(
        lower.split([' ', '(', ',']).next(),
        Some("remote" | "onsite" | "on-site" | "hybrid" | "remoto" | "presencial" | "híbrido")
    )
}

/// `acme.io`, `acme.example/jobs`: a link written without its scheme.
fn is_bare_domain(field: &str) -> bool {
    let host = field.split('/').next().unwrap_or(field);
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

fn classify(field: &str, currency: &str) -> Option<&'static str> {
    let lower = field.to_ascii_lowercase();
    let bare = lower.trim_end_matches('/');
    let is_url = bare.starts_with("http://")
        || bare.starts_with("https://")
        || bare.starts_with("www.")
        || is_bare_domain(field);
    let is_email = !field.contains(' ') && field.contains('@') && field.contains('.');
    if is_url || is_email {
        Some("apply")
    } else if is_work_place(field) || location::looks_like_place(field) {
        Some("location")
    } else if salary::parse(field, currency).is_some() {
        Some("salary")
    } else if employment::parse(field).is_some() {
        Some("employment_type")
    } else {
        None
    }
}

fn url_or_text(key: &str, field: &str) -> String {
    match key {
        "apply" if field.contains('@') && !field.contains("://") => format!("mailto:{field}"),
        "apply" if !field.contains("://") => format!("https://{field}"),
        _ => field.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On a site whose currency is the dollar.
    fn parse(text: &str) -> Draft {
        super::parse(text, "USD")
    }

    #[test]
    fn role_and_company_from_any_order() {
        let d = parse("Acme Robotics | https://acme.example/jobs | Senior Backend Engineer | REMOTE\n\nWe build robots.\n");
        let get = |k: &str| d.meta.iter().find(|m| m.key == k).map(|m| m.value.clone());
        assert_eq!(get("company").unwrap(), "Acme Robotics");
        assert_eq!(get("title").unwrap(), "Senior Backend Engineer");
        assert_eq!(get("apply").unwrap(), "https://acme.example/jobs");
        assert_eq!(get("location").unwrap(), "REMOTE");
        assert_eq!(d.body.trim(), "We build robots.");
        assert!(d.meta.iter().all(|m| !m.stated));
    }

    fn values(d: &Draft, key: &str) -> Vec<String> {
        d.meta
            .iter()
            .filter(|m| m.key == key)
            .map(|m| m.value.as_str().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn the_company_field_loses_its_batch_link_place_and_tagline() {
        for (line, company, places) in [
            (
                "Otterly (YC S21) | Data Engineer | Lisbon",
                "Otterly",
                vec!["Lisbon"],
            ),
            (
                "Otterly (https://otterly.example) | Data Engineer | Lisbon",
                "Otterly",
                vec!["Lisbon"],
            ),
            (
                "Otterly - Rafts for Everyone | Data Engineer | REMOTE",
                "Otterly",
                vec!["REMOTE"],
            ),
            (
                "Otterly -- Lisbon (ONSITE) | Data Engineer | Full-Time | Stock options",
                "Otterly",
                vec!["Lisbon (ONSITE)"],
            ),
        ] {
            let d = parse(&format!("{line}\n\nBody.\n"));
            assert_eq!(values(&d, "company"), [company], "{line}");
            assert_eq!(values(&d, "title"), ["Data Engineer"], "{line}");
            assert_eq!(values(&d, "location"), places, "{line}");
        }
    }

    #[test]
    fn comma_lists_in_a_field_are_read_part_by_part() {
        let d = parse("Brightwater | Backend Developer | Porto | $90k-120k, equity, Full Time, onsite | https://brightwater.example/\n");
        assert_eq!(values(&d, "salary"), ["$90k-120k"]);
        assert_eq!(values(&d, "employment_type"), ["Full Time"]);
        assert_eq!(values(&d, "location"), ["Porto", "onsite"]);
        assert_eq!(values(&d, "apply"), ["https://brightwater.example/"]);
        let d = parse("Brightwater | Backend Developer | Austin, TX | REMOTE, https://brightwater.example/jobs\n");
        assert_eq!(values(&d, "location"), ["Austin, TX", "REMOTE"]);
        assert_eq!(values(&d, "apply"), ["https://brightwater.example/jobs"]);
    }

    #[test]
    fn a_bare_domain_is_a_link_except_as_the_company() {
        let d = parse("Quill.io | story editor | Remote | quill.io/jobs\n");
        assert_eq!(values(&d, "company"), ["Quill.io"]);
        assert_eq!(values(&d, "apply"), ["https://quill.io/jobs"]);
        assert_eq!(values(&d, "title"), ["story editor"]);
    }

    #[test]
    fn the_role_keeps_its_words_and_drops_its_stack() {
        let d = parse("Brightwater | Mobile App Developer - Kotlin, Swift | Oslo\n");
        assert_eq!(values(&d, "title"), ["Mobile App Developer"]);
        let d = parse("Brightwater | Site Reliability Engineer - Platform | Oslo\n");
        assert_eq!(
            values(&d, "title"),
            ["Site Reliability Engineer - Platform"]
        );
        let d = parse("Brightwater | Data Engineer - REMOTE | $100k\n");
        assert_eq!(values(&d, "title"), ["Data Engineer"]);
        assert_eq!(values(&d, "location"), ["REMOTE"]);
        let d = parse("Brightwater | Full-time | ONSITE | Oslo\n\nWe need a tester.\n");
        assert!(values(&d, "title").is_empty());
        assert_eq!(values(&d, "company"), ["Brightwater"]);
    }

    #[test]
    fn tables_are_not_hn_lines() {
        assert!(!looks_like_hn("| a | b | c |", "USD"));
        assert!(looks_like_hn("Acme | Engineer | Berlin", "USD"));
        assert!(!looks_like_hn("Acme | Engineer", "USD"));
    }

    #[test]
    fn dash_separated_lines_are_read_like_piped_ones() {
        let line = "Otterly (YC S21) - Senior Data Engineer - Remote (EU) - €80k-€95k";
        assert!(looks_like_hn(line, "USD"));
        let d = parse(&format!("{line}\n\nWe make rafts.\n"));
        assert_eq!(values(&d, "company"), ["Otterly"]);
        assert_eq!(values(&d, "title"), ["Senior Data Engineer"]);
        assert_eq!(values(&d, "location"), ["Remote (EU)"]);
        assert_eq!(values(&d, "salary"), ["€80k-€95k"]);
        assert!(looks_like_hn(
            "Otterly – Lisbon, Portugal – Data Engineer – Hybrid",
            "USD"
        ));
        // A title with dashes starts with its role, or has too few plain fields.
        for title in [
            "Senior Data Engineer - Fintech - London (Hybrid)",
            "Data Engineer - Otterly - Lisbon",
            "Otterly - Data Engineer - Lisbon",
            "Otterly - Rafts for Everyone - Blog",
        ] {
            assert!(!looks_like_hn(title, "USD"), "{title}");
        }
    }
}
