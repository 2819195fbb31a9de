//! The three phase amounts of one item.

use budget_model::{Amounts, Phase};
use leptos::prelude::*;

use super::Amount;
use crate::labels::{phase_id, phase_name};
use crate::locale::use_i18n;

/// Original, revised and executed amounts as a description list; a phase without a figure
/// shows the no-data marker.
#[component]
pub fn PhaseAmounts(amounts: Amounts) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Phase::ALL
        .into_iter()
        .map(|phase| {
            view! {
                <div class="phase-amount">
                    <dt>{move || phase_name(i18n.get(), phase)}</dt>
                    <dd data-phase=phase_id(phase)>
                        <Amount shekels=amounts.get(phase) />
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="phase-amounts" data-testid="phase-amounts">{rows}</dl> }
}
