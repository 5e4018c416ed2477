//! Depth caps on posting bodies, applied before the parsers that would
//! otherwise spend time (or memory) growing with the square of the nesting.
//!
//! html5ever, under ammonia, scans its stack of open elements for most tags,
//! so 100,000 nested `<div>`s (or quotes, or lists rendered to HTML) take
//! minutes; pulldown-cmark keeps a node per container, so a line of five
//! million `>` takes gigabytes. Real postings nest a few levels: beyond the
//! caps, levels are flattened into the deepest one kept, their text stays,
//! and the posting gets a warning.

use std::borrow::Cow;
use std::cell::RefCell;

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use html5ever::LocalName;

use super::escape_into;

/// Quote and list markers kept at the start of one Markdown line.
pub const MAX_MARKDOWN_CONTAINERS: usize = 32;

/// Elements open at once in the HTML handed to the sanitizer.
pub const MAX_HTML_DEPTH: usize = 64;

/// The warning a posting gets when a cap flattened part of its body.
pub fn warning() -> String {
    format!(
        "the body nests quotes, lists or HTML elements deeper than {MAX_MARKDOWN_CONTAINERS} levels \
         (or {MAX_HTML_DEPTH} HTML elements); the deeper levels were flattened"
    )
}

/// Markdown with at most [`MAX_MARKDOWN_CONTAINERS`] quote and list markers
/// opening each line, and whether any were removed. Line by line, so linear.
pub fn cap_markdown_containers(source: &str) -> (Cow<'_, str>, bool) {
    let mut out = String::new();
    let mut copied = 0;
    let mut line_start = 0;
    for line in source.split_inclusive('\n') {
        if let Some((keep_end, skip_end)) = excess_markers(line) {
            out.push_str(&source[copied..line_start + keep_end]);
            copied = line_start + skip_end;
        }
        line_start += line.len();
    }
    if copied == 0 {
        return (Cow::Borrowed(source), false);
    }
    out.push_str(&source[copied..]);
    (Cow::Owned(out), true)
}

/// When `line` opens with more container markers than the cap: the end of
/// the markers kept and the end of all of them (byte offsets in `line`).
fn excess_markers(line: &str) -> Option<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut at = 0;
    let mut markers = 0;
    let mut keep_end = 0;
    while let Some(len) = container_marker(&bytes[at..]) {
        at += len;
        markers += 1;
        if markers == MAX_MARKDOWN_CONTAINERS {
            keep_end = at;
        }
    }
    (markers > MAX_MARKDOWN_CONTAINERS).then_some((keep_end, at))
}

/// The length of the block-quote or list marker (with up to three spaces
/// before it and the spaces after it) that `rest` starts with.
fn container_marker(rest: &[u8]) -> Option<usize> {
    let indent = rest.iter().take(3).take_while(|&&b| b == b' ').count();
    let rest_of_line = &rest[indent..];
    let marker = match rest_of_line {
        [b'>', ..] => 1,
        [b'-' | b'+' | b'*', b' ' | b'\t', ..] => 1,
        _ => {
            let digits = rest_of_line
                .iter()
                .take(9)
                .take_while(|b| b.is_ascii_digit())
                .count();
            match rest_of_line.get(digits..digits + 2) {
                Some([b'.' | b')', b' ' | b'\t']) if digits > 0 => digits + 1,
                _ => return None,
            }
        }
    };
    let spaces = rest_of_line[marker..]
        .iter()
        .take(4)
        .take_while(|&&b| matches!(b, b' ' | b'\t'))
        .count();
    Some(indent + marker + spaces)
}

/// HTML with at most [`MAX_HTML_DEPTH`] elements open at once, and whether
/// any tags were removed. The input is returned as it is unless it nests too
/// deep; then it is written again from html5ever's own tokens without the
/// tags beyond the cap (and without comments), for the sanitizer to read.
pub fn cap_html_depth(html: &str) -> (Cow<'_, str>, bool) {
    if plainly_shallow(html) || !walk_tokens(html, None) {
        return (Cow::Borrowed(html), false);
    }
    let mut out = String::with_capacity(html.len());
    walk_tokens(html, Some(&mut out));
    (Cow::Owned(out), true)
}

