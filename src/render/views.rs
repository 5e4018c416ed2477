//! What templates receive: plain serializable structs with every text
//! already formatted and every URL already made, so templates only lay out.
//! `themes/README.md` documents these fields; keep the two in step.

use serde::Serialize;

use super::urls::{self, Urls};
use crate::companies::{Logo, Profile};
use crate::config::ListStyle;
use crate::posting::{EmploymentType, Period, Posting, Remote, Salary, Status};

/// `site` in every template.
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub base_url: &'a str,
    pub base_path: &'a str,
    pub feed_url: String,
    pub remote_feed_url: String,
    pub json_feed_url: String,
    pub api_url: String,
    pub sitemap_url: String,
    /// `rows` or `cards`: which partial a list includes per posting.
    pub list_style: ListStyle,
    /// The results page, `/search/`.
    pub search_url: String,
}

/// `page` in every HTML template: what the `<head>` needs.
#[derive(Serialize, Default)]
pub(crate) struct PageMeta {
    /// The whole `<title>`, site name included.
    pub title: String,
    pub description: String,
    /// `/board/jobs/x/`
    pub url: String,
    /// `https://user.github.io/board/jobs/x/`
    pub canonical: String,
    pub og_type: &'static str,
    pub noindex: bool,
    /// JSON-LD, already safe to put inside `<script>` as is.
    pub json_ld: Option<String>,
    pub feeds: Vec<FeedLink>,
    /// Which main-navigation entry this page belongs to.
    pub section: &'static str,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    /// `og:image`, absolute: the company's logo.
    pub image: Option<String>,
}

#[derive(Serialize, Clone)]
pub(crate) struct FeedLink {
    pub title: String,
    pub href: String,
    #[serde(rename = "type")]
    pub mime: &'static str,
}

#[derive(Serialize)]
pub(crate) struct Link<'a> {
    pub name: &'a str,
    pub url: String,
}

/// A tag on a card: `url` is null where no tag page lists it (on a closed posting).
#[derive(Serialize)]
pub(crate) struct TagLink<'a> {
    pub name: &'a str,
    pub url: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct DateView {
    /// `2025-03-03`, for `<time datetime>`.
    pub datetime: String,
    /// `3 Mar 2025`
    pub text: String,
}

impl DateView {
    /// An instant as the day it falls on in `tz`, the site's time zone: the
    /// one formatter of posting dates, for pages and search alike (the
    /// author's offset may put the same instant on another day).
    pub fn of(instant: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> DateView {
        let zoned = instant.to_zoned_datetime(tz.clone());
        DateView {
            datetime: zoned.date().to_string(),
            text: zoned.strftime("%-d %b %Y").to_string(),
        }
    }
}

/// `posting` in `partials/card.html`.
#[derive(Serialize)]
pub(crate) struct CardView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub summary: &'a str,
    pub company: Option<Link<'a>>,
    pub location: Option<String>,
    /// `remote`, `hybrid`, `onsite`
    pub remote: Option<Remote>,
    /// `Remote`, `Hybrid`, `On-site`
    pub remote_label: Option<&'static str>,
    pub employment_type: Option<&'static str>,
    pub salary: Option<String>,
    pub tags: Vec<TagLink<'a>>,
    /// The posting's date; for an undated one, the build's day (the date
    /// its lifecycle and feeds count from).
    pub posted: Option<DateView>,
    /// `expires` has passed.
    pub expired: bool,
    /// Closed or expired: out of the lists, the page marked closed.
    pub closed: bool,
    /// `published`, `draft`, `scheduled`, `closed` or `expired`.
    pub status: Status,
}

/// `posting` in `posting.html`: the card's fields plus the page's own.
#[derive(Serialize)]
pub(crate) struct PostingView<'a> {
    #[serde(flatten)]
    pub card: CardView<'a>,
    /// Sanitized HTML, headings renumbered to nest under the page's `<h1>`.
    pub body_html: String,
    pub apply: Option<ApplyView<'a>>,
    pub closes: Option<DateView>,
}

#[derive(Serialize)]
pub(crate) struct ApplyView<'a> {
    pub href: &'a str,
    pub is_email: bool,
}

/// `list.profile` on a company page, from `companies/<slug>.md`.
#[derive(Serialize)]
pub(crate) struct ProfileView<'a> {
    pub logo_url: Option<String>,
    pub website: Option<&'a str>,
    /// `example.com` for `https://www.example.com/`: the link's text.
    pub website_host: Option<&'a str>,
    pub about: Option<&'a str>,
    /// Sanitized HTML, headings nested under the page's `<h1>`.
    pub body_html: String,
}

