//! Header matching by name, and typed access to the cells of one row with errors that name the
//! file, row and column.

use std::collections::HashMap;
use std::path::Path;

use budget_model::amount::{parse_thousands, thousands_from_f64, AmountError};
use budget_model::{BudgetCode, Level};

use crate::error::ReadError;
use crate::input::{Cell, Row};

/// Whether a reader needs a column of its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    /// Known to the layout but not read; listed so that it is not an unknown header.
    Unused,
}

/// One column of a layout: a key for the reader and the header names it goes by across years.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub key: &'static str,
    pub headers: &'static [&'static str],
    pub need: Need,
}

impl ColumnSpec {
    /// A column the reader cannot do without.
    pub const fn required(key: &'static str, headers: &'static [&'static str]) -> ColumnSpec {
        ColumnSpec { key, headers, need: Need::Required }
    }

    /// A column the reader uses when a file has it.
    pub const fn optional(key: &'static str, headers: &'static [&'static str]) -> ColumnSpec {
        ColumnSpec { key, headers, need: Need::Optional }
    }

    /// A column of the layout that the reader skips.
    pub const fn unused(key: &'static str, headers: &'static [&'static str]) -> ColumnSpec {
        ColumnSpec { key, headers, need: Need::Unused }
    }
}

/// The columns of one file, matched from its header row.
#[derive(Debug)]
pub struct Columns {
    index: HashMap<&'static str, usize>,
    /// Header text per column, for error messages.
    pub names: Vec<String>,
}

impl Columns {
    /// Matches `header` against `specs`: every header must be known and every required column
    /// present. Header text is trimmed before matching.
    pub fn match_header(file: &Path, header: &Row, specs: &[ColumnSpec]) -> Result<Columns, ReadError> {
        let names: Vec<String> = header.cells.iter().map(Cell::text).collect();
        let mut index = HashMap::new();
        for (column, name) in names.iter().enumerate() {
            if name.is_empty() && header.cells[column..].iter().all(Cell::is_blank) {
                break;
            }
            let Some(spec) = specs.iter().find(|spec| spec.headers.contains(&name.as_str())) else {
                return Err(ReadError::UnknownHeader {
                    file: file.to_path_buf(),
                    row: header.number,
                    column: column + 1,
                    header: name.clone(),
                    known: known_headers(specs),
                });
            };
            index.entry(spec.key).or_insert(column);
        }
        for spec in specs.iter().filter(|spec| spec.need == Need::Required) {
            if !index.contains_key(spec.key) {
                return Err(ReadError::MissingHeader {
                    file: file.to_path_buf(),
                    row: header.number,
                    header: spec.headers.join(" or "),
                });
            }
        }
        Ok(Columns { index, names })
    }

    /// Columns of a file without a header row, named for messages.
    pub fn fixed(names: &[&str]) -> Columns {
        let index = HashMap::new();
        Columns {
            index,
            names: names.iter().map(|name| name.to_string()).collect(),
        }
    }

    /// Index of a matched column.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// Index of a required column; matching already checked it is present.
    pub fn required(&self, key: &str) -> usize {
        self.get(key)
            .unwrap_or_else(|| panic!("column {key} is required by its layout"))
    }

    /// Cell access for one row of this file.
    pub fn fields<'a>(&'a self, file: &'a Path, row: &'a Row) -> Fields<'a> {
        Fields {
            file,
            row,
            names: &self.names,
        }
    }
}

/// Returns the reason of an amount error, without the value that the message already shows.
fn amount_reason(error: &AmountError) -> &'static str {
    match error {
        AmountError::NotANumber(_) => "expected thousands of shekels such as 1,234 or -56.5",
        AmountError::TooPrecise(_) => "more than three decimals, finer than one shekel",
        AmountError::Overflow(_) => "too large",
    }
}

fn known_headers(specs: &[ColumnSpec]) -> String {
    let all: Vec<String> = specs
        .iter()
        .flat_map(|spec| spec.headers.iter().map(|name| format!("{name:?}")))
        .collect();
    all.join(", ")
}

/// The cells of one row, read with the file, row and column named in every error.
pub struct Fields<'a> {
    file: &'a Path,
    row: &'a Row,
    names: &'a [String],
}

