//! Files the app makes, such as chart images, handed to the browser as downloads.

use js_sys::Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};

/// How long an object URL stays valid after its download starts. Revoking it at once can
/// cancel the download in some browsers; a minute is ample for a local file.
const URL_LIFETIME: std::time::Duration = std::time::Duration::from_secs(60);

/// Downloads `text` as a file named `file_name` of media type `media_type`.
pub fn save_text(text: &str, media_type: &str, file_name: &str) {
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let parts = Array::of1(&JsValue::from_str(text));
    match Blob::new_with_str_sequence_and_options(&parts, &options) {
        Ok(blob) => save_blob(&blob, file_name),
        Err(error) => log::warn!("could not make {file_name}: {error:?}"),
    }
}

/// Downloads `bytes` as a file named `file_name` of media type `media_type`.
pub fn save_bytes(bytes: &[u8], media_type: &str, file_name: &str) {
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let parts = Array::of1(&js_sys::Uint8Array::from(bytes));
    match Blob::new_with_u8_array_sequence_and_options(&parts, &options) {
        Ok(blob) => save_blob(&blob, file_name),
        Err(error) => log::warn!("could not make {file_name}: {error:?}"),
    }
}

/// Downloads the picture on `canvas` as a PNG file named `file_name`.
pub fn save_canvas_png(canvas: &HtmlCanvasElement, file_name: &str) {
    let file_name = file_name.to_string();
    let on_blob = Closure::once_into_js(move |blob: Option<Blob>| match blob {
        Some(blob) => save_blob(&blob, &file_name),
        None => log::warn!("the canvas gave no PNG for {file_name}"),
    });
    if let Err(error) = canvas.to_blob(on_blob.unchecked_ref()) {
        log::warn!("could not encode the canvas as PNG: {error:?}");
    }
}

/// Starts the download of `blob` through a temporary link to an object URL.
fn save_blob(blob: &Blob, file_name: &str) {
    let link = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("a").ok())
        .and_then(|element| element.dyn_into::<HtmlAnchorElement>().ok());
    let (Some(link), Ok(url)) = (link, Url::create_object_url_with_blob(blob)) else {
        log::warn!("could not start the download of {file_name}");
        return;
    };
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    leptos::prelude::set_timeout(
        move || {
            if let Err(error) = Url::revoke_object_url(&url) {
                log::warn!("could not revoke {url}: {error:?}");
            }
        },
        URL_LIFETIME,
    );
}
