//! The whole site's model: postings sorted newest first, slugs unique,
//! indexed by company and by tag. Built once per build, and again on every
//! save in `serve`. Each posting is a heap object of its own, and on a big
//! board reading a field of each of 10,000 costs milliseconds: a board keeps
//! what its lists need of each posting in a compact [`Facts`] record, and
//! the next board reads only the postings it does not share with this one.

use std::collections::hash_map::Entry;
use std::sync::Arc;

use foldhash::{HashMap, HashMapExt};

use crate::posting::{Diagnostic, Posting, Remote};

/// A company with its open postings.
#[derive(Debug, Clone, PartialEq)]
pub struct Company {
    pub name: String,
    pub slug: String,
    /// Indices into [`Board::postings`] of its open postings, newest first.
    pub open: Vec<usize>,
}

impl Company {
    /// Listed on `/companies/`, in the sitemap and for search engines: it
    /// has open postings (one with only closed ones keeps a page while they
    /// link to it).
    pub fn is_listed(&self) -> bool {
        !self.open.is_empty()
    }
}

/// A tag with its open postings.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub name: String,
    /// Indices into [`Board::postings`] of its open postings, newest first.
    pub open: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Board {
    /// Every posting, closed ones included, newest first.
    /// Shared with the dev server's sources, so a rebuild copies no posting.
    pub postings: Vec<Arc<Posting>>,
    /// Indices of the open (not closed or expired) postings, newest first.
    pub open: Vec<usize>,
    /// Indices of the open fully remote postings, newest first.
    pub remote: Vec<usize>,
    /// Companies with at least one posting, A to Z.
    pub companies: Vec<Company>,
    /// Tags of open postings, most used first, then A to Z.
    pub tags: Vec<Tag>,
    /// Indices into `postings`, `companies` and `tags` by slug or name.
    posting_index: HashMap<String, usize>,
    company_index: HashMap<String, usize>,
    tag_index: HashMap<String, usize>,
    /// Postings that had to take another slug, by that slug: (as given,
    /// as renamed), so the next board of the same files reuses the copy.
    renamed: Renamed,
    /// By index: what the lists need of each posting.
    facts: Vec<Facts>,
    /// The tags of every posting, as `Facts::tags` ranges point into it.
    tag_ids: Vec<u32>,
    names: Arc<Names>,
    /// Index of each posting by the address of its `Arc`.
    by_arc: HashMap<usize, usize>,
}

/// What the lists need of a posting.
#[derive(Debug, Clone, Copy)]
struct Facts {
    date: Option<jiff::Timestamp>,
    /// Closed or expired: out of every list.
    closed: bool,
    /// It has old addresses to redirect from.
    aliased: bool,
    remote: bool,
    /// [`Names`] ids of the company's slug and name.
    company: Option<(u32, u32)>,
    /// Where its tags' ids are in the board's `tag_ids`.
    tags: (u32, u32),
}

impl Facts {
    fn read(p: &Posting, names: &mut Arc<Names>, tag_ids: &mut Vec<u32>) -> Facts {
        let start = tag_ids.len() as u32;
        tag_ids.extend(p.tags.iter().map(|t| names_id(names, t)));
        Facts {
            date: p.date.map(|d| d.timestamp()),
            closed: p.status.is_closed(),
            aliased: !p.aliases.is_empty(),
            remote: p.remote == Some(Remote::Remote),
            company: p
                .company_slug
                .as_deref()
                .zip(p.company.as_deref())
                .map(|(slug, name)| (names_id(names, slug), names_id(names, name))),
            tags: (start, tag_ids.len() as u32),
        }
    }

    /// These facts, with the tags copied from `from` to the end of `to`.
    fn copy(&self, from: &[u32], to: &mut Vec<u32>) -> Facts {
        let start = to.len() as u32;
        to.extend_from_slice(&from[self.tags.0 as usize..self.tags.1 as usize]);
        Facts {
            tags: (start, to.len() as u32),
            ..*self
        }
    }
}

