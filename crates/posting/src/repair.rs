//! Decoding bytes to text and repairing mojibake (UTF-8 read as Windows-1252,
//! Latin-1 or MacRoman).
//!
//! Mojibake only ever replaces bytes 0x80..=0xFF, and every legacy character
//! for those bytes is non-ASCII, so repair works on runs of non-ASCII
//! characters: each run is encoded back to bytes in each candidate encoding,
//! the bytes are searched for valid UTF-8 sequences, and a sequence replaces
//! the characters it came from only when it could hardly be correct text.
//! Runs are independent, so correct accented text next to a mangled phrase
//! is left as it is, and ASCII (line breaks included) is never touched.

use std::borrow::Cow;
use std::sync::OnceLock;

use encoding_rs::{Encoding, MACINTOSH, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::Diagnostic;

/// Text ready to parse, with what a human should know about its repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Without a path: the caller knows it.
    pub warnings: Vec<Diagnostic>,
}

/// Text mangled twice is repaired in two passes; a third catches a triple.
const MAX_PASSES: usize = 3;

/// Bytes to text: UTF-8 (BOM dropped), else Windows-1252 with a warning; then
/// mojibake repaired with a warning. Line count and order are preserved.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(error) => {
            let line = 1 + bytes[..error.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            warnings.push(
                Diagnostic::warning(
                    "not-utf8",
                    "the file is not valid UTF-8 (first bad byte on this line); read it as Windows-1252: save it as UTF-8",
                )
                .on_line(line),
            );
            // Every byte maps to one character and ASCII maps to itself, so
            // line breaks stay where they were.
            WINDOWS_1252.decode_without_bom_handling(bytes).0
        }
    };
    let mut text = match repair(&text) {
        Some(repaired) => {
            warnings.extend(
                repaired
                    .warnings()
                    .map(|w| Diagnostic::warning("mojibake-repaired", w)),
            );
            repaired.text
        }
        None => text.into_owned(),
    };
    // Checked after repair: a BOM read as Windows-1252 ("ï»¿") is one only then.
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    Decoded { text, warnings }
}

/// UTF-16 (LE or BE) behind a byte order mark, as UTF-8 bytes (the BOM
/// dropped), with a warning if some of it was not valid UTF-16; any other
/// bytes unchanged. Without a BOM UTF-16 cannot be told from binary reliably.
pub fn utf16_to_utf8(bytes: &[u8]) -> (Cow<'_, [u8]>, Option<String>) {
    let encoding = match Encoding::for_bom(bytes) {
        Some((encoding, _)) if encoding == UTF_16LE || encoding == UTF_16BE => encoding,
        _ => return (Cow::Borrowed(bytes), None),
    };
    let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
    let warning = had_errors.then(|| {
        format!(
            "the file is {} with invalid sequences, shown as �: save it as UTF-8",
            encoding.name()
        )
    });
    (Cow::Owned(text.into_owned().into_bytes()), warning)
}

/// Whether bytes without a BOM read as UTF-16 text: nearly every pair of
/// bytes has one NUL, always on the same side (ASCII in UTF-16).
pub fn looks_like_utf16(bytes: &[u8]) -> bool {
    let pairs: Vec<&[u8]> = bytes[..bytes.len().min(4096)].chunks_exact(2).collect();
    let share = |nul_first: bool| {
        pairs
            .iter()
            .filter(|p| (p[0] == 0) == nul_first && (p[1] == 0) != nul_first)
            .count()
    };
    pairs.len() >= 4 && share(true).max(share(false)) * 10 >= pairs.len() * 9
}

/// The text with its mojibake repaired, or None when there was none.
pub fn repair_mojibake(text: &str) -> Option<String> {
    repair(text).map(|repaired| repaired.text)
}

/// The legacy encodings UTF-8 gets misread as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Legacy {
    /// Also covers Latin-1: its C1 controls stand for the bytes Windows-1252
    /// leaves undefined.
    Windows1252 = 0,
    MacRoman = 1,
}

impl Legacy {
    /// In order of preference when both repair a run equally well.
    const ALL: [Legacy; 2] = [Legacy::Windows1252, Legacy::MacRoman];

