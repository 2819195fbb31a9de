//! The trail from a year's home down to the current item.

use budget_model::BudgetCode;
use leptos::prelude::*;

use crate::i18n::{td, td_string};
use crate::locale::{use_i18n, use_locale};
use crate::router::budget_hash;

/// Links from the year's home down to the current item, the last one marked as the current
/// page.
#[component]
pub fn Breadcrumbs(
    year: u16,
    /// Codes and names from the section down to the current item.
    trail: Vec<(BudgetCode, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let last = trail.len().saturating_sub(1);
    let steps = trail
        .into_iter()
        .enumerate()
        .map(|(index, (code, name))| {
            let current = index == last;
            let href = move || budget_hash(locale.get(), year, Some(&code));
            view! {
                <li>
                    <a href=href aria-current=current.then_some("page")>
                        <bdi>{name}</bdi>
                    </a>
                </li>
            }
        })
        .collect_view();

    view! {
        <nav class="breadcrumbs" aria-label=move || td_string!(i18n.get(), breadcrumbs_label) data-testid="breadcrumbs">
            <ol>
                <li>
                    <a href=move || budget_hash(locale.get(), year, None)>{td!(i18n.get(), home_crumb, year)}</a>
                </li>
                {steps}
            </ol>
        </nav>
    }
}
