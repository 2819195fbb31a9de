//! The snapshot files: year homes, section shards and history shards rendered as compact JSON,
//! then written with the manifest into the output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use budget_model::snapshot::{
    history_code, history_path, home_path, section_path, sha256_hex, FileEntry, HistoryPoint, HistoryShard,
    Item, ItemSummary, Manifest, SectionShard, YearEntry, YearHome, INDEX_FILE, MANIFEST_FILE,
};
use budget_model::procurement::PROCUREMENT_INDEX_FILE;
use budget_model::tree::Tree;
use budget_model::{Amounts, BudgetCode, Level};

use crate::assemble::{coverage, Years};
use crate::error::BuildError;

/// One file of the snapshot, rendered.
#[derive(Debug)]
pub struct RenderedFile {
    /// Path relative to the snapshot root.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl RenderedFile {
    /// Renders `value` as compact JSON at `path`.
    pub fn json<T: serde::Serialize>(path: String, value: &T) -> Result<RenderedFile> {
        let bytes = serde_json::to_vec(value).with_context(|| format!("cannot serialise {path}"))?;
        Ok(RenderedFile { path, bytes })
    }

    pub fn entry(&self) -> FileEntry {
        FileEntry {
            path: self.path.clone(),
            bytes: self.bytes.len() as u64,
            sha256: sha256_hex(&self.bytes),
        }
    }
}

/// Summary of one item.
fn summary(item: &Item) -> ItemSummary {
    ItemSummary {
        code: item.code.clone(),
        name: item.name.clone(),
        amounts: item.amounts,
    }
}

/// Totals of the expense sections (every section except `00`).
pub fn expense_total(tree: &Tree) -> Amounts {
    let mut total = Amounts::default();
    for item in tree
        .values()
        .filter(|item| item.code.level() == Level::Section && !item.code.is_revenue())
    {
        total.add(&item.amounts);
    }
    total
}

/// Builds the home file of one year: totals, expense sections largest first, the revenue
/// section, and the entries of the year's other files (`files`, filled in by [`render`]).
/// `outside` is the expense money outside the expense sections, which the total includes.
pub fn year_home(year: u16, tree: &Tree, outside: &Amounts) -> YearHome {
    let mut sections: Vec<ItemSummary> = tree
        .values()
        .filter(|item| item.code.level() == Level::Section && !item.code.is_revenue())
        .map(summary)
        .collect();
    sections.sort_by_key(|section| {
        (
            std::cmp::Reverse(section.amounts.latest().unwrap_or(i64::MIN)),
            section.code.clone(),
        )
    });
    let revenue = tree
        .values()
        .find(|item| item.code.level() == Level::Section && item.code.is_revenue());
    let mut expenses = expense_total(tree);
    expenses.add(outside);
    let has_adjustments = outside
        .phases()
        .iter()
        .any(|phase| outside.get(*phase) != Some(0));
    YearHome {
        year,
        expenses,
        expense_adjustments: has_adjustments.then_some(*outside),
        revenues: revenue.map(|item| item.amounts),
        sections,
        revenue_section: revenue.map(summary),
        files: Vec::new(),
    }
}

/// Splits a year into one shard per section, items sorted by code (the tree's order puts the
/// section first). Their `files` are filled in by [`render`].
pub fn section_shards(year: u16, tree: &Tree) -> Vec<SectionShard> {
    let mut shards: BTreeMap<BudgetCode, Vec<Item>> = BTreeMap::new();
    for item in tree.values() {
        shards.entry(item.code.section()).or_default().push(item.clone());
    }
    shards
        .into_iter()
        .map(|(section, items)| SectionShard {
            year,
            section,
            items,
            files: Vec::new(),
        })
        .collect()
}

/// Builds the history shards: one per section (the section and its domains) and one per domain
/// (the domain and everything below it), each with every year of every code, oldest year first.
pub fn history_shards(years: &Years) -> Vec<HistoryShard> {
    let mut shards: BTreeMap<BudgetCode, HistoryShard> = BTreeMap::new();
    let mut add = |root: BudgetCode, code: &BudgetCode, point: HistoryPoint| {
        let shard = shards.entry(root.clone()).or_insert_with(|| HistoryShard {
            section: root,
            series: BTreeMap::new(),
        });
        shard.series.entry(code.clone()).or_default().push(point);
    };
    for (year, entry) in years {
        for item in entry.data.tree.values() {
            let point = HistoryPoint {
                year: *year,
                name: item.name.clone(),
                amounts: item.amounts,
            };
            // A domain's series is in both shards: the section's chart of its domains needs it,
            // and so does the domain's own page.
            if item.code.level() <= Level::Domain {
                add(item.code.section(), &item.code, point.clone());
            }
            if item.code.level() >= Level::Domain {
                add(history_code(&item.code), &item.code, point);
            }
        }
    }
    shards.into_values().collect()
}

