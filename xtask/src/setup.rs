//! `cargo xtask setup`: installs what the wasm build and the browser tests need, idempotently.
//!
//! Two routes to a wasm standard library:
//! - rustup: `wasm32-unknown-unknown` is installed or `rustup target add` succeeds within two
//!   minutes (a normal developer machine). Plain `cargo` and Trunk build directly.
//! - Debian: rustup cannot fetch the target, so Debian's `rustc-web` 1.96 (`/usr/bin/cargo`)
//!   rebuilds `std` from `rust-web-src` with `-Zbuild-std`. `RUSTC_BOOTSTRAP=1` unlocks that on a
//!   stable compiler. These variables are set for the wasm build only; host builds keep using
//!   rustup's toolchain.
//!
//! Trunk, wasm-bindgen-cli (at the version in Cargo.lock) and wasm-opt (binaryen 132 from npm;
//! Debian's binaryen 108 produces wasm that wasm-bindgen's glue cannot load) go to
//! `paths::tools()`, and Trunk is pinned to them so it never downloads anything. Pagefind (from
//! npm) goes there too, for the benchmark's search comparison only.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::paths;

/// Trunk 0.22 needs rustc 1.96.1 or newer, which neither route guarantees.
const TRUNK_VERSION: &str = "0.21.14";
const BINARYEN_VERSION: &str = "132.0.0";
/// Pagefind, the static search library that `cargo xtask bench` compares the search index with.
const PAGEFIND_VERSION: &str = "1.6.0";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const APT_PACKAGES_BROWSER: [&str; 4] = ["chromium", "chromium-driver", "brotli", "fonts-noto-core"];
const APT_PACKAGES_DEBIAN_ROUTE: [&str; 4] = ["rustc-web", "cargo-web", "rust-web-src", "lld-22"];
const DEBIAN_WASM_LINKER: &str = "/usr/lib/llvm-22/bin/wasm-ld";

/// How the wasm target is built on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Rustup,
    Debian,
}

/// Everything a wasm build needs: the route and the environment to run Trunk with.
pub struct Toolchain {
    pub route: Route,
    env: Vec<(String, OsString)>,
    removed_env: Vec<&'static str>,
}

impl Toolchain {
    /// A `Command` for `program` with the wasm build environment applied.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        for (name, value) in &self.env {
            command.env(name, value);
        }
        for name in &self.removed_env {
            command.env_remove(name);
        }
        command
    }
}

/// Installs what is missing and returns the wasm toolchain to build with.
pub fn run() -> Result<Toolchain> {
    let route = wasm_route()?;
    eprintln!("setup: wasm standard library from {}", match route {
        Route::Rustup => "rustup's wasm32-unknown-unknown target",
        Route::Debian => "Debian's rustc-web with -Zbuild-std (rustup has no wasm32 target here)",
    });
    install_browser_packages()?;
    install_trunk()?;
    install_wasm_bindgen()?;
    install_wasm_opt()?;
    // Only the benchmark uses Pagefind, so a failed install leaves the build working.
    if let Err(error) = install_pagefind() {
        eprintln!("setup: Pagefind is not installed ({error:#}); `cargo xtask bench` skips its comparison");
    }
    Ok(toolchain(route))
}

