//! Bar chart of one amount per year, with its data table.

use std::sync::Arc;

use budget_model::format::format_amount;
use budget_model::Phase;
use leptos::prelude::*;
use plotters::prelude::*;

use super::{Amount, ChartCanvas};
use crate::charts::sections_bar::{self, AmountBars};
use crate::charts::Chart;
use crate::i18n::{td, td_string};
use crate::locale::{use_i18n, use_locale};


/// One bar per year, oldest first, as a chart with a data table of the same rows.
#[component]
pub fn YearsFigure(
    /// Years and amounts in shekels, oldest first.
    rows: Vec<(u16, i64)>,
    /// Caption of the figure and of its table.
    #[prop(into)]
    caption: Signal<String>,
    /// Heading of the amount column.
    #[prop(into)]
    value_heading: Signal<String>,
    /// Value of the canvas's `data-testid`.
    test_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let rows = Arc::new(rows);

    let label = {
        let rows = rows.clone();
        move || {
            let Some((year, value)) = rows.iter().max_by_key(|(_, value)| *value) else { return String::new() };
            td_string!(i18n.get(), proc_years_finding, year = *year, amount = format_amount(*value, locale.get()))
                .to_string()
        }
    };
    let draw = {
        let rows = rows.clone();
        move |backend: plotters_canvas::CanvasBackend, scale| {
            let labelled = rows.iter().map(|(year, value)| (year.to_string(), *value)).collect();
            // Procurement amounts are money paid, so the bars take the executed phase's color.
            let chart = AmountBars { rows: Arc::new(labelled), phase: Phase::Executed, locale: locale.get() };
            if let Err(error) = chart.draw_on(&backend.into_drawing_area(), scale) {
                log::warn!("could not draw the years chart: {error}");
            }
        }
    };
    let table_rows = rows
        .iter()
        .map(|(year, value)| {
            view! {
                <tr>
                    <th scope="row"><data value=year.to_string()>{*year}</data></th>
                    <td class="numeric"><Amount shekels=Some(*value) /></td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <figure class="chart-figure">
            <figcaption>{move || caption.get()}</figcaption>
            <ChartCanvas height=sections_bar::height(rows.len()) label=Signal::derive(label) draw test_id />
            <details class="chart-data">
                <summary>{td!(i18n.get(), data_table)}</summary>
                <div class="table-scroll">
                    <table>
                        <caption>{move || caption.get()}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{td!(i18n.get(), col_year)}</th>
                                <th scope="col" class="numeric">{move || value_heading.get()}</th>
                            </tr>
                        </thead>
                        <tbody>{table_rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