/// Renders every file of the snapshot except the manifest and the index. Files that list other
/// files' hashes are rendered after them: history shards, then section shards, then homes.
pub fn render(years: &Years) -> Result<Vec<RenderedFile>> {
    let mut files = Vec::new();
    let mut history_entries: BTreeMap<BudgetCode, FileEntry> = BTreeMap::new();
    for shard in history_shards(years) {
        let file = RenderedFile::json(history_path(&shard.section), &shard)?;
        history_entries.insert(shard.section.clone(), file.entry());
        files.push(file);
    }
    let history_of = |code: &BudgetCode| history_entries.get(code).cloned();

    for (year, entry) in years {
        let mut home = year_home(*year, &entry.data.tree, &entry.data.expense_outside_sections);
        for mut shard in section_shards(*year, &entry.data.tree) {
            shard.files = shard
                .items
                .iter()
                .filter(|item| item.code.level() == Level::Domain)
                .filter_map(|item| history_of(&item.code))
                .collect();
            let file = RenderedFile::json(section_path(*year, &shard.section), &shard)?;
            home.files.push(file.entry());
            home.files.extend(history_of(&shard.section));
            files.push(file);
        }
        files.push(RenderedFile::json(home_path(*year), &home)?);
    }
    Ok(files)
}

/// The index: the manifest with only the home files and the procurement index in its file
/// list.
pub fn index(manifest: &Manifest) -> Manifest {
    let mut homes: Vec<String> = manifest.years.iter().map(|entry| home_path(entry.year)).collect();
    homes.push(PROCUREMENT_INDEX_FILE.to_string());
    Manifest {
        files: manifest
            .files
            .iter()
            .filter(|file| homes.contains(&file.path))
            .cloned()
            .collect(),
        ..manifest.clone()
    }
}

/// Builds the manifest entries of the years.
pub fn year_entries(years: &Years) -> Vec<YearEntry> {
    years
        .iter()
        .map(|(year, entry)| YearEntry {
            year: *year,
            proposal: entry.data.proposal,
            coverage: coverage(&entry.data.tree),
            sources: entry.sources.clone(),
            sections: entry
                .data
                .tree
                .keys()
                .filter(|code| code.level() == Level::Section)
                .cloned()
                .collect(),
        })
        .collect()
}

/// Fails unless `out` is absent, empty, or an earlier snapshot, so a build never deletes a
/// folder it did not write.
pub fn check_out_folder(out: &Path) -> Result<(), BuildError> {
    let Ok(mut entries) = std::fs::read_dir(out) else {
        return if out.exists() {
            Err(BuildError::OutNotSnapshot {
                out: out.display().to_string(),
            })
        } else {
            Ok(())
        };
    };
    if entries.next().is_none() || out.join(MANIFEST_FILE).is_file() {
        Ok(())
    } else {
        Err(BuildError::OutNotSnapshot {
            out: out.display().to_string(),
        })
    }
}

/// Writes `files` and `manifest` into a fresh folder beside `out`, then puts it in place of
/// `out`, so a failed write leaves the previous snapshot whole.
pub fn write_snapshot(out: &Path, files: &[RenderedFile], manifest: &Manifest) -> Result<()> {
    check_out_folder(out)?;
    let staging = staging_folder(out);
    if staging.exists() {
        std::fs::remove_dir_all(&staging).with_context(|| format!("cannot remove {}", staging.display()))?;
    }
    let manifest_file = RenderedFile::json(MANIFEST_FILE.to_string(), manifest)?;
    let index_file = RenderedFile::json(INDEX_FILE.to_string(), &index(manifest))?;
    for file in files.iter().chain([&manifest_file, &index_file]) {
        let path = staging.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, &file.bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if out.exists() {
        std::fs::remove_dir_all(out)
            .with_context(|| format!("cannot remove the previous snapshot {}", out.display()))?;
    }
    std::fs::rename(&staging, out)
        .with_context(|| format!("cannot move {} to {}", staging.display(), out.display()))
}

fn staging_folder(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "snapshot".into(), |name| name.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.partial"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    fn tree(items: &[(&str, i64)]) -> Tree {
        items
            .iter()
            .map(|(text, value)| {
                let amounts = Amounts {
                    original: Some(*value),
                    ..Amounts::default()
                };
                (
                    code(text),
                    Item {
                        code: code(text),
                        name: format!("n{text}"),
                        amounts,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn home_sorts_and_totals() {
        let home = year_home(
            2014,
            &tree(&[("00", 50), ("0001", 50), ("04", 5), ("20", 30), ("2001", 30)]),
            &Amounts::default(),
        );
        let codes: Vec<&str> = home
            .sections
            .iter()
            .map(|section| section.code.as_str())
            .collect();
        assert_eq!(codes, ["20", "04"]);
        assert_eq!(home.expenses.original, Some(35));
        assert_eq!(home.expense_adjustments, None);
        assert_eq!(home.revenues.unwrap().original, Some(50));
        assert_eq!(home.revenue_section.unwrap().name, "n00");
    }

    #[test]
    fn shards_split_by_section() {
        let shards = section_shards(
            2014,
            &tree(&[("04", 5), ("20", 30), ("2001", 30), ("200101", 30)]),
        );
        assert_eq!(shards.len(), 2);
        let codes: Vec<&str> = shards[1].items.iter().map(|item| item.code.as_str()).collect();
        assert_eq!(codes, ["20", "2001", "200101"]);
    }

    #[test]
    fn out_folder_guard() {
        let folder = tempfile::tempdir().unwrap();
        assert!(check_out_folder(&folder.path().join("new")).is_ok());
        assert!(check_out_folder(folder.path()).is_ok());
        std::fs::write(folder.path().join("notes.txt"), "keep").unwrap();
        assert!(check_out_folder(folder.path()).is_err());
        std::fs::write(folder.path().join(MANIFEST_FILE), "{}").unwrap();
        assert!(check_out_folder(folder.path()).is_ok());
    }
}
