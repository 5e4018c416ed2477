//! The whole site's model: postings sorted newest first, slugs unique,
//! indexed by company and by tag. Built once per build.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::posting::Posting;

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
    /// Indices of the open (not expired) postings, newest first.
    pub open: Vec<usize>,
    /// Companies with at least one posting, A to Z.
    pub companies: Vec<Company>,
    /// Tags of open postings, most used first, then A to Z.
    pub tags: Vec<Tag>,
}

impl Board {
    /// Indexes postings. Slugs are made unique in the order of source paths,
    /// so the same files always get the same URLs.
    pub fn new<P: Into<Arc<Posting>>>(postings: impl IntoIterator<Item = P>) -> Board {
        let mut postings: Vec<Arc<Posting>> = postings.into_iter().map(Into::into).collect();
        postings.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        make_slugs_unique(&mut postings);
        // Newest first; undated postings last; ties by title then slug.
        postings.sort_by_cached_key(|p| {
            let instant = p
                .date
                .as_deref()
                .and_then(|d| d.parse::<jiff::Timestamp>().ok());
            (std::cmp::Reverse(instant), p.title.clone(), p.slug.clone())
        });
        let open: Vec<usize> = (0..postings.len())
            .filter(|&i| !postings[i].expired)
            .collect();

        let mut companies: BTreeMap<String, Company> = BTreeMap::new();
        for (i, p) in postings.iter().enumerate() {
            if let (Some(name), Some(slug)) = (&p.company, &p.company_slug) {
                let company = companies.entry(slug.clone()).or_insert_with(|| Company {
                    name: name.clone(),
                    slug: slug.clone(),
                    open: Vec::new(),
                });
                if !p.expired {
                    company.open.push(i);
                }
            }
        }
        let mut companies: Vec<Company> = companies.into_values().collect();
        companies.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then(a.slug.cmp(&b.slug))
        });

        let mut tags: HashMap<&str, Vec<usize>> = HashMap::new();
        for &i in &open {
            for tag in &postings[i].tags {
                tags.entry(tag).or_default().push(i);
            }
        }
        let mut tags: Vec<Tag> = tags
            .into_iter()
            .map(|(name, open)| Tag {
                name: name.to_string(),
                open,
            })
            .collect();
        tags.sort_by(|a, b| {
            b.open
                .len()
                .cmp(&a.open.len())
                .then_with(|| a.name.cmp(&b.name))
        });

        Board {
            postings,
            open,
            companies,
            tags,
        }
    }

    pub fn company(&self, slug: &str) -> Option<&Company> {
        self.companies.iter().find(|c| c.slug == slug)
    }
}

/// The second `acme-engineer` becomes `acme-engineer-2`, and so on.
fn make_slugs_unique(postings: &mut [Arc<Posting>]) {
    let mut taken: HashSet<String> = HashSet::new();
    for p in postings.iter_mut() {
        if !taken.contains(&p.slug) {
            taken.insert(p.slug.clone());
            continue;
        }
        let original = p.slug.clone();
        let unique = (2..)
            .map(|n| format!("{original}-{n}"))
            .find(|s| !taken.contains(s))
            .unwrap_or_default();
        let p = Arc::make_mut(p);
        p.warnings.push(format!("slug `{original}` is used by another posting; this one is `{unique}`: set `slug:` to choose"));
        p.slug = unique.clone();
        taken.insert(unique);
    }
}
