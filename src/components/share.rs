//! The share of an item in its parent.

use budget_model::format::format_share;
use budget_model::summary::share_phase;
use budget_model::Amounts;
use leptos::prelude::*;

use super::NoData;
use crate::labels::phase_id;

/// `part` as a percentage of `whole`, both taken in the latest phase they both have. Shows
/// the no-data marker when they share no phase or `whole` is zero.
#[component]
pub fn Share(part: Amounts, whole: Amounts) -> impl IntoView {
    let share = share_phase(&part, &whole).and_then(|phase| {
        let text = format_share(part.get(phase)?, whole.get(phase)?)?;
        Some((phase, text))
    });
    match share {
        // Left to right in every language, so `<0.1%` keeps its sign before the figure.
        Some((phase, text)) => {
            view! { <span class="share" dir="ltr" data-share-phase=phase_id(phase)>{text}</span> }.into_any()
        }
        None => view! { <NoData /> }.into_any(),
    }
}
