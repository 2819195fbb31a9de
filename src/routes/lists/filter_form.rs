//! The filter controls of a list. Each change writes the filters to the route.

use budget_model::lists::{ListFilters, ListYear, NoticeStatus, Sort};
use leptos::prelude::*;

use super::{apply_filters, ListKind};
use crate::i18n::{td, td_string};
use super::status_name as notice_status_name;
use crate::locale::use_i18n;

/// What the filter controls offer, from the loaded list.
#[derive(Debug, Clone, Default)]
pub(super) struct FilterChoices {
    /// Years with a file, newest first; `None` is the undated file.
    pub years: Vec<Option<u16>>,
    /// The year shown when the route names none.
    pub latest: Option<u16>,
    pub publishers: Vec<String>,
    /// Regulations of the loaded exemptions; empty for tenders.
    pub regulations: Vec<String>,
}

/// A labelled `<select>` whose first option, "all", clears the filter.
fn select_filter(
    label: AnyView,
    test_id: &'static str,
    values: Vec<(String, String)>,
    selected: Signal<String>,
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = values
        .into_iter()
        .map(|(value, text)| {
            let is_selected = {
                let value = value.clone();
                move || selected.get() == value
            };
            view! { <option value=value selected=is_selected>{text}</option> }
        })
        .collect_view();
    view! {
        <label class="filter">
            <span>{label}</span>
            <select data-testid=test_id on:change=move |event| on_pick(event_target_value(&event))>
                <option value="" selected=move || selected.get().is_empty()>{move || td!(i18n.get(), list_any)}</option>
                {options}
            </select>
        </label>
    }
}

/// A labelled text or number field, applied once typing pauses and on `change` (Enter or
/// leaving the field), so that the list follows the typing without a history entry per key.
fn text_filter(
    label: AnyView,
    test_id: &'static str,
    input_type: &'static str,
    value: Signal<String>,
    on_set: impl Fn(String) + 'static,
) -> impl IntoView {
    let on_set = std::rc::Rc::new(on_set);
    let pause = StoredValue::new(None::<TimeoutHandle>);
    let stop_pause = move || {
        if let Some(handle) = pause.try_get_value().flatten() {
            handle.clear();
        }
    };
    on_cleanup(stop_pause);
    let on_input = {
        let on_set = on_set.clone();
        move |event: leptos::ev::Event| {
            stop_pause();
            let typed = event_target_value(&event);
            let on_set = on_set.clone();
            // The timer runs outside the component, so it enters the component's owner for the
            // contexts that applying a filter reads.
            let owner = Owner::current();
            let apply = move || match owner {
                Some(owner) => owner.with(|| on_set(typed)),
                None => on_set(typed),
            };
            pause.set_value(set_timeout_with_handle(apply, TYPING_PAUSE).ok());
        }
    };
    let on_change = move |event: leptos::ev::Event| {
        stop_pause();
        on_set(event_target_value(&event));
    };
    view! {
        <label class="filter">
            <span>{label}</span>
            <input
                type=input_type
                data-testid=test_id
                prop:value=move || value.get()
                on:input=on_input
                on:change=on_change
            />
        </label>
    }
}

/// Pause in typing after which a text or amount filter applies.
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(400);

