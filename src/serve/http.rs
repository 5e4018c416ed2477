//! The preview server: serves the current snapshot of the site from memory,
//! and streams reload events to the pages it served.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, Request, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use hyper::body::Incoming;
use tokio::sync::{broadcast, watch};

/// Where the injected live-reload script listens.
pub const EVENTS_PATH: &str = "/__hireboard/events";

/// One complete version of the site. Requests read a whole snapshot, so
/// nobody ever sees half an old and half a new site.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Output path (`jobs/x/index.html`) to bytes.
    pub pages: Pages,
    /// Problems to show in the browser overlay (file:line: message).
    pub problems: Vec<String>,
    /// Changes with every rebuild, so a reconnecting page knows it is stale.
    pub generation: u64,
    /// Posting pages whose slug an edit changed: old path -> new path, so a
    /// page open on the old address follows its posting when it reloads.
    pub moved: HashMap<String, String>,
}

/// The site's files as of one snapshot, cheap to make from the last one: a
/// shared base, and the files changed since. An edit on a big board changes
/// a handful of its 16,000 files, and copying them all for every snapshot
/// cost more than re-rendering.
#[derive(Debug, Default, Clone)]
pub struct Pages {
    base: Arc<HashMap<String, Bytes>>,
    /// Since `base`: new bytes, or `None` for a file that is gone.
    changes: Arc<HashMap<String, Option<Bytes>>>,
}

impl Pages {
    pub fn new(files: HashMap<String, Bytes>) -> Pages {
        Pages {
            base: Arc::new(files),
            changes: Arc::default(),
        }
    }

    pub fn get(&self, path: &str) -> Option<&Bytes> {
        match self.changes.get(path) {
            Some(changed) => changed.as_ref(),
            None => self.base.get(path),
        }
    }

    pub fn contains(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// These pages after the files at `changed` became what they are in
    /// `files`. Past a share of the base, the changes are folded into a new base.
    pub fn update(&self, files: &HashMap<String, Bytes>, changed: &[String]) -> Pages {
        if self.changes.len() + changed.len() > self.base.len() / 8 {
            return Pages::new(files.clone());
        }
        let mut changes = (*self.changes).clone();
        for path in changed {
            changes.insert(path.clone(), files.get(path).cloned());
        }
        Pages {
            base: self.base.clone(),
            changes: Arc::new(changes),
        }
    }
}

/// What the browser should do after a rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Reload the page.
    Reload,
    /// Only stylesheets changed: swap them without a reload.
    Css,
    /// Nothing served changed, but the problems list did.
    Problems,
}

/// The snapshot being served and the channel of change notices.
pub struct Shared {
    current: RwLock<Arc<Snapshot>>,
    changes: broadcast::Sender<Change>,
    /// Set on shutdown: event streams never end by themselves, and a
    /// graceful shutdown waits for every open response.
    closing: watch::Sender<bool>,
}

impl Shared {
    pub fn new(snapshot: Snapshot) -> Arc<Shared> {
        let (changes, _) = broadcast::channel(64);
        Arc::new(Shared {
            current: RwLock::new(Arc::new(snapshot)),
            changes,
            closing: watch::Sender::new(false),
        })
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Swaps in a new snapshot, then tells every connected page.
    pub fn publish(&self, snapshot: Snapshot, change: Change) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
        // No page listening is fine.
        let _ = self.changes.send(change);
    }

    /// Change notices from now on (each event stream holds one).
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.changes.subscribe()
    }

    /// Ends every event stream, so that open pages do not hold up shutdown.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(get(page))
        .with_state(shared)
}

/// A client that has not sent a request's headers within this long is cut
/// off: half-sent requests would otherwise hold their connection forever.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// Serves until `shutdown` resolves, answering only requests addressed to
/// this server by IP address or `localhost` (see [`is_own_host`]).
pub async fn serve(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let address = listener.local_addr()?;
    let app = router(shared.clone());
    // Each connection task holds a receiver: shutdown tells them through it,
    // then waits until they have all dropped it.
    let (stop, stopped) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, most likely: let some close.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        // The Host check runs here rather than as an axum middleware, which
        // cost a quarter of the requests per second.
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            let mut app = app.clone();
            async move {
                let host = request
                    .headers()
                    .get(header::HOST)
                    .and_then(|h| h.to_str().ok());
                if !host.is_some_and(|host| is_own_host(host, address.port())) {
                    return Ok(refusal(address));
                }
                tower_service::Service::call(&mut app, request).await
            }
        });
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            tokio::pin!(connection);
            let stopping = async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            };
            tokio::select! {
                _ = connection.as_mut() => {}
                () = stopping => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
    drop(stopped);
    shared.close();
    stop.send_replace(true);
    stop.closed().await;
    Ok(())
}

/// The answer to a request whose `Host` is not this server's: with DNS
/// rebinding, a page on `evil.example` could otherwise read the preview.
fn refusal(address: SocketAddr) -> Response {
    let message =
        format!("refused: this preview answers only at its own address, such as http://{address}/");
    (StatusCode::FORBIDDEN, message).into_response()
}