    fn name(self) -> &'static str {
        match self {
            Legacy::Windows1252 => "Windows-1252",
            Legacy::MacRoman => "MacRoman",
        }
    }

    fn table(self) -> &'static Table {
        static TABLES: OnceLock<[Table; 2]> = OnceLock::new();
        &TABLES.get_or_init(|| [Table::new(WINDOWS_1252, true), Table::new(MACINTOSH, false)])
            [self as usize]
    }
}

/// Character to byte for one legacy encoding (the reverse of its decoder).
struct Table {
    /// Bytes of U+0080..=U+00FF, 0 where the encoding has none.
    latin: [u8; 128],
    /// Bytes of the other characters, sorted by character.
    other: Vec<(char, u8)>,
}

impl Table {
    /// `latin1`: also map U+0080..=U+00FF to the same byte, as Latin-1 does.
    fn new(encoding: &'static Encoding, latin1: bool) -> Table {
        let mut table = Table {
            latin: [0; 128],
            other: Vec::new(),
        };
        if latin1 {
            for (byte, slot) in (0x80..=0xFF).zip(table.latin.iter_mut()) {
                *slot = byte;
            }
        }
        // MacRoman's 0xF0 decodes to the Apple logo U+F8FF, so it is covered.
        for byte in 0x80..=0xFF_u8 {
            for c in encoding.decode_without_bom_handling(&[byte]).0.chars() {
                match c {
                    '\u{80}'..='\u{FF}' => table.latin[c as usize - 0x80] = byte,
                    _ => table.other.push((c, byte)),
                }
            }
        }
        table.other.sort_unstable();
        table
    }

    /// The byte for `c`, or 0 (never part of a UTF-8 sequence) when it has none.
    fn encode(&self, c: char) -> u8 {
        match c {
            '\u{80}'..='\u{FF}' => self.latin[c as usize - 0x80],
            _ => self
                .other
                .binary_search_by_key(&c, |&(k, _)| k)
                .map_or(0, |i| self.other[i].1),
        }
    }
}

/// Repaired text and what was repaired, per encoding.
struct Repaired {
    text: String,
    found: [Found; 2],
}

impl Repaired {
    fn warnings(&self) -> impl Iterator<Item = String> + '_ {
        Legacy::ALL.into_iter().filter_map(|legacy| {
            let found = &self.found[legacy as usize];
            let (from, to) = found.example.as_ref()?;
            let more = match found.runs {
                0 | 1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            Some(format!(
                "repaired mojibake (UTF-8 read as {}): {from} → {to}{more}",
                legacy.name()
            ))
        })
    }
}

/// How many runs one encoding repaired, with one example for the warning.
#[derive(Default)]
struct Found {
    runs: usize,
    example: Option<(String, char)>,
}

impl Found {
    fn record(&mut self, from: &str, to: char) {
        self.runs += 1;
        // Prefer an example a reader can see over one with NBSP, controls or
        // the Apple logo (invisible outside Apple systems).
        let invisible = |s: &str| {
            s.chars()
                .any(|c| matches!(c, '\u{80}'..='\u{A0}' | '\u{AD}' | '\u{F8FF}'))
        };
        match &self.example {
            Some((old, _)) if !invisible(old) || invisible(from) => {}
            _ => self.example = Some((from.to_string(), to)),
        }
    }
}

fn repair(text: &str) -> Option<Repaired> {
    let mut found = <[Found; 2]>::default();
    let mut scratch = Scratch::default();
    let mut repaired: Option<String> = None;
    for _ in 0..MAX_PASSES {
        let current = repaired.as_deref().unwrap_or(text);
        match repair_pass(current, &mut scratch, &mut found) {
            Some(next) => repaired = Some(next),
            None => break,
        }
    }
    repaired.map(|text| Repaired { text, found })
}

/// One pass over the runs of non-ASCII characters; None when nothing changed.
fn repair_pass(text: &str, scratch: &mut Scratch, found: &mut [Found; 2]) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut pos = 0;
    while let Some(start) = bytes[pos..].iter().position(|b| !b.is_ascii()) {
        let start = pos + start;
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |n| start + n);
        // ASCII bytes are character boundaries, so the slice is valid.
        let run = &text[start..end];
        let edges = Edges {
            before: start.checked_sub(1).map(|i| bytes[i]),
            after: bytes.get(end).copied(),
        };
        if let Some(legacy) = scratch.choose(run, edges) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..start]);
            scratch.apply(run, out, &mut found[legacy as usize]);
            copied = end;
        }
        pos = end;
    }
    out.map(|mut out| {
        out.push_str(&text[copied..]);
        out
    })
}