/// Whether `html` is shallow on its face, without html5ever's tokenizer:
/// lowercase tags with double-quoted attributes, each end tag closing the
/// innermost open element, no comments, no raw-text elements, and at most a
/// third of the cap deep (the tree builder may add parents such as `tbody`
/// and `tr`). What pulldown-cmark and the RST renderer write is, unless a
/// body's own HTML is not.
fn plainly_shallow(html: &str) -> bool {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            return false;
        };
        let tag = &rest[start + 1..start + len];
        rest = &rest[start + len + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            if open.pop() != Some(name) {
                return false;
            }
            continue;
        }
        let name_len = tag
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            .count();
        let (name, attributes) = tag.split_at(name_len);
        if !name.starts_with(|c: char| c.is_ascii_lowercase())
            || !plain_attributes(attributes)
            || raw_text_kind(name).is_some()
        {
            return false;
        }
        if !is_void(name) {
            open.push(name);
            if open.len() > MAX_HTML_DEPTH / 3 {
                return false;
            }
        }
    }
    true
}

/// ` name="value" name2`, then an optional ` /`: attributes as every HTML
/// tokenizer reads them alike.
fn plain_attributes(mut attributes: &str) -> bool {
    loop {
        let trimmed = attributes.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed == "/" {
            return true;
        }
        if trimmed.len() == attributes.len() {
            return false;
        }
        let name_len = trimmed
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
            .count();
        if name_len == 0 {
            return false;
        }
        attributes = &trimmed[name_len..];
        if let Some(value) = attributes.strip_prefix("=\"") {
            let Some(end) = value.find('"') else {
                return false;
            };
            if value[..end].contains('<') {
                return false;
            }
            attributes = &value[end + 1..];
        }
    }
}

/// Runs html5ever's tokenizer over `html` while tracking the elements it
/// would leave open; writes what is kept to `out` when given. Returns
/// whether a start tag went over the cap.
fn walk_tokens(html: &str, out: Option<&mut String>) -> bool {
    let sink = DepthSink(RefCell::new(DepthState {
        open: Vec::with_capacity(MAX_HTML_DEPTH),
        flattened: 0,
        cut: false,
        out,
    }));
    let input = BufferQueue::default();
    input.push_back(html.into());
    let tokenizer = Tokenizer::new(sink, Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.0.into_inner();
    state.cut
}

struct DepthState<'a> {
    /// Names of the elements the tree builder would hold open, innermost last.
    /// It errs towards more: a close tag pops only the element it closes.
    open: Vec<LocalName>,
    /// Start tags dropped over the cap and not closed yet.
    flattened: usize,
    cut: bool,
    out: Option<&'a mut String>,
}

struct DepthSink<'a>(RefCell<DepthState<'a>>);

impl TokenSink for DepthSink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let raw_text = match tag.kind {
                    TagKind::StartTag => raw_text_kind(&tag.name),
                    TagKind::EndTag => None,
                };
                let kept = match tag.kind {
                    TagKind::StartTag => state.open_element(&tag.name),
                    TagKind::EndTag => state.close_element(&tag.name),
                };
                if kept {
                    if let Some(out) = state.out.as_deref_mut() {
                        write_tag(out, &tag);
                    }
                }
                raw_text.unwrap_or(TokenSinkResult::Continue)
            }
            Token::CharacterTokens(text) => {
                if let Some(out) = state.out.as_deref_mut() {
                    escape_into(out, &text);
                }
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

// The tree builder's rules, simplified so that the count never comes out
// lower than the builder's own stack: an element is taken off only where
// the builder surely takes it off too (past inline elements, which it
// always looks through), never where it might keep it.
impl DepthState<'_> {
    /// Whether the start tag is kept.
    fn open_element(&mut self, name: &LocalName) -> bool {
        if is_void(name) {
            return true;
        }
        // A new item or paragraph closes the open one: `<li>a<li>b`.
        while let Some(at) = implicitly_closed(&self.open, name) {
            self.open.truncate(at);
        }
        if self.open.len() < MAX_HTML_DEPTH {
            self.open.push(name.clone());
            true
        } else {
            self.flattened += 1;
            self.cut = true;
            false
        }
    }

    /// Whether the end tag is kept.
    fn close_element(&mut self, name: &LocalName) -> bool {
        if self.flattened > 0 {
            // Inside flattened levels: the close tag belongs to one of them.
            self.flattened -= 1;
            return false;
        }
        // Closes the innermost `name` and what was left open inside it, as
        // far as the builder would look for it; else it closes nothing.
        let looks_through: fn(&str) -> bool = if closes_in_scope(name) {
            |open| is_inline(open) || has_optional_end(open)
        } else {
            is_inline
        };
        if let Some(at) = innermost(&self.open, |open| open == name, looks_through) {
            self.open.truncate(at);
        }
        true
    }
}

