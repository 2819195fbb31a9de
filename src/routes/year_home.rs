//! The home of one budget year: totals, the largest sections and the ranked list.

use std::sync::Arc;

use budget_model::route::EmbedView;
use budget_model::snapshot::{Manifest, YearHome};
use budget_model::{BudgetCode, Phase};
use leptos::prelude::*;

use super::embed::{EmbedData, EmbedWidget};
use super::{resolve_year, year_phases, LocalBoxFuture, Outcome};
use crate::browser;
use crate::components::{
    ItemRow, ItemTable, Loaded, PageSources, PageTools, PhaseAmounts, PinnedSnapshotNote,
    SectionsFigure, YearSelect,
};
use crate::data::{DataStore, LoadError};
use crate::i18n::{td, td_string};
use crate::locale::{use_i18n, use_locale};
use crate::router::budget_hash;

/// What a year's home shows.
#[derive(Debug, Clone)]
pub(super) struct HomeData {
    pub index: Arc<Manifest>,
    pub home: Arc<YearHome>,
}

/// Loads the index and the home file of `year`, or of the default year when `None`.
///
/// The future is boxed so that its code exists once, not once in each page that awaits it.
pub(super) fn load_home(store: DataStore, year: Option<u16>) -> LocalBoxFuture<Result<Outcome<HomeData>, LoadError>> {
    Box::pin(async move {
        let index = store.index().await?;
        let Some(entry) = resolve_year(&index, year) else {
            return Ok(Outcome::NotFound { year: index.default_year() });
        };
        let home = store.year_home(&index, entry.year).await?;
        Ok(Outcome::Found(HomeData { index, home }))
    })
}

/// The home of `year`, or of the default year when `year` is `None`; only its widget `embed`
/// when given.
#[component]
pub fn YearHomePage(
    year: Option<u16>,
    /// The widget to show alone, on an embed route.
    #[prop(optional)]
    embed: Option<EmbedView>,
) -> impl IntoView {
    let store = DataStore::use_store();
    let data = LocalResource::new(move || {
        store.track_retries();
        load_home(store, year)
    });
    view! {
        <Loaded
            resource=data
            render=move |outcome| match (outcome, embed) {
                (Outcome::Found(data), None) => view! { <YearHomeView data /> }.into_any(),
                (Outcome::Found(data), Some(view)) => view! { <EmbedWidget data=EmbedData::Home(data) view /> }.into_any(),
                (Outcome::NotFound { year }, _) => view! { <super::NotFoundView year /> }.into_any(),
            }
        />
    }
}

/// The phase the sections chart compares: the latest phase of the year's total.
pub(super) fn chart_phase(home: &YearHome) -> Option<Phase> {
    Phase::ALL.into_iter().rev().find(|phase| home.expenses.get(*phase).is_some())
}

/// The rows of the sections table, largest first as in the home file.
pub(super) fn section_rows(home: &YearHome) -> Vec<ItemRow> {
    home.sections
        .iter()
        .map(|section| ItemRow { code: section.code.clone(), name: section.name.clone(), amounts: section.amounts })
        .collect()
}

