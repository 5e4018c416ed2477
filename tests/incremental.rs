//! Incremental rebuilds give the very bytes a fresh build gives, whatever
//! sequence of creates, edits, renames, moves and deletes led there: in
//! `serve` (`Site::apply`), and across `build`s that remember their inputs.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use hireboard::site::{Changes, Site, SiteOptions};
use proptest::prelude::*;

const TITLES: &[&str] = &[
    "Backend Engineer",
    "Data Scientist",
    "Rust Developer",
    "Designer",
];
const COMPANIES: &[&str] = &["Acme", "Blue Labs", "Copper Bank"];
const TAGS: &[&str] = &["rust", "python", "go", "kubernetes"];
/// Some of these are past the build's "now" plus `expire_after_days`.
const DATES: &[&str] = &[
    "2026-01-05",
    "2026-06-01",
    "2026-06-01 09:30",
    "2026-11-20",
    "2026-11-21",
    // After "now": scheduled.
    "2026-12-24",
];
/// A posting's stated state, as (YAML line, Pelican line).
const STATES: &[(&str, &str)] = &[
    ("", ""),
    ("draft: true\n", "Status: draft\n"),
    ("status: closed\n", "Status: filled\n"),
];
/// Old addresses; two postings may claim one, and the last is the address
/// of a posting (Designer at Acme) when there is one.
const ALIASES: &[&str] = &["/jobs/old-a/", "/jobs/old-b/", "/jobs/acme-designer/"];
const FOLDERS: &[&str] = &["", "a/", "b/c/"];

#[derive(Debug, Clone)]
struct Spec {
    title: usize,
    company: usize,
    tags: Vec<usize>,
    date: usize,
    remote: bool,
    pelican: bool,
    state: usize,
    alias: Option<usize>,
}

#[derive(Debug, Clone)]
enum Op {
    Create {
        name: u8,
        folder: usize,
        spec: Spec,
    },
    Edit {
        which: usize,
        spec: Spec,
    },
    Rename {
        which: usize,
        name: u8,
        folder: usize,
    },
    Delete {
        which: usize,
    },
    Break {
        which: usize,
    },
    MoveFolder,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..TITLES.len(),
        0..COMPANIES.len(),
        proptest::collection::vec(0..TAGS.len(), 0..3),
        0..DATES.len(),
        any::<bool>(),
        any::<bool>(),
        0..STATES.len(),
        proptest::option::of(0..ALIASES.len()),
    )
        .prop_map(
            |(title, company, tags, date, remote, pelican, state, alias)| Spec {
                title,
                company,
                tags,
                date,
                remote,
                pelican,
                state,
                alias,
            },
        )
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<u8>(), 0..FOLDERS.len(), spec()).prop_map(|(name, folder, spec)| Op::Create { name, folder, spec }),
        3 => (any::<usize>(), spec()).prop_map(|(which, spec)| Op::Edit { which, spec }),
        2 => (any::<usize>(), any::<u8>(), 0..FOLDERS.len()).prop_map(|(which, name, folder)| Op::Rename { which, name, folder }),
        2 => any::<usize>().prop_map(|which| Op::Delete { which }),
        1 => any::<usize>().prop_map(|which| Op::Break { which }),
        1 => Just(Op::MoveFolder),
    ]
}

fn text(spec: &Spec) -> String {
    let tags: Vec<&str> = spec.tags.iter().map(|&t| TAGS[t]).collect();
    let (title, company, date) = (
        TITLES[spec.title],
        COMPANIES[spec.company],
        DATES[spec.date],
    );
    let (yaml_state, pelican_state) = STATES[spec.state];
    let alias = spec.alias.map(|a| ALIASES[a]);
    if spec.pelican {
        let alias = alias.map(|a| format!("Aliases: {a}\n")).unwrap_or_default();
        format!(
            "Title: {title}\nCompany: {company}\nDate: {date}\nTags: {}\nLocation: {}\n{pelican_state}{alias}\nWe hire.\n",
            tags.join(", "),
            if spec.remote { "Remote" } else { "Berlin, Germany" }
        )
    } else {
        let alias = alias
            .map(|a| format!("aliases: [{a}]\n"))
            .unwrap_or_default();
        format!(
            "---\ntitle: {title}\ncompany: {company}\ndate: {date}\ntags: [{}]\nremote: {}\n{yaml_state}{alias}---\n\nWe hire, {title}.\n",
            tags.join(", "),
            spec.remote
        )
    }
}

