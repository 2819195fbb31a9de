//! The tenders list.

use std::sync::Arc;

use budget_model::export::{Cell, Table};
use budget_model::format::format_number;
use budget_model::lists::{distinct_values, filter_and_sort, ListFilters, ListYear, Notice, Sort};
use budget_model::procurement::{tender_url, Tender};
use leptos::prelude::*;

use super::filter_form::{FilterChoices, FilterForm};
use super::{apply_filters, date_view, sort_direction, status_name, today, use_filters, EmptyList, ListKind};
use crate::components::{ExportButtons, Loaded, WindowedTable};
use crate::data::{DataStore, LoadError};
use crate::i18n::{td, td_string};
use crate::locale::use_i18n;
use crate::routes::LocalBoxFuture;

/// The loaded tenders of the chosen years.
#[derive(Debug, Clone)]
struct TenderData {
    rows: Arc<Vec<Tender>>,
    choices: FilterChoices,
    /// Name part of the export files, such as `2014` or `all`.
    file_label: String,
}

fn load(store: DataStore, year: Option<ListYear>) -> LocalBoxFuture<Result<TenderData, LoadError>> {
    Box::pin(async move {
        let index = store.procurement_lists().await?;
        let lists = store.tender_lists(&index, year).await?;
        let rows: Vec<Tender> = lists.iter().flat_map(|list| list.tenders.iter().cloned()).collect();
        let latest = index.tenders.iter().filter_map(|entry| entry.year).max();
        let mut years: Vec<Option<u16>> = index.tenders.iter().map(|entry| entry.year).collect();
        years.sort_by(|a, b| b.cmp(a));
        let publishers = distinct_values(&rows, |row: &Tender| row.publisher());
        let file_label = match year {
            Some(year) => year.code(),
            None => latest.map(|year| year.to_string()).unwrap_or_default(),
        };
        let choices = FilterChoices { years, latest, publishers, regulations: Vec::new() };
        Ok(TenderData { rows: Arc::new(rows), choices, file_label })
    })
}

/// The tenders list.
#[component]
pub fn TendersPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = DataStore::use_store();
    let filters = use_filters(ListKind::Tenders);
    let year = Memo::new(move |_| filters.get().year);
    let data = LocalResource::new(move || {
        store.track_retries();
        load(store, year.get())
    });
    view! {
        <section class="list-page" data-view="tenders">
            <h1>{move || td!(i18n.get(), tenders_title)}</h1>
            <p class="list-intro">{move || td!(i18n.get(), tenders_intro)}</p>
            <Loaded resource=data render=move |data| view! { <TendersView data filters /> } />
        </section>
    }
}

const COLUMNS: usize = 6;

/// Column of the publication date, which the list is sorted by.
const DATE_COLUMN: usize = 3;

fn headers(locale: crate::i18n::Locale) -> Vec<String> {
    [
        td_string!(locale, col_publication),
        td_string!(locale, col_description),
        td_string!(locale, col_publisher),
        td_string!(locale, col_published),
        td_string!(locale, col_deadline),
        td_string!(locale, col_status),
    ]
    .map(str::to_string)
    .to_vec()
}

#[component]
fn TendersView(data: TenderData, filters: Memo<ListFilters>) -> impl IntoView {
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
        let (rows, today) = (rows.clone(), today.clone());
        Arc::new(move |position| {
            let Some(tender) = picked.with(|picked| picked.get(position).map(|index| rows[*index].clone())) else {
                return ().into_any();
            };
            let status = tender.status(&today);
            view! {
                <tr aria-rowindex=position + 2 data-status=status.code()>
                    <td>
                        <a href=tender_url(&tender.publication_id) rel="external noopener" target="_blank">
                            <bdi>{tender.publication_id.clone()}</bdi>
                        </a>
                    </td>
                    <td class="wide" dir="auto" title=tender.description.clone()>{tender.description.clone()}</td>
                    <td dir="auto" title=tender.publisher.clone()>{tender.publisher.clone()}</td>
                    <td>{date_view(Some(&tender.publish_date))}</td>
                    <td>{date_view(tender.claim_date.as_deref())}</td>
                    <td class="status" data-testid="status">{move || status_name(i18n.get(), status)}</td>
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
                        let tender = &rows[*index];
                        vec![
                            Cell::from(tender.publication_id.as_str()),
                            Cell::from(tender.description.as_str()),
                            Cell::from(tender.publisher.as_str()),
                            Cell::from(tender.publish_date.as_str()),
                            Cell::from(tender.claim_date.as_deref()),
                            Cell::from(status_name(locale, tender.status(&today))),
                            Cell::from(tender_url(&tender.publication_id)),
                        ]
                    })
                    .collect()
            });
            let mut headers = headers(locale);
            headers.push(td_string!(locale, col_link).to_string());
            Table { headers, rows }
        })
    };
    let file_name = format!("tenders-{}", data.file_label);

    let head = view! {
        <tr aria-rowindex="1">
            {move || {
                let sort = filters.with(|filters| filters.sort.unwrap_or(Sort::DEFAULT));
                headers(i18n.get())
                    .into_iter()
                    .enumerate()
                    .map(|(column, text)| {
                        let sorted = (column == DATE_COLUMN).then(|| sort_direction(sort));
                        view! { <th scope="col" aria-sort=sorted>{text}</th> }
                    })
                    .collect_view()
            }}
        </tr>
    }
    .into_any();

    let single = move || filters.with(|filters| filters.id.clone());
    let on_show_all = move |_| apply_filters(ListKind::Tenders, &ListFilters { id: None, ..filters.get_untracked() });

    view! {
        <FilterForm kind=ListKind::Tenders filters choices=data.choices.clone() />
        <div class="list-toolbar">
            <p class="list-count" data-testid="list-count" data-shown=move || shown.get() data-total=total>
                {move || td!(i18n.get(), tenders_count, shown = format_number(shown.get() as u64), total = format_number(total as u64))}
            </p>
            {move || single().map(|_| view! {
                <button type="button" class="show-all" on:click=on_show_all>{move || td!(i18n.get(), list_show_all)}</button>
            })}
            <ExportButtons table=make_table file_name=file_name />
        </div>
        <EmptyList shown />
        <WindowedTable row_count=shown columns=COLUMNS head render_row test_id="tenders-table">
            {move || td!(i18n.get(), tenders_caption)}
        </WindowedTable>
    }
}
