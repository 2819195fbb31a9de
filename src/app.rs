//! The root component: contexts, the document's language and the page layout.

use budget_model::route::Route;
use leptos::prelude::*;

use crate::browser;
use crate::components::{SiteFooter, SiteHeader, UpdateBanner};
use crate::data::DataStore;
use crate::locale::{provide_locale, use_locale};
use crate::offline;
use crate::router::provide_router;
use crate::routes::{EmbedPage, PageView};

/// The whole app: the full site, or one widget alone on an embed route.
#[component]
pub fn App() -> impl IntoView {
    let route = provide_router();
    provide_locale(route);
    DataStore::provide();

    // `<html lang dir>` follows the route's language, so the browser picks fonts, speech and
    // the writing direction of the whole page from it.
    let locale = use_locale();
    Effect::new(move |_| {
        let locale = locale.get();
        browser::set_document_language(locale.code(), locale.dir());
    });

    let embedded = Memo::new(move |_| route.with(|route| matches!(route, Route::Embed { .. })));
    move || {
        if embedded.get() {
            view! { <EmbedPage /> }.into_any()
        } else {
            view! { <Site /> }.into_any()
        }
    }
}

/// The full site: header, page and footer. It keeps itself for offline use and watches for a
/// newer snapshot; an embed does neither, because it lives inside another site's page.
#[component]
fn Site() -> impl IntoView {
    offline::start(DataStore::use_store());
    view! {
        <UpdateBanner />
        <SiteHeader />
        <main id="main" tabindex="-1">
            <PageView />
        </main>
        <SiteFooter />
    }
}
