//! `hireboard check [PATH...] [--format json] [--strict]`: every error and
//! warning of the selected postings and of the site they make, rustc-style
//! with the source line, or as a JSON array for CI.

use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use annotate_snippets::{Level, Renderer, Snippet};
use jiff::tz::TimeZone;

use super::inspect::Selection;
use crate::board::Board;
use crate::config::Config;
use crate::posting::{Diagnostic, Posting, Severity};
use crate::render::{self, RenderError, RenderOptions, Theme};
use crate::terminal::escape;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    selection: Selection,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    strict: bool,
    /// `human`: each with its source line; `json`: an array of
    /// {path, line, column, severity, code, message, help}.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    Human,
    Json,
}

/// A posting expiring this soon is reported, so it can be extended in time.
const EXPIRING_DAYS: i64 = 7;

pub fn run(args: &Args) -> super::Outcome {
    let loaded = args.selection.load()?;
    let config = args.selection.config()?;
    let now = args.selection.now()?;
    let root = args.selection.root();
    let postings = &loaded.postings;
    let tz = config.time_zone();

    let mut diagnostics: Vec<Diagnostic> = loaded.errors.iter().map(|e| e.diagnostic()).collect();
    for p in postings {
        diagnostics.extend(p.diagnostics.iter().cloned());
        if !p.status.is_closed() {
            diagnostics.extend(google_gaps(p, &config, now));
            diagnostics.extend(expiring_soon(p, now, &tz));
        }
    }
    let board = Board::new(postings.iter().cloned());
    diagnostics.extend(config.companies.diagnostics.iter().cloned());
    if args.selection.is_whole_site() {
        diagnostics.extend(profiles_of_no_company(&config, &board));
    }
    diagnostics.extend(
        render::redirects(&board, &config)
            .conflicts
            .into_iter()
            .map(|c| Diagnostic::warning("url-conflict", c.message).in_file(&c.path)),
    );
    let options = RenderOptions {
        now,
        live_reload: None,
    };
    match render_pages(&root, &board, &config, &options) {
        Ok(pages) if args.selection.is_whole_site() => {
            diagnostics.extend(dead_internal_links(postings, &pages, &config))
        }
        Ok(_) => {}
        Err(error) => diagnostics.push(template_diagnostic(error)),
    }
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.code).cmp(&(&b.path, b.line, b.column, &b.code))
    });

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        OutputFormat::Json => serde_json::to_writer_pretty(&mut out, &diagnostics)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
        OutputFormat::Human => {
            let renderer = if stdout.is_terminal() {
                Renderer::styled()
            } else {
                Renderer::plain()
            };
            write_human(&mut out, &renderer, &root, &diagnostics)
        }
    };
    match written.and_then(|()| out.flush()) {
        // A reader that stops early (`check --format json | head`) has what it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        result => result.map_err(|e| format!("cannot write the report: {e}"))?,
    }

    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    let reported: BTreeSet<&str> = diagnostics.iter().map(|d| d.path.as_str()).collect();
    let clean = postings
        .iter()
        .filter(|p| !reported.contains(p.source.path.as_str()))
        .count();
    eprintln!(
        "checked {} files: {errors} errors, {warnings} warnings; {clean} of {} postings clean",
        postings.len() + loaded.errors.len(),
        postings.len(),
    );
    let failed = errors > 0 || (args.strict && warnings > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What keeps a posting out of Google's job search (or shows it poorly):
/// read from the JSON-LD its page carries, so the check and the page agree.
fn google_gaps(p: &Posting, config: &Config, now: jiff::Timestamp) -> Vec<Diagnostic> {
    let ld: serde_json::Value =
        serde_json::from_str(&render::job_posting(p, config, now)).unwrap_or_default();
    let has = |key: &str| ld.get(key).is_some();
    let mut gaps = Vec::new();
    // Its datePosted is the build's date, new on every build.
    if p.date.is_none() {
        gaps.push(
            Diagnostic::warning(
                "no-date-posted",
                "no date: Google's job search is given the day of each build as its datePosted, and it never expires",
            )
            .with_help("add `date:` (or commit the file: in git, the date it was added counts)"),
        );
    }
    if !has("validThrough") && p.date.is_some() {
        gaps.push(
            Diagnostic::warning(
                "no-valid-through",
                "no validThrough: the posting never expires",
            )
            .with_help("add `expires:`, or set `expire_after_days` in hireboard.yaml"),
        );
    }
    if has("jobLocationType") {
        if !has("applicantLocationRequirements") {
            gaps.push(
                Diagnostic::warning(
                    "remote-without-country",
                    "fully remote with no country: Google's job search needs the countries applicants may live in",
                )
                .with_help("name them in `location:`, like `Remote, Germany`"),
            );
        }
    } else if !has("jobLocation") {
        gaps.push(
            Diagnostic::warning(
                "no-location",
                "no location: Google's job search needs a place of work unless the job is fully remote",
            )
            .with_help("add `location:` (a city and country), or `remote: true`"),
        );
    }
    gaps.into_iter()
        .map(|d| d.in_file(&p.source.path))
        .collect()
}

/// A profile whose file name is no company's slug shows nowhere: most
/// likely a typo, or a company whose postings are all gone.
fn profiles_of_no_company<'a>(
    config: &'a Config,
    board: &'a Board,
) -> impl Iterator<Item = Diagnostic> + 'a {
    let profiles = config.companies.by_slug.iter();
    let unmatched = profiles.filter(|(slug, _)| board.company(slug).is_none());
    unmatched.map(|(slug, profile)| {
        let nearest = board
            .companies
            .iter()
            .map(|c| (strsim::jaro_winkler(slug, &c.slug), &c.slug))
            .filter(|(score, _)| *score >= 0.85)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let help = match nearest {
            Some((_, known)) => format!("did you mean `companies/{known}.md`?"),
            None => {
                "name the file after the company's slug (its page is /companies/<slug>/)".into()
            }
        };
        Diagnostic::warning(
            "profile-without-company",
            format!(
                "no posting is by a company with the slug `{}`: this profile shows nowhere",
                escape(slug)
            ),
        )
        .with_help(help)
        .in_file(&profile.path)
    })
}

