//! Running `hireboard serve` in the integration tests: the server process
//! (killed on drop, however the test ends), a blocking HTTP/1.1 client over
//! `TcpStream`, a Server-Sent Events reader, and a small site to edit.
//! A test file takes it with `mod common; mod serve_support;`.

#![allow(dead_code)] // each test file uses a different part

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common;

/// How long any one expected change may take to be served.
pub const DEADLINE: Duration = Duration::from_secs(5);

/// A running `hireboard serve --port 0 --now NOW --root <root>`.
pub struct Server {
    child: Child,
    pub url: String,
    pub port: u16,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts the server and waits for its `serving ... at URL` line.
    pub fn start(root: &Path, extra: &[&str]) -> Server {
        let mut args = vec!["--port", "0"];
        args.extend_from_slice(extra);
        Server::start_with(root, &args)
    }

    /// Like [`Server::start`], with `args` in place of `--port 0`.
    pub fn start_with(root: &Path, args: &[&str]) -> Server {
        let mut child = common::hireboard()
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--now", common::NOW])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start hireboard serve");
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let lines = Arc::clone(&stderr);
        let pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        let mut server = Server {
            child,
            url: String::new(),
            port: 0,
            stderr,
        };
        server.url = eventually(
            "the `serving ... at URL` line",
            Duration::from_secs(15),
            || {
                if let Ok(Some(status)) = server.child.try_wait() {
                    panic!("serve exited ({status}):\n{}", server.stderr().join("\n"));
                }
                server
                    .stderr()
                    .iter()
                    .find_map(|l| l.strip_prefix("serving ")?.split(" at ").nth(1))
                    .and_then(|rest| rest.split_whitespace().next())
                    .map(str::to_string)
                    .ok_or_else(|| server.stderr().join("\n"))
            },
        );
        server.port = server
            .url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {}", server.url));
        server
    }

    /// Every line the server printed on stderr so far.
    pub fn stderr(&self) -> Vec<String> {
        self.stderr.lock().unwrap().clone()
    }

    /// The rebuild reports printed so far (`K files changed in X ms`, `error: ...`).
    pub fn rebuilds(&self) -> Vec<String> {
        self.stderr()
            .into_iter()
            .filter(|l| l.contains(" files changed in ") || l.starts_with("error: "))
            .collect()
    }

    /// `GET path` (which starts with `/`).
    pub fn get(&self, path: &str) -> Response {
        request(self.port, path)
    }

    /// Polls `GET path` until `check` accepts the response.
    pub fn wait_for(&self, path: &str, what: &str, check: impl Fn(&Response) -> bool) -> Response {
        eventually(&format!("{what} (GET {path})"), DEADLINE, || {
            let response = self.get(path);
            if check(&response) {
                Ok(response)
            } else {
                Err(response.summary())
            }
        })
    }

    /// Opens the live-reload event stream.
    pub fn events(&self) -> Events {
        Events::open(self.port)
    }

    /// Sends SIGINT (Ctrl-C) and waits for the server to exit.
    pub fn interrupt(&mut self) -> ExitStatus {
        let sent = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -INT failed");
        eventually("serve to exit after SIGINT", DEADLINE, || {
            self.child
                .try_wait()
                .unwrap()
                .ok_or_else(|| self.stderr().join("\n"))
        })
    }

    /// Fetches every file of a fresh `hireboard build` of `root` (same
    /// `--now`, this server's base URL) and compares bytes, the injected
    /// live-reload script aside. `Err` lists what differs.
    pub fn compare_with_build(&self, root: &Path) -> Result<(), String> {
        let out = tempfile::tempdir().unwrap();
        // Broken postings fail the build but leave the rest written, as served.
        let build = common::build(root, out.path(), &["--base-url", &self.url]);
        assert!(
            out.path().join("index.html").is_file(),
            "hireboard build wrote no site:\n{}",
            String::from_utf8_lossy(&build.stderr)
        );
        let mut differences = Vec::new();
        for (path, built) in common::read_tree(out.path()) {
            if path == ".hireboard-output" {
                continue;
            }
            let url_path = format!("/{}", path.strip_suffix("index.html").unwrap_or(&path));
            let response = self.get(&url_path);
            let served = if path.ends_with(".html") {
                strip_live_reload(&response.body)
            } else {
                response.body.clone()
            };
            if response.status != 200 {
                differences.push(format!("{url_path}: status {}", response.status));
            } else if served != built {
                differences.push(format!("{url_path}: bytes differ"));
            }
        }
        if differences.is_empty() {
            Ok(())
        } else {
            Err(differences.join("\n"))
        }
    }

    /// Waits until the served site equals a fresh build of `root`.
    pub fn assert_matches_build(&self, root: &Path) {
        eventually("the served site to equal a fresh build", DEADLINE, || {
            self.compare_with_build(root)
        });
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Calls `attempt` every 20 ms until it succeeds; after `timeout`, fails
/// with what it was waiting for and the last error.
pub fn eventually<T>(
    what: &str,
    timeout: Duration,
    mut attempt: impl FnMut() -> Result<T, String>,
) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        match attempt() {
            Ok(value) => return value,
            Err(last) if Instant::now() >= deadline => {
                panic!("waited {timeout:?} for {what}; last seen:\n{last}")
            }
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// An HTTP response, body decoded.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// Header names in lower case.
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    fn summary(&self) -> String {
        let text = self.text();
        let end = text.char_indices().nth(300).map_or(text.len(), |(i, _)| i);
        format!("status {}: {}", self.status, &text[..end])
    }
}

/// `GET target` sent exactly as given (no normalization of `..` or `%2e`,
/// which is the point for the path-safety tests).
pub fn request(port: u16, target: &str) -> Response {
    exchange(
        port,
        &format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
    )
}

/// Sends `head` as it is and reads the response until the server closes.
pub fn exchange(port: u16, head: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to serve");
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("{head:?}: {e}"));
    parse_response(&raw).unwrap_or_else(|| panic!("{head:?}: bad response {raw:?}"))
}

