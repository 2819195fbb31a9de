//! Pagefind beside the snapshot's own search: the same documents indexed by Pagefind, and the
//! bytes Chromium fetches to run each query of `search::QUERIES` and load its first page.
//!
//! Each document becomes one small HTML page (title and code) in a temporary folder, Pagefind
//! indexes that folder, and the static server serves it on 127.0.0.1. Every query runs in a
//! fresh page with the HTTP cache cleared, so it counts every file Pagefind needs, its script
//! and wasm included. Pagefind 1.6 searches in a Web Worker by default, whose requests the
//! page's DevTools Network events leave out, so the bench turns the worker off (`noWorker`) and
//! adds the worker script's size apart. The requested files come from those Network events and
//! their sizes from the disk: the local server sends each file unchanged, and Pagefind has
//! compressed its index and fragment files already.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use browser_tests::browser::{Options, Session};
use browser_tests::server::StaticServer;
use serde_json::{json, Value};

use crate::search::{QueryCost, SearchFiles, PAGE_RESULTS};
use crate::{kib, median};

/// Runs one query in the page, loads the data of its first `shown` results, and returns
/// `[results, ms]`.
const RUN_QUERY: &str = r#"
const [query, shown, done] = arguments;
(async () => {
  const started = performance.now();
  const pagefind = await import('./pagefind/pagefind.js');
  await pagefind.options({ noWorker: true });
  const search = await pagefind.search(query);
  await Promise.all(search.results.slice(0, shown).map((result) => result.data()));
  done([search.results.length, performance.now() - started]);
})().catch((error) => done(String(error)));
"#;

/// One query's figures in Chromium. Bytes are split by kind of Pagefind file: script and wasm,
/// metadata (`pagefind-entry.json` and the `.pf_meta` file), index chunks (`.pf_index`) and the
/// result fragments (`.pf_fragment`).
struct PagefindCost {
    results: u64,
    code_bytes: u64,
    meta_bytes: u64,
    index_bytes: u64,
    fragment_bytes: u64,
    elapsed_ms: f64,
}

impl PagefindCost {
    fn data_bytes(&self) -> u64 {
        self.meta_bytes + self.index_bytes + self.fragment_bytes
    }
}

/// Indexes the search documents with Pagefind and prints its bytes per query beside `costs`.
pub async fn print_pagefind_comparison(files: &SearchFiles, costs: &[QueryCost]) {
    let Some(binary) = std::env::var_os("BUDGET_PAGEFIND").map(PathBuf::from) else {
        println!("Pagefind comparison: skipped (BUDGET_PAGEFIND not set; `cargo xtask bench` sets it once setup has installed Pagefind)");
        println!();
        return;
    };
    let site = std::env::temp_dir().join(format!("budget-bench-pagefind-{}", std::process::id()));
    std::fs::remove_dir_all(&site).ok();
    let pages = write_pages(files, &site.join("docs"));
    let indexed = index_with_pagefind(&binary, &site);
    std::fs::write(site.join("index.html"), "<!doctype html><html lang=\"he\"><meta charset=\"utf-8\"><title>bench</title></html>")
        .expect("writing the Pagefind bench page");
    let index_bytes = crate::folder_bytes(&site.join("pagefind"));
    let worker_bytes = std::fs::metadata(site.join("pagefind/pagefind-worker.js")).map(|meta| meta.len()).unwrap_or(0);
    println!(
        "Pagefind {}: indexed {pages} pages in {:.1} s; its output folder is {}",
        indexed.version,
        indexed.seconds,
        kib(index_bytes)
    );

    let server = StaticServer::start(site.clone(), "/pagefind-bench/", 0).expect("could not start the static server");
    let session = Session::connect(&server.url(), "he", Options { performance_log: true }).await;
    let mut pagefind_costs = Vec::new();
    for cost in costs {
        pagefind_costs.push(run_query(&session, &site, cost.query).await);
    }
    session.close().await;
    std::fs::remove_dir_all(&site).ok();

    println!(
        "Bytes per query, this snapshot's search (brotli, as above) beside Pagefind in headless Chromium (the files a cold \
         load requests, by DevTools Network events, at their size on disk, which Pagefind stores compressed: script and wasm, \
         metadata, index chunks, and the fragments of the first {PAGE_RESULTS} results; data = metadata + chunks + fragments):"
    );
    println!(
        "  {:<24} {:>8} {:>10} | {:>7} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>9}",
        "query", "matches", "ours", "results", "pf code", "pf meta", "pf index", "pf frags", "pf data", "pf total", "pf time"
    );
    for (cost, pagefind) in costs.iter().zip(&pagefind_costs) {
        println!(
            "  {:<24} {:>8} {:>10} | {:>7} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>6.0} ms",
            cost.query,
            cost.matches,
            kib(cost.sizes.brotli),
            pagefind.results,
            kib(pagefind.code_bytes),
            kib(pagefind.meta_bytes),
            kib(pagefind.index_bytes),
            kib(pagefind.fragment_bytes),
            kib(pagefind.data_bytes()),
            kib(pagefind.code_bytes + pagefind.data_bytes()),
            pagefind.elapsed_ms
        );
    }
    let mut ours: Vec<f64> = costs.iter().map(|cost| cost.sizes.brotli as f64).collect();
    let mut data: Vec<f64> = pagefind_costs.iter().map(|cost| cost.data_bytes() as f64).collect();
    let mut total: Vec<f64> = pagefind_costs.iter().map(|cost| (cost.code_bytes + cost.data_bytes()) as f64).collect();
    let mut time: Vec<f64> = pagefind_costs.iter().map(|cost| cost.elapsed_ms).collect();
    println!(
        "  {:<24} {:>8} {:>10} | {:>7} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>6.0} ms",
        "median",
        "",
        kib(median(&mut ours) as u64),
        "",
        "",
        "",
        "",
        "",
        kib(median(&mut data) as u64),
        kib(median(&mut total) as u64),
        median(&mut time)
    );
    println!(
        "  (Pagefind ran without its Web Worker; by default it also fetches pagefind-worker.js, {}. The Pagefind time covers \
         loading its script and wasm, the search and the first page's data, cold)",
        kib(worker_bytes)
    );
    println!();
}

