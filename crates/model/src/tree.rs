//! Building the budget tree of one year and checking that parents equal the sum of children.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::amount::{Amounts, Phase};
use crate::code::BudgetCode;
use crate::snapshot::Item;

/// Items of one year by code, every level together.
pub type Tree = BTreeMap<BudgetCode, Item>;

/// Adds `amounts` to `code` and to each of its ancestors, creating missing items.
///
/// `name_of` supplies the name of an item created on the way up. Use this for files whose rows
/// are the leaves (one row per line, or per program in program-level files); never for files
/// that already list every level, whose parents would then be counted twice.
pub fn add_leaf(tree: &mut Tree, code: &BudgetCode, amounts: &Amounts, name_of: impl Fn(&BudgetCode) -> String) {
    for ancestor in code.ancestry() {
        let item = tree.entry(ancestor.clone()).or_insert_with(|| Item {
            name: name_of(&ancestor),
            code: ancestor,
            amounts: Amounts::default(),
        });
        item.amounts.add(amounts);
    }
}

/// A parent whose stated figure differs from the sum of its children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SumMismatch {
    pub code: BudgetCode,
    pub phase: Phase,
    /// The parent's own figure, in shekels.
    pub stated: i64,
    /// The sum of its direct children, in shekels.
    pub children: i64,
}

/// Compares each item with the sum of its direct children, phase by phase.
///
/// A phase is compared only when the parent and at least one child have a figure for it.
pub fn check_sums(tree: &Tree) -> Vec<SumMismatch> {
    let mut sums: BTreeMap<BudgetCode, Amounts> = BTreeMap::new();
    for item in tree.values() {
        if let Some(parent) = item.code.parent() {
            sums.entry(parent).or_default().add(&item.amounts);
        }
    }
    let mut mismatches = Vec::new();
    for (code, children) in &sums {
        let Some(parent) = tree.get(code) else { continue };
        for phase in Phase::ALL {
            if let (Some(stated), Some(sum)) = (parent.amounts.get(phase), children.get(phase)) {
                if stated != sum {
                    mismatches.push(SumMismatch { code: code.clone(), phase, stated, children: sum });
                }
            }
        }
    }
    mismatches
}

/// Codes whose parent is missing from the tree, such as a line listed without its program.
pub fn orphans(tree: &Tree) -> Vec<BudgetCode> {
    tree.keys()
        .filter(|code| code.parent().is_some_and(|parent| !tree.contains_key(&parent)))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    fn original(value: i64) -> Amounts {
        Amounts { original: Some(value), ..Amounts::default() }
    }

    #[test]
    fn add_leaf_rolls_up() {
        let mut tree = Tree::new();
        add_leaf(&mut tree, &code("20670142"), &original(5), |c| format!("n{c}"));
        add_leaf(&mut tree, &code("20670143"), &original(7), |c| format!("n{c}"));
        assert_eq!(tree.len(), 5);
        assert_eq!(tree[&code("20")].amounts.original, Some(12));
        assert_eq!(tree[&code("206701")].name, "n206701");
        assert!(check_sums(&tree).is_empty());
        assert!(orphans(&tree).is_empty());
    }

    #[test]
    fn check_sums_reports_difference() {
        let mut tree = Tree::new();
        for (text, value) in [("20", 10), ("2001", 4), ("2002", 5)] {
            tree.insert(code(text), Item { code: code(text), name: String::new(), amounts: original(value) });
        }
        let mismatches = check_sums(&tree);
        assert_eq!(
            mismatches,
            [SumMismatch { code: code("20"), phase: Phase::Original, stated: 10, children: 9 }]
        );
    }

    #[test]
    fn orphans_found() {
        let mut tree = Tree::new();
        tree.insert(code("2001"), Item { code: code("2001"), name: String::new(), amounts: original(1) });
        assert_eq!(orphans(&tree), [code("2001")]);
    }
}
