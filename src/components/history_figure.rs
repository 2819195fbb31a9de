//! Line chart of one code over the years, with its data table.

use std::sync::Arc;

use budget_model::format::format_amount;
use budget_model::snapshot::HistoryPoint;
use budget_model::summary::{trend, trend_phase};
use budget_model::{BudgetCode, Locale, Phase};
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Amount, ChartCanvas, ChartDownloads, MakeChart};
use crate::charts::history_line::{self, HistoryChart};
use crate::charts::{chart_text, phase_color, Chart};
use crate::i18n::{td, td_string};
use crate::labels::{phase_id, phase_name};
use crate::locale::{i18n_locale, use_i18n, use_locale};

/// Height of the chart, in CSS pixels.
const CHART_HEIGHT: u32 = 320;

/// The history chart of one code in one language, ready to draw on any backend.
#[derive(Clone)]
struct HistorySeries {
    points: Arc<Vec<HistoryPoint>>,
    phases: Arc<[Phase]>,
    year: u16,
    locale: Locale,
}

impl Chart for HistorySeries {
    fn height(&self) -> u32 {
        CHART_HEIGHT
    }

    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let locale = self.locale;
        let format = move |value: i64| chart_text(format_amount(value, locale), locale);
        let chart = HistoryChart {
            points: &self.points,
            phases: &self.phases,
            marked_year: Some(self.year),
            format_amount: &format,
            scale,
        };
        history_line::draw(area, &chart)
    }

    fn legend(&self) -> Vec<(String, RGBColor)> {
        let i18n = i18n_locale(self.locale);
        self.phases.iter().map(|&phase| (phase_name(i18n, phase).to_string(), phase_color(phase))).collect()
    }
}

/// Every year of one code: a line per phase, a legend, and a table of the same points.
#[component]
pub fn HistoryFigure(
    /// Points oldest first, as in the history shard.
    points: Arc<Vec<HistoryPoint>>,
    /// Year of the page, marked on the chart.
    year: u16,
    /// The code, for the name of a downloaded file.
    code: BudgetCode,
    /// The item's name in `year`, for the title of a downloaded chart.
    name: String,
    /// Source line of a downloaded chart; without it the chart has no download buttons.
    #[prop(optional_no_strip)]
    source: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let phases: Arc<[Phase]> =
        Phase::ALL.into_iter().filter(|phase| points.iter().any(|point| point.amounts.get(*phase).is_some())).collect();
    // The finding follows one phase through the years, so that it compares like with like.
    let summary = trend_phase(&points).and_then(|phase| Some((phase, trend(&points, phase)?)));

    let label = move || {
        let locale = locale.get();
        let Some((phase, summary)) = summary else { return td_string!(i18n.get(), history_none).to_string() };
        let phase = phase_name(i18n.get(), phase);
        if summary.first.year == summary.last.year {
            return td_string!(
                i18n.get(),
                history_single,
                phase,
                year = summary.first.year,
                amount = format_amount(summary.first.shekels, locale)
            )
            .to_string();
        }
        td_string!(
            i18n.get(),
            history_finding,
            phase,
            first_year = summary.first.year,
            last_year = summary.last.year,
            first_amount = format_amount(summary.first.shekels, locale),
            last_amount = format_amount(summary.last.shekels, locale),
            peak_amount = format_amount(summary.peak.shekels, locale),
            peak_year = summary.peak.year
        )
        .to_string()
    };

    let series = {
        let (points, phases) = (points.clone(), phases.clone());
        move || HistorySeries { points: points.clone(), phases: phases.clone(), year, locale: locale.get() }
    };
    let draw = {
        let series = series.clone();
        move |backend: plotters_canvas::CanvasBackend, scale| {
            if let Err(error) = series().draw_on(&backend.into_drawing_area(), scale) {
                log::warn!("could not draw the history chart: {error}");
            }
        }
    };
    let downloads = source.map(|source| {
        let make_chart: MakeChart = Arc::new(move || Box::new(series()));
        let file_stem = format!("budget-{year}-{code}-history");
        let title = Signal::derive(move || td_string!(i18n.get(), history_export_title, name = name.clone(), code = code.to_string()).to_string());
        view! { <ChartDownloads chart=make_chart title source file_stem /> }
    });

    let legend = phases
        .iter()
        .map(|&phase| {
            let color = phase_color(phase);
            let swatch = format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2);
            view! {
                <li data-phase=phase_id(phase)>
                    <span class="swatch" data-marker=phase_id(phase) style:background-color=swatch aria-hidden="true"></span>
                    {move || phase_name(i18n.get(), phase)}
                </li>
            }
        })
        .collect_view();

    let rows = points
        .iter()
        .map(|point| {
            let cells = Phase::ALL
                .into_iter()
                .map(|phase| {
                    view! {
                        <td class="numeric" data-phase=phase_id(phase)>
                            <Amount shekels=point.amounts.get(phase) />
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{point.year}</th>
                    <td><bdi>{point.name.clone()}</bdi></td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let phase_headings = Phase::ALL
        .into_iter()
        .map(|phase| view! { <th scope="col" class="numeric" data-phase=phase_id(phase)>{move || phase_name(i18n.get(), phase)}</th> })
        .collect_view();

    view! {
        <figure class="chart-figure" data-testid="history-figure">
            <figcaption>{td!(i18n.get(), history_caption)}</figcaption>
            <ChartCanvas height=CHART_HEIGHT label=Signal::derive(label) draw test_id="history-chart" />
            <ul class="legend" aria-label=move || td_string!(i18n.get(), chart_legend_label)>{legend}</ul>
            {downloads}
            <p class="note">{td!(i18n.get(), history_renumbered)}</p>
            <details class="chart-data">
                <summary>{td!(i18n.get(), data_table)}</summary>
                <div class="table-scroll">
                    <table data-testid="history-table">
                        <caption>{td!(i18n.get(), history_caption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{td!(i18n.get(), col_year)}</th>
                                <th scope="col">{td!(i18n.get(), col_name)}</th>
                                {phase_headings}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
