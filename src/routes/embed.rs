//! One widget of a budget page alone, for an `<iframe>` on another site.

use budget_model::route::{EmbedView, Route};
use budget_model::BudgetCode;
use leptos::prelude::*;

use super::item::{ChildrenTable, ItemAmounts, ItemData};
use super::year_home::{chart_phase, HomeData, SectionsTable, Totals};
use super::{ItemPage, YearHomePage};
use crate::components::{ItemHistory, PinnedSnapshotNote, SectionsFigure};
use crate::data::DataStore;
use crate::i18n::{td, td_string};
use crate::labels::level_name;
use crate::locale::{isolate, use_i18n};
use crate::router::use_route;
use crate::{browser, embed_frame};

/// The widget of the current embed route, with its title, a credit line naming the site, the
/// source files and the snapshot, and a link to the full page. It reports its height to the framing page.
///
#[component]
pub fn EmbedPage() -> impl IntoView {
    let route = use_route();
    let widget = Memo::new(move |_| match route.get() {
        Route::Embed { year, code, view, .. } => Some((year, code, view)),
        _ => None,
    });
    // The frame id belongs to the frame, which keeps it whatever it shows.
    let frame = route.with_untracked(|route| match route {
        Route::Embed { frame, .. } => frame.clone(),
        _ => None,
    });
    browser::set_document_mode("embed");
    embed_frame::report_height(frame);
    move || widget.get().map(|(year, code, view)| view! { <EmbedContent year code view /> })
}

/// The widget `view` of the page of `code` in `year`, loaded by the page's own component, so
/// that the embed shares the page's loading code instead of adding its own to the wasm.
#[component]
fn EmbedContent(year: u16, code: Option<BudgetCode>, view: EmbedView) -> impl IntoView {
    let content = match code {
        None => view! { <YearHomePage year=Some(year) embed=view /> }.into_any(),
        Some(code) => view! { <ItemPage year=Some(year) code embed=view /> }.into_any(),
    };
    view! {
        <main id="main" class="embed" data-view="embed" data-embed-view=view.code()>
            {content}
        </main>
    }
}

/// The data of an embed: a year's home or one item.
#[derive(Debug, Clone)]
pub(super) enum EmbedData {
    Home(HomeData),
    Item(ItemData),
}

/// The widget `view` of a loaded page, with its title, the pinned-snapshot note, a credit line
/// and a link to the full page.
#[component]
pub(super) fn EmbedWidget(data: EmbedData, view: EmbedView) -> impl IntoView {
    let i18n = use_i18n();
    let route = use_route();
    let index = match &data {
        EmbedData::Home(data) => data.index.clone(),
        EmbedData::Item(data) => data.index.clone(),
    };
    let (year, heading, subtitle, widget) = match data {
        EmbedData::Home(HomeData { index, home }) => {
            let year = home.year;
            let phases = super::year_phases(index.year(year));
            let widget = match view {
                EmbedView::Summary => view! { <Totals home revenue_link=false /> }.into_any(),
                EmbedView::Chart => match chart_phase(&home) {
                    Some(phase) => view! { <SectionsFigure home phase /> }.into_any(),
                    None => view! { <p class="note">{td!(i18n.get(), no_data)}</p> }.into_any(),
                },
                EmbedView::Table => view! { <SectionsTable home phases link_target=Some("_blank") /> }.into_any(),
            };
            let heading = (move || td_string!(i18n.get(), home_title, year).to_string()).into_any();
            (year, heading, None, widget)
        }
        EmbedData::Item(data) => {
            let year = data.home.year;
            let code = data.code.clone();
            let level = code.level();
            let name = data.shard.item(&code).map(|item| item.name.clone()).unwrap_or_default();
            let widget = match view {
                EmbedView::Summary => view! { <ItemAmounts data=data.clone() /> }.into_any(),
                EmbedView::Chart => {
                    let listed_in = data.history_listed_in();
                    view! { <ItemHistory listed_in code=code.clone() year name=name.clone() /> }.into_any()
                }
                EmbedView::Table => view! { <ChildrenTable data=data.clone() link_target=Some("_blank") /> }.into_any(),
            };
            let heading = view! { <bdi>{name}</bdi> }.into_any();
            let code_text = code.to_string();
            let subtitle = view! {
                <p class="item-level">
                    {move || level_name(i18n.get(), level)}
                    " "
                    <bdi class="code">{code_text}</bdi>
                    " · "
                    {move || td_string!(i18n.get(), home_crumb, year).to_string()}
                </p>
            };
            (year, heading, Some(subtitle), widget)
        }
    };
    let full_page = move || {
        let (code, snapshot) = route.with(|route| match route {
            Route::Embed { code, snapshot, .. } => (code.clone(), snapshot.clone()),
            _ => (None, None),
        });
        Route::Budget { locale: route.with(Route::locale), year: Some(year), code, snapshot }.to_hash()
    };
    let snapshot = DataStore::use_store().snapshot();
    // The official files of the year, as on the full page.
    let files = isolate(&index.year(year).map(|entry| entry.sources.join(", ")).unwrap_or_default());
    let credit = move || {
        let info = snapshot.get()?;
        let site = td_string!(i18n.get(), app_title).to_string();
        let (id, date) = (isolate(&info.id), isolate(info.date()));
        Some(td_string!(i18n.get(), embed_credit, site, files = files.clone(), id, date).to_string())
    };
    Effect::new(move |_| {
        browser::set_document_title(td_string!(i18n.get(), app_title));
    });
    view! {
        <article class="embed-widget">
            <header class="embed-head">
                <h1>{heading}</h1>
                {subtitle}
            </header>
            <PinnedSnapshotNote />
            {widget}
            <p class="embed-credit" data-testid="embed-credit">
                {credit}
                " "
                <a href=full_page target="_blank" rel="noopener" data-testid="embed-full-page">
                    {td!(i18n.get(), embed_full_page)}
                </a>
            </p>
        </article>
    }
}