/// `tz` is the site's time zone, the one the posting page gives the day in.
fn expiring_soon(p: &Posting, now: jiff::Timestamp, tz: &TimeZone) -> Option<Diagnostic> {
    let expires = p.expires?;
    let left = expires.timestamp().duration_since(now);
    let soon = jiff::SignedDuration::from_hours(24 * EXPIRING_DAYS);
    if left.is_negative() || left > soon {
        return None;
    }
    let date = expires.day_in(tz);
    Some(
        Diagnostic::warning(
            "expires-soon",
            format!(
                "expires on {date}, in {} day(s)",
                left.as_hours().div_euclid(24)
            ),
        )
        .with_help("move `expires:` later if the job is still open")
        .in_file(&p.source.path),
    )
}

/// Every page of the selection rendered in memory, as a template error would
/// stop `build`; the paths of the pages on success.
fn render_pages(
    root: &Path,
    board: &Board,
    config: &Config,
    options: &RenderOptions,
) -> Result<BTreeSet<String>, RenderError> {
    let theme = Theme::load(root, config)?;
    let keys = render::page_keys(board, config);
    let pages = render::render_keyed(board, config, &theme, options, &keys)?;
    Ok(pages.into_iter().flatten().map(|page| page.path).collect())
}

fn template_diagnostic(error: RenderError) -> Diagnostic {
    let mut diagnostic = Diagnostic::error("template-error", error.message)
        .in_file(error.file.as_deref().unwrap_or("hireboard.yaml"))
        .at_column(error.column);
    diagnostic.line = error.line;
    diagnostic
}

