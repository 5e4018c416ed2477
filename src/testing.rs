//! Test helpers shared by the unit tests.

use crate::posting::{slugify, Format, Posting, Source, Status};

/// A plain open posting for tests, from `content/<slug>.md`; `date` is RFC 3339.
pub(crate) fn example(
    slug: &str,
    title: &str,
    company: Option<&str>,
    date: Option<&str>,
) -> Posting {
    Posting {
        slug: slug.into(),
        title: title.into(),
        company: company.map(Into::into),
        company_slug: company.map(slugify),
        date: date.map(|d| d.parse().expect("an RFC 3339 test date")),
        expires: None,
        expired: false,
        status: Status::Published,
        aliases: Vec::new(),
        location: Vec::new(),
        remote: None,
        employment_type: None,
        salary: None,
        tags: Vec::new(),
        apply: None,
        summary: format!("{title} summary"),
        body_html: format!("<h1>About</h1><p>{title} body</p>"),
        source: Source {
            path: format!("content/{slug}.md"),
            format: Format::Markdown,
        },
        inferred: Vec::new(),
        warnings: Vec::new(),
        diagnostics: Vec::new(),
        evidence: Vec::new(),
        record_cache: Default::default(),
    }
}