/// The ASCII bytes around a run, None at the start or end of the text.
#[derive(Debug, Clone, Copy)]
struct Edges {
    before: Option<u8>,
    after: Option<u8>,
}

impl Edges {
    /// The run stands alone rather than inside a word.
    fn bounded(self) -> bool {
        !self.before.is_some_and(|b| b.is_ascii_alphanumeric())
            && !self.after.is_some_and(|b| b.is_ascii_alphanumeric())
    }
}

/// A UTF-8 sequence found in a run: `len` characters from `start` (indexes
/// into the run's characters) stand for `ch`.
#[derive(Debug, Clone, Copy)]
struct Seq {
    start: usize,
    len: usize,
    ch: char,
    /// Proves mojibake: alone, or by touching another sequence.
    sure: bool,
}

impl Seq {
    fn end(&self) -> usize {
        self.start + self.len
    }
}

/// Buffers reused across runs, so repair does not allocate per character.
#[derive(Default)]
struct Scratch {
    /// The run's characters with their byte offsets in the run.
    chars: Vec<(usize, char)>,
    bytes: Vec<u8>,
    seqs: Vec<Seq>,
    /// The accepted sequences of the encoding chosen for the run.
    best: Vec<Seq>,
}

impl Scratch {
    /// The encoding that repairs most of the run, if any repairs it.
    fn choose(&mut self, run: &str, edges: Edges) -> Option<Legacy> {
        self.chars.clear();
        self.chars.extend(run.char_indices());
        let mut best = None;
        let mut best_score = 0;
        for legacy in Legacy::ALL {
            let table = legacy.table();
            self.bytes.clear();
            self.bytes
                .extend(self.chars.iter().map(|&(_, c)| table.encode(c)));
            find_seqs(legacy, &self.bytes, &self.chars, edges, &mut self.seqs);
            let score: usize = self.seqs.iter().map(|seq| seq.len).sum();
            if score > best_score {
                best_score = score;
                best = Some(legacy);
                std::mem::swap(&mut self.seqs, &mut self.best);
            }
        }
        best
    }

    /// Writes the run with the chosen sequences replaced.
    fn apply(&self, run: &str, out: &mut String, found: &mut Found) {
        let offset = |i: usize| self.chars.get(i).map_or(run.len(), |&(at, _)| at);
        let mut copied = 0;
        for seq in &self.best {
            out.push_str(&run[offset(copied)..offset(seq.start)]);
            out.push(seq.ch);
            copied = seq.end();
        }
        out.push_str(&run[offset(copied)..]);
        if let Some(first) = self.best.first() {
            found.record(&run[offset(first.start)..offset(first.end())], first.ch);
        }
    }
}

/// The sequences of `bytes` (a run encoded in `legacy`) that prove mojibake.
fn find_seqs(
    legacy: Legacy,
    bytes: &[u8],
    chars: &[(usize, char)],
    edges: Edges,
    seqs: &mut Vec<Seq>,
) {
    seqs.clear();
    if legacy == Legacy::MacRoman && edges.bounded() {
        if let Some(seq) = lost_apple_logo(bytes, chars) {
            seqs.push(seq);
            return;
        }
    }
    let context = |i: usize| Context {
        // A run of two characters standing alone is a word.
        word: edges.bounded() && bytes.len() == 2,
        before: match i {
            0 => edges.before.map(char::from),
            _ => Some(chars[i - 1].1),
        },
    };
    let mut i = 0;
    while i < bytes.len() {
        if let Some((ch, len)) = utf8_char(&bytes[i..]) {
            let sure = sure_alone(legacy, &bytes[i..i + len], &chars[i..i + len], context(i));
            seqs.push(Seq {
                start: i,
                len,
                ch,
                sure,
            });
            i += len;
        } else if legacy == Legacy::Windows1252 && bytes[i..].starts_with(&[0xE2, 0x80]) {
            // ” is E2 80 9D and Windows-1252 has no character for 9D, so
            // it is often dropped, leaving "â€".
            seqs.push(Seq {
                start: i,
                len: 2,
                ch: '\u{201D}',
                sure: true,
            });
            i += 2;
        } else {
            i += 1;
        }
    }
    // Two sequences back to back ("–ü—Ä" for "Пр") are mojibake even when
    // each alone could be real text.
    for i in 0..seqs.len() {
        let touches_prev = i > 0 && seqs[i - 1].end() == seqs[i].start;
        let touches_next = i + 1 < seqs.len() && seqs[i].end() == seqs[i + 1].start;
        seqs[i].sure |= touches_prev || touches_next;
    }
    seqs.retain(|seq| seq.sure);
}

