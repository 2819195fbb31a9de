//! Broken procurement and supports files stop the build with a message that names the file,
//! the row and what is wrong.

mod common;

use common::{text, Fixture, XlsxCell, BOOK_HEADER};

const CONTRACT_HEADER: &str = "שם חברה,תקנה תקציבית,הזמנת רכש,תאריך יצירת ההזמנה,קוד ספק,שם הספק,\
\"ערך ההזמנה כולל מע\"\"מ\",מטבע,\"ביצוע חשבוניות במטבע מקומי כולל מע\"\"מ והצ\"\n";

const GOOD_CONTRACT: &str = "משרד הבריאות,20670142,4500000001,01-28-16,40000001,\"חברה בע\"\"מ\",100,ILS,90\n";

const TENDER_HEADER: &str = "publication_id,publisher,publish_date,claim_date,claim_time,last_update_date,description,url,subjects,status\n";

/// Builds a raw folder with a budget file and `relative`, and returns the failed run's stderr.
fn failure(relative: &str, bytes: impl AsRef<[u8]>) -> String {
    let fixture = Fixture::new();
    fixture.write(
        "budget/new2013.csv",
        format!("{BOOK_HEADER}2013,20,חינוך,2067,פעולות,206701,נוער,20670142,תנועות נוער,תקנה פעילה,הוצאה,1,1,1\n"),
    );
    fixture.write(relative, bytes);
    let run = fixture.build();
    assert!(!run.success, "the build should fail:\n{}", run.stderr);
    assert!(!fixture.out().exists(), "a failed build must not write the snapshot");
    run.stderr
}

fn assert_names(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "expected {part:?} in:\n{stderr}");
    }
}

#[test]
fn contract_bad_number_named() {
    let body = format!("{CONTRACT_HEADER}{GOOD_CONTRACT}משרד הבריאות,20670142,4500000002,01-28-16,40000001,חברה,12x,ILS,90\n");
    let stderr = failure("contracts/2016-health.csv", body);
    assert_names(&stderr, &["2016-health.csv, row 3", "invalid number \"12x\"", "correct the cell"]);
}

#[test]
fn contract_bad_date_named() {
    let body = format!("{CONTRACT_HEADER}משרד הבריאות,20670142,4500000002,13-45-16,40000001,חברה,12,ILS,90\n");
    let stderr = failure("contracts/2016-health.csv", body);
    assert_names(&stderr, &["2016-health.csv, row 2", "column \"תאריך יצירת ההזמנה\"", "unexpected value \"13-45-16\"", "MM-DD-YY"]);
}

#[test]
fn contract_short_row_named() {
    let body = format!("{CONTRACT_HEADER}{GOOD_CONTRACT}משרד הבריאות,20670142\n");
    let stderr = failure("contracts/2016-health.csv", body);
    assert_names(&stderr, &["2016-health.csv, row 3", "has 2 columns, expected 9"]);
}

#[test]
fn contract_unknown_header_named() {
    let body = format!("{}{GOOD_CONTRACT}", CONTRACT_HEADER.replace("מטבע", "מטבע ההזמנה"));
    let stderr = failure("contracts/2016-health.csv", body);
    assert_names(&stderr, &["2016-health.csv, row 1", "unknown column header \"מטבע ההזמנה\" in column 8"]);
}

#[test]
fn contract_invalid_utf8_named() {
    let mut body = format!("{CONTRACT_HEADER}{GOOD_CONTRACT}").into_bytes();
    body.extend_from_slice(b"\xE0\xE1,20670142,4500000003,01-28-16,1,x,1,ILS,1\n");
    let stderr = failure("contracts/2016-health.csv", body);
    assert_names(&stderr, &["2016-health.csv, row 3", "not valid UTF-8", "iconv"]);
}

#[test]
fn contract_bad_line_code_named() {
    let body = format!("{CONTRACT_HEADER}משרד הבריאות,206701,4500000002,01-28-16,40000001,חברה,12,ILS,90\n");
    let stderr = failure("contracts/2016-health.csv", body);
    assert_names(&stderr, &["2016-health.csv, row 2", "invalid budget code \"206701\""]);
}

#[test]
fn contract_value_in_unnamed_column_named() {
    let body = format!("{CONTRACT_HEADER}{}", GOOD_CONTRACT.replace('\n', ",stray\n"));
    let stderr = failure("contracts/2016-health.csv", body);
    assert_names(&stderr, &["2016-health.csv, row 2", "column \"column 10\"", "unexpected value \"stray\""]);
}

#[test]
fn contract_file_without_year_named() {
    let stderr = failure("contracts/health.csv", format!("{CONTRACT_HEADER}{GOOD_CONTRACT}"));
    assert_names(&stderr, &["health.csv, row 1", "a report year in the file name"]);
}

#[test]
fn contract_signed_columns_must_match() {
    let body = "תקנה תקציבית,שם ספק,\"ביצוע בפועל/סכום במט\"\"מ כולל מע\"\"מ\",\"ביצוע בפועל/סכום במט\"\"מ כולל מע\"\"מ\",שם חברה\n\
08510503,ספק,\" \t-100 \",\" \t90 \",משרד המשפטים\n";
    let stderr = failure("contracts/2016-legal-aid.csv", body);
    assert_names(&stderr, &["2016-legal-aid.csv, row 2", "the negation of the amount in column 4"]);
}