fn toolchain(route: Route) -> Toolchain {
    let tools = paths::tools();
    let mut path_entries: Vec<PathBuf> = Vec::new();
    if route == Route::Debian {
        // rustup's proxies come first on a usual PATH; Debian's cargo must win for this build.
        path_entries.push(PathBuf::from("/usr/bin"));
    }
    path_entries.push(tools.join("bin"));
    path_entries.push(tools.join("node_modules/.bin"));
    if let Some(path) = std::env::var_os("PATH") {
        path_entries.extend(std::env::split_paths(&path));
    }
    let path = std::env::join_paths(path_entries).expect("PATH entries contain no separator");

    let mut env: Vec<(String, OsString)> = vec![
        ("PATH".into(), path),
        ("CARGO_TARGET_DIR".into(), paths::wasm_target_dir(if route == Route::Debian { "-debian" } else { "" }).into()),
    ];
    if route == Route::Debian {
        env.push(("CARGO".into(), "/usr/bin/cargo".into()));
        env.push(("RUSTC".into(), "/usr/bin/rustc".into()));
        env.push(("RUSTC_BOOTSTRAP".into(), "1".into()));
        env.push(("CARGO_UNSTABLE_BUILD_STD".into(), "std,panic_abort".into()));
        // Debian's rustc names `rust-lld` as the wasm linker but ships none; lld-22's wasm-ld is
        // the same linker under its LLVM name.
        env.push(("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER".into(), DEBIAN_WASM_LINKER.into()));
    }
    // The rustup proxy that started xtask exports its toolchain choice; Debian's cargo must not
    // inherit it, and rustup's own cargo does not need it.
    let removed_env = match route {
        Route::Debian => vec!["RUSTUP_TOOLCHAIN", "RUSTC_WRAPPER"],
        Route::Rustup => Vec::new(),
    };
    Toolchain { route, env, removed_env }
}

fn wasm_route() -> Result<Route> {
    match std::env::var("BUDGET_WASM_ROUTE").as_deref() {
        Ok("rustup") => return Ok(Route::Rustup),
        Ok("debian") => {
            install_debian_rust()?;
            return Ok(Route::Debian);
        }
        Ok(other) => bail!("BUDGET_WASM_ROUTE={other:?} is invalid; use rustup or debian"),
        Err(_) => {}
    }
    if rustup_has_wasm_target() {
        return Ok(Route::Rustup);
    }
    if which("rustup").is_some() {
        eprintln!("setup: rustup target add {WASM_TARGET} (at most 2 minutes)");
        let mut command = Command::new("rustup");
        command.args(["target", "add", WASM_TARGET]);
        match run_with_timeout(command, Duration::from_secs(120)) {
            Ok(true) if rustup_has_wasm_target() => return Ok(Route::Rustup),
            Ok(_) => eprintln!("setup: rustup could not add {WASM_TARGET}; using the Debian route"),
            Err(error) => eprintln!("setup: rustup target add failed ({error:#}); using the Debian route"),
        }
    }
    install_debian_rust()?;
    Ok(Route::Debian)
}

fn rustup_has_wasm_target() -> bool {
    let output = Command::new("rustup").args(["target", "list", "--installed"]).output();
    matches!(output, Ok(output) if String::from_utf8_lossy(&output.stdout).lines().any(|line| line.trim() == WASM_TARGET))
}

fn install_debian_rust() -> Result<()> {
    let std_sources = std::fs::read_dir("/usr/src").is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            entry.file_name().to_string_lossy().starts_with("rustc-") && entry.path().join("library/std").is_dir()
        })
    });
    let ready = version_output(Path::new("/usr/bin/rustc")).is_some()
        && Path::new("/usr/bin/cargo").exists()
        && Path::new(DEBIAN_WASM_LINKER).exists()
        && std_sources;
    if ready {
        return Ok(());
    }
    apt_install(&APT_PACKAGES_DEBIAN_ROUTE)
}

fn install_browser_packages() -> Result<()> {
    let fonts = Path::new("/usr/share/fonts/truetype/noto").exists();
    if which("chromium").is_some() && which("chromedriver").is_some() && which("brotli").is_some() && fonts {
        return Ok(());
    }
    apt_install(&APT_PACKAGES_BROWSER)
}

fn apt_install(packages: &[&str]) -> Result<()> {
    let list = packages.join(" ");
    if !is_root() {
        bail!("missing Debian packages; run as root: apt-get update && apt-get install -y {list}");
    }
    eprintln!("setup: apt-get install {list}");
    run_command(Command::new("apt-get").arg("update").stdout(Stdio::null()))?;
    run_command(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdout(Stdio::null()))
}

fn install_trunk() -> Result<()> {
    let trunk = paths::tools().join("bin/trunk");
    if version_output(&trunk).is_some_and(|text| text.contains(TRUNK_VERSION)) {
        return Ok(());
    }
    cargo_install("trunk", TRUNK_VERSION, true)
}

