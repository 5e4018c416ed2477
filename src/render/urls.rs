//! Where every page lives. A page's *relative URL* (`jobs/x/`) is what
//! follows the site's base; templates get it prefixed with `base_path`
//! (`/board/jobs/x/`), feeds and sitemaps with `base_url`.

/// The site's base, split the two ways pages need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Urls {
    /// `https://user.github.io/board/`: always ends in `/`.
    pub base_url: String,
    /// `/board/`: always starts and ends in `/`.
    pub base_path: String,
}

impl Urls {
    pub fn new(base_url: &str) -> Urls {
        let mut base_url = base_url.trim().to_string();
        if let Some(i) = base_url.find(['?', '#']) {
            base_url.truncate(i);
        }
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        let host_start = base_url.find("://").map_or(0, |i| i + 3);
        let base_path = match base_url[host_start..].find('/') {
            Some(i) => base_url[host_start + i..].to_string(),
            None => "/".to_string(),
        };
        Urls {
            base_url,
            base_path,
        }
    }

    /// `jobs/x/` -> `/board/jobs/x/`
    pub fn path(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_path)
    }

    /// `jobs/x/` -> `https://user.github.io/board/jobs/x/`
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_url)
    }
}

pub(crate) fn home(page: usize) -> String {
    paginated(String::new(), page)
}

pub(crate) fn remote(page: usize) -> String {
    paginated("remote/".into(), page)
}

pub(crate) fn posting(slug: &str) -> String {
    format!("jobs/{slug}/")
}

pub(crate) fn company(slug: &str, page: usize) -> String {
    paginated(format!("companies/{slug}/"), page)
}

pub(crate) fn company_feed(slug: &str) -> String {
    format!("companies/{slug}/atom.xml")
}

pub(crate) fn company_api(slug: &str) -> String {
    format!("api/companies/{slug}.json")
}

pub(crate) fn tag(name: &str, page: usize) -> String {
    paginated(format!("tags/{name}/"), page)
}

pub(crate) fn tag_feed(name: &str) -> String {
    format!("tags/{name}/atom.xml")
}

pub(crate) const COMPANIES: &str = "companies/";
pub(crate) const TAGS: &str = "tags/";
pub(crate) const FEED: &str = "atom.xml";
pub(crate) const REMOTE_FEED: &str = "remote/atom.xml";
pub(crate) const JSON_FEED: &str = "feed.json";
pub(crate) const SITEMAP: &str = "sitemap.xml";
pub(crate) const ROBOTS: &str = "robots.txt";
pub(crate) const POSTINGS_API: &str = "api/postings.json";
pub(crate) const NOT_FOUND: &str = "404.html";
/// The results page; its index files are under `search/` too.
pub(crate) const SEARCH: &str = "search/";

/// Page 1 is the list's own URL; page N is `<list>page/N/`.
fn paginated(prefix: String, page: usize) -> String {
    if page <= 1 {
        prefix
    } else {
        format!("{prefix}page/{page}/")
    }
}

/// The output file that serves a relative URL: `jobs/x/` -> `jobs/x/index.html`.
pub(crate) fn file_of(rel: &str) -> String {
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// Slugs and tags become folder names and URL segments as they are, so they
/// must need no escaping in either.
pub(crate) fn is_segment(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_with_and_without_a_path() {
        let u = Urls::new("https://user.github.io/board");
        assert_eq!(u.base_url, "https://user.github.io/board/");
        assert_eq!(u.base_path, "/board/");
        assert_eq!(u.path(&posting("x")), "/board/jobs/x/");
        assert_eq!(
            u.absolute(&posting("x")),
            "https://user.github.io/board/jobs/x/"
        );
        let u = Urls::new("http://127.0.0.1:1111");
        assert_eq!(u.base_path, "/");
        assert_eq!(u.path(&home(1)), "/");
    }

    #[test]
    fn pretty_urls_map_to_index_files() {
        assert_eq!(file_of(&home(1)), "index.html");
        assert_eq!(file_of(&home(3)), "page/3/index.html");
        assert_eq!(
            file_of(&company("acme", 2)),
            "companies/acme/page/2/index.html"
        );
        assert_eq!(file_of(FEED), "atom.xml");
    }

    #[test]
    fn segments_need_no_escaping() {
        assert!(is_segment("rust-lang"));
        assert!(!is_segment(".."));
        assert!(!is_segment("c/c++"));
        assert!(!is_segment("a b"));
        assert!(!is_segment(""));
    }
}
