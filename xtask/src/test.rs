//! `cargo xtask test` and `cargo xtask bench`.

use std::process::Command;

use anyhow::{Context, Result};

use crate::setup::{self, run_command};
use crate::{build, package, paths};

/// Native tests of every crate, then a full build on the real data and its offline archive,
/// then the browser tests.
pub fn run() -> Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("test: native unit and integration tests");
    run_command(
        Command::new(&cargo)
            .args(["test", "--package", "budget-model", "--package", "budget-snapshot", "--package", "xtask"])
            .args(["--package", "budget-explorer"])
            .current_dir(paths::workspace()),
    )
    .context("native tests failed")?;
    // The browser tests need a build; only the library's own tests run before it.
    run_command(
        Command::new(&cargo)
            .args(["test", "--package", "browser-tests", "--lib"])
            .current_dir(paths::workspace()),
    )
    .context("native tests of the browser-test library failed")?;

    build::run()?;
    let archive = package::write_archive(&paths::dist(), &paths::native_target_dir().join("package"))?;

    eprintln!("test: browser tests in headless Chromium on {}", paths::dist().display());
    run_command(
        Command::new(&cargo)
            .args(["test", "--package", "browser-tests", "--tests", "--", "--test-threads=1"])
            .env("BUDGET_DIST", paths::dist())
            .env("BUDGET_ARCHIVE", archive)
            // Absolute, as the tests run in their own crate's folder, not where the user typed
            // the command.
            .env("BUDGET_RAW", paths::raw_data())
            .current_dir(paths::workspace()),
    )
    .context("browser tests failed")
}

/// Builds and packages, then prints the size, load-time, search and snapshot-build figures.
pub fn bench() -> Result<()> {
    build::run()?;
    let archive = package::write_archive(&paths::dist(), &paths::native_target_dir().join("package"))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let builder = paths::native_target_dir().join("release/budget-snapshot");
    // `build::run` ran setup, which installs Pagefind when it can. Without it, the benchmark
    // prints only its own search figures.
    let pagefind = Some(setup::pagefind_binary()).filter(|binary| binary.is_file());
    run_command(
        Command::new(&cargo)
            .args(["run", "--release", "--quiet", "--package", "browser-tests", "--bin", "bench"])
            .env("BUDGET_DIST", paths::dist())
            .env("BUDGET_ARCHIVE", archive)
            .env("BUDGET_RAW", paths::raw_data())
            .env("BUDGET_SNAPSHOT_BIN", builder)
            .envs(pagefind.map(|binary| ("BUDGET_PAGEFIND", binary)))
            .current_dir(paths::workspace()),
    )
    .context("the benchmark failed")
}
