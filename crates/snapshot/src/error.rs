//! Typed errors of the readers and checks. Each names the file, the row and the column at fault
//! and what to do, because the reader of the message is fixing a data file, not the code.

use std::path::PathBuf;

use thiserror::Error;

/// Malformed input: the build stops at the first one.
///
/// `row` is the 1-based line of a CSV file (header lines included) or the row number that a
/// spreadsheet program shows for a workbook.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("cannot read {}: {source}", file.display())]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{}, row {row}: the file is not valid UTF-8; the file must be UTF-8 \
         (official files are often windows-1255: convert it, for example with \
         `iconv -f windows-1255 -t utf-8`)",
        file.display()
    )]
    InvalidUtf8 { file: PathBuf, row: u64 },
    #[error("{}, row {row}: invalid CSV: {message}; fix the quoting of that row", file.display())]
    Csv {
        file: PathBuf,
        row: u64,
        message: String,
    },
    #[error("cannot open workbook {}: {message}; the file must be an .xlsx workbook", file.display())]
    Workbook { file: PathBuf, message: String },
    #[error(
        "{}, row {row}: the row has {found} columns, expected {expected}; \
         complete the row or delete it",
        file.display()
    )]
    ShortRow {
        file: PathBuf,
        row: u64,
        found: usize,
        expected: usize,
    },
    #[error(
        "{}, row {row}, column {column:?}: invalid number {value:?} ({reason}); \
         correct the cell",
        file.display()
    )]
    BadNumber {
        file: PathBuf,
        row: u64,
        column: String,
        value: String,
        reason: String,
    },
    #[error(
        "{}, row {row}, column {column:?}: invalid budget code {value:?} ({reason}); \
         correct the cell",
        file.display()
    )]
    BadCode {
        file: PathBuf,
        row: u64,
        column: String,
        value: String,
        reason: String,
    },
    #[error(
        "{}, row {row}, column {column:?}: unexpected value {value:?}; expected {expected}",
        file.display()
    )]
    BadValue {
        file: PathBuf,
        row: u64,
        column: String,
        value: String,
        expected: String,
    },
    #[error(
        "{}, row {row}: unknown column header {header:?} in column {column}; \
         this reader knows {known}. Rename the header or update the reader for the new layout",
        file.display()
    )]
    UnknownHeader {
        file: PathBuf,
        row: u64,
        column: usize,
        header: String,
        known: String,
    },
    #[error(
        "{}, row {row}: required column {header:?} is missing from the header; \
         add it or check that this is the right file",
        file.display()
    )]
    MissingHeader { file: PathBuf, row: u64, header: String },
    #[error(
        "{}, row {row}: code {code} is listed twice (first on row {first_row}); \
         a file that lists every level must list each code once",
        file.display()
    )]
    DuplicateCode {
        file: PathBuf,
        row: u64,
        code: String,
        first_row: u64,
    },
    #[error("{}: the workbook has no data rows; check that this is the right file", file.display())]
    Empty { file: PathBuf },
}

/// A problem across files or with the totals: the build stops.
#[derive(Debug, Error)]
pub enum BuildError {
    #[error(
        "no budget files found in {raw}: expected budget-history/history<YEAR>.csv, \
         budget/new<YEAR>.csv or budget/tableau_BudgetData<YEAR>.xlsx below it; \
         pass --raw DIR or set BUDGET_RAW to the raw-data folder"
    )]
    NoBudgetFiles { raw: String },
    #[error(
        "raw-data folder {raw} not found; pass --raw DIR or set BUDGET_RAW to the folder \
         that holds budget/ and budget-history/"
    )]
    RawNotFound { raw: String },
    #[error("year {year} is supplied by both {first} and {second}; remove one of the two files")]
    YearTwice {
        year: u16,
        first: String,
        second: String,
    },
    #[error(
        "sanity check failed for {year}: the expense total does not match the data README\n{details}\n\
         A reader is dropping or double-counting rows; compare the per-file summary above \
         with the raw file"
    )]
    SanityTotals { year: u16, details: String },
    #[error(
        "procurement sanity check failed: a total differs from the data README\n{details}\n\
         A reader is dropping or double-counting rows; compare the per-file summary above \
         with the raw file"
    )]
    ProcurementTotals { details: String },
    #[error(
        "{out} exists and does not look like a snapshot (no manifest.json); \
         choose an empty or new folder for --out"
    )]
    OutNotSnapshot { out: String },
}
