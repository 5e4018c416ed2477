//! Posting bodies to sanitized HTML, plain text and the links they carry.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::formats::rst;
use super::{nesting, Markup};

/// A link found in a body, for apply-link detection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// A body rendered: `html` is sanitized; `text` is its plain text, with a
/// newline between blocks; `warnings` say what was left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    pub html: String,
    pub text: String,
    pub links: Vec<Link>,
    pub warnings: Vec<String>,
}

/// Renders and sanitizes a body. Untrusted input: whatever it contains, the
/// HTML has no script, no event handler and no URL other than http(s)/mailto.
pub fn render(markup: Markup, source: &str) -> Rendered {
    let mut rendered = match markup {
        Markup::Markdown => {
            let (source, cut) = nesting::cap_markdown_containers(source);
            let mut rendered = markdown(&source);
            if cut {
                rendered.warnings.push(nesting::warning());
            }
            rendered
        }
        Markup::Rst => rst::to_html(source),
    };
    let (html, cut) = nesting::cap_html_depth(&rendered.html);
    if cut && rendered.warnings.is_empty() {
        rendered.warnings.push(nesting::warning());
    }
    rendered.html = SANITIZER.clean(&html).to_string();
    rendered.links.retain(|link| safe_url(&link.url).is_some());
    rendered
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("nofollow noopener ugc"));
    builder
});

/// The URL if it may be used as a link target: `http:`, `https:` or `mailto:`.
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme = url.split_once(':')?.0.to_ascii_lowercase();
    let has_host = url.len() > scheme.len() + 3;
    match scheme.as_str() {
        "http" | "https" if has_host && url[scheme.len()..].starts_with("://") => Some(url),
        "mailto" if url.contains('@') => Some(url),
        _ => None,
    }
}

fn markdown(source: &str) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut text = String::with_capacity(source.len());
    let mut links = Vec::new();
    // Links being read: (url, text so far); links do not nest, images may.
    let mut open_link: Option<(String, String)> = None;
    let events = Parser::new_ext(source, options).inspect(|event| match event {
        Event::Text(t) | Event::Code(t) => {
            text.push_str(t);
            if let Some((_, link_text)) = open_link.as_mut() {
                link_text.push_str(t);
            }
        }
        Event::SoftBreak | Event::HardBreak => text.push(' '),
        Event::Start(Tag::Link { dest_url, .. }) => {
            open_link = Some((dest_url.to_string(), String::new()));
        }
        Event::End(TagEnd::Link) => {
            if let Some((url, link_text)) = open_link.take() {
                links.push(Link {
                    text: link_text,
                    url,
                });
            }
        }
        // Headings and list items end without punctuation; in running text
        // (summaries) they would blur into the next sentence.
        Event::End(TagEnd::Heading(_)) => end_block(&mut text, ':'),
        Event::End(TagEnd::Item) => end_block(&mut text, ';'),
        Event::End(TagEnd::Paragraph | TagEnd::TableRow) => text.push('\n'),
        _ => {}
    });
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    Rendered {
        html,
        text,
        links,
        warnings: Vec::new(),
    }
}

/// Ends a block of plain text with `mark` unless it already ends in punctuation.
fn end_block(text: &mut String, mark: char) {
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    if text.ends_with(|c: char| c.is_alphanumeric() || c == ')' || c == '`') {
        text.push(mark);
    }
    text.push('\n');
}

/// Plain text cut to at most `max` characters at a word boundary, with `…`
/// when cut. Whitespace runs become one space.
pub fn summary(text: &str, max: usize) -> String {
    let words = text.split_whitespace();
    let mut out = String::new();
    let mut chars = 0;
    for word in words {
        let len = word.chars().count();
        let extra = if out.is_empty() { len } else { len + 1 };
        if chars + extra > max {
            if out.is_empty() {
                // One word longer than the limit: cut inside it.
                return word.chars().take(max.saturating_sub(1)).collect::<String>() + "…";
            }
            // The ellipsis must fit too.
            if chars + 1 > max {
                if let Some(i) = out.rfind(' ') {
                    out.truncate(i);
                }
            }
            let trimmed = out.trim_end_matches([',', ';', ':', '-', '–', '—']).len();
            out.truncate(trimmed);
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        chars += extra;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_with_github_extensions() {
        let r = render(
            Markup::Markdown,
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ - [x] done\n\nNote[^1].\n\n[^1]: foot\n",
        );
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("<del>old</del>"), "{}", r.html);
        assert!(r.html.contains("foot"), "{}", r.html);
        // A footnote, not a link to "foot".
        assert!(r.html.contains("<sup"), "{}", r.html);
        assert!(!r.html.contains(r#"href="foot""#), "{}", r.html);
    }

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let r = render(
            Markup::Markdown,
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) <a href=\"JAVASCRIPT:x\">y</a>\n",
        );
        let lower = r.html.to_lowercase();
        assert!(!lower.contains("<script"), "{}", r.html);
        assert!(!lower.contains("onerror"), "{}", r.html);
        assert!(!lower.contains("javascript:"), "{}", r.html);
        assert!(r.links.is_empty(), "{:?}", r.links);
    }

    #[test]
    fn links_and_text_are_collected() {
        let r = render(
            Markup::Markdown,
            "# Hi\n\n[Click here to apply][a] or mail.\n\n  [a]: https://x.example/apply\n",
        );
        assert_eq!(
            r.links,
            vec![Link {
                text: "Click here to apply".into(),
                url: "https://x.example/apply".into()
            }]
        );
        assert_eq!(r.text, "Hi:\nClick here to apply or mail.\n");
        assert!(
            r.html.contains("rel=\"nofollow noopener ugc\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn headings_and_items_keep_sentences_apart_in_text() {
        let r = render(Markup::Markdown, "## What you'll do\n\n* Own the scheduler\n* Mentor (two people)\n\n## Why us?\n\nFun.\n");
        assert_eq!(
            summary(&r.text, 300),
            "What you'll do: Own the scheduler; Mentor (two people); Why us? Fun."
        );
    }

    #[test]
    fn summary_cuts_at_a_word_boundary() {
        assert_eq!(summary("one two  three\nfour", 300), "one two three four");
        assert_eq!(summary("alpha beta gamma", 12), "alpha beta…");
        assert_eq!(summary("alpha, beta gamma", 8), "alpha…");
        assert!(summary(&"word ".repeat(200), 300).chars().count() <= 300);
        assert_eq!(summary("supercalifragilistic", 5), "supe…");
    }

    #[test]
    fn only_web_and_mail_urls_are_safe() {
        assert!(safe_url("https://a.example/x").is_some());
        assert!(safe_url("mailto:a@b.example").is_some());
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "https:",
            "/relative",
            "ftp://x",
        ] {
            assert!(safe_url(bad).is_none(), "{bad}");
        }
    }
}
