//! Tables of contracts and supports, with the private-individuals row and a totals row.

use budget_model::format::format_number;
use budget_model::procurement::{Contract, ContractTotals, Party, Support, SupportTotals};
use budget_model::route::Route;
use budget_model::{BudgetCode, Locale};
use leptos::prelude::*;

use std::sync::Arc;

use budget_model::export::{Cell, Table};

use super::{Amount, ExportButtons};
use crate::i18n::{td, td_string, Locale as UiLocale};
use crate::locale::{use_i18n, use_locale};

/// Rows a table shows before its "show all" button, so that a ministry's thousands of orders
/// do not all render at once.
const FIRST_ROWS: usize = 200;

/// Returns the hash of the page of entity `id`.
pub fn entity_hash(locale: Locale, id: &str) -> String {
    Route::Entity { locale, id: id.to_string(), snapshot: None }.to_hash()
}

/// Returns the hash of the contracts and supports paid from `code` in `year`.
pub fn contracts_hash(locale: Locale, year: u16, code: &BudgetCode) -> String {
    Route::Contracts { locale, year, code: code.clone(), snapshot: None }.to_hash()
}

/// Returns the hash of the procurement page of publisher `id`.
pub fn publisher_hash(locale: Locale, id: &str) -> String {
    Route::Publisher { locale, id: id.to_string(), snapshot: None }.to_hash()
}

/// A supplier or recipient: a link to its entity page when it has an entity id.
#[component]
pub fn PartyName(party: Party) -> impl IntoView {
    let locale = use_locale();
    match party.entity {
        Some(id) => view! { <a href=move || entity_hash(locale.get(), &id)><bdi>{party.name}</bdi></a> }.into_any(),
        None => view! { <bdi>{party.name}</bdi> }.into_any(),
    }
}

/// An ISO date as `<time>`, kept left to right; empty when `None`.
#[component]
pub fn IsoDate(date: Option<String>) -> impl IntoView {
    date.map(|date| {
        let text = date.clone();
        view! { <time datetime=date dir="ltr">{text}</time> }
    })
}

/// A budget line code linking to the line's contracts and supports in `year`. It links there
/// rather than to the line's budget page because some years' budgets (2015, 2016) have no lines.
#[component]
fn LineLink(year: u16, code: BudgetCode) -> impl IntoView {
    let locale = use_locale();
    let text = code.to_string();
    view! { <a href=move || contracts_hash(locale.get(), year, &code)><bdi class="code">{text}</bdi></a> }
}

/// The order value of a contract: shekels when it has a ₪ value, else the amount in its
/// currency with the ISO code.
#[component]
fn ContractVolume(contract: Contract) -> impl IntoView {
    match (contract.volume_ils, contract.volume, contract.currency) {
        (Some(shekels), _, _) => view! { <Amount shekels=Some(shekels) /> }.into_any(),
        (None, Some(volume), Some(currency)) => view! {
            <data class="amount foreign" value=volume.to_string()>
                <bdi dir="ltr">{format!("{} {currency}", format_number(volume.unsigned_abs()))}</bdi>
            </data>
        }
        .into_any(),
        _ => view! { <Amount shekels=None /> }.into_any(),
    }
}

/// Optional columns of a contracts table.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContractColumns {
    /// The budget line, for tables that span several lines.
    pub line: bool,
    /// The publisher and the report year in place of the supplier, for the contracts of one
    /// entity, where the supplier is the same on every row.
    pub publisher: bool,
}

