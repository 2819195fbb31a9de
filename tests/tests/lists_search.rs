//! The tenders and exemptions lists, their CSV and XLSX export, and the header's search, on
//! the real snapshot in `dist/`.

mod common;

use std::collections::BTreeSet;
use std::io::Cursor;

use browser_tests::browser::{dist_dir, Session};
use common::{keep_downloads, kept_blob, run_async, wait_for, wait_until};
use fantoccini::Locator;
use serde_json::Value;

/// A publisher with many tenders in 2014, and its count there in the snapshot.
const PUBLISHER: &str = "משרד הבינוי והשיכון";

/// A supplier in the exemptions of 2016 that has a company number.
const SUPPLIER: &str = "מרכז חקלאי העמק";
const SUPPLIER_ID: &str = "512238338";

fn read_json(path: &str) -> Value {
    let path = dist_dir().join("data").join(path);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// Today's date in UTC, as the app computes the status for.
async fn today(session: &Session) -> String {
    let value = session.client.execute("return new Date().toISOString().slice(0, 10);", vec![]).await.expect("date");
    value.as_str().expect("a date string").to_string()
}

/// Scrolls the windowed table `test_id` from top to bottom and returns, for each row seen, its
/// first cell and its `data-status`, and the largest number of body rows in the DOM at once.
async fn scroll_through(session: &Session, test_id: &str) -> (Vec<(String, String)>, u64) {
    let script = format!(
        r#"
        const box = document.querySelector('[data-testid={test_id}]');
        const rowHeight = 44;
        const seen = new Map();
        let most = 0;
        // Waits until the rows at the top and bottom of the view are rendered, then reads them.
        function step(tries) {{
            const rows = box.querySelectorAll('tbody tr[aria-rowindex]');
            const indexes = Array.from(rows, (row) => Number(row.getAttribute('aria-rowindex')));
            const total = Number(box.querySelector('table').getAttribute('aria-rowcount'));
            const top = Math.floor(box.scrollTop / rowHeight) + 2;
            const bottom = Math.min(total, Math.floor((box.scrollTop + box.clientHeight) / rowHeight));
            const covered = indexes.includes(top) && indexes.includes(bottom);
            if (!covered && tries < 50) {{
                setTimeout(() => step(tries + 1), 50);
                return;
            }}
            most = Math.max(most, rows.length);
            for (const row of rows) seen.set(row.querySelector('td').textContent.trim(), row.dataset.status || '');
            if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) {{
                done({{ rows: Array.from(seen.entries()), most }});
                return;
            }}
            box.scrollTop += Math.floor(box.clientHeight / 2);
            setTimeout(() => step(0), 50);
        }}
        step(0);
        "#
    );
    let value = run_async(session, &script).await;
    let rows = value["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|pair| (pair[0].as_str().unwrap_or_default().to_string(), pair[1].as_str().unwrap_or_default().to_string()))
        .collect();
    (rows, value["most"].as_u64().unwrap_or_default())
}

#[tokio::test]
async fn tenders_filtered_from_url() {
    let tenders = read_json("procurement/tenders/2014.json");
    let expected: Vec<&Value> =
        tenders["tenders"].as_array().expect("tenders").iter().filter(|tender| tender["publisher"] == PUBLISHER).collect();
    assert!(expected.len() > 100, "the snapshot has {} tenders of {PUBLISHER} in 2014", expected.len());

    let session = Session::start("he").await;
    session.open(&format!("#/he/tenders?year=2014&publisher={}", percent_encode(PUBLISHER))).await;
    let count = wait_for(&session, "[data-testid=list-count][data-shown]").await;
    let shown: usize = count.attr("data-shown").await.expect("attr").unwrap_or_default().parse().expect("a count");
    assert_eq!(shown, expected.len(), "rows shown for {PUBLISHER} in 2014");
    let total: usize = count.attr("data-total").await.expect("attr").unwrap_or_default().parse().expect("a count");
    assert_eq!(total, tenders["tenders"].as_array().unwrap().len(), "tenders of 2014 loaded");

    let today = today(&session).await;
    let (rows, most_in_dom) = scroll_through(&session, "tenders-table").await;
    let seen: BTreeSet<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();
    let wanted: BTreeSet<&str> = expected.iter().filter_map(|tender| tender["publication_id"].as_str()).collect();
    assert_eq!(seen, wanted, "the rows seen while scrolling are the publisher's tenders");
    assert!(most_in_dom < expected.len() as u64, "{most_in_dom} rows were in the DOM at once");
    for (id, status) in &rows {
        let tender = expected.iter().find(|tender| tender["publication_id"] == id.as_str()).expect("a listed tender");
        let deadline = tender["claim_date"].as_str().unwrap_or_default();
        if !deadline.is_empty() && &deadline[..10] < today.as_str() {
            assert_ne!(status, "open", "tender {id} with deadline {deadline} reads open");
        }
    }

    // Choosing a status writes it to the hash, next to the filters already there.
    session
        .client
        .execute(
            "const select = document.querySelector('[data-testid=filter-status]'); \
             select.value = 'cancelled'; select.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await
        .expect("choose a status");
    let hash = wait_until(&session, "location.hash.includes('status=cancelled') && location.hash", "the hash names the status").await;
    let hash = hash.as_str().unwrap_or_default().to_string();
    assert!(hash.contains("year=2014"), "{hash}");
    assert!(hash.contains(&format!("publisher={}", percent_encode(PUBLISHER))), "{hash}");
    let cancelled = expected.iter().filter(|tender| tender["status"] == "בוטל").count();
    let shown = wait_until(
        &session,
        &format!("document.querySelector('[data-testid=list-count]').dataset.shown === '{cancelled}'"),
        "the count of cancelled tenders",
    )
    .await;
    assert_eq!(shown, Value::Bool(true));
    session.close().await;
}

#[tokio::test]
async fn all_tenders_render_windowed() {
    let total: u64 = read_json("procurement/index.json")["tenders"]
        .as_array()
        .expect("tender files")
        .iter()
        .map(|entry| entry["count"].as_u64().unwrap_or_default())
        .sum();
    let session = Session::start("en").await;
    session.open("#/en/tenders?year=all").await;
    wait_for(&session, "[data-testid=list-count][data-shown]").await;
    let shown = wait_until(&session, "document.querySelector('[data-testid=list-count]').dataset.shown", "the count").await;
    assert_eq!(shown.as_str().unwrap_or_default(), total.to_string(), "every tender of every year");
    let in_dom = session
        .client
        .execute("return document.querySelectorAll('[data-testid=tenders-table] tbody tr[aria-rowindex]').length;", vec![])
        .await
        .expect("count rows");
    assert!(in_dom.as_u64().unwrap_or(u64::MAX) < 100, "{in_dom} rows in the DOM for {total} tenders");
    // Jump to the end: the last rows are rendered there.
    let last = run_async(
        &session,
        r#"
        const box = document.querySelector('[data-testid=tenders-table]');
        box.scrollTop = box.scrollHeight;
        setTimeout(() => {
            const rows = box.querySelectorAll('tbody tr[aria-rowindex]');
            done(rows.length ? rows[rows.length - 1].getAttribute('aria-rowindex') : null);
        }, 300);
        "#,
    )
    .await;
    assert_eq!(last.as_str().unwrap_or_default(), (total + 1).to_string(), "the last row's aria-rowindex");
    session.close().await;
}

#[tokio::test]
async fn exported_csv_and_xlsx_reopen() {
    let exemptions = read_json("procurement/exemptions/2016.json");
    let publisher = "רשות מקרקעי ישראל";
    let expected: Vec<&Value> = exemptions["exemptions"]
        .as_array()
        .expect("exemptions")
        .iter()
        .filter(|row| row["publisher"] == publisher)
        .collect();
    assert!(expected.len() > 50, "{} exemptions of {publisher} in 2016", expected.len());

    let session = Session::start("he").await;
    session.open(&format!("#/he/exemptions?year=2016&publisher={}&sort=-amount", percent_encode(publisher))).await;
    wait_for(&session, "[data-testid=exemptions-table] tbody tr[aria-rowindex]").await;
    keep_downloads(&session).await;
    session.client.find(Locator::Css("[data-testid=export-csv]")).await.expect("CSV button").click().await.expect("click");
    let csv = kept_blob(&session, 0).await;
    assert_eq!(&csv[..3], &[0xEF, 0xBB, 0xBF], "the CSV starts with a UTF-8 byte order mark");

    let mut reader = csv::ReaderBuilder::new().from_reader(&csv[3..]);
    let headers = reader.headers().expect("a header row").clone();
    assert_eq!(&headers[0], "מספר פרסום");
    let records: Vec<csv::StringRecord> = reader.records().map(|record| record.expect("a CSV record")).collect();
    assert_eq!(records.len(), expected.len(), "exported rows");
    let ids: BTreeSet<&str> = records.iter().map(|record| record.get(0).unwrap_or_default()).collect();
    let wanted: BTreeSet<&str> = expected.iter().filter_map(|row| row["publication_id"].as_str()).collect();
    assert_eq!(ids, wanted, "exported publication ids");
    // Sorted by amount, largest first: the first row is the largest exemption.
    let largest = expected.iter().max_by_key(|row| row["volume"].as_i64().unwrap_or(i64::MIN)).expect("a row");
    assert_eq!(records[0].get(7).unwrap_or_default(), largest["volume"].as_i64().expect("an amount").to_string());
    assert_eq!(records[0].get(3).unwrap_or_default(), publisher);
    for record in &records {
        for field in record.iter() {
            assert!(!field.starts_with(['=', '+', '-', '@']), "unneutralised cell {field:?}");
        }
    }

    session.client.find(Locator::Css("[data-testid=export-xlsx]")).await.expect("XLSX button").click().await.expect("click");
    let xlsx = kept_blob(&session, 1).await;
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(xlsx)).expect("the XLSX opens");
    let sheet = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&sheet).expect("the sheet reads");
    assert_eq!(range.height(), records.len() + 1, "XLSX rows");
    assert_eq!(range.get((1, 0)).map(|cell| cell.to_string()), records[0].get(0).map(str::to_string));
    assert_eq!(range.get((1, 7)), Some(&calamine::Data::Float(largest["volume"].as_i64().unwrap() as f64)));
    session.close().await;
}

