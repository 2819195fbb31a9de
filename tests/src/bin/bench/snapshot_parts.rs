//! Size of the snapshot by part: the budget years and history, each procurement folder and the
//! search index.

use std::path::{Path, PathBuf};

use crate::{sizes_of_files, Sizes};

/// Parts in the order they are printed.
const PARTS: [&str; 9] = [
    "budget: years",
    "budget: history",
    "procurement: spending",
    "procurement: entities",
    "procurement: publishers",
    "procurement: tenders",
    "procurement: exemptions",
    "search index",
    "index files and manifest",
];

/// Returns the part of a file, by its path relative to `data/`.
fn part_of(relative: &str) -> &'static str {
    let mut folders = relative.split('/');
    let first = folders.next().unwrap_or_default();
    let second = if relative.contains('/') { folders.next().unwrap_or_default() } else { "" };
    match (first, second) {
        (year, _) if !year.is_empty() && year.bytes().all(|byte| byte.is_ascii_digit()) => PARTS[0],
        ("history", _) => PARTS[1],
        ("procurement", "spending") => PARTS[2],
        ("procurement", "entities") => PARTS[3],
        ("procurement", "publishers") => PARTS[4],
        ("procurement", "tenders") => PARTS[5],
        ("procurement", "exemptions") => PARTS[6],
        ("search", _) | ("procurement", "search") => PARTS[7],
        _ => PARTS[8],
    }
}

/// Collects every file under `dir` into `found`, with its path relative to `root` using `/`.
pub fn files_under(root: &Path, dir: &Path, found: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(root, &path, found);
        } else if let Ok(relative) = path.strip_prefix(root) {
            let relative = relative.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            found.push((relative, path));
        }
    }
}

/// Prints files, raw, gzip and brotli bytes of each part of `dist/data`. Each file is
/// compressed on its own, as a static host serves it.
pub fn print_snapshot_parts(dist: &Path) {
    let data = dist.join("data");
    let mut files = Vec::new();
    files_under(&data, &data, &mut files);
    files.sort();
    let paths: Vec<PathBuf> = files.iter().map(|(_, path)| path.clone()).collect();
    let sizes = sizes_of_files(&paths);

    println!("Snapshot by part (each file compressed on its own; raw / gzip -9 / brotli -q 11):");
    let mut total = (0, Sizes::default());
    for part in PARTS {
        let mut sum = (0, Sizes::default());
        for ((relative, _), file_sizes) in files.iter().zip(&sizes) {
            if part_of(relative) == part {
                sum.0 += 1;
                sum.1.add(file_sizes);
            }
        }
        total.0 += sum.0;
        total.1.add(&sum.1);
        print_part_row(part, sum.0, &sum.1);
    }
    print_part_row("all", total.0, &total.1);
    println!();
}

fn print_part_row(name: &str, files: usize, sizes: &Sizes) {
    println!(
        "  {name:<26} {files:>7} files {:>10} / {:>10} / {:>10}",
        megabytes(sizes.raw),
        megabytes(sizes.gzip),
        megabytes(sizes.brotli)
    );
}

fn megabytes(bytes: u64) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_of_sorts_paths() {
        assert_eq!(part_of("2014/home.json"), "budget: years");
        assert_eq!(part_of("history/20.json"), "budget: history");
        assert_eq!(part_of("procurement/spending/2019/2024.json"), "procurement: spending");
        assert_eq!(part_of("procurement/entities/ab.json"), "procurement: entities");
        assert_eq!(part_of("search/d790.json"), "search index");
        assert_eq!(part_of("procurement/index.json"), "index files and manifest");
        assert_eq!(part_of("manifest.json"), "index files and manifest");
    }
}
