//! A small XML well-formedness check for feeds and sitemaps, shared by the
//! integration tests (`tests/common`) and the render unit tests (through
//! `#[path]`), so there is one copy.

/// A small well-formedness check: one root element, tags balanced,
/// attributes quoted, only XML's entities, no raw `<` or `&` in text.
pub fn check_xml(text: &str) {
    let mut rest = text
        .strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        .expect("XML declaration");
    let check_chars = |s: &str| {
        assert!(
            !s.chars()
                .any(|c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')),
            "control character in {s:?}"
        );
        for (i, _) in s.match_indices('&') {
            let entity = &s[i..s[i..].find(';').map_or(s.len(), |j| i + j + 1)];
            let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&entity)
                || (entity.starts_with("&#") && entity.len() > 3);
            assert!(ok, "bad entity {entity:?}");
        }
    };
    let attr = regex::Regex::new(r#"^\s*([\w:-]+)="([^"<]*)""#).unwrap();
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    while let Some(i) = rest.find('<') {
        let between = &rest[..i];
        check_chars(between);
        assert!(
            !stack.is_empty() || between.trim().is_empty(),
            "text outside the root: {between:?}"
        );
        let end = rest[i..].find('>').expect("unclosed tag") + i;
        let tag = &rest[i + 1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name.trim()), "mismatched </{name}>");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, attrs) = tag.split_once(' ').unwrap_or((tag, ""));
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || ":-_".contains(c)),
            "bad tag name {name:?}"
        );
        let mut attrs = attrs;
        while !attrs.trim().is_empty() {
            let cap = attr
                .captures(attrs)
                .unwrap_or_else(|| panic!("bad attributes {attrs:?}"));
            check_chars(&cap[2]);
            attrs = &attrs[cap[0].len()..];
        }
        if stack.is_empty() {
            roots += 1;
        }
        if !self_closing {
            stack.push(name);
        }
    }
    assert!(
        rest.trim().is_empty() && stack.is_empty(),
        "unclosed {stack:?}"
    );
    assert_eq!(roots, 1, "one root element");
}
