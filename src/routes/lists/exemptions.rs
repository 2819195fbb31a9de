//! The exemptions-from-tender list.

use std::sync::Arc;

use budget_model::export::{Cell, Table};
use budget_model::format::format_number;
use budget_model::lists::{distinct_values, filter_and_sort, ListFilters, ListYear, Notice, Sort, SortKey};
use budget_model::procurement::{Exemption, Party};
use budget_model::route::Route;
use leptos::prelude::*;

use super::filter_form::{FilterChoices, FilterForm};
use super::{apply_filters, date_view, sort_direction, status_name, today, use_filters, EmptyList, ListKind};
use crate::components::{Amount, ExportButtons, Loaded, NoData, WindowedTable};
use crate::data::{DataStore, LoadError};
use crate::i18n::{td, td_string};
use crate::locale::{use_i18n, use_locale};
use crate::routes::LocalBoxFuture;

/// The loaded exemptions of the chosen years.
#[derive(Debug, Clone)]
struct ExemptionData {
    rows: Arc<Vec<Exemption>>,
    choices: FilterChoices,
    /// Name part of the export files, such as `2016` or `all`.
    file_label: String,
}

fn load(store: DataStore, year: Option<ListYear>) -> LocalBoxFuture<Result<ExemptionData, LoadError>> {
    Box::pin(async move {
        let index = store.procurement_lists().await?;
        let lists = store.exemption_lists(&index, year).await?;
        let rows: Vec<Exemption> = lists.iter().flat_map(|list| list.exemptions.iter().cloned()).collect();
        let latest = index.exemptions.iter().filter_map(|entry| entry.year).max();
        let mut years: Vec<Option<u16>> = index.exemptions.iter().map(|entry| entry.year).collect();
        // Newest first, and the undated file last.
        years.sort_by(|a, b| b.cmp(a));
        let publishers = distinct_values(&rows, |row: &Exemption| row.publisher());
        let regulations = distinct_values(&rows, |row: &Exemption| row.regulation());
        let file_label = match year {
            Some(year) => year.code(),
            None => latest.map(|year| year.to_string()).unwrap_or_default(),
        };
        let choices = FilterChoices { years, latest, publishers, regulations };
        Ok(ExemptionData { rows: Arc::new(rows), choices, file_label })
    })
}

/// The exemptions list.
#[component]
pub fn ExemptionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = DataStore::use_store();
    let filters = use_filters(ListKind::Exemptions);
    let year = Memo::new(move |_| filters.get().year);
    let data = LocalResource::new(move || {
        store.track_retries();
        load(store, year.get())
    });
    view! {
        <section class="list-page" data-view="exemptions">
            <h1>{move || td!(i18n.get(), exemptions_title)}</h1>
            <p class="list-intro">{move || td!(i18n.get(), exemptions_intro)}</p>
            <Loaded resource=data render=move |data| view! { <ExemptionsView data filters /> } />
        </section>
    }
}

const COLUMNS: usize = 9;

/// Columns of the amount and of the start date, which the list can be sorted by.
const AMOUNT_COLUMN: usize = 6;
const START_COLUMN: usize = 7;

fn headers(locale: crate::i18n::Locale) -> Vec<String> {
    [
        td_string!(locale, col_publication),
        td_string!(locale, col_supplier),
        td_string!(locale, col_publisher),
        td_string!(locale, col_regulation),
        td_string!(locale, col_reason),
        td_string!(locale, col_decision),
        td_string!(locale, col_amount),
        td_string!(locale, col_start),
        td_string!(locale, col_end),
    ]
    .map(str::to_string)
    .to_vec()
}

