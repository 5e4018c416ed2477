//! Saved job pages (`.html` embedding a schema.org `JobPosting` as JSON-LD,
//! what applicant tracking systems put on their pages) and `.json` files
//! holding one. Every property read is stated metadata, so the field code
//! treats it like front matter; the description is the body.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{json, Map, Value};

use crate::markup::{self, unescape};
use crate::recognize::salary;
use crate::{Draft, Format, FormatError, Markup};

/// A whole HTML document, or a JSON document that names a `JobPosting`.
pub fn looks_like_jsonld(text: &str, path: &str) -> bool {
    let lower_path = path.to_ascii_lowercase();
    let head = text.trim_start();
    let head_lower = head
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    [".html", ".htm", ".json"]
        .iter()
        .any(|ext| lower_path.ends_with(ext))
        || head_lower.starts_with("<!doctype html")
        || head_lower.starts_with("<html")
        || (head.starts_with(['{', '[']) && text.contains("\"JobPosting\""))
}

static LD_SCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)<script\b[^>]*\btype\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script\s*>"#,
    )
    .expect("valid regex")
});
static CANONICAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<link\b[^>]*\brel\s*=\s*["']?canonical\b[^>]*>"#).expect("valid regex")
});
static HREF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\bhref\s*=\s*["']([^"']+)["']"#).expect("valid regex"));
/// Link texts of an apply button, in the languages job pages come in.
static APPLY_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bapply\b|\bbewerb|\bpostuler\b|\bcandidat|\baplicar\b|\bsolicitar\b")
        .expect("valid regex")
});
/// An e-mail address or a link to a job or application page: a description
/// that offers its own way to apply (a link to the company's blog is not one).
static ROUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9._%+-]+@[a-z0-9-]+\.[a-z]|https?://\S*(?:apply|job|career|karriere|bewerb|recruit|emploi)")
        .expect("valid regex")
});

pub fn parse(text: &str) -> Result<Draft, FormatError> {
    let is_json = text.trim_start().starts_with(['{', '[']);
    // (JSON source, 1-based line where it starts)
    let blocks: Vec<(&str, usize)> = if is_json {
        vec![(text, 1)]
    } else {
        LD_SCRIPT
            .captures_iter(text)
            .filter_map(|c| c.get(1))
            .map(|m| (m.as_str(), line_of(text, m.start())))
            .collect()
    };
    let mut parse_error = None;
    for (source, line) in blocks {
        match serde_json::from_str::<Value>(&repair_json(source)) {
            Ok(value) => {
                if let Some(posting) = find_job_posting(&value) {
                    let mut draft = read(posting, source, line);
                    if !is_json && !draft.meta.iter().any(|m| m.key == "apply") {
                        add_page_apply(&mut draft, text);
                    }
                    return Ok(draft);
                }
            }
            Err(e) => {
                parse_error.get_or_insert(FormatError {
                    line: Some(line + e.line().saturating_sub(1)),
                    column: Some(e.column()),
                    message: format!(
                        "the JSON-LD does not parse: {e}; fix the JSON or save the page again"
                    ),
                });
            }
        }
    }
    Err(parse_error.unwrap_or_else(|| FormatError {
        line: None,
        column: None,
        message: if is_json {
            "this JSON holds no schema.org JobPosting (an object with \"@type\": \"JobPosting\"): only such files are postings; move other JSON out of content/".into()
        } else {
            "this HTML page embeds no schema.org JobPosting (a <script type=\"application/ld+json\"> with \"@type\": \"JobPosting\"): save the job's page from the employer's applicant tracking system, or copy the ad into a .md file".into()
        },
    }))
}

/// Browsers accept raw line breaks and tabs inside JSON-LD strings; strict
/// parsers do not. Escapes control characters inside strings.
fn repair_json(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 64);
    let (mut in_string, mut escaped) = (false, false);
    for c in source.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '\n' if in_string => {
                out.push_str("\\n");
                continue;
            }
            '\r' if in_string => {
                out.push_str("\\r");
                continue;
            }
            '\t' if in_string => {
                out.push_str("\\t");
                continue;
            }
            c if in_string && (c as u32) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", c as u32));
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// The first `JobPosting` in a JSON-LD value: the value itself, or one
/// nested in a list, an `@graph` or a page's `mainEntity`.
fn find_job_posting(value: &Value) -> Option<&Map<String, Value>> {
    match value {
        Value::Array(items) => items.iter().find_map(find_job_posting),
        Value::Object(map) => {
            let is_posting = match map.get("@type") {
                Some(Value::String(t)) => t == "JobPosting",
                Some(Value::Array(types)) => types.iter().any(|t| t == "JobPosting"),
                _ => false,
            };
            if is_posting {
                Some(map)
            } else {
                map.values().find_map(find_job_posting)
            }
        }
        _ => None,
    }
}

