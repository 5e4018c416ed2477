//! The machine-readable files, generated in Rust rather than through
//! templates so they are valid whatever a posting contains: Atom, JSON Feed,
//! sitemaps, robots.txt and the JSON API.

use std::fmt::Write as _;

use serde_json::json;

use super::urls::{self, Urls};
use crate::posting::Posting;

/// Feeds list the newest postings only: readers poll them often.
pub(crate) const FEED_LIMIT: usize = 50;

/// A sitemap file may list at most this many URLs.
pub(crate) const SITEMAP_LIMIT: usize = 50_000;

/// What a feed is about: its title and where it and its HTML page live.
pub(crate) struct FeedSpec<'a> {
    pub title: String,
    pub subtitle: &'a str,
    /// Relative URL of the feed file.
    pub feed: String,
    /// Relative URL of the HTML page it mirrors.
    pub page: String,
    pub language: &'a str,
    /// Who the feed is by (Atom requires an author).
    pub author: &'a str,
    /// Whether entries carry whole bodies or only their summaries: the site
    /// feed is the one readers follow to read postings in full, while a
    /// company's or tag's feed repeats postings that feed already carries.
    pub full_content: bool,
}

/// An Atom feed of `postings` (newest first, already limited).
pub(crate) fn atom<'p>(
    spec: &FeedSpec,
    postings: impl Iterator<Item = &'p Posting>,
    urls: &Urls,
    now: jiff::Timestamp,
) -> String {
    let postings: Vec<&Posting> = postings.collect();
    let mut out = String::with_capacity(1024 + postings.len() * 1024);
    // Written in place, escaping as it goes: a big board has thousands of
    // feeds. Writing to a String cannot fail.
    let _ = write_atom(&mut out, spec, &postings, urls, now);
    out
}

fn write_atom(
    out: &mut String,
    spec: &FeedSpec,
    postings: &[&Posting],
    urls: &Urls,
    now: jiff::Timestamp,
) -> std::fmt::Result {
    let updated = postings
        .iter()
        .filter_map(|p| p.date.map(|d| d.timestamp()))
        .max()
        .unwrap_or(now);
    let feed_url = &urls.absolute(&spec.feed);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        Xml(spec.language)
    )?;
    writeln!(out, "  <title>{}</title>", Xml(&spec.title))?;
    if !spec.subtitle.is_empty() {
        writeln!(out, "  <subtitle>{}</subtitle>", Xml(spec.subtitle))?;
    }
    writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        Xml(feed_url)
    )?;
    writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        Xml(&urls.absolute(&spec.page))
    )?;
    writeln!(out, "  <id>{}</id>", Xml(feed_url))?;
    writeln!(out, "  <updated>{updated}</updated>")?;
    writeln!(out, "  <author><name>{}</name></author>", Xml(spec.author))?;
    out.push_str("  <generator>hireboard</generator>\n");
    for p in postings {
        let url = urls.absolute(&urls::posting(&p.slug));
        let published = p.date.map(|d| d.timestamp());
        out.push_str("  <entry>\n");
        writeln!(out, "    <title>{}</title>", Xml(&p.title))?;
        writeln!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            Xml(&url)
        )?;
        writeln!(out, "    <id>{}</id>", Xml(&url))?;
        // An undated posting has no better "updated" than the build's now.
        writeln!(out, "    <updated>{}</updated>", published.unwrap_or(now))?;
        if let Some(published) = published {
            writeln!(out, "    <published>{published}</published>")?;
        }
        if let Some(company) = &p.company {
            writeln!(out, "    <author><name>{}</name></author>", Xml(company))?;
        }
        for tag in &p.tags {
            writeln!(out, "    <category term=\"{}\"/>", Xml(tag))?;
        }
        writeln!(
            out,
            "    <summary type=\"text\">{}</summary>",
            Xml(&p.summary)
        )?;
        if spec.full_content {
            writeln!(
                out,
                "    <content type=\"html\">{}</content>",
                Xml(&p.body_html)
            )?;
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Ok(())
}

/// A JSON Feed 1.1 of `postings` (newest first, already limited).
pub(crate) fn json_feed<'p>(
    spec: &FeedSpec,
    postings: impl Iterator<Item = &'p Posting>,
    urls: &Urls,
) -> String {
    let items: Vec<serde_json::Value> = postings
        .map(|p| {
            let url = urls.absolute(&urls::posting(&p.slug));
            let mut item = json!({
                "id": url,
                "url": url,
                "title": p.title,
                "content_html": p.body_html,
                "summary": p.summary,
            });
            if let Some(published) = p.date {
                item["date_published"] = json!(published.timestamp().to_string());
            }
            if let Some(company) = &p.company {
                item["authors"] = json!([{ "name": company }]);
            }
            if !p.tags.is_empty() {
                item["tags"] = json!(p.tags);
            }
            if let Some(apply) = p.apply.as_deref().filter(|a| a.starts_with("http")) {
                item["external_url"] = json!(apply);
            }
            item
        })
        .collect();
    let mut feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "home_page_url": urls.absolute(&spec.page),
        "feed_url": urls.absolute(&spec.feed),
        "language": spec.language,
        "authors": [{ "name": spec.author }],
        "items": items,
    });
    if !spec.subtitle.is_empty() {
        feed["description"] = json!(spec.subtitle);
    }
    to_json(&feed)
}

