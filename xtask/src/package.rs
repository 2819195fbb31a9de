//! `cargo xtask package`: one `.tar.gz` of the built site with the full snapshot and a README,
//! for reading the budget with no network connection.
//!
//! The archive contains one folder, `budget-explorer-<snapshot id>/`. The site cannot run from
//! `file://` (see the README text below), so the README gives a one-line local server command.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::setup::run_command;
use crate::{build, paths};

/// Builds the site and the snapshot, then writes the archive; returns its path.
pub fn run() -> Result<PathBuf> {
    build::run()?;
    write_archive(&paths::dist(), &paths::native_target_dir().join("package"))
}

/// Writes `<out>/budget-explorer-<id>.tar.gz` from the built site in `dist`.
pub fn write_archive(dist: &Path, out: &Path) -> Result<PathBuf> {
    let snapshot = Snapshot::read(dist)?;
    let name = format!("budget-explorer-{}", snapshot.id);
    let staging = out.join(&name);
    if staging.exists() {
        std::fs::remove_dir_all(&staging).with_context(|| format!("removing {}", staging.display()))?;
    }
    link_tree(dist, &staging)?;
    let readme = staging.join("README.txt");
    std::fs::write(&readme, readme_text(&name, &snapshot)).with_context(|| format!("writing {}", readme.display()))?;

    let archive = out.join(format!("{name}.tar.gz"));
    eprintln!("package: tar -czf {} ({} data files)", archive.display(), snapshot.files);
    run_command(Command::new("tar").arg("-czf").arg(&archive).arg("-C").arg(out).arg(&name))
        .context("tar failed; it must be on PATH")?;
    std::fs::remove_dir_all(&staging).with_context(|| format!("removing {}", staging.display()))?;
    let bytes = std::fs::metadata(&archive).with_context(|| format!("reading {}", archive.display()))?.len();
    println!("{} ({:.1} MB)", archive.display(), bytes as f64 / 1e6);
    Ok(archive)
}

/// The facts about the snapshot that the README states, read from `data/manifest.json`.
struct Snapshot {
    id: String,
    built_at: String,
    files: usize,
    bytes: u64,
}

impl Snapshot {
    fn read(dist: &Path) -> Result<Snapshot> {
        let path = dist.join("data/manifest.json");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}; run `cargo xtask build` first", path.display()))?;
        let manifest: Value = serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
        let text_field = |name: &str| manifest[name].as_str().map(str::to_string);
        let (Some(id), Some(built_at), Some(files)) =
            (text_field("snapshot_id"), text_field("built_at"), manifest["files"].as_array())
        else {
            bail!("{} lacks snapshot_id, built_at or files", path.display());
        };
        let bytes = files.iter().filter_map(|file| file["bytes"].as_u64()).sum();
        Ok(Snapshot { id, built_at, files: files.len(), bytes })
    }
}

/// Recreates the tree `from` at `to` with hard links, or copies where linking fails (another
/// file system). Names starting with `.` (Trunk's staging folder) are left out.
fn link_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            link_tree(&source, &target)?;
        } else if std::fs::hard_link(&source, &target).is_err() {
            std::fs::copy(&source, &target)
                .with_context(|| format!("copying {} to {}", source.display(), target.display()))?;
        }
    }
    Ok(())
}

fn readme_text(folder: &str, snapshot: &Snapshot) -> String {
    let Snapshot { id, built_at, files, bytes } = snapshot;
    let megabytes = *bytes as f64 / 1e6;
    format!(
        "\
Budget Explorer, offline copy
=============================

This folder holds the whole Budget Explorer site, an explorer of Israel's state budget in
Hebrew, Arabic and English, with data snapshot {id} (built {built_at}): {files} data files,
{megabytes:.1} MB. It needs no network connection.

How to open it
--------------
Run this in the folder that contains `{folder}` (Python 3.7 or newer; on Windows the
command may be `py` instead of `python3`):

    python3 -m http.server --bind 127.0.0.1 8000 --directory {folder}

then open http://127.0.0.1:8000/ in a web browser. The server answers only this computer.
Stop it with Ctrl+C. Any other static file server works too.

Opening index.html directly (a file:// address) does not work: browsers refuse to load
JavaScript modules and to fetch() files from file:// pages, and the site is a module that
fetches its WebAssembly code and every data file.

Addresses
---------
    #/he/budget/2014            the 2014 budget in Hebrew (ar, en for Arabic and English)
    #/en/budget/2014/20         one item: section 20 of the 2014 budget
    #/en/embed/budget/2014/20?view=chart   one chart alone, as other sites embed it

Contents
--------
    index.html, *.js, *.wasm, *.css, *.svg   the app
    data/index.json                         the snapshot's id, years and source files
    data/manifest.json                      every data file with its size and SHA-256
    data/<year>/, data/history/, ...        the data files
    sw.js                                   keeps opened pages for use without the server
    embed.js                                script for pages that embed the site's charts

Each data file's SHA-256 is listed in data/manifest.json, and the site checks every file it
loads against the hashes it finds there and in the files that link to it.
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-package-{name}-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn archive_holds_site_and_readme() {
        let dist = temp_dir("dist");
        std::fs::create_dir_all(dist.join("data/2014")).unwrap();
        std::fs::create_dir_all(dist.join(".stage")).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(dist.join("data/2014/home.json"), "{}").unwrap();
        let manifest = r#"{"snapshot_id":"0123456789abcdef","built_at":"2026-01-02T03:04:05Z","files":[{"path":"2014/home.json","bytes":2,"sha256":"x"}]}"#;
        std::fs::write(dist.join("data/manifest.json"), manifest).unwrap();
        let out = temp_dir("out");

        let archive = write_archive(&dist, &out).unwrap();
        let listing = Command::new("tar").arg("-tzf").arg(&archive).output().unwrap();
        let listing = String::from_utf8(listing.stdout).unwrap();
        std::fs::remove_dir_all(&dist).ok();
        std::fs::remove_dir_all(&out).ok();

        assert_eq!(archive.file_name().unwrap(), "budget-explorer-0123456789abcdef.tar.gz");
        for expected in [
            "budget-explorer-0123456789abcdef/index.html",
            "budget-explorer-0123456789abcdef/README.txt",
            "budget-explorer-0123456789abcdef/data/2014/home.json",
            "budget-explorer-0123456789abcdef/data/manifest.json",
        ] {
            assert!(listing.lines().any(|line| line == expected), "{expected} missing from:\n{listing}");
        }
        assert!(!listing.contains(".stage"), "staging folder packed:\n{listing}");
    }

    #[test]
    fn readme_names_command_and_snapshot() {
        let snapshot = Snapshot { id: "0123456789abcdef".into(), built_at: "2026-01-02T03:04:05Z".into(), files: 5117, bytes: 200_071_746 };
        let text = readme_text("budget-explorer-0123456789abcdef", &snapshot);
        assert!(text.contains("python3 -m http.server --bind 127.0.0.1 8000 --directory budget-explorer-0123456789abcdef"));
        assert!(text.contains("snapshot 0123456789abcdef"));
        assert!(text.contains("5117 data files,\n200.1 MB"));
    }
}