/// The posting's properties as stated metadata, at the line each is written on.
fn read(posting: &Map<String, Value>, source: &str, first_line: usize) -> Draft {
    let mut draft = Draft::new(Format::Jsonld, Markup::Html);
    let line = |key: &str| {
        source
            .find(&format!("\"{key}\""))
            .map_or(first_line, |at| first_line + line_of(source, at) - 1)
    };
    let state = |draft: &mut Draft, field: &str, key: &str, value: Value| {
        draft.stated(field, value, line(key));
    };
    for key in ["title", "name"] {
        if let Some(title) = posting.get(key).and_then(plain) {
            state(&mut draft, "title", key, title.into());
            break;
        }
    }
    if let Some(company) = posting.get("hiringOrganization").and_then(named) {
        state(&mut draft, "company", "hiringOrganization", company.into());
    }
    for (key, field) in [("datePosted", "date"), ("validThrough", "expires")] {
        if let Some(date) = posting.get(key).and_then(plain) {
            state(&mut draft, field, key, date.into());
        }
    }
    if let Some(kind) = posting.get("employmentType").and_then(employment_type) {
        state(&mut draft, "employment_type", "employmentType", kind.into());
    }
    let mut places = each(posting.get("jobLocation"), address);
    if places.is_empty() {
        // Where a remote worker may live, when the job has no place of its own.
        places = each(posting.get("applicantLocationRequirements"), named);
    }
    if !places.is_empty() {
        state(&mut draft, "location", "jobLocation", places.into());
    }
    let telecommute = posting
        .get("jobLocationType")
        .and_then(plain)
        .is_some_and(|t| t.eq_ignore_ascii_case("telecommute"));
    if telecommute {
        state(&mut draft, "remote", "jobLocationType", "remote".into());
    }
    if let Some(salary) = posting
        .get("baseSalary")
        .and_then(|s| base_salary(s, posting))
    {
        state(&mut draft, "salary", "baseSalary", salary);
    }
    if let Some(skills) = posting.get("skills") {
        state(&mut draft, "skills", "skills", skills.clone());
    }
    if let Some(url) = posting
        .get("url")
        .and_then(plain)
        .filter(|u| markup::safe_url(u).is_some())
    {
        state(&mut draft, "apply", "url", url.into());
    }
    draft.body_line = line("description");
    draft.body = posting
        .get("description")
        .and_then(Value::as_str)
        .map(description_html)
        .unwrap_or_default();
    draft
}

/// Without its own `url`, a page's apply button is the way to apply; failing
/// that, the page itself, unless the description names a way of its own.
fn add_page_apply(draft: &mut Draft, page: &str) {
    let canonical = CANONICAL
        .find(page)
        .and_then(|tag| HREF.captures(tag.as_str()))
        .map(|c| unescape(&c[1]).into_owned())
        .filter(|url| markup::safe_url(url).is_some());
    let page_links = markup::page_links(page, canonical.as_deref());
    if let Some(link) = page_links.iter().find(|l| APPLY_TEXT.is_match(&l.text)) {
        draft.stated("apply", link.url.clone().into(), 1);
        return;
    }
    if let Some(url) = canonical {
        if !ROUTE.is_match(&markup::render(Markup::Html, &draft.body).text) {
            draft.guessed("apply", url, 1);
        }
    }
}

/// A string property as plain text (entities decoded, tags dropped); `None` when empty.
fn plain(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.as_str(),
        Value::Array(items) => return items.iter().find_map(plain),
        _ => return None,
    };
    let text = if text.contains(['&', '<']) {
        markup::render(Markup::Html, text).text
    } else {
        text.to_string()
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// An Organization, Country or Place: its `name`, or a string as it is.
fn named(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) => map.get("name").and_then(plain),
        other => plain(other),
    }
}

