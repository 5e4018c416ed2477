//! Board + theme -> pages in memory: HTML through Tera, feeds, sitemap, API,
//! search index. Nothing here touches the output folder.

pub mod search;

/// One output file: `path` is relative to the output folder, with `/`
/// (`jobs/acme-engineer/index.html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}