/// Whether a `Host` header names this server: `localhost` or an IP address
/// (no DNS name can be rebound to those), with the port it listens on.
fn is_own_host(host: &str, port: u16) -> bool {
    let Ok(authority) = host.parse::<axum::http::uri::Authority>() else {
        return false;
    };
    let name = authority.host();
    let is_local_name = name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::Ipv4Addr>().is_ok()
        || name
            .strip_prefix('[')
            .and_then(|n| n.strip_suffix(']'))
            .is_some_and(|n| n.parse::<std::net::Ipv6Addr>().is_ok());
    let port_matches = authority.port_u16().unwrap_or(80) == port;
    is_local_name && port_matches && authority.as_str().len() == host.len()
}

/// Binds `port` on `ip`, or the next free port after it (`0`: any free port).
/// Returns the listener and, when the port was taken, a note saying so.
pub async fn bind(
    ip: std::net::IpAddr,
    port: u16,
) -> std::io::Result<(tokio::net::TcpListener, Option<String>)> {
    let first = tokio::net::TcpListener::bind(SocketAddr::new(ip, port)).await;
    match first {
        Ok(listener) => Ok((listener, None)),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && port != 0 => {
            for next in port.saturating_add(1)..=port.saturating_add(20) {
                if let Ok(listener) = tokio::net::TcpListener::bind(SocketAddr::new(ip, next)).await
                {
                    let note = format!("port {port} is in use; serving on the next free port, {next} (choose with --port)");
                    return Ok((listener, Some(note)));
                }
            }
            Err(e)
        }
        Err(e) => Err(e),
    }
}

async fn page(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let snapshot = shared.snapshot();
    match resolve(&snapshot, uri.path()) {
        Resolved::Page(path) => file_response(&snapshot, StatusCode::OK, &path),
        Resolved::Redirect(to) => redirect(StatusCode::MOVED_PERMANENTLY, &to),
        // Temporary: the old address may be taken again by another posting.
        Resolved::Moved(to) => redirect(StatusCode::FOUND, &to),
        Resolved::NotFound if snapshot.pages.contains("404.html") => {
            file_response(&snapshot, StatusCode::NOT_FOUND, "404.html")
        }
        Resolved::NotFound => (StatusCode::NOT_FOUND, "not found").into_response(),
        Resolved::Refused => (
            StatusCode::BAD_REQUEST,
            "refused: that path leaves the site",
        )
            .into_response(),
    }
}

fn redirect(status: StatusCode, to: &str) -> Response {
    Response::builder()
        .status(status)
        .header(header::LOCATION, to)
        .body(Body::empty())
        .unwrap_or_default()
}

fn file_response(snapshot: &Snapshot, status: StatusCode, path: &str) -> Response {
    let bytes = snapshot.pages.get(path).cloned().unwrap_or_default();
    let mut response = (status, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(path)),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The generation the page was served from, which the live-reload script
    // reads (Server-Timing is visible to scripts): a rebuild between the
    // page load and its event stream connecting must not go unnoticed.
    let timing = format!("hireboard;desc=\"{}\"", snapshot.generation);
    if let Ok(value) = HeaderValue::from_str(&timing) {
        headers.insert("server-timing", value);
    }
    response
}

#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    Page(String),
    Redirect(String),
    Moved(String),
    NotFound,
    Refused,
}

/// URL path to a page of the snapshot: `/x/` -> `x/index.html`, `/x` ->
/// redirect to `/x/` when that is a folder. Traversal (`..`, encoded or not),
/// backslashes and NUL are refused: the site is a map, never the disk, but a
/// request that tries is answered as what it is.
fn resolve(snapshot: &Snapshot, raw_path: &str) -> Resolved {
    let Some(path) = percent_decode(raw_path) else {
        return Resolved::Refused;
    };
    let relative = path.strip_prefix('/').unwrap_or(&path);
    let bad_segment = relative.split('/').any(|s| s == ".." || s == ".");
    if bad_segment || path.contains(['\\', '\0']) || relative.starts_with('/') {
        return Resolved::Refused;
    }
    let key = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    };
    if snapshot.pages.contains(&key) {
        Resolved::Page(key)
    } else if snapshot.pages.contains(&format!("{relative}/index.html")) {
        Resolved::Redirect(format!("/{relative}/"))
    } else if let Some(to) = snapshot.moved.get(&key) {
        Resolved::Moved(format!("/{}", to.strip_suffix("index.html").unwrap_or(to)))
    } else {
        Resolved::NotFound
    }
}

