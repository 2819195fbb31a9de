//! The footer of every page.

use leptos::prelude::*;

use crate::data::DataStore;
use crate::i18n::td;
use crate::locale::use_i18n;

/// The unit of the amounts and, once the index has loaded, the snapshot's id and date.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    let snapshot = DataStore::use_store().snapshot();
    let snapshot_line = move || {
        snapshot.get().map(|info| {
            // The index writes RFC 3339; its first ten characters are the date.
            let date: String = info.built_at.chars().take(10).collect();
            let id = info.id;
            view! {
                <p data-testid="snapshot-info">
                    {td!(
                        i18n.get(),
                        footer_snapshot,
                        id = move || view! { <bdi><code>{id.clone()}</code></bdi> },
                        built_at = move || view! { <bdi><time datetime=date.clone()>{date.clone()}</time></bdi> }
                    )}
                </p>
            }
        })
    };
    view! {
        <footer class="site-footer">
            <p>{td!(i18n.get(), footer_unit)}</p>
            {snapshot_line}
        </footer>
    }
}
