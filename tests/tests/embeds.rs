//! Embeds: the embed dialog, an embed route on its own, and a host page that frames two
//! widgets with the host script.

mod common;

use browser_tests::browser::{dist_dir, Options, Session};
use browser_tests::server::StaticServer;
use common::{locale_text, run_async, wait_for, wait_until};
use fantoccini::key::Key;
use fantoccini::Locator;

#[tokio::test]
async fn host_page_fits_two_embeds() {
    let session = Session::start_with(dist_dir(), "en", Options::default()).await;
    let fixture = std::fs::read_to_string(browser_tests::crate_dir().join("fixtures/embed-host.html"))
        .expect("the host page fixture");
    let host_dir = std::env::temp_dir().join(format!("budget-embed-host-{}", std::process::id()));
    std::fs::create_dir_all(&host_dir).unwrap();
    std::fs::write(host_dir.join("index.html"), fixture.replace("SITE", &session.site)).unwrap();
    // Another port is another origin, as a news site framing the explorer would be.
    let host = StaticServer::start(host_dir.clone(), "/", 0).expect("host page server");
    session.client.goto(&host.url()).await.expect("open the host page");

    let mut frames = Vec::new();
    for (index, id, lang, dir, widget) in
        [(0, "hebrew-chart", "he", "rtl", "canvas[data-testid=history-chart]"), (1, "english-table", "en", "ltr", "table[data-testid=children-table]")]
    {
        // The host script sets the height once the widget has reported it.
        let height = wait_until(
            &session,
            &format!("document.getElementById('{id}').style.height"),
            &format!("the host script sized {id}"),
        )
        .await;
        session.client.enter_frame(index).await.expect("enter the frame");
        wait_for(&session, &format!("[data-view=embed] {widget}")).await;
        // The widget's data may still be drawing; let the last resize message arrive.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let inside = session
            .client
            .execute(
                "const root = document.documentElement; \
                 return [root.lang, root.dir, Math.ceil(root.getBoundingClientRect().height), !!document.querySelector('header.site-header')];",
                vec![],
            )
            .await
            .expect("frame state");
        session.client.enter_parent_frame().await.expect("leave the frame");
        let outer = session
            .client
            .execute(&format!("return document.getElementById('{id}').getBoundingClientRect().height;"), vec![])
            .await
            .expect("frame height");
        frames.push((id, lang, dir, height, inside, outer));
    }
    session.close().await;
    std::fs::remove_dir_all(&host_dir).ok();

    for (id, lang, dir, height, inside, outer) in frames {
        assert_eq!(inside[0], lang, "lang of {id}");
        assert_eq!(inside[1], dir, "dir of {id}");
        assert_eq!(inside[3], false, "{id} shows the site's header");
        let content = inside[2].as_f64().unwrap();
        let frame = outer.as_f64().unwrap();
        assert!((frame - content).abs() <= 1.0, "{id}: frame {frame}px high ({height}), content {content}px");
        assert!(![620.0, 640.0].contains(&frame), "{id} kept its fixed height");
    }
}