/// Company slugs and names, and tags, by number: shared from board to
/// board, and only ever added to.
#[derive(Debug, Clone, Default)]
struct Names {
    names: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Names {
    fn get(&self, id: u32) -> &str {
        &self.names[id as usize]
    }
}

/// The id of `name`, added when new (copying the shared table only then).
fn names_id(names: &mut Arc<Names>, name: &str) -> u32 {
    if let Some(&id) = names.ids.get(name) {
        return id;
    }
    let names = Arc::make_mut(names);
    let id = names.names.len() as u32;
    names.names.push(name.to_string());
    names.ids.insert(name.to_string(), id);
    id
}

type Renamed = HashMap<String, (Arc<Posting>, Arc<Posting>)>;

impl Board {
    /// Indexes postings. Slugs are made unique in the order of source paths,
    /// so the same files always get the same URLs.
    pub fn new<P: Into<Arc<Posting>>>(postings: impl IntoIterator<Item = P>) -> Board {
        Board::index(postings.into_iter().map(Into::into).collect(), None)
    }

    /// The board of `postings`, a new version of this board's: what did not
    /// change keeps its very `Arc`, renamed duplicates included, so that a
    /// comparison with this board is cheap.
    pub fn next(&self, postings: impl IntoIterator<Item = Arc<Posting>>) -> Board {
        Board::index(postings.into_iter().collect(), Some(self))
    }

    /// `postings` in source path order with the slugs a board gives them
    /// (and its warnings on duplicates), without the rest of a board.
    pub fn with_unique_slugs(postings: Vec<Posting>) -> Vec<Posting> {
        let mut postings: Vec<Arc<Posting>> = postings.into_iter().map(Arc::new).collect();
        postings.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        // Its copies of renamed postings are let go first, so none is cloned.
        drop(unique_slugs(&mut postings, None));
        postings.into_iter().map(Arc::unwrap_or_clone).collect()
    }

    fn index(mut postings: Vec<Arc<Posting>>, previous: Option<&Board>) -> Board {
        postings.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        let (mut posting_index, renamed) =
            unique_slugs(&mut postings, previous.map(|b| &b.renamed));
        let mut names = previous.map_or_else(Arc::default, |b| b.names.clone());
        let mut tag_ids = Vec::new();
        let facts: Vec<Facts> = postings
            .iter()
            .map(|p| {
                let known = previous.and_then(|b| Some((b, b.arc_index(p)?)));
                match known {
                    Some((b, i)) => b.facts[i].copy(&b.tag_ids, &mut tag_ids),
                    None => Facts::read(p, &mut names, &mut tag_ids),
                }
            })
            .collect();

        let order = newest_first(&postings, &facts);
        let mut position = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            position[old] = new;
        }
        for i in posting_index.values_mut() {
            *i = position[*i];
        }
        let mut slots: Vec<Option<Arc<Posting>>> = postings.into_iter().map(Some).collect();
        let postings: Vec<Arc<Posting>> = order.iter().filter_map(|&i| slots[i].take()).collect();
        let facts: Vec<Facts> = order.iter().map(|&i| facts[i]).collect();
        let lists = Lists::of(&facts, &tag_ids, &names);
        Board {
            company_index: index_of(lists.companies.iter().map(|c| &c.slug)),
            tag_index: index_of(lists.tags.iter().map(|t| &t.name)),
            by_arc: postings
                .iter()
                .enumerate()
                .map(|(i, p)| (address(p), i))
                .collect(),
            posting_index,
            postings,
            open: lists.open,
            remote: lists.remote,
            companies: lists.companies,
            tags: lists.tags,
            renamed,
            facts,
            tag_ids,
            names,
        }
    }

    /// The index of this very posting (not an equal one) in [`Board::postings`].
    pub fn arc_index(&self, p: &Arc<Posting>) -> Option<usize> {
        self.by_arc.get(&address(p)).copied()
    }

