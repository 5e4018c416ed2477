//! One parser per format of SCHEMA.md, each from text to [`Draft`].

mod email;
mod front_matter;
mod hn;
mod jsonld;
mod markdown;
mod oneline;
mod pelican;
mod rst;

use super::{Config, Draft, Format, FormatError, Markup};

/// Detects the format of `text` and parses it. `path` only helps detection
/// (a `.rst` file is reStructuredText); `config` gives the site's currency
/// to the recognizers a parser asks what a field is.
pub fn parse(text: &str, path: &str, config: &Config) -> Result<Draft, FormatError> {
    let currency = config.default_currency.as_str();
    match detect(text, path, currency) {
        Format::Yaml => front_matter::yaml(text),
        Format::Toml => front_matter::toml(text),
        Format::Pelican => Ok(pelican::parse(text)),
        Format::Rst => rst::parse(text),
        Format::Markdown => Ok(markdown::parse(text, currency)),
        Format::Oneline => Ok(oneline::parse(text)),
        Format::Hn => Ok(hn::parse(text, currency)),
        Format::Jsonld => jsonld::parse(text),
        Format::Text if email::looks_like_email(text) => Ok(email::parse(text)),
        Format::Text => Ok(plain_text(text, currency)),
    }
}

/// Which format a file is in, by its first lines (see SCHEMA.md); `currency`
/// is the site's, for telling a Hacker News line's figures.
pub fn detect(text: &str, path: &str, currency: &str) -> Format {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let first_trimmed = first.trim_end();
    if jsonld::looks_like_jsonld(text, path) {
        Format::Jsonld
    } else if first_trimmed == "---" && text.trim_start().starts_with("---") {
        Format::Yaml
    } else if first_trimmed == "+++" {
        Format::Toml
    } else if oneline::looks_like_oneline(first) {
        Format::Oneline
    } else if email::looks_like_email(text) {
        // A mail's `Date:`/`Subject:` headers would pass for Pelican's.
        Format::Text
    } else if pelican::looks_like_pelican(text) {
        Format::Pelican
    } else if path.ends_with(".rst") || rst::looks_like_rst(text) {
        Format::Rst
    } else if hn::looks_like_hn(first, currency) {
        Format::Hn
    } else if markdown::looks_like_markdown(text) {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Anything else: the first non-empty line is the title, the rest the body;
/// a name on the line right under the title is the company, maybe with its
/// place after a comma ("Otter Bakery, Leeds, UK").
fn plain_text(text: &str, currency: &str) -> Draft {
    use crate::recognize::{company::is_name_line, location::looks_like_place};
    let mut draft = Draft::new(Format::Text, Markup::Markdown);
    let lines: Vec<&str> = text.lines().collect();
    if let Some(i) = lines.iter().position(|l| !l.trim().is_empty()) {
        draft.guessed("title", lines[i].trim(), i + 1);
        draft.body_line = i + 2;
        // Right under it, or after one blank line.
        let j = if lines.get(i + 1).is_some_and(|l| l.trim().is_empty()) {
            i + 2
        } else {
            i + 1
        };
        let next = lines.get(j).map_or("", |l| l.trim());
        let (name, place) = match next.split_once(", ") {
            Some((name, place)) if looks_like_place(place) => (name, Some(place)),
            _ => (next, None),
        };
        if is_name_line(name, currency) {
            draft.guessed("company", name, j + 1);
            if let Some(place) = place {
                draft.guessed("location", place, j + 1);
            }
            draft.body_line = j + 2;
        }
    }
    draft.body = rest_of(text, draft.body_line);
    draft
}

/// The text from 1-based line `line` on.
fn rest_of(text: &str, line: usize) -> String {
    text.split_inclusive('\n')
        .skip(line.saturating_sub(1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_is_recognized() {
        let cases = [
            ("---\ntitle: x\n---\nbody", "a.md", Format::Yaml),
            ("\n+++\ntitle = 'x'\n+++\nbody", "a.md", Format::Toml),
            (
                "Title: Hello\nDate: 2020-01-01\n\nbody",
                "a.md",
                Format::Pelican,
            ),
            ("Hello\n=====\n\n:date: 2020-01-01\n", "a.txt", Format::Rst),
            ("anything", "a.rst", Format::Rst),
            ("# Engineer\n### Acme\n\nbody", "a.md", Format::Markdown),
            (
                "Job: Engineer - Acme | we hire\\n more",
                "a.txt",
                Format::Oneline,
            ),
            (
                "Acme | Engineer | Berlin | ONSITE | https://acme.example\n\nbody",
                "a.txt",
                Format::Hn,
            ),
            (
                "We are hiring an engineer.\nSend a CV.",
                "a.txt",
                Format::Text,
            ),
            (
                "Note: this is not metadata, it is a sentence.\n\nbody",
                "a.txt",
                Format::Text,
            ),
            ("<p>anything</p>", "job.html", Format::Jsonld),
            (
                "From: a@b.example\nDate: Mon, 3 Mar 2025 10:00:00 +0000\nSubject: Cook\n\nbody",
                "a.txt",
                Format::Text,
            ),
        ];
        for (text, path, format) in cases {
            assert_eq!(detect(text, path, "USD"), format, "{text:?}");
        }
    }

    #[test]
    fn a_mail_is_text_with_its_subject_as_title() {
        let draft = parse(
            "From: a@b.example\nDate: Mon, 3 Mar 2025 10:00:00 +0000\nSubject: Re: Cook\n\nCome cook.\n",
            "a.txt",
            &Config::default(),
        )
        .unwrap();
        assert_eq!(draft.format, Format::Text);
        assert_eq!(draft.meta[0].value, "Cook");
        assert_eq!(draft.body, "Come cook.\n");
    }

    #[test]
    fn a_name_under_the_title_is_the_company() {
        let draft = plain_text("Senior Baker\nOtter Bakery Ltd\n\nWe bake.\n", "USD");
        assert_eq!(draft.meta[1].key, "company");
        assert_eq!(draft.meta[1].value, "Otter Bakery Ltd");
        assert_eq!(draft.body, "\nWe bake.\n");
        let draft = plain_text("Senior Baker\nWe bake bread.\n", "USD");
        assert_eq!(draft.meta.len(), 1);
        let draft = plain_text(
            "Senior Baker\nOtter Bakery GmbH, Leipzig\n\nWe bake.\n",
            "USD",
        );
        assert_eq!(draft.meta[1].value, "Otter Bakery GmbH");
        assert_eq!(draft.meta[2].key, "location");
        assert_eq!(draft.meta[2].value, "Leipzig");
        let draft = plain_text("Senior Baker\n\nOtter Bakery Ltd\n\nWe bake.\n", "USD");
        assert_eq!(draft.meta[1].value, "Otter Bakery Ltd");
        assert_eq!(draft.body_line, 4);
        let draft = plain_text("Senior Baker\n\nWe bake bread every day.\n", "USD");
        assert_eq!(draft.meta.len(), 1);
    }

    #[test]
    fn text_takes_its_first_line_as_title() {
        let draft = plain_text("\n\nWe need a baker\nGood bread.\n", "USD");
        assert_eq!(draft.meta[0].key, "title");
        assert_eq!(draft.meta[0].value, "We need a baker");
        assert!(!draft.meta[0].stated);
        assert_eq!(draft.body, "Good bread.\n");
        assert_eq!(draft.body_line, 4);
    }
}
