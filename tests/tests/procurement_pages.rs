//! The procurement pages show the contracts and supports of the snapshot, with totals that
//! equal the rows they sum.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use browser_tests::browser::{dist_dir, Session};
use common::{keep_downloads, kept_blob, wait_for};
use fantoccini::Locator;
use serde_json::Value;

/// A 2015 Ministry of Economy program whose lines have contracts with organisations, rows of
/// private individuals and supports. The 2015 budget lists programs but no lines.
const PROGRAM: &str = "364101";
const PROGRAM_YEAR: u16 = 2015;

/// An association paid through contracts in 2015–2016 and through supports in 2008 and 2010.
const ENTITY: &str = "580259661";

fn read_json(path: &PathBuf) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn spending_dir() -> PathBuf {
    dist_dir().join("data/procurement/spending")
}

fn int(value: &Value) -> i64 {
    value.as_i64().unwrap_or(0)
}

/// Totals of the lines under a budget item, summed over their rows in the shard file.
#[derive(Debug, Default, PartialEq)]
struct ItemSums {
    /// Contracts with organisations plus the orders in the private individuals' rows.
    orders: i64,
    volume: i64,
    executed: i64,
    /// Rows of contracts with organisations.
    contract_rows: usize,
    /// Supports to organisations plus the private rows.
    supports_paid: i64,
    /// Rows of supports to organisations.
    support_rows: usize,
}

fn item_sums_from_shard(year: u16, code: &str) -> ItemSums {
    let shard = read_json(&spending_dir().join(format!("{year}/{}.json", &code[..4])));
    let mut sums = ItemSums::default();
    let lines = shard["lines"].as_array().expect("lines");
    for line in lines.iter().filter(|line| line["code"].as_str().expect("a code").starts_with(code)) {
        for contract in line["contracts"].as_array().into_iter().flatten() {
            sums.orders += 1;
            sums.volume += int(&contract["volume_ils"]);
            sums.executed += int(&contract["executed"]);
            sums.contract_rows += 1;
        }
        let private = &line["private_contracts"];
        sums.orders += int(&private["orders"]);
        sums.volume += int(&private["volume"]);
        sums.executed += int(&private["executed"]);
        for support in line["supports"].as_array().into_iter().flatten() {
            sums.supports_paid += int(&support["paid"]);
            sums.support_rows += 1;
        }
        sums.supports_paid += int(&line["private_supports"]["paid"]);
    }
    sums
}

/// Per year, the invoices paid on contracts with `entity` and the supports paid to it, summed
/// over every spending shard of the snapshot.
fn entity_sums_from_shards(entity: &str) -> BTreeMap<u16, (i64, i64)> {
    let mut sums = BTreeMap::new();
    for year_dir in std::fs::read_dir(spending_dir()).expect("spending folder") {
        let year_dir = year_dir.expect("folder entry").path();
        for file in std::fs::read_dir(&year_dir).expect("year folder") {
            let path = file.expect("file entry").path();
            if path.file_name().is_some_and(|name| name == "index.json") {
                continue;
            }
            let shard = read_json(&path);
            let year = shard["year"].as_u64().expect("shard year") as u16;
            for line in shard["lines"].as_array().expect("lines") {
                for contract in line["contracts"].as_array().into_iter().flatten() {
                    if contract["supplier"]["entity"] == entity {
                        sums.entry(year).or_insert((0, 0)).0 += int(&contract["executed"]);
                    }
                }
                for support in line["supports"].as_array().into_iter().flatten() {
                    if support["recipient"]["entity"] == entity {
                        sums.entry(year).or_insert((0, 0)).1 += int(&support["paid"]);
                    }
                }
            }
        }
    }
    sums
}

/// Returns the integer `value` of the `<data>` inside the first match of `selector`.
async fn data_value(session: &Session, selector: &str) -> i64 {
    let element = wait_for(session, &format!("{selector} data")).await;
    let value =
        element.attr("value").await.expect("attribute").unwrap_or_else(|| panic!("{selector} data has no value"));
    value.parse().unwrap_or_else(|_| panic!("{selector}: {value:?} is not an integer"))
}

/// Returns the sum of the `<data value>` of every match of `selector`.
async fn sum_of(session: &Session, selector: &str) -> i64 {
    let mut sum = 0;
    for element in session.client.find_all(Locator::Css(selector)).await.expect("find_all") {
        let value = element.attr("value").await.expect("attribute").expect("a value");
        sum += value.parse::<i64>().expect("an integer");
    }
    sum
}

