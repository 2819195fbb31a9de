//! One HTTP GET through the browser's `fetch`, returning the body bytes.

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCache, RequestInit, Response};

use super::LoadError;
use crate::browser;

/// Header that the service worker (`assets/sw.js`) sets on its response for a file it has not
/// saved while the network is unreachable.
const OFFLINE_HEADER: &str = "budget-explorer-offline";

/// Aborts the request when the future that owns it is dropped, such as when the page that
/// asked for the file is left before it arrives. Aborting a finished request does nothing.
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

/// Fetches `url` and returns its body. `path` names the file in errors. A status other than
/// 2xx is an error, checked before the body is read.
pub(super) async fn fetch_bytes(url: &str, path: &str, cache: RequestCache) -> Result<Vec<u8>, LoadError> {
    let body = fetch_body(url, path, cache).await?;
    Ok(Uint8Array::new(&body).to_vec())
}

/// Fetches `url` and returns the size of its body, which stays on the JavaScript side. Used to
/// pass files through the service worker, which keeps a copy.
pub(super) async fn fetch_size(url: &str, path: &str) -> Result<u64, LoadError> {
    let body = fetch_body(url, path, RequestCache::Default).await?;
    Ok(u64::from(body.byte_length()))
}

async fn fetch_body(url: &str, path: &str, cache: RequestCache) -> Result<ArrayBuffer, LoadError> {
    let network_error = |error: JsValue| {
        if browser::is_online() {
            LoadError::Network { path: path.to_string(), message: describe(&error) }
        } else {
            LoadError::Offline { path: path.to_string() }
        }
    };
    let window = web_sys::window().ok_or_else(|| network_error(JsValue::from_str("no window")))?;

    let abort = AbortOnDrop(AbortController::new().ok());
    let init = RequestInit::new();
    init.set_cache(cache);
    if let Some(controller) = &abort.0 {
        init.set_signal(Some(&controller.signal()));
    }

    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(network_error)?;
    let response: Response = response.dyn_into().map_err(network_error)?;
    if !response.ok() {
        if response.headers().has(OFFLINE_HEADER).unwrap_or(false) {
            return Err(LoadError::Offline { path: path.to_string() });
        }
        return Err(LoadError::Status { path: path.to_string(), status: response.status() });
    }
    let body = JsFuture::from(response.array_buffer().map_err(network_error)?).await.map_err(network_error)?;
    body.dyn_into().map_err(network_error)
}

/// Returns the message of a JS error, or its debug form when it has none.
fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
