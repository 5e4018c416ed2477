//! A whole posting file: the first line is its name under `content/`, the
//! rest its bytes. Normalizing gives a record or an error, never a panic,
//! and the record keeps the schema's promises.
#![no_main]

use hireboard_posting::{Config, Normalizer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let name = String::from_utf8_lossy(&data[..split]);
    let bytes = data.get(split + 1..).unwrap_or_default();
    let now = jiff::Timestamp::from_second(1_767_225_600).unwrap();
    let normalizer = Normalizer::new(&Config::default(), now);
    if let Ok(posting) = normalizer.normalize(&format!("content/{name}"), bytes) {
        assert!(!posting.slug.is_empty());
        assert!(posting
            .slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        assert!(posting.summary.chars().count() <= 300);
        let html = posting.body_html.to_ascii_lowercase();
        assert!(!html.contains("<script"), "{}", posting.body_html);
        assert!(!html.contains("=\"javascript:"), "{}", posting.body_html);
        if let Some(apply) = &posting.apply {
            assert!(hireboard_posting::body::safe_url(apply).is_some(), "{apply}");
        }
    }
});
