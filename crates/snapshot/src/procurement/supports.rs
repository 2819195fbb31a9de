//! The supports reports in `supports/`: the Accountant General's `tmichot<YEAR>.csv` exports
//! (no header, ten columns) and the Budget Key 2015 sample (a header, `00`-prefixed budget lines
//! and entity columns). Support criteria files are not payments and are not read here.

use budget_model::procurement::{parse_line_code, Party, Support};
use budget_model::BudgetCode;

use crate::columns::Fields;
use crate::error::ReadError;
use crate::input::{csv_rows, Row, Source};
use crate::progress::FileProgress;

use super::table::{shekels, text, Field, Table};
use super::tally::{reason, RecordTally};

/// Column names of the headerless tmichot files, from the rules file of the scraper that made
/// them; they name the columns in error messages.
const TMICHOT_COLUMNS: [&str; 10] = [
    "year",
    "ministry code",
    "subject",
    "code",
    "recipient",
    "kind",
    "title",
    "num_used",
    "amount_allocated",
    "amount_supported",
];

const SAMPLE_FIELDS: &[Field] = &[
    Field::new("year", &["year"]),
    Field::new("subject", &["subject"]),
    Field::new("code", &["code"]),
    Field::new("recipient", &["recipient"]),
    Field::new("kind", &["kind"]),
    Field::new("title", &["title"]),
    Field::new("num_used", &["num_used"]),
    Field::new("amount_allocated", &["amount_allocated"]),
    Field::new("amount_supported", &["amount_supported"]),
    Field::new("entity_id", &["entity_id"]),
    Field::new("entity_kind", &["entity_kind"]),
];

/// One support row as read.
#[derive(Debug, Clone)]
pub struct SupportRecord {
    pub year: u16,
    pub budget_code: BudgetCode,
    /// The recipient's `entity` is filled in by the identity step.
    pub support: Support,
    /// True when the file has entity columns.
    pub has_entity_columns: bool,
    pub entity_id: Option<String>,
    pub entity_kind: Option<String>,
    pub row: u64,
}

/// One supports file read.
#[derive(Debug)]
pub struct SupportsRead {
    pub tally: RecordTally,
    pub records: Vec<SupportRecord>,
    /// Paid amount of every row, per year, as the data README counts it: rows dropped as
    /// repeats under another ministry name are included, since the README sums every row.
    pub paid_by_year: std::collections::BTreeMap<u16, i64>,
}

/// Text of every cell of a row except the ministry-name column: rows with the same key repeat
/// one payment.
fn repeat_key(row: &Row, ministry_column: usize) -> Vec<String> {
    row.cells
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != ministry_column)
        .map(|(_, cell)| cell.text())
        .collect()
}

/// True for a supports payments file (not the support criteria list).
pub fn is_payments_file(name: &str) -> bool {
    name.ends_with(".csv") && !name.contains("criteria")
}

