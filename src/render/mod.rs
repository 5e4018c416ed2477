//! Board + theme -> pages in memory: HTML through Tera, feeds, sitemap, API,
//! search index. Nothing here touches the output folder.
//!
//! Every output file belongs to a [`PageKey`]; [`page_keys`] lists them for a
//! board and [`render_keyed`] / [`render_changed`] render some, so `serve`
//! can re-render only what a change touches. A posting's page depends on
//! that posting and the config alone (no "related jobs").

mod feeds;
mod jsonld;
mod redirects;
pub mod search;
mod theme;
mod urls;
mod views;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::board::{Board, Company, Tag};
use crate::companies::{Logo, Profile};
use crate::config::{Config, ExpiredMode};
use crate::posting::{Posting, Status};
use feeds::FeedSpec;
pub(crate) use urls::Urls;
use views::{
    count_text, CardView, FeedLink, Formatter, PageMeta, PaginationView, ProfileView, SiteView,
};

pub(crate) use feeds::FEED_LIMIT;
pub use redirects::{redirects, Conflict, Redirects};
pub use theme::Theme;
// `check` reads what Google would see of each posting.
pub(crate) use jsonld::job_posting;

/// One output file: `path` is relative to the output folder, with `/`
/// (`jobs/acme-engineer/index.html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Why the site could not be rendered. For template errors `file` is the
/// template's path relative to the site root (or `(built-in) themes/default/...`)
/// and `line`/`column` point into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl RenderError {
    pub(crate) fn plain(message: String) -> RenderError {
        RenderError {
            file: None,
            line: None,
            column: None,
            message,
        }
    }
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}")?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for RenderError {}

#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The build's "now": the `updated` of feeds without dated postings.
    pub now: jiff::Timestamp,
    /// A snippet `serve` injects before `</body>` of every HTML page; `None` in `build`.
    pub live_reload: Option<String>,
}

/// One output file or group of files, by what it shows. Page numbers start at 1.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Ord, PartialOrd, Serialize, serde::Deserialize)]
pub enum PageKey {
    /// `/`, `/page/N/`: open postings, newest first.
    Home(usize),
    /// `/remote/`, `/remote/page/N/`: open fully remote postings.
    Remote(usize),
    /// `/jobs/<slug>/`
    Posting(String),
    /// `/companies/`
    Companies,
    /// `/companies/<slug>/`, `/companies/<slug>/page/N/`
    Company(String, usize),
    /// `/companies/<slug>/atom.xml`
    CompanyFeed(String),
    /// `/api/companies/<slug>.json`
    CompanyApi(String),
    /// `/tags/`
    Tags,
    /// `/tags/<tag>/`, `/tags/<tag>/page/N/`
    Tag(String, usize),
    /// `/tags/<tag>/atom.xml`
    TagFeed(String),
    /// `/atom.xml`
    Feed,
    /// `/remote/atom.xml`
    RemoteFeed,
    /// `/feed.json`
    JsonFeed,
    /// `/sitemap.xml`, plus `/sitemap-N.xml` past 50,000 URLs.
    Sitemap,
    /// `/robots.txt`
    Robots,
    /// `/api/postings.json`
    PostingsApi,
    /// `/404.html`
    NotFound,
    /// `/search/`: the results page, filled by `search.js`.
    Search,
    /// A page at an old address of a posting (`jobs/old-slug/`, from `aliases:`).
    Redirect(String),
    /// `/_redirects`: every alias, for Netlify and Cloudflare Pages.
    Redirects,
}

/// Whether the key's page shows the build's "now" whatever the postings
/// are: an Atom feed's `updated`, the results page's day for undated
/// postings. (Undated postings' own pages show it too: those postings are
/// normalized again when "now" moves.)
pub fn shows_now(key: &PageKey) -> bool {
    matches!(
        key,
        PageKey::Feed
            | PageKey::RemoteFeed
            | PageKey::CompanyFeed(_)
            | PageKey::TagFeed(_)
            | PageKey::Search
    )
}

