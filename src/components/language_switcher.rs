//! Links to the current page in each interface language.

use budget_model::route::Route;
use budget_model::Locale;
use leptos::prelude::*;

use crate::i18n::td_string;
use crate::locale::use_i18n;
use crate::router::use_route;

/// One link per language, each keeping the current place (year and item).
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let route = use_route();
    let links = Locale::ALL
        .into_iter()
        .map(|locale| {
            let href = move || route.with(|route| route.with_locale(locale).to_hash());
            let current = move || (route.with(Route::locale) == locale).then_some("true");
            // Each language's name is written in that language, so it is marked as such.
            let name = move || match locale {
                Locale::He => td_string!(i18n.get(), language_he),
                Locale::Ar => td_string!(i18n.get(), language_ar),
                Locale::En => td_string!(i18n.get(), language_en),
            };
            view! {
                <li>
                    <a href=href lang=locale.code() hreflang=locale.code() data-locale=locale.code() aria-current=current>
                        {name}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="language-switcher" aria-label=move || td_string!(i18n.get(), language_nav_label) data-testid="language-switcher">
            <ul>{links}</ul>
        </nav>
    }
}