/// `%2e%2E` -> `..`; `None` for bad escapes or bytes that are not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with("atom.xml") => "application/atom+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Server-Sent Events: first `hello` with the generation and the problems,
/// then one event per change.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.subscribe();
    let closing = shared.closing.subscribe();
    let hello = greeting(&shared.snapshot());
    let first = stream::once(async move { Ok(hello) });
    let state = (receiver, closing, shared);
    let rest = stream::unfold(state, |(mut receiver, mut closing, shared)| async move {
        let received = tokio::select! {
            received = receiver.recv() => received,
            _ = closing.wait_for(|closed| *closed) => return None,
        };
        let change = match received {
            Ok(change) => change,
            // Missed some: the page is stale whatever they were.
            Err(broadcast::error::RecvError::Lagged(_)) => Change::Reload,
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        let event = notice(change, &shared.snapshot());
        Some((Ok(event), (receiver, closing, shared)))
    });
    use futures_util::StreamExt;
    Sse::new(first.chain(rest)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn greeting(snapshot: &Snapshot) -> Event {
    event("hello", snapshot)
}

fn notice(change: Change, snapshot: &Snapshot) -> Event {
    let name = match change {
        Change::Reload => "reload",
        Change::Css => "css",
        Change::Problems => "problems",
    };
    event(name, snapshot)
}

/// Every event carries the generation and the current problems.
fn event(name: &str, snapshot: &Snapshot) -> Event {
    let data =
        serde_json::json!({ "generation": snapshot.generation, "problems": snapshot.problems });
    Event::default().event(name).data(data.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(paths: &[&str]) -> Snapshot {
        Snapshot {
            pages: Pages::new(
                paths
                    .iter()
                    .map(|p| (p.to_string(), Bytes::from_static(b"x")))
                    .collect(),
            ),
            ..Snapshot::default()
        }
    }

    #[test]
    fn pages_updated_from_a_base_show_the_current_files() {
        let files = |pairs: &[(&str, &'static str)]| -> HashMap<String, Bytes> {
            pairs
                .iter()
                .map(|(p, b)| (p.to_string(), Bytes::from_static(b.as_bytes())))
                .collect()
        };
        let many: Vec<(String, &str)> = (0..40).map(|i| (format!("f{i}"), "x")).collect();
        let many: Vec<(&str, &str)> = many.iter().map(|(p, b)| (p.as_str(), *b)).collect();
        let first = Pages::new(files(&many));
        let mut now = many.clone();
        now.retain(|(p, _)| *p != "f1");
        now[0].1 = "changed";
        now.push(("new", "y"));
        let now = files(&now);
        let next = first.update(&now, &["f0".into(), "f1".into(), "new".into()]);
        for path in ["f0", "f1", "f2", "new", "f39", "nope"] {
            assert_eq!(next.get(path), now.get(path), "{path}");
        }
        assert_eq!(
            first.get("f0").map(|b| &b[..]),
            Some(&b"x"[..]),
            "the old version stays"
        );
        // Past an eighth of the base, the changes fold into a new base.
        let folded = next.update(&now, &["f2".into(), "f3".into(), "f4".into()]);
        assert!(folded.changes.is_empty());
        assert_eq!(folded.get("f0"), now.get("f0"));
    }

    #[test]
    fn pretty_urls_and_redirects() {
        let s = snapshot(&["index.html", "jobs/a/index.html", "style.css"]);
        assert_eq!(resolve(&s, "/"), Resolved::Page("index.html".into()));
        assert_eq!(
            resolve(&s, "/jobs/a/"),
            Resolved::Page("jobs/a/index.html".into())
        );
        assert_eq!(
            resolve(&s, "/jobs/a"),
            Resolved::Redirect("/jobs/a/".into())
        );
        assert_eq!(
            resolve(&s, "/style.css"),
            Resolved::Page("style.css".into())
        );
        assert_eq!(resolve(&s, "/jobs/b/"), Resolved::NotFound);
        assert_eq!(
            resolve(&s, "/jobs/%61/"),
            Resolved::Page("jobs/a/index.html".into())
        );
    }

    #[test]
    fn moved_postings_redirect_to_their_new_page() {
        let mut s = snapshot(&["jobs/new/index.html"]);
        s.moved
            .insert("jobs/old/index.html".into(), "jobs/new/index.html".into());
        assert_eq!(
            resolve(&s, "/jobs/old/"),
            Resolved::Moved("/jobs/new/".into())
        );
        assert_eq!(resolve(&s, "/jobs/other/"), Resolved::NotFound);
    }

    #[test]
    fn traversal_is_refused() {
        let s = snapshot(&["index.html"]);
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2e%2e/x",
            "/..%5c..%5cwin.ini",
            "//etc/passwd",
            "/a%00b",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(resolve(&s, bad), Resolved::Refused, "{bad}");
        }
    }

    #[test]
    fn only_this_servers_own_addresses_are_answered() {
        for own in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LocalHost:1111",
            "[::1]:1111",
            "192.168.1.20:1111",
        ] {
            assert!(is_own_host(own, 1111), "{own}");
        }
        for other in [
            "evil.example:1111",
            "evil.example",
            "localhost.evil.example:1111",
            "127.0.0.1.nip.io:1111",
            "localhost:2222",
            "localhost",
            "127.0.0.1:1111@evil.example",
            "",
            "[::1",
        ] {
            assert!(!is_own_host(other, 1111), "{other}");
        }
        assert!(is_own_host("localhost", 80));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/atom+xml");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("search/meta.json"), "application/json");
    }
}