/// `pagination` in list templates.
#[derive(Serialize)]
pub(crate) struct PaginationView {
    pub current: usize,
    pub total: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    /// The first, last and nearby pages; null marks a gap (`…`).
    pub pages: Vec<Option<PageLink>>,
}

#[derive(Serialize)]
pub(crate) struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// Formats postings for one site: its URLs and time zone.
pub(crate) struct Formatter {
    pub urls: Urls,
    pub tz: jiff::tz::TimeZone,
    /// The build's "now": the date shown for undated postings.
    pub now: jiff::Timestamp,
}

impl Formatter {
    pub fn card<'p>(&self, p: &'p Posting) -> CardView<'p> {
        CardView {
            slug: &p.slug,
            title: &p.title,
            url: self.urls.path(&urls::posting(&p.slug)),
            summary: &p.summary,
            company: company_link(p).map(|(name, slug)| Link {
                name,
                url: self.urls.path(&urls::company(slug, 1)),
            }),
            location: (!p.location.is_empty()).then(|| p.location.join(" · ")),
            remote: p.remote,
            remote_label: p.remote.map(remote_label),
            employment_type: p.employment_type.map(employment_label),
            salary: p.salary.as_ref().map(format_salary),
            // Only open postings are counted on tag pages, so a closed
            // posting's tag may have no page to link to.
            tags: p
                .tags
                .iter()
                .map(|name| TagLink {
                    name,
                    url: (!p.status.is_closed()).then(|| self.urls.path(&urls::tag(name, 1))),
                })
                .collect(),
            posted: Some(self.day(p.date.map_or(self.now, |d| d.timestamp()))),
            expired: p.expired,
            closed: p.status.is_closed(),
            status: p.status,
        }
    }

    pub fn profile<'p>(&self, profile: &'p Profile) -> ProfileView<'p> {
        ProfileView {
            logo_url: profile.logo.as_ref().map(|logo| match logo {
                Logo::Url(url) => url.clone(),
                Logo::Static(rel) => self.urls.path(rel),
            }),
            website: profile.website.as_deref(),
            website_host: profile.website.as_deref().map(host_of),
            about: profile.about.as_deref(),
            body_html: demote_headings(&profile.body_html),
        }
    }

    /// A card with every field present, for the results page's
    /// `<template>`: `search.js` fills in each hit's values and removes
    /// what a hit lacks.
    pub fn placeholder(&self) -> CardView<'static> {
        CardView {
            slug: "",
            title: "Job title",
            url: self.urls.path(urls::SEARCH),
            summary: "Summary",
            company: Some(Link {
                name: "Company",
                url: self.urls.path(urls::COMPANIES),
            }),
            location: Some("Location".into()),
            remote: Some(Remote::Remote),
            remote_label: Some(remote_label(Remote::Remote)),
            employment_type: Some(employment_label(EmploymentType::FullTime)),
            salary: Some("Salary".into()),
            tags: vec![TagLink {
                name: "tag",
                url: Some(self.urls.path(urls::TAGS)),
            }],
            posted: Some(self.day(self.now)),
            expired: false,
            closed: false,
            status: Status::Published,
        }
    }

    pub fn posting<'p>(&self, p: &'p Posting) -> PostingView<'p> {
        PostingView {
            card: self.card(p),
            body_html: demote_headings(&p.body_html),
            apply: p.apply.as_deref().and_then(|href| {
                let lower = href.to_ascii_lowercase();
                let is_email = lower.starts_with("mailto:");
                (is_email || lower.starts_with("https://") || lower.starts_with("http://"))
                    .then_some(ApplyView { href, is_email })
            }),
            closes: p.expires.map(|e| self.day(e.timestamp())),
        }
    }

    /// An instant as a day in the site's time zone.
    pub fn day(&self, instant: jiff::Timestamp) -> DateView {
        DateView::of(instant, &self.tz)
    }

    /// Page `current` of `total` of the list whose page N is at `url_of(N)`.
    pub fn pagination(
        &self,
        current: usize,
        total: usize,
        url_of: impl Fn(usize) -> String,
    ) -> PaginationView {
        let near = |n: usize| n == 1 || n == total || n.abs_diff(current) <= 2;
        let mut pages = Vec::new();
        for n in 1..=total {
            if near(n) {
                pages.push(Some(PageLink {
                    number: n,
                    url: self.urls.path(&url_of(n)),
                    current: n == current,
                }));
            } else if near(n - 1) {
                pages.push(None);
            }
        }
        PaginationView {
            current,
            total,
            prev_url: (current > 1).then(|| self.urls.path(&url_of(current - 1))),
            next_url: (current < total).then(|| self.urls.path(&url_of(current + 1))),
            pages,
        }
    }
}

