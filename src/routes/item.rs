//! The page of one budget item: a section, domain, program or line in one year.

use std::sync::Arc;

use budget_model::route::EmbedView;
use budget_model::snapshot::{FileEntry, Manifest, SectionShard, YearHome};
use budget_model::{Amounts, BudgetCode, Level, Phase};
use leptos::prelude::*;

use super::embed::{EmbedData, EmbedWidget};
use super::{resolve_year, year_phases, LocalBoxFuture, NotFoundView, Outcome};
use crate::browser;
use crate::components::{
    Breadcrumbs, ItemHistory, ItemProcurement, ItemRow, ItemTable, Loaded, PageSources, PageTools, PhaseAmounts,
    PinnedSnapshotNote, Share,
};
use crate::data::{DataStore, LoadError};
use crate::i18n::{td, td_string};
use crate::labels::{children_name, level_id, level_name};
use crate::locale::use_i18n;

/// What an item's page shows.
#[derive(Debug, Clone)]
pub(super) struct ItemData {
    pub index: Arc<Manifest>,
    pub code: BudgetCode,
    /// The year's home, which lists the section shards and is the parent of expense sections.
    pub home: Arc<YearHome>,
    pub shard: Arc<SectionShard>,
}

/// Loads the index, the home and the section shard that holds `code` in `year` (the default
/// year when `None`).
///
/// The future is boxed so that its code exists once, not once in each page that awaits it.
pub(super) fn load_item(
    store: DataStore,
    year: Option<u16>,
    code: BudgetCode,
) -> LocalBoxFuture<Result<Outcome<ItemData>, LoadError>> {
    Box::pin(async move {
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
    })
}

/// The page of `code` in `year` (the default year when `None`); only its widget `embed` when
/// given.
#[component]
pub fn ItemPage(
    year: Option<u16>,
    code: BudgetCode,
    /// The widget to show alone, on an embed route.
    #[prop(optional)]
    embed: Option<EmbedView>,
) -> impl IntoView {
    let store = DataStore::use_store();
    let data = LocalResource::new(move || {
        store.track_retries();
        load_item(store, year, code.clone())
    });
    view! {
        <Loaded
            resource=data
            render=move |outcome| match (outcome, embed) {
                (Outcome::Found(data), None) => view! { <ItemView data /> }.into_any(),
                (Outcome::Found(data), Some(view)) => view! { <EmbedWidget data=EmbedData::Item(data) view /> }.into_any(),
                (Outcome::NotFound { year }, _) => view! { <NotFoundView year /> }.into_any(),
            }
        />
    }
}

impl ItemData {
    /// The history shard's file list: the home's for a section, the section shard's below.
    pub(super) fn history_listed_in(&self) -> Arc<[FileEntry]> {
        match self.code.level() {
            Level::Section => self.home.files.clone().into(),
            _ => self.shard.files.clone().into(),
        }
    }

    /// The item's direct children, largest first.
    pub(super) fn children(&self) -> Vec<ItemRow> {
        self.shard
            .children(&self.code)
            .into_iter()
            .map(|child| ItemRow { code: child.code.clone(), name: child.name.clone(), amounts: child.amounts })
            .collect()
    }

    /// The phases the year's tables show.
    pub(super) fn phases(&self) -> Vec<Phase> {
        year_phases(self.index.year(self.home.year))
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

/// The item's amounts in its year and its share of its parent.
#[component]
pub(super) fn ItemAmounts(data: ItemData) -> impl IntoView {
    let i18n = use_i18n();
    let ItemData { code, home, shard, .. } = data;
    let amounts = shard.item(&code).map(|item| item.amounts).unwrap_or_default();
    // Section 00 is the revenue total itself, so it has no share to show.
    let parent = match code.parent() {
        Some(parent) => shard
            .item(&parent)
            .map(|parent| Parent { name: ParentName::Item(parent.name.clone()), amounts: parent.amounts }),
        None if code.is_revenue() => None,
        None => Some(Parent { name: ParentName::TotalExpenses, amounts: home.expenses }),
    };
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
                <dd data-testid="share-of-parent"><Share part=amounts whole=parent.amounts /></dd>
            </dl>
        }
    });
    view! {
        <PhaseAmounts amounts />
        {share}
    }
}

