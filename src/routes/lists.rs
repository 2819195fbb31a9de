//! The tenders and exemptions lists, with filters from the route.

use leptos::prelude::*;

use super::NotFoundView;

/// The tenders list.
#[component]
pub fn TendersPage() -> impl IntoView {
    view! { <NotFoundView year=None /> }
}

/// The exemptions list.
#[component]
pub fn ExemptionsPage() -> impl IntoView {
    view! { <NotFoundView year=None /> }
}