fn options() -> SiteOptions {
    SiteOptions {
        now: "2026-11-23T12:00:00Z".parse().unwrap(),
        unpublished: hireboard::site::Unpublished::SHOWN,
        base_url: Some("http://127.0.0.1:1111/".into()),
        live_reload: Some(hireboard::serve::live_reload_snippet()),
    }
}

/// Posting files under content/, sorted.
fn postings(content: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Carries out `op` on disk; returns the paths an editor's watcher would report.
fn perform(content: &Path, op: &Op) -> Vec<PathBuf> {
    let existing = postings(content);
    let pick = |which: usize| existing.get(which % existing.len().max(1)).cloned();
    let write = |path: &Path, text: &str| {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    match op {
        Op::Create { name, folder, spec } => {
            let path = content.join(format!("{}p{name}.md", FOLDERS[*folder]));
            write(&path, &text(spec));
            vec![path]
        }
        Op::Edit { which, spec } => pick(*which)
            .into_iter()
            .inspect(|p| write(p, &text(spec)))
            .collect(),
        Op::Rename {
            which,
            name,
            folder,
        } => match pick(*which) {
            Some(from) => {
                let to = content.join(format!("{}r{name}.md", FOLDERS[*folder]));
                fs::create_dir_all(to.parent().unwrap()).unwrap();
                fs::rename(&from, &to).unwrap();
                vec![from, to]
            }
            None => vec![],
        },
        Op::Delete { which } => pick(*which)
            .into_iter()
            .inspect(|p| fs::remove_file(p).unwrap())
            .collect(),
        Op::Break { which } => {
            let broken = "---\ntitle: [unclosed\n---\nbody\n";
            pick(*which)
                .into_iter()
                .inspect(|p| write(p, broken))
                .collect()
        }
        Op::MoveFolder => {
            let (from, to) = (content.join("a"), content.join("moved"));
            if from.is_dir() && !to.exists() {
                fs::rename(&from, &to).unwrap();
                vec![from, to]
            } else {
                vec![]
            }
        }
    }
}

fn assert_same_site(incremental: &Site, fresh: &Site, history: &[Op]) {
    let (a, b) = (incremental.files(), fresh.files());
    let paths_a: BTreeSet<&String> = a.keys().collect();
    let paths_b: BTreeSet<&String> = b.keys().collect();
    assert_eq!(paths_a, paths_b, "file sets differ after {history:#?}");
    for path in paths_b {
        assert!(
            a[path] == b[path],
            "{path} differs after {history:#?}\n--- incremental:\n{}\n--- fresh:\n{}",
            String::from_utf8_lossy(&a[path]),
            String::from_utf8_lossy(&b[path])
        );
    }
    assert_eq!(incremental.errors(), fresh.errors());
}

fn new_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    fs::write(
        root.join("hireboard.yaml"),
        "title: Test\npaginate_by: 2\nexpire_after_days: 60\ntimezone: UTC\n",
    )
    .unwrap();
    let content = root.join("content");
    for (i, spec) in [(0, 0, 1), (1, 1, 3), (2, 0, 4)].into_iter().enumerate() {
        let spec = Spec {
            title: spec.0,
            company: spec.1,
            tags: vec![i],
            date: spec.2,
            remote: i == 1,
            pelican: i == 2,
            state: 0,
            alias: (i == 0).then_some(0),
        };
        fs::create_dir_all(&content).unwrap();
        fs::write(content.join(format!("seed{i}.md")), text(&spec)).unwrap();
    }
    (dir, root)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn incremental_rebuilds_equal_fresh_builds(ops in proptest::collection::vec(op(), 1..10)) {
        let (_dir, root) = new_site();
        let mut site = Site::load(&root, options()).unwrap();
        let mut history = Vec::new();
        for op in ops {
            let paths = perform(&root.join("content"), &op);
            history.push(op);
            let changes = Changes::classify(&root, "default", paths);
            site.apply(&changes).unwrap();
            let fresh = Site::load(&root, options()).unwrap();
            assert_same_site(&site, &fresh, &history);
        }
    }
}

#[test]
fn template_and_config_changes_equal_fresh_builds() {
    let (_dir, root) = new_site();
    let mut site = Site::load(&root, options()).unwrap();
    let templates = root.join("templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Lost</h1>{% endblock content %}",
    )
    .unwrap();
    let update = site
        .apply(&Changes::classify(
            &root,
            "default",
            [templates.join("404.html")],
        ))
        .unwrap();
    assert!(
        update.changed_files.contains(&"404.html".to_string()),
        "{:?}",
        update.changed_files
    );
    assert_same_site(&site, &Site::load(&root, options()).unwrap(), &[]);

    fs::write(
        root.join("hireboard.yaml"),
        "title: Renamed\npaginate_by: 1\n",
    )
    .unwrap();
    site.apply(&Changes::classify(
        &root,
        "default",
        [root.join("hireboard.yaml")],
    ))
    .unwrap();
    assert_same_site(&site, &Site::load(&root, options()).unwrap(), &[]);

    let static_dir = root.join("static");
    fs::create_dir_all(&static_dir).unwrap();
    fs::write(static_dir.join("style.css"), "body { color: red }").unwrap();
    let update = site
        .apply(&Changes::classify(
            &root,
            "default",
            [static_dir.join("style.css")],
        ))
        .unwrap();
    assert!(update.css_only, "{:?}", update.changed_files);
}

#[test]
fn a_broken_template_leaves_the_last_good_site() {
    let (_dir, root) = new_site();
    let mut site = Site::load(&root, options()).unwrap();
    let before = site.files().clone();
    let templates = root.join("templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("posting.html"), "{% extends \"base.html\" %}\n{% block content %}{{ posting.title }\n{% endblock content %}").unwrap();
    let err = site
        .apply(&Changes::classify(
            &root,
            "default",
            [templates.join("posting.html")],
        ))
        .unwrap_err();
    assert!(err.contains("templates/posting.html:2"), "{err}");
    assert!(site.files() == &before, "the last good site is kept");
}

#[test]
fn fixing_a_template_after_a_failed_content_render_shows_the_content() {
    let (_dir, root) = new_site();
    let templates = root.join("templates");
    fs::create_dir_all(&templates).unwrap();
    // Works while every posting has a company; fails at render time without one.
    let fragile = "{% extends \"base.html\" %}{% block content %}<h1>{{ posting.title }}</h1>{{ posting.company.name }}{% endblock content %}";
    fs::write(templates.join("posting.html"), fragile).unwrap();
    let mut site = Site::load(&root, options()).unwrap();

    let orphan = root.join("content/orphan.md");
    fs::write(
        &orphan,
        "---\ntitle: Lone Engineer\n---\nNo company here.\n",
    )
    .unwrap();
    assert!(site
        .apply(&Changes::classify(&root, "default", [orphan]))
        .is_err());

    fs::remove_file(templates.join("posting.html")).unwrap();
    site.apply(&Changes::classify(
        &root,
        "default",
        [templates.join("posting.html")],
    ))
    .unwrap();
    assert_same_site(&site, &Site::load(&root, options()).unwrap(), &[]);
    assert!(
        site.files()
            .keys()
            .any(|p| p.starts_with("jobs/lone-engineer")),
        "the new posting is published"
    );
}

#[test]
fn editing_a_posting_past_the_feeds_leaves_them_unchanged_and_equals_a_fresh_build() {
    let (_dir, root) = new_site();
    let content = root.join("content");
    for day in 1..=60 {
        // All open: within `expire_after_days` of "now".
        let text = format!("---\ntitle: Engineer {day}\ncompany: Acme\ndate: 2026-10-{:02}\ntags: [rust]\n---\nBody {day}.\n", day % 28 + 1);
        fs::write(content.join(format!("bulk{day}.md")), text).unwrap();
    }
    let mut site = Site::load(&root, options()).unwrap();
    // The oldest posting: past the 50 newest that feeds show.
    let oldest = content.join("bulk28.md");
    fs::write(
        &oldest,
        "---\ntitle: Engineer 28\ncompany: Acme\ndate: 2026-10-01\ntags: [rust]\n---\nEdited.\n",
    )
    .unwrap();
    let update = site
        .apply(&Changes::classify(&root, "default", [oldest]))
        .unwrap();
    let page = "jobs/acme-engineer-28/index.html".to_string();
    assert!(
        update.changed_files.contains(&page),
        "an open posting, edited"
    );
    let feed = String::from_utf8_lossy(&site.files()["atom.xml"]).into_owned();
    assert_eq!(feed.matches("<entry>").count(), 50, "a full feed");
    assert!(
        !feed.contains("Engineer 28<"),
        "the posting is past the feed"
    );
    assert!(
        !update.changed_files.iter().any(|f| f.ends_with("atom.xml")),
        "{:?}",
        update.changed_files
    );
    assert_same_site(&site, &Site::load(&root, options()).unwrap(), &[]);
}

#[test]
fn a_posting_whose_render_failed_and_that_is_gone_again_leaves_no_trace() {
    let (_dir, root) = new_site();
    let templates = root.join("templates");
    fs::create_dir_all(&templates).unwrap();
    // Fails on a posting without a company.
    let fragile = "{% extends \"base.html\" %}{% block content %}{{ posting.company.name }}{% endblock content %}";
    fs::write(templates.join("posting.html"), fragile).unwrap();
    let mut site = Site::load(&root, options()).unwrap();
    let orphan = root.join("content/orphan.md");
    fs::write(&orphan, "---\ntitle: Lone Engineer\n---\nNo company.\n").unwrap();
    let apply =
        |site: &mut Site, path: PathBuf| site.apply(&Changes::classify(&root, "default", [path]));
    assert!(apply(&mut site, orphan.clone()).is_err());
    fs::remove_file(&orphan).unwrap();
    apply(&mut site, orphan).unwrap();
    fs::remove_file(templates.join("posting.html")).unwrap();
    apply(&mut site, templates.join("posting.html")).unwrap();
    assert_same_site(&site, &Site::load(&root, options()).unwrap(), &[]);
}

/// Builds as `hireboard build` does, remembering what it was made from.
fn remembered_build(root: &Path, out: &Path, now: &str) -> Result<hireboard::site::Built, String> {
    let owned = hireboard::output::check_target(root, out, false).map_err(|e| e.to_string())?;
    let options = SiteOptions {
        now: now.parse().unwrap(),
        unpublished: hireboard::site::Unpublished::default(),
        base_url: None,
        live_reload: None,
    };
    hireboard::site::build(root, options, out, &owned, &())
}

/// Times a build may run at: later ones expire postings and publish scheduled ones.
const NOWS: &[&str] = &[
    "2026-11-23T12:00:00Z",
    "2026-11-23T12:00:00Z",
    "2027-01-10T00:00:00Z",
    "2026-06-02T00:00:00Z",
];

/// Edits of the theme: none, a partial that every list reaches, a
/// component (Tera 2's macro) with a posting page that calls it, and
/// another version of the component alone.
const TEMPLATES: &[&[(&str, &str)]] = &[
    &[],
    &[(
        "partials/card.html",
        "<li class=\"card\"><a href=\"{{ posting.url }}\">{{ posting.title }}</a></li>",
    )],
    &[
        (
            "components.html",
            "{% component Mark(text) %}<mark>{{ text }}</mark>{% endcomponent Mark %}",
        ),
        (
            "posting.html",
            "{% extends \"base.html\" %}{% block content %}{{ <Mark text={posting.title} /> }}{% endblock content %}",
        ),
    ],
    &[(
        "components.html",
        "{% component Mark(text) %}<b>{{ text }}</b>{% endcomponent Mark %}",
    )],
];

/// What may happen to the memory or the output between two builds.
#[derive(Debug, Clone, Copy)]
enum Mishap {
    None,
    /// The memory is overwritten with something else.
    DamagedMemory,
    /// Someone deletes files of the output by hand: a page, a search shard.
    DeletedFiles,
}

fn mishap() -> impl Strategy<Value = Mishap> {
    prop_oneof![
        6 => Just(Mishap::None),
        1 => Just(Mishap::DamagedMemory),
        1 => Just(Mishap::DeletedFiles),
    ]
}

fn suffer(root: &Path, out: &Path, mishap: Mishap) {
    match mishap {
        Mishap::None => {}
        Mishap::DamagedMemory => {
            for memory in fs::read_dir(root.join(hireboard::site::CACHE_DIR)).unwrap() {
                fs::write(memory.unwrap().path(), "{\"format\": \"not this\"}").unwrap();
            }
        }
        Mishap::DeletedFiles => {
            let _ = fs::remove_file(out.join("tags/index.html"));
            let search = walkdir::WalkDir::new(out.join("search"))
                .into_iter()
                .filter_map(Result::ok);
            if let Some(file) = search.filter(|e| e.file_type().is_file()).last() {
                fs::remove_file(file.path()).unwrap();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn remembered_builds_equal_fresh_builds(
        steps in proptest::collection::vec((op(), 0..NOWS.len(), 0..TEMPLATES.len(), mishap()), 1..8)
    ) {
        let (dir, root) = new_site();
        let out = dir.path().join("public");
        remembered_build(&root, &out, NOWS[0]).unwrap();
        let mut history = Vec::new();
        for (n, (op, now, template, mishap)) in steps.into_iter().enumerate() {
            perform(&root.join("content"), &op);
            for (name, text) in TEMPLATES[template] {
                let path = root.join("templates").join(name);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(path, text).unwrap();
            }
            suffer(&root, &out, mishap);
            history.push((op, NOWS[now], template, mishap));
            remembered_build(&root, &out, NOWS[now]).unwrap();
            let fresh = fresh_build(&root, &dir.path().join(format!("fresh{n}")), NOWS[now]);
            let (a, b) = (read_tree(&out), read_tree(&fresh));
            let paths_a: BTreeSet<&String> = a.keys().collect();
            let paths_b: BTreeSet<&String> = b.keys().collect();
            prop_assert_eq!(paths_a, paths_b, "file sets differ after {:#?}", history);
            for (path, bytes) in &b {
                prop_assert!(
                    &a[path] == bytes,
                    "{} differs after {:#?}\n--- remembered:\n{}\n--- fresh:\n{}",
                    path, history, String::from_utf8_lossy(&a[path]), String::from_utf8_lossy(bytes)
                );
            }
        }
    }
}

/// Builds a copy of the site at `root` (its config, content and templates,
/// not its memory) into `copy/public`; returns that folder.
fn fresh_build(root: &Path, copy: &Path, now: &str) -> PathBuf {
    let sources = ["hireboard.yaml", "content", "templates"].map(|p| root.join(p));
    let files = sources
        .iter()
        .flat_map(|p| walkdir::WalkDir::new(p).into_iter().filter_map(Result::ok));
    for entry in files.filter(|e| e.file_type().is_file()) {
        let relative = entry.path().strip_prefix(root).unwrap();
        let target = copy.join(relative);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(entry.path(), target).unwrap();
    }
    let out = copy.join("public");
    remembered_build(copy, &out, now).unwrap();
    out
}

/// Every file under `dir`, by path relative to it.
fn read_tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (path, fs::read(e.path()).unwrap())
        })
        .collect()
}

fn modified(dir: &Path) -> std::collections::BTreeMap<String, std::time::SystemTime> {
    read_tree(dir)
        .into_keys()
        .map(|path| {
            let time = fs::metadata(dir.join(&path)).unwrap().modified().unwrap();
            (path, time)
        })
        .collect()
}

#[test]
fn a_rebuild_with_nothing_changed_touches_nothing_and_an_edit_little() {
    let (dir, root) = new_site();
    let content = root.join("content");
    for day in 1..=30 {
        let text = format!("---\ntitle: Engineer {day}\ncompany: Acme\ndate: 2026-10-{day:02}\ntags: [rust]\n---\nBody {day}.\n");
        fs::write(content.join(format!("bulk{day}.md")), text).unwrap();
    }
    let out = dir.path().join("public");
    let first = remembered_build(&root, &out, NOWS[0]).unwrap();
    assert_eq!(first.written.rewritten, first.written.files);
    let before = modified(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));

    let again = remembered_build(&root, &out, NOWS[0]).unwrap();
    assert_eq!((again.written.rewritten, again.written.removed), (0, 0));
    assert_eq!(
        (again.normalized, again.rendered),
        (0, 0),
        "nothing re-done"
    );
    assert_eq!(
        modified(&out),
        before,
        "no file touched, the manifest included"
    );

    // The oldest posting's body: its page, the lists, feeds and search
    // records that show its summary, and no other posting's page.
    let oldest = content.join("bulk1.md");
    let text = fs::read_to_string(&oldest)
        .unwrap()
        .replace("Body 1.", "A new body.");
    fs::write(&oldest, text).unwrap();
    let edited = remembered_build(&root, &out, NOWS[0]).unwrap();
    assert_eq!(edited.normalized, 1);

    let page = "jobs/acme-engineer-1/index.html";
    assert!(String::from_utf8_lossy(&fs::read(out.join(page)).unwrap()).contains("A new body."));
    let after = modified(&out);
    let touched: Vec<&String> = after
        .keys()
        .filter(|p| before.get(*p) != Some(&after[*p]))
        .collect();
    assert!(touched.contains(&&page.to_string()), "{touched:?}");
    let other_postings = touched
        .iter()
        .filter(|p| p.starts_with("jobs/") && **p != page);
    assert_eq!(other_postings.count(), 0, "{touched:?}");
    assert_eq!(
        touched.len(),
        edited.written.rewritten + 1,
        "the files written and the manifest"
    );
    assert!(touched.len() < after.len() / 4, "{touched:?}");
}

#[test]
fn a_template_edit_re_renders_only_the_pages_that_reach_it() {
    let (dir, root) = new_site();
    let out = dir.path().join("public");
    remembered_build(&root, &out, NOWS[0]).unwrap();
    let templates = root.join("templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("tags.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Every tag</h1>{% endblock content %}",
    )
    .unwrap();
    let built = remembered_build(&root, &out, NOWS[0]).unwrap();
    assert_eq!(built.rendered, 1, "the tags page alone");
    assert!(
        String::from_utf8_lossy(&fs::read(out.join("tags/index.html")).unwrap())
            .contains("Every tag")
    );
    // base.html reaches every HTML page.
    fs::write(
        templates.join("base.html"),
        "<html><head>{% block head %}{% endblock head %}</head><body>{% block content %}{% endblock content %}</body></html>",
    )
    .unwrap();
    let built = remembered_build(&root, &out, NOWS[0]).unwrap();
    assert!(built.rendered > 5, "{}", built.rendered);
}

#[test]
fn a_failing_template_leaves_the_output_as_it_was() {
    let (dir, root) = new_site();
    let out = dir.path().join("public");
    remembered_build(&root, &out, NOWS[0]).unwrap();
    let before = read_tree(&out);
    let times = modified(&out);
    let templates = root.join("templates");
    fs::create_dir_all(&templates).unwrap();
    // Compiles, and fails while rendering a posting without a company.
    let fragile = "{% extends \"base.html\" %}{% block content %}{{ posting.company.name }}{% endblock content %}";
    fs::write(templates.join("posting.html"), fragile).unwrap();
    fs::write(
        content_file(&root, "orphan.md"),
        "---\ntitle: Lone Engineer\n---\nNo company.\n",
    )
    .unwrap();
    let error = remembered_build(&root, &out, NOWS[0]).err().unwrap();
    assert!(error.contains("templates/posting.html"), "{error}");
    assert!(read_tree(&out) == before, "no file changed");
    assert_eq!(modified(&out), times);
    fs::remove_file(content_file(&root, "orphan.md")).unwrap();
    remembered_build(&root, &out, NOWS[0]).unwrap();
    let fresh = fresh_build(&root, &dir.path().join("fresh"), NOWS[0]);
    assert!(read_tree(&out) == read_tree(&fresh));
}

fn content_file(root: &Path, name: &str) -> PathBuf {
    root.join("content").join(name)
}

#[test]
fn serve_re_renders_only_the_pages_an_edited_template_reaches() {
    let (_dir, root) = new_site();
    let mut site = Site::load(&root, options()).unwrap();
    let templates = root.join("templates");
    fs::create_dir_all(templates.join("partials")).unwrap();
    let edit = |site: &mut Site, name: &str, text: &str| {
        fs::write(templates.join(name), text).unwrap();
        site.apply(&Changes::classify(&root, "default", [templates.join(name)]))
            .unwrap()
    };
    let update = edit(
        &mut site,
        "tags.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Every tag</h1>{% endblock content %}",
    );
    assert_eq!(update.rendered, 1, "{update:?}");
    assert_eq!(update.changed_files, ["tags/index.html"]);
    // The card partial is reached by every list page, not by posting pages.
    let update = edit(
        &mut site,
        "partials/card.html",
        "<li><a href=\"{{ posting.url }}\">{{ posting.title }}</a></li>",
    );
    assert!(update.rendered > 3, "{update:?}");
    assert!(
        !update.changed_files.iter().any(|f| f.starts_with("jobs/")),
        "{update:?}"
    );
    assert_same_site(&site, &Site::load(&root, options()).unwrap(), &[]);
    // A template nothing reaches re-renders nothing.
    assert_eq!(edit(&mut site, "partials/unused.html", "x").rendered, 0);
}
