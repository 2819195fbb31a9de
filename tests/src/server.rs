//! A small static file server on 127.0.0.1, for `cargo xtask serve` and the browser tests.
//!
//! It serves one folder under a URL prefix (`/` or a sub-path such as `/budget/`), so the tests
//! can check that the site works from a sub-path with no rewrite rules. GET and HEAD only.

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

/// A running server; it stops when the process ends.
pub struct StaticServer {
    address: SocketAddr,
    prefix: String,
    thread: JoinHandle<()>,
    available: Arc<AtomicBool>,
}

impl StaticServer {
    /// Serves `root` under `prefix` on 127.0.0.1:`port` (0 picks a free port).
    pub fn start(root: PathBuf, prefix: &str, port: u16) -> std::io::Result<StaticServer> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let address = listener.local_addr()?;
        let prefix = normalise_prefix(prefix);
        let served_prefix = prefix.clone();
        let available = Arc::new(AtomicBool::new(true));
        let accepting = available.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if !accepting.load(Ordering::SeqCst) {
                    // Closing without a response fails the request as a lost network would.
                    stream.shutdown(Shutdown::Both).ok();
                    continue;
                }
                let root = root.clone();
                let prefix = served_prefix.clone();
                std::thread::spawn(move || {
                    if let Err(error) = respond(stream, &root, &prefix) {
                        eprintln!("server: {error}");
                    }
                });
            }
        });
        Ok(StaticServer { address, prefix, thread, available })
    }

    /// While `available` is false, closes every connection without a response, as a lost
    /// network would; true serves files again.
    pub fn set_available(&self, available: bool) {
        self.available.store(available, Ordering::SeqCst);
    }

    /// URL of the served folder, ending with `/`.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.address, self.prefix)
    }

    /// Blocks until the server thread ends, which is never in practice.
    pub fn join(self) {
        self.thread.join().ok();
    }
}

fn normalise_prefix(prefix: &str) -> String {
    let trimmed = prefix.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

fn respond(stream: TcpStream, root: &Path, prefix: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return write_response(&mut stream, 405, "text/plain", b"method not allowed\n", method == "HEAD");
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let Some(file) = resolve(root, prefix, path) else {
        return write_response(&mut stream, 404, "text/plain", b"not found\n", method == "HEAD");
    };
    match std::fs::read(&file) {
        Ok(body) => write_response(&mut stream, 200, content_type(&file), &body, method == "HEAD"),
        Err(_) => write_response(&mut stream, 404, "text/plain", b"not found\n", method == "HEAD"),
    }
}

/// Maps a URL path to a file under `root`, refusing `..` and paths outside `prefix`.
fn resolve(root: &Path, prefix: &str, path: &str) -> Option<PathBuf> {
    let relative = if path == prefix.trim_end_matches('/') {
        ""
    } else {
        path.strip_prefix(prefix)?
    };
    let decoded = percent_decode(relative)?;
    let mut file = root.to_path_buf();
    for component in Path::new(&decoded).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = std::str::from_utf8(bytes.get(index + 1..index + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|extension| extension.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("webmanifest") => "application/manifest+json",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn write_response(stream: &mut TcpStream, status: u16, kind: &str, body: &[u8], head_only: bool) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_refuses_parent_and_outside_prefix() {
        let root = std::env::temp_dir();
        assert_eq!(resolve(&root, "/site/", "/site/../etc/passwd"), None);
        assert_eq!(resolve(&root, "/site/", "/other/x"), None);
    }

    #[test]
    fn prefix_forms() {
        assert_eq!(normalise_prefix("/"), "/");
        assert_eq!(normalise_prefix("budget"), "/budget/");
        assert_eq!(normalise_prefix("/a/b/"), "/a/b/");
    }
}
