//! Postings in every format written to attack the site: script tags, event
//! handlers, `javascript:` links, attribute and comment breakouts, and Tera
//! syntax. Every output (pages and their attributes, JSON-LD, feeds, the API,
//! the search index) keeps them as text.

mod common;

use std::collections::BTreeMap;
use std::fs;

use regex::Regex;

/// The attack written into each posting; `{n}` tells the postings apart.
fn payload(n: usize) -> String {
    format!(
        "<script>alert({n})</script> \"><img src=x onerror=alert({n})> \
         {{{{ 6 * 7000001 }}}} {{% for x in [1, 2, 3] %}}loop{n}{{% endfor %}} --> <!--"
    )
}

fn write_site(root: &std::path::Path) {
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(root.join("hireboard.yaml"), "title: Hostile board\n").unwrap();
    let title = |n| format!("Engineer {}", payload(n)).replace('"', "'");
    let body = |n| {
        format!(
            "{}\n\n[apply](javascript:alert({n})) <a href=\"JaVaScRiPt:alert({n})\">x</a> \
             <svg onload=alert({n})></svg>\n",
            payload(n)
        )
    };
    let files = [
        (
            "yaml.md",
            format!(
                "---\ntitle: \"{}\"\ncompany: \"Evil {}\"\ntags: [\"{}\"]\napply: \"javascript:alert(1)\"\n---\n{}",
                title(1),
                title(1),
                title(1),
                body(1)
            ),
        ),
        (
            "toml.md",
            format!(
                "+++\ntitle = \"{}\"\ncompany = \"Toml {}\"\n+++\n{}",
                title(2),
                title(2),
                body(2)
            ),
        ),
        (
            "pelican.md",
            format!(
                "Title: {}\nCompany: Pelican Co\nTags: {}\n\n{}",
                title(3),
                title(3),
                body(3)
            ),
        ),
        (
            "posting.rst",
            format!(
                "{t}\n{u}\n\n:company: Rst Co\n\n{b}\n\n`apply <javascript:alert(4)>`_\n",
                t = title(4),
                u = "=".repeat(title(4).len()),
                b = payload(4)
            ),
        ),
        ("plain.md", format!("# {}\n\n### Markdown Co\n\n{}", title(5), body(5))),
        (
            "oneline.txt",
            format!("Job: {} - Oneline Co | {}", title(6), payload(6)),
        ),
        (
            "hn.txt",
            format!(
                "Hn Co | {} | Remote | REMOTE | https://hn.example/jobs\n\n{}",
                title(7),
                body(7)
            ),
        ),
    ];
    for (name, text) in files {
        fs::write(root.join("content").join(name), text).unwrap();
    }
}

/// Every start tag of `html` with its attributes, quoted values included.
fn tags_with_attributes(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let tag = Regex::new(
        r#"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*/?>"#,
    )
    .unwrap();
    let attribute =
        Regex::new(r#"([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"#).unwrap();
    tag.captures_iter(html)
        .map(|c| {
            let attributes = attribute
                .captures_iter(&c[2])
                .map(|a| {
                    let value = a.get(2).or(a.get(3)).or(a.get(4));
                    (
                        a[1].to_ascii_lowercase(),
                        value.map_or(String::new(), |v| v.as_str().to_ascii_lowercase()),
                    )
                })
                .collect();
            (c[1].to_ascii_lowercase(), attributes)
        })
        .collect()
}

#[test]
fn attacks_in_every_format_stay_text_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    write_site(&root);
    let out = dir.path().join("public");
    let output = common::build(&root, &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let files: BTreeMap<String, Vec<u8>> = common::read_tree(&out);
    let postings = files
        .keys()
        .filter(|p| p.starts_with("jobs/") && p.ends_with("/index.html"))
        .count();
    assert_eq!(postings, 7, "{stderr}\n{:?}", files.keys());

    for (path, html) in common::html_files(&files) {
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!html.contains("<img src=x"), "{path}");
        for (tag, attributes) in tags_with_attributes(html) {
            for (name, value) in attributes {
                assert!(!name.starts_with("on"), "{path}: <{tag} {name}={value}>");
                if matches!(name.as_str(), "href" | "src" | "action") {
                    assert!(
                        !value.trim_start().starts_with("javascript:"),
                        "{path}: <{tag} {name}={value}>"
                    );
                }
            }
        }
        // Only the theme's own scripts: JSON-LD and the search script.
        for script in html.match_indices("<script").map(|(i, _)| &html[i..]) {
            assert!(
                script.starts_with("<script type=\"application/ld+json\">")
                    || script.starts_with("<script src=")
                    || script.starts_with("<script defer src="),
                "{path}: {}",
                &script[..script.len().min(80)]
            );
        }
    }
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        // Tera syntax in a posting is printed, never run.
        assert!(
            !text.contains("42000006"),
            "{path} evaluated a posting's {{{{ }}}}"
        );
        assert!(
            !text.contains("loop1loop1"),
            "{path} ran a posting's {{% for %}}"
        );
        if path.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        if path.ends_with(".xml") {
            common::xml::check_xml(&text);
            assert!(!text.contains("<script>"), "{path}");
        }
        if !path.starts_with("api/") {
            assert!(
                !text.to_ascii_lowercase().contains("javascript:alert"),
                "{path} kept a javascript: link"
            );
        }
    }
    let page = files
        .iter()
        .find(|(p, _)| p.starts_with("jobs/markdown-co-"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .expect("the Markdown posting's page");
    assert!(page.contains("{{ 6 * 7000001 }}"), "{page}");
    assert!(
        page.contains("{% for x in [1, 2, 3] %}loop5{% endfor %}"),
        "{page}"
    );
}
