//! Which pages a content change touches: the old and the new board compared,
//! list by list, so that re-rendering only those gives the bytes a full
//! build would.

use std::collections::{HashMap, HashSet};

use crate::board::Board;
use crate::config::Config;
use crate::posting::{Posting, Remote};
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

/// A posting list as pages show it: slugs in order.
type List<'a> = Vec<&'a str>;

pub fn plan(old: &Board, new: &Board, config: &Config) -> Plan {
    let old_by_slug = by_slug(old);
    let new_by_slug = by_slug(new);
    let mut changed_postings: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut changed: HashSet<&str> = HashSet::new();
    for (slug, &i) in &new_by_slug {
        let before = old_by_slug.get(slug).copied();
        // Files not re-read keep their very `Arc`: no deep comparison needed.
        let same = |j: usize| {
            std::sync::Arc::ptr_eq(&old.postings[j], &new.postings[i])
                || old.postings[j] == new.postings[i]
        };
        if before.is_none_or(|j| !same(j)) {
            changed_postings.push((before, Some(i)));
            changed.insert(slug);
        }
    }
    for (slug, &j) in &old_by_slug {
        if !new_by_slug.contains_key(slug) {
            changed_postings.push((Some(j), None));
            changed.insert(slug);
        }
    }
    changed_postings.sort();

    let old_keys: HashSet<PageKey> = render::page_keys(old, config).into_iter().collect();
    let new_keys = render::page_keys(new, config);
    let lists = Lists {
        old: ListIndex::new(old),
        new: ListIndex::new(new),
        changed: &changed,
        per_page: config.paginate_by.max(1),
    };
    let any_change = !changed.is_empty();
    let dirty = new_keys
        .iter()
        .filter(|key| {
            !old_keys.contains(key)
                || match key {
                    PageKey::Posting(slug) => changed.contains(slug.as_str()),
                    PageKey::Home(n) => lists.page_dirty(&ListId::Home, *n),
                    PageKey::Remote(n) => lists.page_dirty(&ListId::Remote, *n),
                    PageKey::Company(slug, n) => lists.page_dirty(&ListId::Company(slug), *n),
                    PageKey::Tag(name, n) => lists.page_dirty(&ListId::Tag(name), *n),
                    PageKey::CompanyFeed(slug) => lists.feed_dirty(&ListId::Company(slug)),
                    PageKey::CompanyApi(slug) => lists.list_dirty(&ListId::Company(slug)),
                    PageKey::TagFeed(name) => lists.feed_dirty(&ListId::Tag(name)),
                    PageKey::Feed | PageKey::JsonFeed => lists.feed_dirty(&ListId::Home),
                    PageKey::Companies => lists.old.companies != lists.new.companies,
                    PageKey::Tags => lists.old.tags != lists.new.tags,
                    PageKey::Sitemap | PageKey::PostingsApi => any_change,
                    PageKey::Robots | PageKey::NotFound => false,
                }
        })
        .cloned()
        .collect();
    let new_keys: HashSet<PageKey> = new_keys.into_iter().collect();
    let mut removed: Vec<PageKey> = old_keys
        .into_iter()
        .filter(|k| !new_keys.contains(k))
        .collect();
    removed.sort();
    Plan {
        dirty,
        removed,
        changed_postings,
    }
}

fn by_slug(board: &Board) -> HashMap<&str, usize> {
    board
        .postings
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.as_str(), i))
        .collect()
}

#[derive(Debug, PartialEq, Eq, Hash)]
enum ListId<'a> {
    Home,
    Remote,
    Company(&'a str),
    Tag(&'a str),
}

/// Every list of a board, and the summaries the index pages show.
struct ListIndex<'a> {
    lists: HashMap<ListId<'a>, List<'a>>,
    /// (name, slug, open count) of each company, as `/companies/` lists them.
    companies: Vec<(&'a str, &'a str, usize)>,
    /// (name, open count) of each tag, as `/tags/` lists them.
    tags: Vec<(&'a str, usize)>,
    /// Company names: a renamed company changes all its pages.
    company_names: HashMap<&'a str, &'a str>,
}

impl<'a> ListIndex<'a> {
    fn new(board: &'a Board) -> ListIndex<'a> {
        let slugs = |indices: &[usize]| -> List<'a> {
            indices
                .iter()
                .map(|&i| board.postings[i].slug.as_str())
                .collect()
        };
        let mut lists = HashMap::new();
        lists.insert(ListId::Home, slugs(&board.open));
        let remote: Vec<usize> = board
            .open
            .iter()
            .copied()
            .filter(|&i| is_remote(&board.postings[i]))
            .collect();
        lists.insert(ListId::Remote, slugs(&remote));
        for c in &board.companies {
            lists.insert(ListId::Company(&c.slug), slugs(&c.open));
        }
        for t in &board.tags {
            lists.insert(ListId::Tag(&t.name), slugs(&t.open));
        }
        ListIndex {
            lists,
            companies: board
                .companies
                .iter()
                .map(|c| (c.name.as_str(), c.slug.as_str(), c.open.len()))
                .collect(),
            tags: board
                .tags
                .iter()
                .map(|t| (t.name.as_str(), t.open.len()))
                .collect(),
            company_names: board
                .companies
                .iter()
                .map(|c| (c.slug.as_str(), c.name.as_str()))
                .collect(),
        }
    }
}

fn is_remote(p: &Posting) -> bool {
    p.remote == Some(Remote::Remote)
}

struct Lists<'a> {
    old: ListIndex<'a>,
    new: ListIndex<'a>,
    changed: &'a HashSet<&'a str>,
    per_page: usize,
}

impl Lists<'_> {
    fn pair<'s>(&'s self, id: &ListId<'s>) -> (&'s [&'s str], &'s [&'s str]) {
        let (old, new): (&'s ListIndex<'s>, &'s ListIndex<'s>) = (&self.old, &self.new);
        let list = |index: &'s ListIndex<'s>| index.lists.get(id).map_or(&[][..], Vec::as_slice);
        (list(old), list(new))
    }

    /// Anything in the list, or its heading, changed.
    fn list_dirty<'s>(&'s self, id: &ListId<'s>) -> bool {
        let (old, new) = self.pair(id);
        old != new || new.iter().any(|s| self.changed.contains(s)) || self.renamed(id)
    }

    /// A feed shows only the newest [`render::FEED_LIMIT`] postings of its list.
    fn feed_dirty<'s>(&'s self, id: &ListId<'s>) -> bool {
        let (old, new) = self.pair(id);
        let newest = |list: &'s [&'s str]| &list[..list.len().min(render::FEED_LIMIT)];
        newest(old) != newest(new)
            || newest(new).iter().any(|s| self.changed.contains(s))
            || self.renamed(id)
    }

    /// Page `n` shows other postings, changed ones, or a different total.
    fn page_dirty<'s>(&'s self, id: &ListId<'s>, n: usize) -> bool {
        let (old, new) = self.pair(id);
        if old.len() != new.len() || self.renamed(id) {
            return true;
        }
        let range = |list: &[&str]| {
            let start = ((n - 1) * self.per_page).min(list.len());
            let end = (n * self.per_page).min(list.len());
            start..end
        };
        let (old_page, new_page) = (&old[range(old)], &new[range(new)]);
        old_page != new_page || new_page.iter().any(|s| self.changed.contains(s))
    }

    fn renamed<'s>(&'s self, id: &ListId<'s>) -> bool {
        match id {
            ListId::Company(slug) => {
                self.old.company_names.get(slug) != self.new.company_names.get(slug)
            }
            _ => false,
        }
    }
}
