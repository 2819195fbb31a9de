//! Helpers shared by the browser tests: waiting for elements and reading the raw files.

// Each test file compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use std::path::PathBuf;
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
