//! Front matter parsers: the first byte picks YAML, TOML or Pelican headers;
//! the rest is the metadata block, closed and followed by a short body.
#![no_main]

use std::sync::LazyLock;

use hireboard_posting::{Config, Normalizer};
use libfuzzer_sys::fuzz_target;

/// Made once: building the vocabulary's patterns costs more than an input.
static NORMALIZER: LazyLock<Normalizer> = LazyLock::new(|| {
    let now = jiff::Timestamp::from_second(1_767_225_600).unwrap();
    Normalizer::new(&Config::default(), now)
});

fuzz_target!(|data: &[u8]| {
    let Some((&kind, meta)) = data.split_first() else {
        return;
    };
    let meta = String::from_utf8_lossy(meta);
    let file = match kind % 3 {
        0 => format!("---\n{meta}\n---\nThe body.\n"),
        1 => format!("+++\n{meta}\n+++\nThe body.\n"),
        _ => format!("{meta}\n\nThe body.\n"),
    };
    let _ = NORMALIZER.normalize("content/posting.md", file.as_bytes());
});
