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
