//! Search results for the route's query.

use leptos::prelude::*;

use super::NotFoundView;

/// The search results page.
#[component]
pub fn SearchPage() -> impl IntoView {
    view! { <NotFoundView year=None /> }
}
