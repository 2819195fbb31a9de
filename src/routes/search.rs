//! Search results for the route's query.

use budget_model::format::{format_bytes, format_number};
use budget_model::route::Route;
use leptos::prelude::*;

use crate::components::{kind_id, kind_name, result_href, Loaded};
use crate::data::{DataStore, SearchResults};
use crate::i18n::{td, td_string};
use crate::locale::{isolate, use_i18n, use_locale};
use crate::router::{navigate, use_route};

/// Results of each kind on the results page.
const PER_KIND_ON_PAGE: usize = 50;

/// The search results page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let route = use_route();
    let store = DataStore::use_store();
    let query = Memo::new(move |previous: Option<&String>| match route.get() {
        Route::Search { query, .. } => query,
        // The route has left the page: keeping the query keeps the results from loading and
        // rendering again while the page is taken down.
        _ => previous.cloned().unwrap_or_default(),
    });
    let results = LocalResource::new(move || {
        store.track_retries();
        let query = query.get();
        async move {
            match query.trim().is_empty() {
                true => Ok(SearchResults::default()),
                false => store.search(&query, PER_KIND_ON_PAGE).await,
            }
        }
    });
    let (typed, set_typed) = signal(None::<String>);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let value = typed.get_untracked().unwrap_or_else(|| query.get_untracked());
        navigate(&Route::Search { locale: locale.get_untracked(), query: value.trim().to_string() });
    };

    view! {
        <section class="search-page" data-view="search">
            <h1>{move || td!(i18n.get(), search_title)}</h1>
            <form class="search-form" role="search" on:submit=on_submit>
                <label for="search-page-input">{move || td!(i18n.get(), search_label)}</label>
                <input
                    id="search-page-input"
                    name="q"
                    type="search"
                    prop:value=move || query.get()
                    on:input=move |event| set_typed.set(Some(event_target_value(&event)))
                    data-testid="search-page-input"
                />
                <button type="submit">{move || td!(i18n.get(), search_button)}</button>
            </form>
            <p class="search-hint">{move || td!(i18n.get(), search_prompt)}</p>
            <Loaded resource=results render=move |results| view! { <ResultList results query=query.get_untracked() /> } />
        </section>
    }
}

/// The groups of results, each a heading and a list of links.
#[component]
fn ResultList(results: SearchResults, query: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    if query.trim().is_empty() {
        return ().into_any();
    }
    if results.groups.is_empty() {
        let query_text = query.clone();
        return view! { <p class="search-empty" data-testid="search-empty" data-query=query>{move || td!(i18n.get(), search_no_results, query = isolate(&query_text))}</p> }
            .into_any();
    }
    let bytes = results.bytes;
    let groups = results
        .groups
        .into_iter()
        .map(|group| {
            let kind = group.kind;
            let total = results.totals.get(&kind).copied().unwrap_or(group.docs.len());
            let shown = group.docs.len();
            let heading_id = format!("results-{}", kind_id(kind));
            let labelled_by = heading_id.clone();
            let items = group
                .docs
                .into_iter()
                .map(|doc| {
                    let href = {
                        let doc = doc.clone();
                        move || result_href(locale.get(), &doc)
                    };
                    let code = doc.code.clone().map(|code| view! { <bdi class="code" dir="ltr">{code}</bdi> });
                    view! {
                        <li>
                            <a href=href><bdi class="title">{doc.title.clone()}</bdi></a>
                            {code}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="result-group" data-kind=kind_id(kind) aria-labelledby=labelled_by>
                    <h2 id=heading_id>
                        {move || kind_name(i18n.get(), kind)}
                        " "
                        <span class="group-count">
                            {move || td_string!(i18n.get(), search_group_count, shown = format_number(shown as u64), total = format_number(total as u64)).to_string()}
                        </span>
                    </h2>
                    <ul>{items}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="search-results" data-testid="search-results" data-bytes=bytes data-query=query>
            {groups}
            <p class="search-bytes">{move || td!(i18n.get(), search_bytes, size = format_bytes(bytes, locale.get()))}</p>
        </div>
    }
    .into_any()
}
