//! The `hireboard` command line: argument parsing only; each command lives in
//! its own module under `cmd/`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use hireboard::cmd;

// Normalizing and rendering make many small strings on every thread;
// mimalloc's per-thread heaps cut the time glibc's malloc took.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "hireboard",
    version,
    about = "A static site generator for hiring boards"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show how postings normalize: a summary each, or `--json` records.
    Inspect(cmd::inspect::Args),
    /// Build the whole board into a static site (default: public/).
    Build(cmd::build::Args),
    /// Preview the board: build in memory, serve it, rebuild and reload on every change.
    Serve(cmd::serve::Args),
    /// List every warning and error as `file:line: message`; exit 1 on errors.
    Check(cmd::check::Args),
    /// Create a new board: config, example postings, editors' README, deploy workflow.
    Init(cmd::init::Args),
    /// Write a new posting file in content/ and print its path.
    New(cmd::new::Args),
    /// Rewrite postings into the canonical form (YAML front matter, Markdown body); a diff unless --write.
    Fmt(cmd::fmt::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Inspect(args) => cmd::inspect::run(&args),
        Command::Check(args) => cmd::check::run(&args),
        Command::Build(args) => cmd::build::run(&args),
        Command::Serve(args) => cmd::serve::run(&args),
        Command::Init(args) => cmd::init::run(&args),
        Command::New(args) => cmd::new::run(&args),
        Command::Fmt(args) => cmd::fmt::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!(
                "{}",
                hireboard::terminal::escape(&format!("error: {message}"))
            );
            ExitCode::from(2)
        }
    }
}