    /// Indices of the postings that have `aliases`, read off the compact
    /// facts: most postings have none, and a save reads none of them.
    pub fn aliased(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.facts.len()).filter(|&i| self.facts[i].aliased)
    }

    /// The parsed `date` of the posting at index `i`.
    pub fn date(&self, i: usize) -> Option<jiff::Timestamp> {
        self.facts[i].date
    }

    /// The index in [`Board::postings`] of the posting at `slug`.
    pub fn posting_index(&self, slug: &str) -> Option<usize> {
        self.posting_index.get(slug).copied()
    }

    pub fn posting(&self, slug: &str) -> Option<&Posting> {
        self.posting_index(slug).map(|i| &*self.postings[i])
    }

    pub fn company(&self, slug: &str) -> Option<&Company> {
        self.company_index.get(slug).map(|&i| &self.companies[i])
    }

    pub fn tag(&self, name: &str) -> Option<&Tag> {
        self.tag_index.get(name).map(|&i| &self.tags[i])
    }
}

fn address(p: &Arc<Posting>) -> usize {
    Arc::as_ptr(p) as usize
}

fn index_of<'a>(keys: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    keys.enumerate().map(|(i, key)| (key.clone(), i)).collect()
}

/// Newest first; undated postings last; ties by title then slug. Returns
/// the indices of `postings` in that order.
fn newest_first(postings: &[Arc<Posting>], facts: &[Facts]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..postings.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&postings[a], &postings[b]);
        facts[b]
            .date
            .cmp(&facts[a].date)
            .then_with(|| pa.title.cmp(&pb.title))
            .then_with(|| pa.slug.cmp(&pb.slug))
    });
    order
}

/// Every list of a board, read off its postings (newest first) in one pass.
struct Lists {
    open: Vec<usize>,
    remote: Vec<usize>,
    companies: Vec<Company>,
    tags: Vec<Tag>,
}

impl Lists {
    fn of(facts: &[Facts], tag_ids: &[u32], names: &Names) -> Lists {
        let mut lists = Lists {
            open: Vec::new(),
            remote: Vec::new(),
            companies: Vec::new(),
            tags: Vec::new(),
        };
        // Company and tag ids to their index in the lists.
        let mut companies: HashMap<u32, usize> = HashMap::new();
        let mut tags: HashMap<u32, usize> = HashMap::new();
        for (i, f) in facts.iter().enumerate() {
            if let Some((slug, name)) = f.company {
                // The newest posting names the company.
                let c = *companies.entry(slug).or_insert_with(|| {
                    lists.companies.push(Company {
                        name: names.get(name).to_string(),
                        slug: names.get(slug).to_string(),
                        open: Vec::new(),
                    });
                    lists.companies.len() - 1
                });
                if !f.closed {
                    lists.companies[c].open.push(i);
                }
            }
            if f.closed {
                continue;
            }
            lists.open.push(i);
            if f.remote {
                lists.remote.push(i);
            }
            for &tag in &tag_ids[f.tags.0 as usize..f.tags.1 as usize] {
                let t = *tags.entry(tag).or_insert_with(|| {
                    lists.tags.push(Tag {
                        name: names.get(tag).to_string(),
                        open: Vec::new(),
                    });
                    lists.tags.len() - 1
                });
                lists.tags[t].open.push(i);
            }
        }
        lists
            .companies
            .sort_by_cached_key(|c| (c.name.to_lowercase(), c.slug.clone()));
        lists.tags.sort_by(|a, b| {
            b.open
                .len()
                .cmp(&a.open.len())
                .then_with(|| a.name.cmp(&b.name))
        });
        lists
    }
}

