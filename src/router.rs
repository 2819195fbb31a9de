//! Hash router: the current [`Route`] as a signal, kept in step with `location.hash`.
//!
//! Links are plain `<a href="#/...">`; the browser changes the hash and fires `hashchange`,
//! which updates the signal. Nothing else writes the route.

use budget_model::route::Route;
use budget_model::{BudgetCode, Locale};
use leptos::ev;
use leptos::prelude::*;

use crate::browser;

#[derive(Clone, Copy)]
struct CurrentRoute(ReadSignal<Route>);

/// Starts listening to `hashchange` and provides the route to every component below.
pub fn provide_router() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&browser::location_hash()));
    let listener = window_event_listener(ev::hashchange, move |_| {
        let next = Route::parse(&browser::location_hash());
        // The site and a lone widget are two different apps in one document. Going from one to
        // the other loads the page afresh instead of tearing one down under the other, which
        // failed when the language changed in the same step.
        let embedded = |route: &Route| matches!(route, Route::Embed { .. });
        if route.with_untracked(embedded) != embedded(&next) {
            browser::reload();
            return;
        }
        set_route.set(next);
    });
    on_cleanup(move || listener.remove());
    provide_context(CurrentRoute(route));
    route
}

/// Returns the current route.
pub fn use_route() -> ReadSignal<Route> {
    expect_context::<CurrentRoute>().0
}

/// Goes to `route` by setting the hash, which records a history entry like a link would.
pub fn navigate(route: &Route) {
    browser::set_location_hash(&route.to_hash());
}

/// Returns the hash of `year`'s budget in `locale`, at `code` when given.
pub fn budget_hash(locale: Locale, year: u16, code: Option<&BudgetCode>) -> String {
    Route::budget(locale, Some(year), code.cloned()).to_hash()
}
