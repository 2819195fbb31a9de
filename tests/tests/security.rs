//! The Content-Security-Policy holds on every kind of page: no inline script, no violation,
//! integrity hashes on the app's files, and no request to another origin.

mod common;

use browser_tests::browser::{dist_dir, Options, Session};
use common::wait_for;
use serde_json::Value;

/// Records every policy violation from the start of each new document, before any page
/// script runs.
const RECORD_VIOLATIONS: &str = "window.__violations = []; \
    document.addEventListener('securitypolicyviolation', \
      (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));";

/// The parts of a page that the policy covers.
const PAGE_STATE: &str = "return { \
    violations: window.__violations, \
    inline_scripts: document.querySelectorAll('script:not([src])').length, \
    without_integrity: [...document.querySelectorAll('script[src], link[rel=stylesheet], link[rel=modulepreload], link[rel=preload]')] \
      .filter((element) => !element.integrity).map((element) => element.outerHTML), \
    policy: document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content };";

#[tokio::test]
async fn pages_keep_policy_and_origin() {
    let session = Session::start_with(dist_dir(), "he", Options { performance_log: true }).await;
    session.devtools("Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": RECORD_VIOLATIONS })).await;
    let origin = session.site.split("/explorer/").next().unwrap().to_string();

    let pages = [
        ("#/he/budget/2014", "[data-view=home] canvas[data-testid=sections-chart]"),
        ("#/ar/budget/2014/20", "[data-view=node] canvas[data-testid=history-chart]"),
        ("#/en/embed/budget/2014/20?view=chart", "[data-view=embed] canvas[data-testid=history-chart]"),
        ("#/he/embed/budget/2014?view=table", "[data-view=embed] table[data-testid=sections-table]"),
        ("#/he/contracts/2015/364101", "[data-testid=contracts-table] tfoot"),
        ("#/en/entity/580259661", "[data-testid=entity-contracts] tfoot"),
        ("#/ar/tenders?year=2014", "[data-testid=tenders-table] tr[aria-rowindex]"),
        ("#/he/search?q=%D7%90%D7%92%D7%93", "[data-testid=search-results]"),
    ];
    let mut states = Vec::new();
    for (hash, ready) in pages {
        // A blank page in between makes each address a new document with its own policy.
        session.client.goto("about:blank").await.unwrap();
        session.open(hash).await;
        wait_for(&session, ready).await;
        if hash.contains("/budget/2014/20") && !hash.contains("embed") {
            // The dialogs and downloads run code too.
            wait_for(&session, "[data-testid=cite]").await.click().await.unwrap();
            wait_for(&session, "dialog:modal textarea").await;
            wait_for(&session, "dialog [data-testid=dialog-close]").await.click().await.unwrap();
            wait_for(&session, "[data-testid=download-svg]").await.click().await.unwrap();
        }
        let state = session.client.execute(PAGE_STATE, vec![]).await.expect("page state");
        let requests = session.requested_urls().await;
        states.push((hash, state, requests));
    }
    session.close().await;

    for (hash, state, requests) in states {
        assert_eq!(state["violations"], Value::Array(vec![]), "policy violations on {hash}");
        assert_eq!(state["inline_scripts"], 0, "inline scripts on {hash}");
        assert_eq!(state["without_integrity"], Value::Array(vec![]), "files without integrity on {hash}");
        assert_eq!(
            state["policy"],
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
            "policy of {hash}"
        );
        assert!(requests.iter().any(|url| url.contains("/data/")), "no data request recorded on {hash}: {requests:?}");
        let foreign: Vec<&String> = requests
            .iter()
            .filter(|url| !url.starts_with(&format!("{origin}/")) && !url.starts_with("blob:") && *url != "about:blank")
            .collect();
        assert!(foreign.is_empty(), "requests to another origin on {hash}: {foreign:?}");
    }
}