/// `https://www.example.com/jobs` -> `example.com`.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

/// A posting's company name and slug, when it has both.
pub(crate) fn company_link(p: &Posting) -> Option<(&str, &str)> {
    Some((p.company.as_deref()?, p.company_slug.as_deref()?))
}

fn remote_label(r: Remote) -> &'static str {
    match r {
        Remote::Remote => "Remote",
        Remote::Hybrid => "Hybrid",
        Remote::Onsite => "On-site",
    }
}

fn employment_label(t: EmploymentType) -> &'static str {
    match t {
        EmploymentType::FullTime => "Full-time",
        EmploymentType::PartTime => "Part-time",
        EmploymentType::Contract => "Contract",
        EmploymentType::Temporary => "Temporary",
        EmploymentType::Internship => "Internship",
    }
}

/// `$137,000–$199,000 / year`, `€60,000 / year`, `CHF 120,000 / year`.
pub(crate) fn format_salary(s: &Salary) -> String {
    let symbol = match s.currency.as_str() {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        "CAD" => "CA$",
        "AUD" => "A$",
        _ => "",
    };
    let amount = |v: f64| {
        if symbol.is_empty() {
            format!("{}\u{a0}{}", s.currency, group_thousands(v))
        } else {
            format!("{symbol}{}", group_thousands(v))
        }
    };
    let period = match s.period {
        Period::Hour => "hour",
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
        Period::Year => "year",
    };
    if s.max > s.min {
        format!("{}–{} / {period}", amount(s.min), amount(s.max))
    } else {
        format!("{} / {period}", amount(s.min))
    }
}

/// `137000` -> `137,000`; `45.5` -> `45.50`.
fn group_thousands(v: f64) -> String {
    let whole = v.trunc() as u64;
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    let cents = ((v - v.trunc()) * 100.0).round() as u64;
    if cents > 0 {
        out.push_str(&format!(".{cents:02}"));
    }
    out
}

/// "No open positions", "1 open position", "1,204 open positions".
pub(crate) fn count_text(n: usize) -> String {
    match n {
        0 => "No open positions".into(),
        1 => "1 open position".into(),
        n => format!("{} open positions", group_thousands(n as f64)),
    }
}

/// Renumbers the body's headings to nest under the page's `<h1>` (the
/// posting title) without skipping a level, which screen readers and the Nu
/// HTML Checker both flag: the outermost become `<h2>`, each deeper one a
/// level below its parent (`## A`, `#### B` -> `<h2>`, `<h3>`), at most `<h6>`.
/// The body is sanitized HTML: tag names are lowercase, a `<` in text is
/// escaped and headings do not contain headings.
fn demote_headings(html: &str) -> String {
    let mut bytes = html.as_bytes().to_vec();
    // Original levels of the enclosing headings, and the open one's new level.
    let mut parents: Vec<u8> = Vec::new();
    let mut open = None;
    for i in 0..bytes.len().saturating_sub(3) {
        let (start, closing) = match (bytes[i], bytes[i + 1]) {
            (b'<', b'h') => (i + 2, false),
            (b'<', b'/') if bytes[i + 2] == b'h' => (i + 3, true),
            _ => continue,
        };
        let ends_name = |b: Option<&u8>| matches!(b, Some(b'>' | b' ' | b'\t' | b'\n' | b'/'));
        let Some(&level @ b'1'..=b'6') = bytes.get(start) else {
            continue;
        };
        if !ends_name(bytes.get(start + 1)) {
            continue;
        }
        bytes[start] = if closing {
            open.take().unwrap_or(level)
        } else {
            while parents.last().is_some_and(|&p| p >= level) {
                parents.pop();
            }
            let new = (b'2' + parents.len() as u8).min(b'6');
            parents.push(level);
            open = Some(new);
            new
        };
    }
    // Only ASCII digits changed, so the bytes are still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| html.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn body_headings_nest_under_the_title_without_gaps() {
        let demote = super::demote_headings;
        assert_eq!(
            demote(r#"<h1 id="a">A</h1><h5>B</h5><h6>C</h6><hr><header>"#),
            r#"<h2 id="a">A</h2><h3>B</h3><h4>C</h4><hr><header>"#
        );
        // Markdown's `##` sections become `<h2>`, their `####` `<h3>`.
        assert_eq!(
            demote("<h2>A</h2><h4>B</h4><h2>C</h2><h3>D</h3>"),
            "<h2>A</h2><h3>B</h3><h2>C</h2><h3>D</h3>"
        );
        assert_eq!(
            demote("<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>"),
            "<h2>1</h2><h3>2</h3><h4>3</h4><h5>4</h5><h6>5</h6><h6>6</h6>"
        );
    }
}
