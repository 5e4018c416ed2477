//! Hacker News "Who is hiring" lines: `Company | Role | Place | REMOTE | $x | URL`
//! in any order, then a plain-text body.

use crate::fields::company::names_a_role;
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
    let mut unclassified = Vec::new();
    for field in first.split('|').map(str::trim).filter(|f| !f.is_empty()) {
        match classify(field) {
            Some(key) => draft.guessed(key, url_or_text(key, field), line_no),
            None => unclassified.push(field),
        }
    }
    // The company comes first by convention; the role is the field naming a job.
    let title = unclassified
        .iter()
        .position(|f| names_a_role(f))
        .or_else(|| (unclassified.len() > 1).then_some(1));
    if let Some(t) = title {
        draft.guessed("title", unclassified.remove(t), line_no);
    }
    if let Some(company) = unclassified.first() {
        draft.guessed("company", *company, line_no);
    }
    draft.body_line = line_no + 1;
    draft.body = super::rest_of(text, draft.body_line);
    draft
}

fn classify(field: &str) -> Option<&'static str> {
    let lower = field.to_ascii_lowercase();
    let bare = lower.trim_end_matches('/');
    let is_url =
        bare.starts_with("http://") || bare.starts_with("https://") || bare.starts_with("www.");
    let is_email = !field.contains(' ') && field.contains('@') && field.contains('.');
    if is_url || is_email {
        Some("apply")
    } else if matches!(
        lower.split([' ', '(', ',']).next(),
        Some("remote" | "onsite" | "on-site" | "hybrid")
    ) || location::looks_like_place(field)
    {
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

    #[test]
    fn tables_are_not_hn_lines() {
        assert!(!looks_like_hn("| a | b | c |"));
        assert!(looks_like_hn("Acme | Engineer | Berlin"));
        assert!(!looks_like_hn("Acme | Engineer"));
    }
}
