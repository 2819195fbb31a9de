//! Views of the procurement files that the pages show: the contracts and supports under one
//! budget item, the kind of a purchase method, and what an entity received in a year.

use crate::code::BudgetCode;
use crate::procurement::{Contract, ContractTotals, EntityYear, MethodTotals, SpendingShard, Support, SupportTotals};

/// A support row with the budget line it was paid from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineSupport {
    pub code: BudgetCode,
    pub support: Support,
}

/// Contracts and supports paid from one budget item (a domain, program or line) in one year,
/// gathered from the lines of a [`SpendingShard`] under it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemSpending {
    /// Contracts with organisations, largest executed first (then largest volume).
    pub contracts: Vec<Contract>,
    /// Supports to organisations, largest paid first.
    pub supports: Vec<LineSupport>,
    /// Contracts with private individuals, summed over the lines; `None` when there are none.
    pub private_contracts: Option<ContractTotals>,
    /// Supports to private individuals, summed over the lines; `None` when there are none.
    pub private_supports: Option<SupportTotals>,
    /// All contracts: the rows of `contracts` plus `private_contracts`.
    pub contract_totals: ContractTotals,
    /// All supports: the rows of `supports` plus `private_supports`.
    pub support_totals: SupportTotals,
}

impl ItemSpending {
    /// Gathers the lines of `shard` under `code`. The totals are the lines' own totals, which
    /// the builder sums from the same rows, so they equal the sum of the rows shown.
    pub fn under(shard: &SpendingShard, code: &BudgetCode) -> ItemSpending {
        ItemSpending::under_all([shard], code)
    }

    /// Gathers the lines under `code` from several shards, such as the domains of a section.
    pub fn under_all<'a>(shards: impl IntoIterator<Item = &'a SpendingShard>, code: &BudgetCode) -> ItemSpending {
        let mut spending = ItemSpending::default();
        let lines = shards.into_iter().flat_map(|shard| shard.lines.iter());
        for line in lines.filter(|line| code.contains(&line.code)) {
            spending.contracts.extend(line.contracts.iter().cloned());
            spending.supports.extend(
                line.supports.iter().map(|support| LineSupport { code: line.code.clone(), support: support.clone() }),
            );
            if let Some(private) = &line.private_contracts {
                spending.private_contracts.get_or_insert_with(ContractTotals::default).merge(private);
            }
            if let Some(private) = &line.private_supports {
                spending.private_supports.get_or_insert_with(SupportTotals::default).merge(private);
            }
            spending.contract_totals.merge(&line.contract_totals);
            spending.support_totals.merge(&line.support_totals);
        }
        spending.contracts.sort_by_key(|contract| {
            (std::cmp::Reverse(contract.executed.unwrap_or(0)), std::cmp::Reverse(contract.volume_ils.unwrap_or(0)))
        });
        spending.supports.sort_by_key(|row| std::cmp::Reverse(row.support.paid));
        spending
    }

    /// True when the item has neither contracts nor supports.
    pub fn is_empty(&self) -> bool {
        self.contract_totals.orders == 0 && self.support_totals.rows == 0
    }
}

/// Kind of a purchase method, read from the method as the reports write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MethodKind {
    /// An open public tender of the office (`מכרז פומבי`, incl. two-stage and framework forms).
    OpenTender,
    /// A central tender of the Accountant General (`מכרז מרכזי`).
    CentralTender,
    /// A closed tender (`מכרז סגור`).
    ClosedTender,
    /// An exemption from tender (`פטור`), or a regulation 5 hire of a planner or expert.
    Exemption,
    /// A contract with another government body.
    Government,
    /// Any other method, including the bare codes of some reports.
    Other,
    /// The report states no method.
    Unstated,
}

impl MethodKind {
    /// Every kind, in display order.
    pub const ALL: [MethodKind; 7] = [
        MethodKind::OpenTender,
        MethodKind::CentralTender,
        MethodKind::ClosedTender,
        MethodKind::Exemption,
        MethodKind::Government,
        MethodKind::Other,
        MethodKind::Unstated,
    ];