/// One property or a list of them, each read by `read_one`, without repeats.
fn each(value: Option<&Value>, read_one: fn(&Value) -> Option<String>) -> Vec<String> {
    let mut out: Vec<String> = match value {
        Some(Value::Array(items)) => items.iter().filter_map(read_one).collect(),
        Some(one) => read_one(one).into_iter().collect(),
        None => Vec::new(),
    };
    out.dedup();
    out
}

/// A Place's PostalAddress as "Locality, Region, Country", or its name.
fn address(place: &Value) -> Option<String> {
    let Value::Object(map) = place else {
        return plain(place);
    };
    let Some(Value::Object(address)) = map.get("address") else {
        return map.get("address").and_then(plain).or_else(|| named(place));
    };
    let mut parts: Vec<String> = Vec::new();
    for key in ["addressLocality", "addressRegion", "addressCountry"] {
        if let Some(part) = address.get(key).and_then(named) {
            // "Hamburg, Hamburg" and "Berlin, DE, DE" say each part once.
            if !parts.iter().any(|p| p.eq_ignore_ascii_case(&part)) {
                parts.push(part);
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// schema.org's `FULL_TIME`, `PART_TIME`, `CONTRACTOR`, `TEMPORARY`, `INTERN`
/// (one or a list) in the record's words; other words as written.
fn employment_type(value: &Value) -> Option<String> {
    let written: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(plain).collect(),
        other => plain(other).into_iter().collect(),
    };
    let canonical = |t: &String| {
        Some(
            match t.to_ascii_uppercase().replace(['-', ' '], "_").as_str() {
                "FULL_TIME" | "FULLTIME" => "full-time",
                "PART_TIME" | "PARTTIME" => "part-time",
                "CONTRACTOR" | "CONTRACT" => "contract",
                "TEMPORARY" | "PER_DIEM" => "temporary",
                "INTERN" | "INTERNSHIP" => "internship",
                _ => return None,
            },
        )
    };
    written
        .iter()
        .find_map(canonical)
        .map(str::to_string)
        .or_else(|| written.into_iter().next())
}

/// A MonetaryAmount as the record's `{min, max, currency, period}`; `None`
/// without a figure or without a unit (a bare "2000" could be any period).
fn base_salary(value: &Value, posting: &Map<String, Value>) -> Option<Value> {
    let amount = match value {
        Value::Array(items) => items.first()?,
        other => other,
    };
    let Value::Object(amount) = amount else {
        return None;
    };
    let figures = amount.get("value")?;
    let number = |v: Option<&Value>| match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().replace(',', "").parse().ok(),
        _ => None,
    };
    let (min, max, unit) = match figures {
        Value::Object(q) => {
            let one = number(q.get("value"));
            let min = number(q.get("minValue"))
                .or(one)
                .or(number(q.get("maxValue")))?;
            let max = number(q.get("maxValue")).or(one).unwrap_or(min);
            (min, max, q.get("unitText").or(amount.get("unitText")))
        }
        other => {
            let one = number(Some(other))?;
            (one, one, amount.get("unitText"))
        }
    };
    let period = match unit.and_then(plain)?.to_ascii_uppercase().as_str() {
        "HOUR" | "HOURLY" => "hour",
        "DAY" | "DAILY" => "day",
        "WEEK" | "WEEKLY" => "week",
        "MONTH" | "MONTHLY" => "month",
        "YEAR" | "YEARLY" | "ANNUAL" | "ANNUALLY" => "year",
        _ => return None,
    };
    let mut salary = json!({"min": min, "max": max, "period": period});
    let currency = amount
        .get("currency")
        .or(posting.get("salaryCurrency"))
        .and_then(plain);
    if let Some(code) = currency.as_deref().and_then(salary::iso_code) {
        salary["currency"] = code.into();
    }
    Some(salary)
}

/// The description as HTML. Some pages escape its HTML once more
/// (`&lt;p&gt;`); some write plain text or WordPress-style HTML whose
/// paragraphs are blank lines, which read as paragraphs here too.
fn description_html(description: &str) -> String {
    static BLOCK_TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)<(p|div|br|ul|ol|li|h[1-6]|table)\b").expect("valid regex")
    });
    static ESCAPED_TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)&lt;/?[a-z][a-z0-9]*").expect("valid regex"));
    let html = if !description.contains('<') && ESCAPED_TAG.is_match(description) {
        markup::render(Markup::Html, description).text
    } else {
        description.to_string()
    };
    if BLOCK_TAG.is_match(&html) {
        return html;
    }
    html.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>\n", p.replace('\n', "<br>\n")))
        .collect()
}

