//! The pages, one per file, and the view that picks one for the current route.

mod contracts;
mod embed;
mod entity;
mod item;
mod lists;
mod not_found;
mod publisher;
mod search;
mod year_home;

pub use contracts::ContractsPage;
pub use embed::EmbedPage;
pub use entity::EntityPage;
pub use item::ItemPage;
pub use lists::{ExemptionsPage, TendersPage};
pub use not_found::NotFoundView;
pub use publisher::PublisherPage;
pub use search::SearchPage;
pub use year_home::YearHomePage;

use budget_model::route::Route;
use budget_model::snapshot::{Manifest, YearEntry};
use budget_model::{BudgetCode, Phase};
use leptos::prelude::*;

use crate::browser;
use crate::router::use_route;

/// A boxed future that is not `Send`, as the browser's futures are not.
type LocalBoxFuture<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T>>>;

/// Result of looking up a page's year and code in the snapshot.
#[derive(Debug, Clone)]
pub enum Outcome<T> {
    Found(T),
    /// The year or code does not exist; `year` is the year whose home to link back to.
    NotFound {
        year: Option<u16>,
    },
}

/// The route without its language. Pages are rebuilt only when this changes, so a language
/// switch re-labels the page in place instead of loading it again.
#[derive(Debug, Clone, PartialEq)]
enum Page {
    Budget { year: Option<u16>, code: Option<BudgetCode> },
    Contracts { year: u16, code: BudgetCode },
    Entity { id: String },
    Publisher { id: String },
    // The list and search pages read their filters and query from the route themselves, so
    // a new filter updates the page instead of rebuilding it.
    Tenders,
    Exemptions,
    Search,
    NotFound,
}

/// The page of the current route.
#[component]
pub fn PageView() -> impl IntoView {
    let route = use_route();
    let page = Memo::new(move |_| match route.get() {
        Route::Budget { year, code, .. } => Page::Budget { year, code },
        Route::Contracts { year, code, .. } => Page::Contracts { year, code },
        Route::Entity { id, .. } => Page::Entity { id },
        Route::Publisher { id, .. } => Page::Publisher { id },
        Route::Tenders { .. } => Page::Tenders,
        Route::Exemptions { .. } => Page::Exemptions,
        Route::Search { .. } => Page::Search,
        // The app shows embed routes with `EmbedPage` instead of this view.
        Route::Embed { .. } | Route::NotFound { .. } => Page::NotFound,
    });
    // A new page starts at its top, as it would after a full page load, and focus moves to
    // it from the link that led there, which no longer exists.
    Effect::new(move |previous: Option<Page>| {
        let current = page.get();
        if previous.is_some_and(|previous| previous != current) {
            browser::scroll_to_top();
            browser::focus_main();
        }
        current
    });

    move || match page.get() {
        Page::Budget { year, code: None } => view! { <YearHomePage year /> }.into_any(),
        Page::Budget { year, code: Some(code) } => view! { <ItemPage year code /> }.into_any(),
        Page::Contracts { year, code } => view! { <ContractsPage year code /> }.into_any(),
        Page::Entity { id } => view! { <EntityPage id /> }.into_any(),
        Page::Publisher { id } => view! { <PublisherPage id /> }.into_any(),
        Page::Tenders => view! { <TendersPage /> }.into_any(),
        Page::Exemptions => view! { <ExemptionsPage /> }.into_any(),
        Page::Search => view! { <SearchPage /> }.into_any(),
        Page::NotFound => view! { <NotFoundView year=None /> }.into_any(),
    }
}

/// Returns the entry of the requested year, or of the default year when none was requested.
fn resolve_year(index: &Manifest, requested: Option<u16>) -> Option<&YearEntry> {
    let year = requested.or_else(|| index.default_year())?;
    index.year(year)
}

/// Returns the phases that a year's tables show: those the year has figures of, or all three
/// when the index states no coverage.
fn year_phases(entry: Option<&YearEntry>) -> Vec<Phase> {
    match entry {
        Some(entry) if !entry.coverage.is_empty() => {
            Phase::ALL.into_iter().filter(|phase| entry.has_phase(*phase)).collect()
        }
        _ => Phase::ALL.to_vec(),
    }
}
