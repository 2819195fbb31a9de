//! The year selector of the home view.

use budget_model::route::Route;
use budget_model::snapshot::Manifest;
use leptos::prelude::*;
use std::sync::Arc;

use crate::i18n::{td, td_string};
use crate::locale::{use_i18n, use_locale};
use crate::router::navigate;

/// A labelled `<select>` of every year in the snapshot, newest first, proposal years marked;
/// choosing one goes to that year's home.
#[component]
pub fn YearSelect(
    /// The snapshot's index, which lists the years.
    index: Arc<Manifest>,
    /// The selected year.
    year: u16,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let on_change = move |event| {
        let value = event_target_value(&event);
        match value.parse::<u16>() {
            Ok(year) => navigate(&Route::budget(locale.get_untracked(), Some(year), None)),
            Err(_) => log::warn!("year selector returned {value:?}, which is not a year"),
        }
    };
    let options = index
        .years
        .iter()
        .rev()
        .map(|entry| {
            let option_year = entry.year;
            let proposal = entry.proposal;
            let text = move || {
                if proposal {
                    td_string!(i18n.get(), year_option_proposal, year = option_year).to_string()
                } else {
                    option_year.to_string()
                }
            };
            view! {
                <option value=option_year.to_string() selected=option_year == year data-proposal=proposal.then_some("true")>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="year-select">
            <label for="year-select">{td!(i18n.get(), year_select_label)}</label>
            <select id="year-select" name="year" data-testid="year-select" on:change=on_change>
                {options}
            </select>
        </div>
    }
}
