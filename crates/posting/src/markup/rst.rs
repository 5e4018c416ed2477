//! reStructuredText bodies: the subset postings use rendered to HTML, its
//! text and links; the line reading (titles, fields, directives) that
//! `formats::rst` reads a document's metadata with.
//!
//! Not docutils: sections, paragraphs, lists, field and definition lists,
//! literal blocks, block quotes, hyperlinks and inline markup render; tables,
//! footnotes, substitutions and directives other than code and admonitions do
//! not. Malformed markup never fails: it stays text.

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};

use super::{escape_into, Link, Rendered};

/// Characters that adorn section titles (those the rst specification recommends).
const ADORNMENTS: &str = "=-`:'\"~^_*+#<>";

/// Nesting deeper than this renders as a literal block: it bounds recursion and
/// keeps rendering linear on hostile input.
const MAX_DEPTH: usize = 16;

/// Renders a body to (unsanitized) HTML, its plain text and its links.
pub fn to_html(body: &str) -> Rendered {
    let expanded: Vec<Cow<str>> = strip_bom(body).lines().map(expand_tabs).collect();
    let lines: Vec<&str> = expanded.iter().map(|l| l.as_ref()).collect();
    let mut renderer = Renderer {
        html: String::with_capacity(body.len() * 5 / 4),
        text: String::with_capacity(body.len()),
        ..Renderer::default()
    };
    renderer.collect_targets(&lines);
    renderer.blocks(&lines, 0, false);
    Rendered {
        html: renderer.html,
        text: renderer.text,
        links: renderer.links,
        warnings: renderer
            .too_deep
            .then(super::nesting::warning)
            .into_iter()
            .collect(),
    }
}

/// A title's plain text: inline markup and escapes removed.
pub(crate) fn inline_text(title: &str) -> String {
    let mut renderer = Renderer::default();
    renderer.inline(title);
    renderer.text
}

pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

pub(crate) fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The first non-blank line at or after `i`, or `lines.len()`.
pub(crate) fn skip_blank(lines: &[&str], mut i: usize) -> usize {
    while lines.get(i).is_some_and(|l| is_blank(l)) {
        i += 1;
    }
    i.min(lines.len())
}

/// Leading spaces (tabs are expanded before block parsing).
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The line without up to `n` leading spaces.
fn dedent(line: &str, n: usize) -> &str {
    &line[indent(line).min(n)..]
}

fn min_indent(lines: &[&str]) -> usize {
    lines
        .iter()
        .filter(|l| !is_blank(l))
        .map(|l| indent(l))
        .min()
        .unwrap_or(0)
}

fn dedented<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let n = min_indent(lines);
    lines.iter().map(|l| dedent(l, n)).collect()
}

/// Tab stops every 8 columns, as docutils has them.
fn expand_tabs(line: &str) -> Cow<'_, str> {
    if !line.contains('\t') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let spaces = 8 - column % 8;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            out.push(c);
            column += 1;
        }
    }
    Cow::Owned(out)
}

/// The end of the run of blank or indented lines starting at `start`, without
/// its trailing blank lines.
pub(crate) fn indented_end(lines: &[&str], start: usize) -> usize {
    let mut end = start;
    for (k, line) in lines.iter().enumerate().skip(start) {
        if is_blank(line) {
            continue;
        }
        if indent(line) == 0 {
            break;
        }
        end = k + 1;
    }
    end
}

/// One adornment character repeated (at least twice), and its count.
fn adornment(line: &str) -> Option<(char, usize)> {
    let line = line.trim_end();
    let c = line.chars().next().filter(|c| ADORNMENTS.contains(*c))?;
    (line.len() >= 2 && line.bytes().all(|b| b == c as u8)).then_some((c, line.len()))
}

pub(crate) struct Title<'a> {
    pub text: &'a str,
    pub adornment: char,
    pub overlined: bool,
    /// Index of the title's text line.
    pub line: usize,
    /// Index of the line after the underline.
    pub next: usize,
}

/// A section title at line `i`: text under an overline and over an underline
/// of the same character, or unindented text over an underline. An adornment
/// shorter than the text still counts from 4 characters on, as in docutils.
pub(crate) fn section_title<'a>(lines: &[&'a str], i: usize) -> Option<Title<'a>> {
    let first = *lines.get(i)?;
    let long_enough = |n: usize, text: &str| n >= 4 || n >= text.chars().count();
    if let Some((c, n)) = adornment(first) {
        let text = lines.get(i + 1)?.trim();
        let (under, _) = adornment(lines.get(i + 2)?)?;
        let ok =
            under == c && !text.is_empty() && adornment(text).is_none() && long_enough(n, text);
        return ok.then_some(Title {
            text,
            adornment: c,
            overlined: true,
            line: i + 1,
            next: i + 3,
        });
    }
    let (c, n) = adornment(lines.get(i + 1)?)?;
    let text = first.trim_end();
    let ok = !text.is_empty() && !text.starts_with(char::is_whitespace) && long_enough(n, text);
    ok.then_some(Title {
        text,
        adornment: c,
        overlined: false,
        line: i,
        next: i + 2,
    })
}

