//! Posting bodies to sanitized HTML, plain text and the links they carry.
//!
//! Every body becomes HTML first (Markdown through pulldown-cmark, raw HTML
//! as it is), is sanitized, and its text and links are read from the
//! sanitized HTML, so a body written in HTML gives the recognizers the same
//! lines as one written in Markdown.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::Markup;

mod autolink;
pub mod nesting;
pub(crate) mod rst;

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

/// (text, URL) of each link, for tests to compare at a glance.
#[cfg(test)]
pub(crate) fn link_pairs(links: &[Link]) -> Vec<(&str, &str)> {
    links
        .iter()
        .map(|l| (l.text.as_str(), l.url.as_str()))
        .collect()
}

/// Renders and sanitizes a body. Untrusted input: whatever it contains, the
/// HTML has no script, no event handler and no URL other than http(s)/mailto.
pub fn render(markup: Markup, source: &str) -> Rendered {
    let source = &without_template_comments(source);
    let mut rendered = match markup {
        Markup::Rst => {
            let mut rendered = rst::to_html(source);
            rendered.html = autolink::autolink(&sanitize(&rendered.html, &mut rendered.warnings));
            rendered
        }
        Markup::Markdown if !is_raw_html(source) => {
            let source = closers_rejoined(source);
            let (source, cut) = nesting::cap_markdown_containers(&source);
            let warnings = if cut {
                vec![nesting::warning()]
            } else {
                Vec::new()
            };
            from_html(&markdown_html(&source), warnings)
        }
        // Blank lines before an HTML body mean nothing, as before Markdown.
        Markup::Markdown | Markup::Html => from_html(source.trim_start(), Vec::new()),
    };
    rendered.links.retain(|link| safe_url(&link.url).is_some());
    rendered
}

/// `{% comment %}…{% endcomment %}` (Liquid), `{# … #}` (Jinja, Tera) and
/// `<!-- … -->`: notes to the site's editors, not part of the posting. Each
/// is replaced by the line breaks it held, so line numbers stay right.
pub(crate) fn without_template_comments(text: &str) -> std::borrow::Cow<'_, str> {
    static COMMENT: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?s)\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}|\{#.*?#\}|<!--.*?-->",
        )
        .expect("valid regex")
    });
    if !text.contains("{%") && !text.contains("{#") && !text.contains("<!--") {
        return text.into();
    }
    COMMENT.replace_all(text, |c: &regex::Captures| {
        "\n".repeat(c[0].matches('\n').count())
    })
}

/// Sanitizes `html` and reads its text and links.
fn from_html(html: &str, mut warnings: Vec<String>) -> Rendered {
    let html = sanitize(html, &mut warnings);
    let (text, links) = text_and_links(&html);
    Rendered {
        html: autolink::autolink(&html),
        text,
        links,
        warnings,
    }
}

/// Sanitized HTML. Its nesting is capped first: the HTML parser's work grows
/// with the square of the depth, and a posting is untrusted.
fn sanitize(html: &str, warnings: &mut Vec<String>) -> String {
    let (html, cut) = nesting::cap_html_depth(html);
    if cut && warnings.is_empty() {
        warnings.push(nesting::warning());
    }
    SANITIZER.clean(&html).to_string()
}

/// The `rel` of every link in a body: postings are untrusted.
const LINK_REL: &str = "nofollow noopener ugc";

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(sanitizer);

fn sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some(LINK_REL));
    builder
}

/// The links of a whole saved page, relative ones resolved against the
/// page's own address `base`: a page's apply button is often `/apply`.
pub fn page_links(page: &str, base: Option<&str>) -> Vec<Link> {
    let html = match base.and_then(|b| ammonia::Url::parse(b).ok()) {
        Some(base) => sanitizer()
            .url_relative(ammonia::UrlRelative::RewriteWithBase(base))
            .clean(page)
            .to_string(),
        None => SANITIZER.clean(page).to_string(),
    };
    let (_, mut links) = text_and_links(&html);
    links.retain(|link| safe_url(&link.url).is_some());
    links
}

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

