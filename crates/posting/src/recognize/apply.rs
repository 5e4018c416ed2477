//! The apply link: stated, or chosen among every link and address the body
//! gives, ranked as a reader would rank them: a job-board or careers link, or
//! an address in an "apply"/"send your CV" sentence, beats a homepage, a
//! product link or a "questions to" address.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::ascii_regex;
use crate::markup::{safe_url, Link};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b")
});
/// A bare URL in running text; trailing punctuation is trimmed afterwards.
static BARE_URL: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r#"(?i)\b(?:https?://|www\.)[^\s<>"'\[\]{}`]+"#));
/// An anchor of the sanitized HTML, for links written as raw HTML.
static ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r#"(?is)<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)</a>"#));
static TAG: LazyLock<Regex> = LazyLock::new(|| ascii_regex(r"<[^>]*>"));

/// `[at]`, `(at)`, `{at}`, `<at>` and the same for `dot`: addresses hidden from spam robots.
static BRACKETED_AT: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"(?i)\s*[\[({<]\s*at\s*[\])}>]\s*"));
static BRACKETED_DOT: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"(?i)\s*[\[({<]\s*dot\s*[\])}>]\s*"));
/// `getabine dotcom`, `acme dot com` right after an `@`.
static SPELLED_DOT: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(@[a-z0-9-]+(?:\.[a-z0-9-]+)*)\s*(?:\bdot\s*(com|org|net|io)\b|\s+dot\s+([a-z]{2,6})\b)",
    )
});
/// `email srini at acme.io`: a plain " at " only counts after a word about writing.
static PLAIN_AT: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(e-?mail|mail|write|contact|reach|send|ping)\b([^.\n@]{0,30}?\s)([a-z0-9][a-z0-9._+-]*) at ([a-z0-9-]+(?:\.[a-z0-9-]+)*(?:\.| dot )[a-z]{2,12})\b",
    )
});

/// Words that make a sentence an apply instruction, in English, French,
/// German and Spanish ("applications" alone are often software).
static APPLY_CUE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(?:apply|applying|applications? (?:to|via|at|by|through|should|must|will|are|only)|application (?:link|form|process|page)|your application|(?:send|submit) (?:us |me )?(?:your |a |an )?(?:cv|resume|r\S+sum\S+|portfolio|letter)|(?:cv|resume)s? to|fill (?:out|in)|this form|postuler|postulez|candidature|candidatez|bewerb\w*|lebenslauf|aplica\w*|aplico|solicitud)\b",
    )
});
/// Words that name a page of job ads: a likely route.
static JOB_PAGE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(?:(?:careers?|jobs?|hiring) (?:page|site|board|portal)|job (?:description|listing|offer|ad|spec)|full spec|vacanc(?:y|ies)|open positions|openings)\b",
    )
});
/// Words that offer a way to write: a likely route, weaker than "apply".
static CONTACT_CUE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(?:e-?mail|mail|write|contact\w*|reach (?:out|me|us)|drop (?:us|me) a (?:line|note)|get in touch|chat|ping|melde|schreib\w*|envoy\w*|escr[ií]be\w*)\b",
    )
});
/// Words that say a link or address is for something other than applying.
static OTHER_PURPOSE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(?:questions?|accommodations?|accessibility|(?:learn|read) more about (?:us|our (?:company|team|culture|product|work|story))|as a company|press|investors?)\b",
    )
});
/// Words that say a link is a page to look at; an address beside them
/// ("write to jobs@… with your open source work") is still the route.
static PAGE_TO_SEE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:see it|check out|our blog|demo|handbook|open.source)\b")
});
/// Words that offer a page to read rather than a way to apply.
static FOR_INFORMATION: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"(?i)\b(?:more info\w*|more details|(?:learn|read) more)\b"));