/// The supplier's name, linked to its entity page when it has one.
fn supplier_view(supplier: Option<&Party>, private: bool) -> AnyView {
    let i18n = use_i18n();
    let locale = use_locale();
    match supplier {
        Some(Party { entity: Some(id), name }) => {
            let id = id.clone();
            let href = move || Route::Entity { locale: locale.get(), id: id.clone(), snapshot: None }.to_hash();
            view! { <a href=href title=name.clone()><bdi>{name.clone()}</bdi></a> }.into_any()
        }
        Some(Party { entity: None, name }) => view! { <bdi title=name.clone()>{name.clone()}</bdi> }.into_any(),
        None if private => view! { <span class="private">{move || td!(i18n.get(), list_private_supplier)}</span> }.into_any(),
        None => view! { <NoData /> }.into_any(),
    }
}

/// The amount in shekels, or the number with its currency code for other currencies.
fn amount_view(exemption: &Exemption) -> AnyView {
    match (&exemption.currency, exemption.volume) {
        (Some(currency), Some(volume)) => {
            let text = format!("{} {currency}", format_number(volume.unsigned_abs()));
            view! { <data class="amount" value=volume.to_string()><bdi>{text}</bdi></data> }.into_any()
        }
        (_, volume) => view! { <Amount shekels=volume /> }.into_any(),
    }
}

fn text_cell(text: Option<&str>) -> AnyView {
    match text {
        Some(text) => view! { <span dir="auto" title=text.to_string()>{text.to_string()}</span> }.into_any(),
        None => view! { <NoData /> }.into_any(),
    }
}