/// The source files of `year` in the snapshot's index.
fn year_sources(year: u64) -> Vec<String> {
    let path = dist_dir().join("data/index.json");
    let index: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let entry = index["years"].as_array().unwrap().iter().find(|entry| entry["year"] == year).unwrap().clone();
    entry["sources"].as_array().unwrap().iter().map(|source| source.as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn embed_route_shows_widget_alone() {
    let session = Session::start("ar").await;
    session.open("#/ar/embed/budget/2014/20?view=summary&snapshot=0000000000000000").await;
    wait_for(&session, "[data-view=embed] [data-phase=executed] data").await;
    let state = session
        .client
        .execute(
            "const root = document.documentElement; \
             return [root.lang, root.dir, root.dataset.mode, !!document.querySelector('header.site-header'), \
                     document.querySelector('[data-testid=embed-full-page]').getAttribute('href'), \
                     document.querySelector('[data-testid=embed-full-page]').target, \
                     !!document.querySelector('[data-testid=pinned-snapshot]'), \
                     document.querySelector('[data-testid=embed-credit]').textContent];",
            vec![],
        )
        .await
        .expect("embed state");
    session.open("#/ar/embed/budget/2014/20?view=table").await;
    let link = wait_for(&session, "[data-view=embed] table[data-testid=children-table] a").await;
    let link_target = link.attr("target").await.unwrap();
    session.close().await;

    assert_eq!(state[0], "ar");
    assert_eq!(state[1], "rtl");
    assert_eq!(state[2], "embed");
    assert_eq!(state[3], false, "the embed shows the site's header");
    assert_eq!(state[4], "#/ar/budget/2014/20?snapshot=0000000000000000");
    assert_eq!(state[5], "_blank");
    assert_eq!(state[6], true, "no note that the cited snapshot differs");
    let credit = state[7].as_str().unwrap();
    for source in year_sources(2014) {
        assert!(credit.contains(&source), "credit {credit:?} lacks the source file {source}");
    }
    assert_eq!(link_target.as_deref(), Some("_blank"), "table links leave the frame");
}

#[tokio::test]
async fn embed_dialog_copies_code() {
    let session = Session::start("en").await;
    session.open("#/en/budget/2014/20").await;
    wait_for(&session, "[data-view=node] canvas[data-testid=history-chart]").await;
    let origin = session.site.split("/explorer/").next().unwrap().to_string();
    session
        .devtools(
            "Browser.grantPermissions",
            serde_json::json!({ "origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
        )
        .await;
    wait_for(&session, "[data-testid=embed-chart]").await.click().await.unwrap();
    wait_for(&session, "dialog:modal[data-testid=embed-dialog]").await;
    let dialog = session
        .client
        .execute(
            "const dialog = document.querySelector('dialog:modal'); \
             const heading = document.getElementById(dialog.getAttribute('aria-labelledby')); \
             return [heading.textContent, dialog.contains(document.activeElement), \
                     document.activeElement.dataset.testid, dialog.querySelector('textarea').value];",
            vec![],
        )
        .await
        .expect("dialog state");
    session.client.find(Locator::Css("dialog [data-testid=copy]")).await.unwrap().click().await.unwrap();
    let copied = locale_text("en", "copied");
    wait_until(
        &session,
        &format!("document.querySelector('[data-testid=copy-status]').textContent === {copied:?}"),
        "the copy is confirmed",
    )
    .await;
    let clipboard = run_async(&session, "navigator.clipboard.readText().then(done, (error) => done(String(error)))").await;
    session.client.active_element().await.unwrap().send_keys(&Key::Escape.to_string()).await.unwrap();
    wait_until(&session, "!document.querySelector('dialog')", "the dialog closes").await;
    let focused = session.client.execute("return document.activeElement.dataset.testid", vec![]).await.unwrap();
    session.close().await;

    let code = dialog[3].as_str().unwrap();
    assert_eq!(dialog[0], locale_text("en", "embed_title_chart"));
    assert_eq!(dialog[1], true, "focus is outside the open dialog");
    assert_eq!(dialog[2], "copy", "the Copy button is not focused first");
    assert!(code.contains("/explorer/budget/#/en/embed/budget/2014/20?view=chart&amp;snapshot="), "{code}");
    assert!(code.contains("&amp;id=be-2014-20-chart"), "{code}");
    assert!(code.contains("/explorer/budget/embed.js\" async></script>"), "{code}");
    assert_eq!(clipboard.as_str(), Some(code), "the clipboard holds another text");
    assert_eq!(focused, "embed-chart", "focus did not return to the button");
}

/// Going from a page of the site to an embed route in another language in the same tab, and
/// back, shows the widget and then the site, each in its own language.
#[tokio::test]
async fn site_and_embed_switch_in_one_tab() {
    let session = Session::start("ar").await;
    session.open("#/ar/budget/2014/20").await;
    wait_for(&session, "html[lang=ar] [data-view=node] data").await;

    session.client.execute("location.hash = '#/en/embed/budget/2014/20?view=chart';", vec![]).await.expect("go to the embed");
    wait_for(&session, "html[lang=en][dir=ltr] [data-testid=embed-credit]").await;
    let site_header = session.client.find_all(Locator::Css("header.site-header")).await.expect("query");

    session.client.execute("location.hash = '#/he/budget/2014/20';", vec![]).await.expect("go back to the site");
    wait_for(&session, "html[lang=he][dir=rtl] [data-view=node] data").await;
    let credits = session.client.find_all(Locator::Css("[data-testid=embed-credit]")).await.expect("query");
    session.close().await;

    assert!(site_header.is_empty(), "the embed kept the site's header");
    assert!(credits.is_empty(), "the site kept the embed's credit line");
}
