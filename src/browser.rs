//! Thin wrappers over the window APIs the app uses, logging failures instead of panicking.

use wasm_bindgen::JsCast;

/// Returns the location hash with its `#`, or an empty string.
pub fn location_hash() -> String {
    web_sys::window().and_then(|window| window.location().hash().ok()).unwrap_or_default()
}

/// Sets the location hash, which fires `hashchange`.
pub fn set_location_hash(hash: &str) {
    let Some(window) = web_sys::window() else { return };
    if let Err(error) = window.location().set_hash(hash) {
        log::warn!("could not set the location hash to {hash}: {error:?}");
    }
}

/// Sets the text of the browser tab.
pub fn set_document_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        document.set_title(title);
    }
}

/// Moves keyboard focus to `<main id="main">`, so that after a skip link or a page change the
/// next Tab and a screen reader continue from the page's content.
pub fn focus_main() {
    let main = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("main"))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        if let Err(error) = main.focus() {
            log::warn!("could not focus the main element: {error:?}");
        }
    }
}

/// Scrolls the page back to its top, as a full page load would.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Returns the physical pixels per CSS pixel, at least 1.
pub fn device_pixel_ratio() -> f64 {
    web_sys::window().map(|window| window.device_pixel_ratio()).unwrap_or(1.0).max(1.0)
}

/// Sets `lang` and `dir` on the `<html>` element.
pub fn set_document_language(lang: &str, dir: &str) {
    let Some(root) =
        web_sys::window().and_then(|window| window.document()).and_then(|document| document.document_element())
    else {
        return;
    };
    for (name, value) in [("lang", lang), ("dir", dir)] {
        if let Err(error) = root.set_attribute(name, value) {
            log::warn!("could not set {name}={value} on <html>: {error:?}");
        }
    }
}

/// Returns the page's address without its hash, such as `https://example.org/budget/`: the
/// base of permalinks and embeds.
pub fn page_address() -> String {
    let Some(location) = web_sys::window().map(|window| window.location()) else { return String::new() };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}")
}

/// Loads the page again from the server (or the service worker).
pub fn reload() {
    if let Some(Err(error)) = web_sys::window().map(|window| window.location().reload()) {
        log::warn!("could not reload the page: {error:?}");
    }
}

/// Returns false when the browser reports no network connection. True does not promise
/// that the server is reachable.
pub fn is_online() -> bool {
    web_sys::window().map(|window| window.navigator().on_line()).unwrap_or(true)
}

/// Sets `data-mode` on the `<html>` element, which the style sheet uses to lay out an embed
/// apart from the full site.
pub fn set_document_mode(mode: &str) {
    let root = web_sys::window().and_then(|window| window.document()).and_then(|document| document.document_element());
    if let Some(Err(error)) = root.map(|root| root.set_attribute("data-mode", mode)) {
        log::warn!("could not set data-mode={mode} on <html>: {error:?}");
    }
}

/// Writes `text` to the clipboard. Fails when the browser refuses, such as without a user
/// gesture or in a context that is not secure.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    // `navigator.clipboard` is undefined outside secure contexts.
    let clipboard = window.navigator().clipboard();
    if clipboard.is_undefined() {
        return Err("the clipboard is not available here".into());
    }
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.map(|_| ()).map_err(|error| format!("{error:?}"))
}
