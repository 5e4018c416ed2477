//! A posting's text read once into the pieces a guessed field is chosen
//! from, in the order a reader trusts them: the title as written, the values
//! a parser recognized by their shape (an HN line's fields, badges, label
//! lines), then the body's text. Each field asks a recognizer of
//! `crate::recognize` over the pieces it may come from and keeps the first
//! hit with where it was read, its evidence.

use super::meta::{value_text, Meta};
use crate::markup::Rendered;
use crate::recognize::keys::Field;
use crate::MetaEntry;

/// One piece of the posting's text.
#[derive(Clone, Copy)]
pub(super) struct Piece<'a> {
    pub text: &'a str,
    /// The metadata entry it is, when a parser recognized it by its shape.
    pub entry: Option<&'a MetaEntry>,
}

pub(super) struct Candidates<'a> {
    /// The title as written, with its cues ("(Remote)", "Full-time").
    pub title: &'a str,
    /// Values guessed from their shape, with the field the parser took them for.
    shaped: Vec<(Field, String, &'a MetaEntry)>,
    pub body: &'a Rendered,
    /// The title, then the body's text: for recognizers that read both.
    pub title_and_body: String,
    /// A summary the metadata states (`excerpt:`): the author's words too,
    /// read after the body for what the body may not say.
    summary: String,
}

impl<'a> Candidates<'a> {
    pub fn new(title: &'a str, meta: &'a Meta, body: &'a Rendered) -> Candidates<'a> {
        let shaped = meta
            .guessed()
            .filter_map(|(field, entry)| Some((field, value_text(&entry.value)?, entry)))
            .collect();
        Candidates {
            title,
            shaped,
            body,
            title_and_body: format!("{title}\n{}", body.text),
            summary: meta
                .text(Field::Summary)
                .map(|(summary, _)| summary)
                .unwrap_or_default(),
        }
    }

    pub fn summary(&self) -> Piece<'_> {
        Piece {
            text: &self.summary,
            entry: None,
        }
    }

    pub fn title(&self) -> Piece<'_> {
        Piece {
            text: self.title,
            entry: None,
        }
    }

    pub fn body(&self) -> Piece<'_> {
        Piece {
            text: &self.body.text,
            entry: None,
        }
    }

    /// The shaped values a parser took for one of `fields` (all when empty).
    pub fn shaped<'s>(&'s self, fields: &'s [Field]) -> impl Iterator<Item = Piece<'s>> + 's {
        self.shaped
            .iter()
            .filter(move |(field, _, _)| fields.is_empty() || fields.contains(field))
            .map(|(_, text, entry)| Piece {
                text,
                entry: Some(entry),
            })
    }
}

/// The first piece `read` recognizes something in, with the piece.
pub(super) fn first<'p, T>(
    pieces: impl IntoIterator<Item = Piece<'p>>,
    read: impl Fn(&'p str) -> Option<T>,
) -> Option<(T, Piece<'p>)> {
    pieces
        .into_iter()
        .find_map(|piece| Some((read(piece.text)?, piece)))
}
