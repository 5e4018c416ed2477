//! A whole posting file: the first line is its name under `content/`, the
//! rest its bytes. Normalizing gives a record or an error, never a panic,
//! and the record keeps the schema's promises.
#![no_main]

use libfuzzer_sys::fuzz_target;
use normalizer::NORMALIZER;

mod normalizer;
mod sanitized;

fuzz_target!(
    init: {
        normalizer::warm_up();
    },
    |data: &[u8]| {
        let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
        let name = String::from_utf8_lossy(&data[..split]);
        let bytes = data.get(split + 1..).unwrap_or_default();
        if let Ok(posting) = NORMALIZER.normalize(&format!("content/{name}"), bytes) {
            assert!(!posting.slug.is_empty());
            assert!(posting
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert!(posting.summary.chars().count() <= 300);
            sanitized::assert_sanitized(&posting.body_html);
            if let Some(apply) = &posting.apply {
                assert!(hireboard_posting::body::safe_url(apply).is_some(), "{apply}");
            }
        }
    }
);
