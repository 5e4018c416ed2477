//! Numbers as compact JSON-safe text: each character of [`DIGITS`] carries 5
//! bits, least significant group first, and values ≥ 32 mean "more follows".
//! A 2-minute gap with field bits costs 2 characters, a whole id 6 or 7.

const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Appends one number.
pub fn push(out: &mut String, mut value: u64) {
    loop {
        let low = (value & 31) as usize;
        value >>= 5;
        if value == 0 {
            out.push(DIGITS[low] as char);
            return;
        }
        out.push(DIGITS[low + 32] as char);
    }
}

/// Ids, newest (largest) first, with their field bits: the first entry is
/// `id * 32 + bits`, each next one `(previous id - id) * 32 + bits`.
pub fn posting_list(entries: &[(u64, u8)]) -> String {
    let mut out = String::with_capacity(entries.len() * 2 + 8);
    let mut previous = None;
    for &(id, bits) in entries {
        let delta = previous.map_or(id, |p: u64| p - id);
        push(&mut out, delta * 32 + u64::from(bits));
        previous = Some(id);
    }
    out
}

/// Sorted numbers (either direction) as the first one, then differences.
pub fn deltas(values: impl IntoIterator<Item = u64>) -> String {
    let mut out = String::new();
    let mut previous = None;
    for value in values {
        push(&mut out, previous.map_or(value, |p: u64| p.abs_diff(value)));
        previous = Some(value);
    }
    out
}

#[cfg(test)]
pub fn decode(text: &str) -> Vec<u64> {
    let mut values = Vec::new();
    let (mut value, mut shift) = (0u64, 0);
    for c in text.bytes() {
        let digit = DIGITS.iter().position(|&d| d == c).unwrap() as u64;
        value |= (digit & 31) << shift;
        shift += 5;
        if digit < 32 {
            values.push(value);
            (value, shift) = (0, 0);
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let mut s = String::new();
        for v in [0, 31, 32, 1 << 40, 29_000_000 * 32 + 17] {
            push(&mut s, v);
        }
        assert_eq!(decode(&s), [0, 31, 32, 1 << 40, 29_000_000 * 32 + 17]);
        assert_eq!(
            decode(&posting_list(&[(100, 1), (98, 4), (10, 31)])),
            [100 * 32 + 1, 2 * 32 + 4, 88 * 32 + 31]
        );
        assert_eq!(decode(&deltas([5, 9, 20])), [5, 4, 11]);
    }
}
