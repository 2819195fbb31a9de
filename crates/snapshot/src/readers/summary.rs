//! Budget Key's section totals per year (`budget-summary/obudget-sections-by-year-*.xlsx`).
//!
//! One row per year and section. Unlike the MoF files, amounts are in shekels (not k₪), and the
//! section is an integer (`1` for `01`, `0` for the revenue section `00`). The figures are net
//! section totals (expense and income rows together), so they do not equal the expense-row
//! sums of the budget files.

use std::collections::BTreeMap;

use budget_model::{Amounts, BudgetCode, Level};

use crate::columns::{ColumnSpec, Columns, Fields};
use crate::error::ReadError;
use crate::input::{xlsx_rows, Source};
use crate::progress::FileProgress;
use crate::tally::{reason, Tally};

const SPECS: &[ColumnSpec] = &[
    ColumnSpec::required("year", &["שנה"]),
    ColumnSpec::required("section", &["מספר סעיף"]),
    ColumnSpec::required("name", &["שם סעיף"]),
    ColumnSpec::required("original", &["תקציב מקורי"]),
    ColumnSpec::required("revised", &["תקציב אחרי שינויים"]),
    ColumnSpec::required("executed", &["ביצוע בפועל"]),
];

/// One section's totals in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionTotal {
    pub name: String,
    pub amounts: Amounts,
}

/// Section totals by year, then by section code.
pub type SectionTotals = BTreeMap<u16, BTreeMap<BudgetCode, SectionTotal>>;

/// Reads the whole workbook.
pub fn read(source: &Source, progress: &FileProgress) -> Result<(Tally, SectionTotals), ReadError> {
    let rows = xlsx_rows(source)?;
    progress.set_rows(rows.len() as u64);
    let mut rows = rows.into_iter();
    let header = rows.next().ok_or_else(|| ReadError::Empty {
        file: source.path.clone(),
    })?;
    let columns = Columns::match_header(&source.path, &header, SPECS)?;
    let mut tally = Tally::new(&source.relative);
    let mut totals = SectionTotals::new();
    for row in rows {
        progress.row(row.number);
        tally.read();
        if row.is_blank() {
            tally.skip(reason::BLANK_ROW, &Amounts::default());
            continue;
        }
        let fields = columns.fields(&source.path, &row);
        let year_column = columns.required("year");
        let year = whole_number(&fields, year_column)?;
        if !(1900..=2100).contains(&year) {
            return Err(fields.bad_number(year_column, "expected a year such as 2010".into()));
        }
        let section_column = columns.required("section");
        let section_text = whole_number(&fields, section_column)?.to_string();
        let section = BudgetCode::parse_unpadded(&section_text, Level::Section)
            .map_err(|error| fields.bad_code(section_column, &section_text, error.to_string()))?;
        let amounts = Amounts {
            original: shekels(&fields, columns.required("original"))?,
            revised: shekels(&fields, columns.required("revised"))?,
            executed: shekels(&fields, columns.required("executed"))?,
        };
        let total = SectionTotal {
            name: fields.text(columns.required("name")),
            amounts,
        };
        totals.entry(year as u16).or_default().insert(section, total);
        tally.keep();
    }
    Ok((tally, totals))
}

fn whole_number(fields: &Fields, column: usize) -> Result<i64, ReadError> {
    match fields.number(column)? {
        Some(value) if value.fract() == 0.0 && value.abs() < 1e6 => Ok(value as i64),
        Some(_) => Err(fields.bad_number(column, "expected a whole number".into())),
        None => Err(fields.bad_number(column, "the cell is empty".into())),
    }
}

/// Reads a money cell that is already in shekels, `None` for a blank cell.
fn shekels(fields: &Fields, column: usize) -> Result<Option<i64>, ReadError> {
    let value = match fields.number(column) {
        Ok(value) => value,
        Err(_) => {
            let text = fields.text(column).replace(',', "");
            Some(
                text.parse::<f64>()
                    .map_err(|_| fields.bad_number(column, "expected an amount in shekels".into()))?,
            )
        }
    };
    match value {
        None => Ok(None),
        Some(value) if value.is_finite() && value.abs() < 9.0e18 => Ok(Some(value.round() as i64)),
        Some(_) => Err(fields.bad_number(column, "the amount is out of range".into())),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::input::{Cell, Row};

    use super::*;

    #[test]
    fn shekels_cells() {
        let cells = vec![
            Cell::Number(344715069368.0),
            Cell::Text("1,000".into()),
            Cell::Empty,
            Cell::Text("x".into()),
        ];
        let row = Row { number: 2, cells };
        let columns = Columns::fixed(&["a", "b", "c", "d"]);
        let fields = columns.fields(Path::new("f"), &row);
        assert_eq!(shekels(&fields, 0).unwrap(), Some(344_715_069_368));
        assert_eq!(shekels(&fields, 1).unwrap(), Some(1_000));
        assert_eq!(shekels(&fields, 2).unwrap(), None);
        assert!(shekels(&fields, 3).is_err());
    }
}
