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
    /// Paid amount of every row, per year, as the data README counts it.
    pub paid_by_year: std::collections::BTreeMap<u16, i64>,
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
    let mut records = Vec::new();
    let mut paid_by_year = std::collections::BTreeMap::new();
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
        let record = match &layout {
            Layout::Tmichot(columns) => {
                let cells = columns.fields(&source.path, &row);
                cells.require_width(TMICHOT_COLUMNS.len())?;
                tmichot_record(&cells, &row)?
            }
            Layout::Headed(table) => {
                let cells = table.fields(&source.path, &row);
                cells.require_width(table.width)?;
                headed_record(table, &cells, &row)?
            }
        };
        *paid_by_year.entry(record.year).or_default() += record.support.paid;
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
