//! `hireboard build`: the whole board into a static site in `public/`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crate::output;
use crate::site::{self, Site, SiteOptions};
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
        base_url: args.base_url.clone(),
        live_reload: None,
    };
    let site = Site::load(&args.root, options)?;
    let written =
        output::write_site(&output_dir, &site.pages(), &owned).map_err(|e| e.to_string())?;

    let errors = site.errors();
    for error in &errors {
        eprintln!("{}", escape(&format!("error: {error}")));
    }
    let stats = site.stats();
    let mut summary = format!(
        "built {} ({} expired), {}, {}: {} written to {} in {:.2} s; {}, {}",
        count(stats.postings, "posting", "postings"),
        stats.expired,
        count(stats.companies, "company", "companies"),
        count(stats.tags, "tag", "tags"),
        count(written.files, "file", "files"),
        output_dir.display(),
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
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `1 posting`, `2 postings`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
