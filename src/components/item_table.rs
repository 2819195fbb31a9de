//! Ranked table of budget items: the sections of a year, or the children of an item.

use budget_model::{Amounts, BudgetCode, Phase};
use leptos::prelude::*;

use super::{Amount, Share};
use crate::i18n::td;
use crate::labels::{phase_id, phase_name};
use crate::locale::{use_i18n, use_locale};
use crate::router::budget_hash;

/// One row of an [`ItemTable`].
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub code: BudgetCode,
    pub name: String,
    pub amounts: Amounts,
}

/// A `<table>` of items in the given order, each name a link to the item's page, with one
/// column per phase and each item's share of `whole`. The children are the caption.
#[component]
pub fn ItemTable(
    /// Year of the links.
    year: u16,
    /// Rows in display order.
    rows: Vec<ItemRow>,
    /// Phase columns to show, usually the phases the year has.
    phases: Vec<Phase>,
    /// The amounts each share is taken of.
    whole: Amounts,
    /// Heading of the share column.
    #[prop(into)]
    share_heading: Signal<String>,
    /// Value of `data-testid`, for browser tests.
    test_id: &'static str,
    /// Value of the links' `target`: `_blank` in an embed, so they open the full site.
    #[prop(default = None)]
    link_target: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();

    let phase_headings = phases
        .iter()
        .map(|&phase| {
            view! { <th scope="col" class="numeric" data-phase=phase_id(phase)>{move || phase_name(i18n.get(), phase)}</th> }
        })
        .collect_view();

    let body = rows
        .into_iter()
        .map(|row| {
            let href = {
                let code = row.code.clone();
                move || budget_hash(locale.get(), year, Some(&code))
            };
            let cells = phases
                .iter()
                .map(|&phase| {
                    view! {
                        <td class="numeric" data-phase=phase_id(phase)>
                            <Amount shekels=row.amounts.get(phase) />
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr data-code=row.code.to_string()>
                    <th scope="row">
                        <a href=href target=link_target><bdi>{row.name}</bdi></a>
                    </th>
                    <td><bdi class="code">{row.code.to_string()}</bdi></td>
                    {cells}
                    <td class="numeric"><Share part=row.amounts whole=whole /></td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <div class="table-scroll">
            <table class="item-table" data-testid=test_id>
                <caption>{children()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td!(i18n.get(), col_name)}</th>
                        <th scope="col">{td!(i18n.get(), col_code)}</th>
                        {phase_headings}
                        <th scope="col" class="numeric">{move || share_heading.get()}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
