//! The apply link: stated, or found among the body's links and sentences.

use std::sync::LazyLock;

use regex::Regex;

use crate::body::{safe_url, Link};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b")
        .expect("valid regex")
});
/// "send your resume to x@y", "email your CV at", "apply at", "applications to".
static SEND_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:send|email|e-mail|mail|submit|forward|apply|applications?)\b[^.\n]{0,60}?\b(?:to|at)\s*:?\s*$")
        .expect("valid regex")
});

/// A stated apply value: a safe URL, or an e-mail address made a `mailto:`.
pub fn from_metadata(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(url) = safe_url(text) {
        return Some(url.to_string());
    }
    if EMAIL.find(text).is_some_and(|m| m.as_str() == text) {
        return Some(format!("mailto:{text}"));
    }
    if text.starts_with("www.") && !text.contains(char::is_whitespace) {
        return Some(format!("https://{text}"));
    }
    None
}

/// From the body: a link whose text or URL says "apply", else a `mailto:`
/// link, else an address in "send your resume to ...".
pub fn find(links: &[Link], text: &str) -> Option<String> {
    let says_apply = |s: &str| s.to_lowercase().contains("apply");
    links
        .iter()
        .find(|l| says_apply(&l.text) || says_apply(&l.url))
        .or_else(|| {
            links
                .iter()
                .find(|l| l.url.to_ascii_lowercase().starts_with("mailto:"))
        })
        .map(|l| l.url.clone())
        .or_else(|| {
            EMAIL
                .find_iter(text)
                .find(|m| SEND_TO.is_match(&text[..m.start()]))
                .map(|m| format!("mailto:{}", m.as_str()))
        })
}

/// `mailto:ken@rackspace.com` -> `rackspace.com`.
pub fn email_domain(apply: &str) -> Option<&str> {
    let address = apply.strip_prefix("mailto:")?;
    let domain = address.split('@').nth(1)?;
    Some(domain.split(['?', '>']).next().unwrap_or(domain))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &str, url: &str) -> Link {
        Link {
            text: text.into(),
            url: url.into(),
        }
    }

    #[test]
    fn an_apply_link_wins() {
        let links = [
            link("blog", "https://b.example"),
            link("Click here to apply", "https://jobs.example/1"),
        ];
        assert_eq!(find(&links, "").as_deref(), Some("https://jobs.example/1"));
    }

    #[test]
    fn mailto_links_and_addresses_in_sentences() {
        let links = [link("Ken", "mailto:ken@rackspace.com")];
        assert_eq!(
            find(&links, "").as_deref(),
            Some("mailto:ken@rackspace.com")
        );
        let text =
            "Questions? ask bob@x.example.\nPlease send your resume to jobs@acme.example today.";
        assert_eq!(find(&[], text).as_deref(), Some("mailto:jobs@acme.example"));
        assert_eq!(
            find(&[], "Contact hiring@acme.example for accommodation."),
            None
        );
    }

    #[test]
    fn metadata_values() {
        assert_eq!(
            from_metadata("jobs@acme.example").as_deref(),
            Some("mailto:jobs@acme.example")
        );
        assert_eq!(
            from_metadata("https://a.example/x").as_deref(),
            Some("https://a.example/x")
        );
        assert_eq!(from_metadata("javascript:alert(1)"), None);
        assert_eq!(
            email_domain("mailto:a@rackspace.com"),
            Some("rackspace.com")
        );
    }
}
