//! `cargo xtask <task>`: the project's entry points.
//!
//! Every task installs what it is missing first (see `setup.rs`), so `cargo xtask serve` works on
//! a fresh machine. Environment:
//!
//! - `BUDGET_RAW`: folder of the official raw files (default `data/raw` in the workspace).
//! - `BUDGET_TOOLS`: where trunk, wasm-bindgen, wasm-opt and Pagefind are installed
//!   (default `~/.cache/budget-explorer/tools`).
//! - `BUDGET_WASM_TARGET_DIR`: cargo target folder of the wasm build
//!   (default `~/.cache/budget-explorer/target-wasm/<checkout hash>`, or `target-wasm-debian/…`
//!   on the Debian route;
//!   outside the checkout so it stays warm).
//! - `BUDGET_PORT`: port of `serve` (default 8080).
//! - `BUDGET_DIST`: folder of the built site (default `dist/` in the workspace).

mod build;
mod package;
mod paths;
mod setup;
mod site;
mod test;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  setup   install the wasm toolchain, trunk, wasm-bindgen, wasm-opt and Chromium if missing
  build   build the site into dist/ and the snapshot from $BUDGET_RAW into dist/data/
  serve   build, then serve dist/ on http://127.0.0.1:$BUDGET_PORT/ (default 8080)
  package build, then write one .tar.gz of the site and the full snapshot, readable offline
  test    run every test: native unit and integration tests, then browser tests on dist/
  bench   build, then print sizes (site, snapshot by part, search index), search bytes
          and times per query beside Pagefind, load times (online, offline, service
          worker) and snapshot build figures
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run().map(|_| ()),
        Some("build") => build::run().map(|_| ()),
        Some("serve") => build::serve(),
        Some("package") => package::run().map(|_| ()),
        Some("test") => test::run(),
        Some("bench") => test::bench(),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprint!("xtask: unknown task {other:?}\n\n{USAGE}");
            return ExitCode::from(2);
        }
        None => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
