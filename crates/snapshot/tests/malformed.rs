//! Broken inputs stop the build with a message that names the file, the row and what to do.

mod common;

use common::{history_row, tableau_row, text, Fixture, BOOK_HEADER, TABLEAU_HEADER};

/// Builds a raw folder holding one file and returns the failed run's stderr.
fn failure(relative: &str, bytes: impl AsRef<[u8]>) -> String {
    let fixture = Fixture::new();
    fixture.write(relative, bytes);
    let run = fixture.build();
    assert!(!run.success, "the build should fail:\n{}", run.stderr);
    assert!(
        !fixture.out().exists(),
        "a failed build must not write the snapshot"
    );
    run.stderr
}

fn assert_names(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "expected {part:?} in:\n{stderr}");
    }
}

#[test]
fn bad_number_named() {
    let body = format!(
        "{}{}",
        history_row("0020", "חינוך", "1", "2", "3"),
        history_row("002001", "מינהל", "1", "2x", "3")
    );
    let stderr = failure("budget-history/history2005.csv", body);
    assert_names(
        &stderr,
        &[
            "history2005.csv, row 2",
            "column \"revised (column 3)\"",
            "invalid number \"2x\"",
            "correct the cell",
        ],
    );
}

#[test]
fn short_row_named() {
    let body = format!("{BOOK_HEADER}2013,20,חינוך,2067,פעולות\n");
    let stderr = failure("budget/new2013.csv", body);
    assert_names(&stderr, &["new2013.csv, row 2", "has 5 columns, expected 14"]);
}

#[test]
fn unknown_header_named() {
    let body = BOOK_HEADER.replace("סוג הוצאה", "סוג ההוצאה");
    let stderr = failure("budget/new2013.csv", format!("{body}2013,20\n"));
    assert_names(
        &stderr,
        &[
            "new2013.csv, row 1",
            "unknown column header \"סוג ההוצאה\" in column 11",
        ],
    );
}

#[test]
fn missing_header_named() {
    let body = BOOK_HEADER.replace(",ביצוע - מזומן", "");
    let stderr = failure("budget/new2013.csv", body);
    assert_names(
        &stderr,
        &[
            "new2013.csv, row 1",
            "required column \"ביצוע - מזומן\" is missing",
        ],
    );
}

#[test]
fn invalid_utf8_named() {
    let mut body = history_row("0020", "חינוך", "1", "2", "3").into_bytes();
    // "חינוך" in windows-1255, the encoding the official files often come in.
    body.extend_from_slice(b"\"002001 - \xE7\xE9\xF0\xE5\xEA\",\"1\",\"2\",\"3\"\n");
    let stderr = failure("budget-history/history2005.csv", body);
    assert_names(
        &stderr,
        &["history2005.csv, row 2", "not valid UTF-8", "must be UTF-8"],
    );
}

#[test]
fn bad_code_named() {
    let body =
        format!("{BOOK_HEADER}2013,20,חינוך,2067,פעולות,206701,נוער,2067014,תנועות,תקנה פעילה,הוצאה,1,1,1\n");
    let stderr = failure("budget/new2013.csv", body);
    assert_names(
        &stderr,
        &[
            "new2013.csv, row 2",
            "column \"קוד תקנה\"",
            "invalid budget code \"2067014\"",
        ],
    );
}

#[test]
fn line_outside_program_named() {
    let body = format!(
        "{BOOK_HEADER}2013,20,חינוך,2067,פעולות,206701,נוער,20680142,תנועות,תקנה פעילה,הוצאה,1,1,1\n"
    );
    let stderr = failure("budget/new2013.csv", body);
    assert_names(&stderr, &["row 2", "\"20680142\"", "does not lie under 206701"]);
}

#[test]
fn xlsx_bad_value_named() {
    let fixture = Fixture::new();
    let mut rows = vec![TABLEAU_HEADER.iter().map(|name| text(name)).collect::<Vec<_>>()];
    rows.push(tableau_row(2018.0, "20670142", "הוצאה", 0.0, "מקורי", 1.0));
    rows.push(tableau_row(2018.0, "20670142", "הוצאה", 0.0, "תחזית", 1.0));
    fixture.write_xlsx("budget/tableau_BudgetData2018.xlsx", &rows);
    let run = fixture.build();
    assert!(!run.success);
    assert_names(
        &run.stderr,
        &[
            "tableau_BudgetData2018.xlsx, row 3",
            "column \"סוג תקציב\"",
            "unexpected value \"תחזית\"",
        ],
    );
}

#[test]
fn xlsx_mixed_years_rejected() {
    let fixture = Fixture::new();
    let mut rows = vec![TABLEAU_HEADER.iter().map(|name| text(name)).collect::<Vec<_>>()];
    rows.push(tableau_row(2018.0, "20670142", "הוצאה", 0.0, "מקורי", 1.0));
    rows.push(tableau_row(2019.0, "20670142", "הוצאה", 0.0, "מאושר", 1.0));
    fixture.write_xlsx("budget/tableau_BudgetData2018.xlsx", &rows);
    let run = fixture.build();
    assert!(!run.success);
    assert_names(
        &run.stderr,
        &[
            "row 3",
            "column \"שנה\"",
            "expected 2018, the year of the first data row",
        ],
    );
}

#[test]
fn duplicate_year_rejected() {
    let fixture = Fixture::new();
    for name in [
        "tableau_BudgetData2018.xlsx",
        "tableau_BudgetData2018-update.xlsx",
    ] {
        let mut rows = vec![TABLEAU_HEADER.iter().map(|name| text(name)).collect::<Vec<_>>()];
        rows.push(tableau_row(2018.0, "20670142", "הוצאה", 0.0, "מקורי", 1.0));
        fixture.write_xlsx(&format!("budget/{name}"), &rows);
    }
    let run = fixture.build();
    assert!(!run.success);
    assert_names(
        &run.stderr,
        &["year 2018 is supplied by both", "remove one of the two files"],
    );
}

#[test]
fn sanity_mismatch_fails() {
    // The data README states 399.0 bn ₪ of original expenses for 2014; one line cannot match.
    let body = format!(
        "{}2014,20,חינוך,2067,פעולות,206701,נוער,20670142,תנועות,תקנה פעילה,הוצאה,1,1,1\n",
        BOOK_HEADER
    );
    let stderr = failure("budget/new2014.csv", body);
    assert_names(
        &stderr,
        &[
            "sanity check failed for 2014",
            "2014 original: expected 399.0 bn ₪, got 0.0 bn ₪",
        ],
    );
}

#[test]
fn no_budget_files_names_env() {
    let fixture = Fixture::new();
    fixture.write("reference/gdp.csv", "year,gdp\n");
    let run = fixture.build();
    assert!(!run.success);
    assert_names(&run.stderr, &["no budget files found in", "BUDGET_RAW"]);
}

#[test]
fn missing_raw_folder_names_env() {
    let fixture = Fixture::new();
    let run = fixture.build();
    assert!(!run.success);
    assert_names(&run.stderr, &["raw-data folder", "not found", "BUDGET_RAW"]);
}

#[test]
fn foreign_out_folder_kept() {
    let fixture = Fixture::new();
    fixture.write(
        "budget-history/history2005.csv",
        history_row("0020", "חינוך", "1", "2", "3"),
    );
    std::fs::create_dir_all(fixture.out()).unwrap();
    std::fs::write(fixture.out().join("notes.txt"), "mine").unwrap();
    let run = fixture.build();
    assert!(!run.success);
    assert_names(&run.stderr, &["does not look like a snapshot"]);
    assert!(fixture.out().join("notes.txt").exists());
}
