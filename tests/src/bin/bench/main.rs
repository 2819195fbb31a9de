//! Prints the size and speed figures of the built site, its snapshot and search index, a
//! Pagefind index of the same documents, and the snapshot build.
//!
//! Run through `cargo xtask bench`, which builds and packages first and sets `BUDGET_DIST`,
//! `BUDGET_ARCHIVE`, `BUDGET_RAW`, `BUDGET_SNAPSHOT_BIN` and, once Pagefind is installed,
//! `BUDGET_PAGEFIND`. Timings are medians over several runs on this machine, so compare them
//! between runs on the same machine only.
//!
//! With the argument `search`, it prints only the search and Pagefind figures.

mod pagefind;
mod search;
mod snapshot_parts;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use browser_tests::archive::ArchiveSite;
use browser_tests::browser::{dist_dir, Options, Session};

const LOADS: usize = 5;
const FIRST_VIEW: &str = "#/he/budget/2014";
/// A section with many items, so its shard is among the larger ones.
const DRILL_SECTION: &str = "20";

#[tokio::main]
async fn main() {
    let dist = dist_dir();
    println!("Budget explorer benchmark ({})", dist.display());
    println!();
    let search_only = std::env::args().nth(1).as_deref() == Some("search");
    if !search_only {
        print_app_sizes(&dist);
        snapshot_parts::print_snapshot_parts(&dist);
    }
    let search_files = search::SearchFiles::load(&dist.join("data"));
    let costs = search::print_search_figures(&search_files);
    pagefind::print_pagefind_comparison(&search_files, &costs).await;
    drop(search_files);
    search::print_browser_search(&dist).await;
    if search_only {
        return;
    }
    print_browser_figures(&dist).await;
    print_offline_figures(&dist).await;
    print_snapshot_build();
}

/// Sizes of one file or a sum of files: raw, gzip -9 and brotli -q 11.
#[derive(Debug, Clone, Copy, Default)]
struct Sizes {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

impl Sizes {
    fn add(&mut self, other: &Sizes) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

fn compressed_len(program: &str, args: &[&str], bytes: &[u8]) -> u64 {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("could not run {program}: {error}; run `cargo xtask setup`"));
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("compressor output");
    writer.join().expect("writer thread").expect("writing to the compressor");
    output.stdout.len() as u64
}

fn sizes_of(bytes: &[u8]) -> Sizes {
    Sizes {
        raw: bytes.len() as u64,
        gzip: compressed_len("gzip", &["-9", "-c"], bytes),
        brotli: compressed_len("brotli", &["-q", "11", "-c"], bytes),
    }
}

/// Sizes of every file in `paths`, in the same order, compressing on every core.
fn sizes_of_files(paths: &[PathBuf]) -> Vec<Sizes> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(vec![Sizes::default(); paths.len()]);
    let workers = std::thread::available_parallelism().map(|count| count.get()).unwrap_or(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = paths.get(index) else { break };
                let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
                let sizes = sizes_of(&bytes);
                results.lock().expect("no worker panicked")[index] = sizes;
            });
        }
    });
    results.into_inner().expect("no worker panicked")
}

fn kib(bytes: u64) -> String {
    format!("{:.1} kB", bytes as f64 / 1000.0)
}

fn print_app_sizes(dist: &Path) {
    println!("Files the page loads before the first view (raw / gzip / brotli):");
    let mut total = Sizes { raw: 0, gzip: 0, brotli: 0 };
    for file in page_files(dist) {
        let sizes = sizes_of(&std::fs::read(&file).expect("reading a dist file"));
        let name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
        println!("  {name:<44} {:>10} / {:>10} / {:>10}", kib(sizes.raw), kib(sizes.gzip), kib(sizes.brotli));
        total.raw += sizes.raw;
        total.gzip += sizes.gzip;
        total.brotli += sizes.brotli;
    }
    println!(
        "  {:<44} {:>10} / {:>10} / {:>10}   (target: at most 200 kB brotli for wasm, JS and CSS)",
        "all",
        kib(total.raw),
        kib(total.gzip),
        kib(total.brotli)
    );
    println!("Files loaded later (raw / brotli):");
    for (name, when) in [("sw.js", "by the browser, after the app starts"), ("embed.js", "by pages that embed a widget")] {
        let Ok(bytes) = std::fs::read(dist.join(name)) else { continue };
        let sizes = sizes_of(&bytes);
        println!("  {name:<10} {:>10} / {:>10}   {when}", kib(sizes.raw), kib(sizes.brotli));
    }
    println!();
}

