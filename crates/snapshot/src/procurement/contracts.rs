//! The contract reports in `contracts/` (דוחות התקשרויות): every CSV and workbook layout,
//! folded onto one set of fields.
//!
//! Layouts: the 18-column Merkava export of most 2015 ministries (columns in varying order,
//! some missing, headers padded to 40 characters in the courts file); the Ministry of Energy's
//! raw SAP layout (no budget line, no publisher, a ₪ value column); the per-supplier reports of
//! the Public Defender and Legal Aid (no orders, executed only, the amount twice with opposite
//! signs); the xlsx and xls reports (welfare 2016, COGAT, transport 2017 with a headerless purpose
//! column, the 11-column planning report); and the Budget Key 2016 table sample.

use budget_model::procurement::{parse_line_code, Contract, Party};

use crate::error::ReadError;
use crate::input::{csv_rows, Cell, Row, Source};
use crate::progress::FileProgress;

use super::table::{date, shekels, text, workbook_rows, Field, Table, ORDER_ID, PURPOSE};
use super::tally::{reason, RecordTally};
use super::values::year_of;

const FIELDS: &[Field] = &[
    Field::new("publisher", &["שם חברה", "publisher"]),
    Field::new("buyer", &["תאור של ארגון רכש", "תאור ארגון רכש", "buyer_description"]),
    Field::new("unit", &["שם אתר", "קבוצה רוכשת", "purchasing_unit"]),
    Field::new("budget_code", &["תקנה תקציבית", "budget_code"]),
    Field::new("budget_title", &["תיאור תקנה תקציבית", "budget_title"]),
    Field::new(ORDER_ID, &["הזמנת רכש", "מספר הזמנה", "order_id"]),
    Field::new(PURPOSE, &["מטרת התקשרות", "טקסט כותרת", "purpose"]),
    Field::new("order_date", &["תאריך יצירת ההזמנה", "תאריך מסמך", "order_date"]),
    Field::new("start_date", &["התחלת תקופת תוקף", "start_date"]),
    Field::new("end_date", &["סיום תקופת תוקף", "end_date"]),
    Field::new("supplier_code", &["קוד ספק", "supplier_code"]),
    Field::new("supplier_name", &["שם הספק", "שם ספק", "supplier_name"]),
    Field::new("company_id", &["מספר ח\"פ", "מספר רישום מע\"מ", "company_id"]),
    Field::new("volume", &["ערך ההזמנה כולל מע\"מ", "ערך הזמנה + מע\"מ", "volume"]),
    Field::new("volume_ils", &["ערך הזמנה במ.ט.מ"]),
    Field::new("currency", &["מטבע", "currency"]),
    Field::new(
        "executed",
        &[
            "ביצוע חשבוניות במטבע מקומי כולל מע\"מ והצ",
            "ביצוע חשבוניות כולל מע\"מ והצמדות במט\"מ",
            "ביצוע בפועל/סכום במט\"מ כולל מע\"מ",
            "executed",
        ],
    ),
    Field::new("method", &["אופן רכישה", "purchase_method"]),
    Field::new("manof_ref", &["מס' פנייה במנו\"ף/מנור\"", "manof_ref"]),
    Field::new("exemption_reason", &["סיבת פטור", "exemption_reason"]),
    Field::new("report_date", &["report_date"]),
    Field::new("report_publisher", &["report_publisher"]),
    Field::new(
        "unused",
        &[
            "הזמנה רגישה",
            "sensitive_order",
            "report_title",
            "מטבע חשבונית",
            "מטבע מקומי",
            "סוג מסמך רכישה",
            "סימוכין שלך",
            "סמן גירסה",
            "יתרת הזמנות נומינלית + מעמ",
            "אחוז ביצוע נומינלי",
            "ביצוע ערך קבלות הטובין במט\"מ",
            "יתרת הזמנות משוערכת בניכוי חשבוניות במטמ",
            "לא שלם",
            "סמן הצמדה",
            "יתרת הזמנות משוערכת בניכוי תשלומים",
            "סמן אירכוב",
            "הסכם",
            "הזמנה תשלח לפורטל",
            "ספק פורטל",
        ],
    ),
];

/// Publishers of the layouts that do not name the reporting body, by file-name part.
const PUBLISHER_BY_FILE: &[(&str, &str)] = &[("energy", "משרד האנרגיה"), ("finance", "משרד האוצר")];

