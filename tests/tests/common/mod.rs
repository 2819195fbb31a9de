//! Helpers shared by the browser tests: waiting for elements and reading the raw files.

// Each test file compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use browser_tests::browser::Session;
use fantoccini::elements::Element;
use fantoccini::Locator;

/// Waits up to 20 s for `selector` to match, then returns the first match.
pub async fn wait_for(session: &Session, selector: &str) -> Element {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(element) = session.client.find(Locator::Css(selector)).await {
            return element;
        }
        if Instant::now() >= deadline {
            let url = session.client.current_url().await.map(|url| url.to_string()).unwrap_or_default();
            let text = session.client.find(Locator::Css("body")).await;
            let body = match text {
                Ok(body) => body.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            panic!("no element matches {selector:?} after 20 s at {url}; page text:\n{body}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The `value` of the `<data>` element inside the node amount cell of `phase`.
pub async fn phase_amount(session: &Session, phase: &str) -> Option<i64> {
    let selector = format!("[data-view=node] [data-phase={phase}] data");
    let element = session.client.find(Locator::Css(&selector)).await.ok()?;
    let value = element.attr("value").await.ok()??;
    Some(value.parse().unwrap_or_else(|_| panic!("<data value={value:?}> in {phase} is not an integer")))
}

/// The raw-data folder, as `cargo xtask test` passes it.
pub fn raw_dir() -> PathBuf {
    let raw = std::env::var_os("BUDGET_RAW").expect("BUDGET_RAW is not set; run the tests with `cargo xtask test`");
    PathBuf::from(raw)
}

/// Thousands of shekels as written in the raw files (`"1,234.5"`) to whole shekels.
pub fn shekels_from_thousands(text: &str) -> Option<i64> {
    let cleaned: String = text.chars().filter(|ch| !matches!(ch, ',' | ' ' | '"')).collect();
    if cleaned.is_empty() {
        return None;
    }
    let value: f64 = cleaned.parse().unwrap_or_else(|_| panic!("{text:?} is not a number"));
    Some((value * 1000.0).round() as i64)
}

/// Runs the JavaScript expression `condition` every 100 ms until it is truthy, up to 20 s,
/// then returns its value. `what` names the condition in the failure message.
pub async fn wait_until(session: &Session, condition: &str, what: &str) -> serde_json::Value {
    let script = format!("return {condition};");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let value = session.client.execute(&script, vec![]).await.unwrap_or(serde_json::Value::Null);
        let truthy = match &value {
            serde_json::Value::Null | serde_json::Value::Bool(false) => false,
            serde_json::Value::String(text) => !text.is_empty(),
            serde_json::Value::Number(number) => number.as_f64() != Some(0.0),
            _ => true,
        };
        if truthy {
            return value;
        }
        if Instant::now() >= deadline {
            panic!("timed out after 20 s waiting until {what} ({condition})");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Runs the async JavaScript `body`, which ends by calling `done(value)`, and returns the value.
pub async fn run_async(session: &Session, body: &str) -> serde_json::Value {
    let script = format!("const done = arguments[arguments.length - 1];\n{body}");
    session.client.execute_async(&script, vec![]).await.unwrap_or_else(|error| panic!("script failed: {error}\n{body}"))
}

/// Waits until a service worker controls the page, so that what the page fetches from now on
/// is kept for offline use.
pub async fn wait_for_service_worker(session: &Session) {
    wait_until(session, "navigator.serviceWorker.controller !== null", "a service worker controls the page").await;
}

/// The text of `key` in `locales/<locale>.json`.
pub fn locale_text(locale: &str, key: &str) -> String {
    let path = browser_tests::crate_dir().join(format!("../locales/{locale}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("a locale file is JSON");
    json[key].as_str().unwrap_or_else(|| panic!("{} has no text {key}", path.display())).to_string()
}

/// The longest part of the text of `key` between placeholders (`{{ name }}`), which a page
/// that shows the text contains whatever the placeholders hold.
pub fn locale_fragment(locale: &str, key: &str) -> String {
    let text = locale_text(locale, key);
    text.split("{{")
        .flat_map(|part| part.rsplit("}}").next())
        .map(str::trim)
        .max_by_key(|part| part.chars().count())
        .unwrap_or_default()
        .to_string()
}

/// A folder that mirrors `dist` with symbolic links, except `copied` (paths relative to
/// `dist`), which are real copies that a test may change. Faster than copying the snapshot.
pub fn overlay_dist(name: &str, copied: &[&str]) -> PathBuf {
    let dist = browser_tests::browser::dist_dir();
    let overlay = std::env::temp_dir().join(format!("budget-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&overlay).ok();
    link_tree(&dist, &overlay, Path::new(""), copied);
    overlay
}

fn link_tree(from: &Path, to: &Path, relative: &Path, copied: &[&str]) {
    std::fs::create_dir_all(to).expect("create overlay folder");
    for entry in std::fs::read_dir(from).expect("read dist").flatten() {
        let name = relative.join(entry.file_name());
        let target = to.join(entry.file_name());
        let holds_copy = copied.iter().any(|path| Path::new(path).starts_with(&name));
        if entry.path().is_dir() && holds_copy {
            link_tree(&entry.path(), &target, &name, copied);
        } else if holds_copy {
            std::fs::copy(entry.path(), &target).expect("copy file");
        } else {
            std::os::unix::fs::symlink(entry.path(), &target).expect("link file");
        }
    }
}

/// Installs a hook that keeps every blob the page turns into an object URL, so the test can
/// read the files that the export buttons download.
pub async fn keep_downloads(session: &Session) {
    session
        .client
        .execute(
            "window.keptBlobs = []; const create = URL.createObjectURL; \
             URL.createObjectURL = (blob) => { window.keptBlobs.push(blob); return create.call(URL, blob); };",
            vec![],
        )
        .await
        .expect("install the download hook");
}

/// The bytes of the `index`-th kept blob.
pub async fn kept_blob(session: &Session, index: usize) -> Vec<u8> {
    wait_until(session, &format!("window.keptBlobs.length > {index}"), "the export made a file").await;
    let value = run_async(
        session,
        &format!("window.keptBlobs[{index}].arrayBuffer().then((buffer) => done(Array.from(new Uint8Array(buffer))));"),
    )
    .await;
    value.as_array().expect("bytes").iter().map(|byte| byte.as_u64().unwrap_or_default() as u8).collect()
}
