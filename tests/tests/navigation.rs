//! Walking the site as a reader does: drill-down by clicks, languages, errors.

mod common;

use std::path::Path;

use browser_tests::browser::{dist_dir, Session};
use common::wait_for;
use fantoccini::Locator;

/// The code at the end of a budget link such as `#/he/budget/2014/2024`.
fn code_of(href: &str) -> &str {
    href.rsplit('/').next().unwrap_or("")
}

#[tokio::test]
async fn drill_down_home_to_line_by_clicks() {
    let session = Session::start("he").await;
    session.open("#/he/budget/2014").await;
    wait_for(&session, "[data-view=home] data").await;
    let mut depth = 0;
    while depth < 8 {
        let scope = if depth == 0 { "[data-view=home]" } else { "[data-view=node]" };
        let selector = format!("{scope} table a[href*='/budget/2014/']");
        wait_for(&session, &selector).await;
        let mut next = None;
        for link in session.client.find_all(Locator::Css(&selector)).await.expect("links") {
            let href = link.attr("href").await.expect("href").unwrap_or_default();
            if code_of(&href).len() == depth + 2 {
                next = Some((link, href));
                break;
            }
        }
        let (link, href) = next.unwrap_or_else(|| panic!("no link to a {}-digit code in {scope}", depth + 2));
        link.click().await.expect("click");
        depth += 2;
        let code = code_of(&href).to_string();
        // The previous page stays up while the next one loads, so wait for this code's page.
        wait_for(&session, &format!("[data-view=node] article[data-code='{code}']")).await;
    }
    let url = session.client.current_url().await.expect("url").to_string();
    session.close().await;
    assert_eq!(code_of(&url).len(), 8, "ended at {url}");
}

/// Every Hebrew string of the interface, cut at interpolation placeholders. The
/// names of the languages are left out: the switcher names each language in itself on purpose.
fn hebrew_ui_strings() -> Vec<String> {
    let path = browser_tests::crate_dir().join("../locales/he.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("he.json is valid JSON");
    let mut strings = Vec::new();
    for (key, value) in json.as_object().expect("he.json is an object") {
        if !matches!(key.as_str(), "language_he" | "language_ar" | "language_en") {
            collect_strings(value, &mut strings);
        }
    }
    strings
        .iter()
        .flat_map(|text| text.split("{{").flat_map(|part| part.rsplit("}}").next()).map(str::trim).map(String::from).collect::<Vec<_>>())
        .filter(|part| part.chars().filter(|ch| ('\u{05d0}'..='\u{05ea}').contains(ch)).count() >= 3)
        .collect()
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) => out.push(text.clone()),
        serde_json::Value::Object(map) => map.values().for_each(|value| collect_strings(value, out)),
        serde_json::Value::Array(items) => items.iter().for_each(|value| collect_strings(value, out)),
        _ => {}
    }
}

async fn html_attribute(session: &Session, name: &str) -> String {
    let html = session.client.find(Locator::Css("html")).await.expect("html element");
    html.attr(name).await.expect("attribute").unwrap_or_default()
}

#[tokio::test]
async fn language_switch_keeps_place() {
    let session = Session::start("he").await;
    session.open("#/he/budget/2014/20").await;
    wait_for(&session, "[data-view=node] data").await;
    assert_eq!(html_attribute(&session, "lang").await, "he");
    assert_eq!(html_attribute(&session, "dir").await, "rtl");

    for (language, direction) in [("ar", "rtl"), ("en", "ltr")] {
        let switch = wait_for(&session, &format!("a[hreflang={language}]")).await;
        switch.click().await.expect("click the language link");
        wait_for(&session, &format!("html[lang={language}] [data-view=node] data")).await;
        assert_eq!(html_attribute(&session, "dir").await, direction, "dir in {language}");
        let url = session.client.current_url().await.expect("url").to_string();
        assert!(url.ends_with(&format!("#/{language}/budget/2014/20")), "{language} switch went to {url}");
    }

    // The interface text alone: names from the data, which stay Hebrew in every language,
    // are in `<bdi>` elements.
    let chrome = session
        .client
        .execute(
            "const body = document.body.cloneNode(true); body.querySelectorAll('bdi').forEach((node) => node.remove()); \
             return body.textContent;",
            vec![],
        )
        .await
        .expect("the page text");
    let chrome = chrome.as_str().unwrap_or_default().to_string();
    session.close().await;
    let leftovers: Vec<String> = hebrew_ui_strings().into_iter().filter(|text| chrome.contains(text.as_str())).collect();
    assert!(leftovers.is_empty(), "Hebrew interface strings on the English page: {leftovers:?}");
}

#[tokio::test]
async fn unknown_code_shows_not_found() {
    let session = Session::start("en").await;
    session.open("#/en/budget/2014/99999999").await;
    let back = wait_for(&session, "[data-view=not-found] a[href]").await;
    let href = back.attr("href").await.expect("href").unwrap_or_default();
    session.open("#/en/budget/1800").await;
    wait_for(&session, "[data-view=not-found]").await;
    session.close().await;
    assert!(href.contains("#/en/budget"), "the way back is {href}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create copy folder");
    for entry in std::fs::read_dir(from).expect("read dist").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

#[tokio::test]
async fn corrupt_shard_shows_error_with_retry() {
    let copy = std::env::temp_dir().join(format!("budget-corrupt-dist-{}", std::process::id()));
    copy_dir(&dist_dir(), &copy);
    let shard = copy.join("data/2014/20.json");
    let mut bytes = std::fs::read(&shard).expect("the 2014 section 20 shard exists");
    let middle = bytes.len() / 2;
    bytes[middle] = if bytes[middle] == b'1' { b'2' } else { b'1' };
    std::fs::write(&shard, &bytes).expect("write corrupted shard");

    let session = Session::start_at(copy.clone(), "he").await;
    session.open("#/he/budget/2014/20").await;
    let alert = wait_for(&session, "[role=alert]").await;
    let retry = alert.find(Locator::Css("button")).await;
    session.close().await;
    std::fs::remove_dir_all(&copy).ok();
    assert!(retry.is_ok(), "the error view has no retry button");
}

// Regression: the chart was drawn while its canvas had no layout width, so it stayed one pixel
// wide and blank until the window was resized.
#[tokio::test]
async fn history_chart_drawn_at_full_width() {
    let session = Session::start("en").await;
    session.open("#/en/budget/2014/20").await;
    let canvas = wait_for(&session, "[data-view=node] canvas[data-testid=history-chart]").await;
    let mut width = 0;
    for _ in 0..50 {
        width = canvas.attr("width").await.expect("attribute").and_then(|text| text.parse().ok()).unwrap_or(0);
        if width > 100 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    session.close().await;
    assert!(width > 100, "the history chart canvas is {width} pixels wide");
}