impl Fields<'_> {
    /// Trimmed text of a cell, empty past the end of the row.
    pub fn text(&self, column: usize) -> String {
        self.row.cell(column).text()
    }

    /// Reads a money cell in thousands of shekels as whole shekels, `None` for a blank cell.
    pub fn thousands(&self, column: usize) -> Result<Option<i64>, ReadError> {
        let result = match self.row.cell(column) {
            Cell::Empty => return Ok(None),
            Cell::Number(value) => thousands_from_f64(*value).map(Some),
            Cell::Text(text) => parse_thousands(text),
        };
        result.map_err(|error| self.bad_number(column, amount_reason(&error).to_string()))
    }

    /// Reads a plain number cell, such as a year or a flag.
    pub fn number(&self, column: usize) -> Result<Option<f64>, ReadError> {
        match self.row.cell(column) {
            Cell::Empty => Ok(None),
            Cell::Number(value) => Ok(Some(*value)),
            Cell::Text(text) if text.trim().is_empty() => Ok(None),
            Cell::Text(text) => text
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| self.bad_number(column, "expected a plain number".into())),
        }
    }

    /// Reads a code cell of one level in any written form: plain, dashed, space-padded, or a number
    /// cell that lost its leading zeros. `None` for a blank cell.
    pub fn code(&self, column: usize, level: Level) -> Result<Option<BudgetCode>, ReadError> {
        let cell = self.row.cell(column);
        if cell.is_blank() {
            return Ok(None);
        }
        let text = cell.text();
        let parsed = match cell {
            Cell::Number(_) => BudgetCode::parse_unpadded(&text, level),
            _ => BudgetCode::parse(&text),
        };
        let code = parsed.map_err(|error| self.bad_code(column, &text, error.to_string()))?;
        if code.level() != level {
            let reason = format!("expected a {}-digit {level:?} code", level.width()).to_lowercase();
            return Err(self.bad_code(column, &text, reason));
        }
        Ok(Some(code))
    }

    /// Reads a code cell whose leading zeros were dropped, left-padded to `level`.
    pub fn unpadded_code(&self, column: usize, level: Level) -> Result<Option<BudgetCode>, ReadError> {
        let text = self.text(column);
        if text.is_empty() {
            return Ok(None);
        }
        BudgetCode::parse_unpadded(&text, level)
            .map(Some)
            .map_err(|error| self.bad_code(column, &text, error.to_string()))
    }

    /// Name of a column, for messages.
    pub fn column_name(&self, column: usize) -> String {
        self.names
            .get(column)
            .cloned()
            .unwrap_or_else(|| format!("column {}", column + 1))
    }

    pub fn bad_number(&self, column: usize, reason: String) -> ReadError {
        ReadError::BadNumber {
            file: self.file.to_path_buf(),
            row: self.row.number,
            column: self.column_name(column),
            value: self.row.cell(column).text(),
            reason,
        }
    }

    pub fn bad_code(&self, column: usize, value: &str, reason: String) -> ReadError {
        ReadError::BadCode {
            file: self.file.to_path_buf(),
            row: self.row.number,
            column: self.column_name(column),
            value: value.to_string(),
            reason,
        }
    }

    pub fn bad_value(&self, column: usize, expected: &str) -> ReadError {
        ReadError::BadValue {
            file: self.file.to_path_buf(),
            row: self.row.number,
            column: self.column_name(column),
            value: self.text(column),
            expected: expected.to_string(),
        }
    }

    /// Fails unless the row has at least `expected` cells.
    pub fn require_width(&self, expected: usize) -> Result<(), ReadError> {
        if self.row.cells.len() < expected {
            return Err(ReadError::ShortRow {
                file: self.file.to_path_buf(),
                row: self.row.number,
                found: self.row.cells.len(),
                expected,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[ColumnSpec] = &[
        ColumnSpec::required("year", &["שנה"]),
        ColumnSpec::required("net", &["מקורי - נטו", "תקציב מקורי - הוצאות נטו"]),
        ColumnSpec::unused("kind", &["סוג"]),
    ];

    fn header(names: &[&str]) -> Row {
        Row {
            number: 1,
            cells: names.iter().map(|name| Cell::Text(name.to_string())).collect(),
        }
    }

    #[test]
    fn header_matches_aliases() {
        let columns = Columns::match_header(
            Path::new("f"),
            &header(&["סוג", "שנה ", "תקציב מקורי - הוצאות נטו"]),
            SPECS,
        )
        .unwrap();
        assert_eq!(columns.get("year"), Some(1));
        assert_eq!(columns.get("net"), Some(2));
    }

    #[test]
    fn header_unknown_rejected() {
        let error = Columns::match_header(Path::new("f"), &header(&["שנה", "מקורי - נטו", "אחר"]), SPECS)
            .unwrap_err();
        assert!(
            matches!(error, ReadError::UnknownHeader { column: 3, .. }),
            "{error}"
        );
    }

    #[test]
    fn header_missing_rejected() {
        let error = Columns::match_header(Path::new("f"), &header(&["שנה"]), SPECS).unwrap_err();
        assert!(error.to_string().contains("מקורי - נטו"), "{error}");
    }

    #[test]
    fn fields_code_forms() {
        let row = Row {
            number: 7,
            cells: vec![
                Cell::Text("20-67".into()),
                Cell::Number(1.0),
                Cell::Text("2067014".into()),
            ],
        };
        let columns = Columns::fixed(&["a", "b", "c"]);
        let fields = columns.fields(Path::new("f"), &row);
        assert_eq!(fields.code(0, Level::Domain).unwrap().unwrap().as_str(), "2067");
        assert_eq!(fields.code(1, Level::Section).unwrap().unwrap().as_str(), "01");
        let error = fields.code(2, Level::Line).unwrap_err();
        assert!(error.to_string().contains("row 7, column \"c\""), "{error}");
        assert!(fields.code(0, Level::Section).is_err());
    }

    #[test]
    fn fields_thousands() {
        let row = Row {
            number: 3,
            cells: vec![
                Cell::Text("1,234.5".into()),
                Cell::Number(2.25),
                Cell::Text("x".into()),
            ],
        };
        let columns = Columns::fixed(&["a", "b", "c"]);
        let fields = columns.fields(Path::new("f"), &row);
        assert_eq!(fields.thousands(0).unwrap(), Some(1_234_500));
        assert_eq!(fields.thousands(1).unwrap(), Some(2_250));
        assert_eq!(fields.thousands(9).unwrap(), None);
        assert!(matches!(
            fields.thousands(2),
            Err(ReadError::BadNumber { row: 3, .. })
        ));
    }
}
