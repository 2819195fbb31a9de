//! Contracts and supports paid from one budget item in one year.

use leptos::prelude::*;

use super::NotFoundView;

/// The contracts page of `code` in `year`.
#[component]
pub fn ContractsPage(#[allow(unused_variables)] year: u16, #[allow(unused_variables)] code: budget_model::BudgetCode) -> impl IntoView {
    view! { <NotFoundView year=None /> }
}