/// One contract as read, before deduplication and identity resolution.
#[derive(Debug, Clone)]
pub struct ContractRecord {
    /// The supplier's `name` is as read; `entity` is filled in later.
    pub contract: Contract,
    pub supplier_code: Option<String>,
    /// Registration or VAT number as read; validated by the identity step.
    pub company_id: Option<String>,
    /// Budget-line title as the report writes it (truncated to about 20 characters).
    pub budget_title: Option<String>,
    /// ISO date of the report (its period end, or the row's report date), for deduplication.
    pub report_date: String,
    pub row: u64,
}

/// Money of a report as the data README counts it: every row's order value whatever its
/// currency, and every row's executed amount.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RawTotals {
    pub volume_any_currency: i64,
    pub executed: i64,
    /// Executed amount of the file's own total row, where it has one.
    pub stated_executed: Option<i64>,
}

/// One contracts file read.
#[derive(Debug)]
pub struct ContractsRead {
    pub tally: RecordTally,
    pub records: Vec<ContractRecord>,
    pub raw_totals: RawTotals,
}

/// Year and period end of a report, from its file name: the first plausible year, a quarter
/// (`q3`) or a half (`-a`, `-b`). `None` when the name has no year.
pub fn report_period(name: &str) -> Option<(u16, String)> {
    let year = name.as_bytes().windows(4).find_map(|window| {
        let text = std::str::from_utf8(window).ok()?;
        let year: u16 = text.parse().ok()?;
        (window.iter().all(u8::is_ascii_digit) && (2000..=2099).contains(&year)).then_some(year)
    })?;
    let lower = name.to_lowercase();
    let end = if let Some(quarter) = (1..=4).find(|quarter| lower.contains(&format!("q{quarter}"))) {
        ["03-31", "06-30", "09-30", "12-31"][quarter - 1]
    } else if lower.contains(&format!("{year}-a")) {
        "03-31"
    } else if lower.contains(&format!("{year}-b")) {
        "06-30"
    } else {
        "12-31"
    };
    Some((year, format!("{year}-{end}")))
}

/// Reads one contracts file, CSV or workbook.
pub fn read(source: &Source, progress: &FileProgress) -> Result<ContractsRead, ReadError> {
    let name = source
        .relative
        .rsplit('/')
        .next()
        .unwrap_or(&source.relative)
        .to_string();
    let mut repaired = Vec::new();
    let rows: Box<dyn Iterator<Item = Result<Row, ReadError>>> = if name.ends_with(".xlsx") || name.ends_with(".xls") {
        let mut rows = workbook_rows(source)?;
        for row in rows.iter_mut().skip(1) {
            if split_tab_joined_cell(row) {
                repaired.push(row.number);
            }
        }
        progress.set_rows(rows.len() as u64);
        Box::new(rows.into_iter().map(Ok))
    } else {
        Box::new(csv_rows(source))
    };
    read_rows(source, &name, &repaired, rows, progress)
}

