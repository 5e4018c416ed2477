//! When each posting file was added, from the site's git history: the date
//! of a posting that states none. One `git log` for the whole content
//! folder, whatever its size; a site outside git (or without git installed)
//! has no history, and its undated postings stay undated.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::content::CONTENT_DIR;

/// Source path (`content/a.md`) to the time of the newest commit that added
/// it (a file deleted and added again dates from its return). Deterministic
/// for a given history: commit times, not the clock or the checkout.
pub fn added_dates(root: &Path) -> HashMap<String, jiff::Timestamp> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotepath=off", "log", "--no-renames"])
        .args(["--diff-filter=A", "--name-only", "-z", "--format=%x01%ct"])
        .args(["--relative", "--", CONTENT_DIR])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    match output {
        Ok(out) if out.status.success() => parse_log(&String::from_utf8_lossy(&out.stdout)),
        _ => HashMap::new(),
    }
}

/// `git log -z --name-only --format=%x01%ct`, newest commit first: each
/// commit's `\x01<seconds>` then the paths it added, all `\0`-separated.
fn parse_log(log: &str) -> HashMap<String, jiff::Timestamp> {
    let mut added = HashMap::new();
    let mut time = None;
    for item in log.split('\0').map(|s| s.trim_start_matches('\n')) {
        if let Some(seconds) = item.strip_prefix('\x01') {
            time = seconds
                .parse()
                .ok()
                .and_then(|s| jiff::Timestamp::from_second(s).ok());
        } else if let (Some(t), false) = (time, item.is_empty()) {
            added.entry(item.to_string()).or_insert(t);
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_addition_of_each_file_counts() {
        let log =
            "\x01200\0\ncontent/a.md\0content/ü b.md\0\x01100\0\ncontent/a.md\0content/c.md\0";
        let added = parse_log(log);
        let seconds = |p: &str| added.get(p).map(|t| t.as_second());
        assert_eq!(seconds("content/a.md"), Some(200));
        assert_eq!(seconds("content/ü b.md"), Some(200));
        assert_eq!(seconds("content/c.md"), Some(100));
        assert_eq!(added.len(), 3);
    }

    #[test]
    fn a_folder_outside_git_has_no_history() {
        let dir = tempfile::tempdir().unwrap();
        assert!(added_dates(dir.path()).is_empty());
    }
}
