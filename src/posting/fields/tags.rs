//! Tags: explicit ones canonicalized, plus skills recognized in the text.

use std::collections::{BTreeMap, BTreeSet};

/// Skills and their aliases: the built-in list plus the site's additions.
pub struct Vocabulary {
    additions: BTreeMap<String, Vec<String>>,
}

impl Vocabulary {
    /// `additions`: tag -> aliases, from the site config.
    pub fn new(additions: &BTreeMap<String, Vec<String>>) -> Vocabulary {
        // STUB (helper: fields-b)
        Vocabulary {
            additions: additions.clone(),
        }
    }

    /// An explicit tag as a lowercase slug, mapped through aliases
    /// (`Node.js` -> `nodejs`, `golang` -> `go`); `None` when nothing is left.
    pub fn canonical(&self, tag: &str) -> Option<String> {
        // STUB (helper: fields-b)
        let slug = crate::posting::slugify(tag);
        (!slug.is_empty() && !self.additions.is_empty() || !slug.is_empty()).then_some(slug)
    }

    /// Whether a canonical tag names a skill of the vocabulary.
    pub fn is_skill(&self, tag: &str) -> bool {
        // STUB (helper: fields-b)
        self.additions.contains_key(tag)
    }

    /// Skills mentioned in free text, as canonical tags.
    pub fn find_in(&self, text: &str) -> BTreeSet<String> {
        // STUB (helper: fields-b)
        let _ = text;
        BTreeSet::new()
    }
}
