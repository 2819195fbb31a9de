//! Prints the size and speed figures of the built site and of the snapshot build.
//!
//! Run through `cargo xtask bench`, which builds first and sets `BUDGET_DIST`, `BUDGET_RAW` and
//! `BUDGET_SNAPSHOT_BIN`. Timings are medians over several headless Chromium loads on this
//! machine, so compare them between runs on the same machine only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use browser_tests::browser::{dist_dir, Session};

const LOADS: usize = 5;
const FIRST_VIEW: &str = "#/he/budget/2014";
/// A section with many items, so its shard is among the larger ones.
const DRILL_SECTION: &str = "20";

#[tokio::main]
async fn main() {
    let dist = dist_dir();
    println!("Budget explorer benchmark ({})", dist.display());
    println!();
    print_app_sizes(&dist);
    print_browser_figures(&dist).await;
    print_snapshot_build();
}

/// Sizes of one file: raw, gzip -9 and brotli -q 11.
struct Sizes {
    raw: u64,
    gzip: u64,
    brotli: u64,
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

fn kib(bytes: u64) -> String {
    format!("{:.1} kB", bytes as f64 / 1000.0)
}

fn print_app_sizes(dist: &Path) {
    println!("App files (raw / gzip / brotli):");
    let mut total = Sizes { raw: 0, gzip: 0, brotli: 0 };
    for extension in ["wasm", "js", "css"] {
        let mut sizes = Sizes { raw: 0, gzip: 0, brotli: 0 };
        for file in files_with_extension(dist, extension) {
            let one = sizes_of(&std::fs::read(&file).expect("reading a dist file"));
            sizes.raw += one.raw;
            sizes.gzip += one.gzip;
            sizes.brotli += one.brotli;
        }
        println!("  {extension:<5} {:>10} / {:>10} / {:>10}", kib(sizes.raw), kib(sizes.gzip), kib(sizes.brotli));
        total.raw += sizes.raw;
        total.gzip += sizes.gzip;
        total.brotli += sizes.brotli;
    }
    println!("  all   {:>10} / {:>10} / {:>10}   (target: at most 200 kB brotli)", kib(total.raw), kib(total.gzip), kib(total.brotli));
    println!();
}

fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|found| found == extension))
        .collect();
    files.sort();
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