/// Types `text` into the header's search field and waits for the listbox to show `selector`.
async fn search_in_header(session: &Session, text: &str, selector: &str) -> fantoccini::elements::Element {
    let input = wait_for(session, "[data-testid=search-input]").await;
    input.clear().await.expect("clear the field");
    input.send_keys(text).await.expect("type the query");
    wait_for(session, &format!("[data-testid=search-listbox] {selector}")).await
}

#[tokio::test]
async fn header_search_finds_supplier_and_code() {
    let session = Session::start("he").await;
    session.open("#/he/budget/2014").await;
    wait_for(&session, "[data-view=home] data").await;

    // "ו" (and) glued to the supplier's name.
    let query = format!("ו{SUPPLIER}");
    let option = search_in_header(&session, &query, &format!("[data-kind=entity] a[href$='/entity/{SUPPLIER_ID}']")).await;
    let title = option.text().await.expect("option text");
    assert!(title.contains(SUPPLIER), "option reads {title:?}");
    let input = session.client.find(Locator::Css("[data-testid=search-input]")).await.expect("input");
    assert_eq!(input.attr("aria-expanded").await.expect("attr").as_deref(), Some("true"));

    // The company number finds the same entity.
    search_in_header(&session, SUPPLIER_ID, &format!("[data-kind=entity] a[href$='/entity/{SUPPLIER_ID}']")).await;

    // A dashed budget code finds the line, and Down then Enter opens it.
    search_in_header(&session, "20-24-14-47", "[data-kind=budget] a[href*='/20241447']").await;
    let first = session
        .client
        .execute("return document.querySelector('[data-testid=search-listbox] [role=option]').getAttribute('href');", vec![])
        .await
        .expect("first option");
    assert!(first.as_str().unwrap_or_default().ends_with("/20241447"), "the first option is {first}");
    let input = session.client.find(Locator::Css("[data-testid=search-input]")).await.expect("input");
    input.send_keys("\u{E015}").await.expect("arrow down");
    assert_eq!(input.attr("aria-activedescendant").await.expect("attr").as_deref(), Some("search-option-0"));
    input.send_keys("\u{E007}").await.expect("enter");
    wait_until(&session, "location.hash.endsWith('/20241447')", "Enter opened the budget line").await;

    // The full results page.
    session.open(&format!("#/he/search?q={}", percent_encode(&query))).await;
    wait_for(&session, &format!("[data-testid=search-results] [data-kind=entity] a[href$='/entity/{SUPPLIER_ID}']")).await;
    session.close().await;
}

