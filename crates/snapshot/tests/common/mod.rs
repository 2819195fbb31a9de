//! Fixtures for the integration tests: a raw-data folder of small hand-written files in a temp
//! directory, and a runner for the real binary.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

use rust_xlsxwriter::Workbook;
use serde_json::Value;
use tempfile::TempDir;

/// One workbook cell of a fixture.
pub enum XlsxCell {
    Text(String),
    Number(f64),
    Empty,
}

/// A raw-data folder and an output folder inside one temp directory.
pub struct Fixture {
    pub root: TempDir,
}

/// Outcome of one run of the binary.
pub struct Run {
    pub success: bool,
    pub stderr: String,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture {
            root: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn raw(&self) -> PathBuf {
        self.root.path().join("raw")
    }

    pub fn out(&self) -> PathBuf {
        self.root.path().join("snap/data")
    }

    pub fn report(&self) -> PathBuf {
        self.root.path().join("snap/snapshot-report.txt")
    }

    /// Writes `bytes` to `relative` below the raw folder.
    pub fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) {
        let path = self.raw().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Writes a one-sheet workbook below the raw folder.
    pub fn write_xlsx(&self, relative: &str, rows: &[Vec<XlsxCell>]) {
        let path = self.raw().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        for (row_index, row) in rows.iter().enumerate() {
            for (column_index, cell) in row.iter().enumerate() {
                let (row, column) = (row_index as u32, column_index as u16);
                match cell {
                    XlsxCell::Text(text) => {
                        sheet.write_string(row, column, text).unwrap();
                    }
                    XlsxCell::Number(value) => {
                        sheet.write_number(row, column, *value).unwrap();
                    }
                    XlsxCell::Empty => {}
                }
            }
        }
        workbook.save(path).unwrap();
    }

    /// Runs `budget-snapshot build` on the fixture folders.
    pub fn build(&self) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_budget-snapshot"))
            .args(["build", "--raw"])
            .arg(self.raw())
            .arg("--out")
            .arg(self.out())
            .env_remove("BUDGET_RAW")
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .expect("the binary runs");
        Run {
            success: output.status.success(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Parses a snapshot file.
    pub fn json(&self, relative: &str) -> Value {
        let path = self.out().join(relative);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        serde_json::from_str(&text).unwrap()
    }
}

/// Finds the item with `code` in a section shard.
pub fn shard_item<'a>(shard: &'a Value, code: &str) -> &'a Value {
    shard["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["code"] == code)
        .unwrap_or_else(|| panic!("no item {code}"))
}

/// Formats a history-file row: code and name, original, revised, executed (k₪), then the derived
/// columns and six blank ones as in the official export.
pub fn history_row(code: &str, name: &str, original: &str, revised: &str, executed: &str) -> String {
    let blanks = ["\" \""; 6].join(",");
    format!("\"{code} - {name}\",\"{original}\",\"{revised}\",\"{executed}\",\"\",\"\",\"\",\"\",{blanks}\n")
}

/// Header of a 2014-style book file (a subset of the official columns, matched by name).
pub const BOOK_HEADER: &str =
    "שנה,קוד סעיף,שם סעיף,קוד תחום,שם תחום,קוד תוכנית,שם תוכנית,קוד תקנה,שם תקנה מלא,\
\"תקנה פעילה / פש\"\"ח\",סוג הוצאה,מקורי - נטו,תקציב מאושר - הוצאות נטו,ביצוע - מזומן\n";

/// Headers of the open-data workbooks used by the fixtures.
pub const TABLEAU_HEADER: [&str; 13] = [
    "שנה",
    "קוד סעיף",
    "שם סעיף",
    "קוד תחום",
    "שם תחום",
    "קוד תכנית",
    "שם תכנית",
    "קוד תקנה",
    "שם תקנה",
    "הוצאה/הכנסה",
    "פשח",
    "סוג תקציב",
    "הוצאה נטו",
];

/// Makes a text cell.
pub fn text(value: &str) -> XlsxCell {
    XlsxCell::Text(value.to_string())
}

/// Builds one data row of a tableau fixture. Codes are space-padded to 8 as in the official files.
pub fn tableau_row(
    year: f64,
    line: &str,
    direction: &str,
    dormant: f64,
    phase: &str,
    net: f64,
) -> Vec<XlsxCell> {
    let padded = |digits: usize| format!("{:<8}", &line[..digits]);
    vec![
        XlsxCell::Number(year),
        XlsxCell::Text(padded(2)),
        text("משרד"),
        XlsxCell::Text(padded(4)),
        text("תחום"),
        XlsxCell::Text(padded(6)),
        text("תכנית"),
        text(line),
        text("תקנה "),
        text(direction),
        XlsxCell::Number(dormant),
        text(phase),
        XlsxCell::Number(net),
    ]
}
