//! `hireboard init [DIR]`: a new board, ready to preview and to publish: a
//! commented `hireboard.yaml`, three example postings in different
//! formats, `.gitignore`, a README for the board's editors and a GitHub
//! Pages workflow. The files are in `starter/`, built into the binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::site;

#[derive(clap::Args)]
pub struct Args {
    /// The folder to create the board in; it must be empty or not exist.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The date of the example postings (RFC 3339); default SOURCE_DATE_EPOCH or today.
    #[arg(long)]
    now: Option<String>,
    /// The git repository the deploy workflow builds hireboard from
    /// (default: the one this hireboard names as its source).
    #[arg(long, default_value = env!("CARGO_PKG_REPOSITORY"), value_parser = git_url)]
    hireboard_git: String,
}

/// A repository address the workflow can quote and hand to `cargo install
/// --git`: a URL with no spaces, quotes, backslashes or `$` (it goes into
/// the workflow's YAML, where `${{` starts an expression, and a shell line);
/// empty when none is known, which the workflow's install step reports.
fn git_url(url: &str) -> Result<String, String> {
    let schemes = ["https://", "http://", "ssh://", "git://"];
    let plain =
        !url.contains(|c: char| c.is_whitespace() || c.is_control() || "\"'\\$`".contains(c));
    if url.is_empty() || (schemes.iter().any(|s| url.starts_with(s)) && plain) {
        Ok(url.to_string())
    } else {
        Err("expected a git repository URL such as https://example.com/you/hireboard.git".into())
    }
}

/// Where each starter file goes, and its text.
pub const STARTER: &[(&str, &str)] = &[
    (
        "hireboard.yaml",
        include_str!("../../starter/hireboard.yaml"),
    ),
    (
        "content/example-backend-engineer.md",
        include_str!("../../starter/content/example-backend-engineer.md"),
    ),
    (
        "content/example-support-lead.md",
        include_str!("../../starter/content/example-support-lead.md"),
    ),
    (
        "content/example-data-analyst.txt",
        include_str!("../../starter/content/example-data-analyst.txt"),
    ),
    (".gitignore", include_str!("../../starter/gitignore")),
    ("README.md", include_str!("../../starter/README.md")),
    (
        ".github/workflows/deploy.yml",
        include_str!("../../starter/github/deploy.yml"),
    ),
];

/// Stands for the day `init` runs in the example postings, so that they
/// are open on a new board.
const TODAY: &str = "{{today}}";
/// Stands for the repository the deploy workflow installs hireboard from.
const HIREBOARD_GIT: &str = "{{hireboard_git}}";

pub fn run(args: &Args) -> super::Outcome {
    refuse_unless_empty(&args.dir)?;
    let today = site::resolve_now(args.now.as_deref())?
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    for (path, text) in STARTER {
        let target = args.dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        let text = text
            .replace(TODAY, &today)
            .replace(HIREBOARD_GIT, &args.hireboard_git);
        fs::write(&target, text).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        println!("created {}", target.display());
    }
    if args.hireboard_git.is_empty() {
        eprintln!("\nnote: this hireboard names no repository it is built from: set HIREBOARD_GIT in .github/workflows/deploy.yml (or run init with --hireboard-git URL) before you publish");
    }
    let dir = args.dir.display();
    eprintln!("\nA new board in {dir}. Next:\n  cd {dir}\n  hireboard serve     # preview at http://127.0.0.1:1111/\n  hireboard new \"Job title\" --company \"Your company\"\nREADME.md explains the rest, publishing included.");
    Ok(ExitCode::SUCCESS)
}

fn refuse_unless_empty(dir: &Path) -> Result<(), String> {
    match fs::read_dir(dir).map(|mut entries| entries.next().is_none()) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!(
            "{} is not empty: `hireboard init` creates a board only in an empty or new folder",
            dir.display()
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot read {}: {e}", dir.display())),
    }
}