/// The wasm, JS and CSS files that `index.html` links to (`./name` in an attribute).
fn page_files(dist: &Path) -> Vec<PathBuf> {
    let html = std::fs::read_to_string(dist.join("index.html")).expect("reading dist/index.html");
    let mut files: Vec<PathBuf> = html
        .split("./")
        .skip(1)
        .filter_map(|rest| rest.split(['"', '\'', ' ', '>']).next())
        .filter(|name| [".wasm", ".js", ".css"].iter().any(|extension| name.ends_with(extension)))
        .map(|name| dist.join(name))
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files.dedup();
    files
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

/// Waits until `selector` matches and returns `performance.now()` at that moment, in ms.
const WAIT_FOR_SELECTOR: &str = r#"
const [selector, done] = arguments;
const found = () => document.querySelector(selector);
if (found()) { done(performance.now()); return; }
const observer = new MutationObserver(() => {
  if (found()) { observer.disconnect(); done(performance.now()); }
});
observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
"#;

/// Clicks the link to `href_suffix`, waits for `selector`, and returns the time from the end of
/// the shard's download (`shard`) to the view, in ms.
const DRILL_DOWN: &str = r#"
const [linkSelector, selector, shard, done] = arguments;
const observer = new MutationObserver(() => {
  if (!document.querySelector(selector)) return;
  observer.disconnect();
  const shown = performance.now();
  const entry = performance.getEntriesByType('resource').find((e) => e.name.includes(shard));
  done(entry ? [shown - entry.responseEnd, entry.transferSize] : [-1, 0]);
});
observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
document.querySelector(linkSelector).click();
"#;

const FETCHED: &str = r#"
const entries = performance.getEntriesByType('resource').map((e) => [e.name, e.encodedBodySize]);
const navigation = performance.getEntriesByType('navigation')[0];
entries.push([location.href, navigation ? navigation.encodedBodySize : 0]);
return entries;
"#;

async fn print_browser_figures(dist: &Path) {
    let session = Session::start_at(dist.to_path_buf(), "he").await;
    let home_ready = "[data-view=home] data";
    let mut first_render = Vec::new();
    let mut fetched: Vec<(String, u64)> = Vec::new();
    for load in 0..=LOADS {
        session.client.goto("about:blank").await.expect("blank page");
        session.open(FIRST_VIEW).await;
        let value = session
            .client
            .execute_async(WAIT_FOR_SELECTOR, vec![home_ready.into()])
            .await
            .expect("the home view did not render");
        // The first load warms Chromium's compile cache and is not counted.
        if load > 0 {
            first_render.push(value.as_f64().unwrap_or(f64::NAN));
        }
        if load == LOADS {
            let entries = session.client.execute(FETCHED, vec![]).await.expect("resource timing");
            fetched = entries
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|entry| Some((entry[0].as_str()?.to_string(), entry[1].as_u64()?)))
                .collect();
        }
    }

    println!("First view {FIRST_VIEW}, bytes fetched (raw as served / brotli of the same files):");
    let (mut app_raw, mut app_brotli, mut data_raw, mut data_brotli) = (0, 0, 0, 0);
    for (url, _) in &fetched {
        let relative = url.split_once("/explorer/budget/").map(|(_, rest)| rest).unwrap_or("");
        let relative = relative.split(['#', '?']).next().unwrap_or("");
        let file = if relative.is_empty() { dist.join("index.html") } else { dist.join(relative) };
        let Ok(bytes) = std::fs::read(&file) else { continue };
        let sizes = sizes_of(&bytes);
        if relative.starts_with("data/") {
            data_raw += sizes.raw;
            data_brotli += sizes.brotli;
        } else {
            app_raw += sizes.raw;
            app_brotli += sizes.brotli;
        }
    }
    println!("  app   {:>10} / {:>10}", kib(app_raw), kib(app_brotli));
    println!("  data  {:>10} / {:>10}   (target: at most 30 kB brotli)", kib(data_raw), kib(data_brotli));
    println!(
        "Time to first render of {FIRST_VIEW}: median {:.0} ms over {LOADS} loads (target: at most 500 ms)",
        median(&mut first_render)
    );

    let mut drill_down = Vec::new();
    for _ in 0..LOADS {
        session.client.goto("about:blank").await.expect("blank page");
        session.open(FIRST_VIEW).await;
        session.client.execute_async(WAIT_FOR_SELECTOR, vec![home_ready.into()]).await.expect("home view");
        let link = format!("a[href$='/budget/2014/{DRILL_SECTION}']");
        let shard = format!("data/2014/{DRILL_SECTION}.json");
        let value = session
            .client
            .execute_async(DRILL_DOWN, vec![link.into(), "[data-view=node] data".into(), shard.into()])
            .await
            .expect("the section view did not render");
        drill_down.push(value[0].as_f64().unwrap_or(f64::NAN));
    }
    println!(
        "Drill-down to section {DRILL_SECTION}: median {:.1} ms from shard arrival to view over {LOADS} clicks (target: at most 50 ms)",
        median(&mut drill_down)
    );
    println!();
    session.close().await;
}

/// Storage types that `Storage.clearDataForOrigin` clears before a cold load: all of them,
/// the service worker registration and its caches included.
const CLEAR_STORAGE: &str = "all";

/// Loads `FIRST_VIEW` and returns the time from navigation to the rendered home, in ms.
async fn first_render(session: &Session) -> f64 {
    session.client.goto("about:blank").await.expect("blank page");
    session.open(FIRST_VIEW).await;
    let value = session
        .client
        .execute_async(WAIT_FOR_SELECTOR, vec!["[data-view=home] data".into()])
        .await
        .expect("the home view did not render");
    value.as_f64().unwrap_or(f64::NAN)
}

