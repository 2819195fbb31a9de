//! One amount of money on screen.

use budget_model::format::{format_amount, format_full};
use leptos::prelude::*;

use super::NoData;
use crate::locale::use_locale;

/// An amount in shekels as `<data value>` with the exact integer, written short for the
/// current language with the full figure as its title. Shows the no-data marker when
/// `shekels` is `None`.
#[component]
pub fn Amount(
    /// The amount in whole shekels, or `None` when the source has no figure.
    shekels: Option<i64>,
) -> impl IntoView {
    let locale = use_locale();
    let Some(shekels) = shekels else {
        return view! { <NoData /> }.into_any();
    };
    view! {
        <data class="amount" value=shekels.to_string() title=move || format_full(shekels, locale.get())>
            {move || format_amount(shekels, locale.get())}
        </data>
    }
    .into_any()
}
