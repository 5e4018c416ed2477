//! hireboard: a static site generator for hiring boards.
//!
//! Flow, one stage per module: [`content`] loads files, [`posting`] normalizes
//! each into the canonical [`posting::Posting`].

pub mod config;
pub mod posting;