fn parse_response(raw: &[u8]) -> Option<Response> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers.get("transfer-encoding").map(String::as_str) == Some("chunked") {
        body = dechunk(&body)?;
    }
    Some(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        if size == 0 {
            return Some(out);
        }
        let start = line_end + 2;
        out.extend_from_slice(raw.get(start..start + size)?);
        raw = raw.get(start + size + 2..)?;
    }
}

/// An HTML page as `build` writes it: the live-reload script `serve`
/// injects before `</body>` taken out.
pub fn strip_live_reload(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let Some(body_end) = text.rfind("</body>") else {
        return html.to_vec();
    };
    match text[..body_end].rfind("<script>") {
        Some(start) if text[start..body_end].ends_with("</script>") => {
            format!("{}{}", &text[..start], &text[body_end..]).into_bytes()
        }
        _ => html.to_vec(),
    }
}

/// One Server-Sent Event: its name and its JSON data.
#[derive(Debug, Clone)]
pub struct Event {
    pub name: String,
    pub data: serde_json::Value,
}

impl Event {
    /// The problem lines the event carries.
    pub fn problems(&self) -> Vec<String> {
        self.data["problems"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str().map(str::to_string))
            .collect()
    }
}

/// A streaming `GET /__hireboard/events`, read on a thread.
pub struct Events {
    events: Receiver<Event>,
    stream: TcpStream,
}

impl Events {
    /// Connects and waits for the `hello` event.
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to serve");
        // HTTP/1.0: the stream comes unchunked, ended by closing.
        write!(
            stream,
            "GET /__hireboard/events HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .unwrap();
        let (sender, events) = mpsc::channel();
        let reader = stream.try_clone().unwrap();
        std::thread::spawn(move || {
            let mut name = String::new();
            let mut data = String::new();
            let lines = BufReader::new(reader).lines().map_while(Result::ok);
            // The head ends with an empty line; events follow.
            for line in lines.skip_while(|l| !l.is_empty()).skip(1) {
                if let Some(value) = line.strip_prefix("event:") {
                    name = value.trim().to_string();
                } else if let Some(value) = line.strip_prefix("data:") {
                    data.push_str(value.trim());
                } else if line.is_empty() && !data.is_empty() {
                    let data = serde_json::from_str(&std::mem::take(&mut data))
                        .unwrap_or(serde_json::Value::Null);
                    let event = Event {
                        name: std::mem::take(&mut name),
                        data,
                    };
                    if sender.send(event).is_err() {
                        return;
                    }
                }
            }
        });
        let events = Events { events, stream };
        events.next_matching("the hello event", |e| e.name == "hello");
        events
    }

    /// Waits for an event `accept` takes; the ones before it are dropped.
    pub fn next_matching(&self, what: &str, accept: impl Fn(&Event) -> bool) -> Event {
        let deadline = Instant::now() + DEADLINE;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) if accept(&event) => return event,
                Ok(event) => seen.push(format!("{} {}", event.name, event.data)),
                Err(_) => panic!(
                    "waited {DEADLINE:?} for {what}; events seen:\n{}",
                    seen.join("\n")
                ),
            }
        }
    }

    /// The events received so far, without waiting.
    pub fn received(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }
}

/// A posting file in YAML front matter.
pub fn posting(title: &str, company: &str, tags: &[&str]) -> String {
    format!(
        "---\ntitle: {title}\ncompany: {company}\ndate: 2025-03-01\nlocation: Berlin, Germany\ntags: [{}]\napply: https://example.com/apply\n---\n\nWe build things with {}.\n",
        tags.join(", "),
        tags.join(" and ")
    )
}

/// A small site in a fresh temp folder: a config and three postings.
pub fn new_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("hireboard.yaml"),
        "title: Serve Test Board\nbase_url: https://jobs.example.com/\npaginate_by: 10\n",
    )
    .unwrap();
    std::fs::create_dir(root.join("content")).unwrap();
    for (file, title, company, tags) in [
        (
            "alpha.md",
            "Alpha Engineer",
            "Alpha Corp",
            &["rust", "go"][..],
        ),
        ("beta.md", "Beta Designer", "Beta Labs", &["figma"][..]),
        (
            "gamma.md",
            "Gamma Analyst",
            "Alpha Corp",
            &["sql", "rust"][..],
        ),
    ] {
        std::fs::write(
            root.join("content").join(file),
            posting(title, company, tags),
        )
        .unwrap();
    }
    dir
}
