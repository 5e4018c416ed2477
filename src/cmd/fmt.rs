//! `hireboard fmt [PATH...] [--write] [--check]`: postings rewritten into
//! the canonical form of [`crate::canonical`]: YAML front matter with every
//! field the normalizer found (a guessed one marked `# guessed from …` for
//! the editor to confirm), then the body: Markdown as written, a one-line
//! post's paragraphs split, HTML (a saved page's description, rendered
//! reStructuredText) as sanitized HTML.
//!
//! A rewrite is lossless or not made: the canonical text is normalized in
//! memory and must give the same record as the file, except for what
//! says how it was read (`source.format`, `inferred`, `warnings`: the
//! comments carry the guesses) and `source.path` when the extension changes.
//! A file whose record would change is left as it is and reported. Its own
//! output is canonical: a second run changes nothing.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use serde_json::{json, Value};

use super::inspect::Selection;
use crate::canonical::{markdown_escaped, FrontMatter, GUESSED};
use crate::content::{self, SourceFile};
use crate::posting::{
    self, markup, Clue, Draft, Evidence, Format, Instant, Markup, Normalizer, Posting, Status,
};
use crate::terminal::escape;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    selection: Selection,
    /// Rewrite the files (without it: print a unified diff, change nothing).
    #[arg(long)]
    write: bool,
    /// Exit 1 if any file is not in the canonical form (for CI).
    #[arg(long)]
    check: bool,
}

/// The canonical fields that follow from the others unless the posting
/// says otherwise: written only when the file needs them to keep its record
/// (an `expires` that is `date` plus the site's `expire_after_days`, the
/// slug of company and title, the summary of the body's start are not).
const DERIVED: [&str; 3] = ["expires", "slug", "summary"];

/// The fields the normalizer reads as inline Markdown (emphasis and tags
/// dropped, entities decoded): written escaped when their text would not
/// read back as itself.
const INLINE_MARKDOWN: [&str; 2] = ["title", "company"];

/// What may differ between a posting's record and its rewrite's: how the
/// file was read, not what it says.
const READING: [&str; 3] = ["source", "inferred", "warnings"];

/// A file's canonical form and where it goes.
struct Rewrite {
    /// Relative to the site root, like [`SourceFile::path`].
    path: String,
    text: String,
}

