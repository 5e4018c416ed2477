//! Whatever the bytes, normalization gives a record or an error, never a panic.

use hireboard::config::Config;
use hireboard::posting::Normalizer;
use proptest::prelude::*;

fn normalizer() -> Normalizer {
    Normalizer::new(
        &Config::default().normalizing(),
        "2026-01-01T00:00:00Z".parse().unwrap(),
    )
}

/// Pieces real postings are made of, to reach deep into every parser.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("+++\n".to_string()),
        Just("Title: ".to_string()),
        Just("Job: ".to_string()),
        Just(" - ".to_string()),
        Just(" | ".to_string()),
        Just("\\n".to_string()),
        Just("\n".to_string()),
        Just("# ".to_string()),
        Just("=====\n".to_string()),
        Just(":date: ".to_string()),
        Just("`x <http://a>`_".to_string()),
        Just("salary: $120k-".to_string()),
        Just("€60.000 – ".to_string()),
        Just("2025-02-30".to_string()),
        Just("â€™Ã©üí∞\u{F8FF}".to_string()),
        Just("[a](javascript:x)".to_string()),
        Just("<script>".to_string()),
        "[a-zA-Z0-9 ,.:;|#*`\\[\\]()<>{}=+-]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = normalizer().normalize("content/x.txt", &bytes);
    }

    #[test]
    fn arbitrary_postings_never_panic(parts in proptest::collection::vec(fragment(), 0..40), ext in "(md|rst|txt)") {
        let text = parts.concat();
        if let Ok(p) = normalizer().normalize(&format!("content/x.{ext}"), text.as_bytes()) {
            prop_assert!(p.slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            prop_assert!(!p.slug.is_empty());
            prop_assert!(p.summary.chars().count() <= 300);
            let html = p.body_html.to_lowercase();
            prop_assert!(!html.contains("href=\"javascript:") && !html.contains("src=\"javascript:"), "{}", p.body_html);
            prop_assert!(!p.body_html.contains("<script"));
        }
    }

    #[test]
    fn arbitrary_front_matter_never_panics(key in "[a-zA-Z_ -]{1,12}", value in any::<String>(), toml in any::<bool>()) {
        let text = if toml {
            format!("+++\n{key} = {value}\n+++\nbody")
        } else {
            format!("---\n{key}: {value}\n---\nbody")
        };
        let _ = normalizer().normalize("content/x.md", text.as_bytes());
    }
}

#[test]
fn oversized_files_are_refused_with_a_reason() {
    let big = vec![b'a'; hireboard::posting::MAX_FILE_BYTES + 1];
    let err = normalizer().normalize("content/big.md", &big).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("content/big.md: the file is 5 MiB"),
        "{err}"
    );
}