/// Applicant-tracking systems and form services: a link there is an application.
const APPLY_HOSTS: &[&str] = &[
    "greenhouse.io",
    "grnh.se",
    "lever.co",
    "workable.com",
    "ashbyhq.com",
    "recruitee.com",
    "bamboohr.com",
    "smartrecruiters.com",
    "jobvite.com",
    "personio.de",
    "personio.com",
    "breezy.hr",
    "teamtailor.com",
    "freshteam.com",
    "recruiterbox.com",
    "myworkdayjobs.com",
    "icims.com",
    "applytojob.com",
    "homerun.co",
    "join.com",
    "typeform.com",
    "forms.gle",
    "tally.so",
];
/// Path segments (or their first word) of a job page: `/careers`, `/job-openings`.
const JOB_PATHS: &[&str] = &[
    "jobs",
    "job",
    "careers",
    "career",
    "apply",
    "join",
    "positions",
    "openings",
    "vacancies",
    "hiring",
    "forms",
    "karriere",
    "stellen",
    "jobangebote",
    "emplois",
    "recrutement",
    "empleo",
    "empleos",
    "staffing",
    "employment",
];
/// Sites that show code, videos or profiles, not applications.
const OTHER_HOSTS: &[&str] = &[
    "github.com",
    "gitlab.com",
    "linkedin.com",
    "twitter.com",
    "x.com",
    "facebook.com",
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    "medium.com",
    "instagram.com",
    "apple.com",
    "play.google.com",
    "wikipedia.org",
];
/// Mailbox names of hiring teams: `jobs@`, `careers-hn@`, `join-us@`.
const HIRING_MAILBOXES: &[&str] = &[
    "jobs",
    "job",
    "careers",
    "career",
    "hiring",
    "hire",
    "recruiting",
    "recruitment",
    "recruiter",
    "recrutement",
    "talent",
    "apply",
    "applications",
    "hr",
    "rh",
    "rrhh",
    "join",
    "joinus",
    "work",
    "bewerbung",
    "bewerbungen",
    "karriere",
    "empleo",
    "empleos",
];

/// How far around a candidate its sentences are looked for, in bytes.
const WINDOW: usize = 400;
/// Links or addresses of each kind weighed; a real posting has a handful.
const MAX_CANDIDATES: usize = 200;
/// Below this a body link is not offered as the apply route.
const MIN_SCORE: i32 = 3;
/// A route the format put in an apply slot (an HN first-line URL, a title link).
const SLOT_BONUS: i32 = 3;

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

/// The best apply route: `slot` (a guessed one, from the file's shape) unless
/// the body offers a better one; the body's best alone when it is good enough.
pub fn choose(slot: Option<&str>, links: &[Link], html: &str, text: &str) -> Option<String> {
    let slot = slot.map(|url| (url_score(url) + SLOT_BONUS, url.to_string()));
    let body = candidates(links, html, text)
        .into_iter()
        .filter(|(score, _)| *score >= MIN_SCORE);
    // On equal scores the earlier wins: the slot, then the body in order.
    slot.into_iter()
        .chain(body)
        .reduce(|best, next| if next.0 > best.0 { next } else { best })
        .map(|(_, url)| url)
}

/// Every link and address of the body with its score.
fn candidates(links: &[Link], html: &str, text: &str) -> Vec<(i32, String)> {
    let text = reveal_addresses(text);
    let mut found: Vec<(i32, String)> = Vec::new();
    let mut add = |url: String, start: Option<usize>, end: usize, link_text: &str| {
        let context = start.map_or(0, |start| {
            context_score(&text, start, end, link_text, url.starts_with("mailto:"))
        });
        let score = url_score(&url) + context;
        match found.iter_mut().find(|(_, u)| u.eq_ignore_ascii_case(&url)) {
            Some(seen) => seen.0 = seen.0.max(score),
            None => found.push((score, url)),
        }
    };
    let mut from = 0;
    let links = links.iter().cloned().chain(html_anchors(html, links));
    for link in links.take(MAX_CANDIDATES) {
        // A link's place in the text is where its words are.
        let at = (!link.text.trim().is_empty())
            .then(|| text[from..].find(link.text.trim()).map(|i| i + from))
            .flatten();
        if let Some(at) = at {
            from = at + link.text.trim().len();
        }
        let end = at.map_or(0, |a| a + link.text.trim().len());
        add(link.url, at, end, &link.text);
    }
    for m in BARE_URL.find_iter(&text).take(MAX_CANDIDATES) {
        let url = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '>']);
        let end = m.start() + url.len();
        let url = match url.get(..4) {
            Some(w) if w.eq_ignore_ascii_case("www.") => format!("https://{url}"),
            _ => url.to_string(),
        };
        if safe_url(&url).is_some() {
            add(url, Some(m.start()), end, "");
        }
    }
    for m in EMAIL.find_iter(&text).take(MAX_CANDIDATES) {
        // An address inside a URL is part of that URL.
        let in_url = text[..m.start()]
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|word| word.contains("://"));
        if !in_url {
            add(
                format!("mailto:{}", m.as_str()),
                Some(m.start()),
                m.end(),
                "",
            );
        }
    }
    found
}

