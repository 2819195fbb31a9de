//! The warning shown when a cited link names another snapshot than the one loaded.

use leptos::prelude::*;

use crate::data::DataStore;
use crate::i18n::td_string;
use crate::locale::{isolate, use_i18n};
use crate::router::use_route;

/// When the route pins a snapshot (`?snapshot=<id>`) and the loaded snapshot is another one, a
/// note that the figures may differ from the cited ones. Nothing otherwise.
#[component]
pub fn PinnedSnapshotNote() -> impl IntoView {
    let i18n = use_i18n();
    let route = use_route();
    let loaded = DataStore::use_store().snapshot();
    let text = move || {
        let cited = route.with(|route| route.snapshot().map(str::to_string))?;
        let info = loaded.get().filter(|info| info.id != cited)?;
        let text = td_string!(
            i18n.get(),
            pinned_snapshot_differs,
            cited = isolate(&cited),
            id = isolate(&info.id),
            date = isolate(info.date())
        );
        Some(text.to_string())
    };
    move || text().map(|text| view! { <p class="pinned-note" role="note" data-testid="pinned-snapshot">{text}</p> })
}