fn read_rows(
    source: &Source,
    name: &str,
    repaired: &[u64],
    mut rows: impl Iterator<Item = Result<Row, ReadError>>,
    progress: &FileProgress,
) -> Result<ContractsRead, ReadError> {
    let mut tally = RecordTally::new(&source.relative, ("volume", "executed"));
    let Some(header) = rows.next().transpose()? else {
        return Err(ReadError::Empty {
            file: source.path.clone(),
        });
    };
    let table = Table::match_header(&source.path, &header, FIELDS)?;
    table.require(&source.path, header.number, FIELDS, &["supplier_name", "executed"])?;
    let period = report_period(name);
    let has_row_report_date = table.get("report_date").is_some();
    if period.is_none() && !has_row_report_date {
        return Err(ReadError::BadValue {
            file: source.path.clone(),
            row: header.number,
            column: "file name".into(),
            value: name.to_string(),
            expected: "a report year in the file name, such as 2015-economy.csv, or a report_date column".into(),
        });
    }
    let default_publisher = PUBLISHER_BY_FILE
        .iter()
        .find(|(part, _)| name.contains(part))
        .map(|(_, publisher)| publisher.to_string());

    let mut records = Vec::new();
    let mut raw_totals = RawTotals::default();
    let mut pending_total_row = None;
    for row in rows {
        let row = row?;
        progress.row(row.number);
        tally.read();
        if row.is_blank() {
            tally.skip(reason::BLANK_ROW, 0, 0);
            continue;
        }
        let cells = table.fields(&source.path, &row);
        if matches!(row.cells.first(), Some(Cell::Text(_))) && row.cells.iter().any(|cell| cell.text() == "סה\"כ") {
            let executed = executed(&table, &cells, &row)?.unwrap_or(0);
            tally.skip(reason::TOTAL_ROW, 0, executed);
            pending_total_row = Some(row.number);
            raw_totals.stated_executed = Some(executed);
            continue;
        }
        cells.require_width(table.width)?;
        if let Some(column) = (table.width..row.cells.len()).find(|column| !row.cells[*column].is_blank()) {
            return Err(cells.bad_value(
                column,
                "no value in a column without a header; name the column or clear the cell",
            ));
        }
        let mut record = read_record(&table, &cells, &row, period.as_ref(), default_publisher.as_deref())?;
        record.contract.report = source.relative.clone();
        let volume = record.contract.volume.unwrap_or(0);
        let executed = record.contract.executed.unwrap_or(0);
        raw_totals.volume_any_currency += volume;
        raw_totals.executed += executed;
        if record.contract.currency.is_some() && record.contract.volume_ils.is_none() {
            tally.note(reason::FOREIGN_CURRENCY, volume, executed);
        }
        if record.contract.supplier.name.is_empty() {
            tally.note(reason::UNNAMED_SUPPLIER, volume, executed);
        }
        if record.contract.budget_code.is_none() {
            tally.note(reason::NO_LINE, record.contract.volume_ils.unwrap_or(0), executed);
        }
        if repaired.contains(&row.number) {
            tally.note(reason::TAB_JOINED_CELLS, volume, executed);
        }
        tally.keep();
        records.push(record);
    }
    if let Some(total_row) = pending_total_row {
        // The total row is only a sum of the rows above; a row after it would be unexpected.
        if records.last().is_some_and(|record| record.row > total_row) {
            return Err(ReadError::BadValue {
                file: source.path.clone(),
                row: total_row,
                column: "(whole row)".into(),
                value: "סה\"כ".into(),
                expected: "the total row to come after every data row".into(),
            });
        }
    }
    Ok(ContractsRead {
        tally,
        records,
        raw_totals,
    })
}

fn read_record(
    table: &Table,
    cells: &crate::columns::Fields,
    row: &Row,
    period: Option<&(u16, String)>,
    default_publisher: Option<&str>,
) -> Result<ContractRecord, ReadError> {
    // A blank name (employee scholarships in the energy report) is a withheld supplier; the
    // identity step counts it with the private individuals.
    let supplier_name = text(cells, table.get("supplier_name")).unwrap_or_default();
    let publisher = text(cells, table.get("publisher"))
        .or_else(|| text(cells, table.get("report_publisher")))
        .or(default_publisher.map(str::to_string))
        .ok_or_else(|| cells.bad_value(table.get("publisher").unwrap_or(0), "the reporting body (שם חברה)"))?;
    let budget_code = match table.get("budget_code") {
        Some(column) => {
            let value = cells.text(column);
            if value.is_empty() {
                None
            } else {
                Some(parse_line_code(&value).map_err(|error| cells.bad_code(column, &value, error.to_string()))?)
            }
        }
        None => None,
    };
    let executed = executed(table, cells, row)?;
    let volume = shekels(cells, row, table.get("volume"))?;
    let currency = text(cells, table.get("currency")).filter(|currency| currency != "ILS");
    let volume_ils = match (&currency, table.get("volume_ils")) {
        (None, _) => volume,
        (Some(_), Some(_)) => shekels(cells, row, table.get("volume_ils"))?,
        (Some(_), None) => None,
    };
    let order_date = date(cells, row, table.get("order_date"))?;
    let row_report_date = date(cells, row, table.get("report_date"))?;
    let (year, report_date) = match (row_report_date, period) {
        // The Budget Key sample states when each report was filed, not the period it covers;
        // its orders are from the year before, so the order date gives the year.
        (Some(filed), _) => (
            order_date
                .as_deref()
                .and_then(year_of)
                .or(year_of(&filed))
                .unwrap_or_default(),
            filed,
        ),
        (None, Some((year, end))) => (*year, end.clone()),
        (None, None) => return Err(cells.bad_value(table.get("report_date").unwrap_or(0), "a report date")),
    };
    let contract = Contract {
        order_id: text(cells, table.get(ORDER_ID)).filter(|id| id != "0"),
        publisher,
        buyer: text(cells, table.get("buyer")),
        budget_code,
        supplier: Party {
            entity: None,
            name: supplier_name,
        },
        // NOTE: free text, kept as published; it may name a person (a committee member, an
        // employee's course), which only the supplier rule hides when that person is the supplier.
        purpose: text(cells, table.get(PURPOSE)),
        method: text(cells, table.get("method")),
        exemption_reason: text(cells, table.get("exemption_reason")),
        manof_ref: text(cells, table.get("manof_ref")).filter(|reference| reference != "0"),
        order_date,
        start_date: date(cells, row, table.get("start_date"))?,
        end_date: date(cells, row, table.get("end_date"))?,
        volume,
        currency,
        volume_ils,
        executed,
        year,
        report: String::new(),
    };
    Ok(ContractRecord {
        contract,
        supplier_code: text(cells, table.get("supplier_code")),
        company_id: text(cells, table.get("company_id")),
        budget_title: text(cells, table.get("budget_title")),
        report_date,
        row: row.number,
    })
}