/// What the URL itself says: an applicant-tracking or careers link, a hiring
/// mailbox, or a homepage or profile that is not an application.
fn url_score(url: &str) -> i32 {
    let lower = url.to_ascii_lowercase();
    if let Some(address) = lower.strip_prefix("mailto:") {
        let mailbox = address.split('@').next().unwrap_or("");
        let hiring = HIRING_MAILBOXES.iter().any(|m| {
            mailbox
                .strip_prefix(m)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_', '.', '+']))
        });
        return 2 + if hiring { 2 } else { 0 };
    }
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.trim_start_matches("www.");
    let on = |domains: &[&str]| {
        domains
            .iter()
            .any(|d| host == *d || host.ends_with(&format!(".{d}")))
    };
    let job_path = path.split(['/', '?', '#', '&']).any(|segment| {
        JOB_PATHS.iter().any(|p| {
            segment
                .strip_prefix(p)
                .is_some_and(|after| after.is_empty() || after.starts_with(['-', '_', '.', '=']))
        })
    });
    let job_host = ["jobs.", "careers.", "apply.", "karriere.", "employment."]
        .iter()
        .any(|p| host.starts_with(p));
    if on(APPLY_HOSTS) || job_path || job_host || lower.contains("docs.google.com/forms") {
        4
    } else if on(OTHER_HOSTS) {
        -3
    } else if path.trim_end_matches('/').is_empty() {
        -2
    } else {
        0
    }
}

/// What the words around a candidate say about it. A cue counts in its
/// sentence, or the one before when this one is bare ("Apply here:\nURL");
/// another purpose only in its own.
fn context_score(text: &str, start: usize, end: usize, link_text: &str, address: bool) -> i32 {
    let (own, before) = sentences_around(text, start, end);
    let own = format!("{own} {link_text}");
    let cued = |cue: &Regex| cue.is_match(&own) || cue.is_match(before);
    let cue = if cued(&APPLY_CUE) {
        4
    } else if cued(&JOB_PAGE_CUE) {
        3
    } else if cued(&CONTACT_CUE) {
        2
    } else {
        0
    };
    let other = if OTHER_PURPOSE.is_match(&own) || (!address && PAGE_TO_SEE.is_match(&own)) {
        5
    } else if FOR_INFORMATION.is_match(&own) {
        2
    } else {
        0
    };
    // "Apply today! https://…" at the very end of a post: the route it ends with.
    let rest = &text[end..];
    let last = if rest
        .trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
        .is_empty()
    {
        2
    } else {
        0
    };
    cue - other + last
}

/// The sentence holding `text[start..end]`, without it, and the sentence
/// before when this one has barely any words of its own.
fn sentences_around(text: &str, start: usize, end: usize) -> (String, &str) {
    // Sentences are short; a bounded window keeps a one-line megabyte linear.
    let before = &text[boundary_before(text, start.saturating_sub(WINDOW))..start];
    let after = &text[end..boundary_before(text, end + WINDOW)];
    let own_start = sentence_start(before);
    let own_end = after.find(['\n', '!', '?']).unwrap_or(after.len());
    let own_end = after[..own_end].find(". ").unwrap_or(own_end);
    let own = format!("{} {}", &before[own_start..], &after[..own_end]);
    let span_words = text[start..end].split_whitespace().count();
    if own.split_whitespace().count() + span_words >= 3 {
        return (own, "");
    }
    let previous = before[..own_start].trim_end();
    (own, &previous[sentence_start(previous)..])
}

