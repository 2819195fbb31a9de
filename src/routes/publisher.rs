//! A ministry's procurement: by supplier, by purchase method, by year.

use leptos::prelude::*;

use super::NotFoundView;

/// The procurement page of the publisher `id`.
#[component]
pub fn PublisherPage(#[allow(unused_variables)] id: String) -> impl IntoView {
    view! { <NotFoundView year=None /> }
}