#[component]
fn ExemptionsView(data: ExemptionData, filters: Memo<ListFilters>) -> impl IntoView {
    let i18n = use_i18n();
    let today = today();
    let rows = data.rows.clone();
    let picked = {
        let (rows, today) = (rows.clone(), today.clone());
        Memo::new(move |_| filter_and_sort(&rows, &filters.get(), &today))
    };
    let total = rows.len();
    let shown = Signal::derive(move || picked.with(Vec::len));

    let render_row: crate::components::RenderRow = {
        let rows = rows.clone();
        Arc::new(move |position| {
            let Some(row) = picked.with(|picked| picked.get(position).map(|index| rows[*index].clone())) else {
                return ().into_any();
            };
            view! {
                <tr aria-rowindex=position + 2>
                    <td><bdi>{row.publication_id.clone()}</bdi></td>
                    <td class="wide">{supplier_view(row.supplier.as_ref(), row.private_supplier)}</td>
                    <td>{text_cell(row.publisher.as_deref())}</td>
                    <td>{text_cell(row.regulation.as_deref())}</td>
                    <td>{text_cell(row.reason.as_deref())}</td>
                    <td>{text_cell(row.decision.as_deref())}</td>
                    <td class="numeric">{amount_view(&row)}</td>
                    <td>{date_view(row.start_date.as_deref())}</td>
                    <td>{date_view(row.end_date.as_deref())}</td>
                </tr>
            }
            .into_any()
        })
    };

    let make_table: crate::components::MakeTable = {
        let (rows, today) = (rows.clone(), today.clone());
        Arc::new(move || {
            let locale = i18n.get_untracked();
            let rows = picked.with_untracked(|picked| {
                picked
                    .iter()
                    .map(|index| {
                        let row = &rows[*index];
                        let supplier = row.supplier.as_ref();
                        vec![
                            Cell::from(row.publication_id.as_str()),
                            Cell::from(supplier.map(|party| party.name.as_str())),
                            Cell::from(supplier.and_then(|party| party.entity.as_deref())),
                            Cell::from(row.publisher.as_deref()),
                            Cell::from(row.regulation.as_deref()),
                            Cell::from(row.reason.as_deref()),
                            Cell::from(row.decision.as_deref()),
                            Cell::from(row.volume),
                            Cell::from(row.currency.as_deref().unwrap_or("ILS")),
                            Cell::from(row.start_date.as_deref()),
                            Cell::from(row.end_date.as_deref()),
                            Cell::from(status_name(locale, row.status(&today))),
                            Cell::from(row.description.as_deref()),
                        ]
                    })
                    .collect()
            });
            let mut headers = headers(locale);
            headers.insert(2, td_string!(locale, col_supplier_id).to_string());
            headers.insert(8, td_string!(locale, col_currency).to_string());
            headers.push(td_string!(locale, col_status).to_string());
            headers.push(td_string!(locale, col_description).to_string());
            Table { headers, rows }
        })
    };
    let file_name = format!("exemptions-{}", data.file_label);

    let head = view! {
        <tr aria-rowindex="1">
            {move || {
                let sort = filters.with(|filters| filters.sort.unwrap_or(Sort::DEFAULT));
                let sorted_column = match sort.key {
                    SortKey::Date => START_COLUMN,
                    SortKey::Amount => AMOUNT_COLUMN,
                };
                headers(i18n.get())
                    .into_iter()
                    .enumerate()
                    .map(|(column, text)| {
                        let sorted = (column == sorted_column).then(|| sort_direction(sort));
                        view! { <th scope="col" aria-sort=sorted>{text}</th> }
                    })
                    .collect_view()
            }}
        </tr>
    }
    .into_any();

    // With `id=`, the record is also shown in full, since the table cuts long texts.
    let detail = {
        let rows = rows.clone();
        move || {
            filters.get().id?;
            let row = picked.with(|picked| picked.first().map(|index| rows[*index].clone()))?;
            Some(view! {
                <article class="notice-detail" data-testid="notice-detail">
                    <h2><bdi>{row.publication_id.clone()}</bdi></h2>
                    <dl>
                        <dt>{move || td!(i18n.get(), col_supplier)}</dt>
                        <dd>{supplier_view(row.supplier.as_ref(), row.private_supplier)}</dd>
                        <dt>{move || td!(i18n.get(), col_publisher)}</dt>
                        <dd>{text_cell(row.publisher.as_deref())}</dd>
                        <dt>{move || td!(i18n.get(), col_regulation)}</dt>
                        <dd>{text_cell(row.regulation.as_deref())}</dd>
                        <dt>{move || td!(i18n.get(), col_reason)}</dt>
                        <dd>{text_cell(row.reason.as_deref())}</dd>
                        <dt>{move || td!(i18n.get(), col_decision)}</dt>
                        <dd>{text_cell(row.decision.as_deref())}</dd>
                        <dt>{move || td!(i18n.get(), col_amount)}</dt>
                        <dd>{amount_view(&row)}</dd>
                        <dt>{move || td!(i18n.get(), col_start)}</dt>
                        <dd>{date_view(row.start_date.as_deref())}</dd>
                        <dt>{move || td!(i18n.get(), col_end)}</dt>
                        <dd>{date_view(row.end_date.as_deref())}</dd>
                        <dt>{move || td!(i18n.get(), col_description)}</dt>
                        <dd class="long-text">{text_cell(row.description.as_deref())}</dd>
                    </dl>
                </article>
            })
        }
    };
    let single = move || filters.with(|filters| filters.id.clone());
    let on_show_all = move |_| apply_filters(ListKind::Exemptions, &ListFilters { id: None, ..filters.get_untracked() });

    view! {
        <FilterForm kind=ListKind::Exemptions filters choices=data.choices.clone() />
        <div class="list-toolbar">
            <p class="list-count" data-testid="list-count" data-shown=move || shown.get() data-total=total>
                {move || td!(i18n.get(), exemptions_count, shown = format_number(shown.get() as u64), total = format_number(total as u64))}
            </p>
            {move || single().map(|_| view! {
                <button type="button" class="show-all" on:click=on_show_all>{move || td!(i18n.get(), list_show_all)}</button>
            })}
            <ExportButtons table=make_table file_name=file_name />
        </div>
        {detail}
        <EmptyList shown />
        <WindowedTable row_count=shown columns=COLUMNS head render_row test_id="exemptions-table">
            {move || td!(i18n.get(), exemptions_caption)}
        </WindowedTable>
    }
}
