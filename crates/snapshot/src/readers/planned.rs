//! The 2009–2010 two-year budget (`budget/obudget-2010_planned-state-budget.csv`), original
//! only, one row per line.
//!
//! Two header rows: the first puts each year over its group of columns, the second names the
//! columns. Codes lost their leading zeros (`4012004` is line `04012004`), so each is padded to
//! its column's level. Section, domain and program codes appear only on the first row of their
//! group and are filled down. A line of one year only has blank cells in the other year's group.

use budget_model::{BudgetCode, Level};

use crate::columns::{ColumnSpec, Columns};
use crate::error::ReadError;
use crate::input::{csv_rows, Cell, Row, Source};
use crate::progress::FileProgress;
use crate::readers::{check_chain, original_only, FileRead, LeafTree, YearTree};
use crate::tally::{reason, Tally};

const NET: &str = "תקציב מקורי - הוצאות נטו";

const SPECS: &[ColumnSpec] = &[
    ColumnSpec::required("section", &["קוד סעיף"]),
    ColumnSpec::required("section_name", &["שם סעיף"]),
    ColumnSpec::required("domain", &["קוד תחום"]),
    ColumnSpec::required("domain_name", &["שם תחום"]),
    ColumnSpec::required("program", &["קוד תוכנית"]),
    ColumnSpec::required("program_name", &["שם תוכנית"]),
    ColumnSpec::required("line", &["קוד תקנה"]),
    ColumnSpec::required("line_name", &["שם תקנה"]),
    ColumnSpec::required("net", &[NET]),
    ColumnSpec::unused("other_measures", &[
        "תקציב מקורי - הוצאה מותנית בהכנסה",
        "תקציב מקורי - הכנסה מיועדת",
        "תקציב מקורי - הרשאה להתחייב",
        "תקציב מקורי - שיא כא",
    ]),
];

/// Note for rows that carry money but no line code.
pub const NO_LINE_CODE: &str = "row without a line code, amount added to its program";

/// Fill-down state: the last code and name seen in a column.
#[derive(Default)]
struct Current {
    code: Option<BudgetCode>,
    name: String,
}

/// Reads the columns of `year` (2009 or 2010).
pub fn read(source: &Source, year: u16, progress: &FileProgress) -> Result<FileRead, ReadError> {
    let mut rows = csv_rows(source);
    let missing_header = |header: &str| ReadError::MissingHeader {
        file: source.path.clone(),
        row: 1,
        header: header.to_string(),
    };
    let years_row = rows
        .next()
        .transpose()?
        .ok_or_else(|| missing_header("year row"))?;
    let names_row = rows
        .next()
        .transpose()?
        .ok_or_else(|| missing_header("column names row"))?;
    let columns = Columns::match_header(&source.path, &names_row, SPECS)?;
    let net = net_column(&years_row, &names_row, year)
        .ok_or_else(|| missing_header(&format!("{NET} under year {year}")))?;
    let width = columns.names.len();

    let mut tally = Tally::new(&format!("{} ({year} columns)", source.relative));
    let mut leaves = LeafTree::default();
    let mut levels: [Current; 3] = Default::default();
    let level_columns = [
        ("section", Level::Section),
        ("domain", Level::Domain),
        ("program", Level::Program),
    ];
    for row in rows {
        let row = row?;
        progress.row(row.number);
        tally.read();
        if row.is_blank() {
            tally.skip(reason::BLANK_ROW, &Default::default());
            continue;
        }
        let fields = columns.fields(&source.path, &row);
        fields.require_width(width)?;
        for (current, (key, level)) in levels.iter_mut().zip(level_columns) {
            let column = columns.required(key);
            if let Some(code) = fields.unpadded_code(column, level)? {
                current.code = Some(code);
                current.name = fields.text(columns.required(&format!("{key}_name")));
            }
        }
        let amounts = original_only(fields.thousands(net)?);
        if amounts.original.is_none() {
            tally.skip(reason::NOT_THIS_YEAR, &amounts);
            continue;
        }
        let mut chain = Vec::with_capacity(4);
        let mut checked = Vec::with_capacity(4);
        for (current, (key, _)) in levels.iter().zip(level_columns) {
            let column = columns.required(key);
            let Some(code) = &current.code else {
                return Err(fields.bad_code(column, "", format!("no {key} code on this row or above it")));
            };
            chain.push((code.clone(), current.name.clone()));
            checked.push((column, code));
        }
        let line_column = columns.required("line");
        let line = fields.unpadded_code(line_column, Level::Line)?;
        if let Some(line) = &line {
            checked.push((line_column, line));
        }
        check_chain(&fields, &checked)?;
        match line {
            Some(line) => chain.push((line, fields.text(columns.required("line_name")))),
            None => tally.note(NO_LINE_CODE, &amounts),
        }
        leaves.add(&chain, &amounts);
        tally.keep();
    }
    let year_tree = YearTree {
        year,
        tree: leaves.tree,
        ..YearTree::default()
    };
    Ok(FileRead {
        tally,
        years: vec![year_tree],
    })
}

