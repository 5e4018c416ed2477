//! Loading a site: config, posting files, normalization in parallel.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, LoadError, SourceFile};
use crate::posting::{Normalizer, Posting, PostingError};

/// Every posting that normalized, and every file that did not.
pub struct Loaded {
    pub postings: Vec<Posting>,
    pub errors: Vec<PostingError>,
}

/// Normalizes `files` in parallel; results are in the order of `files`.
pub fn normalize_files(normalizer: &Normalizer, files: &[SourceFile]) -> Loaded {
    let results: Vec<Result<Posting, PostingError>> = files
        .par_iter()
        .map(|file| match std::fs::read(&file.absolute) {
            Ok(bytes) => normalizer.normalize(&file.path, &bytes),
            Err(e) => Err(PostingError {
                path: file.path.clone(),
                line: None,
                column: None,
                message: format!("cannot read the file: {e}"),
            }),
        })
        .collect();
    let mut loaded = Loaded {
        postings: Vec::with_capacity(results.len()),
        errors: Vec::new(),
    };
    for result in results {
        match result {
            Ok(p) => loaded.postings.push(p),
            Err(e) => loaded.errors.push(e),
        }
    }
    loaded
}

/// Discovers and normalizes the posting files under `targets`.
pub fn load(root: &Path, targets: &[PathBuf], normalizer: &Normalizer) -> Loaded {
    let (files, walk_errors) = content::discover(root, targets);
    let mut loaded = normalize_files(normalizer, &files);
    loaded.errors.extend(
        walk_errors
            .into_iter()
            .map(|LoadError { path, message }| PostingError {
                path,
                line: None,
                column: None,
                message,
            }),
    );
    loaded.errors.sort_by(|a, b| a.path.cmp(&b.path));
    loaded
}

/// The site root for `path`: the nearest folder at or above it holding a
/// `hireboard.yaml`, else the current folder.
pub fn find_root(path: &Path) -> PathBuf {
    let start = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    start
        .ancestors()
        .find(|dir| dir.join(crate::config::CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")))
}

/// The build's "now": `--now`, else `SOURCE_DATE_EPOCH`, else the clock.
pub fn resolve_now(flag: Option<&str>) -> Result<jiff::Timestamp, String> {
    if let Some(text) = flag {
        return parse_now(text).ok_or_else(|| {
            format!(
                "--now `{text}` is not a date: use RFC 3339 (2025-03-03T12:00:00Z) or 2025-03-03"
            )
        });
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        return epoch
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds"));
    }
    Ok(jiff::Timestamp::now())
}

fn parse_now(text: &str) -> Option<jiff::Timestamp> {
    text.parse::<jiff::Timestamp>().ok().or_else(|| {
        let date: jiff::civil::Date = text.parse().ok()?;
        date.to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    })
}

/// Loads the config of the site at `root`, as an error message on failure.
pub fn load_config(root: &Path) -> Result<Config, String> {
    Config::load(root).map_err(|e| e.to_string())
}
