//! Decoding bytes to text and repairing mojibake (UTF-8 read as Windows-1252,
//! Latin-1 or MacRoman).

/// Text ready to parse, with what a human should know about its repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Bytes to text: UTF-8 (BOM dropped), else Windows-1252 with a warning; then
/// mojibake repaired with a warning. Line count and order are preserved.
pub fn decode(bytes: &[u8]) -> Decoded {
    // STUB (helper: repair) — replaced by the real implementation.
    Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        warnings: Vec::new(),
    }
}