/// Writes one HTML page per search document into `dir` and returns how many.
fn write_pages(files: &SearchFiles, dir: &Path) -> usize {
    std::fs::create_dir_all(dir).unwrap_or_else(|error| panic!("creating {}: {error}", dir.display()));
    let mut count = 0;
    for doc in files.docs() {
        let mut html = String::from("<!doctype html><html lang=\"he\"><head><meta charset=\"utf-8\"><title>");
        html.push_str(&escape(&doc.title));
        html.push_str("</title></head><body><h1>");
        html.push_str(&escape(&doc.title));
        html.push_str("</h1>");
        if let Some(code) = &doc.code {
            write!(html, "<p>{}</p>", escape(code)).expect("writing to a String");
        }
        html.push_str("</body></html>\n");
        let path = dir.join(format!("{}.html", doc.id));
        std::fs::write(&path, html).unwrap_or_else(|error| panic!("writing {}: {error}", path.display()));
        count += 1;
    }
    count
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

struct Indexed {
    version: String,
    seconds: f64,
}

/// Runs `pagefind --site <site>`, which writes `<site>/pagefind/`.
fn index_with_pagefind(binary: &Path, site: &Path) -> Indexed {
    let version = Command::new(binary)
        .arg("--version")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().trim_start_matches("pagefind ").to_string())
        .unwrap_or_default();
    let started = std::time::Instant::now();
    let output = Command::new(binary)
        .arg("--site")
        .arg(site)
        .output()
        .unwrap_or_else(|error| panic!("could not run {}: {error}; run `cargo xtask setup`", binary.display()));
    assert!(
        output.status.success(),
        "pagefind failed with {}:\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Indexed { version, seconds: started.elapsed().as_secs_f64() }
}

/// Loads the bench page with an empty HTTP cache, runs `query` there, and sums the sizes of the
/// files under `site/pagefind/` that the browser requested.
async fn run_query(session: &Session, site: &Path, query: &str) -> PagefindCost {
    session.devtools("Network.clearBrowserCache", json!({})).await;
    session.client.goto("about:blank").await.expect("blank page");
    // Empties the log, so the next call returns this query's requests only.
    session.requested_urls().await;
    session.client.goto(&format!("{}index.html", session.site)).await.expect("opening the Pagefind bench page");
    let value = session
        .client
        .execute_async(RUN_QUERY, vec![Value::from(query), Value::from(PAGE_RESULTS)])
        .await
        .expect("the Pagefind query did not finish");
    let Some(figures) = value.as_array() else {
        panic!("Pagefind failed on {query:?}: {value}");
    };
    let requested: BTreeSet<String> = session
        .requested_urls()
        .await
        .into_iter()
        .filter_map(|url| Some(url.strip_prefix(&session.site)?.split(['?', '#']).next()?.to_string()))
        .filter(|path| path.starts_with("pagefind/"))
        .collect();
    let mut cost = PagefindCost {
        results: figures[0].as_u64().unwrap_or(0),
        code_bytes: 0,
        meta_bytes: 0,
        index_bytes: 0,
        fragment_bytes: 0,
        elapsed_ms: figures[1].as_f64().unwrap_or(f64::NAN),
    };
    for path in &requested {
        let bytes = std::fs::metadata(site.join(path)).map(|meta| meta.len()).unwrap_or(0);
        let name = path.rsplit('/').next().unwrap_or_default();
        if name.ends_with(".pf_fragment") {
            cost.fragment_bytes += bytes;
        } else if name.ends_with(".pf_index") {
            cost.index_bytes += bytes;
        } else if name.ends_with(".pf_meta") || name.ends_with(".json") {
            cost.meta_bytes += bytes;
        } else {
            cost.code_bytes += bytes;
        }
    }
    cost
}
