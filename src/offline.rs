//! Offline use: the service worker (`assets/sw.js`) that keeps the app and the files the reader
//! opened, and the check for a newer snapshot on the server.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::ServiceWorkerContainer;

use crate::data::DataStore;

/// File name of the service worker in the built site. Its folder is the worker's scope, so it
/// covers the app and its data under any sub-path.
const WORKER_SCRIPT: &str = "sw.js";

/// How often an open page checks the server for a newer snapshot, besides whenever
/// the page becomes visible again or the network comes back.
const UPDATE_CHECK_INTERVAL: Duration = Duration::from_secs(30 * 60);

/// Registers the service worker and starts the checks for a newer snapshot.
pub fn start(store: DataStore) {
    register_worker(store);
    watch_for_updates(store);
}

/// Returns the page's service worker container, or `None` where the browser has none (outside
/// secure contexts, and in some private modes).
pub fn worker_container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let has_workers = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has_workers.then(|| navigator.service_worker())
}

/// True when a service worker handles this page's requests, so that what the page fetches is
/// kept for offline use.
pub fn is_controlled() -> bool {
    worker_container().is_some_and(|container| container.controller().is_some())
}

fn register_worker(store: DataStore) {
    let Some(container) = worker_container() else {
        log::info!("this browser has no service workers; the site will not work offline");
        return;
    };
    if container.controller().is_none() {
        // On the first visit the worker takes control after the first files have loaded, so
        // they are fetched again through it. A later worker update fetches them once more,
        // which costs little and finds them in its cache.
        let on_control = Closure::<dyn FnMut()>::new(move || store.fetch_loaded_again());
        container.set_oncontrollerchange(Some(on_control.as_ref().unchecked_ref()));
        on_control.forget();
    }
    let registration = container.register(WORKER_SCRIPT);
    leptos::task::spawn_local(async move {
        if let Err(error) = JsFuture::from(registration).await {
            log::warn!("could not register the service worker {WORKER_SCRIPT}: {error:?}");
        }
    });
}

fn watch_for_updates(store: DataStore) {
    let check = move || leptos::task::spawn_local(store.check_for_update());
    let on_visible = Closure::<dyn FnMut()>::new(move || {
        let visible = document().visibility_state() == web_sys::VisibilityState::Visible;
        if visible {
            check();
        }
    });
    if let Err(error) = document().add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref()) {
        log::warn!("could not watch the page's visibility: {error:?}");
    }
    // The listener lives as long as the page.
    on_visible.forget();
    // Both live as long as the page, so their handles are not kept.
    let _ = window_event_listener(leptos::ev::online, move |_| check());
    set_interval(check, UPDATE_CHECK_INTERVAL);
}