/// `**` or `__` alone on a line, closing the bold its paragraph opened:
/// Markdown cannot close emphasis after a line break (the closer must follow
/// a word), so the text would show both markers. Moved to the end of the
/// line before, it closes the bold the author meant. Code is left alone.
fn closers_rejoined(source: &str) -> std::borrow::Cow<'_, str> {
    if !source.contains("**") && !source.contains("__") {
        return source.into();
    }
    let mut out = String::with_capacity(source.len());
    let mut in_fence = false;
    // Markers opened in the paragraph so far, by kind.
    let mut open = [0usize; 2];
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim();
        let indent = line.len() - line.trim_start().len();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if trimmed.is_empty() || in_fence {
            open = [0, 0];
            out.push_str(line);
            continue;
        }
        let kind = ["**", "__"].iter().position(|m| *m == trimmed);
        match kind {
            Some(k) if indent < 4 && open[k] % 2 == 1 && out.ends_with('\n') => {
                let kept = out.trim_end().len();
                out.truncate(kept);
                out.push_str(trimmed);
                out.push_str(&line[line.trim_end().len()..]);
                open[k] += 1;
            }
            _ => {
                open[0] += line.matches("**").count();
                open[1] += line.matches("__").count();
                out.push_str(line);
            }
        }
    }
    out.into()
}

fn markdown_html(source: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(source, options));
    html
}

/// A "Markdown" body that is really HTML (pasted from a careers page):
/// it opens with a tag and has no Markdown syntax. Read as Markdown, its
/// indented lines would become code blocks.
pub fn is_raw_html(source: &str) -> bool {
    let mut lines = source
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.is_empty());
    lines
        .next()
        .is_some_and(|first| first.starts_with('<') && first.contains('>'))
        && source.contains("</")
        && !source.contains("](")
        && !source.contains("**")
        && !lines.any(|l| {
            l.starts_with('#')
                || l.starts_with("```")
                || l.starts_with("* ")
                || l.starts_with("- ")
                || l.starts_with("+ ")
        })
}

/// Where a tag puts a line break in the text: after a block, before a cell.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "blockquote",
    "pre",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
];

/// Plain text and links of sanitized HTML. Relies on how ammonia serializes
/// it: tags well formed, attribute values in double quotes, text escaped.
fn text_and_links(html: &str) -> (String, Vec<Link>) {
    let mut text = String::with_capacity(html.len() / 2);
    let mut links = Vec::new();
    // The link being read: its URL and where its text starts.
    let mut open_link: Option<(String, usize)> = None;
    let mut in_pre = false;
    let mut cells_in_row = 0;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(tag_start) = rest.strip_prefix('<') else {
            let end = rest.find('<').unwrap_or(rest.len());
            push_text(&mut text, &unescape(&rest[..end]), in_pre);
            rest = &rest[end..];
            continue;
        };
        let end = tag_end(tag_start);
        let tag = &tag_start[..end];
        rest = tag_start.get(end + 1..).unwrap_or("");
        let closing = tag.starts_with('/');
        match (closing, tag_name(tag)) {
            (false, "a") => open_link = attribute(tag, "href").map(|url| (url, text.len())),
            (true, "a") => {
                if let Some((url, start)) = open_link.take() {
                    let link_text = text.get(start..).unwrap_or("");
                    links.push(Link {
                        text: link_text.split_whitespace().collect::<Vec<_>>().join(" "),
                        url,
                    });
                }
            }
            // Headings and list items end without punctuation; in running text
            // (summaries) they would blur into the next sentence.
            (true, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") => end_block(&mut text, ':'),
            (true, "li") => end_block(&mut text, ';'),
            (false, "tr") => cells_in_row = 0,
            // A row of cells reads as one line: `Location: Munich`.
            (false, "td" | "th") => {
                if cells_in_row > 0 {
                    end_inline(&mut text, ':');
                }
                cells_in_row += 1;
            }
            (_, "pre") => {
                in_pre = !closing;
                line_break(&mut text);
            }
            (_, block) if BLOCK_TAGS.contains(&block) => line_break(&mut text),
            _ => {}
        }
    }
    (text, links)
}

