//! `Job: <title> - <company> | <body>`, paragraphs separated by a literal `\n`.

use crate::{Draft, Format, Markup};

pub fn looks_like_oneline(first_line: &str) -> bool {
    first_line
        .trim_start()
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("job:"))
        && first_line.contains(" | ")
}

pub fn parse(text: &str) -> Draft {
    let mut draft = Draft::new(Format::Oneline, Markup::Markdown);
    let start = text.len() - text.trim_start().len();
    let line_no = text[..start].matches('\n').count() + 1;
    let rest = &text[start + 4..];
    let (head, body) = rest.split_once(" | ").unwrap_or((rest, ""));
    let head = head.trim();
    match head.rsplit_once(" - ") {
        Some((title, company)) if !title.trim().is_empty() && !company.trim().is_empty() => {
            draft.stated("title", title.trim().into(), line_no);
            draft.stated("company", company.trim().into(), line_no);
        }
        _ => draft.stated("title", head.into(), line_no),
    }
    draft.body = body
        .split("\\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    draft.body_line = line_no;
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_company_and_paragraphs() {
        let d = parse("Job: Backend Python Engineer - Olark | First.\\n Second.\\n\\n Third.");
        assert_eq!(d.meta[0].value, "Backend Python Engineer");
        assert_eq!(d.meta[1].value, "Olark");
        assert_eq!(d.body, "First.\n\nSecond.\n\nThird.");
    }

    #[test]
    fn a_title_without_company() {
        let d = parse("Job: Baker | Bread.");
        assert_eq!(d.meta.len(), 1);
        assert_eq!(d.meta[0].value, "Baker");
    }
}