/// Where the innermost element that `found` accepts is, looking from the
/// innermost element out through those that `passed` accepts.
fn innermost(
    open: &[LocalName],
    found: impl Fn(&str) -> bool,
    passed: impl Fn(&str) -> bool,
) -> Option<usize> {
    for (at, element) in open.iter().enumerate().rev() {
        if found(element) {
            return Some(at);
        }
        if !passed(element) {
            return None;
        }
    }
    None
}

/// The open element a `new` start tag ends, as the tree builder does.
fn implicitly_closed(open: &[LocalName], new: &str) -> Option<usize> {
    if new == "option" {
        // Only when it is the innermost.
        return open
            .last()
            .filter(|top| &***top == "option")
            .map(|_| open.len() - 1);
    }
    let ends = |element: &str| match element {
        "li" => new == "li",
        "dt" | "dd" => {
            matches!(new, "dt" | "dd")
        }
        "p" => closes_paragraph(new),
        _ => false,
    };
    innermost(open, ends, is_inline)
}

/// Start tags that end an open paragraph.
fn closes_paragraph(new: &str) -> bool {
    matches!(
        new,
        "p" | "div"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

/// End tags the tree builder matches "in scope": past anything but tables,
/// buttons, lists and the like, so past left-open items and paragraphs too.
fn closes_in_scope(name: &str) -> bool {
    closes_paragraph(name)
        || matches!(
            name,
            "article"
                | "aside"
                | "section"
                | "nav"
                | "header"
                | "footer"
                | "main"
                | "figure"
                | "figcaption"
                | "details"
                | "summary"
                | "center"
        )
}

/// Phrasing elements the tree builder looks through when it closes an
/// element (none of them is "special" to it).
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "big"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "nobr"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
    )
}

/// Elements that never have content.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "image"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose end tag may be left out.
fn has_optional_end(name: &str) -> bool {
    matches!(
        name,
        "p" | "li" | "dt" | "dd" | "option" | "optgroup" | "rb" | "rp" | "rt" | "rtc"
    )
}

/// The tokenizer state the tree builder would switch to after this tag:
/// without it, `<div>` inside `<textarea>` or `<script>` would count as a tag.
fn raw_text_kind(start_tag: &str) -> Option<TokenSinkResult<()>> {
    let kind = match start_tag {
        "title" | "textarea" => RawKind::Rcdata,
        "script" => RawKind::ScriptData,
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => RawKind::Rawtext,
        "plaintext" => return Some(TokenSinkResult::Plaintext),
        _ => return None,
    };
    Some(TokenSinkResult::RawData(kind))
}

