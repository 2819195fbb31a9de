//! The snapshot: the static JSON files that the builder writes and the app downloads.
//!
//! Layout under the snapshot folder (`dist/data/` in a build):
//!
//! - `manifest.json` ([`Manifest`]): schema version, id, sources, years, every file's sha256.
//! - `index.json` (also a [`Manifest`]): the same with only the home files in `files`. The app
//!   starts from it, because the full file list is about 90 kB brotli, three times the budget of
//!   the first view. The hashes of the other files come down the tree instead: each home lists
//!   its section shards and section histories, each section shard its domain histories.
//! - `<year>/home.json` ([`YearHome`]): totals and sections of one year, all the home view needs.
//! - `<year>/<section>.json` ([`SectionShard`]): every item below one section in one year, so a
//!   drill-down costs at most one more request.
//! - `history/<code>.json` ([`HistoryShard`]), for the multi-year charts: for a section, every
//!   year of the section and its domains; for a domain, every year of it and of every program
//!   and line below it. See [`history_code`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::amount::{Amounts, Phase};
use crate::code::{BudgetCode, Level};

/// Version of the snapshot format. Raise it on any change that an older app could misread.
pub const SCHEMA_VERSION: u32 = 1;

/// Name of the manifest file at the root of a snapshot.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Name of the small manifest the app loads first; see the module documentation.
pub const INDEX_FILE: &str = "index.json";

/// Path of a year's home file, relative to the snapshot root.
pub fn home_path(year: u16) -> String {
    format!("{year}/home.json")
}

/// Path of one section's shard for one year, relative to the snapshot root.
pub fn section_path(year: u16, section: &BudgetCode) -> String {
    format!("{year}/{section}.json")
}

/// Path of the multi-year history shard rooted at `root` (a section or a domain), relative to
/// the snapshot root. Use [`history_code`] to find the root that holds an item.
pub fn history_path(root: &BudgetCode) -> String {
    format!("history/{root}.json")
}

/// The root of the history shard that holds the series of `code`: the section itself for a
/// section, else the domain above it (or the domain itself).
///
/// Splitting below the section keeps a chart's download small: the whole history of the
/// Ministry of Education is about 3.5 MB of JSON, one of its domains a few hundred kB at most.
pub fn history_code(code: &BudgetCode) -> BudgetCode {
    match code.level() {
        Level::Section => code.clone(),
        _ => code.ancestry()[1].clone(),
    }
}

/// Lower-case hex sha256 of `bytes`, the form used throughout the manifest.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Root file of a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Format version, [`SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// Content hash of the snapshot: the first 16 hex digits of the sha256 over every file's
    /// path and sha256, so the same data always gets the same id.
    pub snapshot_id: String,
    /// When the builder ran, RFC 3339 in UTC.
    pub built_at: String,
    /// Unit of every amount in the snapshot; always `"ILS"` (whole shekels).
    pub unit: String,
    /// Raw files the snapshot was built from.
    pub sources: Vec<SourceFile>,
    /// Years present, oldest first.
    pub years: Vec<YearEntry>,
    /// Every file of the snapshot except the manifest itself.
    pub files: Vec<FileEntry>,
}

impl Manifest {
    /// The entry of one year.
    pub fn year(&self, year: u16) -> Option<&YearEntry> {
        self.years.iter().find(|entry| entry.year == year)
    }

    /// The entry of one file, by path relative to the snapshot root.
    pub fn file(&self, path: &str) -> Option<&FileEntry> {
        self.files.iter().find(|entry| entry.path == path)
    }

    /// The newest year that has executed figures, else the newest year.
    pub fn default_year(&self) -> Option<u16> {
        let with_execution = self.years.iter().rev().find(|entry| entry.has_phase(Phase::Executed));
        with_execution.or(self.years.last()).map(|entry| entry.year)
    }

    /// Computes the snapshot id from the file list.
    pub fn compute_id(files: &[FileEntry]) -> String {
        let mut sorted: Vec<&FileEntry> = files.iter().collect();
        sorted.sort_by(|a, b| a.path.cmp(&b.path));
        let listing: String = sorted.iter().map(|file| format!("{} {}\n", file.sha256, file.path)).collect();
        sha256_hex(listing.as_bytes())[..16].to_string()
    }
}

/// One raw file read by the builder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    /// Path relative to the raw-data folder, such as `budget/new2014.csv`.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Lower-case hex sha256 of the file.
    pub sha256: String,
    /// Years this file supplied.
    pub years: Vec<u16>,
}

/// One file of the snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the snapshot root, with `/` separators.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Lower-case hex sha256 of the file.
    pub sha256: String,
}

/// What one year of the snapshot holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearEntry {
    pub year: u16,
    /// True when the year's figures are a budget proposal, not a passed budget.
    pub proposal: bool,
    /// Per phase, the levels that carry figures of that phase.
    pub coverage: Vec<PhaseCoverage>,
    /// Raw files the year was read from, the main one first.
    pub sources: Vec<String>,
    /// Sections that have a shard for this year.
    pub sections: Vec<BudgetCode>,
}

