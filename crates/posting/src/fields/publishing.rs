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
                "draft-unparsed",
                format!("draft `{text}` not understood; write `draft: true` or `draft: false`"),
            );
            None
        }
        (None, "status") => {
            out.warn_at(
                entry.line,
                "status-unparsed",
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
                    "alias-refused",
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
    use crate::{Config, Normalizer};

    const NOW: &str = "2025-03-10T00:00:00Z";

    fn normalize(front_matter: &str) -> crate::Posting {
        let normalizer = Normalizer::new(&Config::default(), NOW.parse().unwrap());
        let text =
            format!("---\ntitle: Welder\napply: https://x.example/\n{front_matter}---\nWeld.\n");
        normalizer
            .normalize("content/a.md", text.as_bytes())
            .unwrap()
    }

    #[test]
    fn the_status_says_what_the_posting_says_and_when() {
        for (front_matter, status) in [
            ("date: 2025-03-01\n", Status::Published),
            ("date: 2025-03-01\ndraft: true\n", Status::Draft),
            ("date: 2025-03-01\nstatus: Draft\n", Status::Draft),
            ("date: 2025-03-01\ndraft: false\n", Status::Published),
            ("date: 2025-03-01\nstatus: filled\n", Status::Closed),
            ("date: 2025-04-01\n", Status::Scheduled),
            ("date: 2025-04-01\ndraft: yes\n", Status::Draft),
            ("date: 2025-04-01\nstatus: closed\n", Status::Closed),
            ("date: 2025-01-01\nexpires: 2025-03-01\n", Status::Expired),
            ("", Status::Published),
        ] {
            let p = normalize(front_matter);
            assert_eq!(p.status, status, "{front_matter}");
            assert!(p.warnings.is_empty(), "{front_matter}: {:?}", p.warnings);
        }
    }

    #[test]
    fn states_it_does_not_know_are_warned_about() {
        let p = normalize("status: maybe\ndraft: perhaps\n");
        assert_eq!(p.status, Status::Published);
        assert_eq!(
            p.warnings,
            [
                "line 4: status `maybe` not understood; use draft, published, closed or filled",
                "line 5: draft `perhaps` not understood; write `draft: true` or `draft: false`",
            ]
        );
    }

    #[test]
    fn an_undated_posting_takes_the_date_its_file_was_added() {
        let added: jiff::Timestamp = "2025-02-01T09:30:00Z".parse().unwrap();
        let normalizer = Normalizer::new(&Config::default(), NOW.parse().unwrap())
            .with_added_dates([("content/a.md".to_string(), added)].into());
        let undated = b"---\ntitle: Welder\napply: https://x.example/\n---\nWeld.\n";
        let p = normalizer.normalize("content/a.md", undated).unwrap();
        assert_eq!(p.date, Some("2025-02-01T09:30:00+00:00".parse().unwrap()));
        assert_eq!(p.inferred, ["date"]);
        // A written date wins, and only a written date schedules.
        let dated =
            b"---\ntitle: Welder\ndate: 2025-01-05\napply: https://x.example/\n---\nWeld.\n";
        let p = normalizer.normalize("content/a.md", dated).unwrap();
        assert_eq!(p.date, Some("2025-01-05T00:00:00+00:00".parse().unwrap()));
        let later = Normalizer::new(&Config::default(), "2025-01-01T00:00:00Z".parse().unwrap())
            .with_added_dates([("content/a.md".to_string(), added)].into());
        assert_eq!(
            later.normalize("content/a.md", undated).unwrap().status,
            Status::Published
        );
    }

    #[test]
    fn aliases_are_read_from_a_list_or_one_path() {
        assert_eq!(
            normalize("aliases: [/jobs/a/, jobs/b, /jobs/a/]\n").aliases,
            ["/jobs/a/", "/jobs/b/"]
        );
        assert_eq!(normalize("alias: /old.html\n").aliases, ["/old.html"]);
        let refused = normalize("aliases: [\"https://elsewhere.example/x/\"]\n");
        assert!(refused.aliases.is_empty());
        assert!(refused.warnings[0].contains("alias `https://elsewhere.example/x/` refused"));
    }

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
