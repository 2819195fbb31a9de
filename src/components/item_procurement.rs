//! The contracts and supports paid from a budget item, on the item's page.

use std::sync::Arc;

use budget_model::item_spending::ItemSpending;
use budget_model::procurement::{publisher_id, ContractTotals, ProcurementIndex, SupportTotals};
use budget_model::{BudgetCode, Level};
use leptos::prelude::*;

use super::spending_tables::{contracts_hash, publisher_hash, PartyName};
use super::{Amount, Loaded, SpendingSummary};
use crate::data::{DataStore, LoadError};
use crate::i18n::td;
use crate::locale::{use_i18n, use_locale};

/// How many contracts and supports the item page lists.
const TOP_ROWS: usize = 10;

/// Procurement data of one item in one year.
#[derive(Clone)]
enum ItemProcurementData {
    /// The snapshot has no contracts or supports at all in the year.
    NoYear,
    /// The year has some, but none paid from this item.
    Empty,
    /// Totals of a section, summed over its domains.
    Section { contracts: ContractTotals, supports: SupportTotals },
    /// The rows of a domain, program or line, with the publishers that reported them.
    Rows { spending: Arc<ItemSpending>, publishers: Vec<(String, String)> },
}

async fn load(store: DataStore, year: u16, code: BudgetCode) -> Result<ItemProcurementData, LoadError> {
    let procurement = store.procurement_index().await?;
    let Some(spending_year) = store.spending_year(&procurement, year).await? else {
        return Ok(ItemProcurementData::NoYear);
    };
    if code.level() == Level::Section {
        let (contracts, supports) = spending_year.totals(Some(&code));
        if contracts.orders == 0 && supports.rows == 0 {
            return Ok(ItemProcurementData::Empty);
        }
        return Ok(ItemProcurementData::Section { contracts, supports });
    }
    let Some(shard) = store.spending_shard(&spending_year, &code).await? else {
        return Ok(ItemProcurementData::Empty);
    };
    let spending = ItemSpending::under(&shard, &code);
    if spending.is_empty() {
        return Ok(ItemProcurementData::Empty);
    }
    let publishers = reporting_publishers(&procurement, &spending);
    Ok(ItemProcurementData::Rows { spending: Arc::new(spending), publishers })
}

/// Returns the ids and names of the publishers whose contracts are in `spending`, as the index lists them.
pub fn reporting_publishers(procurement: &ProcurementIndex, spending: &ItemSpending) -> Vec<(String, String)> {
    let mut names: Vec<&str> = spending.contracts.iter().map(|contract| contract.publisher.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| {
            let id = publisher_id(name);
            procurement
                .publishers
                .iter()
                .find(|entry| entry.id == id)
                .map(|entry| (entry.id.clone(), entry.name.clone()))
        })
        .collect()
}

/// The contracts and supports paid from `code` in `year`: totals, the largest rows and a link
/// to all of them. It loads its files itself, after the page's budget figures.
#[component]
pub fn ItemProcurement(year: u16, code: BudgetCode) -> impl IntoView {
    let i18n = use_i18n();
    let store = DataStore::use_store();
    let data = {
        let code = code.clone();
        LocalResource::new(move || {
            store.track_retries();
            load(store, year, code.clone())
        })
    };
    view! {
        <section class="item-procurement" aria-labelledby="procurement-heading" data-testid="item-procurement">
            <h2 id="procurement-heading">{td!(i18n.get(), proc_heading)}</h2>
            <Loaded resource=data render=move |data| view! { <ItemProcurementView year code=code.clone() data /> } />
        </section>
    }
}

#[component]
fn ItemProcurementView(year: u16, code: BudgetCode, data: ItemProcurementData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let all_link = {
        let code = code.clone();
        move || {
            let code = code.clone();
            view! {
                <p>
                    <a class="card-link" href=move || contracts_hash(locale.get(), year, &code) data-testid="all-contracts-link">
                        {td!(i18n.get(), proc_all_link)}
                    </a>
                </p>
            }
        }
    };
    match data {
        ItemProcurementData::NoYear => {
            view! { <p class="note" data-testid="no-procurement">{td!(i18n.get(), proc_none_year, year)}</p> }
                .into_any()
        }
        ItemProcurementData::Empty => {
            view! { <p class="note" data-testid="no-procurement">{td!(i18n.get(), proc_none_item, year)}</p> }
                .into_any()
        }
        ItemProcurementData::Section { contracts, supports } => view! {
            <SpendingSummary contracts supports />
            {all_link()}
        }
        .into_any(),
        ItemProcurementData::Rows { spending, publishers } => {
            let top_contracts = spending.contracts.iter().take(TOP_ROWS).cloned().map(|contract| {
                view! {
                    <li>
                        <PartyName party=contract.supplier.clone() />
                        " "
                        <span class="top-purpose"><bdi>{contract.purpose.clone()}</bdi></span>
                        " "
                        <Amount shekels=contract.executed />
                    </li>
                }
            });
            let top_supports = spending.supports.iter().take(TOP_ROWS).cloned().map(|row| {
                view! {
                    <li>
                        <PartyName party=row.support.recipient.clone() />
                        " "
                        <Amount shekels=Some(row.support.paid) />
                    </li>
                }
            });
            let contracts_list = (!spending.contracts.is_empty()).then(|| {
                view! {
                    <h3>{td!(i18n.get(), proc_top_contracts)}</h3>
                    <ol class="top-list" data-testid="top-contracts">{top_contracts.collect_view()}</ol>
                }
            });
            let supports_list = (!spending.supports.is_empty()).then(|| {
                view! {
                    <h3>{td!(i18n.get(), proc_top_supports)}</h3>
                    <ol class="top-list" data-testid="top-supports">{top_supports.collect_view()}</ol>
                }
            });
            let publisher_links = (!publishers.is_empty()).then(|| {
                let links = publishers
                    .into_iter()
                    .map(|(id, name)| view! { <li><a href=move || publisher_hash(locale.get(), &id)><bdi>{name}</bdi></a></li> })
                    .collect_view();
                view! {
                    <h3>{td!(i18n.get(), proc_reported_by)}</h3>
                    <ul class="publisher-links">{links}</ul>
                }
            });
            view! {
                <SpendingSummary contracts=spending.contract_totals supports=spending.support_totals />
                {contracts_list}
                {supports_list}
                {all_link()}
                {publisher_links}
            }
            .into_any()
        }
    }
}
