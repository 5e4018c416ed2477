//! Posting bodies: the first byte picks the path (Markdown, reStructuredText,
//! or HTML straight into the depth cap and the sanitizer), the rest is the
//! text. The HTML that comes out is sanitized, whatever went in.
#![no_main]

use hireboard_posting::{body, nesting, Markup};
use libfuzzer_sys::fuzz_target;

mod sanitized;

fuzz_target!(|data: &[u8]| {
    let Some((&path, text)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(text);
    let html = match path % 3 {
        0 => body::render(Markup::Markdown, &text).html,
        1 => body::render(Markup::Rst, &text).html,
        _ => {
            let (capped, _) = nesting::cap_html_depth(&text);
            ammonia::clean(&capped)
        }
    };
    sanitized::assert_sanitized(&html);
});
