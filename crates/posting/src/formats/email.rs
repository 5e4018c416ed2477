//! E-mail messages, as mailing-list archives keep them: RFC 822 headers
//! (folded lines continue with white space), a blank line, the body. The
//! subject is the title, the `Date:` header the date; the format stays
//! `text` (SCHEMA's list of formats is a contract).

use std::sync::LazyLock;

use regex::Regex;

use super::rest_of;
use crate::{Draft, Format, Markup};

/// Headers that only a mail message starts with (a blog's `Key: value`
/// header has `Title:` and `Author:` instead).
const MAIL_HEADERS: &[&str] = &[
    "from",
    "received",
    "message-id",
    "return-path",
    "delivered-to",
    "in-reply-to",
];

/// One unfolded header: lowercased name, value, 1-based line.
struct Header {
    name: String,
    value: String,
    line: usize,
}

/// The header block at the top of `text`, and the 1-based line of the body;
/// `None` when the text does not start with mail headers.
fn headers(text: &str) -> Option<(Vec<Header>, usize)> {
    static FIELD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$").expect("valid regex"));
    let mut headers: Vec<Header> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if i == 0 && line.starts_with("From ") {
            continue; // the mbox separator line
        }
        if line.trim().is_empty() {
            let is_mail = headers
                .iter()
                .any(|h| MAIL_HEADERS.contains(&h.name.as_str()))
                && headers
                    .iter()
                    .any(|h| h.name == "subject" || h.name == "date");
            return is_mail.then_some((headers, i + 2));
        }
        if line.starts_with([' ', '\t']) {
            let last = headers.last_mut()?;
            last.value.push(' ');
            last.value.push_str(line.trim());
            continue;
        }
        let field = FIELD.captures(line)?;
        headers.push(Header {
            name: field[1].to_ascii_lowercase(),
            value: field[2].trim().to_string(),
            line: i + 1,
        });
    }
    None
}

pub fn looks_like_email(text: &str) -> bool {
    headers(text).is_some()
}

pub fn parse(text: &str) -> Draft {
    let mut draft = Draft::new(Format::Text, Markup::Markdown);
    let Some((headers, body_line)) = headers(text) else {
        return draft;
    };
    let header = |name: &str| headers.iter().find(|h| h.name == name);
    if let Some(subject) = header("subject") {
        // A guess: the subject names the message, most often the role.
        let title = clean_subject(&subject.value);
        if !title.is_empty() {
            draft.guessed("title", title, subject.line);
        }
    }
    if let Some(date) = header("date") {
        // "Fri, 16 Jul 2004 17:50:25 +0100 (BST)": the comment repeats the offset.
        let value = date.value.split(" (").next().unwrap_or("").trim();
        draft.stated("date", value.into(), date.line);
    }
    if let Some(organization) = header("organization").filter(|h| !h.value.is_empty()) {
        draft.guessed("company", organization.value.as_str(), organization.line);
    }
    let body = rest_of(text, body_line);
    let quoted_printable = header("content-transfer-encoding")
        .is_some_and(|h| h.value.eq_ignore_ascii_case("quoted-printable"));
    let body = if quoted_printable {
        decode_quoted_printable(&body)
    } else {
        body
    };
    draft.body = without_forward_headers(&body);
    draft.body_line = body_line;
    draft
}

/// A subject without list tags (`[jobs]`), reply and forward marks and
/// "Job:"-style labels: what is left names the role.
fn clean_subject(subject: &str) -> String {
    static NOISE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*(?:\[[^\]]*\]|(?:re|fwd?|aw|wg|tr)\s*:|(?:job(?:s| posting| opening| offer)?|opening|vacancy|position(?: available)?|now hiring|hiring)\s*[:\-–—]\s)\s*",
        )
        .expect("valid regex")
    });
    let mut subject = subject.trim();
    while let Some(noise) = NOISE.find(subject) {
        if noise.end() == 0 {
            break;
        }
        subject = &subject[noise.end()..];
    }
    // "Software Manager Position"; "Open Position" is not a role without it.
    static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(\S+)\s+(?:position|opening|vacancy)$").expect("valid regex")
    });
    let subject = subject.trim();
    match TRAILING.captures(subject) {
        Some(c) if !["open", "new", "an", "a", "our"].contains(&c[1].to_lowercase().as_str()) => {
            subject[..c.get(1).map_or(0, |m| m.end())].to_string()
        }
        _ => subject.to_string(),
    }
}

