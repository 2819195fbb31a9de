//! The tenders and exemptions lists, with filters from the route.
//!
//! Each page reads its filters from the route's query (see `budget_model::lists`), so every
//! filtered view is a permalink, and a changed filter writes a new hash. The files are loaded
//! again only when the year changes; the other filters run on the loaded rows.

mod exemptions;
mod filter_form;
mod tenders;

use budget_model::lists::{ListFilters, NoticeStatus, Sort};
use budget_model::route::Route;
use leptos::prelude::*;

pub use exemptions::ExemptionsPage;
pub use tenders::TendersPage;

use crate::i18n::{td, td_string};
use crate::locale::use_i18n;
use crate::router::{navigate, use_route};

/// Which list a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Tenders,
    Exemptions,
}

/// The filters of the current route while it shows the `kind` list.
fn use_filters(kind: ListKind) -> Memo<ListFilters> {
    let route = use_route();
    Memo::new(move |previous: Option<&ListFilters>| match (kind, route.get()) {
        (ListKind::Tenders, Route::Tenders { filters, .. }) | (ListKind::Exemptions, Route::Exemptions { filters, .. }) => {
            ListFilters::from_params(&filters)
        }
        // The route has left this list. Keeping its filters keeps the list from rendering its
        // rows again while the page is taken down, which read signals already disposed.
        _ => previous.cloned().unwrap_or_default(),
    })
}

/// Goes to the same list with `filters`, keeping the language and any pinned snapshot.
fn apply_filters(kind: ListKind, filters: &ListFilters) {
    let route = use_route().get_untracked();
    let (locale, snapshot) = (route.locale(), route.snapshot().map(str::to_string));
    let filters = filters.to_params();
    let next = match kind {
        ListKind::Tenders => Route::Tenders { locale, filters, snapshot },
        ListKind::Exemptions => Route::Exemptions { locale, filters, snapshot },
    };
    navigate(&next);
}

/// Today's date in UTC as `YYYY-MM-DD`, the day the notices' status is computed for.
fn today() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    iso.get(..10).unwrap_or_default().to_string()
}

/// An ISO date as `<time>`, isolated so it keeps its order in right-to-left text.
fn date_view(date: Option<&str>) -> AnyView {
    match date.map(|date| date.get(..10).unwrap_or(date).to_string()) {
        Some(date) => {
            let datetime = date.clone();
            view! { <bdi><time datetime=datetime>{date}</time></bdi> }.into_any()
        }
        None => view! { <crate::components::NoData /> }.into_any(),
    }
}

/// Name of a notice's status, such as "Open".
fn status_name(locale: crate::i18n::Locale, status: NoticeStatus) -> &'static str {
    match status {
        NoticeStatus::Open => td_string!(locale, status_open),
        NoticeStatus::Closed => td_string!(locale, status_closed),
        NoticeStatus::Cancelled => td_string!(locale, status_cancelled),
        NoticeStatus::Unknown => td_string!(locale, status_unknown),
    }
}

/// Value of `aria-sort` on the column a list is sorted by.
fn sort_direction(sort: Sort) -> &'static str {
    match sort.descending {
        true => "descending",
        false => "ascending",
    }
}

/// A note that no row passes the filters, shown while `shown` is zero.
#[component]
fn EmptyList(#[prop(into)] shown: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    move || (shown.get() == 0).then(|| view! { <p class="list-empty" role="status">{move || td!(i18n.get(), list_empty)}</p> })
}
