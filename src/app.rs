//! The root component: contexts, the document's language and the page layout.

use leptos::prelude::*;

use crate::browser;
use crate::components::{SiteFooter, SiteHeader};
use crate::data::DataStore;
use crate::locale::{provide_locale, use_locale};
use crate::router::provide_router;
use crate::routes::PageView;

/// The whole app.
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

    view! {
        <SiteHeader />
        <main id="main" tabindex="-1">
            <PageView />
        </main>
        <SiteFooter />
    }
}