/// The element name of a serialized tag's inside (`/a` or `a href=…`):
/// lowercase, as html5ever's serializer writes every HTML element.
fn tag_name(tag: &str) -> &str {
    tag.trim_start_matches('/')
        .split(|c: char| c.is_ascii_whitespace() || c == '/')
        .next()
        .unwrap_or("")
}

/// The index of the `>` ending a tag, outside quoted attribute values.
fn tag_end(tag: &str) -> usize {
    let mut quoted = false;
    for (i, b) in tag.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'>' if !quoted => return i,
            _ => {}
        }
    }
    tag.len()
}

/// The value of `name="..."` in a serialized tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let value = &tag[start..];
    Some(unescape(&value[..value.find('"')?]).into_owned())
}

/// `&`, `<`, `>` and `"` as entities: safe as HTML text and in quoted attributes.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    let mut written = 0;
    for (k, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&s[written..k]);
        out.push_str(entity);
        written = k + 1;
    }
    out.push_str(&s[written..]);
}

/// Undoes the escapes of html5ever's serializer (the only ones it writes).
pub(crate) fn unescape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let entity = [
            ("&amp;", "&"),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&nbsp;", "\u{a0}"),
        ]
        .into_iter()
        .find(|(entity, _)| rest.starts_with(entity));
        match entity {
            Some((entity, plain)) => {
                out.push_str(plain);
                rest = &rest[entity.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// Appends text as a browser shows it: whitespace runs as one space (kept
/// as written inside `<pre>`), none at the start of a line.
fn push_text(text: &mut String, chunk: &str, in_pre: bool) {
    if in_pre {
        text.push_str(chunk);
        return;
    }
    // Most text is ASCII words apart by single spaces: copied at once (every
    // body's text is read so), its one possible leading space as below.
    let single_spaced =
        chunk.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) && !chunk.contains("  ");
    if single_spaced {
        let words = match chunk.strip_prefix(' ') {
            Some(words) => {
                if !(text.is_empty() || text.ends_with(['\n', ' '])) {
                    text.push(' ');
                }
                words
            }
            None => chunk,
        };
        text.push_str(words);
        return;
    }
    push_words(text, chunk);
}

/// [`push_text`] a word at a time.
fn push_words(text: &mut String, chunk: &str) {
    for (i, word) in chunk
        .split(|c: char| c.is_whitespace() && c != '\u{a0}')
        .enumerate()
    {
        let at_line_start = text.is_empty() || text.ends_with('\n');
        if i > 0 && !at_line_start && !text.ends_with(' ') {
            text.push(' ');
        }
        text.push_str(word);
    }
}

fn line_break(text: &mut String) {
    let trimmed = text.trim_end_matches(' ').len();
    text.truncate(trimmed);
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
}

/// Ends a block of plain text with `mark` unless it already ends in punctuation.
fn end_block(text: &mut String, mark: char) {
    end_inline(text, mark);
    line_break(text);
}

/// Adds `mark` and a space after text that ends without punctuation.
fn end_inline(text: &mut String, mark: char) {
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    if text.ends_with(|c: char| c.is_alphanumeric() || c == ')' || c == '`') {
        text.push(mark);
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push(' ');
    }
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

/// Inline Markdown to plain text, with the link targets it holds.
pub(crate) fn inline_text(markdown: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut urls = Vec::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Start(Tag::Link { dest_url, .. }) => urls.push(dest_url.to_string()),
            _ => {}
        }
    }
    (text.trim().to_string(), urls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_spaced_the_same_copied_whole_or_word_by_word() {
        let starts = ["", "Hello", "line\n", "word ", "a\u{a0}"];
        let chunks = [
            "",
            " ",
            "one",
            " one two",
            "one two ",
            "one  two",
            "tab\there",
            "new\nline",
            "caf\u{e9} au lait",
            "\u{2003}em space",
            "a&amp;b",
        ];
        for start in starts {
            for chunk in chunks {
                let (mut whole, mut by_word) = (start.to_string(), start.to_string());
                push_text(&mut whole, chunk, false);
                push_words(&mut by_word, chunk);
                assert_eq!(whole, by_word, "{start:?} + {chunk:?}");
            }
        }
    }

    #[test]
    fn a_bold_closed_on_the_next_line_shows_no_markers() {
        for closer in ["**", "__"] {
            let source = format!(
                "{closer}Our bakery is owned by the town co-op. We answer to it alone.  \n{closer}\n\nWe bake at dawn.\n"
            );
            let r = render(Markup::Markdown, &source);
            assert!(
                r.html
                    .contains("<strong>Our bakery is owned by the town co-op. We answer to it alone.</strong>"),
                "{}",
                r.html
            );
            assert!(!r.html.contains(closer), "{}", r.html);
            assert!(!r.text.contains(closer), "{}", r.text);
        }
        // In code, and when nothing is open, the markers are the author's text.
        let code = "```\n**a\n**\n```\n";
        assert!(render(Markup::Markdown, code).html.contains("**a\n**"));
        let alone = "Stars below.\n**\n";
        assert!(render(Markup::Markdown, alone).text.contains("**"));
    }

    #[test]
    fn bare_addresses_in_bodies_are_links_for_the_reader_only() {
        let r = render(
            Markup::Markdown,
            "Apply at https://bakery.example/jobs or write to jobs@bakery.example.\n\n`https://api.bakery.example`\n",
        );
        assert!(
            r.html.contains("<a href=\"https://bakery.example/jobs\" rel=\"nofollow noopener ugc\">https://bakery.example/jobs</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<a href=\"mailto:jobs@bakery.example\" rel=\"nofollow noopener ugc\">jobs@bakery.example</a>."),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<code>https://api.bakery.example</code>"),
            "{}",
            r.html
        );
        // The recognizers read the text's own links, not the ones added for display.
        assert!(r.links.is_empty(), "{:?}", r.links);
        let rst = render(Markup::Rst, "Write to jobs@bakery.example.\n");
        assert!(
            rst.html.contains("href=\"mailto:jobs@bakery.example\""),
            "{}",
            rst.html
        );
    }

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
    fn html_bodies_read_as_lines_of_text() {
        let html = "<div>\n    <h3>Where</h3>\n\n    <p>Berlin &amp; remote<br>Salary: &euro;60k</p>\n    <ul><li>Rust</li><li>Go</li></ul>\n    <table><tr><td>Type</td><td>Full-time</td></tr></table>\n    <p>Mail <a href=\"mailto:jobs@acme.example\">our team</a><script>x()</script></p>\n</div>\n";
        for markup in [Markup::Markdown, Markup::Html] {
            let r = render(markup, html);
            assert_eq!(
                r.text,
                "Where:\nBerlin & remote\nSalary: \u{20ac}60k\nRust;\nGo;\nType: Full-time\nMail our team\n",
                "{markup:?}"
            );
            assert_eq!(
                r.links,
                vec![Link {
                    text: "our team".into(),
                    url: "mailto:jobs@acme.example".into()
                }]
            );
            assert!(!r.html.contains("script"), "{}", r.html);
        }
    }

    #[test]
    fn markdown_with_block_html_reads_both() {
        let r = render(
            Markup::Markdown,
            "Intro with **bold**.\n\n<div class=\"x\">\n<p>Apply at <a href=\"https://a.example/j\">the form</a></p>\n</div>\n\n* one\n",
        );
        assert_eq!(r.text, "Intro with bold.\nApply at the form\none;\n");
        assert_eq!(r.links[0].url, "https://a.example/j");
    }

    #[test]
    fn template_comments_are_dropped_keeping_lines() {
        let text = "Baker\n{% comment %}\nSalary: $90k\n{% endcomment %}\nPay {# old: 80k #}is fair<!-- draft\n-->.\n";
        assert_eq!(
            without_template_comments(text),
            "Baker\n\n\n\nPay is fair\n.\n"
        );
        let r = render(Markup::Markdown, text);
        assert_eq!(r.text, "Baker\nPay is fair .\n");
        // An unclosed comment is text, not the end of the body.
        let r = render(Markup::Markdown, "Pay <!-- is fair\n\nmore");
        assert!(r.text.contains("more"), "{}", r.text);
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