/// The tag as HTML. Attributes whose names no sanitizer would keep are left
/// out, so the text reads back as the same tokens.
fn write_tag(out: &mut String, tag: &Tag) {
    out.push('<');
    if tag.kind == TagKind::EndTag {
        out.push('/');
    }
    out.push_str(&tag.name);
    if tag.kind == TagKind::StartTag {
        for attr in &tag.attrs {
            let name = &attr.name.local;
            if name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
            {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                escape_into(out, &attr.value);
                out.push('"');
            }
        }
    }
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of(html: &str) -> usize {
        // The deepest run of unclosed `<div>`/`<blockquote>`/`<ul>` tags, as a
        // reader of the output would count them.
        let mut depth: usize = 0;
        let mut deepest = 0;
        for piece in html.split('<').skip(1) {
            if piece.starts_with('/') {
                depth = depth.saturating_sub(1);
            } else if !piece.starts_with("li") && !piece.starts_with('p') {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        deepest
    }

    #[test]
    fn shallow_markdown_is_untouched() {
        let text = "> quoted\n> - item\n>   1. sub\n\n- a\n  - b\n";
        assert_eq!(cap_markdown_containers(text), (Cow::Borrowed(text), false));
    }

    #[test]
    fn a_line_of_markers_is_cut_at_the_cap() {
        let text = format!("intro\n{}deep\nafter\n", "> - 1. ".repeat(100));
        let (capped, cut) = cap_markdown_containers(&text);
        assert!(cut);
        let kept = capped.lines().nth(1).unwrap();
        assert_eq!(
            kept.matches(['>', '-']).count() + kept.matches("1.").count(),
            MAX_MARKDOWN_CONTAINERS
        );
        assert!(kept.ends_with("deep"), "{kept}");
        assert!(capped.starts_with("intro\n") && capped.ends_with("\nafter\n"));
    }

    #[test]
    fn what_markdown_writes_is_shallow_on_its_face() {
        let html = "<h1>T</h1>\n<p>a <a href=\"https://x.example/?a=1&amp;b\" rel=\"n\">b</a><br />\n<img src=\"x\" alt=\"y\" /></p>\n<ul>\n<li><input disabled=\"\" type=\"checkbox\"/>\n<em>x</em></li>\n</ul>\n<table><thead><tr><th>a</th></tr></thead><tbody>\n<tr><td>1</td></tr></tbody></table>\n";
        assert!(plainly_shallow(html));
        for not_plain in [
            "<div><!-- </div> -->",
            "<div></span>",
            "<div title='x'>",
            "<div title=x>",
            "<DIV></DIV>",
            "<textarea></textarea>",
            "<a href=\"<b>\">",
            "a < b",
        ] {
            assert!(!plainly_shallow(not_plain), "{not_plain}");
        }
        assert!(!plainly_shallow(&"<div>".repeat(MAX_HTML_DEPTH / 3 + 1)));
    }

    #[test]
    fn shallow_or_short_html_is_returned_as_is() {
        let html = "<div><p>a<p>b</div>".repeat(200);
        assert_eq!(cap_html_depth(&html), (Cow::Borrowed(html.as_str()), false));
        // Items and paragraphs left open do not pile up.
        let html = "<ul><li>a<li>b</ul><p>one<p>two".repeat(200);
        assert!(!cap_html_depth(&html).1);
        // Nor do inline elements left open inside them, as the sloppy HTML
        // of word processors has them.
        let html = "<ul><li><b>a<li><span>b</ul><p><font>one<p><i>two</div>".repeat(200);
        assert!(!cap_html_depth(&html).1);
    }

    #[test]
    fn deep_html_is_flattened_below_the_cap_and_keeps_its_text() {
        let html = format!(
            "{}x{}<p>after</p>",
            "<div>".repeat(1000),
            "</div>".repeat(1000)
        );
        let (capped, cut) = cap_html_depth(&html);
        assert!(cut);
        assert_eq!(depth_of(&capped), MAX_HTML_DEPTH);
        assert!(
            capped.contains(">x<") && capped.ends_with("<p>after</p>"),
            "{capped}"
        );
    }

    #[test]
    fn close_tags_that_close_nothing_do_not_hide_depth() {
        // The tree builder ignores `</span>` here and keeps every `<div>` open.
        let html = "<div></span><div><!--</div>--><textarea></div></textarea><span><dd></span>"
            .repeat(100);
        let (capped, cut) = cap_html_depth(&html);
        assert!(cut);
        assert!(!capped.contains("<!--"));
    }

    #[test]
    fn rewritten_html_escapes_text_and_attributes() {
        let html = format!(
            "<a href=\"x&quot;y\" title='<b>'>1 &lt; 2</a>{}",
            "<div>".repeat(100)
        );
        let (capped, cut) = cap_html_depth(&html);
        assert!(cut);
        assert!(
            capped.starts_with("<a href=\"x&quot;y\" title=\"&lt;b&gt;\">1 &lt; 2</a><div>"),
            "{capped}"
        );
    }
}