/// The table of the item's children, or a note when it has none.
#[component]
pub(super) fn ChildrenTable(
    data: ItemData,
    /// Value of the links' `target`, `_blank` in an embed.
    #[prop(default = None)]
    link_target: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = data.children();
    let phases = data.phases();
    let level = data.code.level();
    let year = data.home.year;
    let Some(item) = data.shard.item(&data.code).cloned() else { return ().into_any() };
    if rows.is_empty() {
        return view! { <p class="note" data-testid="no-children">{td!(i18n.get(), no_children)}</p> }.into_any();
    }
    let heading = move || children_name(i18n.get(), level).unwrap_or_default();
    let name = item.name.clone();
    view! {
        <ItemTable
            year
            rows
            phases
            whole=item.amounts
            share_heading=Signal::derive(move || td_string!(i18n.get(), col_share).to_string())
            test_id="children-table"
            link_target
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
}

#[component]
fn ItemView(data: ItemData) -> impl IntoView {
    let i18n = use_i18n();
    let code = data.code.clone();
    let year = data.home.year;
    let item = data.shard.item(&code).cloned().expect("the resource checked that the item exists");
    let level = code.level();
    let entry = data.index.year(year).cloned();
    let proposal = entry.as_ref().is_some_and(|entry| entry.proposal);
    let sources = entry.as_ref().map(|entry| entry.sources.clone()).unwrap_or_default();

    let trail: Vec<(BudgetCode, String)> = code
        .ancestry()
        .into_iter()
        .map(|ancestor| {
            let name = data.shard.item(&ancestor).map(|item| item.name.clone()).unwrap_or_else(|| ancestor.to_string());
            (ancestor, name)
        })
        .collect();

    let title = {
        let (name, code) = (item.name.clone(), code.to_string());
        Signal::derive(move || td_string!(i18n.get(), cite_item_title, name = name.clone(), code = code.clone(), year).to_string())
    };
    {
        let name = item.name.clone();
        let code = code.to_string();
        Effect::new(move |_| {
            browser::set_document_title(&format!("{name} {code} · {}", td_string!(i18n.get(), app_title)));
        });
    }

    let has_children = !data.shard.children(&code).is_empty();
    let children_section = children_name(i18n.get(), level).map(|_| {
        let heading = move || children_name(i18n.get(), level).unwrap_or_default();
        view! {
            <section aria-labelledby="children-heading">
                <h2 id="children-heading">{heading}</h2>
                <ChildrenTable data=data.clone() />
            </section>
        }
    });

    let code_attribute = code.to_string();
    let code_text = code.to_string();
    let history_listed_in = data.history_listed_in();
    view! {
        <div data-view="node">
            <Breadcrumbs year trail />
            <PinnedSnapshotNote />
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
                <PageTools year code=Some(code.clone()) title sources chart=true table=has_children />

                <section class="item-amounts" aria-labelledby="amounts-heading">
                    <h2 id="amounts-heading">{td!(i18n.get(), item_amounts_label, year)}</h2>
                    <ItemAmounts data=data.clone() />
                </section>

                {children_section}

                // Loads its own files once the budget figures above are on screen.
                <ItemProcurement year code=code.clone() />

                <section aria-labelledby="history-heading">
                    <h2 id="history-heading">{td!(i18n.get(), history_heading)}</h2>
                    <ItemHistory
                        listed_in=history_listed_in
                        code=code.clone()
                        year
                        name=item.name.clone()
                        source=Signal::derive(move || td_string!(i18n.get(), export_source_history).to_string())
                    />
                </section>
            </article>
            <PageSources index=data.index.clone() year />
        </div>
    }
}
