//! The whole site's model: postings sorted newest first, slugs unique,
//! indexed by company and by tag. Built once per build, and again on every
//! save in `serve`: each posting is a heap object of its own, so on a big
//! board every pass over them costs, and the board is built in two.

use std::sync::Arc;

use foldhash::{HashMap, HashMapExt};

use crate::posting::{Posting, Remote};

/// A company with its open postings.
#[derive(Debug, Clone, PartialEq)]
pub struct Company {
    pub name: String,
    pub slug: String,
    /// Indices into [`Board::postings`] of its open postings, newest first.
    pub open: Vec<usize>,
}

/// A tag with its open postings.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub name: String,
    /// Indices into [`Board::postings`] of its open postings, newest first.
    pub open: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    /// Every posting, expired ones included, newest first.
    /// Shared with the dev server's sources, so a rebuild copies no posting.
    pub postings: Vec<Arc<Posting>>,
    /// The parsed `date` of each posting, by index.
    pub dates: Vec<Option<jiff::Timestamp>>,
    /// Indices of the open (not expired) postings, newest first.
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
        Board::index(postings.into_iter().collect(), Some(&self.renamed))
    }

    fn index(mut postings: Vec<Arc<Posting>>, reuse: Option<&Renamed>) -> Board {
        postings.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        // Pass 1, in path order: slugs made unique, dates parsed.
        let (mut posting_index, renamed) = unique_slugs(&mut postings, reuse);
        let dates: Vec<Option<jiff::Timestamp>> = postings
            .iter()
            .map(|p| p.date.as_deref().and_then(|d| d.parse().ok()))
            .collect();
        let order = newest_first(&postings, &dates);
        let mut position = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            position[old] = new;
        }
        for i in posting_index.values_mut() {
            *i = position[*i];
        }
        let mut slots: Vec<Option<Arc<Posting>>> = postings.into_iter().map(Some).collect();
        let postings: Vec<Arc<Posting>> = order.iter().filter_map(|&i| slots[i].take()).collect();
        let dates = order.iter().map(|&i| dates[i]).collect();
        // Pass 2, newest first: the lists.
        let lists = Lists::of(&postings);
        Board {
            company_index: index_of(lists.companies.iter().map(|c| &c.slug)),
            tag_index: index_of(lists.tags.iter().map(|t| &t.name)),
            posting_index,
            postings,
            dates,
            open: lists.open,
            remote: lists.remote,
            companies: lists.companies,
            tags: lists.tags,
            renamed,
        }
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

fn index_of<'a>(keys: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    keys.enumerate().map(|(i, key)| (key.clone(), i)).collect()
}

/// Newest first; undated postings last; ties by title then slug. Returns
/// the indices of `postings` in that order.
fn newest_first(postings: &[Arc<Posting>], dates: &[Option<jiff::Timestamp>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..postings.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&postings[a], &postings[b]);
        dates[b]
            .cmp(&dates[a])
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
    fn of(postings: &[Arc<Posting>]) -> Lists {
        let mut lists = Lists {
            open: Vec::new(),
            remote: Vec::new(),
            companies: Vec::new(),
            tags: Vec::new(),
        };
        let mut companies: HashMap<&str, usize> = HashMap::new();
        let mut tags: HashMap<&str, usize> = HashMap::new();
        for (i, p) in postings.iter().enumerate() {
            if let (Some(name), Some(slug)) = (&p.company, &p.company_slug) {
                // The newest posting names the company.
                let c = *companies.entry(slug).or_insert_with(|| {
                    lists.companies.push(Company {
                        name: name.clone(),
                        slug: slug.clone(),
                        open: Vec::new(),
                    });
                    lists.companies.len() - 1
                });
                if !p.expired {
                    lists.companies[c].open.push(i);
                }
            }
            if p.expired {
                continue;
            }
            lists.open.push(i);
            if p.remote == Some(Remote::Remote) {
                lists.remote.push(i);
            }
            for name in &p.tags {
                let t = *tags.entry(name).or_insert_with(|| {
                    lists.tags.push(Tag {
                        name: name.clone(),
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
        if index.contains_key(&p.slug) {
            duplicates.push(i);
        } else {
            index.insert(p.slug.clone(), i);
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
                p.warnings.push(format!("slug `{}` is used by another posting; this one is `{unique}`: set `slug:` to choose", given.slug));
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
    use crate::posting::example;

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

    #[test]
    fn postings_are_newest_first_and_listed_by_company_and_tag() {
        let mut closed = posting("c", "C", "acme", Some("2025-03-05T00:00:00Z"));
        closed.expired = true;
        let mut remote = posting("b", "B", "Globex", Some("2025-03-04T00:00:00Z"));
        remote.remote = Some(Remote::Remote);
        remote.tags = vec!["rust".into(), "go".into()];
        let mut tied = posting("a", "A", "Acme", Some("2025-03-04T00:00:00Z"));
        tied.tags = vec!["rust".into()];
        let undated = posting("d", "D", "Acme", None);
        let board = Board::new([undated, tied, closed, remote]);

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
        assert_eq!(same, Board::new(first.clone()));

        let edited = Arc::new(posting("eng", "2", "Globex", None));
        let next = board.next([first[0].clone(), edited]);
        assert!(!Arc::ptr_eq(&copy(&board), &copy(&next)));
        assert_eq!(copy(&next).company.as_deref(), Some("Globex"));
    }
}
