//! `hireboard serve` over real HTTP: the binary on a free port, a temp site
//! edited the ways editors and tools do, each change checked within a
//! deadline, and the served site compared with a fresh `hireboard build`.

mod common;
mod serve_support;

use std::fs;
use std::path::Path;
use std::time::Duration;

use serve_support::{new_site, posting, request, Server, DEADLINE};

const ALPHA: &str = "/jobs/alpha-corp-alpha-engineer/";

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn lists(server: &Server, page: &str, title: &str) -> bool {
    let response = server.get(page);
    response.status == 200 && response.text().contains(title)
}

/// Waits until no rebuild has been reported for a while, so that a check
/// after it sees the end state and not a passing one.
fn settle(server: &Server) -> usize {
    let mut count = server.rebuilds().len();
    loop {
        std::thread::sleep(Duration::from_millis(250));
        let now = server.rebuilds().len();
        if now == count {
            return count;
        }
        count = now;
    }
}

#[test]
fn create_edit_rename_delete_a_posting() {
    let site = new_site();
    let root = site.path();
    let server = Server::start(root, &[]);

    // Create.
    write(
        root,
        "content/delta.md",
        &posting("Delta Engineer", "Delta Inc", &["elixir"]),
    );
    let page = server.wait_for("/jobs/delta-inc-delta-engineer/", "the new posting", |r| {
        r.status == 200 && r.text().contains("<h1>Delta Engineer</h1>")
    });
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    for list in ["/", "/companies/delta-inc/", "/tags/elixir/"] {
        assert!(lists(&server, list, "Delta Engineer"), "{list}");
    }
    server.assert_matches_build(root);

    // Edit title, company and tags; and move Gamma from Alpha Corp to Beta Labs.
    write(
        root,
        "content/delta.md",
        &posting("Delta Lead", "Epsilon GmbH", &["haskell"]),
    );
    write(
        root,
        "content/gamma.md",
        &posting("Gamma Analyst", "Beta Labs", &["sql"]),
    );
    server.wait_for(
        "/jobs/epsilon-gmbh-delta-lead/",
        "the edited posting",
        |r| r.status == 200 && r.text().contains("<h1>Delta Lead</h1>"),
    );
    server.wait_for("/companies/alpha-corp/", "Gamma off Alpha Corp", |r| {
        r.status == 200
            && !r.text().contains("Gamma Analyst")
            && r.text().contains("Alpha Engineer")
    });
    for (list, title) in [
        ("/companies/epsilon-gmbh/", "Delta Lead"),
        ("/tags/haskell/", "Delta Lead"),
        ("/companies/beta-labs/", "Gamma Analyst"),
        ("/", "Delta Lead"),
    ] {
        assert!(lists(&server, list, title), "{list} should list {title}");
    }
    for gone in ["/companies/delta-inc/", "/tags/elixir/"] {
        assert_eq!(server.get(gone).status, 404, "{gone}");
    }
    // A page open on the old address follows its posting when it reloads.
    let moved = server.get("/jobs/delta-inc-delta-engineer/");
    assert_eq!(moved.status, 302);
    assert_eq!(
        moved.header("location"),
        Some("/jobs/epsilon-gmbh-delta-lead/")
    );
    assert!(!lists(&server, "/", "Delta Engineer"));
    server.assert_matches_build(root);

    // Rename and move into a new sub-folder: same posting, same page.
    fs::create_dir_all(root.join("content/2025/march")).unwrap();
    fs::rename(
        root.join("content/delta.md"),
        root.join("content/2025/march/delta-renamed.md"),
    )
    .unwrap();
    settle(&server);
    let page = server.get("/jobs/epsilon-gmbh-delta-lead/");
    assert_eq!(page.status, 200, "renamed posting: {}", page.text());
    assert!(lists(&server, "/companies/epsilon-gmbh/", "Delta Lead"));
    server.assert_matches_build(root);

    // Delete: the theme's 404 page, and gone from every list.
    fs::remove_file(root.join("content/2025/march/delta-renamed.md")).unwrap();
    let gone = server.wait_for("/jobs/epsilon-gmbh-delta-lead/", "a 404", |r| {
        r.status == 404
    });
    assert!(gone.text().contains("Page not found"), "{}", gone.text());
    assert_eq!(server.get("/jobs/delta-inc-delta-engineer/").status, 404);
    assert_eq!(
        gone.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(!lists(&server, "/", "Delta Lead"));
    assert_eq!(server.get("/companies/epsilon-gmbh/").status, 404);
    assert_eq!(server.get("/tags/haskell/").status, 404);
    server.assert_matches_build(root);
}

#[test]
fn editor_saves_are_picked_up_and_temp_files_ignored() {
    let site = new_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let content = root.join("content");

    // Atomic save: a temp file in the same folder renamed over the posting.
    fs::write(
        content.join("alpha.md.tmp"),
        posting("Alpha Atomic", "Alpha Corp", &["rust"]),
    )
    .unwrap();
    fs::rename(content.join("alpha.md.tmp"), content.join("alpha.md")).unwrap();
    server.wait_for("/jobs/alpha-corp-alpha-atomic/", "the atomic save", |r| {
        r.status == 200
    });

    // Vim: rename the original to a backup, write anew, delete the backup.
    fs::rename(content.join("alpha.md"), content.join("alpha.md~")).unwrap();
    fs::write(
        content.join("alpha.md"),
        posting("Alpha Vim", "Alpha Corp", &["rust"]),
    )
    .unwrap();
    fs::remove_file(content.join("alpha.md~")).unwrap();
    server.wait_for("/jobs/alpha-corp-alpha-vim/", "the vim save", |r| {
        r.status == 200
    });
    server.assert_matches_build(root);

    // Swap files, vim's write test and Emacs autosaves change nothing.
    let rebuilds = settle(&server);
    let events = server.events();
    fs::write(content.join(".beta.md.swp"), "swap").unwrap();
    fs::write(content.join("4913"), "").unwrap();
    fs::remove_file(content.join("4913")).unwrap();
    fs::write(content.join("#beta.md#"), "---\ntitle: [broken").unwrap();
    fs::write(content.join("beta.md.swx"), "swap").unwrap();
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(
        server.rebuilds().len(),
        rebuilds,
        "temp files caused a rebuild: {:?}",
        server.stderr()
    );
    let received = events.received();
    assert!(received.is_empty(), "temp files sent events: {received:?}");
}

#[test]
fn a_burst_of_files_is_a_few_rebuilds() {
    let site = new_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let before = server.rebuilds().len();
    // Like a `git checkout`: many files in several folders, as fast as possible.
    for i in 0..200 {
        let folder = ["content", "content/team-a", "content/team-b/2025"][i % 3];
        write(
            root,
            &format!("{folder}/burst-{i:03}.md"),
            &posting(
                &format!("Burst Role {i}"),
                &format!("Burst Co {}", i % 7),
                &["burst", ["rust", "go", "sql"][i % 3]],
            ),
        );
    }
    server.wait_for(
        "/jobs/burst-co-3-burst-role-199/",
        "the last posting",
        |r| r.status == 200,
    );
    let rebuilds = settle(&server) - before;
    assert!(
        (1..=20).contains(&rebuilds),
        "200 files gave {rebuilds} rebuilds: {:?}",
        server.rebuilds()
    );
    eprintln!("200 files written: {rebuilds} rebuild(s)");
    server.assert_matches_build(root);
}

#[test]
fn a_broken_posting_is_reported_then_cleared() {
    let site = new_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let events = server.events();
    // Line 3 holds the unclosed list.
    write(
        root,
        "content/broken.md",
        "---\ntitle: Broken Role\ntags: [rust, go\ncompany: Nowhere\n---\nBody.\n",
    );
    let event = events.next_matching("a problem naming content/broken.md", |e| {
        e.problems()
            .iter()
            .any(|p| p.starts_with("content/broken.md:"))
    });
    let problem = event.problems().join("\n");
    assert!(
        problem.contains("content/broken.md:3") || problem.contains("content/broken.md:4"),
        "no line in {problem}"
    );
    // The terminal shows it too (printed just after the event is sent), and
    // the rest of the site stays.
    serve_support::eventually("the problem on stderr", DEADLINE, || {
        let shown = server.stderr().join("\n");
        shown
            .contains("  content/broken.md:")
            .then_some(())
            .ok_or(shown)
    });
    assert!(lists(&server, "/", "Alpha Engineer"));
    assert_eq!(server.get(ALPHA).status, 200);

    write(
        root,
        "content/broken.md",
        &posting("Broken Role", "Nowhere", &["rust"]),
    );
    events.next_matching("the problem cleared", |e| e.problems().is_empty());
    server.wait_for("/jobs/nowhere-broken-role/", "the fixed posting", |r| {
        r.status == 200
    });
    server.assert_matches_build(root);
}

#[test]
fn a_broken_template_keeps_the_last_good_pages() {
    let site = new_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let events = server.events();
    let good = server.get(ALPHA);
    // The unclosed `{{` is on line 3.
    write(
        root,
        "templates/posting.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1 class=\"custom\">{{ posting.title </h1>\n{% endblock %}\n",
    );
    let event = events.next_matching("a problem naming the template", |e| {
        e.problems()
            .iter()
            .any(|p| p.contains("templates/posting.html"))
    });
    let problem = event.problems().join("\n");
    assert!(
        problem.contains("templates/posting.html:3"),
        "no line in {problem}"
    );
    let served = server.get(ALPHA);
    assert_eq!(served.status, 200);
    assert_eq!(served.body, good.body, "the last good page is served");
    // Content edits while the theme is broken are not lost.
    write(
        root,
        "content/beta.md",
        &posting("Beta Lead", "Beta Labs", &["figma"]),
    );
    std::thread::sleep(Duration::from_millis(300));

    write(
        root,
        "templates/posting.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1 class=\"custom\">{{ posting.title }}</h1>\n{% endblock %}\n",
    );
    events.next_matching("the problem cleared", |e| e.problems().is_empty());
    server.wait_for(ALPHA, "the new template", |r| {
        r.text()
            .contains("<h1 class=\"custom\">Alpha Engineer</h1>")
    });
    server.wait_for(
        "/jobs/beta-labs-beta-lead/",
        "the edit made meanwhile",
        |r| r.status == 200,
    );
    server.assert_matches_build(root);
}

#[test]
fn a_css_change_swaps_stylesheets() {
    let site = new_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let events = server.events();
    write(root, "static/style.css", "body { color: rgb(1, 2, 3); }\n");
    let event = events.next_matching("an event", |_| true);
    assert_eq!(event.name, "css", "{event:?}");
    let css = server.get("/style.css");
    assert_eq!(css.text(), "body { color: rgb(1, 2, 3); }\n");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    // A template change is a reload.
    write(
        root,
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Lost</h1>{% endblock %}",
    );
    let event = events.next_matching("an event", |_| true);
    assert_eq!(event.name, "reload", "{event:?}");
}

#[test]
fn paths_outside_the_site_are_refused() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("site");
    common::copy_dir(new_site().path(), &root);
    let secret = outer.path().join("secret.txt");
    fs::write(&secret, "TOP-SECRET-OUTSIDE").unwrap();
    fs::write(
        outer.path().join("outside.md"),
        posting("Leaked Role", "Outside Co", &["leak"]),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outer.path().join("outside.md"),
        root.join("content/leak.md"),
    )
    .unwrap();
    let server = Server::start(&root, &[]);
    let events = server.events();
    // The same link made while serving goes through the incremental path.
    std::os::unix::fs::symlink(
        outer.path().join("outside.md"),
        root.join("content/leak-later.md"),
    )
    .unwrap();
    // A static file linked from outside is a theme error: shown, not served.
    fs::create_dir(root.join("static")).unwrap();
    std::os::unix::fs::symlink(&secret, root.join("static/leak.txt")).unwrap();
    events.next_matching("a problem naming static/leak.txt", |e| {
        e.problems()
            .iter()
            .any(|p| p.starts_with("static/leak.txt: symlink pointing outside"))
    });
    let port = server.port;
    let targets = [
        "/../secret.txt".to_string(),
        "/../../../../etc/passwd".into(),
        "/%2e%2e/secret.txt".into(),
        "/%2E%2E%2Fsecret.txt".into(),
        "/..%2fsecret.txt".into(),
        "/jobs/..%2f..%2fsecret.txt".into(),
        "/jobs/%2e%2e/%2e%2e/secret.txt".into(),
        "/..%5csecret.txt".into(),
        "//etc/passwd".into(),
        "/%2fetc%2fpasswd".into(),
        format!("/{}", secret.display()),
        format!("/%2f{}", secret.display()),
        format!("http://127.0.0.1:{port}/../secret.txt"),
        "/etc/passwd".into(),
        "/leak.txt".into(),
    ];
    for target in &targets {
        let response = request(port, target);
        assert!(
            [400, 404].contains(&response.status),
            "{target}: status {}",
            response.status
        );
        let text = response.text();
        assert!(
            !text.contains("TOP-SECRET") && !text.contains("root:"),
            "{target} leaked: {text}"
        );
    }
    assert!(
        !lists(&server, "/", "Leaked Role"),
        "a link out of the site was followed"
    );
    assert_eq!(server.get("/jobs/outside-co-leaked-role/").status, 404);
    fs::remove_file(root.join("static/leak.txt")).unwrap();
    events.next_matching("only the posting links reported", |e| {
        let problems = e.problems();
        problems.len() == 2 && problems.iter().all(|p| p.starts_with("content/leak"))
    });
    server.assert_matches_build(&root);
}

