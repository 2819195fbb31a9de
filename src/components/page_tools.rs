//! The actions of a budget page: cite it, and embed its widgets on another site.

use budget_model::route::EmbedView;
use budget_model::BudgetCode;
use leptos::prelude::*;

use super::{CiteButton, EmbedButton};

/// One row with the citation button and an embed button for each widget the page has: the
/// summary always, the chart and the table when the page shows them.
#[component]
pub fn PageTools(
    year: u16,
    /// The item, or `None` for the year's home.
    code: Option<BudgetCode>,
    /// What the page shows, such as "State budget 2014": the citation's title and the
    /// embeds' accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// The official files the page's figures come from.
    sources: Vec<String>,
    /// Whether the page has a chart to embed.
    chart: bool,
    /// Whether the page has a table of the items one level down to embed.
    table: bool,
) -> impl IntoView {
    let embeds = EmbedView::ALL
        .into_iter()
        .filter(|view| match view {
            EmbedView::Summary => true,
            EmbedView::Chart => chart,
            EmbedView::Table => table,
        })
        .map(|view| view! { <EmbedButton year code=code.clone() view name=title /> })
        .collect_view();
    view! {
        <div class="page-tools">
            <CiteButton title sources />
            {embeds}
        </div>
    }
}
