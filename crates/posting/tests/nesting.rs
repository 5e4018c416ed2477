//! Bodies nested as deep as a 5 MiB file allows are flattened past a cap:
//! the work stays linear, the page stays shallow, and the posting says so.
//! (Timings from a release build: `bench/nesting`.)

use hireboard_posting::markup::nesting;
use hireboard_posting::{Config, Normalizer, Posting, MAX_FILE_BYTES};

fn normalize(path: &str, text: &str) -> Posting {
    let now = "2026-01-01T00:00:00Z".parse().unwrap();
    Normalizer::new(&Config::default(), now)
        .normalize(path, text.as_bytes())
        .unwrap()
}

/// `unit` repeated to fill a whole posting file under the size limit.
fn filled(head: &str, unit: &str, tail: &str) -> String {
    let room = MAX_FILE_BYTES - head.len() - tail.len();
    format!("{head}{}{tail}", unit.repeat(room / unit.len()))
}

/// Lines indented two more spaces each, filling the file: about 2,000 levels.
fn staircase(head: &str, line: &str) -> String {
    let mut text = String::from(head);
    let mut level = 0;
    while text.len() + 2 * level + line.len() < MAX_FILE_BYTES {
        text.push_str(&"  ".repeat(level));
        text.push_str(line);
        level += 1;
    }
    text
}

/// How many elements are open at once at the deepest point of `html`.
fn element_depth(html: &str) -> usize {
    const VOID: [&str; 4] = ["br", "hr", "img", "input"];
    let (mut depth, mut deepest) = (0usize, 0);
    for tag in html.split('<').skip(1) {
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        if let Some(closed) = name.strip_prefix('/') {
            if !closed.is_empty() {
                depth = depth.saturating_sub(1);
            }
        } else if !name.is_empty() && !VOID.contains(&name.as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

fn assert_flattened(posting: &Posting) {
    assert!(
        posting.warnings.contains(&nesting::warning()),
        "{:?}",
        posting.warnings
    );
    let depth = element_depth(&posting.body_html);
    assert!(depth <= nesting::MAX_HTML_DEPTH, "depth {depth}");
    assert!(posting.body_html.contains("deep"), "the text inside stays");
}

#[test]
fn five_mib_of_block_quotes() {
    let posting = normalize("content/q.md", &filled("# Quoted\n\n", ">", " deep\n"));
    assert_flattened(&posting);
}

#[test]
fn five_mib_of_quote_and_list_markers_on_one_line() {
    let posting = normalize("content/l.md", &filled("# Listed\n\n", "> 1. - ", "deep\n"));
    assert_flattened(&posting);
}

#[test]
fn five_mib_of_nested_lists_by_indentation() {
    assert_flattened(&normalize(
        "content/i.md",
        &staircase("# Indented\n\n", "- deep\n"),
    ));
}

#[test]
fn five_mib_of_html_divs() {
    let posting = normalize("content/d.md", &filled("# Boxed\n\n", "<div>", "deep\n"));
    assert_flattened(&posting);
    // Between close tags that close nothing, the divs nest just as deep.
    let posting = normalize(
        "content/s.md",
        &filled("# Boxed\n\n", "<div></span>", "deep\n"),
    );
    assert_flattened(&posting);
}

#[test]
fn five_mib_of_rst_nesting() {
    let title = "Nested\n======\n\n";
    assert_flattened(&normalize("content/r.rst", &filled(title, "- ", "deep\n")));
    assert_flattened(&normalize("content/e.rst", &filled(title, "1. ", "deep\n")));
    assert_flattened(&normalize("content/b.rst", &staircase(title, "deep\n\n")));
}

#[test]
fn ordinary_nesting_is_kept_without_a_warning() {
    let posting = normalize(
        "content/ok.md",
        "# Job\n\n> We said:\n> > - ship it\n> >   - twice\n\n<div><div><b>bold</b></div></div>\n",
    );
    assert!(posting.warnings.is_empty(), "{:?}", posting.warnings);
    let html = &posting.body_html;
    assert!(
        html.contains("<blockquote>\n<ul>\n<li>ship it\n<ul>"),
        "{html}"
    );
    assert!(html.contains("<div><div><b>bold</b></div></div>"), "{html}");
}
