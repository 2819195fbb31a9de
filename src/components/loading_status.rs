//! The status shown while data loads.

use leptos::prelude::*;

use crate::data::DataStore;
use crate::i18n::{td, td_string};
use crate::locale::use_i18n;

/// A live "loading" status with the files still downloading.
#[component]
pub fn LoadingStatus() -> impl IntoView {
    let i18n = use_i18n();
    let pending = DataStore::use_store().pending();
    let files = move || {
        let paths = pending.get();
        (!paths.is_empty()).then(|| {
            let items = paths
                .into_iter()
                .map(|path| view! { <li><bdi dir="ltr"><code>{path}</code></bdi></li> })
                .collect_view();
            view! { <ul class="loading-files" aria-label=move || td_string!(i18n.get(), loading_files_label)>{items}</ul> }
        })
    };
    view! {
        <div class="loading" role="status" aria-live="polite" aria-busy="true" data-testid="loading">
            <span class="spinner" aria-hidden="true"></span>
            <span>{td!(i18n.get(), loading)}</span>
            {files}
        </div>
    }
}
