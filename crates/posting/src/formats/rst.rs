//! reStructuredText documents: the title, a field list (docinfo before the
//! title or the usual list after it) and an ABlog `.. post::` directive as
//! stated metadata; the body is left to `markup::rst`.

use serde_json::Value;

use crate::draft::normalize_key;
use crate::markup::rst::{
    directive, field, indented_end, inline_text, is_blank, is_explicit_markup, section_title,
    skip_blank, strip_bom,
};
use crate::recognize::keys::is_known_key;
use crate::{Draft, Format, FormatError, Markup};

/// Whether the text starts like a reStructuredText document: an over- or
/// underlined title, or a `:key: value` field list.
///
/// A title underlined with `=` or `-` is also a Markdown setext heading, so it
/// counts only when some line shows what Markdown does not write: a field
/// (`:date: ...`), explicit markup (`.. _target: url`, `.. note::`, a comment)
/// or an embedded-URI link (`` `text <url>`_ ``). An overline or any other
/// underline character is rst. A leading field needs a key hireboard knows or
/// a second field after it, so Markdown opening with `:tada: Hiring!` is not rst.
pub fn looks_like_rst(text: &str) -> bool {
    let lines: Vec<&str> = strip_bom(text).lines().collect();
    let i = skip_blank(&lines, 0);
    let Some(first) = lines.get(i) else {
        return false;
    };
    if let Some((name, _)) = field(first) {
        return is_known_key(&normalize_key(name))
            || lines.get(i + 1).is_some_and(|l| field(l).is_some());
    }
    match section_title(&lines, i) {
        Some(title) if title.overlined || !matches!(title.adornment, '=' | '-') => true,
        Some(_) => lines
            .iter()
            .any(|l| field(l).is_some() || is_explicit_markup(l) || l.contains(">`_")),
        None => false,
    }
}

