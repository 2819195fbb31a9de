//! Header matching for the procurement files, whose many layouts name one field in several
//! ways, and the rows of their workbooks (xlsx and the older xls).

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{open_workbook_auto_from_rs, Data, Reader};

use crate::columns::{Columns, Fields};
use crate::error::ReadError;
use crate::input::{Cell, Row, Source};

use super::values::{excel_date, parse_date_text, parse_shekels, shekels_from_f64, DATE_FORMS};

/// One field of a record and every header that names it in some layout, matched after trimming.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub headers: &'static [&'static str],
}

impl Field {
    /// The field `key`, under any of `headers`.
    pub const fn new(key: &'static str, headers: &'static [&'static str]) -> Field {
        Field { key, headers }
    }
}

/// Key of the order-purpose field, which one layout leaves without a header.
pub const PURPOSE: &str = "purpose";
/// Key of the purchase-order field, which the headerless purpose column follows.
pub const ORDER_ID: &str = "order_id";

/// The columns of one file, matched from its header row.
#[derive(Debug)]
pub struct Table {
    index: HashMap<&'static str, Vec<usize>>,
    columns: Columns,
    /// Number of named columns; unnamed columns after the last name are not read.
    pub width: usize,
}

impl Table {
    /// Matches `header` against `fields`. Every header must name a field, except:
    /// empty headers after the last named column (unnamed trailing columns, as in the 2016
    /// welfare report), and one empty header right after the purchase-order column when no
    /// other column is the purpose, which is the purpose (the 2017 transport report).
    pub fn match_header(file: &Path, header: &Row, fields: &[Field]) -> Result<Table, ReadError> {
        let names: Vec<String> = header.cells.iter().map(Cell::text).collect();
        let width = names
            .iter()
            .rposition(|name| !name.is_empty())
            .map_or(0, |last| last + 1);
        let has_purpose_header = names.iter().any(|name| {
            fields
                .iter()
                .any(|field| field.key == PURPOSE && field.headers.contains(&name.as_str()))
        });
        let mut index: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (column, name) in names.iter().enumerate().take(width) {
            let field = if name.is_empty() {
                let follows_order = column > 0
                    && index
                        .get(ORDER_ID)
                        .is_some_and(|columns| columns.contains(&(column - 1)));
                (follows_order && !has_purpose_header).then_some(PURPOSE)
            } else {
                fields
                    .iter()
                    .find(|field| field.headers.contains(&name.as_str()))
                    .map(|field| field.key)
            };
            let Some(key) = field else {
                return Err(ReadError::UnknownHeader {
                    file: file.to_path_buf(),
                    row: header.number,
                    column: column + 1,
                    header: name.clone(),
                    known: known_headers(fields),
                });
            };
            index.entry(key).or_default().push(column);
        }
        let mut display_names: Vec<&str> = names.iter().map(String::as_str).collect();
        if let Some(purpose) = index.get(PURPOSE).and_then(|columns| columns.first()) {
            if display_names[*purpose].is_empty() {
                display_names[*purpose] = "(purpose, unnamed)";
            }
        }
        Ok(Table {
            index,
            columns: Columns::fixed(&display_names),
            width,
        })
    }

    /// Fails unless every key in `required` has a column.
    pub fn require(&self, file: &Path, header_row: u64, fields: &[Field], required: &[&str]) -> Result<(), ReadError> {
        for key in required {
            if !self.index.contains_key(key) {
                let headers = fields
                    .iter()
                    .find(|field| field.key == *key)
                    .map_or(&[][..], |field| field.headers);
                return Err(ReadError::MissingHeader {
                    file: file.to_path_buf(),
                    row: header_row,
                    header: headers.join(" or "),
                });
            }
        }
        Ok(())
    }

    /// Returns the first column of a field.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.index.get(key).and_then(|columns| columns.first().copied())
    }

    /// Returns every column of a field, for layouts that repeat a header.
    pub fn all(&self, key: &str) -> &[usize] {
        self.index.get(key).map_or(&[], Vec::as_slice)
    }

    /// Cell access for one row.
    pub fn fields<'a>(&'a self, file: &'a Path, row: &'a Row) -> Fields<'a> {
        self.columns.fields(file, row)
    }
}

fn known_headers(fields: &[Field]) -> String {
    let all: Vec<String> = fields
        .iter()
        .flat_map(|field| field.headers.iter().map(|name| format!("{name:?}")))
        .collect();
    all.join(", ")
}

/// Trimmed text of an optional column; `None` when the column is absent or the cell blank.
pub fn text(fields: &Fields, column: Option<usize>) -> Option<String> {
    let value = fields.text(column?);
    (!value.is_empty()).then_some(value)
}