/// Leaving a filtered list for the other list or for an entity page shows that page: the list
/// being left must not render its rows again on the way out.
#[tokio::test]
async fn leaving_filtered_list_shows_next_page() {
    let session = Session::start("he").await;
    session.open("#/he/exemptions?year=2016").await;
    wait_for(&session, "[data-testid=exemptions-table] tr[aria-rowindex]").await;
    session.client.execute("location.hash = '#/he/tenders';", vec![]).await.expect("go to the tenders");
    wait_for(&session, "[data-testid=tenders-table] tr[aria-rowindex]").await;

    session.open("#/he/tenders?year=2014").await;
    wait_for(&session, "[data-testid=tenders-table] tr[aria-rowindex]").await;
    session.client.execute("location.hash = '#/he/entity/580259661';", vec![]).await.expect("go to an entity");
    wait_for(&session, "[data-testid=entity-contracts] tfoot").await;
    session.close().await;
}

/// The text filter applies once typing pauses, without Enter, and puts the text in the address.
#[tokio::test]
async fn text_filter_applies_while_typing() {
    let session = Session::start("he").await;
    session.open("#/he/tenders?year=2014").await;
    wait_for(&session, "[data-testid=tenders-table] tr[aria-rowindex]").await;
    let field = wait_for(&session, "[data-testid=filter-text]").await;
    field.send_keys("שמירה").await.expect("type into the text filter");
    let hash = wait_until(&session, "location.hash.includes('q=') && location.hash", "the address names the text").await;
    session.close().await;

    let hash = hash.as_str().unwrap_or_default().to_string();
    assert!(hash.contains("year=2014"), "the year filter was lost: {hash}");
}
