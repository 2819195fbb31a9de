//! The search field of the header: a combobox whose listbox shows the best results of each
//! kind while the user types.
//!
//! Keyboard: Down and Up move through the options, Enter opens the highlighted option or, with
//! none highlighted, the full results page, Escape closes the list and then clears the field.

use budget_model::lists::{ListFilters, ListYear};
use budget_model::route::Route;
use budget_model::search::{Doc, DocKind, DocTarget};
use budget_model::Locale;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::data::{DataStore, SearchResults};
use crate::i18n::{td, td_string};
use crate::locale::{isolate, use_i18n, use_locale};
use crate::router::{budget_hash, navigate, use_route};

/// Results of each kind in the header's list.
const PER_KIND_IN_LIST: usize = 4;

/// Shortest query, in characters, that the header searches for.
const MIN_QUERY_CHARS: usize = 2;

/// Pause in typing after which the header searches, so that a quick typist loads the files of
/// the words and not of every prefix on the way.
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(150);

/// The address a search result links to: the budget item, the entity page, or the tenders or
/// exemptions list filtered to the one record.
pub fn result_href(locale: Locale, doc: &Doc) -> String {
    match &doc.target {
        DocTarget::Budget { code, year } => budget_hash(locale, *year, Some(code)),
        DocTarget::Entity { id } => Route::Entity { locale, id: id.clone(), snapshot: None }.to_hash(),
        DocTarget::Tender { publication_id, year } => {
            let filters = ListFilters { year: Some(ListYear::Year(*year)), id: Some(publication_id.clone()), ..ListFilters::default() };
            Route::Tenders { locale, filters: filters.to_params(), snapshot: None }.to_hash()
        }
        DocTarget::Exemption { publication_id, year } => {
            let year = year.map_or(ListYear::Undated, ListYear::Year);
            let filters = ListFilters { year: Some(year), id: Some(publication_id.clone()), ..ListFilters::default() };
            Route::Exemptions { locale, filters: filters.to_params(), snapshot: None }.to_hash()
        }
    }
}

/// Heading of a group of results, such as "Budget items".
pub fn kind_name(locale: crate::i18n::Locale, kind: DocKind) -> &'static str {
    match kind {
        DocKind::Budget => td_string!(locale, search_kind_budget),
        DocKind::Entity => td_string!(locale, search_kind_entity),
        DocKind::Tender => td_string!(locale, search_kind_tender),
        DocKind::Exemption => td_string!(locale, search_kind_exemption),
    }
}

/// Identifier of a kind in markup (`data-kind`), as in the snapshot JSON.
pub fn kind_id(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Budget => "budget",
        DocKind::Entity => "entity",
        DocKind::Tender => "tender",
        DocKind::Exemption => "exemption",
    }
}