#[test]
fn workbook_bad_date_named() {
    let fixture_rows = vec![
        vec![text("שם חברה"), text("תקנה תקציבית"), text("שם הספק"), text("תאריך יצירת ההזמנה"), text("ביצוע חשבוניות במטבע מקומי כולל מע\"מ והצ")],
        vec![text("משרד"), text("20670142"), text("חברה בע\"מ"), text("soon"), XlsxCell::Number(5.0)],
    ];
    let fixture = Fixture::new();
    fixture.write("budget/new2013.csv", format!("{BOOK_HEADER}2013,20,חינוך,2067,פעולות,206701,נוער,20670142,תנועות נוער,תקנה פעילה,הוצאה,1,1,1\n"));
    fixture.write_xlsx("contracts/cogat-2016-fixed.xlsx", &fixture_rows);
    let run = fixture.build();
    assert!(!run.success, "{}", run.stderr);
    assert_names(&run.stderr, &["cogat-2016-fixed.xlsx, row 2", "unexpected value \"soon\""]);
}

#[test]
fn support_short_row_named() {
    let body = "2011,2000,משרד החינוך,20670142,עמותה,הקצבות,תנועות,1,10,9\n2011,2000,משרד החינוך,20670142\n";
    let stderr = failure("supports/tmichot2011.csv", body);
    assert_names(&stderr, &["tmichot2011.csv, row 2", "has 4 columns, expected 10"]);
}

#[test]
fn support_bad_number_named() {
    let body = "2011,2000,משרד החינוך,20670142,עמותה,הקצבות,תנועות,1,10,9\n2011,2000,משרד החינוך,20670142,עמותה,הקצבות,תנועות,1,10,nine\n";
    let stderr = failure("supports/tmichot2011.csv", body);
    assert_names(&stderr, &["tmichot2011.csv, row 2", "column \"amount_supported\"", "invalid number \"nine\""]);
}

#[test]
fn support_bad_year_named() {
    let stderr = failure("supports/tmichot2011.csv", "20x1,2000,משרד החינוך,20670142,עמותה,הקצבות,תנועות,1,10,9\n");
    assert_names(&stderr, &["tmichot2011.csv, row 1", "column \"year\""]);
}

#[test]
fn support_invalid_utf8_named() {
    let mut body = b"2011,2000,x,20670142,a,b,c,1,10,9\n".to_vec();
    body.extend_from_slice(b"2011,2000,\xFF,20670142,a,b,c,1,10,9\n");
    let stderr = failure("supports/tmichot2011.csv", body);
    assert_names(&stderr, &["tmichot2011.csv, row 2", "not valid UTF-8"]);
}

#[test]
fn support_sample_unknown_header_named() {
    let stderr = failure("supports/obudget-db-2016_1_supports.sample.csv", "year,subject,code,recipient,kind,title,num_used,amount_allocated,amount_paid\n");
    assert_names(&stderr, &["supports.sample.csv, row 1", "unknown column header \"amount_paid\" in column 9"]);
}

#[test]
fn tender_bad_date_named() {
    let body = format!("{TENDER_HEADER}577113,משרד,22/02/2016,,12:00,,מכרז,http://x,,חדש\n");
    let stderr = failure("tenders/tenders.csv", body);
    assert_names(&stderr, &["tenders.csv, row 2", "column \"publish_date\"", "unexpected value \"22/02/2016\""]);
}

#[test]
fn tender_short_row_named() {
    let body = format!("{TENDER_HEADER}577113,משרד,2016-02-22\n577114,משרד,2016-02-22,,12:00,,מכרז,http://x,,חדש\n");
    let stderr = failure("tenders/tenders.csv", body);
    assert_names(&stderr, &["tenders.csv, row 2", "has 3 columns, expected 10"]);
}

#[test]
fn exemption_bad_python_list_named() {
    let body = "publication_id,subjects\n578755,\"[u'\\u05e9\"\n";
    let stderr = failure("exemptions/notices-2016.csv", body);
    assert_names(&stderr, &["notices-2016.csv, row 2", "column \"subjects\"", "a Python list of strings"]);
}

#[test]
fn exemption_bad_volume_named() {
    let body = "budget_code,publication_id,reason,description,volume\n8010210,538821,3(29),תרגום,about 5000\n";
    let stderr = failure("exemptions/foia-justice_2013.foia.csv", body);
    assert_names(&stderr, &["foia-justice_2013.foia.csv, row 2", "invalid number \"about 5000\""]);
}

#[test]
fn exemption_short_row_outside_sample_named() {
    // Only the last row of a `.sample.` file may be cut off; elsewhere a short row is an error.
    let body = "budget_code,publication_id,reason,description,volume\n8010210,538821\n";
    let stderr = failure("exemptions/foia-justice_2013.foia.csv", body);
    assert_names(&stderr, &["foia-justice_2013.foia.csv, row 2", "has 2 columns, expected 5"]);
}

#[test]
fn registry_unknown_header_named() {
    let stderr = failure("entities/special-entities.csv", "kind,name,id,street,phone\n");
    assert_names(&stderr, &["special-entities.csv, row 1", "unknown column header \"phone\" in column 5"]);
}

#[test]
fn municipalities_bad_json_named() {
    let stderr = failure("entities/municipalities.jsons", "{\"id\": \"e3764fb5\", \"name\": \"a\"}\n{\"id\": \n");
    assert_names(&stderr, &["municipalities.jsons, row 2", "invalid JSON line"]);
}

#[test]
fn support_totals_checked_against_readme() {
    // tmichot2014 is one of the years the data README states (22.8 bn ₪ paid).
    let stderr = failure("supports/tmichot2014.csv", "2014,2000,משרד החינוך,20670142,עמותה,הקצבות,תנועות,1,10,9\n");
    assert_names(&stderr, &["procurement sanity check failed", "supports 2014: paid expected 22.8 bn ₪, got 0.0 bn ₪"]);
}