    /// The kind of `method`; `None` is [`MethodKind::Unstated`].
    pub fn of(method: Option<&str>) -> MethodKind {
        let Some(method) = method.map(str::trim).filter(|method| !method.is_empty()) else {
            return MethodKind::Unstated;
        };
        // The central tender check comes first: "מכרז מרכזי ממוכן" is central, not open.
        if method.contains("מכרז מרכזי") {
            MethodKind::CentralTender
        } else if method.contains("מכרז סגור") {
            MethodKind::ClosedTender
        } else if method.contains("פטור") || method.starts_with("תקנה 5") {
            MethodKind::Exemption
        } else if method.contains("מכרז פומבי") || method.contains("מכרז מסגרת") || method.contains("מכרז ממוכן")
        {
            MethodKind::OpenTender
        } else if method.contains("גופים ממשלתיים") {
            MethodKind::Government
        } else {
            MethodKind::Other
        }
    }

    /// A stable id for tests and CSS.
    pub fn id(self) -> &'static str {
        match self {
            MethodKind::OpenTender => "open-tender",
            MethodKind::CentralTender => "central-tender",
            MethodKind::ClosedTender => "closed-tender",
            MethodKind::Exemption => "exemption",
            MethodKind::Government => "government",
            MethodKind::Other => "other",
            MethodKind::Unstated => "unstated",
        }
    }
}

/// Sums `methods` per [`MethodKind`], in [`MethodKind::ALL`] order, leaving out kinds with no
/// orders.
pub fn totals_by_kind(methods: &[MethodTotals]) -> Vec<(MethodKind, ContractTotals)> {
    MethodKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let mut totals = ContractTotals::default();
            for method in methods.iter().filter(|method| MethodKind::of(method.method.as_deref()) == kind) {
                totals.merge(&method.totals);
            }
            (totals.orders > 0).then_some((kind, totals))
        })
        .collect()
}

