//! Which pages a content change touches: the old and the new board compared,
//! list by list, so that re-rendering only those gives the bytes a full
//! build would. Runs on every save in `serve`, so it reads only the postings
//! that changed, found by identity: touching all 10,000 of a big board's
//! costs more than the rest of the plan.

use std::sync::Arc;

use foldhash::HashSet;

use crate::board::{Board, Company, Tag};
use crate::config::Config;
use crate::render::{self, PageKey};

/// What to do after a content change.
#[derive(Debug, Default)]
pub struct Plan {
    /// Keys to render (again).
    pub dirty: Vec<PageKey>,
    /// Keys the site no longer has.
    pub removed: Vec<PageKey>,
    /// Postings that changed, by slug: (index in the old board, in the new).
    pub changed_postings: Vec<(Option<usize>, Option<usize>)>,
}

/// What changed from `old` to `new`, both boards of the same config.
pub fn plan(old: &Board, new: &Board, config: &Config) -> Plan {
    let changed_postings = changed_postings(old, new);
    let mut changed = vec![false; new.postings.len()];
    let mut dirty = Vec::new();
    let mut removed = Vec::new();
    // Posting pages: those of the changed postings, and no other.
    for &(before, after) in &changed_postings {
        let had = before.filter(|&j| render::has_page(&old.postings[j], config));
        let has = after.filter(|&i| render::has_page(&new.postings[i], config));
        if let Some(i) = after {
            changed[i] = true;
        }
        match (had, has) {
            (_, Some(i)) => dirty.push(PageKey::Posting(new.postings[i].slug.clone())),
            (Some(j), None) => removed.push(PageKey::Posting(old.postings[j].slug.clone())),
            (None, None) => {}
        }
    }

    let lists = Lists {
        old,
        new,
        changed,
        per_page: render::per_page(config),
        redirects_changed: render::redirects(old, config).to != render::redirects(new, config).to,
    };
    let old_keys: HashSet<PageKey> = render::list_keys(old, config).into_iter().collect();
    let new_keys = render::list_keys(new, config);
    dirty.extend(
        new_keys
            .iter()
            .filter(|key| !old_keys.contains(*key) || lists.key_dirty(key))
            .cloned(),
    );
    let new_keys: HashSet<&PageKey> = new_keys.iter().collect();
    removed.extend(old_keys.into_iter().filter(|k| !new_keys.contains(k)));
    removed.sort();
    Plan {
        dirty,
        removed,
        changed_postings,
    }
}

/// Postings that changed, by slug: (index in the old board, in the new).
/// A posting is never changed in place, so one that is still the very same
/// `Arc` is unchanged: only the others are looked up and compared.
pub fn changed_postings(old: &Board, new: &Board) -> Vec<(Option<usize>, Option<usize>)> {
    let mut changed = Vec::new();
    for (i, p) in new.postings.iter().enumerate() {
        if old.arc_index(p).is_some() {
            continue;
        }
        let before = old.posting_index(&p.slug);
        if before.is_none_or(|j| *old.postings[j] != **p) {
            changed.push((before, Some(i)));
        }
    }
    for (j, p) in old.postings.iter().enumerate() {
        if new.arc_index(p).is_none() && new.posting_index(&p.slug).is_none() {
            changed.push((Some(j), None));
        }
    }
    changed.sort();
    changed
}

/// The `/companies/` page lists (name, slug, open count) of each company.
fn same_companies(old: &[Company], new: &[Company]) -> bool {
    old.len() == new.len()
        && old
            .iter()
            .zip(new)
            .all(|(a, b)| a.name == b.name && a.slug == b.slug && a.open.len() == b.open.len())
}

/// The `/tags/` page lists (name, open count) of each tag.
fn same_tags(old: &[Tag], new: &[Tag]) -> bool {
    old.len() == new.len()
        && old
            .iter()
            .zip(new)
            .all(|(a, b)| a.name == b.name && a.open.len() == b.open.len())
}

#[derive(Debug, PartialEq, Eq, Hash)]
enum ListId<'a> {
    Home,
    Remote,
    Company(&'a str),
    Tag(&'a str),
}

/// The lists of the old and the new board, compared.
struct Lists<'a> {
    old: &'a Board,
    new: &'a Board,
    /// By index in the new board: the posting is new or changed.
    changed: Vec<bool>,
    per_page: usize,
    /// Some alias is new, gone, or points elsewhere.
    redirects_changed: bool,
}

