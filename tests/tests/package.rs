//! The offline archive (`cargo xtask package`) opens with the command its README gives, with
//! Chromium able to reach nothing but that local server.

mod common;

use browser_tests::archive::{archive_path, ArchiveSite};
use browser_tests::browser::{Options, Session};
use common::wait_for;

#[tokio::test]
async fn archive_opens_without_network() {
    let site = ArchiveSite::start(&archive_path());
    let session = Session::connect(&site.url, "he", Options { performance_log: true }).await;
    session.open("#/he/budget/2014/20").await;
    wait_for(&session, "[data-view=node] canvas[data-testid=history-chart]").await;
    let requests = session.requested_urls().await;
    session.close().await;

    assert!(requests.iter().any(|url| url.contains("/data/2014/20.json")), "{requests:?}");
    let elsewhere: Vec<&String> = requests.iter().filter(|url| !url.starts_with(&site.url)).collect();
    assert!(elsewhere.is_empty(), "requests outside `{}`: {elsewhere:?}", site.command);
}
