//! Resize messages from an embed to the page that frames it.
//!
//! The message is `{type: "budget-explorer:resize", height, id}`: `height` in CSS pixels is the
//! height of the embed's whole document, and `id` echoes the `id=` of the embed's route (or is
//! `null`). The host script `assets/embed.js` sets the frame's height from it.

use js_sys::{Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::ResizeObserver;

/// Value of `type` in every resize message.
pub const MESSAGE_TYPE: &str = "budget-explorer:resize";

/// Sends the document's height to the parent page now and whenever it changes, such as when
/// the data arrives or a reader opens the data table. Does nothing outside a frame.
pub fn report_height(frame: Option<String>) {
    let Some(window) = web_sys::window() else { return };
    let parent = match window.parent() {
        Ok(Some(parent)) if JsValue::from(&parent) != JsValue::from(&window) => parent,
        _ => return,
    };
    let Some(root) = window.document().and_then(|document| document.document_element()) else { return };

    let observed = root.clone();
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let height = observed.get_bounding_client_rect().height().ceil();
        let message = Object::new();
        let fields = [
            ("type", JsValue::from_str(MESSAGE_TYPE)),
            ("height", JsValue::from_f64(height)),
            ("id", frame.as_deref().map(JsValue::from_str).unwrap_or(JsValue::NULL)),
        ];
        for (name, value) in fields {
            let _ = Reflect::set(&message, &JsValue::from_str(name), &value);
        }
        // The height is no secret, and the host's origin is unknown, so any origin may read it.
        if let Err(error) = parent.post_message(&message, "*") {
            log::warn!("could not send the embed's height to the host page: {error:?}");
        }
    });
    match ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        Ok(observer) => {
            // The observer reports the first size as soon as it starts observing.
            observer.observe(&root);
            // The observer and its callback live as long as the embed.
            std::mem::forget(observer);
        }
        Err(error) => log::warn!("could not watch the embed's size: {error:?}"),
    }
    on_resize.forget();
}
