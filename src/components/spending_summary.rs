//! Totals of contracts and supports as a description list.

use budget_model::format::format_number;
use budget_model::procurement::{ContractTotals, SupportTotals};
use leptos::prelude::*;

use super::Amount;
use crate::i18n::td;
use crate::locale::use_i18n;

/// Orders, order value and invoices paid of `contracts`, and rows and amount paid of
/// `supports`; a group with no rows is left out.
#[component]
pub fn SpendingSummary(contracts: ContractTotals, supports: SupportTotals) -> impl IntoView {
    let i18n = use_i18n();
    let contract_items = (contracts.orders > 0).then(|| {
        view! {
            <div class="phase-amount">
                <dt>{td!(i18n.get(), proc_orders)}</dt>
                <dd data-testid="total-orders"><data value=contracts.orders.to_string()>{format_number(u64::from(contracts.orders))}</data></dd>
            </div>
            <div class="phase-amount">
                <dt>{td!(i18n.get(), proc_col_volume)}</dt>
                <dd data-testid="total-volume"><Amount shekels=Some(contracts.volume) /></dd>
            </div>
            <div class="phase-amount">
                <dt>{td!(i18n.get(), proc_col_executed)}</dt>
                <dd data-testid="total-executed"><Amount shekels=Some(contracts.executed) /></dd>
            </div>
        }
    });
    let support_items = (supports.rows > 0).then(|| {
        view! {
            <div class="phase-amount">
                <dt>{td!(i18n.get(), proc_support_rows)}</dt>
                <dd data-testid="total-support-rows"><data value=supports.rows.to_string()>{format_number(u64::from(supports.rows))}</data></dd>
            </div>
            <div class="phase-amount">
                <dt>{td!(i18n.get(), proc_supports_paid)}</dt>
                <dd data-testid="total-supports-paid"><Amount shekels=Some(supports.paid) /></dd>
            </div>
        }
    });
    view! { <dl class="phase-amounts spending-summary" data-testid="spending-summary">{contract_items}{support_items}</dl> }
}