/// Reads one supports file; a file whose first cell is `year` has a header.
pub fn read(source: &Source, progress: &FileProgress) -> Result<SupportsRead, ReadError> {
    let mut rows = csv_rows(source).peekable();
    let headed = match rows.peek() {
        Some(Ok(row)) => row.cell(0).text() == "year",
        Some(Err(_)) => false,
        None => {
            return Err(ReadError::Empty {
                file: source.path.clone(),
            })
        }
    };
    let mut tally = RecordTally::new(&source.relative, ("allocated", "paid"));
    let mut records: Vec<SupportRecord> = Vec::new();
    let mut paid_by_year = std::collections::BTreeMap::new();
    // First record of each repeat key, by index into `records`.
    let mut first_of: std::collections::HashMap<Vec<String>, usize> = std::collections::HashMap::new();
    let layout = if headed {
        let header = rows.next().transpose()?.expect("peeked above");
        let table = Table::match_header(&source.path, &header, SAMPLE_FIELDS)?;
        let required = [
            "year",
            "subject",
            "code",
            "recipient",
            "kind",
            "num_used",
            "amount_allocated",
            "amount_supported",
        ];
        table.require(&source.path, header.number, SAMPLE_FIELDS, &required)?;
        Layout::Headed(table)
    } else {
        Layout::Tmichot(crate::columns::Columns::fixed(&TMICHOT_COLUMNS))
    };
    for row in rows {
        let row = row?;
        progress.row(row.number);
        tally.read();
        if row.is_blank() {
            tally.skip(reason::BLANK_ROW, 0, 0);
            continue;
        }
        let (record, ministry_column) = match &layout {
            Layout::Tmichot(columns) => {
                let cells = columns.fields(&source.path, &row);
                cells.require_width(TMICHOT_COLUMNS.len())?;
                (tmichot_record(&cells, &row)?, 2)
            }
            Layout::Headed(table) => {
                let cells = table.fields(&source.path, &row);
                cells.require_width(table.width)?;
                (headed_record(table, &cells, &row)?, table.get("subject").expect("required"))
            }
        };
        *paid_by_year.entry(record.year).or_default() += record.support.paid;
        let key = repeat_key(&row, ministry_column);
        if let Some(&index) = first_of.get(&key) {
            // Only a different ministry name makes a repeat: two identical rows of one ministry
            // may be two payments, and are both kept.
            // The first row is kept. The tmichot files of 2008-2010 and 2014 list every row of
            // ministry code 3600 twice, first under its old name (Industry, Trade and Labour),
            // then under its name since 2013 (Economy). The 2013 file uses the old name only,
            // so keeping the first row gives the ministry one name in every tmichot year.
            if records[index].support.ministry != record.support.ministry {
                tally.skip(reason::REPEATED_UNDER_OTHER_MINISTRY, record.support.allocated, record.support.paid);
                continue;
            }
        } else {
            first_of.insert(key, records.len());
        }
        tally.keep();
        records.push(record);
    }
    Ok(SupportsRead {
        tally,
        records,
        paid_by_year,
    })
}

enum Layout {
    Tmichot(crate::columns::Columns),
    Headed(Table),
}

fn tmichot_record(cells: &Fields, row: &Row) -> Result<SupportRecord, ReadError> {
    let column = |index: usize| Some(index);
    let support = support(
        cells,
        row,
        [
            column(2),
            column(4),
            column(5),
            column(6),
            column(7),
            column(8),
            column(9),
        ],
    )?;
    Ok(SupportRecord {
        year: year(cells, 0)?,
        budget_code: line(cells, 3)?,
        support,
        has_entity_columns: false,
        entity_id: None,
        entity_kind: None,
        row: row.number,
    })
}

fn headed_record(table: &Table, cells: &Fields, row: &Row) -> Result<SupportRecord, ReadError> {
    let keys = [
        "subject",
        "recipient",
        "kind",
        "title",
        "num_used",
        "amount_allocated",
        "amount_supported",
    ];
    let support = support(cells, row, keys.map(|key| table.get(key)))?;
    Ok(SupportRecord {
        year: year(cells, table.get("year").expect("required"))?,
        budget_code: line(cells, table.get("code").expect("required"))?,
        support,
        has_entity_columns: table.get("entity_id").is_some(),
        entity_id: text(cells, table.get("entity_id")),
        entity_kind: text(cells, table.get("entity_kind")),
        row: row.number,
    })
}

/// Reads the support fields from the columns of: ministry, recipient, kind, title, number of
/// payments, allocated, paid.
fn support(cells: &Fields, row: &Row, columns: [Option<usize>; 7]) -> Result<Support, ReadError> {
    let [ministry, recipient, kind, title, payments, allocated, paid] = columns;
    let required_text = |column: Option<usize>, what: &str| {
        text(cells, column).ok_or_else(|| cells.bad_value(column.unwrap_or(0), what))
    };
    let payments_value = match payments.map(|column| cells.number(column)).transpose()?.flatten() {
        None => 0,
        Some(value) if value >= 0.0 && value.fract() == 0.0 && value <= f64::from(u32::MAX) => value as u32,
        Some(_) => {
            let column = payments.unwrap_or(0);
            return Err(cells.bad_number(column, "expected a whole number of payments".into()));
        }
    };
    Ok(Support {
        recipient: Party {
            entity: None,
            name: required_text(recipient, "a recipient name")?,
        },
        ministry: required_text(ministry, "the supporting ministry")?,
        kind: required_text(kind, "a support type")?,
        title: text(cells, title),
        payments: payments_value,
        allocated: shekels(cells, row, allocated)?.unwrap_or(0),
        paid: shekels(cells, row, paid)?.unwrap_or(0),
    })
}