/// `:name: body` at the start of the line. The name may hold spaces but no
/// backquote, so a paragraph opening with a role (`:code:`x``) is no field.
pub(crate) fn field(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(':')?;
    let (name, body) = split_at_colon(rest)?;
    (!name.starts_with(char::is_whitespace) && !name.contains('`')).then(|| (name.trim_end(), body))
}

/// Splits `name: rest` at the first colon that ends a non-empty name: one
/// followed by whitespace or the end of the line (`https://x` does not split).
fn split_at_colon(s: &str) -> Option<(&str, &str)> {
    let mut from = 0;
    loop {
        let j = from + s[from..].find(':')?;
        let after = &s[j + 1..];
        if j > 0 && (after.is_empty() || after.starts_with(char::is_whitespace)) {
            return Some((&s[..j], after.trim()));
        }
        from = j + 1;
    }
}

/// `..` alone or followed by a space: a comment, target or directive.
pub(crate) fn is_explicit_markup(line: &str) -> bool {
    line.trim_end() == ".." || line.starts_with(".. ")
}

/// `name:: argument` of a directive.
pub(crate) fn directive(head: &str) -> Option<(&str, &str)> {
    let (name, argument) = head.split_once("::")?;
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '.' | ':'));
    ok.then(|| (name, argument.trim()))
}

/// A hyperlink target line: `.. _name: url`, `` .. _`a name`: url ``,
/// `.. __: url` or `__ url`. The name is `None` for anonymous targets.
fn target(line: &str) -> Option<(Option<&str>, &str)> {
    let line = line.trim_start();
    if let Some(url) = line.strip_prefix("__ ") {
        return Some((None, url));
    }
    let rest = line.strip_prefix(".. _")?;
    if let Some(url) = rest.strip_prefix("_:") {
        return Some((None, url));
    }
    if let Some(quoted) = rest.strip_prefix('`') {
        let (name, after) = quoted.split_once('`')?;
        return Some((Some(name), after.strip_prefix(':')?));
    }
    let (name, url) = split_at_colon(rest)?;
    Some((Some(name), url))
}

/// Reference names match case-insensitively, whitespace runs as one space.
fn ref_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Arabic,
    LowerAlpha,
    UpperAlpha,
    Auto,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Bullet(char),
    /// Numbering and the enumerator's punctuation: `1.`, `1)` or `(1)`.
    Ordered(Numbering, &'static str),
}

struct ListItem<'a> {
    kind: ListKind,
    /// The enumerator's ordinal (1 for bullets and `#`).
    value: usize,
    /// Byte column where the item's text starts.
    col: usize,
    rest: &'a str,
}

/// A bullet (`-`, `*`, `+`, `•`) or enumerator (`1.`, `#.`, `a)`, `(B)`)
/// followed by a space or the end of the line.
fn list_item(line: &str) -> Option<ListItem<'_>> {
    let (kind, value, marker) = match line.chars().next()? {
        c @ ('-' | '*' | '+' | '•' | '‣' | '⁃') => (ListKind::Bullet(c), 1, c.len_utf8()),
        _ => enumerator(line)?,
    };
    let after = &line[marker..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let rest = after.trim_start_matches(' ');
    let col = if rest.is_empty() {
        marker + 1
    } else {
        line.len() - rest.len()
    };
    Some(ListItem {
        kind,
        value,
        col,
        rest: rest.trim_end(),
    })
}

/// Arabic numbers, single letters and `#` (roman numerals are read as letters
/// or not at all); returns the kind, ordinal and marker length.
fn enumerator(line: &str) -> Option<(ListKind, usize, usize)> {
    let (opened, body) = match line.strip_prefix('(') {
        Some(body) => (true, body),
        None => (false, line),
    };
    let len = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    let label = &body[..len];
    let punctuation = match (opened, body[len..].chars().next()?) {
        (true, ')') => "()",
        (false, ')') => ")",
        (false, '.') => ".",
        _ => return None,
    };
    let first = label.bytes().next()?;
    let (numbering, value) = if label == "#" {
        (Numbering::Auto, 1)
    } else if label.len() <= 9 && label.bytes().all(|b| b.is_ascii_digit()) {
        (Numbering::Arabic, label.parse().ok()?)
    } else if label.len() == 1 && first.is_ascii_lowercase() {
        (Numbering::LowerAlpha, usize::from(first - b'a') + 1)
    } else if label.len() == 1 && first.is_ascii_uppercase() {
        (Numbering::UpperAlpha, usize::from(first - b'A') + 1)
    } else {
        return None;
    };
    Some((
        ListKind::Ordered(numbering, punctuation),
        value,
        usize::from(opened) + len + 1,
    ))
}

/// A term line directly followed by an indented definition (a line ending in
/// `::` introduces a literal block instead).
fn is_definition(lines: &[&str], i: usize) -> bool {
    let line = lines[i];
    indent(line) == 0
        && !line.trim_end().ends_with("::")
        && list_item(line).is_none()
        && field(line).is_none()
        && !is_explicit_markup(line)
        && lines
            .get(i + 1)
            .is_some_and(|next| !is_blank(next) && indent(next) > 0)
}

