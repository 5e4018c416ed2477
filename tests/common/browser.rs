//! Headless Chromium for the integration tests: a static file server for a
//! built site, chromedriver (killed with its browsers on drop), a WebDriver
//! session through fantoccini, and axe-core.
//!
//! Missing tools are test failures that say to run `scripts/test`, which
//! installs them; never silent skips.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};

const INSTALL_HINT: &str =
    "run scripts/test once: it installs chromium, chromium-driver, Java and the npm checkers";

/// A TCP port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("bind 127.0.0.1:0")
        .port()
}

/// `tests/browser/node_modules/<path>`, which must exist.
pub fn node_module(path: &str) -> PathBuf {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules")
        .join(path);
    assert!(
        file.is_file(),
        "{} is missing: {INSTALL_HINT}",
        file.display()
    );
    file
}

/// The Nu HTML Checker's errors on `files` (paths relative to `dir`), one
/// readable line each.
pub fn nu_errors(dir: &Path, files: &[&str]) -> Vec<String> {
    let vnu = node_module("vnu-jar/build/dist/vnu.jar");
    let output = Command::new("java")
        .current_dir(dir)
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--also-check-css", "--format", "json"])
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run java ({e}): run scripts/test, which installs Java"));
    // vnu writes its report to stderr, and exits 1 when it found errors.
    let report: Value = serde_json::from_slice(&output.stderr).unwrap_or_else(|e| {
        panic!(
            "vnu gave no JSON report ({e}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let errors: Vec<String> = report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{}:{}: {} {}",
                m["url"]
                    .as_str()
                    .unwrap_or("?")
                    .rsplit(dir.to_str().unwrap())
                    .next()
                    .unwrap_or("?"),
                m["lastLine"],
                m["message"].as_str().unwrap_or(""),
                m["extract"].as_str().unwrap_or("").trim()
            )
        })
        .collect();
    assert_eq!(output.status.success(), errors.is_empty(), "{errors:?}");
    errors
}

