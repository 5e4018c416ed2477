//! A posting's life as an editor lives it: drafts, a date to come, closing,
//! expiry, the date git gives an undated file, and the old addresses of a
//! posting that moved. The fixture `tests/sites/lifecycle/` has a posting
//! in each state; builds run at `--now` 2025-03-10 unless a test says.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const SITE: &str = "lifecycle";
const OPEN: &str = "jobs/quarry-labs-platform-engineer/index.html";
const DRAFTS: [&str; 4] = [
    "Secret Launch Designer",
    "quarry-labs-secret-launch-designer",
    "Hidden Support Lead",
    "tern-systems-hidden-support-lead",
];
const SCHEDULED: [&str; 2] = ["Future Data Engineer", "tern-systems-future-data-engineer"];

struct Built {
    _dir: tempfile::TempDir,
    files: BTreeMap<String, Vec<u8>>,
    stderr: String,
}

impl Built {
    fn text(&self, path: &str) -> String {
        let bytes = self
            .files
            .get(path)
            .unwrap_or_else(|| panic!("no {path}; the output has {:?}", self.files.keys()));
        String::from_utf8(bytes.clone()).unwrap()
    }

    /// Output files whose text contains `needle`.
    fn mentioning(&self, needle: &str) -> Vec<&str> {
        common::mentioning(&self.files, needle)
    }
}