#[component]
fn YearHomeView(data: HomeData) -> impl IntoView {
    let i18n = use_i18n();
    let HomeData { index, home } = data;
    let year = home.year;
    let entry = index.year(year).cloned();
    let proposal = entry.as_ref().is_some_and(|entry| entry.proposal);
    let phases = year_phases(entry.as_ref());
    let sources = entry.as_ref().map(|entry| entry.sources.clone()).unwrap_or_default();
    let title = Signal::derive(move || td_string!(i18n.get(), home_title, year).to_string());
    let export_source = {
        let files = sources.join(", ");
        Signal::derive(move || td_string!(i18n.get(), export_source, year, files = files.clone()).to_string())
    };

    Effect::new(move |_| {
        browser::set_document_title(&format!("{} · {}", title.get(), td_string!(i18n.get(), app_title)));
    });

    let revenue_code = BudgetCode::parse("00").expect("00 is a valid section code");
    let has_revenue_page = entry.as_ref().is_some_and(|entry| entry.sections.contains(&revenue_code));

    view! {
        <div data-view="home">
            <PinnedSnapshotNote />
            <div class="page-head">
                <h1>
                    {td!(i18n.get(), home_title, year)}
                    {proposal.then(|| view! { <span class="badge" data-testid="proposal-badge">{td!(i18n.get(), proposal_badge)}</span> })}
                </h1>
                <YearSelect index=index.clone() year />
            </div>
            {proposal.then(|| view! { <p class="note">{td!(i18n.get(), proposal_note, year)}</p> })}
            <PageTools year code=None title sources chart=chart_phase(&home).is_some() table=true />

            <section class="totals" aria-labelledby="totals-heading">
                <h2 id="totals-heading">{td!(i18n.get(), totals_heading)}</h2>
                <Totals home=home.clone() revenue_link=has_revenue_page />
            </section>

            {chart_phase(&home).map(|phase| view! {
                <section aria-labelledby="top-sections-heading">
                    <h2 id="top-sections-heading">{td!(i18n.get(), top_sections_heading)}</h2>
                    <SectionsFigure home=home.clone() phase source=export_source />
                </section>
            })}

            <section aria-labelledby="sections-heading">
                <h2 id="sections-heading">{td!(i18n.get(), sections_heading)}</h2>
                <SectionsTable home=home.clone() phases />
            </section>

            <section aria-labelledby="publishers-heading">
                <h2 id="publishers-heading">{td!(i18n.get(), proc_publishers_heading)}</h2>
                <crate::components::PublisherList />
            </section>

            <PageSources index year />
        </div>
    }
}

/// The totals of a year: expenses, with the note on money outside the sections, and revenues,
/// with a link to the revenue section when `revenue_link` is set.
#[component]
pub(super) fn Totals(home: Arc<YearHome>, revenue_link: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let year = home.year;
    let revenue_link = revenue_link.then(|| {
        let revenue_code = BudgetCode::parse("00").expect("00 is a valid section code");
        let href = move || budget_hash(locale.get(), year, Some(&revenue_code));
        view! { <a class="card-link" href=href data-testid="revenue-details">{td!(i18n.get(), revenue_details)}</a> }
    });

    // The total differs from the sum of the sections by money that the budget books record
    // elsewhere; the note gives that money in every phase, since its sign and size differ
    // between phases (2024: −85.1 bn original, +2.6 million executed).
    let adjustments_note = home.expense_adjustments.map(|adjustments| {
        view! {
            <div class="note" data-testid="expense-adjustments">
                <p>{td!(i18n.get(), expense_adjustments_note)}</p>
                <PhaseAmounts amounts=adjustments />
            </div>
        }
    });

    view! {
        <div class="cards">
            <section class="card" data-testid="total-expenses" aria-labelledby="total-expenses-heading">
                <h3 id="total-expenses-heading">{td!(i18n.get(), total_expenses)}</h3>
                <PhaseAmounts amounts=home.expenses />
                {adjustments_note}
            </section>
            <section class="card" data-testid="total-revenues" aria-labelledby="total-revenues-heading">
                <h3 id="total-revenues-heading">{td!(i18n.get(), total_revenues)}</h3>
                <PhaseAmounts amounts=home.revenues.unwrap_or_default() />
                <p class="note" data-testid="revenues-note">{td!(i18n.get(), total_revenues_note)}</p>
                {revenue_link}
            </section>
        </div>
    }
}

/// The table of every expense section of a year, largest first.
#[component]
pub(super) fn SectionsTable(
    home: Arc<YearHome>,
    phases: Vec<Phase>,
    /// Value of the links' `target`, `_blank` in an embed.
    #[prop(default = None)]
    link_target: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let year = home.year;
    view! {
        <ItemTable
            year
            rows=section_rows(&home)
            phases
            whole=home.expenses
            share_heading=Signal::derive(move || td_string!(i18n.get(), share_of_expenses).to_string())
            test_id="sections-table"
            link_target
        >
            {td!(i18n.get(), sections_caption, year)}
        </ItemTable>
    }
}