fn install_wasm_bindgen() -> Result<()> {
    let version = locked_version("wasm-bindgen")?;
    let binary = paths::tools().join("bin/wasm-bindgen");
    if version_output(&binary).is_some_and(|text| text.split_whitespace().any(|word| word == version)) {
        return Ok(());
    }
    // Its own lockfile pins a crate version that the registry no longer serves, so no --locked.
    cargo_install("wasm-bindgen-cli", &version, false)
}

fn install_wasm_opt() -> Result<()> {
    let tools = paths::tools();
    let binary = tools.join("node_modules/.bin/wasm-opt");
    let major = BINARYEN_VERSION.split('.').next().unwrap_or(BINARYEN_VERSION);
    if version_output(&binary).is_some_and(|text| text.contains(&format!("version {major}"))) {
        return Ok(());
    }
    if which("npm").is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    eprintln!("setup: npm install binaryen@{BINARYEN_VERSION}");
    std::fs::create_dir_all(&tools).with_context(|| format!("creating {}", tools.display()))?;
    run_command(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&tools)
        .arg(format!("binaryen@{BINARYEN_VERSION}")))
}

/// Returns the path of the Pagefind command line in the tools folder, which exists once setup
/// has installed it.
pub fn pagefind_binary() -> PathBuf {
    paths::tools().join("node_modules/.bin/pagefind")
}

fn install_pagefind() -> Result<()> {
    if version_output(&pagefind_binary()).is_some_and(|text| text.split_whitespace().any(|word| word == PAGEFIND_VERSION)) {
        return Ok(());
    }
    if which("npm").is_none() {
        bail!("npm is missing; install Node.js and npm (apt-get install nodejs npm), then run `cargo xtask setup`");
    }
    eprintln!("setup: npm install pagefind@{PAGEFIND_VERSION}");
    let tools = paths::tools();
    std::fs::create_dir_all(&tools).with_context(|| format!("creating {}", tools.display()))?;
    run_command(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&tools)
        .arg(format!("pagefind@{PAGEFIND_VERSION}")))
}

fn cargo_install(krate: &str, version: &str, locked: bool) -> Result<()> {
    eprintln!("setup: cargo install {krate} {version} (several minutes, once per machine)");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(["install", krate, "--version", version, "--root"])
        .arg(paths::tools())
        // A thin release profile halves the install time; these tools are not speed-critical.
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env_remove("CARGO_TARGET_DIR");
    if locked {
        command.arg("--locked");
    }
    run_command(&mut command)
}

/// The version of `package` in the workspace's Cargo.lock.
pub fn locked_version(package: &str) -> Result<String> {
    let lock_path = paths::workspace().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path).with_context(|| format!("reading {}", lock_path.display()))?;
    let needle = format!("name = \"{package}\"\n");
    let Some(start) = lock.find(&needle) else {
        bail!("{} has no package {package}", lock_path.display());
    };
    let rest = &lock[start + needle.len()..];
    let version = rest
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("version = \""))
        .and_then(|line| line.strip_suffix('"'))
        .with_context(|| format!("{}: no version line after package {package}", lock_path.display()))?;
    Ok(version.to_string())
}

fn version_output(binary: &Path) -> Option<String> {
    let output = Command::new(binary).arg("--version").output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The full path of `program` on PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|output| output.stdout.starts_with(b"0\n"))
}

/// Runs `command` and fails with its command line when it exits non-zero.
pub fn run_command(command: &mut Command) -> Result<()> {
    let status = command.status().with_context(|| format!("could not start {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed with {status}");
    }
    Ok(())
}

/// Runs `command`, killing it after `limit`; returns whether it exited successfully in time.
fn run_with_timeout(mut command: Command, limit: Duration) -> Result<bool> {
    let mut child = command.spawn().with_context(|| format!("could not start {command:?}"))?;
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status.success());
        }
        if Instant::now() >= deadline {
            child.kill().ok();
            child.wait().ok();
            eprintln!("setup: {command:?} timed out after {} s", limit.as_secs());
            return Ok(false);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}
