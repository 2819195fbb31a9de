//! A ministry's procurement: by supplier, by purchase method, by year.

use std::sync::Arc;

use budget_model::export::{Cell, Table};
use budget_model::format::format_number;
use budget_model::item_spending::{totals_by_kind, MethodKind};
use budget_model::procurement::{ContractTotals, PublisherSummary, PublisherYear};
use leptos::prelude::*;

use super::{LocalBoxFuture, NotFoundView, Outcome};
use crate::browser;
use crate::components::{Amount, ExportButtons, Loaded, MakeTable, PartyName, PublisherList, YearsFigure};
use crate::data::{DataStore, LoadError};
use crate::i18n::{td, td_string, Locale as I18nLocale};
use crate::locale::{isolate, use_i18n};

/// How many suppliers the page lists per year.
const TOP_SUPPLIERS: usize = 25;

fn load_publisher(store: DataStore, id: String) -> LocalBoxFuture<Result<Outcome<Arc<PublisherSummary>>, LoadError>> {
    Box::pin(async move {
        Ok(match store.publisher(&id).await? {
            Some(summary) => Outcome::Found(summary),
            None => Outcome::NotFound { year: None },
        })
    })
}

/// The procurement page of the publisher `id`.
#[component]
pub fn PublisherPage(id: String) -> impl IntoView {
    let store = DataStore::use_store();
    let data = LocalResource::new(move || {
        store.track_retries();
        load_publisher(store, id.clone())
    });
    view! {
        <Loaded
            resource=data
            render=move |outcome| match outcome {
                Outcome::Found(summary) => view! { <PublisherView summary /> }.into_any(),
                Outcome::NotFound { year } => view! { <NotFoundView year /> }.into_any(),
            }
        />
    }
}

/// The name of a purchase method kind in the interface language.
fn kind_name(i18n: I18nLocale, kind: MethodKind) -> &'static str {
    match kind {
        MethodKind::OpenTender => td_string!(i18n, proc_method_open_tender),
        MethodKind::CentralTender => td_string!(i18n, proc_method_central_tender),
        MethodKind::ClosedTender => td_string!(i18n, proc_method_closed_tender),
        MethodKind::Exemption => td_string!(i18n, proc_method_exemption),
        MethodKind::Government => td_string!(i18n, proc_method_government),
        MethodKind::Other => td_string!(i18n, proc_method_other),
        MethodKind::Unstated => td_string!(i18n, proc_method_unstated),
    }
}

/// Order count, order value and invoices paid as three numeric cells.
#[component]
fn TotalsCells(totals: ContractTotals) -> impl IntoView {
    view! {
        <td class="numeric" data-column="orders"><data value=totals.orders.to_string()>{format_number(u64::from(totals.orders))}</data></td>
        <td class="numeric" data-column="volume"><Amount shekels=Some(totals.volume) /></td>
        <td class="numeric" data-column="executed"><Amount shekels=Some(totals.executed) /></td>
    }
}

/// Column headings matching [`TotalsCells`].
#[component]
fn TotalsHeadings() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <th scope="col" class="numeric">{td!(i18n.get(), proc_orders)}</th>
        <th scope="col" class="numeric">{td!(i18n.get(), proc_col_volume)}</th>
        <th scope="col" class="numeric">{td!(i18n.get(), proc_col_executed)}</th>
    }
}

