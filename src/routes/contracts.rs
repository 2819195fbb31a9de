//! Contracts and supports paid from one budget item in one year.

use std::sync::Arc;

use budget_model::item_spending::ItemSpending;
use budget_model::{BudgetCode, Level};
use leptos::prelude::*;

use super::{LocalBoxFuture, NotFoundView, Outcome};
use crate::browser;
use crate::components::{
    ContractColumns, ContractsTable, Loaded, PublisherList, SpendingSummary, SupportRow, SupportsTable,
};
use crate::data::{DataStore, LoadError};
use crate::i18n::{td, td_string};
use crate::locale::{use_i18n, use_locale};
use crate::router::budget_hash;

/// Data of the contracts page.
#[derive(Clone)]
struct ContractsData {
    year: u16,
    code: BudgetCode,
    /// The item's name in the budget, else the line title of the reports, else the code.
    name: String,
    /// The deepest budget item at or above `code` that the year's budget has, for the link back.
    /// Some years (2015, 2016) list programs but no lines.
    back: Option<BudgetCode>,
    /// `None` when the snapshot has no contracts or supports in the year at all.
    spending: Option<Arc<ItemSpending>>,
}

/// Loads the year's budget section of `code`, then the spending shards under `code`: one
/// domain's shard for a domain, program or line, every domain's shard for a section.
fn load_contracts(
    store: DataStore,
    year: u16,
    code: BudgetCode,
) -> LocalBoxFuture<Result<Outcome<ContractsData>, LoadError>> {
    Box::pin(async move {
        let index = store.index().await?;
        let Some(entry) = index.year(year) else {
            return Ok(Outcome::NotFound { year: index.default_year() });
        };
        let (mut name, mut back) = (None, None);
        if entry.sections.contains(&code.section()) {
            let home = store.year_home(&index, year).await?;
            let section = store.section(&home, &code.section()).await?;
            name = section.item(&code).map(|item| item.name.clone());
            back = code.ancestry().into_iter().rev().find(|ancestor| section.item(ancestor).is_some());
        }

        let procurement = store.procurement_index().await?;
        let Some(spending_year) = store.spending_year(&procurement, year).await? else {
            return Ok(match name {
                Some(name) => Outcome::Found(ContractsData { year, code, name, back, spending: None }),
                None => Outcome::NotFound { year: Some(year) },
            });
        };
        let mut shards = Vec::new();
        if code.level() == Level::Section {
            for domain in spending_year.domains.iter().filter(|domain| code.contains(&domain.domain)) {
                if let Some(shard) = store.spending_shard(&spending_year, &domain.domain).await? {
                    shards.push(shard);
                }
            }
        } else if let Some(shard) = store.spending_shard(&spending_year, &code).await? {
            shards.push(shard);
        }
        let spending = ItemSpending::under_all(shards.iter().map(|shard| &**shard), &code);
        if name.is_none() && spending.is_empty() {
            return Ok(Outcome::NotFound { year: Some(year) });
        }
        let title = shards.iter().find_map(|shard| shard.line(&code)).and_then(|line| line.title.clone());
        let name = name.or(title).unwrap_or_else(|| code.to_string());
        Ok(Outcome::Found(ContractsData { year, code, name, back, spending: Some(Arc::new(spending)) }))
    })
}

/// The contracts page of `code` in `year`.
#[component]
pub fn ContractsPage(year: u16, code: BudgetCode) -> impl IntoView {
    let store = DataStore::use_store();
    let data = LocalResource::new(move || {
        store.track_retries();
        load_contracts(store, year, code.clone())
    });
    view! {
        <Loaded
            resource=data
            render=move |outcome| match outcome {
                Outcome::Found(data) => view! { <ContractsView data /> }.into_any(),
                Outcome::NotFound { year } => view! { <NotFoundView year /> }.into_any(),
            }
        />
    }
}

#[component]
fn ContractsView(data: ContractsData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let ContractsData { year, code, name, back, spending } = data;
    {
        let name = name.clone();
        Effect::new(move |_| {
            let title = td_string!(i18n.get(), proc_contracts_title, name = name.clone(), year);
            browser::set_document_title(&format!("{title} · {}", td_string!(i18n.get(), app_title)));
        });
    }

    let back = move || budget_hash(locale.get(), year, back.as_ref());
    let heading_name = name.clone();
    let body = match spending {
        None => view! { <p class="note" data-testid="no-procurement">{td!(i18n.get(), proc_none_year, year)}</p> }
            .into_any(),
        Some(spending) if spending.is_empty() => {
            view! { <p class="note" data-testid="no-procurement">{td!(i18n.get(), proc_none_item, year)}</p> }
                .into_any()
        }
        Some(spending) => {
            let spending = Arc::unwrap_or_clone(spending);
            let columns = ContractColumns { line: code.level() != Level::Line, publisher: false };
            let contracts = (spending.contract_totals.orders > 0).then(|| {
                let name = name.clone();
                view! {
                    <section aria-labelledby="contracts-heading">
                        <h2 id="contracts-heading">{td!(i18n.get(), proc_contracts_heading)}</h2>
                        <ContractsTable
                            contracts=spending.contracts
                            private=spending.private_contracts
                            totals=spending.contract_totals
                            columns
                            test_id="contracts-table"
                            file_name=format!("contracts-{year}-{code}")
                        >
                            {td!(i18n.get(), proc_contracts_caption, name = move || view! { <bdi>{name.clone()}</bdi> }, year)}
                        </ContractsTable>
                    </section>
                }
            });
            let supports = (spending.support_totals.rows > 0).then(|| {
                let rows = spending
                    .supports
                    .into_iter()
                    .map(|row| SupportRow { support: row.support, line: Some((year, row.code)) })
                    .collect::<Vec<_>>();
                let name = name.clone();
                view! {
                    <section aria-labelledby="supports-heading">
                        <h2 id="supports-heading">{td!(i18n.get(), proc_supports_heading)}</h2>
                        <SupportsTable
                            rows
                            private=spending.private_supports
                            totals=spending.support_totals
                            show_line=code.level() != Level::Line
                            test_id="supports-table"
                            file_name=format!("supports-{year}-{code}")
                        >
                            {td!(i18n.get(), proc_supports_caption, name = move || view! { <bdi>{name.clone()}</bdi> }, year)}
                        </SupportsTable>
                    </section>
                }
            });
            view! {
                <SpendingSummary contracts=spending.contract_totals supports=spending.support_totals />
                {contracts}
                {supports}
            }
            .into_any()
        }
    };

    let code_text = code.to_string();
    view! {
        <div data-view="contracts">
            <article class="procurement-page" data-testid="contracts-page" data-code=code.to_string() data-year=year.to_string()>
                <header class="page-head">
                    <p class="item-level"><bdi class="code">{code_text}</bdi></p>
                    <h1>{td!(i18n.get(), proc_contracts_title, name = move || view! { <bdi>{heading_name.clone()}</bdi> }, year)}</h1>
                    <p><a href=back data-testid="back-to-item">{td!(i18n.get(), proc_back_to_item)}</a></p>
                </header>
                {body}
                <section aria-labelledby="publishers-heading">
                    <h2 id="publishers-heading">{td!(i18n.get(), proc_publishers_heading)}</h2>
                    <PublisherList />
                </section>
            </article>
        </div>
    }
}
