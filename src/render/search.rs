//! The in-house search index (STUB, helper: search).
