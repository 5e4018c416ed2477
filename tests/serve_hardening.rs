//! The dev server against a hostile browser page or client: it answers only
//! requests addressed to itself, and cuts off clients that never finish
//! their headers.

mod common;
mod serve_support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use hireboard::serve::http::HEADER_TIMEOUT;
use serve_support::{exchange, new_site, Server};

fn get_with_host(port: u16, path: &str, host: &str) -> serve_support::Response {
    exchange(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

#[test]
fn requests_for_other_hosts_are_refused() {
    let site = new_site();
    let server = Server::start(site.path(), &[]);
    let port = server.port;
    let home = server.get("/");
    assert_eq!(home.status, 200);
    // DNS rebinding: evil.example resolves to 127.0.0.1, and its page asks.
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
    ] {
        for path in ["/", "/api/postings.json", "/__hireboard/events"] {
            let response = get_with_host(port, path, &host);
            assert_eq!(response.status, 403, "Host {host} {path}");
            assert!(
                response.text().contains("answers only at its own address"),
                "{}",
                response.text()
            );
        }
    }
    let no_host = exchange(port, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(no_host.status, 403);
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let response = get_with_host(port, "/", &host);
        assert_eq!(response.status, 200, "Host {host}");
        assert_eq!(response.body, home.body);
    }
}

/// Whether the server closed `stream` within `limit`, reading what it sent.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    let start = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut buf = [0; 1024];
    while start.elapsed() < limit {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return true,
        }
    }
    false
}

#[test]
fn clients_that_never_finish_their_headers_are_cut_off() {
    let site = new_site();
    let server = Server::start(site.path(), &[]);
    let port = server.port;
    let connect = || TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut silent: Vec<TcpStream> = (0..50).map(|_| connect()).collect();
    let mut half_sent: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut stream = connect();
            write!(
                stream,
                "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: "
            )
            .unwrap();
            stream
        })
        .collect();
    // Meanwhile the server answers everyone else.
    assert_eq!(server.get("/").status, 200);
    let limit = HEADER_TIMEOUT + Duration::from_secs(5);
    for stream in half_sent.iter_mut().chain(silent.iter_mut()) {
        assert!(closed_within(stream, limit), "a connection stayed open");
    }
    assert_eq!(server.get("/").status, 200);
}
