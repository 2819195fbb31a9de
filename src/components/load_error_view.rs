//! The error view shown when data failed to load.

use leptos::prelude::*;

use crate::data::{DataStore, LoadError};
use crate::i18n::td;
use crate::locale::use_i18n;

/// An alert naming each file that failed and why, with a button that loads them again.
#[component]
pub fn LoadErrorView(
    /// The errors caught by the enclosing `ErrorBoundary`.
    errors: ArcRwSignal<Errors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = DataStore::use_store();
    let messages = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, error)| {
                let load_error = error.downcast_ref::<LoadError>().cloned();
                let technical = error.to_string();
                view! {
                    <li>
                        <p>{load_error.map(|error| view! { <ErrorMessage error /> }.into_any()).unwrap_or_else(|| td!(i18n.get(), error_unknown).into_any())}</p>
                        <details>
                            <summary>{td!(i18n.get(), error_details)}</summary>
                            <code lang="en" dir="ltr">{technical}</code>
                        </details>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="load-error" role="alert" data-testid="load-error">
            <h2>{td!(i18n.get(), error_title)}</h2>
            <ul class="error-list">{messages}</ul>
            <p>{td!(i18n.get(), error_advice)}</p>
            <button type="button" class="retry" data-testid="retry" on:click=move |_| store.retry()>
                {td!(i18n.get(), retry)}
            </button>
        </div>
    }
}

/// The translated sentence for one load error.
#[component]
fn ErrorMessage(error: LoadError) -> impl IntoView {
    let i18n = use_i18n();
    let file = {
        let path = error.path().to_string();
        move || view! { <bdi dir="ltr"><code>{path.clone()}</code></bdi> }
    };
    match error {
        LoadError::Network { .. } => td!(i18n.get(), error_network, path = file).into_any(),
        LoadError::Offline { .. } => td!(i18n.get(), error_offline, path = file).into_any(),
        LoadError::Status { status, .. } => {
            td!(i18n.get(), error_status, status = status.to_string(), path = file).into_any()
        }
        LoadError::Decode { .. } => td!(i18n.get(), error_decode, path = file).into_any(),
        LoadError::HashMismatch { .. } => td!(i18n.get(), error_hash, path = file).into_any(),
        LoadError::MissingShard { .. } => td!(i18n.get(), error_missing, path = file).into_any(),
        LoadError::Schema { found, expected, .. } => {
            td!(i18n.get(), error_schema, found = found.to_string(), expected = expected.to_string()).into_any()
        }
    }
}