/// The template a key's page is made with; `None` for files made in Rust.
fn template_of(key: &PageKey) -> Option<&'static str> {
    match key {
        PageKey::Home(_) | PageKey::Remote(_) => Some("index.html"),
        PageKey::Posting(_) => Some("posting.html"),
        PageKey::Companies => Some("companies.html"),
        PageKey::Company(..) => Some("company.html"),
        PageKey::Tags => Some("tags.html"),
        PageKey::Tag(..) => Some("tag.html"),
        PageKey::NotFound => Some("404.html"),
        PageKey::Search => Some("search.html"),
        // Made in Rust; listed so that a new page key must say which it is.
        PageKey::CompanyFeed(_)
        | PageKey::CompanyApi(_)
        | PageKey::TagFeed(_)
        | PageKey::Feed
        | PageKey::RemoteFeed
        | PageKey::JsonFeed
        | PageKey::Sitemap
        | PageKey::Robots
        | PageKey::PostingsApi
        | PageKey::Redirect(_)
        | PageKey::Redirects => None,
    }
}

/// Whether the template of `key`'s page, or one it reaches, differs
/// between `theme` and the theme of the fingerprints `before`.
pub fn template_changed(key: &PageKey, theme: &Theme, before: &BTreeMap<String, String>) -> bool {
    template_of(key).is_some_and(|t| theme.fingerprints().get(t) != before.get(t))
}

/// The output file of a posting's page (`jobs/<slug>/index.html`).
pub fn posting_file(slug: &str) -> String {
    urls::file_of(&urls::posting(slug))
}

/// Every key of the site's pages, in a stable order (the sitemap's).
pub fn page_keys(board: &Board, config: &Config) -> Vec<PageKey> {
    let mut keys = list_keys(board, config);
    let rest = keys.split_off(postings_at(&keys));
    keys.extend(
        board
            .postings
            .iter()
            .filter(|p| has_page(p, config))
            .map(|p| PageKey::Posting(p.slug.clone())),
    );
    keys.extend(rest);
    keys
}

/// Where posting pages go among [`list_keys`]: after the home and remote pages.
fn postings_at(keys: &[PageKey]) -> usize {
    keys.partition_point(|k| matches!(k, PageKey::Home(_) | PageKey::Remote(_)))
}

/// Every key but those of posting pages: what lists, feeds and the files
/// about the whole site make.
pub(crate) fn list_keys(board: &Board, config: &Config) -> Vec<PageKey> {
    let per_page = per_page(config);
    let mut keys = Vec::new();
    keys.extend((1..=page_count(board.open.len(), per_page)).map(PageKey::Home));
    keys.extend((1..=page_count(board.remote.len(), per_page)).map(PageKey::Remote));
    keys.push(PageKey::Companies);
    for c in board
        .companies
        .iter()
        .filter(|c| company_has_page(c, config))
    {
        let pages = page_count(c.open.len(), per_page);
        keys.extend((1..=pages).map(|n| PageKey::Company(c.slug.clone(), n)));
        keys.push(PageKey::CompanyFeed(c.slug.clone()));
        keys.push(PageKey::CompanyApi(c.slug.clone()));
    }
    keys.push(PageKey::Tags);
    for t in &board.tags {
        let pages = page_count(t.open.len(), per_page);
        keys.extend((1..=pages).map(|n| PageKey::Tag(t.name.clone(), n)));
        keys.push(PageKey::TagFeed(t.name.clone()));
    }
    keys.extend([
        PageKey::Feed,
        PageKey::RemoteFeed,
        PageKey::JsonFeed,
        PageKey::Sitemap,
        PageKey::Robots,
        PageKey::PostingsApi,
        PageKey::NotFound,
        PageKey::Search,
    ]);
    let redirects = redirects(board, config);
    if !redirects.to.is_empty() {
        keys.extend(redirects.to.into_keys().map(PageKey::Redirect));
        keys.push(PageKey::Redirects);
    }
    keys
}