#[tokio::test]
async fn item_totals_equal_shard_rows() {
    let expected = item_sums_from_shard(PROGRAM_YEAR, PROGRAM);
    assert!(expected.contract_rows > 10, "too few contracts to test: {expected:?}");
    assert!(expected.support_rows > 0, "no supports to test: {expected:?}");
    let session = Session::start("he").await;
    session.open(&format!("#/he/budget/{PROGRAM_YEAR}/{PROGRAM}")).await;
    let section = "[data-testid=item-procurement]";
    wait_for(&session, &format!("{section} [data-testid=spending-summary]")).await;
    let orders = data_value(&session, &format!("{section} [data-testid=total-orders]")).await;
    let volume = data_value(&session, &format!("{section} [data-testid=total-volume]")).await;
    let executed = data_value(&session, &format!("{section} [data-testid=total-executed]")).await;
    let supports_paid = data_value(&session, &format!("{section} [data-testid=total-supports-paid]")).await;
    let listed = session.client.find_all(Locator::Css("[data-testid=top-contracts] li")).await.expect("top list").len();
    let link = wait_for(&session, "[data-testid=all-contracts-link]").await.attr("href").await.expect("href");
    session.close().await;

    assert_eq!(orders, expected.orders);
    assert_eq!(volume, expected.volume);
    assert_eq!(executed, expected.executed);
    assert_eq!(supports_paid, expected.supports_paid);
    assert_eq!(listed, 10);
    assert_eq!(link.as_deref(), Some(format!("#/he/contracts/{PROGRAM_YEAR}/{PROGRAM}").as_str()));
}

#[tokio::test]
async fn contracts_page_rows_sum_to_totals() {
    let expected = item_sums_from_shard(PROGRAM_YEAR, PROGRAM);
    let session = Session::start("he").await;
    session.open(&format!("#/he/contracts/{PROGRAM_YEAR}/{PROGRAM}")).await;
    let contracts = "[data-testid=contracts-table]";
    let supports = "[data-testid=supports-table]";
    wait_for(&session, &format!("{contracts} tfoot")).await;
    let rows =
        session.client.find_all(Locator::Css(&format!("{contracts} tbody tr[data-row=contract]"))).await.expect("rows");
    let private_rows =
        session.client.find_all(Locator::Css(&format!("{contracts} tbody tr[data-row=private]"))).await.expect("rows");
    let row_executed = sum_of(&session, &format!("{contracts} tbody [data-column=executed] data")).await;
    let row_volume = sum_of(&session, &format!("{contracts} tbody [data-column=volume] data:not(.foreign)")).await;
    let total_executed = data_value(&session, &format!("{contracts} tfoot [data-column=executed]")).await;
    let total_volume = data_value(&session, &format!("{contracts} tfoot [data-column=volume]")).await;
    let support_rows =
        session.client.find_all(Locator::Css(&format!("{supports} tbody tr[data-row=support]"))).await.expect("rows");
    let row_paid = sum_of(&session, &format!("{supports} tbody [data-column=paid] data")).await;
    let total_paid = data_value(&session, &format!("{supports} tfoot [data-column=paid]")).await;
    let shown_orders = data_value(&session, "[data-testid=total-orders]").await;
    let back = wait_for(&session, "[data-testid=back-to-item]").await.attr("href").await.expect("href");
    session.close().await;

    assert_eq!(rows.len(), expected.contract_rows);
    assert_eq!(private_rows.len(), 1);
    assert_eq!(row_executed, total_executed);
    assert_eq!(row_volume, total_volume);
    assert_eq!(total_executed, expected.executed);
    assert_eq!(total_volume, expected.volume);
    assert_eq!(shown_orders, expected.orders);
    assert_eq!(support_rows.len(), expected.support_rows);
    assert_eq!(row_paid, total_paid);
    assert_eq!(total_paid, expected.supports_paid);
    assert_eq!(back.as_deref(), Some(format!("#/he/budget/{PROGRAM_YEAR}/{PROGRAM}").as_str()));
}

#[tokio::test]
async fn contracts_export_has_every_row() {
    let expected = item_sums_from_shard(PROGRAM_YEAR, PROGRAM);
    let session = Session::start("en").await;
    session.open(&format!("#/en/contracts/{PROGRAM_YEAR}/{PROGRAM}")).await;
    wait_for(&session, "[data-testid=contracts-table] tfoot").await;
    keep_downloads(&session).await;
    let button = session.client.find(Locator::Css("[data-testid=export-csv]")).await.expect("the first CSV button");
    button.click().await.expect("click");
    let csv = kept_blob(&session, 0).await;
    session.close().await;

    assert_eq!(&csv[..3], &[0xEF, 0xBB, 0xBF], "the CSV starts with a UTF-8 byte order mark");
    let mut reader = csv::ReaderBuilder::new().from_reader(&csv[3..]);
    let headers = reader.headers().expect("a header row").clone();
    let executed_column = headers.iter().position(|header| header == "Paid on invoices").expect("an executed column");
    let records: Vec<csv::StringRecord> = reader.records().map(|record| record.expect("a CSV record")).collect();
    // Every contract, then the private individuals' row.
    assert_eq!(records.len(), expected.contract_rows + 1, "exported rows");
    let executed: i64 =
        records.iter().map(|record| record.get(executed_column).unwrap_or_default().parse::<i64>().unwrap_or(0)).sum();
    assert_eq!(executed, expected.executed, "exported executed amounts");
}