/// Returns each posting's index by slug, after the second `acme-engineer`
/// became `acme-engineer-2`, and so on. A renamed posting is a changed copy;
/// `reuse` holds the copies of the last board, taken again when made from
/// the same posting.
fn unique_slugs(
    postings: &mut [Arc<Posting>],
    reuse: Option<&Renamed>,
) -> (HashMap<String, usize>, Renamed) {
    let mut index: HashMap<String, usize> = HashMap::with_capacity(postings.len());
    let mut duplicates = Vec::new();
    for (i, p) in postings.iter().enumerate() {
        match index.entry(p.slug.clone()) {
            Entry::Occupied(_) => duplicates.push(i),
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    // Every posting's own slug is taken from the start: a renamed duplicate
    // never takes the slug that another file was given.
    let mut renamed = Renamed::default();
    for i in duplicates {
        let original = &postings[i].slug;
        let unique = (2..)
            .map(|n| format!("{original}-{n}"))
            .find(|s| !index.contains_key(s))
            .unwrap_or_default();
        let given = postings[i].clone();
        let copy = match reuse.and_then(|r| r.get(&unique)) {
            Some((before, copy)) if Arc::ptr_eq(before, &given) => copy.clone(),
            _ => {
                let mut p = (*given).clone();
                // The copy is kept for the next board while `given` is
                // unchanged, so its message names nothing else that may change.
                p.warn(
                    Diagnostic::warning(
                        "duplicate-slug",
                        format!(
                            "slug `{original}` is used by another posting; this one is `{unique}`"
                        ),
                    )
                    .with_help("set `slug:` to choose"),
                );
                p.slug = unique.clone();
                Arc::new(p)
            }
        };
        postings[i] = copy.clone();
        index.insert(unique.clone(), i);
        renamed.insert(unique, (given, copy));
    }
    (index, renamed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::example;

    fn posting(slug: &str, title: &str, company: &str, date: Option<&str>) -> Posting {
        let mut p = example(slug, title, Some(company), date);
        p.source.path = format!("content/{title}.md");
        p
    }

    fn slugs(board: &Board, list: &[usize]) -> Vec<String> {
        list.iter()
            .map(|&i| board.postings[i].slug.clone())
            .collect()
    }

    /// Undated, tied, closed and remote postings of two companies.
    fn mixed() -> Vec<Posting> {
        let mut closed = posting("c", "C", "acme", Some("2025-03-05T00:00:00Z"));
        closed.status = crate::posting::Status::Closed;
        let mut remote = posting("b", "B", "Globex", Some("2025-03-04T00:00:00Z"));
        remote.remote = Some(Remote::Remote);
        remote.tags = vec!["rust".into(), "go".into()];
        let mut tied = posting("a", "A", "Acme", Some("2025-03-04T00:00:00Z"));
        tied.tags = vec!["rust".into()];
        let undated = posting("d", "D", "Acme", None);
        vec![undated, tied, closed, remote]
    }

    #[test]
    fn slugs_alone_are_made_unique_as_a_board_makes_them() {
        let given = vec![
            posting("baker", "Z", "Acme", Some("2025-03-01T00:00:00Z")),
            posting("baker", "A", "Acme", None),
            posting("baker-2", "M", "Acme", None),
            posting("cook", "B", "Globex", None),
        ];
        let mut from_board: Vec<Posting> = Board::new(given.clone())
            .postings
            .iter()
            .map(|p| (**p).clone())
            .collect();
        from_board.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        let alone = Board::with_unique_slugs(given);
        let shown = |ps: &[Posting]| {
            ps.iter()
                .map(|p| (p.source.path.clone(), p.slug.clone(), p.warnings.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(shown(&alone), shown(&from_board));
        let slugs: Vec<&str> = alone.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["baker", "cook", "baker-2", "baker-3"]);
    }

    #[test]
    fn postings_are_newest_first_and_listed_by_company_and_tag() {
        let board = Board::new(mixed());

        assert_eq!(
            slugs(&board, &(0..4).collect::<Vec<_>>()),
            ["c", "a", "b", "d"]
        );
        assert_eq!(slugs(&board, &board.open), ["a", "b", "d"]);
        assert_eq!(slugs(&board, &board.remote), ["b"]);
        let companies: Vec<(&str, Vec<String>)> = board
            .companies
            .iter()
            .map(|c| (c.name.as_str(), slugs(&board, &c.open)))
            .collect();
        // The newest posting, closed or not, names the company.
        assert_eq!(
            companies,
            [
                ("acme", vec!["a".into(), "d".into()]),
                ("Globex", vec!["b".into()])
            ]
        );
        let tags: Vec<(&str, usize)> = board
            .tags
            .iter()
            .map(|t| (t.name.as_str(), t.open.len()))
            .collect();
        assert_eq!(tags, [("rust", 2), ("go", 1)]);
        assert_eq!(board.posting("b").map(|p| p.title.as_str()), Some("B"));
        assert_eq!(
            board.tag("go").map(|t| slugs(&board, &t.open)),
            Some(vec!["b".into()])
        );
        assert!(board.company("globex").is_some() && board.posting("zzz").is_none());
    }

    #[test]
    fn a_taken_slug_gets_a_number_that_no_other_file_was_given() {
        let board = Board::new([
            posting("eng", "1", "Acme", None),
            posting("eng", "2", "Acme", None),
            posting("eng-2", "3", "Acme", None),
        ]);
        let by_file = |title: &str| {
            let p = board.postings.iter().find(|p| p.title == title).unwrap();
            (p.slug.clone(), p.warnings.len())
        };
        assert_eq!(by_file("1"), ("eng".into(), 0));
        assert_eq!(by_file("2"), ("eng-3".into(), 1));
        assert_eq!(by_file("3"), ("eng-2".into(), 0));
    }

    #[test]
    fn the_next_board_keeps_unchanged_renamed_copies() {
        let first: Vec<Arc<Posting>> = ["1", "2"]
            .map(|t| Arc::new(posting("eng", t, "Acme", None)))
            .into();
        let board = Board::new(first.clone());
        let copy = |b: &Board| {
            b.postings
                .iter()
                .find(|p| p.slug == "eng-2")
                .unwrap()
                .clone()
        };

        let same = board.next(first.clone());
        assert!(Arc::ptr_eq(&copy(&board), &copy(&same)));
        assert_eq!(lists(&same), lists(&Board::new(first.clone())));

        let edited = Arc::new(posting("eng", "2", "Globex", None));
        let next = board.next([first[0].clone(), edited.clone()]);
        assert!(!Arc::ptr_eq(&copy(&board), &copy(&next)));
        assert_eq!(copy(&next).company.as_deref(), Some("Globex"));
        assert_eq!(lists(&next), lists(&Board::new([first[0].clone(), edited])));

        // What is carried over (dates, tags, flags) gives a fresh board's lists.
        let mixed: Vec<Arc<Posting>> = mixed().into_iter().map(Arc::new).collect();
        let before = Board::new(mixed.clone());
        let mut moved = (*mixed[1]).clone();
        moved.date = Some("2025-03-06T00:00:00Z".parse().unwrap());
        moved.tags.push("go".into());
        let mut now = mixed;
        now[1] = Arc::new(moved);
        assert_eq!(lists(&before.next(now.clone())), lists(&Board::new(now)));
    }

    /// Everything a board shows, by slug.
    fn lists(board: &Board) -> Vec<Vec<String>> {
        let every: Vec<usize> = (0..board.postings.len()).collect();
        let mut all = vec![
            slugs(board, &every),
            every
                .iter()
                .map(|&i| format!("{:?}", board.date(i)))
                .collect(),
            slugs(board, &board.open),
            slugs(board, &board.remote),
        ];
        for c in &board.companies {
            all.push([vec![c.name.clone(), c.slug.clone()], slugs(board, &c.open)].concat());
        }
        for t in &board.tags {
            all.push([vec![t.name.clone()], slugs(board, &t.open)].concat());
        }
        all
    }
}