impl YearEntry {
    /// True when some level of the year has figures of `phase`.
    pub fn has_phase(&self, phase: Phase) -> bool {
        self.coverage.iter().any(|coverage| coverage.phase == phase)
    }

    /// The deepest level that has any figure.
    pub fn deepest_level(&self) -> Option<Level> {
        self.coverage.iter().flat_map(|coverage| coverage.levels.iter().copied()).max()
    }
}

/// The levels of one year that carry figures of one phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseCoverage {
    pub phase: Phase,
    pub levels: Vec<Level>,
}

/// Summary of one item: the row of a ranked list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemSummary {
    pub code: BudgetCode,
    /// Name as the source file writes it, trimmed.
    pub name: String,
    pub amounts: Amounts,
}

/// Everything the home view of one year needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearHome {
    pub year: u16,
    /// Total expenses: the expense sections (every section except `00`) plus
    /// [`YearHome::expense_adjustments`]. This is the official total of all expense rows.
    pub expenses: Amounts,
    /// Expense-direction money outside the expense sections: the expense rows that the budget
    /// books record in the revenue section `00` (mostly the negative transfer between parts of
    /// the budget, −23.5 bn ₪ in 2014) and dormant lines. `None` when a year has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expense_adjustments: Option<Amounts>,
    /// Total of section `00`, state revenues; `None` when the year has no revenue figures.
    pub revenues: Option<Amounts>,
    /// Expense sections, largest first.
    pub sections: Vec<ItemSummary>,
    /// The revenue section `00`, when present.
    pub revenue_section: Option<ItemSummary>,
    /// The year's section shards and the history shards of its sections.
    #[serde(default)]
    pub files: Vec<FileEntry>,
}

/// One item of a section shard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub code: BudgetCode,
    pub name: String,
    pub amounts: Amounts,
}

/// Every item of one section in one year: the section itself, its domains, programs and lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionShard {
    pub year: u16,
    pub section: BudgetCode,
    /// Items sorted by code, the section first.
    pub items: Vec<Item>,
    /// The history shards of the section's domains.
    #[serde(default)]
    pub files: Vec<FileEntry>,
}

impl SectionShard {
    /// The item with this code.
    pub fn item(&self, code: &BudgetCode) -> Option<&Item> {
        self.items.binary_search_by(|item| item.code.cmp(code)).ok().map(|index| &self.items[index])
    }

    /// The direct children of `code`, largest first by [`Amounts::latest`].
    pub fn children(&self, code: &BudgetCode) -> Vec<&Item> {
        let mut children: Vec<&Item> =
            self.items.iter().filter(|item| item.code.parent().as_ref() == Some(code)).collect();
        children.sort_by_key(|item| std::cmp::Reverse(item.amounts.latest().unwrap_or(i64::MIN)));
        children
    }
}

/// One year of one code in a history shard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPoint {
    pub year: u16,
    /// Name in that year; names change over time even when the code does not.
    pub name: String,
    pub amounts: Amounts,
}

/// Every year of every code that [`history_code`] maps to one root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryShard {
    /// The section or domain the shard is rooted at.
    pub section: BudgetCode,
    /// Points per code, oldest year first. The same code in two years is not always the same
    /// item, because codes are renumbered between years.
    pub series: BTreeMap<BudgetCode, Vec<HistoryPoint>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, original: i64) -> Item {
        Item {
            code: BudgetCode::parse(code).unwrap(),
            name: format!("item {code}"),
            amounts: Amounts { original: Some(original), ..Amounts::default() },
        }
    }

    #[test]
    fn shard_children_sorted_by_size() {
        let shard = SectionShard {
            year: 2014,
            section: BudgetCode::parse("20").unwrap(),
            items: vec![item("20", 30), item("2001", 10), item("200101", 10), item("2002", 20)],
            files: Vec::new(),
        };
        let section = BudgetCode::parse("20").unwrap();
        let codes: Vec<&str> = shard.children(&section).iter().map(|item| item.code.as_str()).collect();
        assert_eq!(codes, ["2002", "2001"]);
        assert_eq!(shard.item(&BudgetCode::parse("200101").unwrap()).unwrap().amounts.original, Some(10));
    }

    #[test]
    fn snapshot_id_ignores_file_order() {
        let a = FileEntry { path: "a".into(), bytes: 1, sha256: "11".into() };
        let b = FileEntry { path: "b".into(), bytes: 1, sha256: "22".into() };
        let id = Manifest::compute_id(&[a.clone(), b.clone()]);
        assert_eq!(id, Manifest::compute_id(&[b, a]));
        assert_eq!(id.len(), 16);
    }

    #[test]
    fn sha256_hex_known_value() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn history_roots() {
        let root = |text: &str| history_code(&BudgetCode::parse(text).unwrap()).to_string();
        assert_eq!(root("20"), "20");
        assert_eq!(root("2067"), "2067");
        assert_eq!(root("206701"), "2067");
        assert_eq!(root("20670142"), "2067");
    }

    #[test]
    fn paths() {
        let section = BudgetCode::parse("00").unwrap();
        assert_eq!(home_path(2014), "2014/home.json");
        assert_eq!(section_path(2014, &section), "2014/00.json");
        assert_eq!(history_path(&section), "history/00.json");
    }
}
