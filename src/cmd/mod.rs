//! One module per command. Each `run` returns the exit code, or a message
//! for an error that stopped the command before it could do its work.

pub mod build;
pub mod check;
pub mod fmt;
pub mod init;
pub mod inspect;
pub mod new;
pub mod serve;

/// What a command returns: the exit code, or why it could not run at all.
pub type Outcome = Result<std::process::ExitCode, String>;
