//! The MoF open-data layout: `budget/tableau_BudgetData*.xlsx` (2017–2025) and its program-level
//! CSV form `budget/new2015.csv`, `new2016.csv`.
//!
//! One row per line (or program) × economic class × direction × phase, the phase in `סוג תקציב`.
//! Columns are matched by header name. Codes are text space-padded to 8 characters. Rows of one
//! item are summed into it. A file without line codes (2015, 2016, the 2025 proposal) has the
//! programs as leaves.

use budget_model::{Amounts, Level, Phase};

use crate::columns::{ColumnSpec, Columns, Fields};
use crate::error::ReadError;
use crate::input::{csv_rows, xlsx_rows, Cell, Row, Source};
use crate::progress::FileProgress;
use crate::readers::{check_chain, route_row, Direction, FileRead, LeafTree, YearTree};
use crate::tally::{reason, Tally};

/// Note for rows whose net amount cell is blank (a few approved rows a year).
pub const BLANK_NET: &str = "blank net amount, no figure for that phase";

const SPECS: &[ColumnSpec] = &[
    ColumnSpec::required("year", &["שנה"]),
    ColumnSpec::required("section", &["קוד סעיף"]),
    ColumnSpec::required("section_name", &["שם סעיף"]),
    ColumnSpec::required("domain", &["קוד תחום"]),
    ColumnSpec::required("domain_name", &["שם תחום"]),
    ColumnSpec::required("program", &["קוד תכנית"]),
    ColumnSpec::required("program_name", &["שם תכנית"]),
    ColumnSpec::optional("line", &["קוד תקנה"]),
    ColumnSpec::optional("line_name", &["שם תקנה"]),
    ColumnSpec::required("direction", &["הוצאה/הכנסה"]),
    ColumnSpec::optional("dormant", &["פשח"]),
    ColumnSpec::required("phase", &["סוג תקציב"]),
    ColumnSpec::required("net", &["הוצאה נטו"]),
    ColumnSpec::unused("unused", &[
        "קוד רמה 1",
        "שם רמה 1",
        "קוד ושם רמה 1",
        "קוד רמה 2",
        "שם רמה 2",
        "קוד ושם רמה 2",
        "קוד סוג סעיף",
        "שם סוג סעיף",
        "קוד ושם סעיף",
        "קוד ושם תחום",
        "קוד ושם תכנית",
        "קוד ושם תקנה",
        "קוד מיון רמה 1",
        "שם מיון רמה 1",
        "קוד ושם מיון רמה 1",
        "קוד מיון רמה 2",
        "שם מיון רמה 2",
        "קוד ושם מיון רמה 2",
        "הוצאה מותנית בהכנסה",
        "הכנסה מיועדת",
        "הרשאה להתחייב",
        "שיא כח אדם",
        "עבצ",
        "כמות",
        "יתרת התחיבויות",
        "תקציב קורונה",
    ]),
];

/// Reads a `new2015.csv`-style file; every row's `שנה` must equal `year` from the file name.
pub fn read_csv(source: &Source, year: u16, progress: &FileProgress) -> Result<FileRead, ReadError> {
    read_rows(source, csv_rows(source), Some(year), progress)
}

/// Reads a `tableau_BudgetData*.xlsx` workbook; the year comes from its `שנה` column.
pub fn read_xlsx(source: &Source, progress: &FileProgress) -> Result<FileRead, ReadError> {
    let rows = xlsx_rows(source)?;
    progress.set_rows(rows.len() as u64);
    read_rows(source, rows.into_iter().map(Ok), None, progress)
}

