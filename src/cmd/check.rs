//! `hireboard check [PATH...]`: every warning and error, one per line, in the
//! `file:line: message` form editors and CI read.

use std::process::ExitCode;

use super::inspect::Selection;
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
