//! Browser tests and benchmarks for the built site.
//!
//! The library holds what the tests, the benchmark and `cargo xtask serve` share: a static file
//! server on 127.0.0.1 ([`server`]), a headless Chromium session through chromedriver
//! ([`browser`]) and the offline archive served as its README says ([`archive`]). The tests
//! themselves are in `tests/` beside this folder and expect a complete build in `dist/` (run
//! them with `cargo xtask test`, which builds first).

pub mod archive;
pub mod browser;
pub mod server;

/// This crate's folder. `cargo test` and `cargo run` set `CARGO_MANIFEST_DIR` for the process,
/// and that value is read first: cargo reuses a test binary built for another checkout that
/// shares the target folder, and the value compiled in would then name that other checkout.
pub fn crate_dir() -> std::path::PathBuf {
    match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => dir.into(),
        None => env!("CARGO_MANIFEST_DIR").into(),
    }
}
