//! `hireboard check [PATH...]`: every warning and error, one per line, in the
//! `file:line: message` form editors and CI read.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::board::Board;
use crate::posting::Normalizer;
use crate::site;

#[derive(clap::Args)]
pub struct Args {
    /// Posting files or folders [default: content/]
    paths: Vec<PathBuf>,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    strict: bool,
    /// The time that decides `expired` (RFC 3339); default SOURCE_DATE_EPOCH or the clock.
    #[arg(long)]
    now: Option<String>,
}

pub fn run(args: &Args) -> super::Outcome {
    let targets = if args.paths.is_empty() {
        vec![PathBuf::from(crate::content::CONTENT_DIR)]
    } else {
        args.paths.clone()
    };
    let root = site::find_root(&targets[0]);
    let config = site::load_config(&root)?;
    let now = site::resolve_now(args.now.as_deref())?;
    let loaded = site::load(&root, &targets, &Normalizer::new(&config, now));
    let mut postings = Board::new(loaded.postings).postings;
    postings.sort_by(|a, b| a.source.path.cmp(&b.source.path));

    let mut warnings = 0;
    for p in &postings {
        for warning in &p.warnings {
            // "line 3: ..." becomes "path:3: ..." so editors can jump to it.
            match warning
                .strip_prefix("line ")
                .and_then(|w| w.split_once(": "))
            {
                Some((line, message)) => println!("{}:{line}: warning: {message}", p.source.path),
                None => println!("{}: warning: {warning}", p.source.path),
            }
            warnings += 1;
        }
    }
    for error in &loaded.errors {
        println!("{}: error: {}", error.location(), error.message);
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
