//! The page of one budget item: a section, domain, program or line in one year.

use std::sync::Arc;

use budget_model::snapshot::{FileEntry, Manifest, SectionShard, YearHome};
use budget_model::{Amounts, BudgetCode, Level};
use leptos::prelude::*;

use super::{resolve_year, year_phases, NotFoundView, Outcome};
use crate::browser;
use crate::components::{Breadcrumbs, ItemHistory, ItemRow, ItemTable, Loaded, PhaseAmounts, Share};
use crate::data::DataStore;
use crate::i18n::{td, td_string};
use crate::labels::{children_name, level_id, level_name};
use crate::locale::use_i18n;

#[derive(Debug, Clone)]
struct ItemData {
    index: Arc<Manifest>,
    code: BudgetCode,
    /// The year's home, which lists the section shards and is the parent of expense sections.
    home: Arc<YearHome>,
    shard: Arc<SectionShard>,
}

/// The page of `code` in `year` (the default year when `None`).
#[component]
pub fn ItemPage(year: Option<u16>, code: BudgetCode) -> impl IntoView {
    let store = DataStore::use_store();
    let data = LocalResource::new(move || {
        store.track_retries();
        let code = code.clone();
        async move {
            let index = store.index().await?;
            let Some(entry) = resolve_year(&index, year) else {
                return Ok(Outcome::NotFound { year: index.default_year() });
            };
            let year = entry.year;
            let section = code.section();
            if !entry.sections.contains(&section) {
                return Ok(Outcome::NotFound { year: Some(year) });
            }
            let home = store.year_home(&index, year).await?;
            let shard = store.section(&home, &section).await?;
            if shard.item(&code).is_none() {
                return Ok(Outcome::NotFound { year: Some(year) });
            }
            Ok(Outcome::Found(ItemData { index, code, home, shard }))
        }
    });
    view! {
        <Loaded
            resource=data
            render=|outcome| match outcome {
                Outcome::Found(data) => view! { <ItemView data /> }.into_any(),
                Outcome::NotFound { year } => view! { <NotFoundView year /> }.into_any(),
            }
        />
    }
}

/// The item that a share is taken of.
struct Parent {
    name: ParentName,
    amounts: Amounts,
}

/// Name of a [`Parent`].
enum ParentName {
    /// A name from the data.
    Item(String),
    /// Total expenses, the parent of an expense section.
    TotalExpenses,
}

#[component]
fn ItemView(data: ItemData) -> impl IntoView {
    let i18n = use_i18n();
    let ItemData { index, code, home, shard } = data;
    let year = home.year;
    let item = shard.item(&code).cloned().expect("the resource checked that the item exists");
    let level = code.level();
    let entry = index.year(year).cloned();
    let proposal = entry.as_ref().is_some_and(|entry| entry.proposal);
    let phases = year_phases(entry.as_ref());

    let trail: Vec<(BudgetCode, String)> = code
        .ancestry()
        .into_iter()
        .map(|ancestor| {
            let name = shard.item(&ancestor).map(|item| item.name.clone()).unwrap_or_else(|| ancestor.to_string());
            (ancestor, name)
        })
        .collect();

    // Section 00 is the revenue total itself, so it has no share to show.
    let parent = match code.parent() {
        Some(parent) => shard
            .item(&parent)
            .map(|parent| Parent { name: ParentName::Item(parent.name.clone()), amounts: parent.amounts }),
        None if code.is_revenue() => None,
        None => Some(Parent { name: ParentName::TotalExpenses, amounts: home.expenses }),
    };
    // A section's history is listed in the home, anything deeper in the section's shard.
    let history_listed_in: Arc<[FileEntry]> = match level {
        Level::Section => home.files.clone().into(),
        _ => shard.files.clone().into(),
    };

    {
        let name = item.name.clone();
        let code = code.to_string();
        Effect::new(move |_| {
            browser::set_document_title(&format!("{name} {code} · {}", td_string!(i18n.get(), app_title)));
        });
    }

    let share = parent.map(|parent| {
        let heading = match parent.name {
            ParentName::Item(name) => {
                td!(i18n.get(), share_of_parent, parent = move || view! { <bdi>{name.clone()}</bdi> }).into_any()
            }
            ParentName::TotalExpenses => td!(i18n.get(), share_of_expenses).into_any(),
        };
        view! {
            <dl class="share-of-parent">
                <dt>{heading}</dt>
                <dd data-testid="share-of-parent"><Share part=item.amounts whole=parent.amounts /></dd>
            </dl>
        }
    });

    let children: Vec<ItemRow> = shard
        .children(&code)
        .into_iter()
        .map(|child| ItemRow { code: child.code.clone(), name: child.name.clone(), amounts: child.amounts })
        .collect();
    let children_section = children_name(i18n.get(), level).map(|_| {
        let heading = move || children_name(i18n.get(), level).unwrap_or_default();
        let content = if children.is_empty() {
            view! { <p class="note" data-testid="no-children">{td!(i18n.get(), no_children)}</p> }.into_any()
        } else {
            let name = item.name.clone();
            view! {
                <ItemTable
                    year
                    rows=children
                    phases
                    whole=item.amounts
                    share_heading=Signal::derive(move || td_string!(i18n.get(), col_share).to_string())
                    test_id="children-table"
                >
                    {td!(
                        i18n.get(),
                        children_caption,
                        level = heading,
                        name = move || view! { <bdi>{name.clone()}</bdi> },
                        year
                    )}
                </ItemTable>
            }
            .into_any()
        };
        view! {
            <section aria-labelledby="children-heading">
                <h2 id="children-heading">{heading}</h2>
                {content}
            </section>
        }
    });

    let code_attribute = code.to_string();
    let code_text = code.to_string();
    view! {
        <div data-view="node">
            <Breadcrumbs year trail />
            <article class="item" data-testid="item" data-code=code_attribute data-level=level_id(level)>
                <header class="page-head item-head">
                    <p class="item-level">
                        <span>{move || level_name(i18n.get(), level)}</span>
                        " "
                        <bdi class="code" data-testid="item-code">{code_text}</bdi>
                    </p>
                    <h1>
                        <bdi>{item.name.clone()}</bdi>
                        {proposal.then(|| view! { <span class="badge" data-testid="proposal-badge">{td!(i18n.get(), proposal_badge)}</span> })}
                    </h1>
                </header>

                <section class="item-amounts" aria-labelledby="amounts-heading">
                    <h2 id="amounts-heading">{td!(i18n.get(), item_amounts_label, year)}</h2>
                    <PhaseAmounts amounts=item.amounts />
                    {share}
                </section>

                {children_section}

                <section aria-labelledby="history-heading">
                    <h2 id="history-heading">{td!(i18n.get(), history_heading)}</h2>
                    <ItemHistory listed_in=history_listed_in code year />
                </section>
            </article>
        </div>
    }
}
