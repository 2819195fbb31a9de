//! Citable figures: the sources on each page, the citation with its pinned permalink, and
//! chart downloads that name their source and snapshot.

mod common;

use browser_tests::browser::Session;
use common::{locale_fragment, run_async, wait_for, wait_until};
use fantoccini::Locator;
use serde_json::Value;

fn index_json() -> Value {
    let path = browser_tests::browser::dist_dir().join("data/index.json");
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display())))
        .expect("the index is JSON")
}

#[tokio::test]
async fn page_lists_sources_and_cites_snapshot() {
    let index = index_json();
    let id = index["snapshot_id"].as_str().unwrap().to_string();
    let year = index["years"].as_array().unwrap().iter().find(|entry| entry["year"] == 2014).unwrap().clone();
    let source = year["sources"][0].as_str().unwrap().to_string();
    let hash = index["sources"].as_array().unwrap().iter().find(|file| file["path"] == source.as_str()).unwrap()["sha256"]
        .as_str()
        .unwrap()
        .to_string();

    let session = Session::start("en").await;
    session.open("#/en/budget/2014/20").await;
    let sources = wait_for(&session, "[data-testid=page-sources]").await.text().await.unwrap();
    wait_for(&session, "[data-testid=cite]").await.click().await.unwrap();
    let citation: String = wait_for(&session, "dialog:modal textarea").await.prop("value").await.unwrap().unwrap_or_default();
    let permalink = format!("{}#/en/budget/2014/20?snapshot={id}", session.site);
    session.client.find(Locator::Css("dialog [data-testid=dialog-close]")).await.unwrap().click().await.unwrap();

    // The permalink names this snapshot, so it shows no warning here, and a warning under
    // another snapshot id.
    session.client.goto(&permalink).await.unwrap();
    session.client.refresh().await.unwrap();
    wait_for(&session, "[data-view=node] data").await;
    let same = session.client.find(Locator::Css("[data-testid=pinned-snapshot]")).await.is_ok();
    session.open("#/en/budget/2014/20?snapshot=0000000000000000").await;
    session.client.refresh().await.unwrap();
    let note = wait_for(&session, "[data-testid=pinned-snapshot]").await.text().await.unwrap();
    session.close().await;

    assert!(sources.contains(&source), "sources {sources:?} lack {source}");
    assert!(sources.contains(&hash), "sources {sources:?} lack the SHA-256 {hash}");
    assert!(sources.contains(&id), "sources {sources:?} lack the snapshot {id}");
    assert!(citation.contains(&permalink), "citation {citation:?} lacks {permalink}");
    assert!(citation.contains(&source), "citation {citation:?} lacks {source}");
    assert!(!same, "a warning under the cited snapshot itself");
    assert!(note.contains("0000000000000000"), "note {note:?} lacks the cited snapshot");
    assert!(note.contains(&id), "note {note:?} lacks the loaded snapshot {id}");
    assert!(note.contains(&locale_fragment("en", "pinned_snapshot_differs")), "note {note:?}");
}

/// Records the blobs the page makes and keeps the page from downloading them.
const CAPTURE_DOWNLOADS: &str = "window.__blobs = []; window.__downloads = []; \
    const createObjectURL = URL.createObjectURL; \
    URL.createObjectURL = (blob) => { window.__blobs.push(blob); return createObjectURL.call(URL, blob); }; \
    HTMLAnchorElement.prototype.click = function () { window.__downloads.push(this.download); };";

#[tokio::test]
async fn chart_downloads_name_source_and_snapshot() {
    let id = index_json()["snapshot_id"].as_str().unwrap().to_string();
    let session = Session::start("he").await;
    session.open("#/he/budget/2014/20").await;
    wait_for(&session, "[data-view=node] canvas[data-testid=history-chart]").await;
    session.client.execute(CAPTURE_DOWNLOADS, vec![]).await.unwrap();

    wait_for(&session, "[data-testid=download-svg]").await.click().await.unwrap();
    wait_until(&session, "window.__blobs.length === 1", "the SVG is made").await;
    let svg = run_async(&session, "window.__blobs[0].text().then(done)").await;
    wait_for(&session, "[data-testid=download-png]").await.click().await.unwrap();
    wait_until(&session, "window.__blobs.length === 2", "the PNG is made").await;
    let png = run_async(
        &session,
        "const blob = window.__blobs[1]; createImageBitmap(blob).then((image) => done([blob.type, image.width, image.height]))",
    )
    .await;
    let names = session.client.execute("return window.__downloads", vec![]).await.unwrap();
    session.close().await;

    let svg = svg.as_str().unwrap();
    assert!(svg.starts_with("<svg"), "not an SVG: {}", &svg[..svg.len().min(80)]);
    assert!(svg.contains(&locale_fragment("he", "history_export_title")), "no title in the SVG");
    assert!(svg.contains(&locale_fragment("he", "export_source_history")), "no source in the SVG");
    assert!(svg.contains(&id), "no snapshot id in the SVG");
    assert_eq!(png[0], "image/png");
    assert_eq!(png[1], 1920, "PNG width");
    assert_eq!(names, serde_json::json!(["budget-2014-20-history.svg", "budget-2014-20-history.png"]));
}