/// The sitemap's `<url>` entries, written as they are added: on a big
/// board the dev server rewrites it after edits that add or move pages.
#[derive(Default)]
pub(crate) struct Sitemap {
    entries: String,
    /// Where each entry ends in `entries`.
    ends: Vec<usize>,
}

impl Sitemap {
    /// Adds `base_url` + `rel`, with its last change when known.
    pub fn push(&mut self, urls: &Urls, rel: &str, lastmod: Option<jiff::Timestamp>) {
        let out = &mut self.entries;
        // Writing to a String cannot fail.
        let _ = write!(out, "  <url><loc>{}{}</loc>", Xml(&urls.base_url), Xml(rel));
        if let Some(lastmod) = lastmod {
            let _ = write!(out, "<lastmod>{lastmod}</lastmod>");
        }
        out.push_str("</url>\n");
        self.ends.push(out.len());
    }

    /// `sitemap.xml` alone, or past `limit` URLs a sitemap index at
    /// `sitemap.xml` pointing at `sitemap-1.xml`, `sitemap-2.xml`, ...
    /// Returns (relative path, contents) pairs.
    pub fn files(&self, limit: usize, urls: &Urls) -> Vec<(String, String)> {
        if self.ends.len() <= limit {
            return vec![(urls::SITEMAP.to_string(), urlset(&self.entries))];
        }
        let mut parts = Vec::new();
        let mut start = 0;
        for chunk in self.ends.chunks(limit) {
            let end = chunk[chunk.len() - 1];
            let path = format!("sitemap-{}.xml", parts.len() + 1);
            parts.push((path, urlset(&self.entries[start..end])));
            start = end;
        }
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (path, _) in &parts {
            // Writing to a String cannot fail.
            let _ = writeln!(
                index,
                "  <sitemap><loc>{}</loc></sitemap>",
                Xml(&urls.absolute(path))
            );
        }
        index.push_str("</sitemapindex>\n");
        let mut files = vec![(urls::SITEMAP.to_string(), index)];
        files.extend(parts);
        files
    }
}

fn urlset(entries: &str) -> String {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    const TAIL: &str = "</urlset>\n";
    let mut out = String::with_capacity(HEAD.len() + entries.len() + TAIL.len());
    out.push_str(HEAD);
    out.push_str(entries);
    out.push_str(TAIL);
    out
}

/// Crawlers read robots.txt only at a host's root: with a base_url path
/// this file is informative, the sitemap must be submitted by hand.
pub(crate) fn robots(urls: &Urls) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls.absolute(urls::SITEMAP)
    )
}

/// `api/postings.json`: the canonical records of `postings`.
pub(crate) fn postings_api<'p>(postings: impl Iterator<Item = &'p Posting>) -> String {
    let mut text = records_array(postings);
    text.push('\n');
    text
}

/// `api/companies/<slug>.json`: a company and its open postings' records.
pub(crate) fn company_api<'p>(
    name: &str,
    slug: &str,
    postings: impl Iterator<Item = &'p Posting>,
) -> String {
    let head = serde_json::to_string(&json!({ "name": name, "slug": slug })).unwrap_or_default();
    // `{"name":..,"slug":..}` with the postings before its closing brace.
    let mut text = head[..head.len() - 1].to_string();
    text.push_str(",\"postings\":");
    text.push_str(&records_array(postings));
    text.push_str("}\n");
    text
}

/// The cached records of `postings` as a JSON array, joined exactly as
/// serde_json writes one; on a big board the largest file of the site,
/// so records serialize in parallel.
fn records_array<'p>(postings: impl Iterator<Item = &'p Posting>) -> String {
    use rayon::prelude::*;
    let postings: Vec<&Posting> = postings.collect();
    let records: Vec<&str> = postings.par_iter().map(|p| p.record_json()).collect();
    let mut text = String::with_capacity(records.iter().map(|r| r.len() + 1).sum::<usize>() + 3);
    text.push('[');
    for (i, record) in records.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(record);
    }
    text.push(']');
    text
}

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut text = serde_json::to_string(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Text escaped for XML content and attribute values; characters XML 1.0
/// forbids (most C0 controls) are dropped.
pub(crate) fn xml(text: &str) -> String {
    Xml(text).to_string()
}

/// [`xml`] as it is written, without a String of its own.
struct Xml<'a>(&'a str);

impl std::fmt::Display for Xml<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        // Runs of plain text (URLs and most text are one) are written whole.
        while let Some(at) = rest.find(needs_escape) {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            f.write_str(match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ => "",
            })?;
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{FFFE}' | '\u{FFFF}')
        || (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
}
