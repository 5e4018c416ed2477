//! Hacker News "Who is hiring" lines: `Company | Role | Place | REMOTE | $x | URL`
//! in any order, then a plain-text body.

use crate::fields::company::{self, names_a_role};
use crate::fields::{employment, location, salary};
use crate::{Draft, Format, Markup};

/// At least three `|`-separated short fields, and not a Markdown table row.
pub fn looks_like_hn(first_line: &str) -> bool {
    let line = first_line.trim();
    if line.starts_with('|') || line.ends_with('|') {
        return false;
    }
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    (3..=12).contains(&fields.len())
        && fields
            .iter()
            .all(|f| !f.is_empty() && f.chars().count() <= 120)
}

pub fn parse(text: &str) -> Draft {
    let mut draft = Draft::new(Format::Hn, Markup::Markdown);
    let start = text.lines().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let line_no = start + 1;
    let first = text.lines().nth(start).unwrap_or("");
    let mut fields = first.split('|').map(str::trim).filter(|f| !f.is_empty());
    let mut unclassified = Vec::new();
    // The company comes first by convention, maybe with a place or a tagline
    // after a dash: "Acme -- Berlin", "Acme - The Privacy Co".
    if let Some(head) = fields.next() {
        let mut parts = split_dashes(head).into_iter();
        let name = parts.next().unwrap_or(head);
        match classify(name) {
            Some(key) if key != "location" || is_work_place(name) => {
                draft.guessed(key, url_or_text(key, name), line_no);
            }
            _ => draft.guessed("company", company::clean_name(name), line_no),
        }
        for part in parts {
            if let Some(key) = classify(part) {
                draft.guessed(key, url_or_text(key, part), line_no);
            }
        }
    }
    for field in fields {
        for (key, part) in classified_parts(field) {
            match key {
                Some(key) => draft.guessed(key, url_or_text(key, part), line_no),
                None => unclassified.push(part),
            }
        }
    }
    // The role is the field naming a job, without the stack after a dash.
    let title = unclassified
        .iter()
        .find(|f| names_a_role(f))
        .or(unclassified.first());
    if let Some(title) = title {
        let role = split_dashes(title)[0];
        let role = if names_a_role(role) { role } else { title };
        draft.guessed("title", role, line_no);
    }
    draft.body_line = line_no + 1;
    draft.body = super::rest_of(text, draft.body_line);
    draft
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
fn classified_parts(field: &str) -> Vec<(Option<&'static str>, &str)> {
    let parts: Vec<&str> = field.split(", ").map(str::trim).collect();
    let plain = |part: &str| match classify(part) {
        Some("location") => is_work_place(part),
        Some(_) => true,
        None => false,
    };
    if parts.len() > 1 && parts.iter().any(|p| plain(p)) {
        parts
            .into_iter()
            .filter_map(|p| classify(p).map(|key| (Some(key), p)))
            .collect()
    } else {
        vec![(classify(field), field)]
    }
}

/// "REMOTE", "Onsite", "Remote (US only)", "hybrid".
fn is_work_place(field: &str) -> bool {
    let lower = field.to_ascii_lowercase();
    matches!(
        lower.split([' ', '(', ',']).next(),
        Some("remote" | "onsite" | "on-site" | "hybrid")
    )
}

fn classify(field: &str) -> Option<&'static str> {
    let lower = field.to_ascii_lowercase();
    let bare = lower.trim_end_matches('/');
    let is_url =
        bare.starts_with("http://") || bare.starts_with("https://") || bare.starts_with("www.");
    let is_email = !field.contains(' ') && field.contains('@') && field.contains('.');
    if is_url || is_email {
        Some("apply")
    } else if is_work_place(field) || location::looks_like_place(field) {
        Some("location")
    } else if salary::parse(field, "USD").is_some() {
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
    fn the_role_keeps_its_words_and_drops_its_stack() {
        let d = parse("Brightwater | Mobile App Developer - Kotlin, Swift | Oslo\n");
        assert_eq!(values(&d, "title"), ["Mobile App Developer"]);
        let d = parse("Brightwater | Full-time | ONSITE | Oslo\n\nWe need a tester.\n");
        assert!(values(&d, "title").is_empty());
        assert_eq!(values(&d, "company"), ["Brightwater"]);
    }

    #[test]
    fn tables_are_not_hn_lines() {
        assert!(!looks_like_hn("| a | b | c |"));
        assert!(looks_like_hn("Acme | Engineer | Berlin"));
        assert!(!looks_like_hn("Acme | Engineer"));
    }
}
