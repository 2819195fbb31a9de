//! The portal notices: office tenders (`tenders/`) and exemptions from tender (`exemptions/`,
//! the Budget Key 2016 sample and the freedom-of-information files of Education and Justice).

use std::collections::HashSet;

use budget_model::procurement::{parse_line_code, Exemption, Party, Tender};

use crate::error::ReadError;
use crate::input::{csv_rows, Row, Source};
use crate::progress::FileProgress;

use super::table::{date, shekels, text, Field, Table};
use super::tally::{reason, RecordTally};
use super::values::decode_python_list;

const TENDER_FIELDS: &[Field] = &[
    Field::new("publication_id", &["publication_id"]),
    Field::new("publisher", &["publisher"]),
    Field::new("publish_date", &["publish_date"]),
    Field::new("claim_date", &["claim_date"]),
    Field::new("last_update_date", &["last_update_date"]),
    Field::new("description", &["description"]),
    Field::new("subjects", &["subjects"]),
    Field::new("status", &["status"]),
    // The page address follows from the publication id (`tender_url`); the hour of the
    // deadline is not shown.
    Field::new("unused", &["url", "claim_time"]),
];

const EXEMPTION_FIELDS: &[Field] = &[
    Field::new("publication_id", &["publication_id"]),
    Field::new("budget_code", &["budget_code"]),
    Field::new("publisher", &["publisher"]),
    Field::new("regulation", &["regulation"]),
    Field::new("supplier", &["supplier"]),
    Field::new("supplier_id", &["supplier_id"]),
    Field::new("start_date", &["start_date"]),
    Field::new("end_date", &["end_date"]),
    Field::new("claim_date", &["claim_date"]),
    Field::new("last_update_date", &["last_update_date"]),
    Field::new("description", &["description"]),
    Field::new("volume", &["volume"]),
    Field::new("reason", &["reason"]),
    Field::new("decision", &["decision"]),
    Field::new("subjects", &["subjects"]),
    Field::new("currency", &["source_currency"]),
    Field::new("entity_kind", &["entity_kind"]),
    // Contact names and e-mails of civil servants are personal data the explorer does not need;
    // the page address and title follow from the publication id.
    Field::new("unused", &["contact", "contact_email", "url", "page_title", "entity_id"]),
];

/// Currency names of the exemptions sample, as ISO codes; `None` for shekels.
fn currency_code(name: &str) -> Result<Option<&'static str>, ()> {
    match name {
        "" | "שקל" | "ILS" => Ok(None),
        "דולר" => Ok(Some("USD")),
        "יורו" => Ok(Some("EUR")),
        "לירה סטרלינג" => Ok(Some("GBP")),
        "פרנק שוויצרי" => Ok(Some("CHF")),
        "ין יפני" => Ok(Some("JPY")),
        _ => Err(()),
    }
}

/// Tenders read from one file.
#[derive(Debug)]
pub struct TendersRead {
    pub tally: RecordTally,
    pub tenders: Vec<Tender>,
}

/// One exemption as read, with the supplier id still to be checked.
#[derive(Debug, Clone)]
pub struct ExemptionRecord {
    pub exemption: Exemption,
    pub supplier_id: Option<String>,
    pub entity_kind: Option<String>,
    /// The year for the exemptions list: start date, else last update, else the file name.
    pub year: Option<u16>,
}

/// Exemptions read from one file.
#[derive(Debug)]
pub struct ExemptionsRead {
    pub tally: RecordTally,
    pub records: Vec<ExemptionRecord>,
}

/// Rows of a CSV file after its header, with the header matched.
fn open(source: &Source, fields: &[Field], required: &[&str]) -> Result<(Table, Vec<Row>), ReadError> {
    let mut rows = csv_rows(source);
    let Some(header) = rows.next().transpose()? else {
        return Err(ReadError::Empty {
            file: source.path.clone(),
        });
    };
    let table = Table::match_header(&source.path, &header, fields)?;
    table.require(&source.path, header.number, fields, required)?;
    let rows = rows.collect::<Result<Vec<_>, _>>()?;
    Ok((table, rows))
}

/// Counts the row at `index` as read, and as skipped when it is blank or the cut-off last
/// record of a `.sample.` file; returns true when it is skipped.
fn skip_row(tally: &mut RecordTally, source: &Source, rows: &[Row], index: usize, width: usize) -> bool {
    tally.read();
    let row = &rows[index];
    if row.is_blank() {
        tally.skip(reason::BLANK_ROW, 0, 0);
        return true;
    }
    let truncated = source.relative.contains(".sample.") && index + 1 == rows.len() && row.cells.len() < width;
    if truncated {
        tally.skip(reason::TRUNCATED_SAMPLE_ROW, 0, 0);
    }
    truncated
}