/// The filters of a list: year, publisher, status, text, sort, and for exemptions regulation,
/// reason and the amount range.
#[component]
pub(super) fn FilterForm(kind: ListKind, filters: Memo<ListFilters>, choices: FilterChoices) -> impl IntoView {
    let i18n = use_i18n();
    let update = move |change: &dyn Fn(&mut ListFilters)| {
        let mut next = filters.get_untracked();
        change(&mut next);
        apply_filters(kind, &next);
    };
    let text_of = |value: Option<String>| value.map(|value| value.trim().to_string()).filter(|value| !value.is_empty());

    let years: Vec<(String, String)> = choices
        .years
        .iter()
        .map(|year| match year {
            Some(year) => (year.to_string(), year.to_string()),
            None => (ListYear::Undated.code(), td_string!(i18n.get_untracked(), list_year_undated).to_string()),
        })
        .chain(std::iter::once((ListYear::All.code(), td_string!(i18n.get_untracked(), list_year_all).to_string())))
        .collect();
    let latest = choices.latest;
    let year_selected = Signal::derive(move || match filters.get().year {
        Some(year) => year.code(),
        None => latest.map(|year| year.to_string()).unwrap_or_default(),
    });
    let year = view! {
        <label class="filter">
            <span>{move || td!(i18n.get(), list_year)}</span>
            <select
                data-testid="filter-year"
                on:change=move |event| {
                    let value = ListYear::from_code(&event_target_value(&event));
                    update(&|filters| filters.year = value);
                }
            >
                {years
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = {
                            let value = value.clone();
                            move || year_selected.get() == value
                        };
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    };

    let publishers = choices.publishers.iter().map(|name| (name.clone(), name.clone())).collect();
    let publisher = select_filter(
        view! { {move || td!(i18n.get(), list_publisher)} }.into_any(),
        "filter-publisher",
        publishers,
        Signal::derive(move || filters.get().publisher.unwrap_or_default()),
        move |value| update(&|filters| filters.publisher = text_of(Some(value.clone()))),
    );

    let statuses = NoticeStatus::ALL
        .into_iter()
        .map(|status| (status.code().to_string(), notice_status_name(i18n.get_untracked(), status).to_string()))
        .collect();
    let status = select_filter(
        view! { {move || td!(i18n.get(), list_status)} }.into_any(),
        "filter-status",
        statuses,
        Signal::derive(move || filters.get().status.map(|status| status.code().to_string()).unwrap_or_default()),
        move |value| update(&|filters| filters.status = NoticeStatus::from_code(&value)),
    );

    let text = text_filter(
        view! { {move || td!(i18n.get(), list_text)} }.into_any(),
        "filter-text",
        "search",
        Signal::derive(move || filters.get().text.unwrap_or_default()),
        move |value| update(&|filters| filters.text = text_of(Some(value.clone()))),
    );

    let mut sorts = vec![("-date", td_string!(i18n.get_untracked(), sort_date_desc)), ("date", td_string!(i18n.get_untracked(), sort_date_asc))];
    if kind == ListKind::Exemptions {
        sorts.push(("-amount", td_string!(i18n.get_untracked(), sort_amount_desc)));
        sorts.push(("amount", td_string!(i18n.get_untracked(), sort_amount_asc)));
    }
    let sort_selected = Signal::derive(move || filters.get().sort.unwrap_or(Sort::DEFAULT).code());
    let sort = view! {
        <label class="filter">
            <span>{move || td!(i18n.get(), list_sort)}</span>
            <select
                data-testid="filter-sort"
                on:change=move |event| {
                    let value = Sort::from_code(&event_target_value(&event)).filter(|sort| *sort != Sort::DEFAULT);
                    update(&|filters| filters.sort = value);
                }
            >
                {sorts
                    .into_iter()
                    .map(|(value, text)| {
                        view! { <option value=value selected=move || sort_selected.get() == value>{text.to_string()}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    };

    let exemption_filters = (kind == ListKind::Exemptions).then(|| {
        let regulations = choices.regulations.iter().map(|name| (name.clone(), name.clone())).collect();
        let amount_text = |amount: Option<i64>| amount.map(|amount| amount.to_string()).unwrap_or_default();
        let parse_amount = |value: &str| value.trim().replace([',', ' '], "").parse::<i64>().ok();
        view! {
            {select_filter(
                view! { {move || td!(i18n.get(), list_regulation)} }.into_any(),
                "filter-regulation",
                regulations,
                Signal::derive(move || filters.get().regulation.unwrap_or_default()),
                move |value| update(&|filters| filters.regulation = text_of(Some(value.clone()))),
            )}
            {text_filter(
                view! { {move || td!(i18n.get(), list_reason)} }.into_any(),
                "filter-reason",
                "search",
                Signal::derive(move || filters.get().reason.unwrap_or_default()),
                move |value| update(&|filters| filters.reason = text_of(Some(value.clone()))),
            )}
            {text_filter(
                view! { {move || td!(i18n.get(), list_amount_min)} }.into_any(),
                "filter-min",
                "number",
                Signal::derive(move || amount_text(filters.get().min_amount)),
                move |value| update(&|filters| filters.min_amount = parse_amount(&value)),
            )}
            {text_filter(
                view! { {move || td!(i18n.get(), list_amount_max)} }.into_any(),
                "filter-max",
                "number",
                Signal::derive(move || amount_text(filters.get().max_amount)),
                move |value| update(&|filters| filters.max_amount = parse_amount(&value)),
            )}
        }
    });

    let on_clear = move |_| apply_filters(kind, &ListFilters { year: filters.get_untracked().year, ..ListFilters::default() });

    view! {
        <form class="list-filters" role="search" on:submit=|event| event.prevent_default()>
            <fieldset>
                <legend>{move || td!(i18n.get(), list_filters)}</legend>
                {year}
                {publisher}
                {status}
                {exemption_filters}
                {text}
                {sort}
                <button type="button" class="clear-filters" on:click=on_clear>{move || td!(i18n.get(), list_clear)}</button>
            </fieldset>
        </form>
    }
}