/// What an entity received in one year, in shekels: invoices paid on its contracts plus
/// supports paid to it.
pub fn received(year: &EntityYear) -> i64 {
    year.contracts.executed + year.supports.paid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procurement::{LineSpending, Party};

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    fn contract(line: &str, executed: i64, volume: i64) -> Contract {
        Contract {
            order_id: None,
            publisher: "משרד".to_string(),
            buyer: None,
            budget_code: Some(code(line)),
            supplier: Party { entity: Some("510000000".to_string()), name: "ספק".to_string() },
            purpose: None,
            method: None,
            exemption_reason: None,
            manof_ref: None,
            order_date: None,
            start_date: None,
            end_date: None,
            volume: Some(volume),
            currency: None,
            volume_ils: Some(volume),
            executed: Some(executed),
            year: 2015,
            report: "contracts/x.csv".to_string(),
        }
    }

    fn support(paid: i64) -> Support {
        Support {
            recipient: Party { entity: None, name: "עמותה".to_string() },
            ministry: "משרד".to_string(),
            kind: "תמיכה".to_string(),
            title: None,
            payments: 1,
            allocated: paid,
            paid,
        }
    }

    fn line(
        text: &str,
        contracts: Vec<Contract>,
        supports: Vec<Support>,
        private: Option<ContractTotals>,
    ) -> LineSpending {
        let mut contract_totals = ContractTotals::default();
        contracts.iter().for_each(|contract| contract_totals.add(contract));
        if let Some(private) = &private {
            contract_totals.merge(private);
        }
        let mut support_totals = SupportTotals::default();
        supports.iter().for_each(|support| support_totals.add(support));
        LineSpending {
            code: code(text),
            title: None,
            contract_totals,
            support_totals,
            contracts,
            supports,
            private_contracts: private,
            private_supports: None,
        }
    }

    fn shard() -> SpendingShard {
        let private = ContractTotals { orders: 2, volume: 500, executed: 300, foreign_orders: 0 };
        SpendingShard {
            year: 2015,
            domain: code("3641"),
            lines: vec![
                line(
                    "36410103",
                    vec![contract("36410103", 10, 20), contract("36410103", 50, 60)],
                    vec![],
                    Some(private),
                ),
                line("36410105", vec![contract("36410105", 30, 5)], vec![support(7)], None),
                line("36420101", vec![contract("36420101", 99, 99)], vec![], None),
            ],
        }
    }

    #[test]
    fn line_spending_sorted_and_totalled() {
        let spending = ItemSpending::under(&shard(), &code("36410103"));
        let executed: Vec<i64> = spending.contracts.iter().map(|contract| contract.executed.unwrap()).collect();
        assert_eq!(executed, vec![50, 10]);
        assert_eq!(spending.contract_totals.orders, 4);
        assert_eq!(spending.contract_totals.executed, 360);
        assert_eq!(spending.private_contracts.unwrap().orders, 2);
        assert!(spending.supports.is_empty());
    }

    #[test]
    fn program_spending_spans_its_lines() {
        let spending = ItemSpending::under(&shard(), &code("364101"));
        assert_eq!(spending.contracts.len(), 3);
        assert_eq!(spending.contract_totals.executed, 390);
        assert_eq!(spending.supports.len(), 1);
        assert_eq!(spending.supports[0].code, code("36410105"));
        assert_eq!(spending.support_totals.paid, 7);
    }

    #[test]
    fn rows_sum_to_totals() {
        let spending = ItemSpending::under(&shard(), &code("3641"));
        let mut sum = ContractTotals::default();
        spending.contracts.iter().for_each(|contract| sum.add(contract));
        sum.merge(&spending.private_contracts.unwrap());
        assert_eq!(sum, spending.contract_totals);
    }

    #[test]
    fn section_spending_spans_shards() {
        let mut other = shard();
        other.domain = code("3642");
        other.lines.retain(|line| line.code == code("36420101"));
        let mut first = shard();
        first.lines.retain(|line| line.code != code("36420101"));
        let spending = ItemSpending::under_all([&first, &other], &code("36"));
        assert_eq!(spending.contracts.len(), 4);
        assert_eq!(spending.contracts[0].executed, Some(99));
        assert_eq!(spending.contract_totals.executed, 489);
    }

    #[test]
    fn item_without_lines_is_empty() {
        assert!(ItemSpending::under(&shard(), &code("36410199")).is_empty());
    }

    #[test]
    fn method_kinds() {
        assert_eq!(MethodKind::of(Some("תקנה 1ב - מכרז פומבי רגיל")), MethodKind::OpenTender);
        assert_eq!(MethodKind::of(Some("תקנה 14ב - מכרז מרכזי")), MethodKind::CentralTender);
        assert_eq!(MethodKind::of(Some("מכרז מרכזי ממוכן")), MethodKind::CentralTender);
        assert_eq!(MethodKind::of(Some("מכרז פומבי רגיל ממוכן")), MethodKind::OpenTender);
        assert_eq!(MethodKind::of(Some("מכרז סגור - תקנה 4(7) - חברה ממשלתית")), MethodKind::ClosedTender);
        assert_eq!(MethodKind::of(Some("פטור ממכרז")), MethodKind::Exemption);
        assert_eq!(MethodKind::of(Some("תקנה 5א(ב)(1) - התקשרות עם מתכננים")), MethodKind::Exemption);
        assert_eq!(MethodKind::of(Some("התקשרות עם גופים ממשלתיים")), MethodKind::Government);
        assert_eq!(MethodKind::of(Some("אחר")), MethodKind::Other);
        assert_eq!(MethodKind::of(Some("23")), MethodKind::Other);
        assert_eq!(MethodKind::of(Some("  ")), MethodKind::Unstated);
        assert_eq!(MethodKind::of(None), MethodKind::Unstated);
    }

    #[test]
    fn kinds_summed_in_order() {
        let totals = |orders| ContractTotals { orders, volume: 10, executed: 5, foreign_orders: 0 };
        let methods = vec![
            MethodTotals { method: Some("פטור ממכרז".to_string()), totals: totals(3) },
            MethodTotals { method: Some("תקנה 1ב - מכרז פומבי רגיל".to_string()), totals: totals(1) },
            MethodTotals {
                method: Some("תקנה 5(ג)(1) - התקשרות עם מומחה".to_string()), totals: totals(2)
            },
        ];
        let kinds = totals_by_kind(&methods);
        assert_eq!(kinds.len(), 2);
        assert_eq!(kinds[0].0, MethodKind::OpenTender);
        assert_eq!(
            kinds[1],
            (MethodKind::Exemption, ContractTotals { orders: 5, volume: 20, executed: 10, foreign_orders: 0 })
        );
    }

    #[test]
    fn received_adds_executed_and_paid() {
        let mut year = EntityYear { year: 2015, ..EntityYear::default() };
        year.contracts.executed = 100;
        year.supports.paid = 23;
        year.supports.allocated = 1000;
        assert_eq!(received(&year), 123);
    }
}
