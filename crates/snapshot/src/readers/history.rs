//! Accountant General "net history" files, 1992–2009 (`budget-history/history<YEAR>.csv`).
//!
//! No header. Column 1 is `"<00-prefixed code> - <name>"` and lists every level in one file
//! (sections, domains, programs, lines and the `00` grand total), each with its own figures, so
//! rows are never summed. Columns 2–4 are original, revised and executed, in k₪. Names are
//! truncated at the source and kept as they are. The file ends with a row holding a form feed.

use budget_model::snapshot::Item;
use budget_model::{Amounts, BudgetCode};

use crate::columns::Columns;
use crate::error::ReadError;
use crate::input::{csv_rows, Source};
use crate::progress::FileProgress;
use crate::readers::{FileRead, LevelTree, YearTree};
use crate::tally::{reason, Tally};

const COLUMNS: [&str; 4] = [
    "code - name (column 1)",
    "original (column 2)",
    "revised (column 3)",
    "executed (column 4)",
];

/// Reads one history file; `year` comes from the file name, as the file has no year column.
pub fn read(source: &Source, year: u16, progress: &FileProgress) -> Result<FileRead, ReadError> {
    let columns = Columns::fixed(&COLUMNS);
    let mut tally = Tally::new(&source.relative);
    let mut levels = LevelTree::default();
    let mut grand_total = None;
    for row in csv_rows(source) {
        let row = row?;
        progress.row(row.number);
        tally.read();
        if row.is_blank() {
            tally.skip(reason::BLANK_ROW, &Amounts::default());
            continue;
        }
        let fields = columns.fields(&source.path, &row);
        fields.require_width(COLUMNS.len())?;
        let label = fields.text(0);
        let Some((code_text, name)) = label.split_once(" - ") else {
            return Err(fields.bad_code(0, &label, "expected \"<code> - <name>\"".into()));
        };
        let amounts = Amounts {
            original: fields.thousands(1)?,
            revised: fields.thousands(2)?,
            executed: fields.thousands(3)?,
        };
        if is_letter_revenue_code(code_text) {
            // 1995–1996 list security-import VAT as revenue domain `0000A1`/`0000A2` with its
            // program and line; a letter has no place in the numeric code tree.
            tally.skip(reason::LETTER_CODE, &amounts);
            continue;
        }
        let code = BudgetCode::parse_history(code_text)
            .map_err(|error| fields.bad_code(0, code_text, error.to_string()))?;
        tally.keep();
        match code {
            None => {
                tally.note(
                    "grand total 00 (revenues plus expenses), used only to check the sections",
                    &amounts,
                );
                grand_total = Some(amounts);
            }
            Some(code) => {
                let item = Item {
                    code,
                    name: name.trim().to_string(),
                    amounts,
                };
                levels.insert(&source.path, row.number, item)?;
            }
        }
    }
    let year_tree = YearTree {
        year,
        tree: levels.tree,
        lists_every_level: true,
        grand_total,
        ..YearTree::default()
    };
    Ok(FileRead {
        tally,
        years: vec![year_tree],
    })
}

/// True for `0000A1…`-style codes: the revenue prefix, then digits and capital letters with at
/// least one letter.
fn is_letter_revenue_code(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("0000") else {
        return false;
    };
    rest.chars()
        .all(|ch| ch.is_ascii_digit() || ch.is_ascii_uppercase())
        && rest.chars().any(|ch| ch.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn source(text: &str) -> Source {
        Source {
            path: PathBuf::from("history2005.csv"),
            relative: "budget-history/history2005.csv".into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    const FILE: &str = "\"0020010101 - שכר\",\"10\",\"12\",\"11\",\"1\",\"110\",\"-1\",\"91\",\" \",\" \",\" \",\" \",\" \",\" \"\n\
        \"00200101 - שכר\",\"10\",\"12\",\"\",\"\",\"\",\"\",\"\",\" \",\" \",\" \",\" \",\" \",\" \"\n\
        \"0000A1 - מע\"\"מ\",\"5\",\"5\",\"\",\"\",\"\",\"\",\"\",\" \",\" \",\" \",\" \",\" \",\" \"\n\
        \"00 - תקציבי\",\"15\",\"17\",\"11\",\"\",\"\",\"\",\"\",\" \",\" \",\" \",\" \",\" \",\" \"\n\
        \u{c}\n";

    #[test]
    fn history_reads_levels() {
        let read = read(&source(FILE), 2005, &FileProgress::hidden()).unwrap();
        let year = &read.years[0];
        assert_eq!(year.tree.len(), 2);
        let line = &year.tree[&code("20010101")];
        assert_eq!(
            line.amounts,
            Amounts {
                original: Some(10_000),
                revised: Some(12_000),
                executed: Some(11_000)
            }
        );
        assert_eq!(year.tree[&code("200101")].amounts.executed, None);
        assert_eq!(year.grand_total.unwrap().original, Some(15_000));
        assert_eq!(read.tally.rows_read, 5);
        assert_eq!(read.tally.skipped[reason::BLANK_ROW].rows, 1);
        assert_eq!(
            read.tally.skipped[reason::LETTER_CODE].amounts.original,
            Some(5_000)
        );
    }

    #[test]
    fn history_bad_code_named() {
        let text =
            "\"0020x1 - a\",\"1\",\"1\",\"1\",\"\",\"\",\"\",\"\",\" \",\" \",\" \",\" \",\" \",\" \"\n";
        let error = read(&source(text), 2005, &FileProgress::hidden()).unwrap_err();
        assert!(matches!(error, ReadError::BadCode { row: 1, .. }), "{error}");
    }

    #[test]
    fn letter_code_detection() {
        assert!(is_letter_revenue_code("0000A10000"));
        assert!(!is_letter_revenue_code("0000010101"));
        assert!(!is_letter_revenue_code("0020A1"));
    }
}