impl<'a> Lists<'a> {
    /// Whether the files of a key both boards have differ.
    fn key_dirty(&self, key: &PageKey) -> bool {
        match key {
            PageKey::Home(n) => self.page_dirty(&ListId::Home, *n),
            PageKey::Remote(n) => self.page_dirty(&ListId::Remote, *n),
            PageKey::Company(slug, n) => self.page_dirty(&ListId::Company(slug), *n),
            PageKey::Tag(name, n) => self.page_dirty(&ListId::Tag(name), *n),
            PageKey::CompanyFeed(slug) => self.feed_dirty(&ListId::Company(slug)),
            PageKey::CompanyApi(slug) => self.list_dirty(&ListId::Company(slug)),
            PageKey::TagFeed(name) => self.feed_dirty(&ListId::Tag(name)),
            PageKey::Feed | PageKey::JsonFeed => self.feed_dirty(&ListId::Home),
            PageKey::RemoteFeed => self.feed_dirty(&ListId::Remote),
            PageKey::Companies => !same_companies(&self.old.companies, &self.new.companies),
            PageKey::Tags => !same_tags(&self.old.tags, &self.new.tags),
            PageKey::Sitemap => self.sitemap_dirty(),
            // The records of the open postings.
            PageKey::PostingsApi => self.list_dirty(&ListId::Home),
            PageKey::Robots | PageKey::NotFound | PageKey::Search => false,
            PageKey::Redirect(_) | PageKey::Redirects => self.redirects_changed,
            // Posting pages are planned from the changed postings alone.
            PageKey::Posting(_) => false,
        }
    }

    /// The same postings, by slug, in the same order. A posting both boards
    /// share is not read: its slug is the same.
    fn same(&self, old: &[usize], new: &[usize]) -> bool {
        old.len() == new.len()
            && old.iter().zip(new).all(|(&a, &b)| {
                let (a, b) = (&self.old.postings[a], &self.new.postings[b]);
                Arc::ptr_eq(a, b) || a.slug == b.slug
            })
    }

    fn any_changed(&self, new: &[usize]) -> bool {
        new.iter().any(|&i| self.changed[i])
    }

    /// Anything in the list, or its heading, changed.
    fn list_dirty(&self, id: &ListId) -> bool {
        let (old, new) = (list(self.old, id), list(self.new, id));
        !self.same(old, new) || self.any_changed(new) || self.renamed(id)
    }

    /// A feed shows only the newest [`render::FEED_LIMIT`] postings of its list.
    fn feed_dirty(&self, id: &ListId) -> bool {
        let newest = |list: &[usize]| list.len().min(render::FEED_LIMIT);
        let (old, new) = (list(self.old, id), list(self.new, id));
        let (old, new) = (&old[..newest(old)], &new[..newest(new)]);
        !self.same(old, new) || self.any_changed(new) || self.renamed(id)
    }

    /// Page `n` shows other postings, changed ones, or a different total.
    fn page_dirty(&self, id: &ListId, n: usize) -> bool {
        let (old, new) = (list(self.old, id), list(self.new, id));
        if old.len() != new.len() || self.renamed(id) {
            return true;
        }
        let start = ((n - 1) * self.per_page).min(new.len());
        let end = (n * self.per_page).min(new.len());
        let (old, new) = (&old[start..end], &new[start..end]);
        !self.same(old, new) || self.any_changed(new)
    }

    /// The sitemap lists every page of every list, and open postings with
    /// their dates.
    fn sitemap_dirty(&self) -> bool {
        let (old, new) = (self.old, self.new);
        let pages = |n: usize| render::page_count(n, self.per_page);
        let listed = |board: &'a Board| {
            board
                .companies
                .iter()
                .filter(|c| c.is_listed())
                .map(move |c| (c.slug.as_str(), pages(c.open.len())))
        };
        let tags = |board: &'a Board| {
            board
                .tags
                .iter()
                .map(move |t| (t.name.as_str(), pages(t.open.len())))
        };
        let redated = new.open.iter().any(|&i| {
            self.changed[i]
                && old
                    .posting_index(&new.postings[i].slug)
                    .map(|j| old.date(j))
                    != Some(new.date(i))
        });
        !self.same(&old.open, &new.open)
            || redated
            || pages(old.remote.len()) != pages(new.remote.len())
            || !listed(old).eq(listed(new))
            || !tags(old).eq(tags(new))
    }

    /// A renamed company changes all its pages.
    fn renamed(&self, id: &ListId) -> bool {
        match id {
            ListId::Company(slug) => {
                let name = |board: &'a Board| board.company(slug).map(|c| c.name.as_str());
                name(self.old) != name(self.new)
            }
            _ => false,
        }
    }
}

/// A list's postings; an unknown company or tag has none.
fn list<'a>(board: &'a Board, id: &ListId) -> &'a [usize] {
    match id {
        ListId::Home => &board.open,
        ListId::Remote => &board.remote,
        ListId::Company(slug) => board.company(slug).map_or(&[], |c| &c.open),
        ListId::Tag(name) => board.tag(name).map_or(&[], |t| &t.open),
    }
}