#[component]
fn PublisherView(summary: Arc<PublisherSummary>) -> impl IntoView {
    let i18n = use_i18n();
    {
        let name = summary.name.clone();
        Effect::new(move |_| browser::set_document_title(&format!("{name} · {}", td_string!(i18n.get(), app_title))));
    }
    let name = summary.name.clone();
    let latest = summary.years.last().map(|year| year.year).unwrap_or_default();
    let (year, set_year) = signal(latest);

    let chart_rows: Vec<(u16, i64)> = summary.years.iter().map(|year| (year.year, year.totals.executed)).collect();
    let year_rows = summary
        .years
        .iter()
        .map(|year| {
            view! {
                <tr data-year=year.year.to_string()>
                    <th scope="row"><data value=year.year.to_string()>{year.year}</data></th>
                    <TotalsCells totals=year.totals />
                </tr>
            }
        })
        .collect_view();
    let options = summary
        .years
        .iter()
        .rev()
        .map(|entry| {
            let value = entry.year;
            view! { <option value=value.to_string() selected=move || year.get() == value>{value}</option> }
        })
        .collect_view();
    let on_change = move |event| {
        if let Ok(value) = event_target_value(&event).parse::<u16>() {
            set_year.set(value);
        }
    };
    let selected = {
        let summary = summary.clone();
        move || {
            let chosen = year.get();
            summary
                .years
                .iter()
                .find(|entry| entry.year == chosen)
                .cloned()
                .map(|entry| view! { <PublisherYearView entry publisher=summary.id.clone() /> })
        }
    };
    let chart_caption = {
        let name = name.clone();
        move || td_string!(i18n.get(), proc_publisher_years_caption, name = isolate(&name)).to_string()
    };
    let table_name = name.clone();

    view! {
        <div data-view="publisher">
            <article class="procurement-page" data-testid="publisher-page" data-publisher=summary.id.clone()>
                <header class="page-head">
                    <p class="item-level">{td!(i18n.get(), proc_publisher_kicker)}</p>
                    <h1><bdi>{name.clone()}</bdi></h1>
                </header>
                <section aria-labelledby="publisher-years-heading">
                    <h2 id="publisher-years-heading">{td!(i18n.get(), proc_publisher_years_heading)}</h2>
                    <YearsFigure
                        rows=chart_rows
                        caption=Signal::derive(chart_caption)
                        value_heading=Signal::derive(move || td_string!(i18n.get(), proc_col_executed).to_string())
                        test_id="publisher-years-chart"
                    />
                    <div class="table-scroll">
                        <table class="spending-table" data-testid="publisher-years">
                            <caption>
                                {td!(i18n.get(), proc_publisher_years_table_caption, name = move || view! { <bdi>{table_name.clone()}</bdi> })}
                            </caption>
                            <thead>
                                <tr>
                                    <th scope="col">{td!(i18n.get(), col_year)}</th>
                                    <TotalsHeadings />
                                </tr>
                            </thead>
                            <tbody>{year_rows}</tbody>
                        </table>
                    </div>
                </section>
                {(summary.years.len() > 1).then(|| view! {
                    <div class="year-select">
                        <label for="publisher-year">{td!(i18n.get(), proc_publisher_year_label)}</label>
                        <select id="publisher-year" name="year" data-testid="publisher-year-select" on:change=on_change>
                            {options}
                        </select>
                    </div>
                })}
                {selected}
                <section aria-labelledby="publishers-heading">
                    <h2 id="publishers-heading">{td!(i18n.get(), proc_publishers_heading)}</h2>
                    <PublisherList />
                </section>
            </article>
        </div>
    }
}

