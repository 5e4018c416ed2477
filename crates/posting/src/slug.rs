//! URL segments: transliterated, lowercase, `[a-z0-9-]+`.

/// `"Senior Engineer, Zürich 💰"` -> `"senior-engineer-zurich"`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if c.is_ascii() {
            push_dash(&mut slug);
        } else if let Some(ascii) = deunicode::deunicode_char(c) {
            // Emoji transliterate to words (":moneybag:"); letters to letters.
            if ascii.chars().any(|a| a.is_ascii_alphanumeric()) && !is_symbol(c) {
                for a in ascii.chars() {
                    if a.is_ascii_alphanumeric() {
                        slug.push(a.to_ascii_lowercase());
                    } else {
                        push_dash(&mut slug);
                    }
                }
            }
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Slugs, company slugs and tags are cut to this many bytes: they become
/// folder names (at most 255 bytes on most file systems) and URLs.
pub const MAX_SLUG_BYTES: usize = 80;

/// `slug` cut to [`MAX_SLUG_BYTES`] at a `-` between words (mid-word only
/// when its first word alone is longer).
pub fn shorten(slug: &str) -> &str {
    if slug.len() <= MAX_SLUG_BYTES {
        return slug;
    }
    let mut end = MAX_SLUG_BYTES;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    match slug[..=end].rfind('-') {
        Some(dash) if dash > 0 => &slug[..dash],
        _ => &slug[..end],
    }
}

fn push_dash(slug: &mut String) {
    if !slug.is_empty() && !slug.ends_with('-') {
        slug.push('-');
    }
}

/// Pictographs and other symbols carry no meaning in a URL.
fn is_symbol(c: char) -> bool {
    !c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn transliterates_and_drops_symbols() {
        assert_eq!(slugify("Développeur Backend"), "developpeur-backend");
        assert_eq!(
            slugify("💰 Senior Engineer, Services"),
            "senior-engineer-services"
        );
        assert_eq!(slugify("C++ / Rust -- Zürich!"), "c-rust-zurich");
        assert_eq!(slugify("北京 Engineer"), "bei-jing-engineer");
        assert_eq!(slugify("  --  "), "");
    }

    #[test]
    fn long_slugs_are_cut_between_words() {
        let words = "word-".repeat(60);
        let cut = super::shorten(&words);
        assert!(cut.len() <= super::MAX_SLUG_BYTES, "{cut}");
        assert!(cut.ends_with("word") && cut.len() > 70, "{cut}");
        let one_word = "x".repeat(300);
        assert_eq!(super::shorten(&one_word).len(), super::MAX_SLUG_BYTES);
        assert_eq!(super::shorten("short-slug"), "short-slug");
    }
}