/// 1-based line of byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(draft: &Draft, key: &str) -> Option<Value> {
        draft
            .meta
            .iter()
            .find(|m| m.key == key)
            .map(|m| m.value.clone())
    }

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head><title>Pastry Chef at Crumb & Co</title>
<link rel="canonical" href="https://jobs.crumb.example/pastry-chef?src=a&amp;b=c">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Board"}</script>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "JobPosting",
 "title": "Pastry Chef",
 "datePosted": "2025-04-02",
 "validThrough": "2025-05-31T23:59",
 "employmentType": ["PART_TIME", "TEMPORARY"],
 "hiringOrganization": {"@type": "Organization", "name": "Crumb &amp; Co", "sameAs": "https://crumb.example"},
 "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
   "addressLocality": "Lyon", "addressRegion": "Lyon", "addressCountry": {"@type": "Country", "name": "FR"}}},
 "baseSalary": {"@type": "MonetaryAmount", "currency": "&#x20AC;",
   "value": {"@type": "QuantitativeValue", "minValue": 14, "maxValue": 17.5, "unitText": "HOUR"}},
 "description": "<p>We bake at dawn.</p>
<ul><li>Croissants</li><li>Tarts</li></ul>"}
</script></head>
<body><a href="/login">Log in</a><a class="btn" href="https://ats.example/crumb/42"><span>Apply now</span></a></body></html>"#;

    #[test]
    fn a_saved_page_is_read_field_by_field() {
        let d = parse(PAGE).unwrap();
        assert_eq!(d.format, Format::Jsonld);
        assert_eq!(meta(&d, "title").unwrap(), "Pastry Chef");
        assert_eq!(meta(&d, "company").unwrap(), "Crumb & Co");
        assert_eq!(meta(&d, "date").unwrap(), "2025-04-02");
        assert_eq!(meta(&d, "expires").unwrap(), "2025-05-31T23:59");
        assert_eq!(meta(&d, "employment_type").unwrap(), "part-time");
        assert_eq!(meta(&d, "location").unwrap(), json!(["Lyon, FR"]));
        assert_eq!(
            meta(&d, "salary").unwrap(),
            json!({"min": 14.0, "max": 17.5, "period": "hour", "currency": "EUR"})
        );
        // The apply button, not the login link or the canonical page.
        assert_eq!(meta(&d, "apply").unwrap(), "https://ats.example/crumb/42");
        assert!(d.meta.iter().all(|m| m.stated));
        assert!(d.body.contains("<li>Croissants</li>"), "{}", d.body);
        // The title is on line 7 of the page.
        assert_eq!(d.meta[0].line, 7);
    }

    #[test]
    fn jobposting_inside_a_graph_with_escaped_description_and_telecommute() {
        let json = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebPage","name":"x"},
            {"@type":["JobPosting"],"name":"Night Nurse","jobLocationType":"TELECOMMUTE",
             "applicantLocationRequirements":[{"@type":"Country","name":"Canada"}],
             "url":"https://care.example/jobs/7",
             "description":"&lt;p&gt;Care for &amp;amp; comfort.&lt;/p&gt;&lt;p&gt;Salary on request&lt;/p&gt;"}]}"#;
        let d = parse(json).unwrap();
        assert_eq!(meta(&d, "title").unwrap(), "Night Nurse");
        assert_eq!(meta(&d, "remote").unwrap(), "remote");
        assert_eq!(meta(&d, "location").unwrap(), json!(["Canada"]));
        assert_eq!(meta(&d, "apply").unwrap(), "https://care.example/jobs/7");
        let text = markup::render(d.markup, &d.body).text;
        assert_eq!(text, "Care for & comfort.\nSalary on request\n");
    }

    #[test]
    fn jobposting_as_the_main_entity_of_a_page() {
        let json = r#"{"@type":"WebPage","mainEntity":{"@type":"JobPosting","title":"Tiler"}}"#;
        assert_eq!(meta(&parse(json).unwrap(), "title").unwrap(), "Tiler");
    }

    #[test]
    fn raw_line_breaks_in_strings_are_repaired() {
        let page = "<html><script type=\"application/ld+json\">{\"@type\":\"JobPosting\",\"title\":\"Welder\",\"description\":\"Line one\n\nLine two\tend\"}</script></html>";
        let d = parse(page).unwrap();
        assert_eq!(meta(&d, "title").unwrap(), "Welder");
        // Plain-text paragraphs stay paragraphs.
        assert_eq!(d.body, "<p>Line one</p>\n<p>Line two\tend</p>\n");
    }

    #[test]
    fn canonical_page_is_the_fallback_unless_the_description_gives_a_route() {
        let page = |description: &str| {
            format!("<html><head><link href=\"https://board.example/j/1\" rel=\"canonical\"></head><script type=\"application/ld+json\">{{\"@type\":\"JobPosting\",\"title\":\"Cook\",\"description\":\"{description}\"}}</script></html>")
        };
        let d = parse(&page("Good food.")).unwrap();
        assert_eq!(meta(&d, "apply").unwrap(), "https://board.example/j/1");
        let d = parse(&page("Mail cooks@diner.example")).unwrap();
        assert_eq!(meta(&d, "apply"), None);
        let d = parse(&page("See https://diner.example/careers/cook")).unwrap();
        assert_eq!(meta(&d, "apply"), None);
        // A link to the menu is not a way to apply.
        let d = parse(&page("Our menu: https://diner.example/menu")).unwrap();
        assert_eq!(meta(&d, "apply").unwrap(), "https://board.example/j/1");
    }

    #[test]
    fn a_relative_apply_button_is_resolved_against_the_page_address() {
        let page = r#"<html><head><link rel="canonical" href="https://jobs.ashore.example/acme/77"></head>
<script type="application/ld+json">{"@type":"JobPosting","title":"Cook"}</script>
<a href="/acme/77/application">Apply for this Job</a></html>"#;
        let d = parse(page).unwrap();
        assert_eq!(
            meta(&d, "apply").unwrap(),
            "https://jobs.ashore.example/acme/77/application"
        );
    }

    #[test]
    fn salary_without_unit_or_figure_is_not_guessed() {
        for salary in [
            r#"{"@type":"MonetaryAmount","currency":"EUR","value":"2000"}"#,
            r#"{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","unitText":"YEAR"}}"#,
        ] {
            let json = format!(r#"{{"@type":"JobPosting","title":"Clerk","baseSalary":{salary}}}"#);
            assert_eq!(meta(&parse(&json).unwrap(), "salary"), None, "{salary}");
        }
        let json = r#"{"@type":"JobPosting","title":"Clerk","salaryCurrency":"GBP","baseSalary":{"value":{"value":"30,000","unitText":"YEAR"}}}"#;
        assert_eq!(
            meta(&parse(json).unwrap(), "salary").unwrap(),
            json!({"min": 30000.0, "max": 30000.0, "period": "year", "currency": "GBP"})
        );
    }

    #[test]
    fn pages_and_json_without_a_jobposting_are_explained() {
        let e = parse("<!doctype html><html><body>Hello</body></html>").unwrap_err();
        assert!(e.message.contains("no schema.org JobPosting"), "{e:?}");
        assert!(e.message.contains(".md"), "{e:?}");
        let e = parse(r#"{"name": "package.json"}"#).unwrap_err();
        assert!(
            e.message.contains("JSON holds no schema.org JobPosting"),
            "{e:?}"
        );
        let e = parse("<html><script type=\"application/ld+json\">{\"@type\": </script></html>")
            .unwrap_err();
        assert!(e.message.contains("does not parse"), "{e:?}");
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn detected_by_extension_or_by_content() {
        assert!(looks_like_jsonld("anything", "content/job.HTML"));
        assert!(looks_like_jsonld("{}", "content/job.json"));
        assert!(looks_like_jsonld("  <!DOCTYPE html><p>", "a.txt"));
        assert!(looks_like_jsonld(r#"{"@type": "JobPosting"}"#, "a.txt"));
        assert!(!looks_like_jsonld("# Baker\n\n<p>html body</p>", "a.md"));
    }
}