fn build(root: &Path, extra: &[&str]) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let output = common::build_ok(root, &out, extra);
    Built {
        files: common::read_tree(&out),
        _dir: dir,
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A copy of the fixture whose hireboard.yaml is `config`.
fn fixture_with_config(config: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    common::copy_dir(&common::site_dir(SITE), &root);
    fs::write(root.join("hireboard.yaml"), config).unwrap();
    (dir, root)
}

fn check(root: &Path, extra: &[&str]) -> Output {
    let mut command = common::hireboard();
    command
        .current_dir(root)
        .args(["check", "--now", common::NOW])
        .args(extra);
    command.output().unwrap()
}

#[test]
fn drafts_and_scheduled_postings_are_in_no_file_of_the_build() {
    let site = build(&common::site_dir(SITE), &[]);
    for needle in DRAFTS.iter().chain(&SCHEDULED) {
        assert_eq!(site.mentioning(needle), Vec::<&str>::new(), "{needle}");
    }
    // Tern Systems has only a draft and a scheduled posting.
    assert_eq!(site.mentioning("Tern Systems"), Vec::<&str>::new());
    assert!(site.text("index.html").contains("Platform Engineer"));
    assert!(
        site.stderr
            .contains("not published: 2 drafts, 1 scheduled posting"),
        "{}",
        site.stderr
    );
}

#[test]
fn build_drafts_publishes_drafts_marked_and_not_for_search_engines() {
    let site = build(&common::site_dir(SITE), &["--drafts"]);
    let page = site.text("jobs/quarry-labs-secret-launch-designer/index.html");
    assert!(
        page.contains(r#"class="preview-banner"><strong>Draft.</strong>"#),
        "{page}"
    );
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!page.contains("application/ld+json"));
    assert!(site
        .files
        .contains_key("jobs/tern-systems-hidden-support-lead/index.html"));
    for needle in SCHEDULED {
        assert_eq!(site.mentioning(needle), Vec::<&str>::new(), "{needle}");
    }
}

#[test]
fn a_scheduled_posting_is_published_on_its_date() {
    let site = build(&common::site_dir(SITE), &["--now", "2025-04-16T00:00:00Z"]);
    let page = site.text("jobs/tern-systems-future-data-engineer/index.html");
    assert!(
        page.contains("application/ld+json"),
        "published, for search engines"
    );
    assert!(!page.contains("preview-banner"));
    assert!(site.text("index.html").contains("Future Data Engineer"));
    assert!(site.text("atom.xml").contains("Future Data Engineer"));
}

#[test]
fn the_preview_shows_drafts_and_scheduled_postings_with_a_banner() {
    // What `serve` builds: every unpublished posting, marked.
    let options = hireboard::site::SiteOptions {
        now: common::NOW.parse().unwrap(),
        unpublished: hireboard::site::Unpublished::SHOWN,
        base_url: None,
        live_reload: None,
    };
    let site = hireboard::site::Site::load(&common::site_dir(SITE), options).unwrap();
    let page = |path: &str| String::from_utf8(site.files()[path].to_vec()).unwrap();
    let draft = page("jobs/tern-systems-hidden-support-lead/index.html");
    assert!(draft.contains("<strong>Draft.</strong>"), "{draft}");
    let scheduled = page("jobs/tern-systems-future-data-engineer/index.html");
    assert!(
        scheduled.contains(
            r#"<strong>Scheduled for <time datetime="2025-04-15">15 Apr 2025</time>.</strong>"#
        ),
        "{scheduled}"
    );
    assert!(scheduled.contains(r#"content="noindex""#));
}

#[test]
fn closed_and_filled_postings_keep_a_marked_page_out_of_every_list() {
    let site = build(&common::site_dir(SITE), &[]);
    for (slug, title) in [
        ("oriel-works-release-manager", "Release Manager"),
        ("oriel-works-field-technician", "Field Technician"),
    ] {
        let path = format!("jobs/{slug}/index.html");
        let page = site.text(&path);
        assert!(page.contains("This position is closed"), "{page}");
        // Closed by hand before its expiry date: no "closed" date to come.
        assert!(!page.contains("(closed <time"), "{page}");
        assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
        assert!(!page.contains("application/ld+json"));
        assert!(!page.contains("Apply for this job"));
        assert_eq!(site.mentioning(title), [path.as_str()], "{title}");
    }
    assert!(
        site.stderr.contains("built 4 postings (3 closed)"),
        "{}",
        site.stderr
    );
}

#[test]
fn postings_expire_after_60_days_unless_told_otherwise() {
    // The archivist posting is dated 2025-01-10: 59 days before the build.
    let config = "title: T\nbase_url: https://jobs.example.com/\n";
    let (_dir, root) = fixture_with_config(config);
    let archivist = "jobs/quarry-labs-archivist/index.html";
    let on = |now: &str| build(&root, &["--now", now]).text(archivist);
    assert!(!on("2025-03-10T00:00:00Z").contains("This position is closed"));
    assert!(on("2025-03-12T00:00:00Z").contains("This position is closed"));

    let (_dir, root) = fixture_with_config(&format!("{config}expire_after_days: never\n"));
    let site = build(&root, &["--now", "2030-01-01T00:00:00Z"]);
    assert!(!site.text(archivist).contains("This position is closed"));
    assert!(site.text("index.html").contains("Archivist"));
}

#[test]
fn aliases_redirect_from_old_addresses() {
    let site = build(&common::site_dir(SITE), &[]);
    assert_eq!(
        site.text("_redirects"),
        "/careers/platform.html /jobs/quarry-labs-archivist/ 301\n\
         /jobs/quarry-labs-platform-developer/ /jobs/quarry-labs-platform-engineer/ 301\n"
    );
    let old = site.text("jobs/quarry-labs-platform-developer/index.html");
    assert!(old.contains(
        r#"<link rel="canonical" href="https://jobs.example.com/jobs/quarry-labs-platform-engineer/">"#
    ), "{old}");
    assert!(old.contains(
        r#"<meta http-equiv="refresh" content="0; url=/jobs/quarry-labs-platform-engineer/">"#
    ));
    // The generated pages keep their own address.
    assert!(site.text(OPEN).contains("<h1>Platform Engineer</h1>"));
    assert!(site.text("tags/index.html").contains("<h1"));
    assert!(!site.text("sitemap.xml").contains("platform-developer"));
}

#[test]
fn redirects_live_under_a_sub_path() {
    let site = build(
        &common::site_dir(SITE),
        &["--base-url", "https://user.github.io/board/"],
    );
    assert!(site.text("_redirects").contains(
        "/board/jobs/quarry-labs-platform-developer/ /board/jobs/quarry-labs-platform-engineer/ 301\n"
    ));
}

#[test]
fn check_warns_of_aliases_that_cannot_redirect() {
    let output = check(&common::site_dir(SITE), &[]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "warning[url-conflict]: alias `/jobs/quarry-labs-platform-engineer/` is the address of a page the site generates: it is left out\n --> content/old.md\n",
        "warning[url-conflict]: alias `/tags/` is the address of a page the site generates: it is left out\n --> content/old.md\n",
        "warning[url-conflict]: alias `/careers/platform.html` is claimed by content/old.md too: it redirects there\n --> content/open-role.md\n",
    ] {
        assert!(stdout.contains(expected), "{expected}\n{stdout}");
    }
    assert!(output.status.success(), "warnings only");
    assert!(!check(&common::site_dir(SITE), &["--strict"])
        .status
        .success());
}

fn git(root: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .current_dir(root)
        .args([
            "-c",
            "user.name=Editor",
            "-c",
            "user.email=editor@example.com",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env_remove("GIT_DIR")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn an_undated_posting_takes_the_date_git_added_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("hireboard.yaml"), "title: T\ntimezone: UTC\n").unwrap();
    fs::create_dir(root.join("content")).unwrap();
    let undated = "---\ntitle: Kiln Operator\ncompany: Tern Systems\napply: https://tern.example/kiln\n---\nFire pottery.\n";
    fs::write(root.join("content/kiln.md"), undated).unwrap();
    let inspect = |with_git: bool| {
        let mut command = common::hireboard();
        if with_git {
            command.env_remove("GIT_DIR");
        }
        let output = command
            .current_dir(root)
            .args(["inspect", "--json", "--now", common::NOW])
            .output()
            .unwrap();
        let records: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        records[0].clone()
    };
    // Outside git it stays undated, and check says so.
    assert_eq!(inspect(true)["date"], serde_json::Value::Null);
    let mut command = common::hireboard();
    let output = command.current_dir(root).arg("check").output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("warning[no-date-posted]: no date: Google's job search is given the day of each build as its datePosted, and it never expires\n --> content/kiln.md\n"),
        "{stdout}"
    );

    git(root, &["init", "-q"], "2025-02-01T09:30:00Z");
    git(root, &["add", "content/kiln.md"], "2025-02-01T09:30:00Z");
    git(
        root,
        &["commit", "-q", "-m", "Kiln"],
        "2025-02-01T09:30:00Z",
    );
    fs::write(
        root.join("content/kiln.md"),
        undated.replace("pottery", "clay"),
    )
    .unwrap();
    git(
        root,
        &["commit", "-q", "-am", "Edit"],
        "2025-02-20T10:00:00Z",
    );
    let record = inspect(true);
    assert_eq!(
        record["date"], "2025-02-01T09:30:00+00:00",
        "the commit that added it"
    );
    assert_eq!(
        record["expires"], "2025-04-02T09:30:00+00:00",
        "60 days later"
    );
    assert!(record["inferred"]
        .as_array()
        .unwrap()
        .contains(&"date".into()));
}

#[test]
fn quiet_builds_print_nothing_but_errors() {
    let dir = tempfile::tempdir().unwrap();
    let output = common::build_ok(
        &common::site_dir(SITE),
        &dir.path().join("out"),
        &["--quiet"],
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn the_summary_groups_warnings_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    fs::create_dir_all(root.join("content")).unwrap();
    for n in 1..=3 {
        let text = format!("---\ntitle: Welder\ncompany: Oriel Works\ndate: 2025-03-0{n}\napply: https://oriel.example/weld\ncolour{n}: blue\n---\nWeld.\n");
        fs::write(root.join(format!("content/welder-{n}.md")), text).unwrap();
    }
    let output = common::build_ok(&root, &dir.path().join("out"), &[]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("warnings by kind (`hireboard check` lists each"),
        "{stderr}"
    );
    assert!(
        stderr.contains("     3 × unknown-key\n     2 × duplicate-slug\n"),
        "{stderr}"
    );
    assert!(stderr.contains("; 5 warnings, 0 errors"), "{stderr}");
}
