//! The page for an address that matches nothing in the snapshot.

use budget_model::route::Route;
use leptos::prelude::*;

use crate::browser;
use crate::i18n::{td, td_string};
use crate::locale::{use_i18n, use_locale};
use crate::router::budget_hash;

/// "Page not found", with a link back to the home of `year`, or of the default year.
#[component]
pub fn NotFoundView(year: Option<u16>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    Effect::new(move |_| {
        browser::set_document_title(&format!(
            "{} · {}",
            td_string!(i18n.get(), not_found_title),
            td_string!(i18n.get(), app_title)
        ));
    });
    let href = move || match year {
        Some(year) => budget_hash(locale.get(), year, None),
        None => Route::budget(locale.get(), None, None).to_hash(),
    };
    let back = move || match year {
        Some(year) => td!(i18n.get(), not_found_back_year, year).into_any(),
        None => td!(i18n.get(), not_found_back).into_any(),
    };
    view! {
        <section class="not-found" data-view="not-found" data-testid="not-found">
            <h1>{td!(i18n.get(), not_found_title)}</h1>
            <p>{td!(i18n.get(), not_found_text)}</p>
            <p>
                <a href=href data-testid="not-found-back">{back}</a>
            </p>
        </section>
    }
}