/// Finds the net-expenditure column inside the group of columns that the first header row puts
/// under `year`.
fn net_column(years_row: &Row, names_row: &Row, year: u16) -> Option<usize> {
    let label = year.to_string();
    let start = years_row.cells.iter().position(|cell| cell.text() == label)?;
    let group_end = years_row.cells[start + 1..]
        .iter()
        .position(|cell| !cell.is_blank())
        .map_or(names_row.cells.len(), |offset| start + 1 + offset);
    (start..group_end).find(|column| names_row.cells.get(*column).map(Cell::text).as_deref() == Some(NET))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    const HEADER: &str = ",,,,,,,,\"2009\",,,\"2010\",,\n\
        קוד סעיף,שם סעיף,קוד תחום,שם תחום,קוד תוכנית,שם תוכנית,קוד תקנה,שם תקנה,\
        תקציב מקורי - הוצאות נטו,תקציב מקורי - הכנסה מיועדת,תקציב מקורי - שיא כא,\
        תקציב מקורי - הוצאות נטו,תקציב מקורי - הכנסה מיועדת,תקציב מקורי - שיא כא\n";

    fn source(body: &str) -> Source {
        let text = format!("{HEADER}{body}");
        Source {
            path: PathBuf::from("planned.csv"),
            relative: "budget/planned.csv".into(),
            bytes: text.into_bytes(),
        }
    }

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    const BODY: &str = "0,הכנסות,1,מס,101,מס הכנסה,10101,מס,5,0,0,6,0,0\n\
        ,,,,,,10102,מס ב,1,0,0,,,\n\
        ,,,,,,,ללא קוד,,,,2,0,0\n\
        4,משרד,401,לשכה,40101,תכנית,4010101,שכר,7,0,0,8,0,0\n\
        \u{c}\n";

    #[test]
    fn planned_fills_down_and_pads() {
        let read = read(&source(BODY), 2010, &FileProgress::hidden()).unwrap();
        let tree = &read.years[0].tree;
        assert_eq!(tree[&code("00")].amounts.original, Some(8_000));
        assert_eq!(tree[&code("000101")].amounts.original, Some(8_000));
        assert_eq!(tree[&code("00010101")].amounts.original, Some(6_000));
        assert!(!tree.contains_key(&code("00010102")));
        assert_eq!(tree[&code("04010101")].name, "שכר");
        assert_eq!(read.tally.skipped[reason::NOT_THIS_YEAR].rows, 1);
        assert_eq!(read.tally.notes[NO_LINE_CODE].amounts.original, Some(2_000));
        assert_eq!(read.tally.skipped[reason::BLANK_ROW].rows, 1);
    }

    #[test]
    fn planned_other_year_columns() {
        let read = read(&source(BODY), 2009, &FileProgress::hidden()).unwrap();
        let tree = &read.years[0].tree;
        assert_eq!(tree[&code("00")].amounts.original, Some(6_000));
        assert_eq!(read.years[0].year, 2009);
    }

    #[test]
    fn planned_line_outside_program_rejected() {
        let body = "4,משרד,401,לשכה,40101,תכנית,4020101,שכר,7,0,0,8,0,0\n";
        let error = read(&source(body), 2010, &FileProgress::hidden()).unwrap_err();
        assert!(matches!(error, ReadError::BadCode { row: 3, .. }), "{error}");
    }
}
