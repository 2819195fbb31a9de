//! MoF budget-book exports 2012–2014 (`budget/new2012.csv` … `new2014.csv`): one row per line
//! and direction, with original, approved and executed figures as columns.
//!
//! Header names differ between years, so columns are matched by name. Codes are dashed
//! (`20-67-01-42`) in 2012–2013 and plain in 2014. Dormant lines (`פש"ח`) carry no budget and
//! are dropped; a blank executed cell means no figure.

use budget_model::{Amounts, Level};

use crate::columns::{ColumnSpec, Columns};
use crate::error::ReadError;
use crate::input::{csv_rows, Source};
use crate::progress::FileProgress;
use crate::readers::{check_chain, route_row, Direction, FileRead, LeafTree, YearTree};
use crate::tally::{reason, Tally};

const ACTIVE: &str = "תקנה פעילה";
const DORMANT: &str = "פש\"ח";

const SPECS: &[ColumnSpec] = &[
    ColumnSpec::required("year", &["שנה"]),
    ColumnSpec::required("section", &["קוד סעיף"]),
    ColumnSpec::required("section_name", &["שם סעיף"]),
    ColumnSpec::required("domain", &["קוד תחום"]),
    ColumnSpec::required("domain_name", &["שם תחום"]),
    ColumnSpec::required("program", &["קוד תוכנית"]),
    ColumnSpec::required("program_name", &["שם תוכנית"]),
    ColumnSpec::required("line", &["קוד תקנה"]),
    ColumnSpec::optional("line_name_full", &["שם תקנה מלא"]),
    ColumnSpec::optional("line_name", &["שם תקנה"]),
    ColumnSpec::required("status", &["תקנה פעילה / פש\"ח"]),
    ColumnSpec::required("direction", &["סוג הוצאה"]),
    ColumnSpec::required("original", &["מקורי - נטו", "תקציב מקורי - הוצאות נטו"]),
    ColumnSpec::required("revised", &["תקציב מאושר - הוצאות נטו"]),
    ColumnSpec::required("executed", &["ביצוע - מזומן"]),
    ColumnSpec::unused("unused", &[
        "מזהה רמה 1",
        "שם רמה 1",
        "מזהה רמה 2",
        "שם רמה 2",
        "מקורי - הוצאה מותנית",
        "מקורי - הכנסה מיועדת",
        "מקורי - הרשאה",
        "מקורי - שיא כא",
        "מקורי - עבצ",
        "מקורי - כמויות",
        "תקציב מקורי - הוצאה מותנית בהכנסה",
        "תקציב מקורי - הכנסה מיועדת",
        "תקציב מקורי - הרשאה להתחייב",
        "תקציב מקורי - שיא כא",
        "תקציב מקורי - עבצ",
        "תקציב מקורי - כמויות",
        "תקציב מאושר - הוצאה מותנית בהכנסה",
        "תקציב מאושר - הכנסה מיועדת",
        "תקציב מאושר - הרשאה להתחייב",
        "תקציב מאושר - שיא כא",
        "תקציב מאושר - עבצ",
        "תקציב מאושר - כמויות",
    ]),
];

