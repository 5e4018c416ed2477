//! `hireboard check [PATH...]`: every warning and error, one per line, in the
//! `file:line: message` form editors and CI read.

use std::process::ExitCode;

use super::inspect::Selection;
use crate::board::Board;
use crate::config::Config;
use crate::posting::Posting;
use crate::render;
use crate::terminal::escape;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    selection: Selection,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    strict: bool,
}

pub fn run(args: &Args) -> super::Outcome {
    let loaded = args.selection.load()?;
    let postings = &loaded.postings;

    let mut warnings = 0;
    for p in postings {
        for warning in &p.warnings {
            // "line 3: ..." becomes "path:3: ..." so editors can jump to it.
            let shown = match warning
                .strip_prefix("line ")
                .and_then(|w| w.split_once(": "))
            {
                Some((line, message)) => format!("{}:{line}: warning: {message}", p.source.path),
                None => format!("{}: warning: {warning}", p.source.path),
            };
            println!("{}", escape(&shown));
            warnings += 1;
        }
    }
    for (path, message) in lifecycle_warnings(postings, &args.selection.config()?) {
        println!("{}", escape(&format!("{path}: warning: {message}")));
        warnings += 1;
    }
    for error in &loaded.errors {
        println!(
            "{}",
            escape(&format!("{}: error: {}", error.location(), error.message))
        );
    }
    eprintln!(
        "checked {} files: {} errors, {warnings} warnings",
        postings.len() + loaded.errors.len(),
        loaded.errors.len()
    );
    let failed = !loaded.errors.is_empty() || (args.strict && warnings > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What keeps a posting from being published as meant, beyond its own
/// warnings: aliases that cannot redirect, and no date to list or expire it by.
fn lifecycle_warnings(postings: &[Posting], config: &Config) -> Vec<(String, String)> {
    let board = Board::new(postings.iter().cloned());
    let mut warnings: Vec<(String, String)> = render::redirects(&board, config)
        .conflicts
        .into_iter()
        .map(|c| (c.path, c.message))
        .collect();
    for p in postings.iter().filter(|p| p.date.is_none()) {
        warnings.push((
            p.source.path.clone(),
            "no date: the posting carries no datePosted and never expires; add `date:` (or commit the file: in git, the date it was added counts)".into(),
        ));
    }
    warnings.sort();
    warnings
}