pub fn run(args: &Args) -> super::Outcome {
    let (root, normalizer) = args.selection.site()?;
    let (files, walk_errors) = content::discover(&root, &args.selection.targets());
    let mut failed = walk_errors.len();
    for error in &walk_errors {
        eprintln!("{}", escape(&format!("error: {error}")));
    }
    let (mut changed, mut canonical) = (0, 0);
    // Rewrites are worked out in parallel, then shown or written in order.
    let rewrites: Vec<_> = files
        .par_iter()
        .map(|file| rewrite(&normalizer, file))
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (file, rewrite) in files.iter().zip(rewrites) {
        let outcome = rewrite.and_then(|rewrite| {
            let done = match rewrite {
                None => return Ok(false),
                Some(rewrite) if args.write => write(&normalizer, file, &rewrite),
                Some(rewrite) => print_diff(&mut out, file, &rewrite),
            };
            done.map(|()| true)
                .map_err(|message| format!("{}: {message}", file.path))
        });
        match outcome {
            Ok(true) => changed += 1,
            Ok(false) => canonical += 1,
            Err(located) => {
                failed += 1;
                eprintln!("{}", escape(&format!("error: {located}")));
            }
        }
    }
    out.flush()
        .map_err(|e| format!("cannot write the output: {e}"))?;
    let verb = if args.write {
        "rewritten"
    } else {
        "to rewrite"
    };
    eprintln!("{changed} {verb}, {canonical} already canonical, {failed} left as they are");
    Ok(if failed > 0 || (args.check && changed > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The file's canonical form, or `None` when it is in it already; an
/// error says where (`path:line:column: …`).
fn rewrite(n: &Normalizer, file: &SourceFile) -> Result<Option<Rewrite>, String> {
    let bytes = match content::read_posting(&file.absolute) {
        Ok(bytes) => bytes,
        Err(content::ReadError::TooBig(size)) => {
            return Err(posting::too_big(&file.path, size).to_string())
        }
        Err(content::ReadError::Io(e)) => {
            return Err(format!("{}: cannot read the file: {e}", file.path))
        }
    };
    let original = n.normalize(&file.path, &bytes).map_err(|e| e.to_string())?;
    let draft = posting::parse(&file.path, &bytes, n.config())
        .map_err(|e| e.to_string())?
        .draft;
    let path = canonical_path(&file.path);
    let source = String::from_utf8_lossy(&bytes);
    let text = canonical_text(n, &original, &draft, &source, &path)
        .map_err(|message| format!("{}: {message}", file.path))?;
    Ok((path != file.path || text.as_bytes() != bytes).then_some(Rewrite { path, text }))
}

/// A saved page, a JSON file or a `.rst` file would be read in its old
/// format whatever it holds: the canonical file is Markdown, `.md`.
fn canonical_path(path: &str) -> String {
    let lower = path.to_ascii_lowercase();
    match [".rst", ".html", ".htm", ".json"]
        .iter()
        .find(|ext| lower.ends_with(*ext))
    {
        Some(ext) => format!("{}.md", &path[..path.len() - ext.len()]),
        None => path.to_string(),
    }
}

/// The canonical text of `p`, checked to normalize (at `path`) to the same record.
/// Each rewrite that reads differently shows which names must be escaped
/// (read as Markdown, they would change) and which derived fields the file
/// needs after all; the next writes those, until nothing is left to add.
fn canonical_text(
    n: &Normalizer,
    p: &Posting,
    draft: &Draft,
    source: &str,
    path: &str,
) -> Result<String, String> {
    let fields = fields(n, p);
    let notes = notes(p, draft, source, &fields);
    let body = canonical_body(p, draft);
    let compose = |careful: &[String]| -> Result<(String, Posting), String> {
        let mut front = FrontMatter::default();
        for (name, value) in &fields {
            let cared_for = careful.iter().any(|c| c == name);
            if DERIVED.contains(name) && !cared_for {
                continue;
            }
            let value = if cared_for && INLINE_MARKDOWN.contains(name) {
                json!(markdown_escaped(value.as_str().unwrap_or_default()))
            } else {
                value.clone()
            };
            front.field(name, &value, notes.get(name).map(String::as_str))?;
        }
        let text = front.file(&body);
        let record = n.normalize(path, text.as_bytes()).map_err(|e| {
            format!(
                "left as it is: its canonical form does not read: {}",
                e.message
            )
        })?;
        Ok((text, record))
    };
    // Names escaped first: a name read differently changes the slug too.
    let mut careful: Vec<String> = Vec::new();
    loop {
        let (text, record) = compose(&careful)?;
        let differing = differing_fields(p, &record);
        let fixable = |set: &[&str]| -> Vec<String> {
            differing
                .iter()
                .filter(|name| set.contains(&name.as_str()) && !careful.contains(name))
                .cloned()
                .collect()
        };
        let mut next = fixable(&INLINE_MARKDOWN);
        if next.is_empty() {
            next = fixable(&DERIVED);
        }
        if next.is_empty() {
            if differing.is_empty() {
                return Ok(text);
            }
            return Err(format!(
                "left as it is: rewritten, {}",
                changes(p, &record, &differing)
            ));
        }
        careful.extend(next);
    }
}

/// "its title would change from \"…\" to \"…\"", values cut short.
fn changes(before: &Posting, after: &Posting, differing: &[String]) -> String {
    let (before, after) = (record_map(before), record_map(after));
    let shown = |value: Option<&Value>| {
        let text = value.map(Value::to_string).unwrap_or_default();
        match text.char_indices().nth(60) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text,
        }
    };
    let each: Vec<String> = differing
        .iter()
        .map(|name| {
            format!(
                "its {name} would change from {} to {}",
                shown(before.get(name)),
                shown(after.get(name))
            )
        })
        .collect();
    each.join("; ")
}

/// The front matter's fields, in the order of SCHEMA.md: what the record
/// holds, empty ones left out, then how the site publishes it.
fn fields(n: &Normalizer, p: &Posting) -> Vec<(&'static str, Value)> {
    let date = |d: Option<Instant>| d.map(|d| json!(short_date(n, d)));
    let list = |items: &[String]| (!items.is_empty()).then(|| json!(items));
    let salary = p.salary.as_ref().map(|s| {
        json!({
            "min": whole(s.min),
            "max": whole(s.max),
            "currency": s.currency,
            "period": s.period,
            "text": s.text,
        })
    });
    let publishing = match p.status {
        Status::Draft => Some(("draft", json!(true))),
        Status::Closed => Some(("status", json!("closed"))),
        _ => None,
    };
    [
        ("title", Some(json!(p.title))),
        ("company", p.company.as_ref().map(|c| json!(c))),
        ("date", date(p.date)),
        ("expires", date(p.expires)),
        ("location", list(&p.location)),
        ("remote", p.remote.map(|r| json!(r))),
        ("employment_type", p.employment_type.map(|e| json!(e))),
        ("salary", salary),
        ("tags", list(&p.tags)),
        ("apply", p.apply.as_ref().map(|a| json!(a))),
        ("slug", Some(json!(p.slug))),
        ("summary", Some(json!(p.summary))),
    ]
    .into_iter()
    .filter_map(|(name, value)| Some((name, value?)))
    .chain(publishing)
    .chain(list(&p.aliases).map(|aliases| ("aliases", aliases)))
    .collect()
}

/// `2025-03-03` for midnight in the site's time zone (what it reads as).
fn short_date(n: &Normalizer, instant: Instant) -> String {
    let tz = &n.config().time_zone;
    let day = instant.day_in(tz);
    let midnight = day.to_zoned_datetime(tz.clone());
    if midnight.is_ok_and(|m| Instant::from_zoned(&m) == instant) {
        day.to_string()
    } else {
        instant.to_string()
    }
}

/// A whole amount as an integer (`min: 90000`, not `90000.0`).
fn whole(amount: f64) -> Value {
    if amount.fract() == 0.0 && amount.abs() < 1e15 {
        json!(amount as i64)
    } else {
        json!(amount)
    }
}

/// The body as the canonical file holds it, from its first line of text.
/// A Markdown body ends with one line break; an HTML one keeps its end as
/// it is, since its record's HTML does.
fn canonical_body(p: &Posting, draft: &Draft) -> String {
    let (body, html) = match draft.markup {
        Markup::Markdown => (draft.body.clone(), markup::is_raw_html(&draft.body)),
        Markup::Rst | Markup::Html => (as_html_body(&p.body_html), true),
    };
    let first_text = body
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(body.len());
    let start = body[..first_text].rfind('\n').map_or(0, |i| i + 1);
    match body[start..].trim_end() {
        "" => String::new(),
        _ if html => body[start..].to_string(),
        text => format!("{text}\n"),
    }
}

/// Sanitized HTML written so that a Markdown file reads it as HTML again:
/// the marks that make a body read as Markdown (`**`, `](`, a line that
/// starts like a heading, list item or code fence) become character
/// references, which the sanitizer writes back as the same characters.
fn as_html_body(html: &str) -> String {
    let html = html.replace("**", "&#42;&#42;").replace("](", "]&#40;");
    let lines: Vec<String> = html
        .split('\n')
        .map(|line| {
            let (indent, text) = line.split_at(line.len() - line.trim_start().len());
            match text.chars().next() {
                Some(mark @ ('#' | '`' | '*' | '-' | '+')) => {
                    format!("{indent}&#{};{}", mark as u32, &text[1..])
                }
                _ => line.to_string(),
            }
        })
        .collect();
    lines.join("\n")
}

/// The comment each guessed field gets: `guessed from …` and what gave the
/// normalizer its guess, and a canonical file's own `# guessed …` comments kept until the
/// editor removes them.
fn notes(
    p: &Posting,
    draft: &Draft,
    source: &str,
    fields: &[(&'static str, Value)],
) -> HashMap<&'static str, String> {
    let field = |name: &str| fields.iter().map(|(f, _)| *f).find(|f| *f == name);
    let mut notes: HashMap<&'static str, String> = HashMap::new();
    if draft.format == Format::Yaml {
        let lines: Vec<&str> = source.lines().collect();
        let marker = format!("  # {GUESSED}");
        for entry in draft.meta.iter().filter(|e| e.stated) {
            // As `FrontMatter` writes it: a quoted value may hold a ` # ` of its own.
            let comment = lines
                .get(entry.line.wrapping_sub(1))
                .and_then(|line| line.find(&marker).map(|at| line[at + 4..].trim()));
            if let (Some(comment), Some(field)) = (comment, field(&entry.key)) {
                notes.insert(field, comment.to_string());
            }
        }
    }
    for evidence in &p.evidence {
        if let Some(field) = field(evidence.field) {
            notes
                .entry(field)
                .or_insert_with(|| format!("{GUESSED} from {}", clue(evidence)));
        }
    }
    notes
}

/// What gave a guess, without the line: the rewrite moves the lines.
fn clue(evidence: &Evidence) -> String {
    match &evidence.clue {
        Clue::Quote(quote) => format!("\"{quote}\""),
        Clue::Said(how) => how.clone(),
    }
}

fn record_map(p: &Posting) -> serde_json::Map<String, Value> {
    match serde_json::to_value(p) {
        Ok(Value::Object(map)) => map,
        _ => Default::default(),
    }
}

/// The fields of the record that differ, beyond how the file was read; the
/// path counts only where the file stays (a renamed file's path changes).
fn differing_fields(original: &Posting, rewritten: &Posting) -> Vec<String> {
    let (before, after) = (record_map(original), record_map(rewritten));
    let mut differing: Vec<String> = before
        .iter()
        .filter(|(name, value)| {
            !READING.contains(&name.as_str()) && after.get(*name) != Some(value)
        })
        .map(|(name, _)| name.clone())
        .collect();
    let stays = canonical_path(&original.source.path) == original.source.path;
    if stays && original.source.path != rewritten.source.path {
        differing.push("source.path".into());
    }
    differing
}

/// Prints the change as a unified diff, each line escaped (a posting's text
/// cannot drive the terminal).
fn print_diff(out: &mut impl Write, file: &SourceFile, rewrite: &Rewrite) -> Result<(), String> {
    let old = fs::read(&file.absolute).map_err(|e| format!("cannot read the file: {e}"))?;
    let old = String::from_utf8_lossy(&old);
    let diff = similar::TextDiff::from_lines(old.as_ref(), rewrite.text.as_str());
    let unified = diff
        .unified_diff()
        .context_radius(3)
        .header(&file.path, &rewrite.path)
        .to_string();
    let printed = unified
        .lines()
        .try_for_each(|line| writeln!(out, "{}", escape(line)));
    printed.map_err(|e| format!("cannot write the output: {e}"))
}

/// Writes the canonical file through a temporary file beside it and a
/// rename, so the file is whole at every moment. A file that changes its
/// extension is written anew, checked from disk, and only then is the old
/// one removed.
fn write(n: &Normalizer, file: &SourceFile, rewrite: &Rewrite) -> Result<(), String> {
    let target = file.absolute.with_file_name(
        Path::new(&rewrite.path)
            .file_name()
            .ok_or("the file has no name")?,
    );
    let temporary = temporary_beside(&target);
    let written = fs::write(&temporary, &rewrite.text)
        .and_then(|()| fs::metadata(&file.absolute))
        .and_then(|meta| fs::set_permissions(&temporary, meta.permissions()));
    let placed = written.and_then(|()| {
        if target == file.absolute {
            fs::rename(&temporary, &target)
        } else {
            // A hard link fails on an existing file, where a rename would replace it.
            fs::hard_link(&temporary, &target).and_then(|()| fs::remove_file(&temporary))
        }
    });
    if let Err(e) = placed {
        let _ = fs::remove_file(&temporary);
        return Err(match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "left as it is: {} exists already; move it away to rewrite this file",
                rewrite.path
            ),
            _ => format!("cannot write {}: {e}", target.display()),
        });
    }
    if target == file.absolute {
        println!("{}", escape(&format!("rewrote {}", file.path)));
        return Ok(());
    }
    let moved = SourceFile {
        path: rewrite.path.clone(),
        absolute: target.clone(),
    };
    match same_record(n, file, &moved) {
        Ok(()) => {
            fs::remove_file(&file.absolute).map_err(|e| {
                format!("wrote {} but cannot remove the old file: {e}", rewrite.path)
            })?;
            println!(
                "{}",
                escape(&format!(
                    "rewrote {} as {} (its new extension reads it as Markdown; the old file is removed)",
                    file.path, rewrite.path
                ))
            );
            Ok(())
        }
        Err(message) => Err(format!(
            "wrote {} but kept the old file: {message}",
            rewrite.path
        )),
    }
}

/// A hidden name beside `target` (hidden files are no postings, should one be left).
fn temporary_beside(target: &Path) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.{}.fmt-tmp", std::process::id()))
}

/// Whether the file `moved` reads, from disk, as the same record as `original`.
fn same_record(n: &Normalizer, original: &SourceFile, moved: &SourceFile) -> Result<(), String> {
    let read = |file: &SourceFile| -> Result<Posting, String> {
        let bytes =
            fs::read(&file.absolute).map_err(|e| format!("cannot read {}: {e}", file.path))?;
        n.normalize(&file.path, &bytes).map_err(|e| e.to_string())
    };
    let (before, after) = (read(original)?, read(moved)?);
    let differing = differing_fields(&before, &after);
    if differing.is_empty() {
        Ok(())
    } else {
        Err(changes(&before, &after, &differing))
    }
}
