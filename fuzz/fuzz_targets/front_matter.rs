//! Front matter parsers: the first byte picks YAML, TOML or Pelican headers;
//! the rest is the metadata block, closed and followed by a short body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use normalizer::NORMALIZER;

mod normalizer;

fuzz_target!(
    init: {
        normalizer::warm_up();
    },
    |data: &[u8]| {
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
    }
);