fn read_rows(
    source: &Source,
    mut rows: impl Iterator<Item = Result<Row, ReadError>>,
    file_year: Option<u16>,
    progress: &FileProgress,
) -> Result<FileRead, ReadError> {
    let header = rows.next().transpose()?.ok_or_else(|| ReadError::Empty {
        file: source.path.clone(),
    })?;
    let columns = Columns::match_header(&source.path, &header, SPECS)?;
    let mut reading = Reading {
        file_year,
        year: file_year,
        tally: Tally::new(&source.relative),
        leaves: LeafTree::default(),
        outside: Amounts::default(),
        has_lines: false,
        phases_seen: Vec::new(),
    };
    for row in rows {
        let row = row?;
        progress.row(row.number);
        reading.tally.read();
        if row.is_blank() {
            reading.tally.skip(reason::BLANK_ROW, &Amounts::default());
            continue;
        }
        reading.add_row(&columns, &columns.fields(&source.path, &row))?;
    }
    let Some(year) = reading.year else {
        return Err(ReadError::Empty {
            file: source.path.clone(),
        });
    };

    // NOTE: "proposal" is inferred from the shape the MoF gives proposals: program level and
    // original figures only. That marks 2015 and 2016 as well as 2025, as the data README does.
    let proposal = !reading.has_lines && reading.phases_seen == [Phase::Original];
    let year_tree = YearTree {
        year,
        tree: reading.leaves.tree,
        proposal,
        expense_outside_sections: reading.outside,
        ..YearTree::default()
    };
    Ok(FileRead {
        tally: reading.tally,
        years: vec![year_tree],
    })
}

/// State of reading one file of this layout.
struct Reading {
    /// The year stated by the file name, if the file has one.
    file_year: Option<u16>,
    /// The year every row must carry: from the file name, else from the first data row.
    year: Option<u16>,
    tally: Tally,
    leaves: LeafTree,
    outside: Amounts,
    has_lines: bool,
    phases_seen: Vec<Phase>,
}

impl Reading {
    /// Checks one data row and adds it to the tree, or counts it as skipped.
    fn add_row(&mut self, columns: &Columns, fields: &Fields) -> Result<(), ReadError> {
        let year_column = columns.required("year");
        let row_year = read_year(fields, year_column)?;
        match self.year {
            None => self.year = Some(row_year),
            Some(expected) if expected != row_year => {
                let origin = match self.file_year {
                    Some(_) => "the year in the file name",
                    None => "the year of the first data row",
                };
                return Err(fields.bad_value(year_column, &format!("{expected}, {origin}")));
            }
            Some(_) => {}
        }

        let chain = read_chain(columns, fields)?;
        self.has_lines |= chain.len() == 4;
        let phase = read_phase(fields, columns.required("phase"))?;
        if !self.phases_seen.contains(&phase) {
            self.phases_seen.push(phase);
        }
        let dormant = match columns.get("dormant") {
            Some(column) => read_dormant(fields, column)?,
            None => false,
        };
        let direction = Direction::parse(fields, columns.required("direction"))?;
        let net = fields.thousands(columns.required("net"))?;
        let mut amounts = Amounts::default();
        amounts.set(phase, net);

        if let Some(skip) = route_row(&chain[0].0, direction, dormant, &amounts, &mut self.outside) {
            self.tally.skip(skip, &amounts);
            return Ok(());
        }
        if net.is_none() {
            self.tally.note(BLANK_NET, &amounts);
        }
        self.leaves.add(&chain, &amounts);
        self.tally.keep();
        Ok(())
    }
}

/// Reads the codes of a row, top down, with their names: section to line, or to program when
/// the line cell is blank.
fn read_chain(
    columns: &Columns,
    fields: &Fields,
) -> Result<Vec<(budget_model::BudgetCode, String)>, ReadError> {
    let mut levels = vec![
        ("section", "section_name", Level::Section),
        ("domain", "domain_name", Level::Domain),
        ("program", "program_name", Level::Program),
    ];
    let line_column = columns.get("line");
    if let Some(column) = line_column {
        if !fields.text(column).is_empty() {
            levels.push(("line", "line_name", Level::Line));
        }
    }
    let mut chain = Vec::with_capacity(levels.len());
    let mut checked_columns = Vec::with_capacity(levels.len());
    for (key, name_key, level) in levels {
        let column = columns.required(key);
        let code = fields
            .code(column, level)?
            .ok_or_else(|| fields.bad_code(column, "", "the code is empty".into()))?;
        let name = columns
            .get(name_key)
            .map(|name_column| fields.text(name_column))
            .unwrap_or_default();
        chain.push((code, name));
        checked_columns.push(column);
    }
    let checked: Vec<_> = checked_columns
        .into_iter()
        .zip(chain.iter().map(|(code, _)| code))
        .collect();
    check_chain(fields, &checked)?;
    Ok(chain)
}