/// The header's search combobox.
#[component]
pub fn SearchBox() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let route = use_route();
    let store = DataStore::use_store();
    let (text, set_text) = signal(String::new());
    let (open, set_open) = signal(false);
    let (active, set_active) = signal(None::<usize>);

    let query = Memo::new(move |_| text.get().trim().to_string());
    let (settled, set_settled) = signal(String::new());
    let pause = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let query = query.get();
        if let Some(handle) = pause.get_value() {
            handle.clear();
        }
        pause.set_value(set_timeout_with_handle(move || set_settled.set(query), TYPING_PAUSE).ok());
    });
    on_cleanup(move || {
        if let Some(handle) = pause.try_get_value().flatten() {
            handle.clear();
        }
    });
    let results = LocalResource::new(move || {
        let query = settled.get();
        async move {
            if query.chars().count() < MIN_QUERY_CHARS {
                return Ok(SearchResults::default());
            }
            store.search(&query, PER_KIND_IN_LIST).await
        }
    });
    // The options in list order, each with the address it opens.
    let options = Memo::new(move |_| {
        let groups = match results.get() {
            Some(Ok(results)) => results.groups,
            _ => Vec::new(),
        };
        let locale = locale.get();
        groups.into_iter().flat_map(|group| group.docs).map(|doc| (result_href(locale, &doc), doc)).collect::<Vec<_>>()
    });

    // A new page closes the list and empties the field.
    Effect::new(move |previous: Option<()>| {
        route.track();
        if previous.is_some() {
            set_open.set(false);
            set_text.set(String::new());
            set_active.set(None);
        }
    });

    let results_page = move || Route::Search { locale: locale.get_untracked(), query: query.get_untracked() };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        let count = options.with_untracked(Vec::len);
        match event.key().as_str() {
            "ArrowDown" => {
                event.prevent_default();
                set_open.set(true);
                set_active.update(|active| *active = Some(active.map_or(0, |index| (index + 1) % count.max(1))));
            }
            "ArrowUp" => {
                event.prevent_default();
                set_active.update(|active| {
                    *active = match *active {
                        Some(0) | None => count.checked_sub(1),
                        Some(index) => Some(index - 1),
                    }
                });
            }
            "Enter" => {
                event.prevent_default();
                let chosen = active.get_untracked().and_then(|index| options.with_untracked(|options| options.get(index).map(|(href, _)| href.clone())));
                match chosen {
                    Some(href) => crate::browser::set_location_hash(&href),
                    None if !query.get_untracked().is_empty() => navigate(&results_page()),
                    None => {}
                }
            }
            "Escape" => {
                if open.get_untracked() {
                    set_open.set(false);
                    set_active.set(None);
                } else {
                    set_text.set(String::new());
                }
            }
            _ => {}
        }
    };
    let on_input = move |event| {
        set_text.set(event_target_value(&event));
        set_open.set(true);
        set_active.set(None);
    };
    // Focus moving to an option keeps the list open; anywhere else closes it.
    let on_focusout = move |event: leptos::ev::FocusEvent| {
        let inside = event
            .related_target()
            .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
            .zip(event.current_target().and_then(|target| target.dyn_into::<web_sys::Node>().ok()))
            .is_some_and(|(target, container)| container.contains(Some(&target)));
        if !inside {
            set_open.set(false);
        }
    };

    let expanded = move || open.get() && query.with(|query| query.chars().count() >= MIN_QUERY_CHARS);
    let option_id = |index: usize| format!("search-option-{index}");
    let listbox = move || {
        let mut groups = Vec::new();
        let mut current: Option<(DocKind, Vec<AnyView>)> = None;
        for (position, (href, doc)) in options.get().into_iter().enumerate() {
            if current.as_ref().is_none_or(|(kind, _)| *kind != doc.kind) {
                groups.extend(current.take());
                current = Some((doc.kind, Vec::new()));
            }
            let selected = move || active.get() == Some(position);
            let code = doc.code.clone().map(|code| view! { <bdi class="code" dir="ltr">{code}</bdi> });
            let option = view! {
                <a role="option" id=option_id(position) href=href aria-selected=move || selected().to_string() tabindex="-1">
                    <bdi class="title">{doc.title.clone()}</bdi>
                    {code}
                </a>
            }
            .into_any();
            if let Some((_, options)) = current.as_mut() {
                options.push(option);
            }
        }
        groups.extend(current.take());
        groups
            .into_iter()
            .map(|(kind, options)| {
                let label_id = format!("search-group-{}", kind_id(kind));
                let labelled_by = label_id.clone();
                view! {
                    <div role="group" aria-labelledby=labelled_by data-kind=kind_id(kind)>
                        <div class="group-label" id=label_id role="presentation">{move || kind_name(i18n.get(), kind)}</div>
                        {options}
                    </div>
                }
            })
            .collect_view()
    };
    let empty = move || {
        let nothing = options.with(Vec::is_empty) && results.get().is_some();
        nothing.then(|| view! { <p class="search-empty">{move || td!(i18n.get(), search_no_results, query = isolate(&query.get()))}</p> })
    };

    view! {
        <div class="search-box" role="search" on:focusout=on_focusout>
            <label for="site-search" class="visually-hidden">{move || td!(i18n.get(), search_label)}</label>
            <input
                id="site-search"
                type="search"
                role="combobox"
                autocomplete="off"
                data-testid="search-input"
                aria-autocomplete="list"
                aria-controls="search-listbox"
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || active.get().map(option_id)
                placeholder=move || td_string!(i18n.get(), search_placeholder)
                prop:value=move || text.get()
                on:input=on_input
                on:keydown=on_keydown
                on:focus=move |_| set_open.set(true)
            />
            <div class="search-popup" hidden=move || !expanded()>
                <div id="search-listbox" role="listbox" class="search-listbox" data-testid="search-listbox">
                    {listbox}
                </div>
                {empty}
                <a class="all-results" href=move || Route::Search { locale: locale.get(), query: query.get() }.to_hash()>
                    {move || td!(i18n.get(), search_all_results, query = isolate(&query.get()))}
                </a>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use budget_model::BudgetCode;

    use super::*;

    fn doc(target: DocTarget) -> Doc {
        Doc { id: 0, kind: DocKind::Tender, title: "מכרז".to_string(), code: None, target }
    }

    #[test]
    fn result_links_per_kind() {
        let budget = doc(DocTarget::Budget { code: BudgetCode::parse("20241447").unwrap(), year: 2014 });
        assert_eq!(result_href(Locale::He, &budget), "#/he/budget/2014/20241447");
        let entity = doc(DocTarget::Entity { id: "512238338".to_string() });
        assert_eq!(result_href(Locale::Ar, &entity), "#/ar/entity/512238338");
        let tender = doc(DocTarget::Tender { publication_id: "517108".to_string(), year: 2010 });
        assert_eq!(result_href(Locale::En, &tender), "#/en/tenders?year=2010&id=517108");
        let undated = doc(DocTarget::Exemption { publication_id: "544669".to_string(), year: None });
        assert_eq!(result_href(Locale::He, &undated), "#/he/exemptions?year=undated&id=544669");
    }
}