/// Links of posting bodies to this site (`/jobs/x/`, or the full base URL)
/// that no page answers.
fn dead_internal_links(
    postings: &[Posting],
    pages: &BTreeSet<String>,
    config: &Config,
) -> Vec<Diagnostic> {
    let base_url = config.base_url.trim_end_matches('/');
    let base_path = render::Urls::new(&config.base_url).base_path;
    let mut dead = Vec::new();
    for p in postings {
        for href in hrefs(&p.body_html) {
            let on_site = match href.strip_prefix(base_url) {
                Some(rest) => Some(rest.trim_start_matches('/')),
                None if href.starts_with('/') && !href.starts_with("//") => {
                    href.strip_prefix(base_path.as_str())
                }
                None => None,
            };
            let Some(target) = on_site.map(|t| t.split(['#', '?']).next().unwrap_or("")) else {
                continue;
            };
            let file = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target.to_string()
            };
            if !pages.contains(&file) && !pages.contains(&format!("{file}/index.html")) {
                dead.push(
                    Diagnostic::warning(
                        "dead-internal-link",
                        format!("the link `{href}` points to no page of this site"),
                    )
                    .in_file(&p.source.path),
                );
            }
        }
    }
    dead
}

/// The `href`s of sanitized body HTML: ammonia writes every attribute
/// double-quoted, with `&` as `&amp;`.
fn hrefs(html: &str) -> impl Iterator<Item = String> + '_ {
    html.split("href=\"").skip(1).filter_map(|rest| {
        let value = rest.split('"').next()?;
        Some(value.replace("&amp;", "&"))
    })
}

/// Each diagnostic rustc-style: the message, `--> path:line:column`, the
/// source line with a caret, the help. Everything from a posting is escaped.
fn write_human(
    out: &mut impl Write,
    renderer: &Renderer,
    root: &Path,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    let mut source: Option<(&str, String)> = None;
    for d in diagnostics {
        if d.line.is_some() && source.as_ref().is_none_or(|(path, _)| *path != d.path) {
            source = Some((&d.path, read_source(&root.join(&d.path))));
        }
        let line_text = match (d.line, &source) {
            (Some(line), Some((_, text))) => text.lines().nth(line - 1),
            _ => None,
        };
        writeln!(out, "{}\n", snippet(renderer, d, line_text))?;
    }
    Ok(())
}