/// The files of each key, in `keys` order, rendered in parallel: `serve`
/// keeps which files a key owns. A key the board no longer has (a deleted
/// posting, a page number past the end) renders to no files. The first
/// failing key (in `keys` order) is the error.
pub fn render_keyed(
    board: &Board,
    config: &Config,
    theme: &Theme,
    options: &RenderOptions,
    keys: &[PageKey],
) -> Result<Vec<Vec<Page>>, RenderError> {
    render_changed(board, config, theme, options, keys, 0..board.postings.len())
}

/// Like [`render_keyed`], for a board that differs from one that rendered
/// only by the postings at indices `fresh`: only those are checked again.
pub fn render_changed(
    board: &Board,
    config: &Config,
    theme: &Theme,
    options: &RenderOptions,
    keys: &[PageKey],
    fresh: impl Iterator<Item = usize>,
) -> Result<Vec<Vec<Page>>, RenderError> {
    check_segments(fresh.map(|i| &*board.postings[i]))?;
    let renderer = Renderer::new(board, config, theme, options);
    keys.par_iter().map(|key| renderer.render(key)).collect()
}

pub(crate) fn per_page(config: &Config) -> usize {
    config.paginate_by.max(1)
}

/// A list of `n` postings has at least one page, saying it is empty.
pub(crate) fn page_count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page).max(1)
}

pub(crate) fn has_page(p: &Posting, config: &Config) -> bool {
    !p.status.is_closed() || config.expired == ExpiredMode::Mark
}

/// A company with open postings has a page; with only closed ones, it keeps
/// it while their marked-closed pages link to it.
fn company_has_page(c: &Company, config: &Config) -> bool {
    c.is_listed() || config.expired == ExpiredMode::Mark
}

/// Everything one render needs, prepared once and shared by all keys.
struct Renderer<'a> {
    board: &'a Board,
    config: &'a Config,
    theme: &'a Theme,
    options: &'a RenderOptions,
    fmt: Formatter,
    /// `site` of every template, converted once.
    site: tera::Value,
    redirects: Redirects,
}

/// What a list page shows: whose postings, under which heading.
struct ListSpec<'a> {
    template: &'static str,
    heading: String,
    /// The `<title>` before the site name, without the page number.
    title: String,
    description: String,
    section: &'static str,
    kind: &'static str,
    /// The company's or tag's name.
    name: Option<&'a str>,
    empty_text: &'static str,
    open: &'a [usize],
    url_of: &'a dyn Fn(usize) -> String,
    feeds: Vec<FeedLink>,
    /// A company page's `companies/<slug>.md`.
    profile: Option<&'a Profile>,
    /// Kept only so closed postings can link to it: not for search engines.
    noindex: bool,
}

