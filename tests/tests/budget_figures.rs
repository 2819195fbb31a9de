//! The amounts shown for a budget item equal the official raw files.

mod common;

use browser_tests::browser::Session;
use calamine::{open_workbook_auto, Data, Reader};
use common::{phase_amount, raw_dir, shekels_from_thousands, wait_for};

/// Expected original, revised and executed amounts of line 20241447 in `new2014.csv`.
fn expected_2014_line() -> [Option<i64>; 3] {
    let path = raw_dir().join("budget/new2014.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let headers = reader.headers().expect("header row").clone();
    let column = |name: &str| headers.iter().position(|header| header == name).unwrap_or_else(|| panic!("no column {name}"));
    let (code, original, revised, executed) = (
        column("קוד תקנה"),
        column("מקורי - נטו"),
        column("תקציב מאושר - הוצאות נטו"),
        column("ביצוע - מזומן"),
    );
    let row = reader
        .records()
        .map(|record| record.expect("valid CSV row"))
        .find(|record| record[code].trim() == "20241447")
        .expect("line 20241447 is in new2014.csv");
    [original, revised, executed].map(|index| shekels_from_thousands(&row[index]))
}

/// Expected amounts of line 20670142 in the 2024 workbook, one row per phase.
fn expected_2024_line() -> [Option<i64>; 3] {
    let path = raw_dir().join("budget/tableau_BudgetData2024-update.xlsx");
    let mut workbook = open_workbook_auto(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let sheet = workbook.worksheet_range_at(0).expect("a sheet").expect("readable sheet");
    let mut rows = sheet.rows();
    let headers: Vec<String> = rows.next().expect("header row").iter().map(|cell| cell.to_string().trim().to_string()).collect();
    let column = |name: &str| headers.iter().position(|header| header == name).unwrap_or_else(|| panic!("no column {name}"));
    let (code, phase, net) = (column("קוד תקנה"), column("סוג תקציב"), column("הוצאה נטו"));
    let mut amounts = [None; 3];
    for row in rows.filter(|row| row[code].to_string().trim() == "20670142") {
        let index = match row[phase].to_string().trim() {
            "מקורי" => 0,
            "מאושר" => 1,
            "ביצוע" => 2,
            other => panic!("unknown phase {other:?}"),
        };
        let value = match &row[net] {
            Data::Float(value) => Some((value * 1000.0).round() as i64),
            Data::Int(value) => Some(value * 1000),
            Data::Empty => None,
            other => shekels_from_thousands(&other.to_string()),
        };
        amounts[index] = Some(amounts[index].unwrap_or(0) + value.unwrap_or(0));
    }
    amounts
}

/// Expected amounts of section 20 in `history2005.csv` (row `0020 - ...`).
fn expected_2005_section() -> [Option<i64>; 3] {
    let path = raw_dir().join("budget-history/history2005.csv");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let row = reader
        .records()
        .map(|record| record.expect("valid CSV row"))
        .find(|record| record[0].starts_with("0020 - "))
        .expect("section 20 is in history2005.csv");
    [1, 2, 3].map(|index| shekels_from_thousands(&row[index]))
}

async fn shown_amounts(session: &Session, hash: &str) -> [Option<i64>; 3] {
    session.open(hash).await;
    wait_for(session, "[data-view=node] [data-phase=original] data").await;
    [
        phase_amount(session, "original").await,
        phase_amount(session, "revised").await,
        phase_amount(session, "executed").await,
    ]
}

#[tokio::test]
async fn line_2014_matches_raw_file() {
    let session = Session::start("he").await;
    let shown = shown_amounts(&session, "#/he/budget/2014/20241447").await;
    session.close().await;
    assert_eq!(shown, expected_2014_line());
}

#[tokio::test]
async fn line_2024_matches_workbook() {
    let session = Session::start("he").await;
    let shown = shown_amounts(&session, "#/he/budget/2024/20670142").await;
    session.close().await;
    assert_eq!(shown, expected_2024_line());
}

#[tokio::test]
async fn section_2005_matches_history() {
    let session = Session::start("he").await;
    let shown = shown_amounts(&session, "#/he/budget/2005/20").await;
    session.close().await;
    assert_eq!(shown, expected_2005_section());
}
