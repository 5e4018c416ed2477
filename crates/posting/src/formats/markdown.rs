//! Markdown without metadata: the first heading is the title; short headings
//! and badge lines right under it carry company, salary, location.

use crate::markup::inline_text;
use crate::recognize::{company, employment, location, salary};
use crate::{Draft, Format, Markup};

/// The first non-blank line is a heading (`# Title` or a setext underline).
pub fn looks_like_markdown(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    match (lines.next(), lines.next()) {
        (Some(first), _) if atx_heading(first).is_some() => true,
        (Some(_), Some(second)) => is_setext_underline(second),
        _ => false,
    }
}

/// `currency` is the site's, for figures without one.
pub fn parse(text: &str, currency: &str) -> Draft {
    let mut draft = Draft::new(Format::Markdown, Markup::Markdown);
    let lines: Vec<&str> = text.lines().collect();
    let mut i = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let Some(first) = lines.get(i) else {
        return draft;
    };
    let title_level = match atx_heading(first) {
        Some((level, heading)) => {
            add_title(&mut draft, heading, i + 1);
            i += 1;
            level
        }
        None => {
            // Setext: the title line, then its underline.
            add_title(&mut draft, first, i + 1);
            i += 2;
            if lines
                .get(i - 1)
                .is_some_and(|l| l.trim_start().starts_with('='))
            {
                1
            } else {
                2
            }
        }
    };
    // Short lines under the title: company heading, badges.
    while let Some(line) = lines.get(i) {
        if line.trim().is_empty() {
            i += 1;
            continue;
        }
        let content = match atx_heading(line) {
            Some((level, heading)) if level > title_level => heading,
            Some(_) => break,
            None if is_badge_line(line) || info_parts(line, currency).is_some() => line.trim(),
            None => break,
        };
        if is_badge_line(content) {
            for badge in badges(content) {
                add_badge(&mut draft, badge, i + 1, currency);
            }
        } else if let Some(parts) = info_parts(content, currency) {
            // "**Acme** · 🌎 Lisbon · €55k": the leading name is the company.
            for (n, part) in parts.into_iter().enumerate() {
                if n == 0
                    && is_company_heading(&draft, part, currency)
                    && fact_key(part, currency).is_none()
                {
                    draft.guessed("company", inline_text(part).0, i + 1);
                } else {
                    add_badge(&mut draft, &inline_text(part).0, i + 1, currency);
                }
            }
        } else if is_company_heading(&draft, content, currency) {
            draft.guessed("company", inline_text(content).0, i + 1);
        } else {
            break;
        }
        i += 1;
    }
    draft.body = lines.get(i..).unwrap_or_default().join("\n");
    draft.body_line = i + 1;
    draft
}

fn add_title(draft: &mut Draft, heading: &str, line: usize) {
    let (title, urls) = inline_text(heading);
    draft.stated("title", title.into(), line);
    if let Some(url) = urls.into_iter().next() {
        draft.guessed("apply", url, line);
    }
}

/// `## Title ##` -> (2, "Title").
fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let level = trimmed.bytes().take_while(|&b| b == b'#').count();
    let rest = &trimmed[level..];
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with([' ', '\t'])))
        .then(|| (level, rest.trim().trim_end_matches('#').trim()))
}

fn is_setext_underline(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 2 && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
}

/// A line made of backtick badges: `` `💰 $120k` `🌎 Remote` ``.
fn is_badge_line(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('`') && t.ends_with('`') && t.matches('`').count().is_multiple_of(2)
}

fn badges(line: &str) -> impl Iterator<Item = &str> {
    line.split('`')
        .skip(1)
        .step_by(2)
        .map(str::trim)
        .filter(|b| !b.is_empty())
}