/// Drops the header block of a forwarded or quoted message ("----- Forwarded
/// message from ... -----" and the `From:`/`Date:`/`Subject:` lines under it),
/// keeping the number of lines, so line numbers in messages stay right.
fn without_forward_headers(body: &str) -> String {
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:-{2,}\s*(?:(?:begin |end (?:of )?)?forwarded message|original message)\b.*|begin forwarded message:\s*)$")
            .expect("valid regex")
    });
    static FORWARDED_HEADER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:from|date|sent|to|cc|subject|reply-to):\s").expect("valid regex")
    });
    let mut out = String::with_capacity(body.len());
    let mut in_block = false;
    for line in body.split_inclusive('\n') {
        let ending = if line.ends_with('\n') { "\n" } else { "" };
        if MARKER.is_match(line.trim_end()) {
            in_block = true;
            out.push_str(ending);
        } else if in_block && FORWARDED_HEADER.is_match(line) {
            out.push_str(ending);
        } else {
            in_block = false;
            out.push_str(line);
        }
    }
    out
}

/// `=XX` bytes and `=` soft line breaks of a quoted-printable body.
fn decode_quoted_printable(body: &str) -> String {
    let mut bytes = Vec::with_capacity(body.len());
    let mut rest = body.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        rest = tail;
        if b != b'=' {
            bytes.push(b);
            continue;
        }
        let hex = |c: u8| (c as char).to_digit(16);
        match rest {
            [b'\r', b'\n', tail @ ..] | [b'\n', tail @ ..] => rest = tail,
            [hi, lo, tail @ ..] if hex(*hi).is_some() && hex(*lo).is_some() => {
                bytes.push((hex(*hi).unwrap_or(0) * 16 + hex(*lo).unwrap_or(0)) as u8);
                rest = tail;
            }
            _ => bytes.push(b),
        }
    }
    crate::repair::decode(&bytes).text
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "From jane@bakery.example Mon Mar  3 10:00:00 2025
Received: from mail.bakery.example
\tby lists.example with SMTP; Mon, 3 Mar 2025 10:00:01 +0100
From: Jane Roe <jane@bakery.example>
Organization: Roe Family Bakery
Date: Mon, 3 Mar 2025 09:59:58 +0100 (CET)
Subject: [bakers-list] Re: JOB: Night Baker
 (sourdough)
Message-ID: <1@bakery.example>

Hello all,

---------- Forwarded message ---------
From: Head Baker <head@bakery.example>
Date: Sun, 2 Mar 2025
Subject: opening

We need a night baker in Ghent.
----- End forwarded message -----
";

    #[test]
    fn headers_give_title_date_and_company_and_leave_the_body() {
        assert!(looks_like_email(POST));
        let d = parse(POST);
        let get = |k: &str| d.meta.iter().find(|m| m.key == k).unwrap();
        assert_eq!(get("title").value, "Night Baker (sourdough)");
        assert!(!get("title").stated);
        assert_eq!(get("title").line, 7);
        assert_eq!(get("date").value, "Mon, 3 Mar 2025 09:59:58 +0100");
        assert_eq!(get("company").value, "Roe Family Bakery");
        assert!(!get("company").stated);
        assert_eq!(d.body_line, 11);
        assert_eq!(
            d.body,
            "Hello all,\n\n\n\n\n\n\nWe need a night baker in Ghent.\n\n"
        );
    }

    #[test]
    fn subjects_lose_tags_and_labels() {
        for (subject, title) in [
            ("Re: Fwd: [list] Position available - Welder", "Welder"),
            ("Job opening: QA Lead", "QA Lead"),
            ("Hiring: a data engineer", "a data engineer"),
            ("Positioning engineer", "Positioning engineer"),
            ("Software Tester Position", "Software Tester"),
            ("New Opening", "New Opening"),
            (
                "[ANN] [jobs] FW: Rust developer, Oslo",
                "Rust developer, Oslo",
            ),
        ] {
            assert_eq!(clean_subject(subject), title, "{subject}");
        }
    }

    #[test]
    fn blog_headers_and_prose_are_not_mail() {
        assert!(!looks_like_email(
            "Title: Baker\nDate: 2025-03-03\nAuthor: Jane\n\nBody\n"
        ));
        assert!(!looks_like_email(
            "From: the desk of Jane\nwe are hiring\n\nBody\n"
        ));
        assert!(!looks_like_email("Subject: x\nFrom: a@b.example\n"));
    }

    #[test]
    fn quoted_printable_bodies_are_decoded() {
        let post = "From: a@b.example\nSubject: Cook\nContent-Transfer-Encoding: quoted-printable\n\nCaf=C3=A9 cook, 30=\n hours =3D part-time\n";
        assert_eq!(parse(post).body, "Café cook, 30 hours = part-time\n");
    }
}