#[tokio::test]
async fn entity_years_equal_shard_sums() {
    let expected = entity_sums_from_shards(ENTITY);
    assert!(expected.len() >= 3, "the entity has rows in several years: {expected:?}");
    let session = Session::start("he").await;
    session.open(&format!("#/he/entity/{ENTITY}")).await;
    wait_for(&session, "[data-testid=entity-years] tbody tr").await;
    let mut shown = BTreeMap::new();
    for row in session.client.find_all(Locator::Css("[data-testid=entity-years] tbody tr")).await.expect("rows") {
        let year: u16 = row.attr("data-year").await.expect("attribute").expect("data-year").parse().expect("a year");
        let cell = |column: &'static str| {
            let row = row.clone();
            async move {
                let data = row.find(Locator::Css(&format!("[data-column={column}] data"))).await.expect("cell");
                data.attr("value").await.expect("attribute").expect("value").parse::<i64>().expect("an integer")
            }
        };
        let executed = cell("executed").await;
        let paid = cell("paid").await;
        let received = cell("received").await;
        assert_eq!(received, executed + paid, "received in {year}");
        shown.insert(year, (executed, paid));
    }
    let chart = session.client.find(Locator::Css("canvas[data-testid=entity-years-chart]")).await;
    session.close().await;

    assert_eq!(shown, expected);
    assert!(chart.is_ok(), "the per-year chart is drawn");
}

#[tokio::test]
async fn year_without_procurement_says_so() {
    let session = Session::start("en").await;
    session.open("#/en/budget/2020/20").await;
    let note = wait_for(&session, "[data-testid=item-procurement] [data-testid=no-procurement]").await;
    let text = note.text().await.expect("text");
    session.close().await;

    assert!(text.contains("2020"), "{text}");
    assert!(!text.is_empty());
}

#[tokio::test]
async fn publisher_method_kinds_sum_to_year() {
    // The coordination unit (COGAT) reports two years, so the page has a year selector.
    let summary = read_json(&dist_dir().join("data/procurement/publishers/p90dbc4ce.json"));
    let latest = summary["years"].as_array().expect("years").last().expect("a year").clone();
    let session = Session::start("en").await;
    session.open("#/en/publisher/p90dbc4ce").await;
    wait_for(&session, "[data-testid=publisher-kinds] tfoot").await;
    let kinds_executed = sum_of(&session, "[data-testid=publisher-kinds] tbody [data-column=executed] data").await;
    let kinds_orders = sum_of(&session, "[data-testid=publisher-kinds] tbody [data-column=orders] data").await;
    let total_executed = data_value(&session, "[data-testid=publisher-kinds] tfoot [data-column=executed]").await;
    let shown_year =
        wait_for(&session, "[data-testid=publisher-year]").await.attr("data-year").await.expect("attribute");
    let selector = session.client.find(Locator::Css("select[data-testid=publisher-year-select]")).await;
    session.close().await;

    assert_eq!(kinds_executed, total_executed);
    assert_eq!(total_executed, int(&latest["totals"]["executed"]));
    assert_eq!(kinds_orders, int(&latest["totals"]["orders"]));
    assert_eq!(shown_year, Some(latest["year"].to_string()));
    assert!(selector.is_ok(), "a publisher with two years has a year selector");
}

#[tokio::test]
async fn publisher_export_lists_every_supplier() {
    let summary = read_json(&dist_dir().join("data/procurement/publishers/p90dbc4ce.json"));
    let latest = summary["years"].as_array().expect("years").last().expect("a year").clone();
    let suppliers = latest["suppliers"].as_array().expect("suppliers").len();
    let private_rows = usize::from(!latest["private"].is_null());
    let session = Session::start("en").await;
    session.open("#/en/publisher/p90dbc4ce").await;
    wait_for(&session, "[data-testid=publisher-suppliers] tbody tr").await;
    keep_downloads(&session).await;
    let button = session.client.find(Locator::Css("[data-testid=export-csv]")).await.expect("the CSV button");
    button.click().await.expect("click");
    let csv = kept_blob(&session, 0).await;
    session.close().await;

    let mut reader = csv::ReaderBuilder::new().from_reader(&csv[3..]);
    let records: Vec<csv::StringRecord> = reader.records().map(|record| record.expect("a CSV record")).collect();
    assert_eq!(records.len(), suppliers + private_rows, "exported suppliers");
    let executed: i64 = records.iter().map(|record| record.get(4).unwrap_or_default().parse::<i64>().unwrap_or(0)).sum();
    assert_eq!(executed, int(&latest["totals"]["executed"]), "exported executed amounts");
}