impl<'a> Renderer<'a> {
    fn new(
        board: &'a Board,
        config: &'a Config,
        theme: &'a Theme,
        options: &'a RenderOptions,
    ) -> Renderer<'a> {
        let urls = Urls::new(&config.base_url);
        let site = tera::Value::from_serializable(&SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: &urls.base_url,
            base_path: &urls.base_path,
            feed_url: urls.path(urls::FEED),
            remote_feed_url: urls.path(urls::REMOTE_FEED),
            json_feed_url: urls.path(urls::JSON_FEED),
            api_url: urls.path(urls::POSTINGS_API),
            sitemap_url: urls.path(urls::SITEMAP),
            list_style: config.list_style,
            search_url: urls.path(urls::SEARCH),
        });
        Renderer {
            board,
            config,
            theme,
            options,
            fmt: Formatter {
                urls,
                tz: config.time_zone(),
                now: options.now,
            },
            site,
            redirects: redirects(board, config),
        }
    }

    fn urls(&self) -> &Urls {
        &self.fmt.urls
    }

    fn render(&self, key: &PageKey) -> Result<Vec<Page>, RenderError> {
        let page = match key {
            PageKey::Home(n) => self.list(&self.home_spec(), *n)?,
            PageKey::Remote(n) => self.list(&self.remote_spec(), *n)?,
            PageKey::Posting(slug) => self.posting(slug)?,
            PageKey::Companies => Some(self.companies_page()?),
            PageKey::Company(slug, n) => match self.company(slug) {
                Some(c) => self.list(&self.company_spec(c, &|n| urls::company(slug, n)), *n)?,
                None => None,
            },
            PageKey::Tags => Some(self.tags_page()?),
            PageKey::Tag(name, n) => match self.board.tag(name) {
                Some(t) => self.list(&self.tag_spec(t, &|n| urls::tag(name, n)), *n)?,
                None => None,
            },
            PageKey::NotFound => Some(self.not_found()?),
            PageKey::Search => Some(self.search_page()?),
            PageKey::Sitemap => return Ok(self.sitemaps()),
            PageKey::Redirect(rel) => self
                .redirects
                .to
                .get(rel)
                .map(|slug| redirects::page(self.urls(), rel, slug)),
            PageKey::Redirects => (!self.redirects.to.is_empty())
                .then(|| redirects::list(self.urls(), &self.redirects)),
            _ => self.data_file(key),
        };
        Ok(page.into_iter().collect())
    }

    fn company(&self, slug: &str) -> Option<&'a Company> {
        self.board
            .company(slug)
            .filter(|c| company_has_page(c, self.config))
    }

    /// A company's logo as `og:image`.
    fn logo(&self, profile: &Profile) -> Option<String> {
        profile
            .logo
            .as_ref()
            .map(|logo| logo_url(self.urls(), logo))
    }

    fn postings(&self, open: &'a [usize]) -> impl Iterator<Item = &'a Posting> + 'a {
        let board = self.board;
        open.iter().map(move |&i| &*board.postings[i])
    }

    /// Feeds, API files and robots.txt: `None` when the key's subject is gone.
    fn data_file(&self, key: &PageKey) -> Option<Page> {
        let urls = self.urls();
        let config = self.config;
        let (path, text) = match key {
            PageKey::Feed => (
                urls::FEED.to_string(),
                feeds::atom(
                    &self.site_feed(urls::FEED),
                    self.postings(&self.board.open).take(feeds::FEED_LIMIT),
                    urls,
                    self.options.now,
                ),
            ),
            PageKey::RemoteFeed => {
                let spec = FeedSpec {
                    title: format!("Remote jobs · {}", config.title),
                    subtitle: &config.description,
                    feed: urls::REMOTE_FEED.to_string(),
                    page: urls::remote(1),
                    language: &config.language,
                    author: &config.title,
                    // Its postings are in the site feed in full.
                    full_content: false,
                };
                let postings = self.postings(&self.board.remote).take(feeds::FEED_LIMIT);
                let text = feeds::atom(&spec, postings, urls, self.options.now);
                (spec.feed, text)
            }
            PageKey::JsonFeed => (
                urls::JSON_FEED.to_string(),
                feeds::json_feed(
                    &self.site_feed(urls::JSON_FEED),
                    self.postings(&self.board.open).take(feeds::FEED_LIMIT),
                    urls,
                ),
            ),
            PageKey::CompanyFeed(slug) => {
                let c = self.company(slug)?;
                let spec = FeedSpec {
                    title: format!("Jobs at {} · {}", c.name, config.title),
                    subtitle: &config.description,
                    feed: urls::company_feed(slug),
                    page: urls::company(slug, 1),
                    language: &config.language,
                    author: &c.name,
                    full_content: false,
                };
                let postings = self.postings(&c.open).take(feeds::FEED_LIMIT);
                let text = feeds::atom(&spec, postings, urls, self.options.now);
                (spec.feed, text)
            }
            PageKey::TagFeed(name) => {
                let t = self.board.tag(name)?;
                let spec = FeedSpec {
                    title: format!("{name} jobs · {}", config.title),
                    subtitle: &config.description,
                    feed: urls::tag_feed(name),
                    page: urls::tag(name, 1),
                    language: &config.language,
                    author: &config.title,
                    full_content: false,
                };
                let postings = self.postings(&t.open).take(feeds::FEED_LIMIT);
                let text = feeds::atom(&spec, postings, urls, self.options.now);
                (spec.feed, text)
            }
            PageKey::CompanyApi(slug) => {
                let c = self.company(slug)?;
                (
                    urls::company_api(slug),
                    feeds::company_api(&c.name, &c.slug, self.postings(&c.open)),
                )
            }
            PageKey::PostingsApi => (
                urls::POSTINGS_API.to_string(),
                feeds::postings_api(self.postings(&self.board.open)),
            ),
            PageKey::Robots => (urls::ROBOTS.to_string(), feeds::robots(urls)),
            _ => return None,
        };
        Some(Page {
            path,
            bytes: text.into_bytes(),
        })
    }

    fn site_feed(&self, feed: &str) -> FeedSpec<'a> {
        FeedSpec {
            title: self.config.title.clone(),
            subtitle: &self.config.description,
            feed: feed.to_string(),
            page: urls::home(1),
            language: &self.config.language,
            author: &self.config.title,
            full_content: true,
        }
    }

    /// Every indexable page: lists, open postings, listed companies, tags,
    /// in the order of [`page_keys`].
    fn sitemaps(&self) -> Vec<Page> {
        let (urls, board) = (self.urls(), self.board);
        let mut sitemap = feeds::Sitemap::default();
        let keys = list_keys(board, self.config);
        let (first, rest) = keys.split_at(postings_at(&keys));
        for key in first {
            self.sitemap_entry(&mut sitemap, key);
        }
        for &i in &board.open {
            let rel = urls::posting(&board.postings[i].slug);
            sitemap.push(urls, &rel, board.date(i));
        }
        for key in rest {
            self.sitemap_entry(&mut sitemap, key);
        }
        sitemap
            .files(feeds::SITEMAP_LIMIT, urls)
            .into_iter()
            .map(|(path, text)| Page {
                path,
                bytes: text.into_bytes(),
            })
            .collect()
    }

    /// The sitemap entry of a list page, if it is one to index.
    fn sitemap_entry(&self, sitemap: &mut feeds::Sitemap, key: &PageKey) {
        let urls = self.urls();
        match key {
            PageKey::Home(n) => sitemap.push(urls, &urls::home(*n), None),
            PageKey::Remote(n) => sitemap.push(urls, &urls::remote(*n), None),
            PageKey::Companies => sitemap.push(urls, urls::COMPANIES, None),
            PageKey::Tags => sitemap.push(urls, urls::TAGS, None),
            PageKey::Tag(name, n) => sitemap.push(urls, &urls::tag(name, *n), None),
            PageKey::Company(slug, n)
                if self.board.company(slug).is_some_and(Company::is_listed) =>
            {
                sitemap.push(urls, &urls::company(slug, *n), None);
            }
            _ => {}
        }
    }

    /// The `<head>` of the page at `rel`; `title` is followed by the site name.
    fn meta(&self, rel: &str, title: &str, description: &str, section: &'static str) -> PageMeta {
        let site = &self.config.title;
        PageMeta {
            title: if title.is_empty() {
                site.clone()
            } else {
                format!("{title} · {site}")
            },
            description: if description.is_empty() {
                self.config.description.clone()
            } else {
                description.to_string()
            },
            url: self.urls().path(rel),
            canonical: self.urls().absolute(rel),
            og_type: "website",
            section,
            ..PageMeta::default()
        }
    }

    /// Renders an HTML template with the context every page gets plus `view`.
    fn html<V: Serialize>(
        &self,
        rel: &str,
        template: &str,
        meta: &PageMeta,
        view: &V,
    ) -> Result<Page, RenderError> {
        let mut context = tera::Context::from_serialize(view)
            .map_err(|e| RenderError::plain(format!("{template}: {e}")))?;
        context.insert_value("site", self.site.clone());
        context.insert("base_path", &self.urls().base_path);
        context.insert("base_url", &self.urls().base_url);
        context.insert("page", meta);
        let mut html = self.theme.render(template, &context)?;
        if let Some(snippet) = &self.options.live_reload {
            let at = html.rfind("</body>").unwrap_or(html.len());
            html.insert_str(at, snippet);
        }
        Ok(Page {
            path: urls::file_of(rel),
            bytes: html.into_bytes(),
        })
    }

    fn posting(&self, slug: &str) -> Result<Option<Page>, RenderError> {
        let Some(p) = self.board.posting(slug) else {
            return Ok(None);
        };
        if !has_page(p, self.config) {
            return Ok(None);
        }
        let rel = urls::posting(slug);
        let title = match &p.company {
            Some(company) => format!("{} at {company}", p.title),
            None => p.title.clone(),
        };
        let mut meta = self.meta(&rel, &title, &p.summary, "posting");
        meta.og_type = "article";
        meta.image = (self.config.companies)
            .get(p.company_slug.as_deref())
            .and_then(|profile| self.logo(profile));
        // Only an open posting is for search engines: not a closed one, nor
        // a draft or a scheduled one that a preview shows.
        if p.status == Status::Published {
            meta.json_ld = Some(jsonld::job_posting(p, self.config, self.options.now));
        } else {
            meta.noindex = true;
        }
        #[derive(Serialize)]
        struct View<'v> {
            posting: views::PostingView<'v>,
        }
        let view = View {
            posting: self.fmt.posting(p),
        };
        self.html(&rel, "posting.html", &meta, &view).map(Some)
    }

    fn home_spec(&self) -> ListSpec<'a> {
        ListSpec {
            template: "index.html",
            heading: "Latest jobs".into(),
            title: String::new(),
            description: String::new(),
            section: "home",
            kind: "home",
            name: None,
            empty_text: "There are no open positions right now. Check back soon.",
            open: &self.board.open,
            url_of: &urls::home,
            feeds: Vec::new(),
            profile: None,
            noindex: false,
        }
    }

    fn remote_spec(&self) -> ListSpec<'a> {
        ListSpec {
            template: "index.html",
            heading: "Remote jobs".into(),
            title: "Remote jobs".into(),
            description: String::new(),
            section: "remote",
            kind: "remote",
            name: None,
            empty_text: "There are no open remote positions right now.",
            open: &self.board.remote,
            url_of: &urls::remote,
            feeds: vec![FeedLink {
                title: "Remote jobs".into(),
                href: self.urls().path(urls::REMOTE_FEED),
                mime: "application/atom+xml",
            }],
            profile: None,
            noindex: false,
        }
    }

    fn company_spec<'s>(&self, c: &'s Company, url_of: &'s dyn Fn(usize) -> String) -> ListSpec<'s>
    where
        'a: 's,
    {
        let profile = self.config.companies.get(Some(&c.slug));
        // The profile's spelling of the name, when it gives one.
        let name = profile.and_then(|p| p.name.as_deref()).unwrap_or(&c.name);
        ListSpec {
            template: "company.html",
            heading: name.to_string(),
            title: format!("Jobs at {name}"),
            description: format!("{} at {name}.", count_text(c.open.len())),
            section: "companies",
            kind: "company",
            name: Some(name),
            empty_text: "This company has no open positions right now.",
            open: &c.open,
            url_of,
            feeds: vec![FeedLink {
                title: format!("Jobs at {name}"),
                href: self.urls().path(&urls::company_feed(&c.slug)),
                mime: "application/atom+xml",
            }],
            profile,
            noindex: !c.is_listed(),
        }
    }

    fn tag_spec<'s>(&self, t: &'s Tag, url_of: &'s dyn Fn(usize) -> String) -> ListSpec<'s> {
        ListSpec {
            template: "tag.html",
            heading: format!("{} jobs", t.name),
            title: format!("{} jobs", t.name),
            description: format!("{} tagged {}.", count_text(t.open.len()), t.name),
            section: "tags",
            kind: "tag",
            name: Some(&t.name),
            empty_text: "No open positions carry this tag right now.",
            open: &t.open,
            url_of,
            feeds: vec![FeedLink {
                title: format!("{} jobs", t.name),
                href: self.urls().path(&urls::tag_feed(&t.name)),
                mime: "application/atom+xml",
            }],
            profile: None,
            noindex: false,
        }
    }

    /// Page `n` of a list of postings; `None` past its last page.
    fn list(&self, spec: &ListSpec, n: usize) -> Result<Option<Page>, RenderError> {
        let per_page = per_page(self.config);
        let total = page_count(spec.open.len(), per_page);
        if n == 0 || n > total {
            return Ok(None);
        }
        let rel = (spec.url_of)(n);
        let title = match (spec.title.as_str(), n) {
            (title, 1) => title.to_string(),
            ("", n) => format!("Page {n}"),
            (title, n) => format!("{title}, page {n}"),
        };
        let mut meta = self.meta(&rel, &title, &spec.description, spec.section);
        meta.noindex = spec.noindex;
        let pagination = self.fmt.pagination(n, total, spec.url_of);
        meta.prev_url.clone_from(&pagination.prev_url);
        meta.next_url.clone_from(&pagination.next_url);
        meta.feeds.clone_from(&spec.feeds);
        meta.image = spec.profile.and_then(|p| self.logo(p));

        #[derive(Serialize)]
        struct ListView<'v> {
            kind: &'static str,
            name: Option<&'v str>,
            heading: &'v str,
            count: usize,
            count_text: String,
            empty_text: &'static str,
            feed_url: Option<&'v str>,
            profile: Option<ProfileView<'v>>,
        }
        #[derive(Serialize)]
        struct View<'v> {
            list: ListView<'v>,
            postings: Vec<CardView<'v>>,
            pagination: PaginationView,
        }
        let start = (n - 1) * per_page;
        let end = (start + per_page).min(spec.open.len());
        let view = View {
            list: ListView {
                kind: spec.kind,
                name: spec.name,
                heading: &spec.heading,
                count: spec.open.len(),
                count_text: count_text(spec.open.len()),
                empty_text: spec.empty_text,
                feed_url: spec.feeds.first().map(|f| f.href.as_str()),
                profile: spec.profile.map(|p| self.fmt.profile(p)),
            },
            postings: spec.open[start..end]
                .iter()
                .map(|&i| self.fmt.card(&self.board.postings[i]))
                .collect(),
            pagination,
        };
        self.html(&rel, spec.template, &meta, &view).map(Some)
    }

    fn companies_page(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Group<'v> {
            letter: String,
            companies: Vec<NamedView<'v>>,
        }
        #[derive(Serialize)]
        struct View<'v> {
            count: usize,
            groups: Vec<Group<'v>>,
        }
        let mut groups: Vec<Group> = Vec::new();
        let listed = self.board.companies.iter().filter(|c| c.is_listed());
        for c in listed {
            let letter = c
                .name
                .chars()
                .next()
                .filter(|ch| ch.is_alphabetic())
                .map_or("#".to_string(), |ch| ch.to_uppercase().collect());
            let profile = self.config.companies.get(Some(&c.slug));
            let named = NamedView {
                name: &c.name,
                url: self.urls().path(&urls::company(&c.slug, 1)),
                count: c.open.len(),
                count_text: count_text(c.open.len()),
                logo_url: profile.and_then(|p| self.fmt.profile(p).logo_url),
            };
            match groups.last_mut() {
                Some(group) if group.letter == letter => group.companies.push(named),
                _ => groups.push(Group {
                    letter,
                    companies: vec![named],
                }),
            }
        }
        let view = View {
            count: groups.iter().map(|g| g.companies.len()).sum(),
            groups,
        };
        let meta = self.meta(urls::COMPANIES, "Companies", "", "companies");
        self.html(urls::COMPANIES, "companies.html", &meta, &view)
    }

    fn tags_page(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct View<'v> {
            tags: Vec<NamedView<'v>>,
        }
        let view = View {
            tags: self
                .board
                .tags
                .iter()
                .map(|t| NamedView {
                    name: &t.name,
                    url: self.urls().path(&urls::tag(&t.name, 1)),
                    count: t.open.len(),
                    count_text: count_text(t.open.len()),
                    logo_url: None,
                })
                .collect(),
        };
        let meta = self.meta(urls::TAGS, "Tags", "", "tags");
        self.html(urls::TAGS, "tags.html", &meta, &view)
    }

    /// `/search/`: the form, an empty results list and, in a `<template>`,
    /// the list partial of a placeholder posting that `search.js` fills
    /// for each hit, so results look like every other list.
    fn search_page(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct View<'v> {
            /// The site's currency and the `exchange_rates` against it.
            currency: &'v str,
            rates: String,
            /// The choices of the salary filter's currency: the site's first.
            currencies: Vec<&'v str>,
            /// For undated postings, as the lists show them.
            today: views::DateView,
            posting: CardView<'v>,
        }
        let view = View {
            currency: &self.config.default_currency,
            rates: serde_json::to_string(&self.config.exchange_rates).expect("rates serialize"),
            currencies: self.salary_currencies(),
            today: self.fmt.day(self.options.now),
            posting: self.fmt.placeholder(),
        };
        let mut meta = self.meta(urls::SEARCH, "Search", "", "search");
        // Results pages are for people, not for search engines' indexes.
        meta.noindex = true;
        self.html(urls::SEARCH, "search.html", &meta, &view)
    }

    /// The site's currency, those it has exchange rates for, then the most
    /// common others, each once.
    fn salary_currencies(&self) -> Vec<&str> {
        const COMMON: [&str; 8] = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "INR", "JPY"];
        let mut currencies = vec![self.config.default_currency.as_str()];
        let others = self.config.exchange_rates.keys().map(String::as_str);
        for code in others.chain(COMMON) {
            if !currencies.contains(&code) {
                currencies.push(code);
            }
        }
        currencies
    }

    fn not_found(&self) -> Result<Page, RenderError> {
        let mut meta = self.meta(urls::NOT_FOUND, "Page not found", "", "");
        meta.noindex = true;
        self.html(urls::NOT_FOUND, "404.html", &meta, &serde_json::json!({}))
    }
}

