//! What every target checks of the HTML a body became.

/// No script element, no event handler, no `javascript:` link in any tag.
/// The sanitizer escapes `<` in text and quotes every attribute value, so
/// each `<` opens a tag and quotes delimit values.
pub fn assert_sanitized(html: &str) {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let tag = &rest[start + 1..];
        let mut quoted = false;
        let end = tag
            .char_indices()
            .find(|&(_, c)| {
                quoted ^= c == '"';
                c == '>' && !quoted
            })
            .map_or(tag.len(), |(i, _)| i);
        assert_safe_tag(&tag[..end].to_ascii_lowercase(), html);
        rest = &tag[end..];
    }
}

fn assert_safe_tag(tag: &str, html: &str) {
    assert!(!tag.starts_with("script"), "<{tag}> in {html}");
    let mut attribute = "";
    // Outside quotes (even pieces): names; inside (odd pieces): values.
    for (i, piece) in tag.split('"').enumerate() {
        if i % 2 == 0 {
            for word in piece.split_whitespace() {
                attribute = word.trim_end_matches('=');
                assert!(!attribute.starts_with("on"), "<{tag}> in {html}");
            }
        } else if matches!(attribute, "href" | "src" | "action" | "formaction") {
            assert!(
                !piece.trim_start().starts_with("javascript:"),
                "<{tag}> in {html}"
            );
        }
    }
}