/// Reads a shekel amount from an optional column.
pub fn shekels(fields: &Fields, row: &Row, column: Option<usize>) -> Result<Option<i64>, ReadError> {
    let Some(column) = column else { return Ok(None) };
    let result = match row.cell(column) {
        Cell::Empty => Ok(None),
        Cell::Number(value) => shekels_from_f64(*value).map(Some),
        Cell::Text(text) => parse_shekels(text),
    };
    result.map_err(|reason| fields.bad_number(column, reason.to_string()))
}

/// Reads a date from an optional column as `YYYY-MM-DD`.
pub fn date(fields: &Fields, row: &Row, column: Option<usize>) -> Result<Option<String>, ReadError> {
    let Some(column) = column else { return Ok(None) };
    let result = match row.cell(column) {
        Cell::Empty => Ok(None),
        Cell::Number(value) => excel_date(*value).map(Some),
        Cell::Text(text) => parse_date_text(text),
    };
    result.map_err(|_| fields.bad_value(column, DATE_FORMS))
}

/// Reads the first worksheet of an xlsx or xls workbook into rows, numbered as a spreadsheet
/// program shows them. Date cells become their Excel serial number. Other sheets must be empty
/// (the welfare report carries two empty ones), so no data is left unread.
pub fn workbook_rows(source: &Source) -> Result<Vec<Row>, ReadError> {
    let workbook_error = |message: String| ReadError::Workbook {
        file: source.path.clone(),
        message,
    };
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(source.bytes.as_slice()))
        .map_err(|error| workbook_error(error.to_string()))?;
    let sheet_names = workbook.sheet_names().to_vec();
    let mut sheets = Vec::new();
    for name in &sheet_names {
        let range = workbook
            .worksheet_range(name)
            .map_err(|error| workbook_error(error.to_string()))?;
        sheets.push((name.clone(), range));
    }
    let Some((_, first)) = sheets.first() else {
        return Err(workbook_error("the workbook has no worksheet".to_string()));
    };
    for (name, range) in sheets.iter().skip(1) {
        if range.used_cells().any(|(_, _, data)| !matches!(data, Data::Empty)) {
            return Err(workbook_error(format!(
                "sheet {name:?} also has data, but only the first sheet is read; move its rows to the first sheet or delete it"
            )));
        }
    }
    let Some((first_row, first_column)) = first.start() else {
        return Err(ReadError::Empty {
            file: source.path.clone(),
        });
    };
    let rows = first
        .rows()
        .enumerate()
        .map(|(index, cells)| {
            let mut row_cells = vec![Cell::Empty; first_column as usize];
            row_cells.extend(cells.iter().map(cell_from_data));
            Row {
                number: u64::from(first_row) + index as u64 + 1,
                cells: row_cells,
            }
        })
        .collect();
    Ok(rows)
}

fn cell_from_data(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(value) => Cell::Number(*value as f64),
        Data::Float(value) => Cell::Number(*value),
        Data::DateTime(value) => Cell::Number(value.as_f64()),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => Cell::Text(text.clone()),
        Data::Bool(value) => Cell::Text(value.to_string()),
        Data::Error(error) => Cell::Text(format!("#{error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[Field] = &[
        Field::new(ORDER_ID, &["הזמנת רכש"]),
        Field::new(PURPOSE, &["מטרת התקשרות"]),
        Field::new("executed", &["ביצוע"]),
    ];

    fn row(names: &[&str]) -> Row {
        Row {
            number: 1,
            cells: names
                .iter()
                .map(|name| {
                    if name.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(name.to_string())
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn unnamed_purpose_after_order() {
        let table = Table::match_header(Path::new("f"), &row(&["הזמנת רכש", "", "ביצוע"]), FIELDS).unwrap();
        assert_eq!(table.get(PURPOSE), Some(1));
        assert_eq!(table.width, 3);
    }

    #[test]
    fn unnamed_column_elsewhere_rejected() {
        let error = Table::match_header(Path::new("f"), &row(&["ביצוע", "", "הזמנת רכש"]), FIELDS).unwrap_err();
        assert!(matches!(error, ReadError::UnknownHeader { column: 2, .. }), "{error}");
        let named = Table::match_header(Path::new("f"), &row(&["הזמנת רכש", "", "מטרת התקשרות"]), FIELDS);
        assert!(named.is_err());
    }

    #[test]
    fn trailing_unnamed_and_repeated() {
        let table = Table::match_header(Path::new("f"), &row(&[" ביצוע ", "ביצוע", "", " "]), FIELDS).unwrap();
        assert_eq!(table.all("executed"), [0, 1]);
        assert_eq!(table.width, 2);
    }
}
