//! Offline use: the service worker keeps what the reader opened, "save for offline" keeps the
//! whole snapshot, and a newer snapshot on the server is offered, never forced.

mod common;

use browser_tests::browser::{dist_dir, Options, Session};
use common::{locale_fragment, overlay_dist, run_async, wait_for, wait_for_service_worker, wait_until};
use fantoccini::Locator;
use serde_json::Value;

/// Waits up to 20 s until the service worker's cache contains a URL that contains `part`.
async fn wait_until_cached(session: &Session, part: &str) {
    let script = format!(
        "caches.open('budget-explorer-v1').then((cache) => cache.keys()) \
         .then((keys) => done(keys.some((request) => request.url.includes({part:?}))))"
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while run_async(session, &script).await != Value::Bool(true) {
        assert!(std::time::Instant::now() < deadline, "{part} is not in the service worker's cache after 20 s");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn text_of(session: &Session, selector: &str) -> String {
    wait_for(session, selector).await.text().await.expect("element text")
}

#[tokio::test]
async fn opened_pages_work_offline() {
    let session = Session::start_with(dist_dir(), "he", Options::default()).await;
    session.open("#/he/budget/2014").await;
    wait_for(&session, "[data-view=home] data").await;
    wait_for_service_worker(&session).await;
    // Loaded before the worker took control, so fetched again through it.
    wait_until_cached(&session, "data/index.json").await;
    wait_until_cached(&session, "data/2014/home.json?v=").await;
    session.open("#/he/budget/2014/20").await;
    wait_for(&session, "[data-view=node] article[data-code='20'] data").await;
    wait_until_cached(&session, "data/2014/20.json?v=").await;

    session.server().set_available(false);
    session.client.refresh().await.expect("reload");
    wait_for(&session, "[data-view=node] article[data-code='20'] data").await;
    session.open("#/he/budget/2014/21").await;
    let message = text_of(&session, "[data-testid=load-error]").await;
    session.close().await;

    let expected = locale_fragment("he", "error_offline");
    assert!(message.contains(&expected), "offline error {message:?} lacks {expected:?}");
}

#[tokio::test]
async fn newer_snapshot_offers_switch() {
    let dist = overlay_dist("update", &["data/index.json"]);
    let session = Session::start_with(dist.clone(), "en", Options::default()).await;
    session.open("#/en/budget/2014").await;
    wait_for(&session, "[data-view=home] data").await;
    let before = text_of(&session, "[data-testid=snapshot-info]").await;

    // The same visibility event with no new snapshot on the server shows no banner.
    session.client.execute("document.dispatchEvent(new Event('visibilitychange'))", vec![]).await.expect("event");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let early_banner = session.client.find(Locator::Css("[data-testid=update-banner]")).await.is_ok();

    let index_path = dist.join("data/index.json");
    let mut index: Value = serde_json::from_str(&std::fs::read_to_string(&index_path).unwrap()).unwrap();
    let new_id = "0123456789abcdef";
    index["snapshot_id"] = new_id.into();
    std::fs::write(&index_path, index.to_string()).unwrap();

    session.client.execute("document.dispatchEvent(new Event('visibilitychange'))", vec![]).await.expect("event");
    let banner = text_of(&session, "[data-testid=update-banner]").await;
    let unchanged = text_of(&session, "[data-testid=snapshot-info]").await;
    session.client.find(Locator::Css("[data-testid=update-switch]")).await.expect("switch button").click().await.unwrap();
    wait_until(
        &session,
        &format!("document.querySelector('[data-testid=snapshot-info]')?.textContent.includes('{new_id}')"),
        "the footer names the new snapshot",
    )
    .await;
    session.close().await;
    std::fs::remove_dir_all(&dist).ok();

    assert!(!early_banner, "a banner appeared with no new snapshot");
    assert!(banner.contains(new_id), "banner {banner:?} does not name {new_id}");
    assert_eq!(unchanged, before, "the page switched snapshots before the reader chose to");
}

#[tokio::test]
async fn save_for_offline_keeps_listed_files() {
    // The real manifest lists about 200 MB; this one lists the files of 2014 only, which keeps
    // the test short and still needs every step of saving.
    let dist = overlay_dist("save", &["data/manifest.json"]);
    let manifest_path = dist.join("data/manifest.json");
    let mut manifest: Value = serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    let files: Vec<Value> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|file| file["path"].as_str().unwrap().starts_with("2014/"))
        .cloned()
        .collect();
    let count = files.len();
    manifest["files"] = Value::Array(files);
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();

    let session = Session::start_with(dist.clone(), "en", Options::default()).await;
    session.open("#/en/budget/2014").await;
    wait_for(&session, "[data-view=home] data").await;
    wait_for_service_worker(&session).await;
    wait_for(&session, "[data-testid=offline-save]").await.click().await.unwrap();
    let status = wait_for(&session, "dialog[data-testid=offline-dialog] [data-testid=offline-status]").await;
    wait_until(
        &session,
        &format!("document.querySelector('[data-testid=offline-status]').textContent.includes('Save all {count} files')"),
        "the dialog states the number of files",
    )
    .await;
    let size_text = status.text().await.unwrap();
    wait_for(&session, "[data-testid=offline-start]:not([disabled])").await.click().await.unwrap();
    let done = locale_fragment("en", "offline_done");
    wait_until(
        &session,
        &format!("document.querySelector('[data-testid=offline-status]').textContent.includes({done:?})"),
        "saving finishes",
    )
    .await;
    let cached = run_async(
        &session,
        "caches.open('budget-explorer-v1').then((cache) => cache.keys()).then((keys) => \
         done(keys.filter((request) => request.url.includes('/data/2014/')).length))",
    )
    .await;

    session.server().set_available(false);
    session.open("#/en/budget/2014/21").await;
    wait_for(&session, "[data-view=node] article[data-code='21'] data").await;
    session.close().await;
    std::fs::remove_dir_all(&dist).ok();

    assert!(size_text.contains(" kB") || size_text.contains(" MB"), "no size in {size_text:?}");
    assert_eq!(cached.as_u64(), Some(count as u64), "files of 2014 in the cache");
}

/// Counts the cached URLs that contain `part`.
async fn cached_count(session: &Session, part: &str) -> u64 {
    let script = format!(
        "caches.open('budget-explorer-v1').then((cache) => cache.keys()) \
         .then((keys) => done(keys.filter((request) => request.url.includes({part:?})).length))"
    );
    run_async(session, &script).await.as_u64().unwrap_or(0)
}

#[tokio::test]
async fn save_for_offline_offers_budget_or_all() {
    // The files of 2014 represent the budget part, and a tenders file and the search index the
    // much larger rest. Neither is a file that the home page opens by itself, as it does the
    // procurement index.
    let dist = overlay_dist("save-choice", &["data/manifest.json"]);
    let manifest_path = dist.join("data/manifest.json");
    let mut manifest: Value = serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    let extra = ["procurement/tenders/2014.json", "search/index.json"];
    let files: Vec<Value> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|file| {
            let path = file["path"].as_str().unwrap();
            path.starts_with("2014/") || extra.contains(&path)
        })
        .cloned()
        .collect();
    let budget_count = files.len() - extra.len();
    let all_count = files.len();
    manifest["files"] = Value::Array(files);
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();

    let session = Session::start_with(dist.clone(), "en", Options::default()).await;
    session.open("#/en/budget/2014").await;
    wait_for(&session, "[data-view=home] data").await;
    wait_for_service_worker(&session).await;
    wait_for(&session, "[data-testid=offline-save]").await.click().await.unwrap();
    let choose = locale_fragment("en", "offline_choose");
    wait_until(
        &session,
        &format!("document.querySelector('[data-testid=offline-status]').textContent.includes({choose:?})"),
        "the dialog offers the choice",
    )
    .await;
    let budget_label = text_of(&session, "label:has([data-testid=offline-choice-budget])").await;
    let all_label = text_of(&session, "label:has([data-testid=offline-choice-all])").await;
    let budget_checked = wait_until(&session, "document.querySelector('[data-testid=offline-choice-budget]').checked", "the budget choice is checked").await;

    // Budget only, the default.
    wait_for(&session, "[data-testid=offline-start]:not([disabled])").await.click().await.unwrap();
    let done_budget = locale_fragment("en", "offline_done_budget");
    wait_until(
        &session,
        &format!("document.querySelector('[data-testid=offline-status]').textContent.includes({done_budget:?})"),
        "saving the budget finishes",
    )
    .await;
    let budget_cached = cached_count(&session, "/data/2014/").await;
    let procurement_after_budget = cached_count(&session, "/data/procurement/tenders/").await;

    // Then everything.
    wait_for(&session, "[data-testid=offline-choice-all]:not([disabled])").await.click().await.unwrap();
    wait_for(&session, "[data-testid=offline-start]:not([disabled])").await.click().await.unwrap();
    let done_all = locale_fragment("en", "offline_done");
    wait_until(
        &session,
        &format!("document.querySelector('[data-testid=offline-status]').textContent.includes({done_all:?})"),
        "saving everything finishes",
    )
    .await;
    let procurement_after_all = cached_count(&session, "/data/procurement/tenders/").await;
    let search_after_all = cached_count(&session, "/data/search/index.json").await;
    session.close().await;
    std::fs::remove_dir_all(&dist).ok();

    assert!(budget_label.contains(&format!("{budget_count} files")), "budget choice {budget_label:?} lacks {budget_count} files");
    assert!(all_label.contains(&format!("{all_count} files")), "full choice {all_label:?} lacks {all_count} files");
    assert!(budget_label.contains(" kB") || budget_label.contains(" MB"), "no size in {budget_label:?}");
    assert!(all_label.contains(" kB") || all_label.contains(" MB"), "no size in {all_label:?}");
    assert_eq!(budget_checked, Value::Bool(true), "the budget choice is not the default");
    assert_eq!(budget_cached, budget_count as u64, "files of 2014 in the cache after saving the budget");
    assert_eq!(procurement_after_budget, 0, "saving the budget only saved a procurement file");
    assert_eq!(procurement_after_all, 1, "tenders file in the cache after saving everything");
    assert_eq!(search_after_all, 1, "search index in the cache after saving everything");
}