/// Title (stated meta `title`) and field list (stated meta) plus the body.
pub fn parse(text: &str) -> Result<Draft, FormatError> {
    let text = strip_bom(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut draft = Draft::new(Format::Rst, Markup::Rst);
    // Docinfo may come before the title; the usual field list comes after it.
    let mut i = skip_blank(
        &lines,
        meta_fields(&lines, skip_blank(&lines, 0), &mut draft),
    );
    i = skip_blank(&lines, ablog_post(&lines, i, &mut draft));
    if let Some(title) = section_title(&lines, i) {
        draft.stated(
            "title",
            Value::String(inline_text(title.text)),
            title.line + 1,
        );
        i = meta_fields(&lines, skip_blank(&lines, title.next), &mut draft);
        i = ablog_post(&lines, skip_blank(&lines, i), &mut draft);
    }
    draft.body_line = skip_blank(&lines, i) + 1;
    draft.body = super::rest_of(text, draft.body_line);
    Ok(draft)
}

/// Reads the field list at line `i` into stated metadata; returns the index of
/// the first line after it. Indented lines continue a value.
fn meta_fields(lines: &[&str], mut i: usize, draft: &mut Draft) -> usize {
    while let Some((name, value)) = lines.get(i).and_then(|l| field(l)) {
        let line = i + 1;
        let mut value = value.to_string();
        i += 1;
        while let Some(more) = lines
            .get(i)
            .filter(|l| l.starts_with([' ', '\t']) && !is_blank(l))
        {
            if !value.is_empty() {
                value.push(' ');
            }
            value.push_str(more.trim());
            i += 1;
        }
        draft.stated(name, Value::String(value), line);
    }
    i
}

/// An ABlog `.. post:: May 4, 2015` directive at line `i`, before or after
/// the title: its argument is the date and its options (`:tags:`,
/// `:location:`) are metadata. Returns the line after it, or `i` when line
/// `i` is something else.
fn ablog_post(lines: &[&str], i: usize, draft: &mut Draft) -> usize {
    let Some(("post", date)) = lines
        .get(i)
        .and_then(|l| l.strip_prefix(".. "))
        .and_then(|head| directive(head.trim()))
    else {
        return i;
    };
    if !date.is_empty() {
        draft.stated("date", Value::String(date.to_string()), i + 1);
    }
    let end = indented_end(lines, i + 1);
    for (k, line) in lines.iter().enumerate().take(end).skip(i + 1) {
        if let Some((name, value)) = field(line.trim_start()) {
            draft.stated(name, Value::String(value.trim().to_string()), k + 1);
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::rst::to_html;

    /// seeds/002_c10ae763269421d2.txt
    const SEED: &str = r#"French Services Hackaton #1
###########################

:date: 2014-05-22 10:35
:tags: python, mozilla
:category: mozilla
:author: Tarek Ziade

The Mozilla Cloud Services team just got a little bit reorganized
and I am now managing a new subteam.

I am very happy about the new subteam I am part of: Alexis, Rémy and myself
are the **French Cloud Services** team. We're still working on projects with
other teams of course - but being a team in the same timezone and speaking
the same native language helps a lot.

One topic that is *owned* by our team is building and maintaining tools
that help build, deploy & run web services.

Currently, the three most active projects are:

- `Loads <https://loads.readthedocs.org>`_ -- a distributed load testing tool we use to verify that a given
  service scales.
- `Circus <https://circus.readthedocs.org>`_ -- an extensible process supervisor we're using in all our deployments
- `Cornice <https://cornice.readthedocs.org>`_ -- a Python framework on the top of Pyramid that helps you write
  web services - as opposed to "web pages"


Hackaton #1
-----------

Rémy & Alexis are in Rennes, and I am located not far from Dijon - so
we're very close to each other. Closer than from our colleagues from the US
or Canada. When the team was set, we've decided that we would gather for
a couple of days once every month at the Mozilla Paris office to work on tools.

That's what we did this week. And that event is open to the community - we had the pleasure to have
Boris coming and working with us during those 2 days.

We worked on the following topics:

- We released the long overdue Circus 0.11
- We made the Circus web dashboard compatible with several Circus instances.
  In other words, you can now supervise processes that are running on several
  servers from the same dashboard
- We looked at some improvements in how Cornice publishes its APIs
  specifications.

But the most important task: we socialized, had fun around food/drinks.

The next hackaton will be sometimes in June. I'll try to announce it
so more people can join us.

"#;

    /// In the style of bench/gen_corpus.py.
    const GENERATED: &str = "Principal Data Engineer
#######################

:date: 2026-11-01 23:56
:company: Golden Games
:tags: ci-cd, cpp, kafka, networking, node
:location: Tokyo, Japan

About the role
--------------

You will design, build and operate services that handle millions of requests.
Our code is open source, so you can keep us honest.

What you'll bring
-----------------

* Everyone on the team spends time talking directly to our customers.
* We care about clean code, automated testing and continuous delivery.

Benefits
--------

We offer a generous learning budget and flexible working hours.";

    fn meta(draft: &Draft) -> Vec<(&str, &str, usize)> {
        draft
            .meta
            .iter()
            .map(|m| (m.key.as_str(), m.value.as_str().unwrap_or(""), m.line))
            .collect()
    }

    #[test]
    fn seed_title_fields_and_body() {
        let draft = parse(SEED).unwrap();
        assert_eq!(draft.format, Format::Rst);
        assert_eq!(draft.markup, Markup::Rst);
        assert_eq!(
            meta(&draft),
            [
                ("title", "French Services Hackaton #1", 1),
                ("date", "2014-05-22 10:35", 4),
                ("tags", "python, mozilla", 5),
                ("category", "mozilla", 6),
                ("author", "Tarek Ziade", 7),
            ]
        );
        assert!(draft.meta.iter().all(|m| m.stated));
        assert_eq!(draft.body_line, 9);
        assert!(draft.body.starts_with("The Mozilla Cloud Services team"));

        let r = to_html(&draft.body);
        assert!(r.html.contains("<h2>Hackaton #1</h2>"), "{}", r.html);
        assert!(
            r.html.contains("<strong>French Cloud Services</strong>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<em>owned</em>"), "{}", r.html);
        assert!(
            r.html.contains(
                "<li><a href=\"https://loads.readthedocs.org\">Loads</a> -- a distributed"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("given\nservice scales.</li>"), "{}", r.html);
        assert!(r.html.contains("&quot;web pages&quot;"), "{}", r.html);
        assert_eq!(r.html.matches("<ul>").count(), 2, "{}", r.html);
        assert_eq!(r.html.matches("<li>").count(), 6, "{}", r.html);
        assert_eq!(
            crate::markup::link_pairs(&r.links),
            [
                ("Loads", "https://loads.readthedocs.org"),
                ("Circus", "https://circus.readthedocs.org"),
                ("Cornice", "https://cornice.readthedocs.org"),
            ]
        );
        assert!(r.text.starts_with(
            "The Mozilla Cloud Services team just got a little bit reorganized and I"
        ));
        assert!(
            r.text
                .contains("\nLoads -- a distributed load testing tool"),
            "{}",
            r.text
        );
        assert!(r.text.contains("\nHackaton #1\n"), "{}", r.text);
        assert!(
            !r.text.contains('`') && !r.text.contains("**"),
            "{}",
            r.text
        );
    }

    #[test]
    fn generated_posting() {
        assert!(looks_like_rst(GENERATED));
        let draft = parse(GENERATED).unwrap();
        assert_eq!(
            meta(&draft),
            [
                ("title", "Principal Data Engineer", 1),
                ("date", "2026-11-01 23:56", 4),
                ("company", "Golden Games", 5),
                ("tags", "ci-cd, cpp, kafka, networking, node", 6),
                ("location", "Tokyo, Japan", 7),
            ]
        );
        assert_eq!(draft.body_line, 9);
        let r = to_html(&draft.body);
        assert!(
            r.html
                .starts_with("<h2>About the role</h2>\n<p>You will design"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h2>What you&#x27;ll bring</h2>")
                || r.html.contains("<h2>What you'll bring</h2>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<ul>\n<li>Everyone on the team spends time talking directly to our customers.</li>\n<li>We care"),
            "{}",
            r.html
        );
        assert!(r.html.ends_with("<h2>Benefits</h2>\n<p>We offer a generous learning budget and flexible working hours.</p>\n"), "{}", r.html);
    }

    #[test]
    fn detection_rule() {
        // Overlines and underlines Markdown has no use for are rst.
        assert!(looks_like_rst("=====\nTitle\n=====\n\nbody"));
        assert!(looks_like_rst("Title\n#####\n\nbody"));
        assert!(looks_like_rst("\u{FEFF}Title\n~~~~~\n"));
        assert!(looks_like_rst("Title\n*****\n"));
        // A setext-style title needs an rst-only sign somewhere.
        assert!(!looks_like_rst(
            "Title\n=====\n\nSome *Markdown* [link](https://x.example).\n"
        ));
        assert!(!looks_like_rst("Title\n-----\n\n- item\n"));
        assert!(looks_like_rst("Title\n=====\n\n:date: 2020-01-01\n"));
        assert!(looks_like_rst(
            "Title\n-----\n\nSee `Acme <https://acme.example>`_.\n"
        ));
        assert!(looks_like_rst(
            "Title\n=====\n\nBody\n\n.. _apply: https://x.example\n"
        ));
        assert!(looks_like_rst("Title\n=====\n\n.. note:: Remote OK\n"));
        // A leading field list: a known key, or two fields.
        assert!(looks_like_rst(":date: 2020-01-01\n\nTitle\n=====\n"));
        assert!(looks_like_rst(":foo: 1\n:bar: 2\n"));
        assert!(!looks_like_rst(
            ":tada: We are hiring!\n\nCome work with us.\n"
        ));
        // Not titles.
        assert!(!looks_like_rst("Title\n==\n"));
        assert!(!looks_like_rst("Just text.\nMore text.\n"));
        assert!(!looks_like_rst(""));
        assert!(!looks_like_rst("# Markdown\n"));
    }

    #[test]
    fn docinfo_before_title_and_continued_values() {
        let draft =
            parse("\n:Author: Ann\n:Tags: a,\n   b\n\n=========\n Job\n=========\n\nBody.\n")
                .unwrap();
        assert_eq!(
            meta(&draft),
            [
                ("author", "Ann", 2),
                ("tags", "a, b", 3),
                ("title", "Job", 7)
            ]
        );
        assert_eq!(draft.body, "Body.\n");
        assert_eq!(draft.body_line, 10);
    }

    #[test]
    fn ablog_post_directive_gives_date_and_options() {
        let before = parse(".. post:: Jun 2, 2021\n   :tags: hiring, rust\n\nWe are hiring\n=============\n\nText.\n").unwrap();
        assert_eq!(
            meta(&before),
            [
                ("date", "Jun 2, 2021", 1),
                ("tags", "hiring, rust", 2),
                ("title", "We are hiring", 4)
            ]
        );
        assert_eq!(before.body, "Text.\n");
        let after = parse("Baker\n=====\n\n.. post:: 2021-06-02\n\nBread.\n").unwrap();
        assert_eq!(
            meta(&after),
            [("title", "Baker", 1), ("date", "2021-06-02", 4)]
        );
        assert_eq!(after.body, "Bread.\n");
    }

    #[test]
    fn title_markup_is_removed_and_untitled_files_have_no_title() {
        let draft = parse("*Senior* ``Rust`` Engineer\n===========================\n").unwrap();
        assert_eq!(meta(&draft), [("title", "Senior Rust Engineer", 1)]);
        assert_eq!(draft.body, "");
        let draft = parse("Just a paragraph.\n\nAnother.\n").unwrap();
        assert!(draft.meta.is_empty());
        assert_eq!(draft.body_line, 1);
        assert_eq!(draft.body, "Just a paragraph.\n\nAnother.\n");
    }

    #[test]
    fn tabs_and_crlf() {
        let r = to_html("-\titem\r\n\tcontinued\r\n\r\nCode::\r\n\r\n\tx = 1\r\n");
        assert_eq!(
            r.html,
            "<ul>\n<li>item\ncontinued</li>\n</ul>\n<p>Code:</p>\n<pre>x = 1</pre>\n"
        );
        let draft = parse("Job\r\n===\r\n\r\n:date: 2020-01-01\r\n\r\nBody\r\n").unwrap();
        assert_eq!(
            meta(&draft),
            [("title", "Job", 1), ("date", "2020-01-01", 4)]
        );
        assert_eq!(draft.body, "Body\r\n");
    }

    #[test]
    fn never_panics() {
        let tricky = [
            "",
            "=",
            "`",
            "`x <",
            ".. _:",
            "::",
            "\u{FEFF}",
            "a\n=\n",
            "  *",
            "1.",
            "é`é <é>`_",
            "é_",
            "`é`_",
            "`é`__",
            "\\",
            "a\\",
            "**",
            "***",
            "* *",
            "``",
            "````",
            ":",
            ":a:",
            ":a:`",
            ":é: é",
            ".. ",
            "..",
            ".. é::",
            ".. note::",
            ".. admonition::",
            ".. code::",
            "__ ",
            "__",
            "(",
            "(a",
            "(a)",
            "a)",
            "#.",
            "-",
            "- ",
            "-\n  x",
            "\t\t-\té",
            "=\né\n=",
            "==\né\n==\n",
            "é\n==",
            "   \n\u{a0}\n",
            "\u{a0}- x\n  y",
            "https://",
            "http://é",
            "x https://a.b/(c)).",
            "`a <b>`_`c <d>`_",
            "`<>`_",
            "`<x_>`_",
            ":ref:`a <b>`",
            "`a`:code:",
            "a::\n\n\u{3000}x",
            "- \u{2003}x",
            "\u{2022} x",
            "• x\n  é",
            "* a\n\n  * b\n\n    * c",
            "::\n\n",
            ".. _a: b_\n.. _b: a_\n`x`_ a_ b_",
        ];
        for text in tricky {
            let _ = looks_like_rst(text);
            let draft = parse(text).unwrap();
            let _ = to_html(&draft.body);
            let _ = to_html(text);
        }
    }
}
