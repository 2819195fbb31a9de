//! The banner at the top of every page.

use budget_model::route::Route;
use leptos::prelude::*;

use super::{LanguageSwitcher, SearchBox};
use crate::browser;
use crate::i18n::{td, td_string};
use crate::locale::{use_i18n, use_locale};

/// Skip link, site title linking to the default year, and the language switcher.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let home = move || Route::budget(locale.get(), None, None).to_hash();

    // A plain `href="#main"` would replace the route in the hash, so the skip link moves
    // focus itself.
    let on_skip = |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        browser::focus_main();
    };

    view! {
        <header class="site-header">
            <a class="skip-link" href="#main" on:click=on_skip>{td!(i18n.get(), skip_to_content)}</a>
            <div class="brand">
                <a class="site-title" href=home data-testid="site-title">{td!(i18n.get(), app_title)}</a>
                <p class="tagline">{td!(i18n.get(), app_tagline)}</p>
            </div>
            <nav class="list-links" aria-label=move || td_string!(i18n.get(), nav_lists_label).to_string()>
                <a href=move || Route::Tenders { locale: locale.get(), filters: Default::default(), snapshot: None }.to_hash()>
                    {move || td!(i18n.get(), nav_tenders)}
                </a>
                <a href=move || Route::Exemptions { locale: locale.get(), filters: Default::default(), snapshot: None }.to_hash()>
                    {move || td!(i18n.get(), nav_exemptions)}
                </a>
            </nav>
            <SearchBox />
            <LanguageSwitcher />
        </header>
    }
}
