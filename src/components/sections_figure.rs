//! Bar chart of the largest expense sections of a year, with its data table.

use std::sync::Arc;

use budget_model::format::{format_amount, format_share};
use budget_model::snapshot::{ItemSummary, YearHome};
use budget_model::Phase;
use leptos::prelude::*;
use plotters::prelude::*;

use super::{Amount, ChartCanvas, ChartDownloads, MakeChart};
use crate::charts::sections_bar::{self, AmountBars};
use crate::charts::Chart;
use crate::i18n::{td, td_string};
use crate::labels::{phase_id, phase_name};
use crate::locale::{use_i18n, use_locale};

/// How many sections the chart shows.
const TOP_SECTIONS: usize = 10;

/// The largest expense sections of `home` in `phase`, largest first, as a chart with a
/// data table of the same rows.
#[component]
pub fn SectionsFigure(
    home: Arc<YearHome>,
    phase: Phase,
    /// Source line of a downloaded chart; without it the chart has no download buttons.
    #[prop(optional)]
    source: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let year = home.year;
    let total = home.expenses.get(phase);

    let mut top: Vec<(ItemSummary, i64)> = home
        .sections
        .iter()
        .filter_map(|section| section.amounts.get(phase).map(|value| (section.clone(), value)))
        .collect();
    top.sort_by_key(|(_, value)| std::cmp::Reverse(*value));
    top.truncate(TOP_SECTIONS);
    let top = Arc::new(top);

    let label = {
        let top = top.clone();
        move || {
            let Some((largest, value)) = top.first() else { return String::new() };
            // Isolated left to right inside the sentence, so `<0.1%` keeps its sign before the figure.
            let share = total
                .and_then(|total| format_share(*value, total))
                .map(|share| format!("\u{2066}{share}\u{2069}"))
                .unwrap_or_default();
            td_string!(
                i18n.get(),
                top_sections_finding,
                year,
                name = largest.name.clone(),
                amount = format_amount(*value, locale.get()),
                share
            )
            .to_string()
        }
    };

    let sections = {
        let top = top.clone();
        let rows: Arc<Vec<(String, i64)>> = Arc::new(top.iter().map(|(section, value)| (section.name.clone(), *value)).collect());
        move || AmountBars { rows: rows.clone(), phase, locale: locale.get() }
    };
    let draw = {
        let sections = sections.clone();
        move |backend: plotters_canvas::CanvasBackend, scale| {
            if let Err(error) = sections().draw_on(&backend.into_drawing_area(), scale) {
                log::warn!("could not draw the sections chart: {error}");
            }
        }
    };
    let caption = move || td_string!(i18n.get(), top_sections_caption, year, phase = phase_name(i18n.get(), phase)).to_string();
    let downloads = source.map(|source| {
        let make_chart: MakeChart = Arc::new(move || Box::new(sections()));
        let file_stem = format!("budget-{year}-sections");
        view! { <ChartDownloads chart=make_chart title=Signal::derive(caption) source file_stem /> }
    });

    let rows = top
        .iter()
        .map(|(section, value)| {
            let share = total.and_then(|total| format_share(*value, total));
            view! {
                <tr>
                    <th scope="row"><bdi>{section.name.clone()}</bdi></th>
                    <td><bdi class="code">{section.code.to_string()}</bdi></td>
                    <td class="numeric" data-phase=phase_id(phase)><Amount shekels=Some(*value) /></td>
                    <td class="numeric"><span dir="ltr">{share}</span></td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <figure class="chart-figure" data-testid="sections-figure">
            <figcaption>{caption}</figcaption>
            <ChartCanvas height=sections_bar::height(top.len()) label=Signal::derive(label) draw test_id="sections-chart" />
            {downloads}
            <details class="chart-data">
                <summary>{td!(i18n.get(), data_table)}</summary>
                <div class="table-scroll">
                    <table>
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{td!(i18n.get(), col_name)}</th>
                                <th scope="col">{td!(i18n.get(), col_code)}</th>
                                <th scope="col" class="numeric">{move || phase_name(i18n.get(), phase)}</th>
                                <th scope="col" class="numeric">{td!(i18n.get(), share_of_expenses)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