/// Contracts as a table: supplier (or publisher), purpose, method, dates and amounts, then the private
/// individuals' row and a totals row. `totals` must be the sum of the rows and `private`.
#[component]
pub fn ContractsTable(
    contracts: Vec<Contract>,
    private: Option<ContractTotals>,
    totals: ContractTotals,
    columns: ContractColumns,
    /// Value of `data-testid`.
    test_id: &'static str,
    /// Name of the exported files, without extension.
    file_name: String,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = contracts.len();
    let export = {
        let contracts = contracts.clone();
        let table: super::MakeTable = Arc::new(move || contracts_table(i18n.get_untracked(), &contracts, private, columns));
        view! { <ExportButtons table file_name /> }
    };
    let (show_all, set_show_all) = signal(count <= FIRST_ROWS);
    let extra_columns = usize::from(columns.line) + usize::from(columns.publisher);

    let row = move |contract: Contract| {
        let line = columns.line.then(|| {
            let cell = contract.budget_code.clone().map(|code| view! { <LineLink year=contract.year code /> });
            view! { <td>{cell}</td> }
        });
        let header = match columns.publisher {
            true => view! { <bdi>{contract.publisher.clone()}</bdi> }.into_any(),
            false => view! { <PartyName party=contract.supplier.clone() /> }.into_any(),
        };
        let report_year =
            columns.publisher.then(|| view! { <td><data value=contract.year.to_string()>{contract.year}</data></td> });
        let period = (contract.start_date.is_some() || contract.end_date.is_some()).then(|| {
            view! { <IsoDate date=contract.start_date.clone() />" – "<IsoDate date=contract.end_date.clone() /> }
        });
        let reason = contract.exemption_reason.clone().map(|reason| view! { <br /><small><bdi>{reason}</bdi></small> });
        view! {
            <tr data-row="contract">
                <th scope="row">{header}</th>
                {report_year}
                {line}
                <td><bdi>{contract.purpose.clone()}</bdi></td>
                <td><bdi>{contract.method.clone()}</bdi>{reason}</td>
                <td><IsoDate date=contract.order_date.clone() /></td>
                <td class="dates">{period}</td>
                <td class="numeric" data-column="volume"><ContractVolume contract=contract.clone() /></td>
                <td class="numeric" data-column="executed"><Amount shekels=contract.executed /></td>
            </tr>
        }
    };
    let contracts = StoredValue::new(contracts);
    let body = move || {
        let limit = if show_all.get() { usize::MAX } else { FIRST_ROWS };
        contracts.with_value(|contracts| contracts.iter().take(limit).cloned().map(row).collect_view())
    };
    let span = 5 + extra_columns;
    let private_row = private.map(|private| {
        view! {
            <tr data-row="private">
                <th scope="row" colspan=span.to_string()>
                    {td!(i18n.get(), proc_private_contracts, count = format_number(u64::from(private.orders)))}
                </th>
                <td class="numeric" data-column="volume"><Amount shekels=Some(private.volume) /></td>
                <td class="numeric" data-column="executed"><Amount shekels=Some(private.executed) /></td>
            </tr>
        }
    });
    let foreign = (totals.foreign_orders > 0).then(|| {
        view! { <p class="note">{td!(i18n.get(), proc_foreign_note, count = format_number(u64::from(totals.foreign_orders)))}</p> }
    });
    let more = move || {
        (!show_all.get()).then(|| {
            view! {
                <button type="button" class="show-all" on:click=move |_| set_show_all.set(true)>
                    {td!(i18n.get(), proc_show_all, count = format_number(count as u64))}
                </button>
            }
        })
    };

    view! {
        <div class="table-scroll">
            <table class="spending-table" data-testid=test_id>
                <caption>{children()}</caption>
                <thead>
                    <tr>
                        {match columns.publisher {
                            true => view! {
                                <th scope="col">{td!(i18n.get(), proc_col_publisher)}</th>
                                <th scope="col">{td!(i18n.get(), proc_col_report_year)}</th>
                            }
                            .into_any(),
                            false => view! { <th scope="col">{td!(i18n.get(), proc_col_supplier)}</th> }.into_any(),
                        }}
                        {columns.line.then(|| view! { <th scope="col">{td!(i18n.get(), proc_col_line)}</th> })}
                        <th scope="col">{td!(i18n.get(), proc_col_purpose)}</th>
                        <th scope="col">{td!(i18n.get(), proc_col_method)}</th>
                        <th scope="col">{td!(i18n.get(), proc_col_order_date)}</th>
                        <th scope="col">{td!(i18n.get(), proc_col_period)}</th>
                        <th scope="col" class="numeric">{td!(i18n.get(), proc_col_volume)}</th>
                        <th scope="col" class="numeric">{td!(i18n.get(), proc_col_executed)}</th>
                    </tr>
                </thead>
                <tbody>
                    {body}
                    {private_row}
                </tbody>
                <tfoot>
                    <tr data-row="total">
                        <th scope="row" colspan=span.to_string()>
                            {td!(i18n.get(), proc_total_orders, count = format_number(u64::from(totals.orders)))}
                        </th>
                        <td class="numeric" data-column="volume"><Amount shekels=Some(totals.volume) /></td>
                        <td class="numeric" data-column="executed"><Amount shekels=Some(totals.executed) /></td>
                    </tr>
                </tfoot>
            </table>
        </div>
        {more}
        {foreign}
        {export}
    }
}