#[test]
fn urls_redirects_404_and_content_types() {
    let site = new_site();
    let server = Server::start(site.path(), &[]);
    let redirect = server.get(ALPHA.trim_end_matches('/'));
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some(ALPHA));
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Page not found"));
    for (path, content_type) in [
        ("/", "text/html; charset=utf-8"),
        (ALPHA, "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/search.js", "text/javascript; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/api/postings.json", "application/json"),
        ("/atom.xml", "application/atom+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(
            response.header("content-type"),
            Some(content_type),
            "{path}"
        );
    }
}

#[test]
fn a_taken_port_moves_to_the_next_and_binds_loopback() {
    let site = new_site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::start_with(site.path(), &["--port", &port.to_string()]);
    assert_ne!(server.port, port);
    assert!(
        (port + 1..=port.saturating_add(20)).contains(&server.port),
        "{}",
        server.url
    );
    let stderr = server.stderr().join("\n");
    assert!(
        stderr.contains(&format!("port {port} is in use"))
            && stderr.contains(&server.port.to_string()),
        "{stderr}"
    );
    // Loopback by default, and not reachable on this machine's other address.
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    assert!(!stderr.contains("warning"), "{stderr}");
    if let Some(ip) = outward_ip() {
        assert!(
            std::net::TcpStream::connect((ip, server.port)).is_err(),
            "serve answers on {ip}"
        );
    }
    assert_eq!(server.get("/").status, 200);
}

/// The address this machine would send from (no packet is sent), unless loopback.
fn outward_ip() -> Option<std::net::IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[test]
fn ctrl_c_stops_cleanly_and_deletes_nothing() {
    let site = new_site();
    let root = site.path();
    let before = common::read_tree(root);
    let mut server = Server::start(root, &[]);
    assert_eq!(server.get(ALPHA).status, 200);
    // An open page (its event stream) must not hold up the shutdown.
    let _events = server.events();
    let status = server.interrupt();
    assert!(status.success(), "{status}: {:?}", server.stderr());
    assert!(server.stderr().iter().any(|l| l == "stopped"));
    assert_eq!(
        common::read_tree(root),
        before,
        "serve changed the site folder"
    );
    assert!(!root.join("public").exists());
}