/// The char boundary at or before `at`, within `text`.
fn boundary_before(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where the last sentence of `text` starts: after a line break or a `. `.
fn sentence_start(text: &str) -> usize {
    let line = text.rfind('\n').map_or(0, |i| i + 1);
    let stop = text[line..]
        .rmatch_indices(['.', '!', '?'])
        .find(|(i, _)| text[line + i + 1..].starts_with(char::is_whitespace))
        .map_or(line, |(i, _)| line + i + 1);
    stop
}

/// Links written as raw HTML (`<a href="mailto:…">`), which Markdown does not list.
fn html_anchors(html: &str, known: &[Link]) -> Vec<Link> {
    if !html.contains("<a ") {
        return Vec::new();
    }
    ANCHOR
        .captures_iter(html)
        .map(|c| Link {
            url: c[1].replace("&amp;", "&"),
            text: TAG.replace_all(&c[2], "").trim().to_string(),
        })
        .filter(|link| safe_url(&link.url).is_some() && !known.iter().any(|k| k.url == link.url))
        .collect()
}

/// The text with hidden addresses written out: `jobs [at] acme [dot] com`,
/// `x (at) y.com`, `jobs [at] acme dotcom`, "email srini at acme.io".
fn reveal_addresses(text: &str) -> Cow<'_, str> {
    if !may_hide_address(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let text = BRACKETED_AT.replace_all(text, "@");
    let text = BRACKETED_DOT.replace_all(&text, ".");
    let text = PLAIN_AT.replace_all(&text, "$1$2$3@$4");
    let text = SPELLED_DOT.replace_all(&text, |c: &regex::Captures| {
        let tld = c.get(2).or(c.get(3)).map_or("", |m| m.as_str());
        format!("{}.{tld}", &c[1])
    });
    Cow::Owned(text.into_owned())
}

/// Whether `text` holds an " at " or an "at" closing a bracket (`[at]`,
/// `(AT)`), in any case: most bodies have neither and are read no further.
/// One pass, as every body is read.
fn may_hide_address(text: &[u8]) -> bool {
    text.windows(3).enumerate().any(|(i, w)| {
        w[..2].eq_ignore_ascii_case(b"at")
            && match w[2] {
                b']' | b')' | b'}' | b'>' => true,
                b' ' => i > 0 && text[i - 1] == b' ',
                _ => false,
            }
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

    fn from_text(text: &str) -> Option<String> {
        choose(None, &[], "", text)
    }

    #[test]
    fn an_apply_link_wins() {
        let links = [
            link("blog", "https://b.example/posts"),
            link("Click here to apply", "https://jobs.example/1"),
        ];
        let text = "Read our blog. Click here to apply and join us.";
        assert_eq!(
            choose(None, &links, "", text).as_deref(),
            Some("https://jobs.example/1")
        );
    }

    #[test]
    fn mailto_links_and_addresses_in_sentences() {
        let links = [link("Ken", "mailto:ken@bakery.example")];
        assert_eq!(
            choose(None, &links, "", "Write to Ken.").as_deref(),
            Some("mailto:ken@bakery.example")
        );
        let text =
            "Questions? ask bob@x.example.\nPlease send your resume to jobs@acme.example today.";
        assert_eq!(from_text(text).as_deref(), Some("mailto:jobs@acme.example"));
        assert_eq!(
            from_text("Contact hiring@acme.example for accommodation requests."),
            None
        );
    }

    #[test]
    fn a_questions_address_loses_to_an_apply_link() {
        let text = "Send any questions to info@acme.example.\n\nApply at https://acme.example/careers/42 before May.";
        assert_eq!(
            from_text(text).as_deref(),
            Some("https://acme.example/careers/42")
        );
    }

    #[test]
    fn an_address_for_a_portfolio_is_still_the_route() {
        let text = "We fire pots.\n\nWrite to kilns@acme.example with links to your open source glaze tools.";
        assert_eq!(
            from_text(text).as_deref(),
            Some("mailto:kilns@acme.example")
        );
        // A link to look at is not one.
        let text =
            "We fire pots. Check out our open source glaze tools at https://acme.example/glaze";
        assert_eq!(from_text(text), None);
    }

    #[test]
    fn hidden_addresses_are_revealed() {
        for (text, address) in [
            (
                "Reach us: hiring [at] otter [dot] example",
                "hiring@otter.example",
            ),
            (
                "No agencies please - work [at] otterworks dotcom.",
                "work@otterworks.com",
            ),
            ("I'd love to chat! sam (at) otter.io", "sam@otter.io"),
            (
                "If you like it, please email pat at otter.io.",
                "pat@otter.io",
            ),
            ("Or just write maria {at} otter.org", "maria@otter.org"),
            ("Write to jane at otter dot com", "jane@otter.com"),
        ] {
            assert_eq!(
                from_text(text).as_deref(),
                Some(format!("mailto:{address}").as_str()),
                "{text}"
            );
        }
        // A plain "at" without a word about writing is a preposition.
        assert_eq!(from_text("Our team works at otter.io every day."), None);
    }

    #[test]
    fn a_bare_link_ending_the_post_is_its_route() {
        let text = "We make otters happy.\n\nhttps://otters.example/openings/7";
        assert_eq!(
            from_text(text).as_deref(),
            Some("https://otters.example/openings/7")
        );
        // A homepage alone is no application.
        assert_eq!(from_text("Visit https://otters.example for more."), None);
    }

    #[test]
    fn the_apply_sentence_may_be_the_one_before() {
        let text = "For details and to apply follow this link:\nhttps://grnh.se/abc123\n\nAll roles are onsite.";
        assert_eq!(from_text(text).as_deref(), Some("https://grnh.se/abc123"));
        let text = "Feel free to send a resume too. jobs@otter.example\n\nWe also hire designers.";
        assert_eq!(
            from_text(text).as_deref(),
            Some("mailto:jobs@otter.example")
        );
    }

    #[test]
    fn a_homepage_slot_loses_to_an_address_in_the_body() {
        let text = "We build boats.\n\nPlease send your CV to ahoy@boats.example";
        assert_eq!(
            choose(Some("https://boats.example/"), &[], "", text).as_deref(),
            Some("mailto:ahoy@boats.example")
        );
        // A job link in the slot stays.
        assert_eq!(
            choose(
                Some("https://boats.example/jobs/3"),
                &[],
                "",
                "Mail ahoy@boats.example"
            )
            .as_deref(),
            Some("https://boats.example/jobs/3")
        );
    }

    #[test]
    fn an_intro_link_and_a_product_link_lose_to_the_careers_page() {
        let links = [
            link("Otterly", "https://otterly.example"),
            link("our GitHub", "https://github.com/otterly"),
            link("our careers page", "https://otterly.example/about/careers/"),
        ];
        let text = "Otterly builds rafts. See our GitHub for code.\n\nTo learn about openings, head over to our careers page.";
        assert_eq!(
            choose(None, &links, "", text).as_deref(),
            Some("https://otterly.example/about/careers/")
        );
    }

    #[test]
    fn a_form_and_a_raw_html_mailto() {
        let links = [link(
            "this form",
            "https://docs.google.com/forms/d/x/viewform",
        )];
        assert_eq!(
            choose(None, &links, "", "Please fill out this form with a video.").as_deref(),
            Some("https://docs.google.com/forms/d/x/viewform")
        );
        let html = r#"<p>Send your CV to <a href="mailto:cv@otter.example">our team</a></p>"#;
        assert_eq!(
            choose(None, &[], html, "Send your CV to our team").as_deref(),
            Some("mailto:cv@otter.example")
        );
    }

    #[test]
    fn an_address_followed_by_to_apply() {
        assert_eq!(
            from_text("write hi@otter.example to apply").as_deref(),
            Some("mailto:hi@otter.example")
        );
    }

    #[test]
    fn a_huge_line_of_links_stays_fast() {
        let text = "see https://a.example/x ".repeat(100_000) + "apply at jobs@otter.example";
        let started = std::time::Instant::now();
        let found = from_text(&text);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        assert_eq!(found.as_deref(), Some("mailto:jobs@otter.example"));
    }

    #[test]
    fn hiring_mailboxes() {
        assert!(
            url_score("mailto:careers-417@otter.example")
                > url_score("mailto:hreynolds@otter.example")
        );
        assert!(
            url_score("mailto:join-us@otter.example") > url_score("mailto:joanna@otter.example")
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

    #[test]
    fn only_an_at_word_or_a_bracketed_at_may_hide_an_address() {
        for hides in [
            "mail sam at otter.io",
            "sam [AT] otter",
            "x(at)y",
            "{At}",
            "<at>",
        ] {
            assert!(may_hide_address(hides.as_bytes()), "{hides}");
        }
        for plain in ["at the start", "a cat sat", "Attend", "late", "a t", ""] {
            assert!(!may_hide_address(plain.as_bytes()), "{plain}");
        }
    }
}
