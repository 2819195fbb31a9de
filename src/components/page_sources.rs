//! The sources of the figures on a page.

use std::sync::Arc;

use budget_model::snapshot::Manifest;
use leptos::prelude::*;

use crate::i18n::{td, td_string};
use crate::locale::{isolate, use_i18n};

/// The snapshot the page was read from and the official files of `year`, each with its
/// SHA-256, so a reader can check a figure against the file it came from.
#[component]
pub fn PageSources(index: Arc<Manifest>, year: u16) -> impl IntoView {
    let i18n = use_i18n();
    let paths = index.year(year).map(|entry| entry.sources.clone()).unwrap_or_default();
    let files = paths
        .into_iter()
        .map(|path| {
            let hash = index.sources.iter().find(|source| source.path == path).map(|source| source.sha256.clone());
            let checksum = hash.map(|hash| {
                view! { <span class="checksum">{move || td_string!(i18n.get(), sources_checksum, hash = hash.clone()).to_string()}</span> }
            });
            view! {
                <li>
                    <bdi dir="ltr"><code>{path}</code></bdi>
                    " "
                    {checksum}
                </li>
            }
        })
        .collect_view();
    let id = isolate(&index.snapshot_id);
    let date = isolate(index.built_at.get(..10).unwrap_or(&index.built_at));
    view! {
        <section class="page-sources" aria-labelledby="sources-heading" data-testid="page-sources">
            <h2 id="sources-heading">{td!(i18n.get(), sources_heading)}</h2>
            <p>{move || td_string!(i18n.get(), footer_snapshot, id = id.clone(), built_at = date.clone()).to_string()}</p>
            <p>{move || td_string!(i18n.get(), sources_files, year).to_string()}</p>
            <ul class="source-files" data-testid="source-files">{files}</ul>
        </section>
    }
}