/// The character a UTF-8 sequence at the start of `bytes` encodes, with its
/// length, when it is one text would contain.
fn utf8_char(bytes: &[u8]) -> Option<(char, usize)> {
    let len = match *bytes.first()? {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    // from_utf8 rejects overlong forms, surrogates and the 0 of unmapped chars.
    let ch = std::str::from_utf8(bytes.get(..len)?)
        .ok()?
        .chars()
        .next()?;
    // No C1 controls, private use or noncharacters; except the Apple logo
    // U+F8FF, which text from a Mac has (and mangled twice, "Ô£ø").
    let plausible = !matches!(
        u32::from(ch),
        0x80..=0x9F | 0xE000..=0xF8FE | 0xFDD0..=0xFDEF | 0xF0000..
    ) && u32::from(ch) & 0xFFFE != 0xFFFE;
    plausible.then_some((ch, len))
}

/// What surrounds a sequence.
#[derive(Debug, Clone, Copy)]
struct Context {
    /// The sequence is a whole word: correct text has no word of one symbol
    /// and one letter, so "–≤" (MacRoman for "в") is mojibake though
    /// "l’été" has "’é".
    word: bool,
    /// The character right before the sequence.
    before: Option<char>,
}

/// Whether a sequence (`bytes`, from the characters `chars`) is mojibake by
/// itself, without another sequence next to it.
fn sure_alone(legacy: Legacy, bytes: &[u8], chars: &[(usize, char)], context: Context) -> bool {
    let next = chars[1].1;
    let after_letter = context.before.is_some_and(char::is_alphabetic);
    match (legacy, bytes.len(), bytes[0]) {
        // No language puts a letter before three symbols ("ðŸ’°").
        (_, 4, _) => true,
        // â and ï (MacRoman ‚ and Ô) lead punctuation, symbols, the BOM and
        // fullwidth forms, the usual lone three-byte mojibake ("â€™").
        (_, 3, 0xE2 | 0xEF) => true,
        // Other leads are letters, which may end a word before NBSP or an
        // ellipsis and a closing mark ("indéterminé\u{A0}»", "Další…“").
        // CJK, Hangul and Vietnamese rarely look like that after a letter
        // ("ë…„" for "년" follows digits, "á»‹" has no NBSP or ellipsis).
        (Legacy::Windows1252, 3, _) => {
            !(after_letter && matches!(next, '\u{A0}' | '\u{2026}') && punctuation(chars[2].1))
        }
        // In MacRoman, the end of an all-caps word ("ABCÈÉÆ") or a list of
        // symbols ("„†•"); CJK and Hangul mix letters and symbols ("Êúõ",
        // "„ÅØ") or follow digits ("1990ÎÖÑ" for "1990년").
        (Legacy::MacRoman, 3, lead) => {
            let mut rest = chars[1..].iter().map(|&(_, c)| c);
            if chars[0].1.is_alphabetic() {
                !(after_letter && rest.all(char::is_uppercase))
            } else {
                lead != 0xE3 || rest.any(char::is_alphabetic)
            }
        }
        // Â, Ã, Ä or Å then a symbol: Latin-1, NBSP and Latin Extended-A
        // ("Ã©", "Â\u{A0}", "Å¡", "Ä…"), the most common mojibake there is.
        (Legacy::Windows1252, _, 0xC2..=0xC5) => true,
        // Other uppercase letters end all-caps words ("CAFÉ”", "ÉTÉ\u{A0}!",
        // "T•Ø•R") or precede another ("PROHLÍŽEČ"); otherwise Latin
        // Extended-B ("È™" for "ș"), Greek, Cyrillic, Hebrew, Arabic.
        (Legacy::Windows1252, _, 0xC6..=0xDB) => {
            context.word || (!follows_words(next) && !matches!(next, 'Š' | 'Œ' | 'Ž' | 'Ÿ'))
        }
        // Ü Ý Þ ß end German words ("Gruß“") and would give Syriac, Thaana
        // or NKo.
        (Legacy::Windows1252, _, _) => context.word,
        // √ ¬ ƒ ≈ then a letter or symbol: Latin-1 and Latin Extended-A,
        // except math standing alone ("√π").
        (Legacy::MacRoman, _, lead @ 0xC2..=0xC5) => {
            !(context.word && lead == 0xC3 && is_math(next))
        }
        // Ã Õ after a lowercase letter: a combining accent of decomposed
        // text ("eÃÄ" for "è"); not an all-caps word ("KÕÄ").
        (Legacy::MacRoman, _, 0xCC | 0xCD) => {
            context.word || context.before.is_some_and(char::is_lowercase)
        }
        // ∆ or » inside a word: Vietnamese ư and ơ ("ch∆∞a"), Romanian ș
        // and ț ("fi»ôier", also "»ôi" as German quotes never open with ô).
        (Legacy::MacRoman, _, lead @ (0xC6 | 0xC8)) => {
            context.word || after_letter || (lead == 0xC8 && matches!(next, 'ò' | 'ô' | 'õ'))
        }
        // The other leads are punctuation text puts before letters ("l’été").
        (Legacy::MacRoman, _, _) => context.word,
    }
}

/// Characters that end a word in correct text.
fn closes_word(c: char) -> bool {
    matches!(
        c,
        '\u{2019}'
            | '\u{201D}'
            | '\u{2026}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{A0}'
            | '\u{AD}'
            | '\u{BB}'
    )
}

/// Characters that follow a letter in correct text.
fn follows_words(c: char) -> bool {
    closes_word(c) || matches!(c, '\u{2018}' | '\u{2022}' | '\u{A9}' | '\u{AE}')
}

/// Marks that may come two in a row after a word ("…“", NBSP and »).
fn punctuation(c: char) -> bool {
    closes_word(c)
        || matches!(
            c,
            '\u{201C}' | '\u{2018}' | '\u{203A}' | '\u{2039}' | '\u{AB}'
        )
}

/// MacRoman's math symbols (they also stand for UTF-8 continuation bytes).
fn is_math(c: char) -> bool {
    matches!(
        c,
        '≠' | '∞' | '±' | '≤' | '≥' | 'µ' | '∂' | '∑' | '∏' | 'π' | '∫' | 'Ω'
    )
}

/// An emoji read as MacRoman whose first byte, shown as the Apple logo
/// U+F8FF, was lost ("üí∞" for 💰). Only for a standalone run of exactly
/// those three characters, and not a word of Turkish or Estonian ("üçü").
fn lost_apple_logo(bytes: &[u8], chars: &[(usize, char)]) -> Option<Seq> {
    let [0x9F, third, fourth] = *bytes else {
        return None;
    };
    let (ch, _) = utf8_char(&[0xF0, 0x9F, third, fourth])?;
    let letter = |i: usize| matches!(chars[i].1, 'ä' | 'ç' | 'ö' | 'õ' | 'ü');
    let emoji = matches!(u32::from(ch), 0x1F300..=0x1FAFF);
    (emoji && !(letter(1) && letter(2))).then_some(Seq {
        start: 0,
        len: 3,
        ch,
        sure: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The seed's badge line: each emoji went through MacRoman and its first
    /// byte survived as the Apple logo.
    const SEED_BADGES: &str = "#### `\u{F8FF}üí∞ USD $137,000~$199,000` `\u{F8FF}üåé Remote US`  ";

    /// What `text` looks like after its UTF-8 was read as `encoding`.
    fn mangle(text: &str, encoding: &'static Encoding) -> String {
        encoding
            .decode_without_bom_handling(text.as_bytes())
            .0
            .into_owned()
    }

    fn repaired(text: &str) -> String {
        repair_mojibake(text).unwrap_or_else(|| panic!("not repaired: {text:?}"))
    }

    fn assert_repairs(pairs: &[(&str, &str)]) {
        for &(mangled, right) in pairs {
            assert_eq!(repaired(mangled), right, "repairing {mangled:?}");
        }
    }

    /// Correct text in many languages and scripts, none of it mojibake.
    const CORRECT: &[&str] = &[
        "São Paulo",
        "À bientôt",
        "Â",
        "Ã",
        "Ã o",
        "Ão",
        "SÃO PAULO, IRMÃ",
        "Größe",
        "naïve café",
        "Übermäßig",
        "Çà et là",
        "déjà vu",
        "Ça va? Très bien — merci!",
        "Acme™ pays 50 000 € a year, © 2024",
        "¡Hola! ¿Qué tal? Año, niño, España",
        "Ω ≈ ç √ ∫",
        "√π ≈ 1.77, ∑ ≤ ∞, ±5 µm",
        "l’été, l’école, qu’à, d’où, l’Éducation, l’œuvre",
        "«\u{A0}école\u{A0}» et «éà»",
        "CAFÉ”, ÉTÉ\u{A0}!, CAFÉ’S",
        "„Gruß“, „Ärger“, Straße…, weiß…",
        "küçük, üçüncü, güçü, üçü de geldi",
        "Zürich, Düsseldorf, Köln, Müller",
        "Þórður, Guðrún, Ísland, Reykjavík",
        "Ελληνικά: αβγ, Ω",
        "Привет, мир",
        "日本語のテキスト、東京",
        "한국어 텍스트",
        "中文文本",
        "Tiếng Việt, Hà Nội, Đà Nẵng, ÂM",
        "Łódź, Kraków, Český Krumlov, œuvre, Œdipe",
        "Smørrebrød, Ålesund, Åre",
        "مرحبا",
        "שלום",
        "💰 USD, 🌎 Remote, 👍🏽",
        "I ♥ NY → fast • clean",
        "1º, 2ª, 10°C, m², x³",
        "lingüística, pingüino, müüa",
        "Ärzte, Öl, Über",
        "“Quoted” and ‘single’ – dash — em … ellipsis",
        // Found in translations: a letter ending a word before NBSP or
        // punctuation, uppercase words and symbol lists.
        "dans un état « indéterminé\u{A0}»",
        "Zahrnúť položku „Iné…“",
        "PROHLÍŽEČ",
        "je pln\u{A0}– čeká se",
        "ABCDEFGHIJKÈÉÆØÅ",
        "–—‘“”„†•…‰™œŠŸž€",
        "abcdefghijkõäöü ABCDEFGHIJKÕÄÖÜ",
        "valgrind (T•Ø•R•Ü•S)",
        "»über«, »öffnen«, »Öl«",
    ];

    #[test]
    fn seed_badge_line_through_macroman_with_apple_logo() {
        assert_eq!(
            repaired(SEED_BADGES),
            "#### `💰 USD $137,000~$199,000` `🌎 Remote US`  "
        );
    }

    #[test]
    fn seed_prose_through_macroman() {
        assert_repairs(&[
            ("we‚Äôre shaping", "we’re shaping"),
            ("mission ‚Äì to", "mission – to"),
            ("‚Äú...an internet", "“...an internet"),
            ("experience.‚Äù Being", "experience.” Being"),
            ("shareholders ‚Äî only", "shareholders — only"),
        ]);
    }

    #[test]
    fn seed_file_decodes_with_one_macroman_warning() {
        let seed = format!(
            "# [Senior Software Engineer](https://example.com)  \n### Mozilla  \n{SEED_BADGES}\n\nwe‚Äôre shaping our mission ‚Äì to build ‚Äú...an internet‚Äù.\n"
        );
        let decoded = decode(seed.as_bytes());
        assert!(decoded
            .text
            .contains("`💰 USD $137,000~$199,000` `🌎 Remote US`"));
        assert!(decoded
            .text
            .contains("we’re shaping our mission – to build “...an internet”."));
        assert_eq!(decoded.text.lines().count(), seed.lines().count());
        assert_eq!(
            warning_texts(&decoded),
            ["repaired mojibake (UTF-8 read as MacRoman): ‚Äô → ’ (and 5 more)"]
        );
    }

    #[test]
    fn windows_1252_examples() {
        assert_repairs(&[
            ("itâ€™s", "it’s"),
            ("Ã©tÃ©", "été"),
            ("â€œquotedâ€\u{9D} text", "“quoted” text"),
            ("â€œquotedâ€ text", "“quoted” text"),
            ("say â€œhiâ€", "say “hi”"),
            ("Ã¼ber", "über"),
            ("Aâ€“B, Aâ€”B", "A–B, A—B"),
            ("cafÃ©", "café"),
            ("pÅ™i, DvoÅ™Ã¡k", "při, Dvořák"),
            // Found in man pages and translations.
            ("DESCRIPCIÃ\u{93}N", "DESCRIPCIÓN"),
            ("geÃ¯nstalleerd", "geïnstalleerd"),
            ("operationsâ\u{80}\u{94}that is", "operations—that is"),
        ]);
    }

    #[test]
    fn windows_1252_languages() {
        for text in [
            "Le café est à côté de l’église, à Noël, cœur et œuvre",
            "Größe, Übermäßig, Straße, Grüße aus Zürich",
            "¡Hola! ¿Qué tal? El niño de España",
            "São Paulo, ação, coração, Ãgua não",
            "Łódź, Kraków, Český Krumlov, šťastný",
            "日本語のテキスト、東京で働く",
            "Привет, мир: в Москве, а я и о у к с",
            "Ελληνικά αβγ",
            "💰 USD, 🌍 Remote, 👍",
            "« À bientôt » — merci…",
            "Imprimă un mesaj de ajutor și iese, conținutul, OPȚIUNI",
            "Quảng Trị, Thừa Thiên-Huế, chưa được cài đặt",
            "1992년 12월 23일, 각 검색어, 양 부분",
            "pasują, będą, TAKŻE, při, Dvořák, žluťoučký",
        ] {
            assert_eq!(repaired(&mangle(text, WINDOWS_1252)), text, "{text}");
        }
    }

    #[test]
    fn latin_1_controls_for_undefined_windows_1252_bytes() {
        // É is C3 89 in UTF-8; Latin-1 reads 89 as the control U+0089.
        assert_repairs(&[("\u{C3}\u{89}cole", "École"), ("\u{C3}\u{81}rea", "Área")]);
    }

    #[test]
    fn macroman_examples() {
        assert_repairs(&[
            ("‚Äô", "’"),
            ("‚Äú", "“"),
            ("‚Äù", "”"),
            ("‚Äì", "–"),
            ("‚Äî", "—"),
            ("√©", "é"),
            ("caf√©", "café"),
            ("üí∞ USD", "💰 USD"),
            ("üåé Remote US", "🌎 Remote US"),
        ]);
    }

    #[test]
    fn macroman_languages() {
        for text in [
            "Le café est à côté de l’église, à Noël, cœur",
            "Größe, Übermäßig, Grüße aus Köln",
            "¡Hola! ¿Qué tal? El niño de España",
            "São Paulo, ação, coração",
            "日本語のテキスト、東京で働く",
            "Привет, мир",
            "💰 USD, 🌎 Remote US, 👍",
            "we’re shaping – “quoted” — done…",
            "Imprimă un mesaj de ajutor și iese, conținutul",
            "Quảng Trị, chưa được cài đặt",
            "1990년, 각 검색어",
            "pasują, będą, při, Dvořák",
            // Decomposed accents, as macOS writes them.
            "e\u{300} perche\u{301}",
        ] {
            assert_eq!(repaired(&mangle(text, MACINTOSH)), text, "{text}");
        }
    }

    #[test]
    fn correct_text_is_left_alone() {
        for text in CORRECT {
            assert_eq!(repair_mojibake(text), None, "{text}");
        }
    }

    #[test]
    fn only_the_mangled_phrase_is_repaired() {
        let text = "l’été à Genève, Größe, São Paulo; then itâ€™s and we‚Äôre; «\u{A0}école\u{A0}»";
        assert_eq!(
            repaired(text),
            "l’été à Genève, Größe, São Paulo; then it’s and we’re; «\u{A0}école\u{A0}»"
        );
    }

    #[test]
    fn double_encoded_is_repaired() {
        for text in ["it’s café", "Größe 💰", "日本語"] {
            let twice = mangle(&mangle(text, WINDOWS_1252), WINDOWS_1252);
            assert_eq!(repaired(&twice), text, "{twice}");
        }
        for text in ["we’re café", "Größe 💰"] {
            let twice = mangle(&mangle(text, MACINTOSH), MACINTOSH);
            assert_eq!(repaired(&twice), text, "{twice}");
        }
        assert_eq!(repaired("Ã¢â‚¬â„¢"), "’");
    }

    fn warning_texts(decoded: &Decoded) -> Vec<String> {
        decoded
            .warnings
            .iter()
            .map(Diagnostic::record_text)
            .collect()
    }

    #[test]
    fn valid_utf8_drops_bom_and_keeps_text() {
        let decoded = decode("\u{FEFF}Title\r\n\r\nBody é\n".as_bytes());
        assert_eq!(decoded.text, "Title\r\n\r\nBody é\n");
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn mangled_bom_is_dropped() {
        let decoded = decode("ï»¿Title\n".as_bytes());
        assert_eq!(decoded.text, "Title\n");
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252() {
        let decoded = decode(b"Title\r\ncaf\xE9 na\xEFve\n\x93quoted\x94 \x80 5\n");
        assert_eq!(decoded.text, "Title\r\ncafé naïve\n“quoted” € 5\n");
        assert_eq!(
            warning_texts(&decoded),
            ["line 2: the file is not valid UTF-8 (first bad byte on this line); read it as Windows-1252: save it as UTF-8"]
        );
    }

    #[test]
    fn invalid_utf8_with_utf8_parts_gets_them_back() {
        let decoded = decode(b"caf\xE9\nit\xE2\x80\x99s \xC3\xA9t\xC3\xA9\n");
        assert_eq!(decoded.text, "café\nit’s été\n");
        assert_eq!(decoded.warnings.len(), 2, "{:?}", decoded.warnings);
        assert!(decoded.warnings[1]
            .message
            .starts_with("repaired mojibake (UTF-8 read as Windows-1252): "));
    }

    #[test]
    fn warning_prefers_a_visible_example() {
        let decoded = decode("a\u{C2}\u{A0}b and â€™".as_bytes());
        assert_eq!(decoded.text, "a\u{A0}b and ’");
        assert_eq!(
            warning_texts(&decoded),
            ["repaired mojibake (UTF-8 read as Windows-1252): â€™ → ’ (and 1 more)"]
        );
    }

    #[test]
    fn ascii_is_untouched() {
        assert_eq!(repair_mojibake("plain ASCII\nline two\n"), None);
        assert_eq!(decode(b"a\nb\n").text, "a\nb\n");
    }

    proptest! {
        #[test]
        fn decode_never_panics_and_keeps_lines(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let decoded = decode(&bytes);
            let newlines = |s: &[u8]| s.iter().filter(|&&b| b == b'\n').count();
            prop_assert_eq!(newlines(decoded.text.as_bytes()), newlines(&bytes));
        }

        #[test]
        fn repair_never_panics_and_keeps_ascii(text in "[a-z \n\u{80}-\u{FF}€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ√∞≈«»\u{F8FF}üé💰]{0,40}") {
            if let Some(fixed) = repair_mojibake(&text) {
                let ascii = |s: &str| s.chars().filter(char::is_ascii).collect::<String>();
                prop_assert_eq!(ascii(&fixed), ascii(&text));
            }
        }
    }

    #[test]
    fn utf16_with_a_bom_becomes_utf8() {
        let utf16le = |units: &[u16]| -> Vec<u8> {
            [0xFF, 0xFE]
                .into_iter()
                .chain(units.iter().flat_map(|u| u.to_le_bytes()))
                .collect()
        };
        let text: Vec<u16> = "Zürich 💰".encode_utf16().collect();
        let valid = utf16le(&text);
        let (bytes, warning) = utf16_to_utf8(&valid);
        assert_eq!((&*bytes, warning), ("Zürich 💰".as_bytes(), None));
        let lone_surrogate = utf16le(&[0x41, 0xD800, 0x42]);
        let (bytes, warning) = utf16_to_utf8(&lone_surrogate);
        assert_eq!(&*bytes, "A\u{FFFD}B".as_bytes());
        assert!(warning.unwrap().contains("UTF-16LE"));
        let plain = b"plain UTF-8";
        assert!(matches!(utf16_to_utf8(plain), (Cow::Borrowed(b), None) if b == plain));
        let no_bom: Vec<u8> = "Title: Rust engineer in Zürich"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(looks_like_utf16(&no_bom) && !looks_like_utf16(b"just text here"));
    }
}