fn year(cells: &Fields, column: usize) -> Result<u16, ReadError> {
    match cells.number(column)? {
        Some(value) if value.fract() == 0.0 && (1990.0..=2099.0).contains(&value) => Ok(value as u16),
        _ => Err(cells.bad_value(column, "a year such as 2014")),
    }
}

fn line(cells: &Fields, column: usize) -> Result<BudgetCode, ReadError> {
    let value = cells.text(column);
    parse_line_code(&value).map_err(|error| cells.bad_code(column, &value, error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> SupportsRead {
        let source = Source {
            path: "supports/tmichot2030.csv".into(),
            relative: "supports/tmichot2030.csv".to_string(),
            bytes: text.as_bytes().to_vec(),
        };
        read(&source, &FileProgress::hidden()).unwrap()
    }

    #[test]
    fn rows_repeated_under_another_ministry_name_count_once() {
        let text = "2030,3600,משרד התמת,36410101,אגודת הדוגמה,הקצבות,מענקים,1,1000,900\n\
2030,3600,משרד התמת,36410101,עמותת הניסוי,הקצבות,מענקים,2,500,400\n\
2030,2000,משרד החינוך,20670142,אור לדוגמה,הקצבות,תנועות,1,70,70\n\
2030,2000,משרד החינוך,20670142,אור לדוגמה,הקצבות,תנועות,1,70,70\n\
2030,3600,משרד הכלכלה,36410101,אגודת הדוגמה,הקצבות,מענקים,1,1000,900\n\
2030,3600,משרד הכלכלה,36410101,עמותת הניסוי,הקצבות,מענקים,2,500,450\n";
        let read = read_text(text);
        // The last row differs in the paid amount, so it is not a repeat.
        assert_eq!(read.records.len(), 5);
        assert_eq!(read.tally.rows_read, 6);
        assert_eq!(read.tally.rows_kept, 5);
        let repeated = read.tally.skipped[reason::REPEATED_UNDER_OTHER_MINISTRY];
        assert_eq!((repeated.rows, repeated.committed, repeated.paid), (1, 1000, 900));
        // The first row and its ministry name are kept.
        assert_eq!(read.records[0].support.ministry, "משרד התמת");
        assert_eq!(read.records[1].support.ministry, "משרד התמת");
        assert_eq!(read.records[4].support.ministry, "משרד הכלכלה");
        // Identical rows of one ministry are both kept.
        assert_eq!(read.records[2].support.recipient.name, "אור לדוגמה");
        assert_eq!(read.records[3].support.recipient.name, "אור לדוגמה");
        // The README total sums every row read.
        assert_eq!(read.paid_by_year[&2030], 900 + 400 + 70 + 70 + 900 + 450);
    }

    #[test]
    fn ministry_code_must_match_too() {
        let text = "2030,0400,משרד א,04010101,אגודת הדוגמה,הקצבות,מענקים,1,10,10\n\
2030,0400,משרד ב,04010101,אגודת הדוגמה,הקצבות,מענקים,1,10,10\n\
2030,0500,משרד ג,04010101,אגודת הדוגמה,הקצבות,מענקים,1,10,10\n";
        let read = read_text(text);
        assert_eq!(read.records.len(), 2);
        assert_eq!(read.records[0].support.ministry, "משרד א");
        assert_eq!(read.records[1].support.ministry, "משרד ג");
    }
}
