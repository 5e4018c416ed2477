//! The tokenizer shared with `search.js` (`tokenize` there): both must split
//! text into the same terms, so every rule is spelled out here.
//!
//! 1. Fold: ASCII is lowercased. A non-ASCII alphanumeric character becomes
//!    its `deunicode` transliteration, lowercased (`é` → `e`, `ß` → `ss`,
//!    `北` → `bei `); any other non-ASCII character is a space. The browser
//!    has no `deunicode`, so `meta.json` carries the fold of every non-ASCII
//!    character of the index (`fold`); for characters not in it the client
//!    uses NFKD without combining marks, which agrees for accented letters.
//! 2. Split the folded ASCII text into runs of `[a-z0-9]`, with three
//!    programming-name rules so `C++`, `C#` and `.NET` stay searchable:
//!    - `a.b.c` (dots between alphanumerics) gives `abc`, `a`, `b`, `c`
//!      (`node.js` → `nodejs`, `node`, `js`);
//!    - a run followed by `++` or `#` and no alphanumeric gives run + `pp` /
//!      `sharp` (`c++` → `cpp`, `c#` → `csharp`, the usual tag slugs);
//!    - `.` + run, not after an alphanumeric, gives `dot` + run (`.net` → `dotnet`).
//! 3. Drop [`STOPWORDS`] and terms longer than [`MAX_TERM`] bytes.
//!
//! Terms are therefore `[a-z0-9]+`: safe as JSON keys and file names.

/// Common English words that would be in nearly every posting's summary:
/// their lists would be the biggest files and rank nothing. Sorted.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in",
    "is", "it", "its", "of", "on", "or", "our", "that", "the", "their", "this", "to", "us", "we",
    "will", "with", "you", "your",
];

/// Longer "words" are hashes, URLs or base64: nobody types them.
pub const MAX_TERM: usize = 32;

/// How a non-ASCII character folds (rule 1); `None` for ASCII.
pub fn fold_char(c: char) -> Option<String> {
    if c.is_ascii() {
        return None;
    }
    let folded = if c.is_alphanumeric() {
        deunicode::deunicode_char(c).unwrap_or(" ")
    } else {
        " "
    };
    Some(folded.to_ascii_lowercase())
}

/// The terms of `text`, in order, repeats included.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_char(c) {
            None => folded.push(c.to_ascii_lowercase()),
            Some(f) => folded.push_str(&f),
        }
    }
    let mut terms = Vec::new();
    split(folded.as_bytes(), &mut |t| {
        if t.len() <= MAX_TERM && STOPWORDS.binary_search(&t.as_str()).is_err() {
            terms.push(t);
        }
    });
    terms
}

/// Rule 2 over folded ASCII.
fn split(s: &[u8], emit: &mut impl FnMut(String)) {
    let alnum = |i: usize| i < s.len() && s[i].is_ascii_alphanumeric();
    let text = |r: &[u8]| String::from_utf8_lossy(r).into_owned();
    let mut i = 0;
    while i < s.len() {
        if alnum(i) {
            let mut parts = Vec::new();
            loop {
                let start = i;
                while alnum(i) {
                    i += 1;
                }
                parts.push(&s[start..i]);
                if i < s.len() && s[i] == b'.' && alnum(i + 1) {
                    i += 1;
                } else {
                    break;
                }
            }
            if parts.len() > 1 {
                emit(text(&parts.concat()));
                parts.into_iter().for_each(|p| emit(text(p)));
            } else if s[i..].starts_with(b"++") && !alnum(i + 2) {
                emit(text(parts[0]) + "pp");
                i += 2;
            } else if s.get(i) == Some(&b'#') && !alnum(i + 1) {
                emit(text(parts[0]) + "sharp");
                i += 1;
            } else {
                emit(text(parts[0]));
            }
        } else if s[i] == b'.' && alnum(i + 1) {
            // Only reached when no alphanumeric precedes: that case is a dotted run above.
            i += 1;
            let start = i;
            while alnum(i) {
                i += 1;
            }
            emit(format!("dot{}", text(&s[start..i])));
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tokenize;

    #[test]
    fn stopwords_are_sorted() {
        assert!(super::STOPWORDS.is_sorted());
    }

    #[test]
    fn folds_and_splits() {
        assert_eq!(tokenize("Développeur Zürich"), ["developpeur", "zurich"]);
        assert_eq!(tokenize("Straße, ØRESUND"), ["strasse", "oresund"]);
        assert_eq!(tokenize("北京 Engineer 💰"), ["bei", "jing", "engineer"]);
        assert_eq!(tokenize("the Rust and the Go"), ["rust", "go"]);
    }

    #[test]
    fn keeps_programming_names() {
        assert_eq!(tokenize("C++, C# / .NET"), ["cpp", "csharp", "dotnet"]);
        assert_eq!(tokenize("Node.js dev"), ["nodejs", "node", "js", "dev"]);
        assert_eq!(tokenize("c++11 5+ years"), ["c", "11", "5", "years"]);
        assert_eq!(tokenize("ends with a dot."), ["ends", "dot"]);
    }
}
