//! One reader per layout of the official budget files, and what they share: the year tree they
//! return and the two ways of filling it (rows that are leaves, or rows that list every level).

pub mod book;
pub mod booklet;
pub mod history;
pub mod planned;
pub mod summary;
pub mod tableau;

use std::collections::HashMap;
use std::path::Path;

use budget_model::snapshot::Item;
use budget_model::tree::{add_leaf, Tree};
use budget_model::{Amounts, BudgetCode};

use crate::columns::Fields;
use crate::error::ReadError;
use crate::tally::{reason, Tally};

/// The tree of one year as one file supplied it.
#[derive(Debug, Clone, Default)]
pub struct YearTree {
    pub year: u16,
    /// Every item of the year, section `00` (revenues) included.
    pub tree: Tree,
    /// True when the file lists every level with its own figures, so parents can be checked
    /// against the sum of their children.
    pub lists_every_level: bool,
    /// True when the figures are a budget proposal.
    pub proposal: bool,
    /// The `00` grand-total row of a history file: revenues plus expenses.
    pub grand_total: Option<Amounts>,
    /// Expense-direction money left out of the expense sections: dormant lines and the expense
    /// rows of section `00` (such as the transfer to part A, −23.5 bn ₪ in 2014). The official
    /// expense total includes both, so the year's home adds them as an adjustment.
    pub expense_outside_sections: Amounts,
}

/// Years read from one file, with the file's accounting.
#[derive(Debug)]
pub struct FileRead {
    pub tally: Tally,
    pub years: Vec<YearTree>,
}

/// Direction of a row in files that have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Expense,
    Income,
}

impl Direction {
    /// Reads `הוצאה` or `הכנסה`.
    pub fn parse(fields: &Fields, column: usize) -> Result<Direction, ReadError> {
        match fields.text(column).as_str() {
            "הוצאה" => Ok(Direction::Expense),
            "הכנסה" => Ok(Direction::Income),
            _ => Err(fields.bad_value(column, "\"הוצאה\" (expense) or \"הכנסה\" (income)")),
        }
    }
}

/// Decides whether a row of a file with a direction column enters the year's tree, returning
/// the skip reason when it does not.
///
/// Dormant lines are dropped. Expense rows build the expense sections, and the income rows of
/// section `00` the revenue tree. Income rows elsewhere are intra-budget transfers, part of
/// neither tree. Expense-direction money that the expense sections leave out (dormant lines,
/// the expense rows of section `00`) is added to `outside`, which the expense total includes.
pub fn route_row(
    section: &BudgetCode,
    direction: Direction,
    dormant: bool,
    amounts: &Amounts,
    outside: &mut Amounts,
) -> Option<&'static str> {
    let expense = direction == Direction::Expense;
    if dormant {
        if expense {
            outside.add(amounts);
        }
        return Some(reason::DORMANT_LINE);
    }
    if section.is_revenue() {
        if expense {
            outside.add(amounts);
            return Some(reason::REVENUE_SECTION_EXPENSE);
        }
        return None;
    }
    if expense {
        None
    } else {
        Some(reason::INCOME_OUTSIDE_REVENUE)
    }
}

/// Builds a tree from rows that are leaves, rolling each up into its ancestors.
#[derive(Debug, Default)]
pub struct LeafTree {
    pub tree: Tree,
    names: HashMap<BudgetCode, String>,
}

impl LeafTree {
    /// Adds `amounts` to the last code of `chain` and every ancestor. `chain` contains the codes
    /// the row gives, top down, with their names; the first name seen for a code is kept.
    pub fn add(&mut self, chain: &[(BudgetCode, String)], amounts: &Amounts) {
        for (code, name) in chain {
            if !name.is_empty() {
                self.names.entry(code.clone()).or_insert_with(|| name.clone());
            }
        }
        let Some((leaf, _)) = chain.last() else { return };
        add_leaf(&mut self.tree, leaf, amounts, |code| {
            self.names.get(code).cloned().unwrap_or_default()
        });
    }
}

/// Builds a tree from a file that lists every level, one row per code.
#[derive(Debug, Default)]
pub struct LevelTree {
    pub tree: Tree,
    first_row: HashMap<BudgetCode, u64>,
}

impl LevelTree {
    /// Inserts one code's own row; a second row for the same code is an error.
    pub fn insert(&mut self, file: &Path, row: u64, item: Item) -> Result<(), ReadError> {
        if let Some(first_row) = self.first_row.get(&item.code) {
            return Err(ReadError::DuplicateCode {
                file: file.to_path_buf(),
                row,
                code: item.code.to_string(),
                first_row: *first_row,
            });
        }
        self.first_row.insert(item.code.clone(), row);
        self.tree.insert(item.code.clone(), item);
        Ok(())
    }
}

/// Checks that each code of a row lies directly below the one before it (line under program,
/// program under domain, domain under section), naming the column of the first that does not.
pub fn check_chain(fields: &Fields, chain: &[(usize, &BudgetCode)]) -> Result<(), ReadError> {
    for pair in chain.windows(2) {
        let (_, parent) = pair[0];
        let (column, child) = pair[1];
        if child.parent().as_ref() != Some(parent) {
            let reason = format!(
                "it does not lie under {parent} given in column {:?}",
                fields.column_name(pair[0].0)
            );
            return Err(fields.bad_code(column, child.as_str(), reason));
        }
    }
    Ok(())
}

/// Amounts with only `original` set.
pub fn original_only(value: Option<i64>) -> Amounts {
    Amounts {
        original: value,
        ..Amounts::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    #[test]
    fn leaf_tree_keeps_first_name() {
        let mut leaves = LeafTree::default();
        let chain = |name: &str| vec![(code("20"), name.to_string()), (code("2001"), "d".to_string())];
        leaves.add(&chain("education"), &original_only(Some(5)));
        leaves.add(&chain("renamed"), &original_only(Some(2)));
        assert_eq!(leaves.tree[&code("20")].name, "education");
        assert_eq!(leaves.tree[&code("20")].amounts.original, Some(7));
    }

    #[test]
    fn level_tree_duplicate_rejected() {
        let mut levels = LevelTree::default();
        let item = Item {
            code: code("20"),
            name: "a".into(),
            amounts: Amounts::default(),
        };
        levels.insert(Path::new("f"), 3, item.clone()).unwrap();
        let error = levels.insert(Path::new("f"), 9, item).unwrap_err();
        assert!(
            matches!(
                error,
                ReadError::DuplicateCode {
                    row: 9,
                    first_row: 3,
                    ..
                }
            ),
            "{error}"
        );
    }
}
