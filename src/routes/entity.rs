//! A supplier or support recipient: what it received, per year and per ministry.

use leptos::prelude::*;

use super::NotFoundView;

/// The page of the entity `id`.
#[component]
pub fn EntityPage(#[allow(unused_variables)] id: String) -> impl IntoView {
    view! { <NotFoundView year=None /> }
}
