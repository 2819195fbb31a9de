//! `cargo xtask build` and `cargo xtask serve`.

use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::setup::{self, Toolchain};
use crate::{paths, site};

/// Builds the site into `dist/` and the snapshot from the raw files into `dist/data/`.
pub fn run() -> Result<Toolchain> {
    let toolchain = setup::run()?;
    let raw = paths::raw_data();
    if !raw.is_dir() {
        bail!(
            "raw-data folder {} not found; put the official files there or set BUDGET_RAW=DIR",
            raw.display()
        );
    }
    build_site(&toolchain)?;
    build_snapshot(&raw)?;
    eprintln!("build: site and snapshot are in {}", paths::dist().display());
    Ok(toolchain)
}

/// Runs `trunk build --release`, which compiles the app to wasm and writes `dist/`, then adds
/// the web manifest and checks the page (see `site.rs`).
pub fn build_site(toolchain: &Toolchain) -> Result<()> {
    // Trunk runs cargo offline (Trunk.toml), so every crate must be in the local registry first.
    setup::run_command(toolchain.command("cargo").args(["fetch", "--locked"]).current_dir(paths::workspace()))
        .context("cargo fetch failed")?;
    let trunk = paths::tools().join("bin/trunk");
    eprintln!("build: trunk build --release, {:?} route (a cold build takes about 10 minutes)", toolchain.route);
    setup::run_command(
        toolchain
            .command(&trunk)
            .args(["build", "--release", "--offline", "--dist"])
            .arg(paths::dist())
            // Otherwise Trunk asks crates.io whether a newer Trunk exists.
            .env("TRUNK_SKIP_VERSION_CHECK", "true")
            .current_dir(paths::workspace()),
    )
    .context("the wasm build failed")?;
    site::finish(&paths::dist())
}

/// Builds the snapshot builder natively and runs it on `raw`, writing `dist/data/`.
pub fn build_snapshot(raw: &std::path::Path) -> Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    setup::run_command(
        Command::new(cargo)
            .args(["build", "--release", "--quiet", "--package", "budget-snapshot"])
            .current_dir(paths::workspace()),
    )?;
    let builder = paths::native_target_dir().join("release/budget-snapshot");
    let out = paths::dist().join("data");
    let report = paths::native_target_dir().join("snapshot-report.txt");
    eprintln!("build: budget-snapshot build --raw {} --out {}", raw.display(), out.display());
    setup::run_command(
        Command::new(&builder)
            .args(["build", "--raw"])
            .arg(raw)
            .arg("--out")
            .arg(&out)
            .arg("--report")
            .arg(&report),
    )
    .context("the snapshot build failed")
}

/// Builds, then serves `dist/` on 127.0.0.1 until interrupted.
pub fn serve() -> Result<()> {
    run()?;
    let port: u16 = match std::env::var("BUDGET_PORT") {
        Ok(text) => text.parse().with_context(|| format!("BUDGET_PORT={text:?} is not a port number"))?,
        Err(_) => 8080,
    };
    let server = browser_tests::server::StaticServer::start(paths::dist(), "/", port)
        .with_context(|| format!("could not serve on 127.0.0.1:{port}; set BUDGET_PORT to a free port"))?;
    println!("Serving the budget explorer at {}", server.url());
    println!("Press Ctrl+C to stop.");
    server.join();
    Ok(())
}