/// One year of a publisher: totals by method kind, methods as written, and top suppliers.
#[component]
fn PublisherYearView(
    entry: PublisherYear,
    /// The publisher's id, for the names of exported files.
    publisher: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let year = entry.year;
    // The export has every supplier of the year, not only the ones the table lists.
    let export = {
        let entry = entry.clone();
        let table: MakeTable = Arc::new(move || suppliers_table(i18n.get_untracked(), &entry));
        view! { <ExportButtons table file_name=format!("suppliers-{publisher}-{year}") /> }
    };
    let kind_rows = totals_by_kind(&entry.methods)
        .into_iter()
        .map(|(kind, totals)| {
            view! {
                <tr data-kind=kind.id()>
                    <th scope="row">{move || kind_name(i18n.get(), kind)}</th>
                    <TotalsCells totals />
                </tr>
            }
        })
        .collect_view();
    let method_rows = entry
        .methods
        .iter()
        .map(|method| {
            let text = method.method.clone();
            let kind = MethodKind::of(text.as_deref());
            let label = match text {
                Some(text) => view! { <bdi>{text}</bdi> }.into_any(),
                None => view! { {move || kind_name(i18n.get(), MethodKind::Unstated)} }.into_any(),
            };
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{move || kind_name(i18n.get(), kind)}</td>
                    <TotalsCells totals=method.totals />
                </tr>
            }
        })
        .collect_view();
    let supplier_count = entry.suppliers.len();
    let supplier_rows = entry
        .suppliers
        .iter()
        .take(TOP_SUPPLIERS)
        .map(|supplier| {
            view! {
                <tr>
                    <th scope="row"><PartyName party=supplier.supplier.clone() /></th>
                    <TotalsCells totals=supplier.totals />
                </tr>
            }
        })
        .collect_view();
    let private_row = entry.private.map(|private| {
        view! {
            <tr data-row="private">
                <th scope="row">{td!(i18n.get(), proc_private_contracts, count = format_number(u64::from(private.orders)))}</th>
                <TotalsCells totals=private />
            </tr>
        }
    });

    view! {
        <section aria-labelledby="publisher-methods-heading" data-testid="publisher-year" data-year=year.to_string()>
            <h2 id="publisher-methods-heading">{td!(i18n.get(), proc_publisher_methods_heading, year)}</h2>
            <div class="table-scroll">
                <table class="spending-table" data-testid="publisher-kinds">
                    <caption>{td!(i18n.get(), proc_publisher_kinds_caption, year)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td!(i18n.get(), proc_col_method)}</th>
                            <TotalsHeadings />
                        </tr>
                    </thead>
                    <tbody>{kind_rows}</tbody>
                    <tfoot>
                        <tr data-row="total">
                            <th scope="row">{td!(i18n.get(), proc_col_total)}</th>
                            <TotalsCells totals=entry.totals />
                        </tr>
                    </tfoot>
                </table>
            </div>
            <details class="chart-data">
                <summary>{td!(i18n.get(), proc_publisher_methods_written)}</summary>
                <div class="table-scroll">
                    <table class="spending-table" data-testid="publisher-methods">
                        <caption>{td!(i18n.get(), proc_publisher_methods_caption, year)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{td!(i18n.get(), proc_col_method)}</th>
                                <th scope="col">{td!(i18n.get(), proc_col_method_kind)}</th>
                                <TotalsHeadings />
                            </tr>
                        </thead>
                        <tbody>{method_rows}</tbody>
                    </table>
                </div>
            </details>
        </section>
        <section aria-labelledby="publisher-suppliers-heading">
            <h2 id="publisher-suppliers-heading">{td!(i18n.get(), proc_publisher_suppliers_heading, year)}</h2>
            <div class="table-scroll">
                <table class="spending-table" data-testid="publisher-suppliers">
                    <caption>
                        {td!(
                            i18n.get(),
                            proc_publisher_suppliers_caption,
                            shown = format_number(supplier_count.min(TOP_SUPPLIERS) as u64),
                            count = format_number(supplier_count as u64),
                            year
                        )}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{td!(i18n.get(), proc_col_supplier)}</th>
                            <TotalsHeadings />
                        </tr>
                    </thead>
                    <tbody>
                        {supplier_rows}
                        {private_row}
                    </tbody>
                </table>
            </div>
            {export}
        </section>
    }
}

/// Builds the export of a publisher's year: every supplier, then the private individuals' row.
fn suppliers_table(locale: I18nLocale, entry: &PublisherYear) -> Table {
    let headers = [
        td_string!(locale, proc_col_supplier),
        td_string!(locale, col_supplier_id),
        td_string!(locale, proc_orders),
        td_string!(locale, proc_col_volume),
        td_string!(locale, proc_col_executed),
    ];
    let totals = |totals: &ContractTotals| {
        [Cell::Number(f64::from(totals.orders)), Some(totals.volume).into(), Some(totals.executed).into()]
    };
    let mut rows: Vec<Vec<Cell>> = entry
        .suppliers
        .iter()
        .map(|supplier| {
            let party = &supplier.supplier;
            let mut row = vec![party.name.as_str().into(), party.entity.as_deref().into()];
            row.extend(totals(&supplier.totals));
            row
        })
        .collect();
    if let Some(private) = &entry.private {
        let label = td_string!(locale, proc_private_contracts, count = format_number(u64::from(private.orders)));
        let mut row = vec![Cell::Text(label.to_string()), Cell::Empty];
        row.extend(totals(private));
        rows.push(row);
    }
    Table { headers: headers.map(str::to_string).to_vec(), rows }
}