/// The file as text for showing one of its lines; empty when unreadable.
fn read_source(path: &Path) -> String {
    crate::content::read_at_most(path, crate::posting::MAX_FILE_BYTES as u64)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// One diagnostic rendered; `line_text` is its source line when it has one.
fn snippet(renderer: &Renderer, d: &Diagnostic, line_text: Option<&str>) -> String {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    let message = escape(&d.message);
    let help = d.help.as_deref().map(escape);
    let path = escape(&d.path);
    let shown = line_text.map(|text| escape(text.trim_end()).into_owned());
    let origin = match (d.line, d.column) {
        (Some(line), Some(column)) if shown.is_none() => format!("{path}:{line}:{column}"),
        (Some(line), None) if shown.is_none() => format!("{path}:{line}"),
        _ => path.to_string(),
    };
    let mut report = level.title(&message).id(&d.code);
    if let (Some(text), Some(line)) = (&shown, d.line) {
        report = report.snippet(
            Snippet::source(text)
                .line_start(line)
                .origin(&origin)
                .annotation(level.span(caret_span(text, d.column))),
        );
    }
    if let Some(help) = &help {
        report = report.footer(Level::Help.title(help));
    }
    let rendered = renderer.render(report).to_string();
    if shown.is_some() {
        return rendered;
    }
    // Without a source line the renderer names no file: say where, as rustc does.
    match rendered.split_once('\n') {
        Some((title, rest)) => format!("{title}\n --> {origin}\n{rest}"),
        None => format!("{rendered}\n --> {origin}"),
    }
}

/// The bytes of `line` a caret marks: the word at `column` (1-based, in
/// characters), or the whole line without its indentation.
fn caret_span(line: &str, column: Option<usize>) -> std::ops::Range<usize> {
    let start = match column {
        Some(column) => line
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i),
        None => line.len() - line.trim_start().len(),
    };
    let end = match column {
        Some(_) => line[start..]
            .find(char::is_whitespace)
            .map_or(line.len(), |i| start + i),
        None => line.len(),
    };
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_shows_its_line_with_a_caret_and_help() {
        let d = Diagnostic::error("parse-error", "the list never closes")
            .in_file("content/acme.md")
            .on_line(3)
            .at_column(Some(10))
            .with_help("write `company: Acme`");
        let shown = snippet(&Renderer::plain(), &d, Some("company: [Acme Labs"));
        insta::assert_snapshot!(shown, @r"
        error[parse-error]: the list never closes
         --> content/acme.md:3:10
          |
        3 | company: [Acme Labs
          |          ^^^^^
          |
          = help: write `company: Acme`
        ");
    }

    #[test]
    fn an_expiry_is_named_by_the_day_the_posting_page_shows() {
        let mut p = crate::testing::example("late", "Night Baker", Some("Moonrise"), None);
        // 01:00 in Helsinki on the 14th is still the 13th in London.
        p.expires = Some("2025-03-14T01:00:00+02:00".parse().unwrap());
        let now = "2025-03-10T12:00:00Z".parse().unwrap();
        let london = TimeZone::get("Europe/London").unwrap();
        let warning = expiring_soon(&p, now, &london).unwrap();
        assert_eq!(warning.message, "expires on 2025-03-13, in 3 day(s)");
        let helsinki = TimeZone::get("Europe/Helsinki").unwrap();
        let warning = expiring_soon(&p, now, &helsinki).unwrap();
        assert_eq!(warning.message, "expires on 2025-03-14, in 3 day(s)");
        // Past, or further off than a week: nothing to say.
        assert!(expiring_soon(&p, "2025-03-14T00:00:00Z".parse().unwrap(), &london).is_none());
        assert!(expiring_soon(&p, "2025-03-01T00:00:00Z".parse().unwrap(), &london).is_none());
    }

    #[test]
    fn a_warning_underlines_the_whole_line() {
        let d = Diagnostic::warning("unknown-key", "unknown key `compnay` ignored")
            .in_file("content/acme.md")
            .on_line(3);
        let shown = snippet(&Renderer::plain(), &d, Some("compnay: Acme"));
        assert!(
            shown.contains("3 | compnay: Acme\n  | -------------\n"),
            "{shown}"
        );
    }

    #[test]
    fn control_characters_of_a_posting_are_escaped() {
        let d = Diagnostic::error("parse-error", "bad \u{1b}[2J value")
            .in_file("content/x\u{7}.md")
            .on_line(1)
            .at_column(Some(4));
        let shown = snippet(&Renderer::plain(), &d, Some("x: \u{1b}[31m red"));
        assert!(!shown.contains(['\u{1b}', '\u{7}']), "{shown:?}");
        assert!(shown.contains(r"bad \u{1b}[2J value"), "{shown}");
        assert!(shown.contains(r"content/x\u{7}.md:1:4"), "{shown}");
    }

    #[test]
    fn a_diagnostic_without_a_line_names_its_file() {
        let d = Diagnostic::warning("no-location", "no location").in_file("content/a.md");
        let shown = snippet(&Renderer::plain(), &d, None);
        assert!(
            shown.starts_with("warning[no-location]: no location\n"),
            "{shown}"
        );
        assert!(shown.contains("--> content/a.md"), "{shown}");
    }

    #[test]
    fn carets_mark_the_word_at_the_column_or_the_whole_line() {
        assert_eq!(caret_span("  key: value", None), 2..12);
        assert_eq!(caret_span("key: value here", Some(6)), 5..10);
        assert_eq!(caret_span("ab", Some(9)), 2..2);
    }
}
