//! `hireboard serve`: watch -> re-normalize what changed -> re-render what it
//! touches -> swap the snapshot -> tell the browser.

pub mod http;
pub mod watch;