/// A short line of facts separated by `·`, `•` or `|` (not a table row):
/// `**Acme** · Lisbon (Remote) · €55k–€70k · Full-time`.
fn info_parts<'a>(line: &'a str, currency: &str) -> Option<Vec<&'a str>> {
    const MAX_PART: usize = 60;
    let t = line.trim();
    if t.starts_with('|') || t.ends_with('|') {
        return None;
    }
    let parts: Vec<&str> = t.split(['·', '•', '|']).map(str::trim).collect();
    let short = parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().count() <= MAX_PART);
    // A byline ("By Ann · 3 min read") states no fact of the job.
    let states_a_fact = parts
        .iter()
        .any(|p| fact_key(&inline_text(p).0, currency).is_some());
    (parts.len() >= 2 && short && states_a_fact).then_some(parts)
}

/// Whether a badge is a salary, an employment type or a place, and which.
fn fact_key(badge: &str, currency: &str) -> Option<&'static str> {
    if salary::parse(badge, currency).is_some() {
        Some("salary")
    } else if employment::parse(badge).is_some() {
        Some("employment_type")
    } else if location::looks_like_place(badge) {
        Some("location")
    } else {
        None
    }
}

fn add_badge(draft: &mut Draft, badge: &str, line: usize, currency: &str) {
    // Whatever a badge is not (salary, type, place) is a tag: `🐍 Python`.
    draft.guessed(fact_key(badge, currency).unwrap_or("tags"), badge, line);
}

/// A short heading naming the company, when none is known yet.
fn is_company_heading(draft: &Draft, text: &str, currency: &str) -> bool {
    !draft.meta.iter().any(|m| m.key == "company")
        && company::is_name_line(&inline_text(text).0, currency)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On a site whose currency is the dollar.
    fn parse(text: &str) -> Draft {
        super::parse(text, "USD")
    }

    #[test]
    fn title_link_company_heading_then_body() {
        let d = parse("# [Senior Engineer](https://x.example/apply)  \n### Acme Corp  \n\n**Why us?**\n\nText\n");
        let get = |k: &str| d.meta.iter().find(|m| m.key == k).map(|m| m.value.clone());
        assert_eq!(get("title").unwrap(), "Senior Engineer");
        assert_eq!(get("apply").unwrap(), "https://x.example/apply");
        assert_eq!(get("company").unwrap(), "Acme Corp");
        assert!(d.body.starts_with("**Why us?**"), "{:?}", d.body);
        assert_eq!(d.body_line, 4);
    }

    #[test]
    fn a_line_of_facts_under_the_title() {
        let d = parse(
            "# Android Developer\n\n**Kelp Games** · Oslo (Remote) · Full-time\n\nWe make games.\n",
        );
        let get = |k: &str| d.meta.iter().find(|m| m.key == k).map(|m| m.value.clone());
        assert_eq!(get("company").unwrap(), "Kelp Games");
        assert_eq!(get("location").unwrap(), "Oslo (Remote)");
        assert_eq!(get("employment_type").unwrap(), "Full-time");
        assert_eq!(d.body.trim(), "We make games.");
        let byline = parse("# Android Developer\n\nBy Ann Berg · 3 min read\n\nText.\n");
        assert!(
            byline.meta.iter().all(|m| m.key == "title"),
            "{:?}",
            byline.meta.len()
        );
        assert!(byline.body.starts_with("By Ann Berg"));
    }

    #[test]
    fn setext_title_and_plain_body() {
        let d = parse("Baker wanted\n============\n\nWe bake.\n");
        assert_eq!(d.meta[0].value, "Baker wanted");
        assert_eq!(d.body.trim(), "We bake.");
    }

    #[test]
    fn a_sentence_or_section_heading_is_not_a_company() {
        for heading in [
            "We are a small team that loves otters.",
            "Responsibilities",
            "About the role",
        ] {
            let d = parse(&format!(
                "## Software Developer\n\n### {heading}\n\nText.\n"
            ));
            assert!(d.meta.iter().all(|m| m.key != "company"), "{heading}");
        }
    }
}
