//! A headless Chromium session through chromedriver, both on 127.0.0.1.
//!
//! Chromium runs with background networking, component updates, sync and QUIC turned off, and
//! with a proxy and host rules that leave it only 127.0.0.1, so a test session makes no
//! connection except to the local servers under test.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

use crate::server::StaticServer;

/// The built site served under a sub-path, plus a browser pointed at nothing yet.
pub struct Session {
    pub client: Client,
    /// Site URL ending with `/`, under the sub-path `/explorer/budget/`.
    pub site: String,
    driver: Child,
    driver_port: u16,
    server: Option<StaticServer>,
    profile: PathBuf,
}

/// How a session's Chromium starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Record the DevTools network events, read with [`Session::requested_urls`].
    pub performance_log: bool,
}

/// The folder of the built site: `BUDGET_DIST` or `dist/` in the workspace.
pub fn dist_dir() -> PathBuf {
    match std::env::var_os("BUDGET_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => crate::crate_dir().join("../dist"),
    }
}

impl Session {
    /// Serves `dist/` and starts Chromium; panics with the fix when the build or a tool is missing.
    pub async fn start(language: &str) -> Session {
        Session::start_at(dist_dir(), language).await
    }

    /// Serves the site in `dist` (a copy of `dist/`, say) and starts Chromium.
    pub async fn start_at(dist: PathBuf, language: &str) -> Session {
        Session::start_with(dist, language, Options::default()).await
    }

    /// Serves the site in `dist` and starts Chromium with `options`.
    pub async fn start_with(dist: PathBuf, language: &str, options: Options) -> Session {
        assert!(
            dist.join("index.html").is_file() && dist.join("data/manifest.json").is_file(),
            "{} has no complete build (index.html and data/manifest.json); run `cargo xtask build` first",
            dist.display()
        );
        let server = StaticServer::start(dist, "/explorer/budget/", 0).expect("could not start the static server");
        let mut session = Session::connect(&server.url(), language, options).await;
        session.server = Some(server);
        session
    }

    /// Starts Chromium for a site that something else serves at `site` (ending with `/`).
    pub async fn connect(site: &str, language: &str, options: Options) -> Session {
        let port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("could not start {chromedriver}: {error}; run `cargo xtask setup`"));
        let profile = std::env::temp_dir().join(format!("budget-explorer-chromium-{}-{port}", std::process::id()));
        let client = connect(port, &profile, language, &options).await;
        let session = Session { client, site: site.to_string(), driver, driver_port: port, server: None, profile };
        if options.performance_log {
            // Start the log at the first page of the test, after the browser's own start page.
            session.requested_urls().await;
        }
        session
    }

    /// Opens the site at `hash` (such as `#/he/budget/2014`).
    pub async fn open(&self, hash: &str) {
        self.client.goto(&format!("{}{hash}", self.site)).await.expect("navigation failed");
    }

    /// The server of the site, when the session started it.
    pub fn server(&self) -> &StaticServer {
        self.server.as_ref().expect("this session serves no site itself")
    }

    /// Runs the Chrome DevTools Protocol command `command` through chromedriver and returns
    /// its result.
    pub async fn devtools(&self, command: &str, params: Value) -> Value {
        let body = json!({ "cmd": command, "params": params });
        self.driver_request("goog/cdp/execute", &body).await
    }

    /// Every http and https URL the browser requested since the last call, from the
    /// `Network.requestWillBeSent` events of the performance log ([`Options::performance_log`]).
    /// Chromium's own `chrome://` and `data:` requests are left out.
    pub async fn requested_urls(&self) -> Vec<String> {
        let entries = self.driver_request("se/log", &json!({ "type": "performance" })).await;
        entries
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|entry| serde_json::from_str::<Value>(entry["message"].as_str()?).ok())
            .filter(|message| message["message"]["method"] == "Network.requestWillBeSent")
            .filter_map(|message| message["message"]["params"]["request"]["url"].as_str().map(str::to_string))
            .filter(|url| url.starts_with("http:") || url.starts_with("https:"))
            .collect()
    }

    /// The browser's console messages since the last call.
    pub async fn browser_log(&self) -> Vec<String> {
        let entries = self.driver_request("se/log", &json!({ "type": "browser" })).await;
        entries.as_array().into_iter().flatten().filter_map(|entry| entry["message"].as_str().map(str::to_string)).collect()
    }

    /// POSTs `body` to chromedriver's `/session/<id>/<path>` and returns the response's
    /// `value`. fantoccini has no call for these Chromium-only endpoints, so this speaks plain
    /// HTTP/1.1 to the local driver.
    async fn driver_request(&self, path: &str, body: &Value) -> Value {
        let session_id = self.client.session_id().await.expect("session id").expect("an open session");
        let body = body.to_string();
        let request = format!(
            "POST /session/{session_id}/{path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len(),
            port = self.driver_port,
        );
        let port = self.driver_port;
        let (head, body) = tokio::task::spawn_blocking(move || exchange(port, &request))
            .await
            .expect("the driver request thread panicked")
            .unwrap_or_else(|error| panic!("chromedriver request {path} failed: {error}"));
        let json: Value = serde_json::from_str(&body)
            .unwrap_or_else(|error| panic!("chromedriver answered {path} with {head}: {error}\n{body}"));
        assert!(head.starts_with("HTTP/1.1 200"), "chromedriver answered {path} with {head}: {json}");
        json["value"].clone()
    }

    /// Ends the browser session and chromedriver.
    pub async fn close(mut self) {
        self.client.clone().close().await.ok();
        self.driver.kill().ok();
        self.driver.wait().ok();
        std::fs::remove_dir_all(&self.profile).ok();
    }
}

/// Sends one HTTP request to 127.0.0.1:`port` and returns the status line with the headers,
/// and the body, read up to its `Content-Length` (chromedriver may keep the connection open).
fn exchange(port: u16, request: &str) -> std::io::Result<(String, String)> {
    let stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    (&stream).write_all(request.as_bytes())?;
    let mut reader = BufReader::new(&stream);
    let mut head = String::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        head.push_str(&line);
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok((head, String::from_utf8_lossy(&body).into_owned()))
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("no free port on 127.0.0.1");
    listener.local_addr().expect("bound socket has an address").port()
}

async fn connect(port: u16, profile: &Path, language: &str, options: &Options) -> Client {
    let args: Vec<String> = vec![
        "--headless=new".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-dev-shm-usage".into(),
        "--window-size=1280,1000".into(),
        format!("--lang={language}"),
        format!("--user-data-dir={}", profile.display()),
        // Chromium can reach nothing but 127.0.0.1: it sends loopback requests past the proxy
        // and everything else to it, where nothing listens on port 9, and resolves no host
        // name. Debian's Chromium opens its new-tab page at start, which requests
        // start.duckduckgo.com, and a page under test must not reach out either.
        "--proxy-server=http://127.0.0.1:9".into(),
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1".into(),
    ];
    let mut chrome_options = json!({ "args": args });
    if Path::new("/usr/bin/chromium").exists() {
        chrome_options["binary"] = "/usr/bin/chromium".into();
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), chrome_options);
    let mut logging = json!({ "browser": "ALL" });
    if options.performance_log {
        logging["performance"] = "ALL".into();
    }
    capabilities.insert("goog:loggingPrefs".into(), logging);

    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let attempt = ClientBuilder::new(HttpConnector::new()).capabilities(capabilities.clone()).connect(&url).await;
        match attempt {
            Ok(client) => return client,
            Err(error) if Instant::now() >= deadline => panic!("could not open a Chromium session at {url}: {error}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}
