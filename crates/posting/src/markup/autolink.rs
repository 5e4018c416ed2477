//! GitHub-style autolinks: a bare `https://…`, `http://…` or `www.…` address
//! and a bare e-mail address in a body's text become links, as GitHub shows
//! them; never inside code, a preformatted block or an existing link.
//! Trailing punctuation (`.`, `,`, `)` without its `(`, …) stays text:
//! `linkify` finds the links by the same rules as GitHub's extension.

use std::sync::LazyLock;

use linkify::{LinkFinder, LinkKind};

use super::{escape_into, tag_end, tag_name, unescape, LINK_REL};

static FINDER: LazyLock<LinkFinder> = LazyLock::new(|| {
    let mut finder = LinkFinder::new();
    // Without a scheme only `www.` addresses are links (checked in
    // `target`); linkify's scheme-less mode finds the candidates.
    finder.url_must_have_scheme(false);
    finder
});

/// `html` (sanitized, as ammonia serializes it) with its bare addresses linked.
pub(crate) fn autolink(html: &str) -> String {
    // Most bodies have no address outside links: keep them as they are.
    if !html.contains("://") && !html.contains("www.") && !html.contains('@') {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    // Open `a`, `code` and `pre` elements: text inside them stays text.
    let mut kept_as_is = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(tag_start) = rest.strip_prefix('<') else {
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            if kept_as_is == 0 {
                link_text(&mut out, text);
            } else {
                out.push_str(text);
            }
            rest = &rest[end..];
            continue;
        };
        let end = tag_end(tag_start);
        let tag = &rest[..(end + 2).min(rest.len())];
        out.push_str(tag);
        rest = &rest[tag.len()..];
        let inner = &tag_start[..end.min(tag_start.len())];
        if matches!(tag_name(inner), "a" | "code" | "pre") {
            if inner.starts_with('/') {
                kept_as_is = kept_as_is.saturating_sub(1);
            } else if !inner.ends_with('/') {
                kept_as_is += 1;
            }
        }
    }
    out
}

/// One run of escaped text, its addresses linked.
fn link_text(out: &mut String, escaped: &str) {
    let text = unescape(escaped);
    let spans: Vec<(&str, Option<String>)> = FINDER
        .spans(&text)
        .map(|span| {
            let words = span.as_str();
            (words, span.kind().and_then(|kind| target(kind, words)))
        })
        .collect();
    // No link: the text as the sanitizer wrote it.
    if spans.iter().all(|(_, href)| href.is_none()) {
        out.push_str(escaped);
        return;
    }
    for (words, href) in spans {
        match href {
            Some(href) => {
                out.push_str("<a href=\"");
                escape_into(out, &href);
                out.push_str("\" rel=\"");
                out.push_str(LINK_REL);
                out.push_str("\">");
                escape_into(out, words);
                out.push_str("</a>");
            }
            None => escape_into(out, words),
        }
    }
}

/// Where a found address links to: http(s) and mailto only.
fn target(kind: &LinkKind, words: &str) -> Option<String> {
    let lower = words.to_ascii_lowercase();
    match kind {
        LinkKind::Email => Some(format!("mailto:{words}")),
        LinkKind::Url if lower.starts_with("https://") || lower.starts_with("http://") => {
            Some(words.to_string())
        }
        LinkKind::Url if lower.starts_with("www.") => Some(format!("http://{words}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REL: &str = "rel=\"nofollow noopener ugc\"";

    #[test]
    fn bare_addresses_become_links() {
        assert_eq!(
            autolink("<p>See https://acme.example/jobs.</p>"),
            format!("<p>See <a href=\"https://acme.example/jobs\" {REL}>https://acme.example/jobs</a>.</p>")
        );
        assert_eq!(
            autolink("<p>Write to jobs@acme.example, today</p>"),
            format!("<p>Write to <a href=\"mailto:jobs@acme.example\" {REL}>jobs@acme.example</a>, today</p>")
        );
        assert_eq!(
            autolink("<p>(www.acme.example)</p>"),
            format!("<p>(<a href=\"http://www.acme.example\" {REL}>www.acme.example</a>)</p>")
        );
    }

    #[test]
    fn trailing_punctuation_and_unbalanced_brackets_stay_text() {
        for (html, url) in [
            ("<p>at https://a.example/x!</p>", "https://a.example/x"),
            ("<p>(see https://a.example/x)</p>", "https://a.example/x"),
            (
                "<p>https://a.example/wiki/Bread_(food).</p>",
                "https://a.example/wiki/Bread_(food)",
            ),
            (
                "<p>https://a.example/?a=1&amp;b=2;</p>",
                "https://a.example/?a=1&amp;b=2",
            ),
        ] {
            assert!(
                autolink(html).contains(&format!("<a href=\"{url}\"")),
                "{html} -> {}",
                autolink(html)
            );
        }
    }

    #[test]
    fn code_links_and_other_schemes_are_left_alone() {
        for html in [
            "<p><code>curl https://api.acme.example</code></p>",
            "<pre><code>mail jobs@acme.example\n</code></pre>",
            "<p><a href=\"https://acme.example\" rel=\"nofollow\">https://acme.example</a></p>",
            "<p><a href=\"https://acme.example\">write to <em>jobs@acme.example</em></a></p>",
            "<p>ftp://files.acme.example and javascript://x.example</p>",
            "<p>acme.example, a plain domain</p>",
        ] {
            assert_eq!(autolink(html), html);
        }
    }

    #[test]
    fn linked_text_is_escaped() {
        let html = "<p>&lt;b&gt; https://a.example/?q=&quot;x&quot; &amp; more</p>";
        // A quote ends the address, as on GitHub.
        assert_eq!(
            autolink(html),
            format!("<p>&lt;b&gt; <a href=\"https://a.example/?q=\" {REL}>https://a.example/?q=</a>&quot;x&quot; &amp; more</p>")
        );
    }
}