/// Admonition directives rendered as a titled box; other directives are dropped.
const ADMONITIONS: [&str; 10] = [
    "admonition",
    "attention",
    "caution",
    "danger",
    "error",
    "hint",
    "important",
    "note",
    "tip",
    "warning",
];

// Kinds of inline markup, indexing the memo of failed end-string searches.
const LITERAL: usize = 0;
const STRONG: usize = 1;
const EMPHASIS: usize = 2;
const INTERPRETED: usize = 3;

/// Whether inline markup may start after `c`.
fn starts_markup(c: char) -> bool {
    c.is_whitespace() || "-:/'\"<([{".contains(c) || (!c.is_ascii() && !c.is_alphanumeric())
}

/// Whether inline markup may end before `c`.
fn ends_markup(c: char) -> bool {
    c.is_whitespace() || "-.,:;!?\\/'\")]}>".contains(c) || (!c.is_ascii() && !c.is_alphanumeric())
}

/// `:name:` at the start of `s`, and its length.
fn role(s: &str) -> Option<(&str, usize)> {
    let rest = s.strip_prefix(':')?;
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'+'))
        .count();
    (len > 0 && rest[len..].starts_with(':')).then(|| (&rest[..len], len + 2))
}

/// What may follow the closing backquote of interpreted text: `__`, `_` or a role.
fn interpreted_suffix(s: &str) -> usize {
    if s.starts_with("__") {
        2
    } else if s.starts_with('_') {
        1
    } else {
        role(s).map_or(0, |(_, len)| len)
    }
}

/// Length of a standalone URL at the start of `s`, without the punctuation
/// that usually follows one in prose.
fn url_len(s: &str) -> usize {
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(s.len());
    let mut url = &s[..end];
    let opened = url.matches('(').count();
    let mut closed = url.matches(')').count();
    while let Some(c) = url.chars().next_back() {
        let trailing = matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_');
        if !(trailing || (c == ')' && closed > opened)) {
            break;
        }
        closed -= usize::from(c == ')');
        url = &url[..url.len() - 1];
    }
    url.len()
}