/// Builds the rows of a contracts table for export: every contract, then the private
/// individuals' row. Amounts are whole shekels unless the currency column names another.
fn contracts_table(locale: UiLocale, contracts: &[Contract], private: Option<ContractTotals>, columns: ContractColumns) -> Table {
    let mut headers: Vec<&str> = Vec::new();
    match columns.publisher {
        true => headers.extend([td_string!(locale, proc_col_publisher), td_string!(locale, proc_col_report_year)]),
        false => headers.extend([td_string!(locale, proc_col_supplier), td_string!(locale, col_supplier_id)]),
    }
    if columns.line {
        headers.push(td_string!(locale, proc_col_line));
    }
    headers.extend([
        td_string!(locale, proc_col_purpose),
        td_string!(locale, proc_col_method),
        td_string!(locale, col_reason),
        td_string!(locale, proc_col_order_date),
        td_string!(locale, col_start),
        td_string!(locale, col_end),
        td_string!(locale, proc_col_volume),
        td_string!(locale, col_currency),
        td_string!(locale, proc_col_executed),
    ]);
    let width = headers.len();
    let mut rows: Vec<Vec<Cell>> = contracts
        .iter()
        .map(|contract| {
            let mut row: Vec<Cell> = match columns.publisher {
                true => vec![contract.publisher.as_str().into(), Cell::Number(f64::from(contract.year))],
                false => vec![contract.supplier.name.as_str().into(), contract.supplier.entity.as_deref().into()],
            };
            if columns.line {
                row.push(contract.budget_code.as_ref().map(|code| code.to_string()).as_deref().into());
            }
            let (volume, currency) = match (contract.volume_ils, &contract.currency) {
                (Some(shekels), _) => (Some(shekels), "ILS"),
                (None, Some(currency)) => (contract.volume, currency.as_str()),
                (None, None) => (contract.volume, "ILS"),
            };
            row.extend([
                contract.purpose.as_deref().into(),
                contract.method.as_deref().into(),
                contract.exemption_reason.as_deref().into(),
                contract.order_date.as_deref().into(),
                contract.start_date.as_deref().into(),
                contract.end_date.as_deref().into(),
                volume.into(),
                currency.into(),
                contract.executed.into(),
            ]);
            row
        })
        .collect();
    if let Some(private) = private {
        let label = td_string!(locale, proc_private_contracts, count = format_number(u64::from(private.orders)));
        rows.push(summed_row(label.to_string(), width, &[Some(private.volume), None, Some(private.executed)]));
    }
    Table { headers: headers.into_iter().map(str::to_string).collect(), rows }
}

/// Builds a row with `label` first, then empty cells, then `tail` in the last columns.
fn summed_row(label: String, width: usize, tail: &[Option<i64>]) -> Vec<Cell> {
    let mut row = vec![Cell::Text(label)];
    row.resize_with(width - tail.len(), || Cell::Empty);
    row.extend(tail.iter().map(|value| Cell::from(*value)));
    row
}

/// One row of a [`SupportsTable`].
#[derive(Debug, Clone)]
pub struct SupportRow {
    pub support: Support,
    /// Year and budget line, for tables that span several lines or years.
    pub line: Option<(u16, BudgetCode)>,
}

