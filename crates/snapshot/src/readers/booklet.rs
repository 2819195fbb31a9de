//! The 2011 original budget (`budget/obudget-2011_planned-2011.csv`), exported from the budget
//! booklets.
//!
//! No header, 8 columns: code, name, net expenditure (k₪), then conditional expenditure,
//! commitment authority, personnel, quantities and temporary positions. Codes keep their leading
//! zeros but are space-padded to 8 characters, and every level has its own row, so rows are never
//! summed. The file carries no revenue section and no direction column.

use budget_model::snapshot::Item;
use budget_model::BudgetCode;

use crate::columns::Columns;
use crate::error::ReadError;
use crate::input::{csv_rows, Source};
use crate::progress::FileProgress;
use crate::readers::{original_only, FileRead, LevelTree, YearTree};
use crate::tally::{reason, Tally};

const COLUMNS: [&str; 8] = [
    "code (column 1)",
    "name (column 2)",
    "net expenditure (column 3)",
    "conditional expenditure (column 4)",
    "commitment authority (column 5)",
    "personnel (column 6)",
    "quantities (column 7)",
    "temporary positions (column 8)",
];

/// Reads the booklet file of `year`.
pub fn read(source: &Source, year: u16, progress: &FileProgress) -> Result<FileRead, ReadError> {
    let columns = Columns::fixed(&COLUMNS);
    let mut tally = Tally::new(&source.relative);
    let mut levels = LevelTree::default();
    for row in csv_rows(source) {
        let row = row?;
        progress.row(row.number);
        tally.read();
        if row.is_blank() {
            tally.skip(reason::BLANK_ROW, &Default::default());
            continue;
        }
        let fields = columns.fields(&source.path, &row);
        fields.require_width(COLUMNS.len())?;
        let code_text = fields.text(0);
        let code = BudgetCode::parse(&code_text)
            .map_err(|error| fields.bad_code(0, &code_text, error.to_string()))?;
        let amounts = original_only(fields.thousands(2)?);
        levels.insert(
            &source.path,
            row.number,
            Item {
                code,
                name: fields.text(1),
                amounts,
            },
        )?;
        tally.keep();
    }
    let year_tree = YearTree {
        year,
        tree: levels.tree,
        lists_every_level: true,
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

    use super::*;

    fn source(text: &str) -> Source {
        Source {
            path: PathBuf::from("2011.csv"),
            relative: "budget/2011.csv".into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn booklet_reads_padded_levels() {
        let text = "\"03      \",\"חברי ממשלה\",\"110\",\"0\",\"0\",\"0\",\"0\",\"\"\n\
            \"0301    \",\"חברי הממשלה\",\"110\",\"0\",\"0\",\"0\",\"0\",\"\"\n\
            \"03010101\",\"משכורת\",\"1,10\",\"0\",\"0\",\"0\",\"0\",\"\"\n";
        let read = read(&source(text), 2011, &FileProgress::hidden()).unwrap();
        let tree = &read.years[0].tree;
        assert_eq!(tree.len(), 3);
        assert_eq!(
            tree[&BudgetCode::parse("0301").unwrap()].amounts.original,
            Some(110_000)
        );
        assert_eq!(
            tree[&BudgetCode::parse("03010101").unwrap()].amounts.original,
            Some(110_000)
        );
        assert!(read.years[0].lists_every_level);
    }

    #[test]
    fn booklet_bad_number_named() {
        let text = "\"03      \",\"a\",\"1x0\",\"0\",\"0\",\"0\",\"0\",\"\"\n";
        let error = read(&source(text), 2011, &FileProgress::hidden()).unwrap_err();
        assert!(matches!(error, ReadError::BadNumber { row: 1, .. }), "{error}");
    }

    #[test]
    fn booklet_short_row_rejected() {
        let error = read(
            &source("\"03      \",\"a\",\"1\"\n"),
            2011,
            &FileProgress::hidden(),
        )
        .unwrap_err();
        assert!(
            matches!(
                error,
                ReadError::ShortRow {
                    row: 1,
                    found: 3,
                    expected: 8,
                    ..
                }
            ),
            "{error}"
        );
    }
}
