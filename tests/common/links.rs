//! A link checker for built HTML, shared like `xml.rs` (integration tests and
//! the render unit tests), so pages in memory and folders on disk are checked
//! by the same rules.

use std::sync::OnceLock;

/// What is wrong with the `href`/`src` links of `html`, the page at `page`
/// (output-relative): an internal link must start with `base_path` and name
/// a file for which `exists` is true (`x/` is `x/index.html`); `#id` must be
/// an id of the page. `http:`, `https:` and `mailto:` links are not followed.
pub fn broken_links(
    page: &str,
    html: &str,
    base_path: &str,
    exists: impl Fn(&str) -> bool,
) -> Vec<String> {
    static ATTR: OnceLock<regex::Regex> = OnceLock::new();
    let attr = ATTR.get_or_init(|| regex::Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap());
    let mut problems = Vec::new();
    for cap in attr.captures_iter(html) {
        let url = cap[1].replace("&amp;", "&");
        if ["https://", "http://", "mailto:"]
            .iter()
            .any(|s| url.starts_with(s))
        {
            continue;
        }
        if let Some(id) = url.strip_prefix('#') {
            if !html.contains(&format!(r#" id="{id}""#)) {
                problems.push(format!("{page}: no #{id}"));
            }
            continue;
        }
        let Some(rel) = url.strip_prefix(base_path) else {
            problems.push(format!("{page}: link `{url}` is outside {base_path}"));
            continue;
        };
        let rel = rel.split(['#', '?']).next().unwrap_or_default();
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        if !exists(&file) {
            problems.push(format!(
                "{page}: link `{url}` -> {file} is not in the output"
            ));
        }
    }
    problems
}