/// Supports as a table: recipient, kind, allocated and paid, then the private row and totals.
#[component]
pub fn SupportsTable(
    rows: Vec<SupportRow>,
    private: Option<SupportTotals>,
    totals: SupportTotals,
    /// Shows the year and budget line of each row.
    show_line: bool,
    /// Shows the supporting ministry in place of the recipient, for the supports of one entity.
    #[prop(default = false)]
    show_ministry: bool,
    /// Value of `data-testid`.
    test_id: &'static str,
    /// Name of the exported files, without extension.
    file_name: String,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = rows.len();
    let export = {
        let rows = rows.clone();
        let table: super::MakeTable =
            Arc::new(move || supports_table(i18n.get_untracked(), &rows, private, show_line, show_ministry));
        view! { <ExportButtons table file_name /> }
    };
    let (show_all, set_show_all) = signal(count <= FIRST_ROWS);
    let span = 2 + 2 * usize::from(show_line);

    let row = move |row: SupportRow| {
        let SupportRow { support, line } = row;
        let line = show_line.then(|| match line {
            Some((year, code)) => view! {
                <td><data value=year.to_string()>{year}</data></td>
                <td><LineLink year code /></td>
            }
            .into_any(),
            None => view! { <td></td><td></td> }.into_any(),
        });
        let header = match show_ministry {
            true => view! { <bdi>{support.ministry.clone()}</bdi> }.into_any(),
            false => view! { <PartyName party=support.recipient.clone() /> }.into_any(),
        };
        view! {
            <tr data-row="support">
                <th scope="row">{header}</th>
                {line}
                <td><bdi>{support.kind.clone()}</bdi></td>
                <td class="numeric" data-column="allocated"><Amount shekels=Some(support.allocated) /></td>
                <td class="numeric" data-column="paid"><Amount shekels=Some(support.paid) /></td>
            </tr>
        }
    };
    let rows = StoredValue::new(rows);
    let body = move || {
        let limit = if show_all.get() { usize::MAX } else { FIRST_ROWS };
        rows.with_value(|rows| rows.iter().take(limit).cloned().map(row).collect_view())
    };
    let private_row = private.map(|private| {
        view! {
            <tr data-row="private">
                <th scope="row" colspan=span.to_string()>
                    {td!(i18n.get(), proc_private_supports, count = format_number(u64::from(private.rows)))}
                </th>
                <td class="numeric" data-column="allocated"><Amount shekels=Some(private.allocated) /></td>
                <td class="numeric" data-column="paid"><Amount shekels=Some(private.paid) /></td>
            </tr>
        }
    });
    let more = move || {
        (!show_all.get()).then(|| {
            view! {
                <button type="button" class="show-all" on:click=move |_| set_show_all.set(true)>
                    {td!(i18n.get(), proc_show_all, count = format_number(count as u64))}
                </button>
            }
        })
    };

    view! {
        <div class="table-scroll">
            <table class="spending-table" data-testid=test_id>
                <caption>{children()}</caption>
                <thead>
                    <tr>
                        {match show_ministry {
                            true => view! { <th scope="col">{td!(i18n.get(), proc_col_ministry)}</th> }.into_any(),
                            false => view! { <th scope="col">{td!(i18n.get(), proc_col_recipient)}</th> }.into_any(),
                        }}
                        {show_line.then(|| view! {
                            <th scope="col">{td!(i18n.get(), col_year)}</th>
                            <th scope="col">{td!(i18n.get(), proc_col_line)}</th>
                        })}
                        <th scope="col">{td!(i18n.get(), proc_col_support_kind)}</th>
                        <th scope="col" class="numeric">{td!(i18n.get(), proc_col_allocated)}</th>
                        <th scope="col" class="numeric">{td!(i18n.get(), proc_col_paid)}</th>
                    </tr>
                </thead>
                <tbody>
                    {body}
                    {private_row}
                </tbody>
                <tfoot>
                    <tr data-row="total">
                        <th scope="row" colspan=span.to_string()>
                            {td!(i18n.get(), proc_total_rows, count = format_number(u64::from(totals.rows)))}
                        </th>
                        <td class="numeric" data-column="allocated"><Amount shekels=Some(totals.allocated) /></td>
                        <td class="numeric" data-column="paid"><Amount shekels=Some(totals.paid) /></td>
                    </tr>
                </tfoot>
            </table>
        </div>
        {more}
        {export}
    }
}

/// Builds the rows of a supports table for export, then the private row.
fn supports_table(
    locale: UiLocale,
    rows: &[SupportRow],
    private: Option<SupportTotals>,
    show_line: bool,
    show_ministry: bool,
) -> Table {
    let mut headers: Vec<&str> = match show_ministry {
        true => vec![td_string!(locale, proc_col_ministry)],
        false => vec![td_string!(locale, proc_col_recipient), td_string!(locale, col_supplier_id)],
    };
    if show_line {
        headers.extend([td_string!(locale, col_year), td_string!(locale, proc_col_line)]);
    }
    headers.extend([
        td_string!(locale, proc_col_support_kind),
        td_string!(locale, proc_col_allocated),
        td_string!(locale, proc_col_paid),
    ]);
    let width = headers.len();
    let mut table_rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|SupportRow { support, line }| {
            let mut row: Vec<Cell> = match show_ministry {
                true => vec![support.ministry.as_str().into()],
                false => vec![support.recipient.name.as_str().into(), support.recipient.entity.as_deref().into()],
            };
            if show_line {
                match line {
                    Some((year, code)) => row.extend([Cell::Number(f64::from(*year)), code.to_string().into()]),
                    None => row.extend([Cell::Empty, Cell::Empty]),
                }
            }
            row.extend([support.kind.as_str().into(), Some(support.allocated).into(), Some(support.paid).into()]);
            row
        })
        .collect();
    if let Some(private) = private {
        let label = td_string!(locale, proc_private_supports, count = format_number(u64::from(private.rows)));
        table_rows.push(summed_row(label.to_string(), width, &[Some(private.allocated), Some(private.paid)]));
    }
    Table { headers: headers.into_iter().map(str::to_string).collect(), rows: table_rows }
}
