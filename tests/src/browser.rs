//! A headless Chromium session through chromedriver, both on 127.0.0.1.
//!
//! Chromium runs with background networking, component updates, sync and QUIC turned off, so a
//! test session makes no connection except to the local server under test.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::server::StaticServer;

/// The built site served under a sub-path, plus a browser pointed at nothing yet.
pub struct Session {
    pub client: Client,
    /// Site URL ending with `/`, under the sub-path `/explorer/budget/`.
    pub site: String,
    driver: Child,
    _server: StaticServer,
    profile: PathBuf,
}

/// The folder of the built site: `BUDGET_DIST` or `dist/` in the workspace.
pub fn dist_dir() -> PathBuf {
    match std::env::var_os("BUDGET_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist"),
    }
}

impl Session {
    /// Serves `dist/` and starts Chromium; panics with the fix when the build or a tool is missing.
    pub async fn start(language: &str) -> Session {
        Session::start_at(dist_dir(), language).await
    }

    /// Serves the site in `dist` (a copy of `dist/`, say) and starts Chromium.
    pub async fn start_at(dist: PathBuf, language: &str) -> Session {
        assert!(
            dist.join("index.html").is_file() && dist.join("data/manifest.json").is_file(),
            "{} has no complete build (index.html and data/manifest.json); run `cargo xtask build` first",
            dist.display()
        );
        let server = StaticServer::start(dist, "/explorer/budget/", 0).expect("could not start the static server");
        let port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("could not start {chromedriver}: {error}; run `cargo xtask setup`"));
        let profile = std::env::temp_dir().join(format!("budget-explorer-chromium-{}-{port}", std::process::id()));
        let client = connect(port, &profile, language).await;
        Session { client, site: server.url(), driver, _server: server, profile }
    }

    /// Opens the site at `hash` (such as `#/he/budget/2014`).
    pub async fn open(&self, hash: &str) {
        self.client.goto(&format!("{}{hash}", self.site)).await.expect("navigation failed");
    }

    /// Ends the browser session and chromedriver.
    pub async fn close(mut self) {
        self.client.clone().close().await.ok();
        self.driver.kill().ok();
        self.driver.wait().ok();
        std::fs::remove_dir_all(&self.profile).ok();
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("no free port on 127.0.0.1");
    listener.local_addr().expect("bound socket has an address").port()
}

async fn connect(port: u16, profile: &Path, language: &str) -> Client {
    let mut args = vec![
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
    ];
    args.retain(|arg| !arg.is_empty());
    let mut options = serde_json::json!({ "args": args });
    if Path::new("/usr/bin/chromium").exists() {
        options["binary"] = "/usr/bin/chromium".into();
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);
    capabilities.insert("goog:loggingPrefs".into(), serde_json::json!({ "browser": "ALL" }));

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