/// Waits until the service worker controls the page and keeps the first view's data.
async fn wait_for_worker(session: &Session) {
    const READY: &str = r#"
const done = arguments[arguments.length - 1];
const check = () => caches.open('budget-explorer-v1')
  .then((cache) => cache.keys())
  .then((keys) => navigator.serviceWorker.controller && keys.some((request) => request.url.includes('/home.json'))
    ? done(true) : setTimeout(check, 100));
check();
"#;
    session.client.execute_async(READY, vec![]).await.expect("the service worker did not take over");
}

async fn print_offline_figures(dist: &Path) {
    // Cold: a first visit, with no service worker, no cache and no compiled wasm. Warm: a later
    // visit, served by the service worker.
    let session = Session::start_with(dist.to_path_buf(), "he", Options::default()).await;
    let origin = session.site.split("/explorer/").next().unwrap_or_default().to_string();
    let mut cold = Vec::new();
    for _ in 0..LOADS {
        session
            .devtools("Storage.clearDataForOrigin", serde_json::json!({ "origin": origin, "storageTypes": CLEAR_STORAGE }))
            .await;
        session.devtools("Network.clearBrowserCache", serde_json::json!({})).await;
        cold.push(first_render(&session).await);
    }
    first_render(&session).await;
    wait_for_worker(&session).await;
    let mut warm = Vec::new();
    for _ in 0..LOADS {
        warm.push(first_render(&session).await);
    }
    session.server().set_available(false);
    let mut warm_offline = Vec::new();
    for _ in 0..LOADS {
        warm_offline.push(first_render(&session).await);
    }
    session.close().await;
    println!("Service worker, first render of {FIRST_VIEW}, median of {LOADS} loads:");
    println!("  cold (first visit, storage and HTTP cache cleared)   {:.0} ms", median(&mut cold));
    println!("  warm (files kept by the service worker)               {:.0} ms", median(&mut warm));
    println!("  warm with the server unreachable                      {:.0} ms", median(&mut warm_offline));

    let Some(archive) = std::env::var_os("BUDGET_ARCHIVE").map(PathBuf::from) else {
        println!("Offline archive: skipped (BUDGET_ARCHIVE not set; run through `cargo xtask bench`)");
        println!();
        return;
    };
    let archive_bytes = std::fs::metadata(&archive).map(|meta| meta.len()).unwrap_or(0);
    println!("Offline archive {}: {:.1} MB", archive.display(), archive_bytes as f64 / 1e6);
    let site = ArchiveSite::start(&archive);
    let mut archive_first = Vec::new();
    for _ in 0..LOADS {
        // A new browser each time, reaching nothing but the archive's local server.
        let session = Session::connect(&site.url, "he", Options::default()).await;
        archive_first.push(first_render(&session).await);
        session.close().await;
    }
    println!(
        "  first render of {FIRST_VIEW} from the unpacked archive (`{}`, new browser profile each time): median {:.0} ms over {LOADS} loads",
        site.command,
        median(&mut archive_first)
    );
    println!();
}

fn print_snapshot_build() {
    let (Some(builder), Some(raw)) = (std::env::var_os("BUDGET_SNAPSHOT_BIN"), std::env::var_os("BUDGET_RAW")) else {
        println!("Snapshot build: skipped (BUDGET_SNAPSHOT_BIN and BUDGET_RAW not set; run through `cargo xtask bench`)");
        return;
    };
    let out = std::env::temp_dir().join(format!("budget-bench-snapshot-{}", std::process::id()));
    let started = Instant::now();
    let child = Command::new(&builder)
        .args(["build", "--raw"])
        .arg(&raw)
        .arg("--out")
        .arg(out.join("data"))
        .arg("--report")
        .arg(out.join("report.txt"))
        .stderr(Stdio::null())
        .spawn()
        .expect("could not run the snapshot builder");
    let (success, peak_kib) = wait_with_peak_memory(child);
    let wall = started.elapsed();
    assert!(success, "the snapshot builder failed");
    let snapshot_bytes = folder_bytes(&out.join("data"));
    std::fs::remove_dir_all(&out).ok();
    println!(
        "Snapshot build: {:.1} s wall, {:.0} MB peak memory, {} on disk (target: at most 60 s)",
        wall.as_secs_f64(),
        peak_kib as f64 / 1024.0,
        kib(snapshot_bytes)
    );
}

/// Waits for `child` and returns whether it succeeded and its peak resident set in KiB
/// (Linux `ru_maxrss` of that one process, from `wait4`).
fn wait_with_peak_memory(child: std::process::Child) -> (bool, i64) {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `pid` is our own unreaped child; wait4 fills `status` and `usage` when it returns it.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, usage.as_mut_ptr()) };
    assert_eq!(reaped, pid, "wait4 on the snapshot builder failed");
    // SAFETY: wait4 returned the child, so it initialised `usage`.
    let usage = unsafe { usage.assume_init() };
    (libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, usage.ru_maxrss)
}

fn folder_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                folder_bytes(&path)
            } else {
                entry.metadata().map(|meta| meta.len()).unwrap_or(0)
            }
        })
        .sum()
}