/// A standalone `http://` or `https://` URL around the `://` at `k`: its
/// start and end, when the scheme starts a word at or after `pending` (text
/// not written yet) and a host follows.
fn standalone_url(src: &str, k: usize, pending: usize) -> Option<(usize, usize)> {
    let before = &src[..k];
    let scheme = if before.ends_with("https") {
        5
    } else if before.ends_with("http") {
        4
    } else {
        return None;
    };
    let start = k - scheme;
    if start < pending
        || src[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let end = start + url_len(&src[start..]);
    (end > k + 3).then_some((start, end))
}

/// `text <url>` of an embedded-URI reference, split; `(content, None)` otherwise.
fn embedded(content: &str) -> (&str, Option<String>) {
    if let Some(inner) = content.strip_suffix('>') {
        if let Some(lt) = inner.rfind('<') {
            let text = &inner[..lt];
            if text.is_empty() || text.ends_with(char::is_whitespace) {
                // Whitespace inside an embedded URI is line wrapping, not data.
                let uri: String = inner[lt + 1..].split_whitespace().collect();
                return (text.trim_end(), Some(uri));
            }
        }
    }
    (content, None)
}

/// Collapses line breaks and runs of whitespace inside a span to one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A recognized inline span; positions are byte offsets of its content.
enum Span<'a> {
    Escape,
    Literal(usize, usize),
    Strong(usize, usize),
    Emphasis(usize, usize),
    /// Content, and the role written before it.
    Interpreted(usize, usize, Option<&'a str>),
    Url,
    /// A simple reference, resolved.
    Reference(String),
}

#[derive(Default)]
struct Renderer {
    /// Named hyperlink targets by normalized name.
    targets: HashMap<String, String>,
    /// Anonymous targets, taken in order by anonymous references.
    anonymous: VecDeque<String>,
    /// Section adornment styles in order of appearance: the index is the level.
    styles: Vec<(char, bool)>,
    html: String,
    text: String,
    links: Vec<Link>,
    /// Whether some block nested past `MAX_DEPTH` and became literal text.
    too_deep: bool,
}

impl Renderer {
    /// Targets may follow their references, so all are read first. A URL
    /// continues on the indented lines after the target, whitespace removed.
    fn collect_targets(&mut self, lines: &[&str]) {
        for (k, line) in lines.iter().enumerate() {
            let Some((name, url)) = target(line) else {
                continue;
            };
            let own_indent = indent(line);
            let more = lines[k + 1..]
                .iter()
                .take_while(|l| !is_blank(l) && indent(l) > own_indent);
            let url: String = std::iter::once(url)
                .chain(more.copied())
                .flat_map(str::split_whitespace)
                .collect();
            if url.is_empty() {
                continue;
            }
            match name {
                Some(name) => {
                    self.targets.entry(ref_name(name)).or_insert(url);
                }
                None => self.anonymous.push_back(url),
            }
        }
    }

    /// The URL of a named target; an indirect one (`.. _a: b_`) is followed once.
    fn resolve(&self, name: &str) -> Option<String> {
        let url = self.targets.get(&ref_name(name))?;
        match url.strip_suffix('_') {
            Some(alias) if !url.contains(':') => self
                .targets
                .get(&ref_name(alias.trim_matches('`')))
                .cloned(),
            _ => Some(url.clone()),
        }
    }

    fn blocks(&mut self, lines: &[&str], depth: usize, compact: bool) {
        let mut i = skip_blank(lines, 0);
        while i < lines.len() {
            i = if depth >= MAX_DEPTH {
                self.too_deep = true;
                self.literal(&lines[i..]);
                lines.len()
            } else {
                self.block(lines, i, depth, compact)
            };
            i = skip_blank(lines, i);
        }
    }

    /// Renders the block at non-blank line `i`; returns the index after it.
    /// `compact` paragraphs (in lists without blank lines) have no `<p>`.
    fn block(&mut self, lines: &[&str], i: usize, depth: usize, compact: bool) -> usize {
        let line = lines[i];
        if indent(line) > 0 {
            let end = indented_end(lines, i);
            self.html.push_str("<blockquote>\n");
            self.blocks(&dedented(&lines[i..end]), depth + 1, false);
            self.html.push_str("</blockquote>\n");
            return end;
        }
        if let Some(title) = section_title(lines, i) {
            self.heading(&title);
            return title.next;
        }
        if adornment(line).is_some_and(|(_, n)| n >= 4) {
            // A transition: a long adornment that is no title's.
            self.html.push_str("<hr />\n");
            return i + 1;
        }
        if is_explicit_markup(line) {
            return self.explicit(lines, i, depth);
        }
        if line.starts_with("__ ") {
            // An anonymous target, read beforehand.
            return indented_end(lines, i + 1);
        }
        if let Some(item) = list_item(line) {
            let bullet = matches!(item.kind, ListKind::Bullet(_));
            // As in docutils, an enumerator followed by an unindented line is
            // prose ("2014. It was a good year\nfor us.").
            let next = lines.get(i + 1).copied();
            let is_list = bullet
                || next.is_none_or(|n| {
                    is_blank(n)
                        || indent(n) > 0
                        || list_item(n).is_some_and(|n| n.kind == item.kind)
                });
            if is_list {
                return self.list(lines, i, item, depth);
            }
        }
        if field(line).is_some() {
            return self.field_list(lines, i, depth);
        }
        if is_definition(lines, i) {
            return self.definition_list(lines, i, depth);
        }
        self.paragraph(lines, i, compact)
    }

    fn heading(&mut self, title: &Title) {
        let style = (title.adornment, title.overlined);
        let index = match self.styles.iter().position(|s| *s == style) {
            Some(index) => index,
            None => {
                self.styles.push(style);
                self.styles.len() - 1
            }
        };
        // The document title is the page's h1, so sections start at h2.
        let level = (index + 2).min(6);
        self.html.push_str(&format!("<h{level}>"));
        self.inline(title.text);
        self.html.push_str(&format!("</h{level}>\n"));
        self.text.push('\n');
    }

    /// Lines up to a blank line, an indented line, a bullet or a section title;
    /// a final `::` introduces the indented literal block after it.
    fn paragraph(&mut self, lines: &[&str], i: usize, compact: bool) -> usize {
        let mut end = i + 1;
        while let Some(line) = lines.get(end) {
            // Bullets interrupt a paragraph as in Markdown: postings written by
            // Markdown habit nest lists without the blank line rst wants.
            let bullet = list_item(line)
                .is_some_and(|it| matches!(it.kind, ListKind::Bullet(_)) && !it.rest.is_empty());
            if is_blank(line) || indent(line) > 0 || bullet || section_title(lines, end).is_some() {
                break;
            }
            end += 1;
        }
        let mut source = lines[i..end]
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join("\n");
        let literal = source.ends_with("::");
        if literal {
            let before = source.len() - 2;
            if source[..before].ends_with(char::is_whitespace) || before == 0 {
                source.truncate(source[..before].trim_end().len());
            } else {
                source.truncate(before + 1);
            }
        }
        if !source.is_empty() {
            if !compact {
                self.html.push_str("<p>");
            }
            self.inline(&source);
            if !compact {
                self.html.push_str("</p>\n");
            }
            self.text.push('\n');
        }
        let start = skip_blank(lines, end);
        if literal && lines.get(start).is_some_and(|l| indent(l) > 0) {
            let block_end = indented_end(lines, start);
            self.literal(&dedented(&lines[start..block_end]));
            return block_end;
        }
        end
    }

    fn literal(&mut self, lines: &[&str]) {
        let start = skip_blank(lines, 0);
        let end = lines
            .iter()
            .rposition(|l| !is_blank(l))
            .map_or(start, |e| e + 1);
        let content = lines[start..end.max(start)]
            .iter()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n");
        self.html.push_str("<pre>");
        escape_into(&mut self.html, &content);
        self.html.push_str("</pre>\n");
        self.text.push_str(&content);
        self.text.push('\n');
    }

    /// Comments and targets render nothing; code directives a literal block;
    /// admonitions a titled box; other directives are dropped.
    fn explicit(&mut self, lines: &[&str], i: usize, depth: usize) -> usize {
        let end = indented_end(lines, i + 1);
        let Some((name, argument)) = directive(lines[i][2..].trim()) else {
            return end;
        };
        let content = dedented(&lines[i + 1..end]);
        let name = name.to_ascii_lowercase();
        if matches!(name.as_str(), "code" | "code-block" | "sourcecode") {
            // Options (`:linenos:`) come first, then the code.
            let options = content.iter().take_while(|l| field(l).is_some()).count();
            self.literal(&content[options..]);
        } else if ADMONITIONS.contains(&name.as_str()) {
            // `admonition` takes its title as argument; the others start their
            // content on the directive line.
            let (title, first) = if name == "admonition" {
                (argument.to_string(), None)
            } else {
                let mut title = name.clone();
                title[..1].make_ascii_uppercase();
                (title, Some(argument).filter(|a| !a.is_empty()))
            };
            let body: Vec<&str> = first.into_iter().chain(content).collect();
            self.html.push_str(&format!(
                "<div class=\"admonition {name}\">\n<p class=\"admonition-title\">"
            ));
            self.inline(&title);
            self.html.push_str("</p>\n");
            self.text.push('\n');
            self.blocks(&body, depth + 1, false);
            self.html.push_str("</div>\n");
        }
        end
    }

    /// Items of one kind; an item's body is its first line's text plus the
    /// indented lines after it.
    fn list(&mut self, lines: &[&str], mut i: usize, first: ListItem, depth: usize) -> usize {
        let mut items: Vec<Vec<&str>> = Vec::new();
        let mut end = i;
        while let Some(item) = lines
            .get(i)
            .and_then(|l| list_item(l))
            .filter(|it| it.kind == first.kind)
        {
            end = indented_end(lines, i + 1);
            let continuation = &lines[i + 1..end];
            let mut body = Vec::with_capacity(end - i);
            let shift = if item.rest.is_empty() {
                min_indent(continuation)
            } else {
                body.push(item.rest);
                min_indent(continuation).min(item.col)
            };
            body.extend(continuation.iter().map(|l| dedent(l, shift)));
            items.push(body);
            i = skip_blank(lines, end);
        }
        // Like docutils, items without blank lines inside have no <p>.
        let compact = items.iter().all(|body| !body.iter().any(|l| is_blank(l)));
        match first.kind {
            ListKind::Bullet(_) => self.html.push_str("<ul>\n"),
            ListKind::Ordered(numbering, _) => {
                self.html.push_str("<ol");
                match numbering {
                    Numbering::LowerAlpha => self.html.push_str(" type=\"a\""),
                    Numbering::UpperAlpha => self.html.push_str(" type=\"A\""),
                    Numbering::Arabic | Numbering::Auto => {}
                }
                if first.value != 1 {
                    self.html.push_str(&format!(" start=\"{}\"", first.value));
                }
                self.html.push_str(">\n");
            }
        }
        for body in items {
            self.html.push_str("<li>");
            self.blocks(&body, depth + 1, compact);
            self.html.push_str("</li>\n");
        }
        self.html.push_str(match first.kind {
            ListKind::Bullet(_) => "</ul>\n",
            ListKind::Ordered(..) => "</ol>\n",
        });
        end
    }

    fn field_list(&mut self, lines: &[&str], mut i: usize, depth: usize) -> usize {
        self.html.push_str("<dl class=\"field-list\">\n");
        let mut end = i;
        while let Some((name, rest)) = lines.get(i).and_then(|l| field(l)) {
            end = indented_end(lines, i + 1);
            let body: Vec<&str> = Some(rest)
                .filter(|r| !r.is_empty())
                .into_iter()
                .chain(dedented(&lines[i + 1..end]))
                .collect();
            self.html.push_str("<dt>");
            self.inline(name);
            self.html.push_str("</dt>\n<dd>");
            self.text.push_str(": ");
            let compact = !body.iter().any(|l| is_blank(l));
            self.blocks(&body, depth + 1, compact);
            if body.is_empty() {
                self.text.push('\n');
            }
            self.html.push_str("</dd>\n");
            i = skip_blank(lines, end);
        }
        self.html.push_str("</dl>\n");
        end
    }

    fn definition_list(&mut self, lines: &[&str], mut i: usize, depth: usize) -> usize {
        self.html.push_str("<dl>\n");
        let mut end = i;
        while i < lines.len() && is_definition(lines, i) {
            end = indented_end(lines, i + 1);
            self.html.push_str("<dt>");
            self.inline(lines[i].trim());
            self.html.push_str("</dt>\n<dd>");
            self.text.push('\n');
            self.blocks(&dedented(&lines[i + 1..end]), depth + 1, false);
            self.html.push_str("</dd>\n");
            i = skip_blank(lines, end);
        }
        self.html.push_str("</dl>\n");
        end
    }

    fn plain(&mut self, s: &str) {
        escape_into(&mut self.html, s);
        if s.contains('\n') {
            self.text.push_str(&s.replace('\n', " "));
        } else {
            self.text.push_str(s);
        }
    }

    fn span(&mut self, tag: &str, content: &str) {
        self.html.push_str(&format!("<{tag}>"));
        escape_into(&mut self.html, content);
        self.html.push_str(&format!("</{tag}>"));
        self.text.push_str(&one_line(content));
    }

    fn link(&mut self, text: &str, url: String) {
        let text = one_line(text);
        self.html.push_str("<a href=\"");
        escape_into(&mut self.html, &url);
        self.html.push_str("\">");
        escape_into(&mut self.html, &text);
        self.html.push_str("</a>");
        self.text.push_str(&text);
        self.links.push(Link { text, url });
    }

    /// Inline markup of one paragraph, title or term, by the rst recognition
    /// rules: a start-string follows whitespace or opening punctuation and
    /// precedes non-whitespace; an end-string mirrors it.
    fn inline(&mut self, src: &str) {
        // Where a search for each kind of end-string failed: none exists after,
        // so later start-strings need not search again (linear time).
        let mut hopeless = [usize::MAX; 4];
        // Text before `pending` is written; plain runs are written at once
        // when a span starts or the source ends.
        let mut pending = 0;
        let mut i = 0;
        // Only these ASCII bytes can start a span (`:` also finds `://`).
        while let Some(offset) = src.as_bytes()[i..]
            .iter()
            .position(|b| matches!(b, b'\\' | b'`' | b'*' | b':' | b'_'))
        {
            let k = i + offset;
            let rest = &src[k..];
            let opens = src[..k].chars().next_back().is_none_or(starts_markup);
            let mut close = |from, delim, kind| Self::close(src, from, delim, kind, &mut hopeless);
            let found =
                match rest.as_bytes()[0] {
                    b'\\' => {
                        let end = k + 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
                        Some((k, end, Span::Escape))
                    }
                    b'`' if opens && rest.starts_with("``") => close(k + 2, "``", LITERAL)
                        .map(|(j, _)| (k, j + 2, Span::Literal(k + 2, j))),
                    b'`' if opens => close(k + 1, "`", INTERPRETED)
                        .map(|(j, suffix)| (k, j + 1 + suffix, Span::Interpreted(k + 1, j, None))),
                    b'*' if opens && rest.starts_with("**") => {
                        close(k + 2, "**", STRONG).map(|(j, _)| (k, j + 2, Span::Strong(k + 2, j)))
                    }
                    b'*' if opens => close(k + 1, "*", EMPHASIS)
                        .map(|(j, _)| (k, j + 1, Span::Emphasis(k + 1, j))),
                    b':' if rest.starts_with("://") => {
                        standalone_url(src, k, pending).map(|(start, end)| (start, end, Span::Url))
                    }
                    b':' if opens => role(rest)
                        .filter(|(_, len)| rest[*len..].starts_with('`'))
                        .and_then(|(name, len)| {
                            let from = k + len + 1;
                            close(from, "`", INTERPRETED).map(|(j, suffix)| {
                                (k, j + 1 + suffix, Span::Interpreted(from, j, Some(name)))
                            })
                        }),
                    b'_' => self.reference(src, k, pending),
                    _ => None,
                };
            match found {
                Some((start, end, span)) => {
                    self.plain(&src[pending..start]);
                    self.render(src, start, end, span);
                    pending = end;
                    i = end;
                }
                None => i = k + 1,
            }
        }
        self.plain(&src[pending..]);
    }

    fn render(&mut self, src: &str, start: usize, end: usize, span: Span<'_>) {
        match span {
            // A backslash makes the next character text; whitespace vanishes.
            Span::Escape => {
                let escaped = &src[start + 1..end];
                if !escaped.starts_with(char::is_whitespace) {
                    self.plain(escaped);
                }
            }
            Span::Literal(from, to) => self.span("code", &src[from..to]),
            Span::Strong(from, to) => self.span("strong", &src[from..to]),
            Span::Emphasis(from, to) => self.span("em", &src[from..to]),
            Span::Interpreted(from, to, role_name) => {
                // The suffix after the closing backquote: `_`, `__` or a role.
                self.interpreted(&src[from..to], &src[to + 1..end], role_name)
            }
            Span::Url => self.link(&src[start..end], src[start..end].to_string()),
            Span::Reference(url) => {
                let name = src[start..end].trim_end_matches('_');
                self.link(name, url)
            }
        }
    }

    /// The end-string `delim` closing a span whose content starts at `from`,
    /// and the length of the suffix after it.
    fn close(
        src: &str,
        from: usize,
        delim: &str,
        kind: usize,
        hopeless: &mut [usize; 4],
    ) -> Option<(usize, usize)> {
        let opens_content = src[from..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace());
        if !opens_content || from >= hopeless[kind] {
            return None;
        }
        let mut at = from;
        while let Some(offset) = src[at..].find(delim) {
            let j = at + offset;
            let before = src[..j].chars().next_back();
            let escaped = kind != LITERAL && before == Some('\\');
            if j > from && before.is_some_and(|b| !b.is_whitespace()) && !escaped {
                let after = &src[j + delim.len()..];
                let suffix = if kind == INTERPRETED {
                    interpreted_suffix(after)
                } else {
                    0
                };
                if after[suffix..].chars().next().is_none_or(ends_markup) {
                    return Some((j, suffix));
                }
            }
            at = j + 1;
        }
        hopeless[kind] = from;
        None
    }

    /// Interpreted text: a hyperlink reference with suffix `_` or `__`, a
    /// role's rendering, or a title reference (`<cite>`, docutils' default).
    fn interpreted(&mut self, content: &str, suffix: &str, role_name: Option<&str>) {
        let (text, uri) = embedded(content);
        if suffix == "_" || suffix == "__" {
            let url = match uri {
                Some(uri) if uri.ends_with('_') && !uri.contains(':') => {
                    self.resolve(&uri[..uri.len() - 1])
                }
                Some(uri) => Some(uri),
                None if suffix == "__" => self.anonymous.pop_front(),
                None => self.resolve(content),
            };
            let shown = if text.is_empty() {
                url.as_deref().unwrap_or(content)
            } else {
                text
            };
            let shown = shown.to_string();
            match url.filter(|u| !u.is_empty()) {
                Some(url) => self.link(&shown, url),
                None => self.plain(&shown),
            }
            return;
        }
        let role_name = role_name.or_else(|| role(suffix).map(|(name, _)| name));
        match role_name.map(str::to_ascii_lowercase).as_deref() {
            None | Some("title-reference" | "title" | "t") => self.span("cite", content),
            Some("code" | "literal") => self.span("code", content),
            Some("strong") => self.span("strong", content),
            Some("emphasis") => self.span("em", content),
            Some("sub" | "subscript") => self.span("sub", content),
            Some("sup" | "superscript") => self.span("sup", content),
            // `:ref:`text <label>`` and friends: the text is what readers see.
            Some(_) => self.plain(if text.is_empty() { content } else { text }),
        }
    }

    /// A simple reference `name_` or `name__` ending at the `_` at `k`, when a
    /// target resolves it. Its name is alphanumerics joined by single `-`, `_`,
    /// `.`, `:` or `+`, written after `pending`.
    fn reference<'a>(
        &mut self,
        src: &'a str,
        k: usize,
        pending: usize,
    ) -> Option<(usize, usize, Span<'a>)> {
        let underscores = if src[k..].starts_with("__") { 2 } else { 1 };
        let end = k + underscores;
        if !src[end..].chars().next().is_none_or(ends_markup) {
            return None;
        }
        let mut start = k;
        let mut before = src[pending..k].char_indices().rev().peekable();
        while let Some((at, c)) = before.next() {
            if c.is_alphanumeric() {
                start = pending + at;
            } else if !(matches!(c, '-' | '_' | '.' | ':' | '+')
                && start == pending + at + 1
                && before.peek().is_some_and(|(_, p)| p.is_alphanumeric()))
            {
                break;
            }
        }
        let opens = src[..start].chars().next_back().is_none_or(starts_markup);
        if start == k || !opens {
            return None;
        }
        let url = if underscores == 2 {
            self.anonymous.pop_front()
        } else {
            self.resolve(&src[start..k])
        }?;
        Some((start, end, Span::Reference(url)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(body: &str) -> String {
        to_html(body).html
    }

    #[test]
    fn section_levels_follow_adornment_order() {
        let h = html("A\n===\n\nB\n---\n\nC\n~~~\n\nD\n---\n\n=====\n E\n=====\n");
        assert_eq!(
            h,
            "<h2>A</h2>\n<h3>B</h3>\n<h4>C</h4>\n<h3>D</h3>\n<h5>E</h5>\n"
        );
    }

    #[test]
    fn inline_markup() {
        let r = to_html(
            "*em* **strong** ``lit *x*`` `cite` :code:`a<b` :strong:`s` \\*not\\* 2 * 3 * 4 a*b*c",
        );
        assert_eq!(
            r.html,
            "<p><em>em</em> <strong>strong</strong> <code>lit *x*</code> <cite>cite</cite> \
             <code>a&lt;b</code> <strong>s</strong> *not* 2 * 3 * 4 a*b*c</p>\n"
        );
        assert_eq!(
            r.text,
            "em strong lit *x* cite a<b s *not* 2 * 3 * 4 a*b*c\n"
        );
        // Unclosed start-strings stay text.
        assert_eq!(
            html("*open **open ``open `open"),
            "<p>*open **open ``open `open</p>\n"
        );
        assert_eq!(
            html("(*paren*) \"*quoted*\"."),
            "<p>(<em>paren</em>) &quot;<em>quoted</em>&quot;.</p>\n"
        );
        assert_eq!(html("*multi\nline*"), "<p><em>multi\nline</em></p>\n");
    }

    #[test]
    fn hyperlinks() {
        let r = to_html(
            "Apply at `the form <https://x.example/apply>`_, see `Docs`_ or\n\
             Python_ and `anon <https://a.example>`__ and `second`__, or\n\
             https://plain.example/path). `unknown`_ stays; snake_case_ too.\n\n\
             .. _docs: https://docs.example\n\
             .. _`python`: https://python.example\n\
             __ https://anon2.example\n",
        );
        assert_eq!(
            crate::markup::link_pairs(&r.links),
            [
                ("the form", "https://x.example/apply"),
                ("Docs", "https://docs.example"),
                ("Python", "https://python.example"),
                ("anon", "https://a.example"),
                ("second", "https://anon2.example"),
                ("https://plain.example/path", "https://plain.example/path"),
            ]
        );
        assert!(
            r.html.contains(
                "<a href=\"https://plain.example/path\">https://plain.example/path</a>)."
            ),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("unknown stays; snake_case_ too."),
            "{}",
            r.html
        );
        assert!(
            !r.html.contains("docs.example\n"),
            "targets render nothing: {}",
            r.html
        );
        assert_eq!(r.text.lines().count(), 1, "{}", r.text);
    }

    #[test]
    fn target_names_are_case_and_space_insensitive() {
        let r = to_html("`Apply   Here`_\n\n.. _apply here:\n   https://x.example/\n   apply\n");
        assert_eq!(
            r.links,
            [Link {
                text: "Apply Here".into(),
                url: "https://x.example/apply".into()
            }]
        );
        let r = to_html("`Go <apply_>`_\n\n.. _apply: https://x.example/a\n");
        assert_eq!(r.links[0].url, "https://x.example/a");
    }

    #[test]
    fn bullet_and_enumerated_lists() {
        assert_eq!(
            html("- one\n  more\n- two\n\n  - nested\n  - nested 2\n\n* star\n+ plus\n"),
            "<ul>\n<li><p>one\nmore</p>\n</li>\n<li><p>two</p>\n<ul>\n<li>nested</li>\n<li>nested 2</li>\n</ul>\n</li>\n</ul>\n\
             <ul>\n<li>star</li>\n</ul>\n<ul>\n<li>plus</li>\n</ul>\n"
        );
        // Markdown habit: a nested list without the blank line.
        assert_eq!(
            html("- a\n  - b\n- c\n"),
            "<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n<li>c</li>\n</ul>\n"
        );
        assert_eq!(
            html("1. one\n2. two\n"),
            "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n"
        );
        assert_eq!(
            html("#. one\n#. two\n"),
            "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n"
        );
        assert_eq!(
            html("a) one\nb) two\n"),
            "<ol type=\"a\">\n<li>one</li>\n<li>two</li>\n</ol>\n"
        );
        assert_eq!(
            html("(3) three\n"),
            "<ol start=\"3\">\n<li>three</li>\n</ol>\n"
        );
        // An enumerator-like start of wrapped prose is prose.
        assert_eq!(
            html("2014. A good year\nfor us.\n"),
            "<p>2014. A good year\nfor us.</p>\n"
        );
        assert_eq!(to_html("- a\n- b\n").text, "a\nb\n");
    }

    #[test]
    fn literal_blocks_and_quotes() {
        assert_eq!(
            html("Run this::\n\n    cargo build\n      --release <x>\n\nDone.\n"),
            "<p>Run this:</p>\n<pre>cargo build\n  --release &lt;x&gt;</pre>\n<p>Done.</p>\n"
        );
        assert_eq!(
            html("Example ::\n\n  code\n"),
            "<p>Example</p>\n<pre>code</pre>\n"
        );
        assert_eq!(html("::\n\n  code\n"), "<pre>code</pre>\n");
        assert_eq!(
            html("Intro.\n\n   Quoted *text*.\n\n   More.\n"),
            "<p>Intro.</p>\n<blockquote>\n<p>Quoted <em>text</em>.</p>\n<p>More.</p>\n</blockquote>\n"
        );
        assert_eq!(
            html(".. code-block:: python\n   :linenos:\n\n   print(1)\n"),
            "<pre>print(1)</pre>\n"
        );
    }

    #[test]
    fn field_and_definition_lists_comments_and_admonitions() {
        let r = to_html(":Salary: $100k\n:Location: Berlin,\n   Germany\n\n.. a comment\n   spanning lines\n\nTerm\n   Its *definition*.\n\n.. note:: Remote is fine.\n\n----\n\n.. image:: x.png\n");
        assert_eq!(
            r.html,
            "<dl class=\"field-list\">\n<dt>Salary</dt>\n<dd>$100k</dd>\n<dt>Location</dt>\n<dd>Berlin,\nGermany</dd>\n</dl>\n\
             <dl>\n<dt>Term</dt>\n<dd><p>Its <em>definition</em>.</p>\n</dd>\n</dl>\n\
             <div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n<p>Remote is fine.</p>\n</div>\n<hr />\n"
        );
        assert_eq!(r.text, "Salary: $100k\nLocation: Berlin, Germany\nTerm\nIts definition.\nNote\nRemote is fine.\n");
    }

    #[test]
    fn html_is_escaped() {
        let r = to_html("<script>alert(1)</script> & `x <javascript:alert(1)>`_\n\nT<b>\n=====\n");
        assert!(
            !r.html.contains("<script") && !r.html.contains("<b>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; "),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2>T&lt;b&gt;</h2>"), "{}", r.html);
        // The unsafe URL is filtered by body::render, not here.
        assert_eq!(r.links[0].url, "javascript:alert(1)");
    }

    #[test]
    fn hostile_input_stays_linear() {
        // Quadratic scanning or unbounded recursion would hang or overflow here.
        for unit in [
            "*a ", "`a ", "``a ", "**a ", ":x:`a ", "a_ ", "- ", "  ", "> ", "1. ", "http://x",
        ] {
            let text = unit.repeat(40_000);
            let _ = to_html(&text);
        }
        let nested: String = (0..1_000)
            .map(|d| format!("{}- x\n", "  ".repeat(d)))
            .collect();
        let _ = to_html(&nested);
    }
}
