//! How the site publishes a posting: its [`Status`] (from `draft:` and
//! `status:`, a date still to come, an `expires` gone by) and the old
//! addresses it is redirected from (`aliases:`).

use serde_json::Value;

use super::{value_text, Collector};
use crate::{MetaEntry, Status};

/// The metadata keys read here.
const KEYS: &[&str] = &["draft", "status", "aliases", "alias"];

pub(super) fn is_key(key: &str) -> bool {
    KEYS.contains(&key)
}

/// What the author said of the posting's state, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stated {
    Draft,
    Closed,
    Published,
}

/// The posting's status at `now`, given its written `date`. A draft stays a
/// draft whatever else it says; a closed or expired posting is closed even
/// if its date is to come.
pub(super) fn status(
    entries: &[MetaEntry],
    date: Option<jiff::Timestamp>,
    expires: Option<jiff::Timestamp>,
    now: jiff::Timestamp,
    out: &mut Collector,
) -> Status {
    let stated: Vec<Stated> = entries
        .iter()
        .filter_map(|entry| stated(entry, out))
        .collect();
    if stated.contains(&Stated::Draft) {
        Status::Draft
    } else if stated.contains(&Stated::Closed) {
        Status::Closed
    } else if expires.is_some_and(|e| e < now) {
        Status::Expired
    } else if date.is_some_and(|d| d > now) {
        Status::Scheduled
    } else {
        Status::Published
    }
}

fn stated(entry: &MetaEntry, out: &mut Collector) -> Option<Stated> {
    let text = match &entry.value {
        Value::Bool(b) => b.to_string(),
        other => value_text(other)?.to_ascii_lowercase(),
    };
    let understood = match (entry.key.as_str(), text.as_str()) {
        ("draft", "true" | "yes") => Some(Stated::Draft),
        ("draft", "false" | "no") => Some(Stated::Published),
        ("status", "draft") => Some(Stated::Draft),
        ("status", "closed" | "filled" | "expired") => Some(Stated::Closed),
        ("status", "published" | "open" | "active") => Some(Stated::Published),
        _ => None,
    };
    match (understood, entry.key.as_str()) {
        (Some(s), _) => Some(s),
        (None, "draft") => {
            out.warn_at(
                entry.line,
                format!("draft `{text}` not understood; write `draft: true` or `draft: false`"),
            );
            None
        }
        (None, "status") => {
            out.warn_at(
                entry.line,
                format!("status `{text}` not understood; use draft, published, closed or filled"),
            );
            None
        }
        (None, _) => None,
    }
}

/// The old addresses of the posting, as site paths `/jobs/old-slug/`;
/// anything that is not a plain path on this site is refused with a warning.
pub(super) fn aliases(entries: &[MetaEntry], out: &mut Collector) -> Vec<String> {
    let mut aliases = Vec::new();
    for entry in entries.iter().filter(|e| e.key.starts_with("alias")) {
        let written: Vec<String> = match &entry.value {
            Value::Array(items) => items.iter().filter_map(value_text).collect(),
            other => value_text(other).into_iter().collect(),
        };
        for text in written {
            match site_path(&text) {
                Some(path) if !aliases.contains(&path) => aliases.push(path),
                Some(_) => {}
                None => out.warn_at(
                    entry.line,
                    format!(
                        "alias `{text}` refused: write a path on this site, like `/jobs/old-slug/`"
                    ),
                ),
            }
        }
    }
    aliases
}

/// `/jobs/old/`, `jobs/old` or `/jobs/old/index.html` as `/jobs/old/`, and
/// an old page `/jobs/old.html` as it is; `None` for the site root, other
/// sites, `..` and characters a file name or URL would need escaped.
pub fn site_path(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text.strip_suffix("index.html").unwrap_or(text);
    let page = text.ends_with(".html");
    let segments: Vec<&str> = text.split('/').filter(|s| !s.is_empty()).collect();
    let plain = |s: &&str| {
        !s.starts_with('.')
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
    };
    if segments.is_empty() || text.starts_with("//") || !segments.iter().all(plain) {
        return None;
    }
    let trailing = if page { "" } else { "/" };
    Some(format!("/{}{trailing}", segments.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_paths_on_this_site() {
        assert_eq!(site_path("/jobs/old/").as_deref(), Some("/jobs/old/"));
        assert_eq!(site_path("jobs/old").as_deref(), Some("/jobs/old/"));
        assert_eq!(
            site_path("/careers/old.html").as_deref(),
            Some("/careers/old.html")
        );
        assert_eq!(
            site_path(" /jobs/old/index.html ").as_deref(),
            Some("/jobs/old/")
        );
        for refused in [
            "/",
            "",
            "https://example.com/jobs/x/",
            "//example.com/x",
            "/jobs/../secrets/",
            "/jobs/.git/",
            "/jobs/a b/",
            "/jobs/x?y=1",
            "/jobs/<script>/",
        ] {
            assert_eq!(site_path(refused), None, "{refused}");
        }
    }
}