fn read_year(fields: &Fields, column: usize) -> Result<u16, ReadError> {
    let value = fields
        .number(column)?
        .ok_or_else(|| fields.bad_number(column, "the year is empty".into()))?;
    if value.fract() != 0.0 || !(1900.0..=2100.0).contains(&value) {
        return Err(fields.bad_number(column, "expected a year such as 2017".into()));
    }
    Ok(value as u16)
}

fn read_phase(fields: &Fields, column: usize) -> Result<Phase, ReadError> {
    match fields.text(column).as_str() {
        "מקורי" => Ok(Phase::Original),
        "מאושר" => Ok(Phase::Revised),
        "ביצוע" => Ok(Phase::Executed),
        _ => Err(fields.bad_value(
            column,
            "\"מקורי\" (original), \"מאושר\" (approved) or \"ביצוע\" (executed)",
        )),
    }
}

fn read_dormant(fields: &Fields, column: usize) -> Result<bool, ReadError> {
    match fields.number(column) {
        Ok(None) => Ok(false),
        Ok(Some(0.0)) => Ok(false),
        Ok(Some(1.0)) => Ok(true),
        _ => Err(fields.bad_value(column, "1 (dormant line), 0 or an empty cell")),
    }
}

/// True when `row` is a header of this layout: the sign that a `new<YEAR>.csv` file is in the
/// open-data layout rather than the 2012–2014 book layout.
pub fn is_tableau_header(row: &Row) -> bool {
    row.cells
        .iter()
        .any(|cell| matches!(cell, Cell::Text(text) if text.trim() == "סוג תקציב"))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use budget_model::BudgetCode;

    use super::*;

    const HEADER: &str = "שנה,קוד סעיף,שם סעיף,קוד תחום,שם תחום,קוד תכנית,שם תכנית,קוד מיון רמה 1,הוצאה/הכנסה,סוג תקציב,הוצאה נטו\n";

    fn source(text: &str) -> Source {
        Source {
            path: PathBuf::from("new2015.csv"),
            relative: "budget/new2015.csv".into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    #[test]
    fn tableau_csv_sums_program_rows() {
        let body = "2015,33      ,חקלאות,3301    ,שוטף,330102  ,תפעול,001,הוצאה,מקורי,100\n\
            2015,33      ,חקלאות,3301    ,שוטף,330102  ,תפעול,002,הוצאה,מקורי,\"1,000\"\n\
            2015,33      ,חקלאות,3301    ,שוטף,330102  ,תפעול,019,הכנסה,מקורי,-20\n";
        let read = read_csv(&source(&format!("{HEADER}{body}")), 2015, &FileProgress::hidden()).unwrap();
        let year = &read.years[0];
        assert_eq!(year.tree[&code("330102")].amounts.original, Some(1_100_000));
        assert_eq!(year.tree.len(), 3);
        assert!(year.proposal);
        assert_eq!(read.tally.skipped[reason::INCOME_OUTSIDE_REVENUE].rows, 1);
    }

    #[test]
    fn tableau_unknown_phase_rejected() {
        let body = "2015,33      ,חקלאות,3301    ,שוטף,330102  ,תפעול,001,הוצאה,אחר,100\n";
        let error = read_csv(&source(&format!("{HEADER}{body}")), 2015, &FileProgress::hidden()).unwrap_err();
        assert!(matches!(error, ReadError::BadValue { row: 2, .. }), "{error}");
    }

    #[test]
    fn tableau_header_detected() {
        let header = csv_rows(&source(HEADER)).next().unwrap().unwrap();
        assert!(is_tableau_header(&header));
    }
}