/// Reads the tenders file.
pub fn read_tenders(
    source: &Source,
    registry_publishers: &std::collections::HashMap<String, String>,
    progress: &FileProgress,
) -> Result<TendersRead, ReadError> {
    let mut tally = RecordTally::new(&source.relative, ("", ""));
    let (table, rows) = open(
        source,
        TENDER_FIELDS,
        &["publication_id", "publisher", "publish_date", "description", "status"],
    )?;
    progress.set_rows(rows.len() as u64);
    let mut seen = HashSet::new();
    let mut tenders = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        progress.row(row.number);
        if skip_row(&mut tally, source, &rows, index, table.width) {
            continue;
        }
        let cells = table.fields(&source.path, row);
        cells.require_width(table.width)?;
        let required = |key: &str, what: &str| {
            text(&cells, table.get(key)).ok_or_else(|| cells.bad_value(table.get(key).unwrap_or(0), what))
        };
        let publication_id = required("publication_id", "a publication id")?;
        if !seen.insert(publication_id.clone()) {
            tally.skip(reason::DUPLICATE_PUBLICATION, 0, 0);
            continue;
        }
        let publisher = required("publisher", "a publisher")?;
        let publish_date = date(&cells, row, table.get("publish_date"))?
            .ok_or_else(|| cells.bad_value(table.get("publish_date").unwrap_or(0), "a publication date"))?;
        let subjects = text(&cells, table.get("subjects"))
            .map(|subjects| {
                subjects
                    .split(';')
                    .map(str::trim)
                    .filter(|subject| !subject.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        tenders.push(Tender {
            ministry: registry_publishers.get(&publisher).cloned(),
            publication_id,
            publisher,
            description: required("description", "a description")?,
            publish_date,
            claim_date: date(&cells, row, table.get("claim_date"))?,
            last_update_date: date(&cells, row, table.get("last_update_date"))?,
            status: required("status", "a status")?,
            subjects,
        });
        tally.keep();
    }
    Ok(TendersRead { tally, tenders })
}

/// Reads one exemptions file: the Budget Key sample or a freedom-of-information file.
pub fn read_exemptions(source: &Source, progress: &FileProgress) -> Result<ExemptionsRead, ReadError> {
    let mut tally = RecordTally::new(&source.relative, ("volume", ""));
    let (table, rows) = open(source, EXEMPTION_FIELDS, &["publication_id"])?;
    progress.set_rows(rows.len() as u64);
    let name = source.relative.rsplit('/').next().unwrap_or(&source.relative);
    let name_year = single_year(name);
    let mut records = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        progress.row(row.number);
        if skip_row(&mut tally, source, &rows, index, table.width) {
            continue;
        }
        let cells = table.fields(&source.path, row);
        cells.require_width(table.width)?;
        let publication_id = text(&cells, table.get("publication_id"))
            .ok_or_else(|| cells.bad_value(table.get("publication_id").unwrap_or(0), "a publication id"))?;
        let budget_code = match text(&cells, table.get("budget_code")) {
            None => None,
            Some(value) => match parse_line_code(&value) {
                Ok(code) => Some(code),
                Err(_) => {
                    // The freedom-of-information files have codes typed by hand (`111111`,
                    // `210745`) that name no budget line; the exemption is kept without one.
                    tally.note(reason::NOT_A_LINE, 0, 0);
                    None
                }
            },
        };
        let currency = match table.get("currency") {
            Some(column) => currency_code(&cells.text(column))
                .map_err(|()| cells.bad_value(column, "שקל, דולר, יורו, לירה סטרלינג, פרנק שוויצרי or ין יפני"))?
                .map(str::to_string),
            None => None,
        };
        let subjects = match table.get("subjects") {
            Some(column) => decode_python_list(&cells.text(column))
                .map_err(|problem| cells.bad_value(column, &format!("a Python list of strings ({problem})")))?,
            None => Vec::new(),
        };
        let exemption = Exemption {
            publication_id,
            publisher: text(&cells, table.get("publisher")),
            regulation: text(&cells, table.get("regulation")),
            reason: text(&cells, table.get("reason")),
            decision: text(&cells, table.get("decision")),
            supplier: text(&cells, table.get("supplier")).map(|name| Party { entity: None, name }),
            private_supplier: false,
            budget_code,
            start_date: date(&cells, row, table.get("start_date"))?,
            end_date: date(&cells, row, table.get("end_date"))?,
            claim_date: date(&cells, row, table.get("claim_date"))?,
            last_update_date: date(&cells, row, table.get("last_update_date"))?,
            // NOTE: free text, kept as published. The freedom-of-information descriptions name
            // some consultants who are private individuals; no rule here removes those names.
            description: text(&cells, table.get("description")),
            volume: shekels(&cells, row, table.get("volume"))?,
            currency,
            subjects,
            source: source.relative.clone(),
        };
        let year = exemption
            .start_date
            .as_deref()
            .or(exemption.last_update_date.as_deref())
            .and_then(super::values::year_of)
            .or(name_year);
        records.push(ExemptionRecord {
            supplier_id: text(&cells, table.get("supplier_id")),
            entity_kind: text(&cells, table.get("entity_kind")),
            year,
            exemption,
        });
        tally.keep();
    }
    Ok(ExemptionsRead { tally, records })
}

/// Returns the year in a file name when it names exactly one (`foia-justice_2013` yes,
/// `foia-edu_2013_2014` no).
fn single_year(name: &str) -> Option<u16> {
    let years: Vec<u16> = name
        .split(|ch: char| !ch.is_ascii_digit())
        .filter(|part| part.len() == 4)
        .filter_map(|part| part.parse().ok())
        .filter(|year| (1990..=2099).contains(year))
        .collect();
    match years.as_slice() {
        [year] => Some(*year),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_names() {
        assert_eq!(single_year("foia-justice_2013.foia.csv"), Some(2013));
        assert_eq!(single_year("foia-edu_2013_2014.csv"), None);
        assert_eq!(single_year("obudget-db-2016_1_exemption.sample.csv"), Some(2016));
    }

    #[test]
    fn currencies() {
        assert_eq!(currency_code("שקל"), Ok(None));
        assert_eq!(currency_code("דולר"), Ok(Some("USD")));
        assert!(currency_code("רובל").is_err());
    }
}
