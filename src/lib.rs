//! hireboard: a static site generator for hiring boards.
//!
//! One direction of flow, one module per stage: [`content`] finds posting
//! files, [`posting`] normalizes each into the canonical record, [`board`]
//! indexes them; [`site`] ties loading together for the commands in [`cmd`].

pub mod board;
pub mod canonical;
pub mod cmd;
pub mod companies;
pub mod config;
pub mod content;
pub mod output;
pub mod render;
pub mod serve;
pub mod site;
pub mod terminal;
#[cfg(test)]
mod testing;

/// The normalizer, a crate of its own so that its boundary is the compiler's.
pub use hireboard_posting as posting;
