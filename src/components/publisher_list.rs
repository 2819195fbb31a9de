//! The list of publishers that report their procurement, each linking to its page.

use budget_model::format::format_number;
use leptos::prelude::*;

use super::{publisher_hash, Amount, Loaded};
use crate::data::DataStore;
use crate::i18n::td;
use crate::locale::{use_i18n, use_locale};

/// Every publisher in the procurement index with its years, orders and invoices paid, in a
/// `<details>` so that it takes one line until opened.
#[component]
pub fn PublisherList() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let store = DataStore::use_store();
    let index = LocalResource::new(move || {
        store.track_retries();
        store.procurement_index()
    });
    let render = move |index: std::sync::Arc<budget_model::procurement::ProcurementIndex>| {
        let rows = index
            .publishers
            .iter()
            .map(|entry| {
                let id = entry.id.clone();
                let years = entry.years.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
                view! {
                    <tr>
                        <th scope="row"><a href=move || publisher_hash(locale.get(), &id)><bdi>{entry.name.clone()}</bdi></a></th>
                        <td><bdi dir="ltr">{years}</bdi></td>
                        <td class="numeric"><data value=entry.totals.orders.to_string()>{format_number(u64::from(entry.totals.orders))}</data></td>
                        <td class="numeric"><Amount shekels=Some(entry.totals.executed) /></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="spending-table" data-testid="publisher-list">
                    <caption>{td!(i18n.get(), proc_publishers_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td!(i18n.get(), proc_col_publisher)}</th>
                            <th scope="col">{td!(i18n.get(), proc_col_report_years)}</th>
                            <th scope="col" class="numeric">{td!(i18n.get(), proc_orders)}</th>
                            <th scope="col" class="numeric">{td!(i18n.get(), proc_col_executed)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    };
    view! {
        <details class="publisher-list" data-testid="publishers">
            <summary>{td!(i18n.get(), proc_publishers_summary)}</summary>
            <Loaded resource=index render />
        </details>
    }
}
