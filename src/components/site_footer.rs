//! The footer of every page.

use leptos::prelude::*;

use super::OfflineSave;
use crate::data::DataStore;
use crate::i18n::td;
use crate::locale::use_i18n;

/// The unit of the amounts, the snapshot's id and date once the index has loaded, and the
/// button that saves the site for offline use.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    let snapshot = DataStore::use_store().snapshot();
    let snapshot_line = move || {
        snapshot.get().map(|info| {
            let date = info.date().to_string();
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
            <div class="footer-tools">
                <OfflineSave />
            </div>
        </footer>
    }
}
