//! Raw rows from CSV files and workbooks, with their row numbers, so readers see one shape.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};

use crate::error::ReadError;

/// One raw file, read whole: its bytes serve both the parser and the manifest's sha256.
#[derive(Debug)]
pub struct Source {
    /// Full path, for error messages.
    pub path: PathBuf,
    /// Path relative to the raw-data folder with `/` separators, as the manifest lists it.
    pub relative: String,
    pub bytes: Vec<u8>,
}

impl Source {
    /// Reads `relative` below `raw`.
    pub fn read(raw: &Path, relative: &str) -> Result<Source, ReadError> {
        let path = raw.join(relative);
        let bytes = std::fs::read(&path).map_err(|source| ReadError::Io {
            file: path.clone(),
            source,
        })?;
        Ok(Source {
            path,
            relative: relative.to_string(),
            bytes,
        })
    }
}

/// One cell. CSV cells are always text; workbook cells keep their type, because a number cell
/// is read differently from a number written as text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
}

impl Cell {
    /// Returns the cell as trimmed text. Numbers without a fraction print as integers.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.trim().to_string(),
            Cell::Number(value) if value.fract() == 0.0 && value.abs() < 1e15 => format!("{}", *value as i64),
            Cell::Number(value) => value.to_string(),
        }
    }

    /// True for an empty cell or one holding only whitespace (the history files end with a
    /// form feed on a row of its own).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            Cell::Number(_) => false,
        }
    }
}

/// One row with its number as a person would find it in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based line of a CSV file where the record starts, or the workbook row number.
    pub number: u64,
    pub cells: Vec<Cell>,
}

impl Row {
    /// Returns the cell at `index`, or [`Cell::Empty`] past the end of a short row.
    pub fn cell(&self, index: usize) -> &Cell {
        self.cells.get(index).unwrap_or(&Cell::Empty)
    }

    /// True when every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
}

/// Parses a UTF-8 CSV file (`,` delimiter, `"` quote) into rows. Rows may differ in length;
/// readers check the length themselves so they can name the row.
pub fn csv_rows(source: &Source) -> impl Iterator<Item = Result<Row, ReadError>> + '_ {
    let bytes = source
        .bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&source.bytes);
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    reader.into_byte_records().map(move |record| {
        let record = record.map_err(|error| ReadError::Csv {
            file: source.path.clone(),
            row: error.position().map_or(0, |position| position.line()),
            message: error.to_string(),
        })?;
        let number = record.position().map_or(0, |position| position.line());
        let cells = record
            .iter()
            .map(|field| match std::str::from_utf8(field) {
                Ok("") => Ok(Cell::Empty),
                Ok(text) => Ok(Cell::Text(text.to_string())),
                Err(_) => Err(ReadError::InvalidUtf8 {
                    file: source.path.clone(),
                    row: number,
                }),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Row { number, cells })
    })
}

/// Reads the first worksheet of an xlsx workbook into rows. Empty rows are kept so the row
/// numbers stay those of the sheet.
pub fn xlsx_rows(source: &Source) -> Result<Vec<Row>, ReadError> {
    let workbook_error = |message: String| ReadError::Workbook {
        file: source.path.clone(),
        message,
    };
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(source.bytes.as_slice())).map_err(|error| workbook_error(error.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| workbook_error("the workbook has no worksheet".to_string()))?
        .map_err(|error| workbook_error(error.to_string()))?;
    let Some((first_row, first_column)) = range.start() else {
        return Err(ReadError::Empty {
            file: source.path.clone(),
        });
    };
    let leading_empty = vec![Cell::Empty; first_column as usize];
    let rows = range
        .rows()
        .enumerate()
        .map(|(index, cells)| {
            let mut row_cells = leading_empty.clone();
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
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => Cell::Text(text.clone()),
        Data::Bool(value) => Cell::Text(value.to_string()),
        Data::DateTime(value) => Cell::Text(value.to_string()),
        Data::Error(error) => Cell::Text(format!("#{error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(bytes: &[u8]) -> Source {
        Source {
            path: PathBuf::from("test.csv"),
            relative: "test.csv".into(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn csv_rows_numbered_by_line() {
        let file = source(b"a,b\n\"x\ny\",2\nlast\n");
        let rows: Vec<Row> = csv_rows(&file).collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].number, 1);
        assert_eq!(rows[1].number, 2);
        assert_eq!(rows[1].cells[0], Cell::Text("x\ny".into()));
        assert_eq!(rows[2].number, 4);
    }

    #[test]
    fn csv_invalid_utf8_names_row() {
        let file = source(b"a,b\n\xE0\xE1,2\n");
        let error = csv_rows(&file).nth(1).unwrap().unwrap_err();
        assert!(matches!(error, ReadError::InvalidUtf8 { row: 2, .. }), "{error}");
    }

    #[test]
    fn csv_bom_stripped() {
        let file = source(b"\xEF\xBB\xBFname,2\n");
        let row = csv_rows(&file).next().unwrap().unwrap();
        assert_eq!(row.cells[0], Cell::Text("name".into()));
    }

    #[test]
    fn cell_text_and_blank() {
        assert_eq!(Cell::Number(20.0).text(), "20");
        assert_eq!(Cell::Number(1.5).text(), "1.5");
        assert_eq!(Cell::Text(" 33      ".into()).text(), "33");
        assert!(Cell::Text("\u{c}".into()).is_blank());
        assert!(!Cell::Number(0.0).is_blank());
    }
}