/// Repairs a workbook row in which one text cell contains the values of the cells after it joined
/// by tabs, with as many empty cells at the end of the row (one row of the 2016 welfare
/// report). The parts go back into their columns; other rows are left alone. Returns whether
/// the row was repaired.
pub fn split_tab_joined_cell(row: &mut Row) -> bool {
    let Some(index) = row
        .cells
        .iter()
        .position(|cell| matches!(cell, Cell::Text(text) if text.contains('\t')))
    else {
        return false;
    };
    let Cell::Text(joined) = &row.cells[index] else {
        return false;
    };
    let parts: Vec<Cell> = joined
        .split('\t')
        .map(|part| {
            if part.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(part.to_string())
            }
        })
        .collect();
    let extra = parts.len() - 1;
    let trailing_empty = row.cells.iter().rev().take_while(|cell| cell.is_blank()).count();
    if trailing_empty < extra {
        return false;
    }
    row.cells.truncate(row.cells.len() - extra);
    row.cells.splice(index..=index, parts);
    true
}

/// Reads the executed amount. The per-supplier reports state it twice under one header with
/// opposite signs, so the second column is taken after checking that the first is its negation.
fn executed(table: &Table, cells: &crate::columns::Fields, row: &Row) -> Result<Option<i64>, ReadError> {
    match table.all("executed") {
        [] => Ok(None),
        [column] => shekels(cells, row, Some(*column)),
        [first, second] => {
            let negated = shekels(cells, row, Some(*first))?;
            let value = shekels(cells, row, Some(*second))?;
            if negated.map(|amount| -amount) != value {
                return Err(cells.bad_value(
                    *first,
                    &format!(
                        "the negation of the amount in column {} ({})",
                        second + 1,
                        cells.text(*second)
                    ),
                ));
            }
            Ok(value)
        }
        more => Err(cells.bad_value(more[2], "at most two executed columns")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_joined_cell_split_back() {
        let mut row = Row {
            number: 9,
            cells: vec![
                Cell::Text("a".into()),
                Cell::Text("name\t3000.00\tILS  ".into()),
                Cell::Text("לא".into()),
                Cell::Empty,
                Cell::Empty,
            ],
        };
        assert!(split_tab_joined_cell(&mut row));
        assert_eq!(row.cells.len(), 5);
        assert_eq!(row.cells[2], Cell::Text("3000.00".into()));
        assert_eq!(row.cells[4], Cell::Text("לא".into()));
        let mut full = Row {
            number: 2,
            cells: vec![Cell::Text("x\ty".into())],
        };
        assert!(!split_tab_joined_cell(&mut full));
    }

    #[test]
    fn periods_from_names() {
        assert_eq!(
            report_period("2015-economy.xlsx.csv"),
            Some((2015, "2015-12-31".into()))
        );
        assert_eq!(
            report_period("cogat-2016-a-fixed.xlsx"),
            Some((2016, "2016-03-31".into()))
        );
        assert_eq!(
            report_period("cogat-2016-b-fixed.xlsx"),
            Some((2016, "2016-06-30".into()))
        );
        assert_eq!(
            report_period("transport-2017q3-fixed.xlsx"),
            Some((2017, "2017-09-30".into()))
        );
        assert_eq!(report_period("welfare-contracts.xlsx"), None);
    }
}