/// Where a company's logo is, absolute: for JSON-LD and `og:image`.
fn logo_url(urls: &Urls, logo: &Logo) -> String {
    match logo {
        Logo::Url(url) => url.clone(),
        Logo::Static(rel) => urls.absolute(rel),
    }
}

/// A company or tag in a list: its name, page and open-position count.
#[derive(Serialize)]
struct NamedView<'a> {
    name: &'a str,
    url: String,
    count: usize,
    count_text: String,
    /// A company's logo, from its profile.
    logo_url: Option<String>,
}

/// Slugs and tags become paths as they are: refuse any that would need escaping.
fn check_segments<'p>(postings: impl Iterator<Item = &'p Posting>) -> Result<(), RenderError> {
    for p in postings {
        let segments = std::iter::once(("slug", p.slug.as_str()))
            .chain(p.company_slug.as_deref().map(|s| ("company slug", s)))
            .chain(p.tags.iter().map(|t| ("tag", t.as_str())));
        for (what, segment) in segments {
            if !urls::is_segment(segment) {
                return Err(RenderError {
                    file: Some(p.source.path.clone()),
                    line: None,
                    column: None,
                    message: format!(
                        "{what} `{segment}` cannot be part of a URL: use only a-z, 0-9, `-`, `_` and `.`"
                    ),
                });
            }
        }
    }
    Ok(())
}
