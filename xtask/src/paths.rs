//! Folders and environment settings shared by the tasks.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// The workspace root (the folder above `xtask/`).
///
/// `cargo run` sets `CARGO_MANIFEST_DIR` for the process, and that value is read first: cargo
/// reuses a built xtask for another checkout that shares its target folder, and the value
/// compiled in would then name that other checkout.
pub fn workspace() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let manifest = manifest.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().unwrap_or(Path::new(".")).to_path_buf()
}

fn cache_home() -> PathBuf {
    match std::env::var_os("XDG_CACHE_HOME") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| ".".into())).join(".cache"),
    }
}

fn from_env_or(name: &str, default: PathBuf) -> PathBuf {
    std::env::var_os(name).map(PathBuf::from).unwrap_or(default)
}

/// Where trunk, wasm-bindgen (`bin/`), wasm-opt and Pagefind (`node_modules/.bin/`) are installed.
pub fn tools() -> PathBuf {
    from_env_or("BUDGET_TOOLS", cache_home().join("budget-explorer/tools"))
}

/// Cargo target folder of the wasm build, kept outside the checkout so rebuilds stay warm.
///
/// The folder is per checkout (a hash of the workspace path): cargo judges workspace crates by
/// file times under paths relative to the workspace, so two checkouts sharing one folder can
/// each take the other's newer build of a crate as their own. `suffix` keeps the two wasm
/// toolchains apart too, because each would invalidate the other's build.
pub fn wasm_target_dir(suffix: &str) -> PathBuf {
    if let Some(dir) = std::env::var_os("BUDGET_WASM_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    workspace().hash(&mut hasher);
    let checkout = format!("{:016x}", hasher.finish());
    cache_home().join(format!("budget-explorer/target-wasm{suffix}/{checkout}"))
}

/// Folder of the official raw files.
pub fn raw_data() -> PathBuf {
    let path = from_env_or("BUDGET_RAW", PathBuf::from("data/raw"));
    if path.is_absolute() {
        path
    } else {
        std::env::current_dir().unwrap_or_else(|_| workspace()).join(path)
    }
}

/// The built site: `BUDGET_DIST`, or `dist/` in the workspace.
pub fn dist() -> PathBuf {
    from_env_or("BUDGET_DIST", workspace().join("dist"))
}

/// Native cargo target folder of the workspace (honours `CARGO_TARGET_DIR`).
pub fn native_target_dir() -> PathBuf {
    from_env_or("CARGO_TARGET_DIR", workspace().join("target"))
}
