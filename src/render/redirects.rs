//! The old addresses of postings (`aliases:`): a page at each that sends
//! the browser on (meta refresh, `rel=canonical` for search engines, a link
//! for everyone else), and `_redirects`, the file from which Netlify and
//! Cloudflare Pages answer the old address with a real `301`.

use std::collections::BTreeMap;

use super::feeds::xml;
use super::urls::{self, Urls};
use super::{has_page, Page};
use crate::board::Board;
use crate::config::Config;

/// The Netlify / Cloudflare Pages redirect list, at the site root.
pub(crate) const REDIRECTS: &str = "_redirects";

/// First segments of the pages and files the site generates: an alias
/// there would take (or sit inside) one of them.
const GENERATED: &[&str] = &[
    "page",
    "remote",
    "companies",
    "tags",
    "api",
    "search",
    urls::FEED,
    urls::JSON_FEED,
    urls::ROBOTS,
    urls::NOT_FOUND,
    REDIRECTS,
];

/// The aliases the site serves, and the ones it cannot.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Redirects {
    /// Relative URL of the alias (`jobs/old/`) to the slug of its posting.
    pub to: BTreeMap<String, String>,
    /// Aliases left out, each with the source path of the posting that
    /// gave it and why.
    pub conflicts: Vec<Conflict>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub path: String,
    pub alias: String,
    pub message: String,
}

/// The redirects of the postings that have a page. When two postings claim
/// one address, the first by source path keeps it; a page the site
/// generates always keeps its own.
pub fn redirects(board: &Board, config: &Config) -> Redirects {
    let mut aliased: Vec<usize> = board
        .aliased()
        .filter(|&i| has_page(&board.postings[i], config))
        .collect();
    aliased.sort_by(|&a, &b| {
        board.postings[a]
            .source
            .path
            .cmp(&board.postings[b].source.path)
    });
    let mut redirects = Redirects::default();
    let mut claimed_by: BTreeMap<String, &str> = BTreeMap::new();
    for i in aliased {
        let p = &board.postings[i];
        for alias in &p.aliases {
            let rel = alias.trim_start_matches('/').to_string();
            let message = if is_generated(board, &rel) {
                format!(
                    "alias `{alias}` is the address of a page the site generates: it is left out"
                )
            } else if let Some(other) = claimed_by.get(&rel) {
                format!("alias `{alias}` is claimed by {other} too: it redirects there")
            } else {
                claimed_by.insert(rel.clone(), &p.source.path);
                redirects.to.insert(rel, p.slug.clone());
                continue;
            };
            redirects.conflicts.push(Conflict {
                path: p.source.path.clone(),
                alias: alias.clone(),
                message,
            });
        }
    }
    redirects
}

fn is_generated(board: &Board, rel: &str) -> bool {
    let first = rel.split('/').next().unwrap_or_default();
    let posting = rel
        .strip_prefix("jobs/")
        .and_then(|r| r.strip_suffix('/'))
        .is_some_and(|slug| board.posting_index(slug).is_some());
    posting || GENERATED.contains(&first) || first.starts_with("sitemap")
}

/// The page at the old address `rel` of the posting at `slug`.
pub(crate) fn page(urls: &Urls, rel: &str, slug: &str) -> Page {
    let target = xml(&urls.path(&urls::posting(slug)));
    let canonical = xml(&urls.absolute(&urls::posting(slug)));
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>This job has moved</title>\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n\
         <body>\n<p>This job has moved to <a href=\"{target}\">{canonical}</a>.</p>\n</body>\n</html>\n"
    );
    Page {
        path: urls::file_of(rel),
        bytes: html.into_bytes(),
    }
}

/// `_redirects`: `/old/ /jobs/new/ 301`, one line per alias, under the
/// site's base path.
pub(crate) fn list(urls: &Urls, redirects: &Redirects) -> Page {
    let mut text = String::new();
    for (rel, slug) in &redirects.to {
        let target = urls.path(&urls::posting(slug));
        text.push_str(&format!("{} {target} 301\n", urls.path(rel)));
    }
    Page {
        path: REDIRECTS.to_string(),
        bytes: text.into_bytes(),
    }
}