/// Reads one book file; every row's `שנה` must equal `year`, the year in the file name.
pub fn read(source: &Source, year: u16, progress: &FileProgress) -> Result<FileRead, ReadError> {
    let mut rows = csv_rows(source);
    let header = rows.next().transpose()?.ok_or_else(|| ReadError::MissingHeader {
        file: source.path.clone(),
        row: 1,
        header: "שנה".into(),
    })?;
    let columns = Columns::match_header(&source.path, &header, SPECS)?;
    let line_name = columns
        .get("line_name_full")
        .or(columns.get("line_name"))
        .ok_or_else(|| ReadError::MissingHeader {
            file: source.path.clone(),
            row: header.number,
            header: "שם תקנה מלא or שם תקנה".into(),
        })?;
    let width = columns.names.len();
    let levels = [
        ("section", "section_name", Level::Section),
        ("domain", "domain_name", Level::Domain),
        ("program", "program_name", Level::Program),
        ("line", "", Level::Line),
    ];

    let mut tally = Tally::new(&source.relative);
    let mut leaves = LeafTree::default();
    let mut outside = Amounts::default();
    for row in rows {
        let row = row?;
        progress.row(row.number);
        tally.read();
        if row.is_blank() {
            tally.skip(reason::BLANK_ROW, &Amounts::default());
            continue;
        }
        let fields = columns.fields(&source.path, &row);
        fields.require_width(width)?;
        let year_column = columns.required("year");
        if fields.text(year_column) != year.to_string() {
            return Err(fields.bad_value(year_column, &format!("{year}, the year in the file name")));
        }
        let mut chain = Vec::with_capacity(4);
        let mut checked = Vec::with_capacity(4);
        for (key, name_key, level) in levels {
            let column = columns.required(key);
            let code = fields
                .code(column, level)?
                .ok_or_else(|| fields.bad_code(column, "", "the code is empty".into()))?;
            let name_column = if name_key.is_empty() {
                line_name
            } else {
                columns.required(name_key)
            };
            chain.push((code, fields.text(name_column)));
            checked.push(column);
        }
        let checked: Vec<_> = checked
            .iter()
            .copied()
            .zip(chain.iter().map(|(code, _)| code))
            .collect();
        check_chain(&fields, &checked)?;

        let status_column = columns.required("status");
        let dormant = match fields.text(status_column).as_str() {
            ACTIVE => false,
            DORMANT => true,
            _ => {
                return Err(fields.bad_value(status_column, "\"תקנה פעילה\" (active) or \"פש\"ח\" (dormant)"))
            }
        };
        let direction = Direction::parse(&fields, columns.required("direction"))?;
        let amounts = Amounts {
            original: fields.thousands(columns.required("original"))?,
            revised: fields.thousands(columns.required("revised"))?,
            executed: fields.thousands(columns.required("executed"))?,
        };
        let section = &chain[0].0;
        if let Some(skip) = route_row(section, direction, dormant, &amounts, &mut outside) {
            tally.skip(skip, &amounts);
            continue;
        }
        leaves.add(&chain, &amounts);
        tally.keep();
    }
    let year_tree = YearTree {
        year,
        tree: leaves.tree,
        expense_outside_sections: outside,
        ..YearTree::default()
    };
    Ok(FileRead {
        tally,
        years: vec![year_tree],
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use budget_model::BudgetCode;

    use super::*;

    const HEADER_2014: &str =
        "שנה,קוד סעיף,שם סעיף,קוד תחום,שם תחום,קוד תוכנית,שם תוכנית,קוד תקנה,שם תקנה מלא,\
        \"תקנה פעילה / פש\"\"ח\",סוג הוצאה,מקורי - נטו,תקציב מאושר - הוצאות נטו,ביצוע - מזומן\n";

    fn source(text: &str) -> Source {
        Source {
            path: PathBuf::from("new2014.csv"),
            relative: "budget/new2014.csv".into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    #[test]
    fn book_routes_rows() {
        let body = "2014,20,חינוך,2067,פעולות,206701,נוער,20670142,תנועות נוער,תקנה פעילה,הוצאה,\"1,000\",\"1,200\",\n\
            2014,20,חינוך,2067,פעולות,206701,נוער,20670143,ישן,\"פש\"\"ח\",הוצאה,0,0,7\n\
            2014,20,חינוך,2067,פעולות,206701,נוער,20670198,הכנסות,תקנה פעילה,הכנסה,-50,-50,-40\n\
            2014,00,הכנסות,0095,העברה,009501,העברה,00950101,העברה,תקנה פעילה,הוצאה,-300,-300,0\n\
            2014,00,הכנסות,0001,מס,000101,מס,00010101,מס,תקנה פעילה,הכנסה,900,900,950\n";
        let read = read(
            &source(&format!("{HEADER_2014}{body}")),
            2014,
            &FileProgress::hidden(),
        )
        .unwrap();

        let year = &read.years[0];
        let line = &year.tree[&code("20670142")];
        assert_eq!(
            line.amounts,
            Amounts {
                original: Some(1_000_000),
                revised: Some(1_200_000),
                executed: None
            }
        );
        assert_eq!(year.tree[&code("20")].name, "חינוך");
        // The revenue tree takes only the income rows of section 00; its expense row is an
        // adjustment of the expense total.
        assert_eq!(year.tree[&code("00")].amounts.original, Some(900_000));
        assert!(!year.tree.contains_key(&code("00950101")));
        assert!(!year.tree.contains_key(&code("20670143")));
        assert_eq!(
            read.tally.skipped[reason::DORMANT_LINE].amounts.executed,
            Some(7_000)
        );
        assert_eq!(
            read.tally.skipped[reason::INCOME_OUTSIDE_REVENUE]
                .amounts
                .original,
            Some(-50_000)
        );
        assert_eq!(year.expense_outside_sections.original, Some(-300_000));
        assert_eq!(year.expense_outside_sections.executed, Some(7_000));
    }

    #[test]
    fn book_dashed_codes_2012_headers() {
        let text = "שנה,קוד סעיף,שם סעיף,קוד תחום,שם תחום,קוד תוכנית,שם תוכנית,קוד תקנה,שם תקנה,\
            \"תקנה פעילה / פש\"\"ח\",סוג הוצאה,תקציב מקורי - הוצאות נטו,תקציב מאושר - הוצאות נטו,ביצוע - מזומן\n\
            2014,20,חינוך,20-67,פעולות,20-67-01,נוער,20-67-01-42,תנועות,תקנה פעילה,הוצאה,5,6,7\n";
        let read = read(&source(text), 2014, &FileProgress::hidden()).unwrap();
        assert_eq!(
            read.years[0].tree[&code("20670142")].amounts.executed,
            Some(7_000)
        );
    }

    #[test]
    fn book_unknown_status_rejected() {
        let body = "2014,20,חינוך,2067,פעולות,206701,נוער,20670142,תנועות,אחר,הוצאה,1,1,1\n";
        let error = read(
            &source(&format!("{HEADER_2014}{body}")),
            2014,
            &FileProgress::hidden(),
        )
        .unwrap_err();
        assert!(matches!(error, ReadError::BadValue { row: 2, .. }), "{error}");
    }

    #[test]
    fn book_year_mismatch_rejected() {
        let body = "2013,20,חינוך,2067,פעולות,206701,נוער,20670142,תנועות,תקנה פעילה,הוצאה,1,1,1\n";
        let error = read(
            &source(&format!("{HEADER_2014}{body}")),
            2014,
            &FileProgress::hidden(),
        )
        .unwrap_err();
        assert!(error.to_string().contains("the year in the file name"), "{error}");
    }
}