/// Serves the files of a folder over HTTP on 127.0.0.1 (browsers refuse
/// `fetch` on file:// URLs) the way static hosts do: `/x/` is
/// `x/index.html`, unknown paths get `404.html` with status 404.
pub struct StaticServer {
    pub port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let stopping = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let root = root.clone();
                    std::thread::spawn(move || serve_one(&root, stream));
                }
            }
        });
        StaticServer {
            port,
            stop,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:<port><path>`; `path` starts with `/`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Answers one request (`Connection: close`, so one per connection).
fn serve_one(root: &Path, stream: TcpStream) {
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Drain the headers; bodies are not expected.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let file = resolve(root, &path);
    let (status, file) = match file {
        Some(file) => ("200 OK", file),
        None => ("404 Not Found", root.join("404.html")),
    };
    let body = std::fs::read(&file).unwrap_or_default();
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        content_type(&file),
        body.len()
    );
    let mut stream = &stream;
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// The file a URL path names under `root`, if it exists and stays inside.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let rel = path.trim_start_matches('/');
    if rel.split('/').any(|s| s == ".." || s.contains('\\')) {
        return None;
    }
    let mut file = root.join(rel);
    if rel.is_empty() || rel.ends_with('/') || file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A chromedriver process on a free port. Dropping it kills its process
/// group, so the Chromium it started goes too, even when a test panics.
pub struct Chromedriver {
    child: Child,
    pub port: u16,
}

impl Chromedriver {
    pub fn start() -> Chromedriver {
        let port = free_port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start chromedriver ({e}): {INSTALL_HINT}"));
        let mut driver = Chromedriver { child, port };
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = driver.child.try_wait() {
                panic!("chromedriver exited ({status}) before listening on port {port}");
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on port {port} within 15 s"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
        driver
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // The group id is chromedriver's pid (process_group(0) above).
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A WebDriver session of headless Chromium, plus what fantoccini does not
/// offer: Chrome DevTools commands, axe-core, screenshots to files.
#[derive(Clone)]
pub struct Browser {
    pub client: Client,
    webdriver: String,
}

/// Runs `test` with a fresh headless Chromium (its own profile folder), then
/// closes the session and kills chromedriver whether `test` passed or
/// panicked, and fails with the test's panic.
pub async fn with_browser<F, Fut>(test: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(find_in_path)
        .unwrap_or_else(|| panic!("Chromium is not installed: {INSTALL_HINT}"));
    let driver = Chromedriver::start();
    let profile = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
    ]
    .map(String::from)
    .to_vec();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    let mut capabilities = fantoccini::wd::Capabilities::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": chromium, "args": args }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url())
        .await
        .unwrap_or_else(|e| panic!("cannot start a Chromium session: {e}"));
    let browser = Browser {
        client: client.clone(),
        webdriver: driver.url(),
    };
    // On its own task so a panic comes back here as an error, after which
    // the session is still closed.
    let outcome = tokio::spawn(test(browser)).await;
    let _ = client.close().await;
    drop(driver);
    if let Err(error) = outcome {
        match error.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(error) => panic!("browser test did not finish: {error}"),
        }
    }
}

/// The status line and body of an HTTP/1.1 response with a Content-Length
/// (chromedriver keeps the connection open, so reading to the end would hang).
fn read_response(reader: &mut impl BufRead) -> (String, String) {
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    let mut length = 0;
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 2 {
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap();
            }
        }
        line.clear();
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

fn find_in_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|file| file.is_file())
}

impl Browser {
    /// Opens `url` and waits for the page to load.
    pub async fn open(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("{url}: {e}"));
    }

    /// Sends a Chrome DevTools Protocol command through chromedriver's
    /// `goog/cdp/execute` (fantoccini has no call for it).
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        let session = self.client.session_id().await.unwrap().expect("session");
        let body = json!({ "cmd": cmd, "params": params }).to_string();
        let address = self.webdriver.trim_start_matches("http://").to_string();
        let request = format!(
            "POST /session/{session}/goog/cdp/execute HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let (status, body) = tokio::task::spawn_blocking(move || {
            let mut stream = TcpStream::connect(&address).expect("connect to chromedriver");
            stream.write_all(request.as_bytes()).unwrap();
            read_response(&mut BufReader::new(stream))
        })
        .await
        .unwrap();
        assert!(
            status.contains(" 200 "),
            "CDP {cmd} failed: {status} {body}"
        );
        serde_json::from_str(&body).unwrap_or(Value::Null)
    }

    /// Makes pages match `prefers-color-scheme: dark` (or light again).
    pub async fn prefer_dark(&self, dark: bool) {
        let value = if dark { "dark" } else { "light" };
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] }),
        )
        .await;
    }

    /// Runs axe-core on the open page and returns its violations of impact
    /// serious or critical, one readable line each.
    pub async fn serious_axe_violations(&self) -> Vec<String> {
        let axe = std::fs::read_to_string(node_module("axe-core/axe.min.js")).unwrap();
        self.client.execute(&axe, Vec::new()).await.unwrap();
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                   .then(r => done(r.violations), e => done({ error: String(e) }));",
                Vec::new(),
            )
            .await
            .unwrap();
        let violations = result
            .as_array()
            .unwrap_or_else(|| panic!("axe failed: {result}"));
        violations
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .map(|v| {
                let nodes: Vec<String> = v["nodes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|n| format!("    {} {}", n["target"], n["failureSummary"]))
                    .collect();
                format!(
                    "{} ({}): {}\n{}",
                    v["id"].as_str().unwrap_or("?"),
                    v["impact"].as_str().unwrap_or("?"),
                    v["help"].as_str().unwrap_or(""),
                    nodes.join("\n")
                )
            })
            .collect()
    }

    /// Lays pages out at `width` CSS pixels, as a phone of that width does
    /// (`None`: the window's own 1280 px again).
    pub async fn set_width(&self, width: Option<u32>) {
        match width {
            Some(width) => {
                let metrics = json!({ "width": width, "height": 844, "deviceScaleFactor": 1, "mobile": true });
                self.cdp("Emulation.setDeviceMetricsOverride", metrics)
                    .await
            }
            None => {
                self.cdp("Emulation.clearDeviceMetricsOverride", json!({}))
                    .await
            }
        };
    }

    /// Whether the open page is wider than the viewport (a horizontal scrollbar).
    pub async fn overflows_horizontally(&self) -> bool {
        let script =
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth";
        let value = self.client.execute(script, Vec::new()).await.unwrap();
        value.as_bool().unwrap()
    }

    /// Waits up to 10 s for the results page (`/search/`) to say `text` in
    /// its status line; fails with what it says instead.
    pub async fn wait_for_search_status(&self, text: &str) {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(fantoccini::Locator::XPath(&format!(
                "//p[@data-status and normalize-space()='{text}']"
            )))
            .await;
        if found.is_err() {
            let status = self.search_status().await;
            panic!("the results page says {status:?}, not {text:?}");
        }
    }

    /// The status line of the results page.
    pub async fn search_status(&self) -> String {
        let status = self.client.find(fantoccini::Locator::Css("[data-status]"));
        status.await.unwrap().text().await.unwrap()
    }

    /// Saves a PNG of the viewport.
    pub async fn screenshot(&self, file: &Path) {
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(file, png).unwrap();
    }
}
