//! Company profiles (`companies/<slug>.md`): what the company page and its
//! postings show of one, what `check` says of a broken or stray one, and the
//! dev server's rebuild when one is edited. Fixture: `tests/sites/profiles/`.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use hireboard::site::{Changes, Site, SiteOptions, Unpublished};

fn build(root: &Path) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let output = common::build_ok(root, &out, &[]);
    let files = common::read_tree(&out);
    (dir, files, String::from_utf8(output.stderr).unwrap())
}

fn text<'f>(files: &'f BTreeMap<String, Vec<u8>>, path: &str) -> &'f str {
    std::str::from_utf8(files.get(path).unwrap_or_else(|| panic!("no {path}"))).unwrap()
}

/// The fixture copied into a tempdir (`<tempdir>/site`) to edit.
fn fixture_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    common::copy_dir(&common::site_dir("profiles"), &root);
    (dir, root)
}

fn check(root: &Path) -> String {
    let output = common::hireboard()
        .current_dir(root)
        .args(["check", "--now", common::NOW])
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

const OG_IMAGE: &str =
    r#"<meta property="og:image" content="https://harbour.example/board/logos/tidewater.svg">"#;

#[test]
fn a_company_page_shows_its_profile() {
    let (_dir, files, _) = build(&common::site_dir("profiles"));
    let page = text(&files, "companies/tidewater-ferries/index.html");
    for shown in [
        r#"<img class="company-logo" src="/board/logos/tidewater.svg" alt="Tidewater Ferries logo""#,
        r#"<p class="company-about">Car ferries between the islands since 1961.</p>"#,
        r#"<a href="https://www.tidewater-ferries.example/" rel="noopener">tidewater-ferries.example</a>"#,
        // The body as Markdown, its heading under the page's <h1>.
        "<h2>Who we are</h2>",
        "Forty crews run <strong>nine ferries</strong> around the clock.",
        OG_IMAGE,
    ] {
        assert!(page.contains(shown), "{shown}\n{page}");
    }
    // Sanitized like a posting body.
    assert!(!page.contains("alert"), "{page}");
    assert!(!page.contains("javascript:"), "{page}");
    // The logo is the site's own static file, copied with the theme's.
    assert!(files.contains_key("logos/tidewater.svg"));
    let problems: Vec<String> = common::html_files(&files)
        .into_iter()
        .flat_map(|(path, html)| {
            common::links::broken_links(path, html, "/board/", |f| files.contains_key(f))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The index of companies shows it beside the name.
    let index = text(&files, "companies/index.html");
    assert!(index.contains(r#"<img class="index-logo" src="/board/logos/tidewater.svg" alt="" width="20" height="20"> <a href="/board/companies/tidewater-ferries/">Tidewater Ferries</a>"#));

    // Its postings share the logo with whoever shares their link.
    let posting = text(&files, "jobs/tidewater-ferries-deckhand/index.html");
    assert!(posting.contains(OG_IMAGE));
    // A logo URL is used as it is.
    let northwind = text(&files, "companies/northwind-labs/index.html");
    assert!(northwind.contains(r#"src="https://cdn.northwind.example/logo.png""#));
    assert!(northwind.contains(
        r#"<meta property="og:image" content="https://cdn.northwind.example/logo.png">"#
    ));
}

#[test]
fn a_company_without_a_profile_works_as_before() {
    let (_dir, files, stderr) = build(&common::site_dir("profiles"));
    let page = text(&files, "companies/port-of-gdansk-authority/index.html");
    assert!(page.contains("<h1>Port of Gdansk Authority</h1>"));
    for absent in [
        "company-profile",
        "company-logo",
        "og:image",
        "company-body",
    ] {
        assert!(!page.contains(absent), "{absent}");
    }
    let posting = text(
        &files,
        "jobs/port-of-gdansk-authority-harbour-pilot/index.html",
    );
    assert!(!posting.contains("og:image"));
    assert!(stderr.contains("0 warnings, 0 errors"), "{stderr}");
}

#[test]
fn broken_profiles_are_reported_with_their_line_and_the_rest_builds() {
    let (_dir, root) = fixture_copy();
    let companies = root.join("companies");
    // A YAML error: the whole profile is left out.
    fs::write(
        companies.join("port-of-gdansk-authority.md"),
        "---\nname: Port of Gdansk Authority\nwebsite: \"https://port.example/\n---\nBody\n",
    )
    .unwrap();
    // A `javascript:` website: only the website is left out.
    let northwind = fs::read_to_string(companies.join("northwind-labs.md")).unwrap();
    fs::write(
        companies.join("northwind-labs.md"),
        northwind.replace("https://northwind.example/", "javascript:alert(1)"),
    )
    .unwrap();

    let report = check(&root);
    // Where the YAML reader gave up (the closing `---`), and why.
    assert!(
        report.contains("error[company-profile-invalid]: found unexpected end of stream, while scanning a quoted scalar\n --> companies/port-of-gdansk-authority.md:4:1"),
        "{report}"
    );
    assert!(
        report.contains(
            "error[company-profile-bad-link]: `website: javascript:alert(1)` is not a link the site can show; it is left out\n --> companies/northwind-labs.md:3:1"
        ),
        "{report}"
    );

    let (_dir, files, stderr) = build(&root);
    assert!(stderr.contains("1 × company-profile-invalid"), "{stderr}");
    assert!(stderr.contains("1 × company-profile-bad-link"), "{stderr}");
    let northwind = text(&files, "companies/northwind-labs/index.html");
    assert!(!northwind.contains("javascript:"));
    assert!(!northwind.contains("company-website"));
    assert!(northwind.contains(r#"src="https://cdn.northwind.example/logo.png""#));
    let port = text(&files, "companies/port-of-gdansk-authority/index.html");
    assert!(!port.contains("company-profile"));
    assert!(files.contains_key("jobs/tidewater-ferries-deckhand/index.html"));
}

#[test]
fn check_warns_of_a_profile_that_matches_no_company() {
    let (_dir, root) = fixture_copy();
    fs::write(
        root.join("companies/tidewater-feries.md"),
        "---\nname: Tidewater Ferries\n---\n",
    )
    .unwrap();
    fs::write(root.join("companies/lighthouse-trust.md"), "Lights.\n").unwrap();
    let report = check(&root);
    assert!(
        report.contains(
            "warning[profile-without-company]: no posting is by a company with the slug `tidewater-feries`: this profile shows nowhere\n --> companies/tidewater-feries.md\n = help: did you mean `companies/tidewater-ferries.md`?"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            " --> companies/lighthouse-trust.md\n = help: name the file after the company's slug"
        ),
        "{report}"
    );
    // The profiles that match say nothing.
    assert!(
        !report.contains("--> companies/tidewater-ferries.md"),
        "{report}"
    );
}

#[test]
fn editing_a_profile_re_renders_what_shows_it() {
    let (_dir, root) = fixture_copy();
    let options = SiteOptions {
        now: common::NOW.parse().unwrap(),
        unpublished: Unpublished::default(),
        base_url: None,
        live_reload: None,
    };
    let mut site = Site::load(&root, options.clone()).unwrap();
    let profile = root.join("companies/tidewater-ferries.md");
    let text = fs::read_to_string(&profile).unwrap();
    fs::write(
        &profile,
        text.replace("since 1961", "since 1962")
            .replace("/logos/tidewater.svg", "https://cdn.example/tw.png"),
    )
    .unwrap();
    let changes = Changes::classify(&root, "default", [profile]);
    assert!(!changes.is_empty());
    let update = site.apply(&changes).unwrap();
    for path in [
        "companies/tidewater-ferries/index.html",
        "jobs/tidewater-ferries-deckhand/index.html",
    ] {
        assert!(update.changed_files.contains(&path.to_string()), "{path}");
    }
    let page = &site.files()["companies/tidewater-ferries/index.html"];
    assert!(String::from_utf8_lossy(page).contains("since 1962"));
    // The same bytes as a fresh build.
    assert_eq!(site.pages(), Site::load(&root, options).unwrap().pages());
}

#[test]
fn a_profile_is_untrusted_text() {
    let (_dir, root) = fixture_copy();
    let companies = root.join("companies");
    fs::write(
        companies.join("port-of-gdansk-authority.md"),
        "---\nname: \"Port <script>alert(1)</script>\"\nabout: '\"><img src=x onerror=alert(2)>'\nwebsite: \"https://port.example/\\\" onmouseover=\\\"alert(3)\"\nlogo: ../../../etc/passwd\n---\n<iframe src=\"https://evil.example/\"></iframe>\n\n[x](javascript:alert(4))\n",
    )
    .unwrap();
    fs::write(
        companies.join("northwind-labs.md"),
        "---\nlogo: \"data:image/svg+xml,<svg onload=alert(5)>\"\n---\n",
    )
    .unwrap();
    // A link out of companies/ is reported, never read.
    let secret = root.parent().unwrap().join("secret.md");
    fs::write(&secret, "---\nabout: the secret\n---\n").unwrap();
    fs::remove_file(companies.join("tidewater-ferries.md")).unwrap();
    std::os::unix::fs::symlink(&secret, companies.join("tidewater-ferries.md")).unwrap();

    let (_dir, files, stderr) = build(&root);
    assert!(
        stderr.contains("1 × company-profile-unreadable"),
        "{stderr}"
    );
    assert!(stderr.contains("× company-profile-bad-link"), "{stderr}");
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        // As markup: as escaped text they are harmless.
        for bad in [
            "<script>alert",
            "<img src=x",
            "\" onmouseover",
            "javascript:",
            "<iframe",
            "data:image",
            "the secret",
            "etc/passwd",
        ] {
            assert!(!text.contains(bad), "{path}: {bad}");
        }
    }
    let port = text(&files, "companies/port-of-gdansk-authority/index.html");
    assert!(
        port.contains("<h1>Port &lt;script&gt;alert(1)&lt;/script&gt;</h1>"),
        "{port}"
    );
    assert!(!port.contains("company-logo"));
}
