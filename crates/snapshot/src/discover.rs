//! Finding the budget files below the raw-data folder and the layout of each, from its name.

use std::path::Path;

use crate::error::BuildError;

/// Years the snapshot is meant to cover; a year without a file is skipped with a warning.
pub const EXPECTED_YEARS: std::ops::RangeInclusive<u16> = 1992..=2025;

/// Layout of a budget file, which decides its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `budget-history/history<YEAR>.csv`, every level listed.
    History,
    /// The 2009–2010 two-year budget, leaves with codes filled down.
    Planned,
    /// The 2011 booklet export, every level listed.
    Booklet,
    /// `budget/new<YEAR>.csv`: the 2012–2014 book layout or the 2015–2016 open-data layout,
    /// recognised by the header.
    NewCsv,
    /// `budget/*BudgetData*.xlsx`, the MoF open-data workbooks.
    Tableau,
}

/// One budget file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetFile {
    /// Path relative to the raw-data folder, `/`-separated.
    pub relative: String,
    pub layout: Layout,
    /// The year the file name states; for workbooks only a hint, the `שנה` column decides.
    pub name_year: Option<u16>,
}

/// The budget files and the section-summary workbook of a raw-data folder.
#[derive(Debug, Default)]
pub struct Inventory {
    pub files: Vec<BudgetFile>,
    pub summary: Option<String>,
}

/// Name of the 2009–2010 planned-budget file.
pub const PLANNED_FILE: &str = "obudget-2010_planned-state-budget.csv";
/// Name of the 2011 booklet file.
pub const BOOKLET_FILE: &str = "obudget-2011_planned-2011.csv";

/// Lists the budget files below `raw`, history first, then by year.
pub fn discover(raw: &Path) -> Result<Inventory, BuildError> {
    if !raw.is_dir() {
        return Err(BuildError::RawNotFound {
            raw: raw.display().to_string(),
        });
    }
    let mut inventory = Inventory::default();
    for name in file_names(&raw.join("budget-history")) {
        if let Some(year) = year_between(&name, "history", ".csv") {
            inventory.files.push(file(
                format!("budget-history/{name}"),
                Layout::History,
                Some(year),
            ));
        }
    }
    for name in file_names(&raw.join("budget")) {
        let relative = format!("budget/{name}");
        if name == PLANNED_FILE {
            inventory.files.push(file(relative, Layout::Planned, Some(2010)));
        } else if name == BOOKLET_FILE {
            inventory.files.push(file(relative, Layout::Booklet, Some(2011)));
        } else if let Some(year) = year_between(&name, "new", ".csv") {
            inventory.files.push(file(relative, Layout::NewCsv, Some(year)));
        } else if name.contains("BudgetData") && name.ends_with(".xlsx") {
            inventory
                .files
                .push(file(relative, Layout::Tableau, first_year_in(&name)));
        }
    }
    inventory.summary = file_names(&raw.join("budget-summary"))
        .into_iter()
        .filter(|name| name.starts_with("obudget-sections-by-year") && name.ends_with(".xlsx"))
        .map(|name| format!("budget-summary/{name}"))
        .next_back();
    inventory
        .files
        .sort_by_key(|file| (file.name_year, file.relative.clone()));
    Ok(inventory)
}

fn file(relative: String, layout: Layout, name_year: Option<u16>) -> BudgetFile {
    BudgetFile {
        relative,
        layout,
        name_year,
    }
}

/// Sorted names of the files in `folder`; none when the folder is missing.
fn file_names(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// Reads the year in names such as `history1995.csv`.
fn year_between(name: &str, prefix: &str, suffix: &str) -> Option<u16> {
    let digits = name.strip_prefix(prefix)?.strip_suffix(suffix)?;
    if digits.len() == 4 && digits.chars().all(|ch| ch.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

/// Finds the first run of four digits that reads as a plausible year.
fn first_year_in(name: &str) -> Option<u16> {
    name.as_bytes().windows(4).find_map(|window| {
        if !window.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let year = window
            .iter()
            .fold(0u16, |year, digit| year * 10 + u16::from(digit - b'0'));
        (1990..=2100).contains(&year).then_some(year)
    })
}

/// Returns where the file of `year` is expected, for the warning about a missing year.
pub fn expected_file(year: u16) -> String {
    match year {
        ..=2009 => format!("budget-history/history{year}.csv"),
        2010 => format!("budget/{PLANNED_FILE}"),
        2011 => format!("budget/{BOOKLET_FILE}"),
        2012..=2016 => format!("budget/new{year}.csv"),
        _ => format!("budget/tableau_BudgetData{year}.xlsx"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_from_names() {
        assert_eq!(year_between("history1995.csv", "history", ".csv"), Some(1995));
        assert_eq!(year_between("history1995.xls", "history", ".csv"), None);
        assert_eq!(first_year_in("tableau_tableau_BudgetData2021.xlsx"), Some(2021));
        assert_eq!(first_year_in("tableau_BudgetData-2025.xlsx"), Some(2025));
        assert_eq!(first_year_in("BudgetData.xlsx"), None);
    }

    #[test]
    fn discover_lists_layouts() {
        let raw = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(raw.path().join("budget-history")).unwrap();
        std::fs::create_dir_all(raw.path().join("budget")).unwrap();
        for path in [
            "budget-history/history2005.csv",
            "budget-history/history2009.xls",
            "budget/new2014.csv",
            "budget/tableau_BudgetData2017.xlsx",
            "budget/notes.txt",
        ] {
            std::fs::write(raw.path().join(path), "").unwrap();
        }
        let inventory = discover(raw.path()).unwrap();
        let layouts: Vec<(&str, Layout)> = inventory
            .files
            .iter()
            .map(|file| (file.relative.as_str(), file.layout))
            .collect();
        assert_eq!(
            layouts,
            [
                ("budget-history/history2005.csv", Layout::History),
                ("budget/new2014.csv", Layout::NewCsv),
                ("budget/tableau_BudgetData2017.xlsx", Layout::Tableau)
            ]
        );
        assert_eq!(inventory.summary, None);
    }

    #[test]
    fn discover_missing_folder() {
        let error = discover(Path::new("/nonexistent/raw")).unwrap_err();
        assert!(error.to_string().contains("BUDGET_RAW"), "{error}");
    }
}
