//! `hireboard build`: the whole board into a static site in `public/`,
//! re-doing only what changed since the last build there (see `site::build`).

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crate::output;
use crate::posting::Diagnostic;
use crate::site::{self, SiteOptions, Unpublished};
use crate::terminal::escape;

#[derive(clap::Args)]
pub struct Args {
    /// The site folder (holding hireboard.yaml and content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: <root>/public]
    #[arg(long, short)]
    output_dir: Option<PathBuf>,
    /// Override `base_url` of hireboard.yaml (e.g. for a preview deploy).
    #[arg(long)]
    base_url: Option<String>,
    /// The build time (RFC 3339): decides expiry; default SOURCE_DATE_EPOCH or the clock.
    #[arg(long)]
    now: Option<String>,
    /// Write into an output folder that has no manifest of hireboard's
    /// (its files are kept: hireboard never deletes what it did not write).
    #[arg(long)]
    force: bool,
    /// Publish drafts too, marked as drafts (for a preview deploy).
    #[arg(long)]
    drafts: bool,
    /// Print errors only: no progress, no summary.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: &Args) -> super::Outcome {
    let started = Instant::now();
    let output_dir = args
        .output_dir
        .clone()
        .unwrap_or_else(|| args.root.join("public"));
    let owned =
        output::check_target(&args.root, &output_dir, args.force).map_err(|e| e.to_string())?;
    let options = SiteOptions {
        now: site::resolve_now(args.now.as_deref())?,
        unpublished: Unpublished {
            drafts: args.drafts,
            scheduled: false,
        },
        base_url: args.base_url.clone(),
        live_reload: None,
    };
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(Bar::new);
    let progress: &dyn site::Progress = match &bar {
        Some(bar) => bar,
        None => &(),
    };
    let built = site::build(&args.root, options, &output_dir, &owned, progress);
    bar.iter().for_each(Bar::clear);
    let site = built?;
    let written = &site.written;

    let errors = site.errors();
    for error in &errors {
        eprintln!("{}", escape(&format!("error: {error}")));
    }
    if args.quiet {
        return Ok(exit_code(errors.is_empty()));
    }
    let kinds = warning_kinds(site.warnings());
    if !kinds.is_empty() {
        eprintln!("warnings by kind (`hireboard check` lists each with its file and line):");
        for (kind, n) in kinds.iter().take(KINDS_SHOWN) {
            eprintln!("{n:>6} × {kind}");
        }
        if kinds.len() > KINDS_SHOWN {
            eprintln!("       and {} more kinds", kinds.len() - KINDS_SHOWN);
        }
    }
    let stats = site.stats();
    if stats.drafts + stats.scheduled > 0 {
        eprintln!(
            "not published: {}, {} (`hireboard serve` shows them)",
            count(stats.drafts, "draft", "drafts"),
            count(stats.scheduled, "scheduled posting", "scheduled postings"),
        );
    }
    let mut summary = format!(
        "built {} ({} closed), {}, {}: {} in {} ({} written, {} removed) in {:.2} s; {}, {}",
        count(stats.postings, "posting", "postings"),
        stats.closed,
        count(stats.companies, "company", "companies"),
        count(stats.tags, "tag", "tags"),
        count(written.files, "file", "files"),
        output_dir.display(),
        written.rewritten,
        written.removed,
        started.elapsed().as_secs_f64(),
        count(stats.warnings, "warning", "warnings"),
        count(errors.len(), "error", "errors"),
    );
    if !written.kept.is_empty() {
        summary.push_str(&format!(
            "; kept {} hireboard did not write: {}",
            count(written.kept.len(), "file", "files"),
            output::listing(&written.kept)
        ));
    }
    eprintln!("{}", escape(&summary));
    Ok(exit_code(errors.is_empty()))
}

fn exit_code(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The summary lists this many kinds of warning, the most frequent first.
const KINDS_SHOWN: usize = 8;

/// How many warnings of each kind (`code`), most frequent first.
fn warning_kinds<'a>(warnings: impl Iterator<Item = &'a Diagnostic>) -> Vec<(&'a str, usize)> {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for warning in warnings {
        *kinds.entry(&warning.code).or_default() += 1;
    }
    let mut kinds: Vec<(&str, usize)> = kinds.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    kinds
}

/// A progress bar on stderr, one stage after another (files are written
/// while pages render).
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Bar {
        // Hidden until the first stage says how long it is.
        Bar(indicatif::ProgressBar::hidden())
    }

    fn clear(&self) {
        self.0.finish_and_clear();
    }
}

impl site::Progress for Bar {
    fn start(&self, stage: &'static str, total: usize) {
        self.0.set_message(stage);
        self.0.set_length(total as u64);
        self.0.set_position(0);
        if self.0.is_hidden() {
            let style = indicatif::ProgressStyle::with_template("{msg:>9} [{bar:30}] {pos}/{len}")
                .map(|s| s.progress_chars("=> "))
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            self.0.set_style(style);
            self.0
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn advance(&self, n: usize) {
        self.0.inc(n as u64);
    }
}

/// `1 posting`, `2 postings`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_group_by_code() {
        let warnings = [
            Diagnostic::warning("duplicate-slug", "slug `acme-dev` is taken"),
            Diagnostic::warning("unknown-key", "unknown key `compnay` ignored").on_line(3),
            Diagnostic::warning("duplicate-slug", "slug `x` is taken"),
            Diagnostic::warning("unknown-key", "unknown key `colour` ignored").on_line(12),
            Diagnostic::warning("unknown-key", "unknown key `pay_band` ignored").on_line(7),
            Diagnostic::warning("mojibake-repaired", "repaired mojibake"),
        ];
        assert_eq!(
            warning_kinds(warnings.iter()),
            [
                ("unknown-key", 3),
                ("duplicate-slug", 2),
                ("mojibake-repaired", 1)
            ]
        );
    }
}
