//! Checks on the trees: parents against their children in files that list every level, the
//! history grand total, and the expense totals that the data README states for four years.

use budget_model::tree::{check_sums, orphans, SumMismatch};
use budget_model::{Amounts, BudgetCode, Level, Phase};

use crate::error::BuildError;
use crate::readers::YearTree;
use crate::tally::{group_digits, phase_name};

/// Findings of the structural checks of one year, for the report.
#[derive(Debug, Default)]
pub struct YearFindings {
    pub year: u16,
    pub mismatches: Vec<SumMismatch>,
    pub orphans: Vec<BudgetCode>,
    /// The history `00` row against the sum of all sections, phases that differ.
    pub grand_total: Vec<SumMismatch>,
}

impl YearFindings {
    pub fn is_empty(&self) -> bool {
        self.mismatches.is_empty() && self.orphans.is_empty() && self.grand_total.is_empty()
    }
}

/// Checks a year as its main source gave it, before the summary fills anything in. Sums and
/// orphans are checked only where the file lists every level; a tree built from leaves adds up
/// by construction.
pub fn check_year(data: &YearTree) -> YearFindings {
    let mut findings = YearFindings {
        year: data.year,
        ..YearFindings::default()
    };
    if data.lists_every_level {
        findings.mismatches = check_sums(&data.tree);
        findings.orphans = orphans(&data.tree);
    }
    if let Some(stated) = data.grand_total {
        let mut sections = Amounts::default();
        for item in data
            .tree
            .values()
            .filter(|item| item.code.level() == Level::Section)
        {
            sections.add(&item.amounts);
        }
        let root = BudgetCode::parse("00").expect("00 is a valid code");
        for phase in Phase::ALL {
            if let (Some(stated), Some(sum)) = (stated.get(phase), sections.get(phase)) {
                if stated != sum {
                    findings.grand_total.push(SumMismatch {
                        code: root.clone(),
                        phase,
                        stated,
                        children: sum,
                    });
                }
            }
        }
    }
    findings
}

/// Expense totals of the data README in tenths of a billion shekels (original, revised,
/// executed), computed there over every expense-direction row of the file.
pub const README_TOTALS: [(u16, [i64; 3]); 4] = [
    (2012, [3646, 3905, 4149]),
    (2014, [3990, 4245, 4493]),
    (2017, [4574, 4856, 5194]),
    (2024, [6809, 7539, 8447]),
];

/// Compares a year's expense total with the data README, when the README states one.
///
/// The README sums every expense-direction row of the file. So the check adds back what the
/// tree's expense sections leave out. That is the dormant lines (2014 executed is 449.3 bn with
/// them and 449.2 bn without) and the expense rows of section `00`, such as the −23.5 bn
/// transfer to part A in 2014. Returns the line for the report, or `None` for other years.
pub fn check_readme_totals(
    year: u16,
    expenses: &Amounts,
    outside: &Amounts,
) -> Result<Option<String>, BuildError> {
    let Some((_, expected)) = README_TOTALS.iter().find(|(known, _)| *known == year) else {
        return Ok(None);
    };
    let mut total = *expenses;
    total.add(outside);
    let mut lines = Vec::new();
    let mut failed = false;
    for (phase, expected_tenths) in Phase::ALL.into_iter().zip(expected) {
        let got = total.get(phase).map(tenths_of_billion);
        let ok = got == Some(*expected_tenths);
        failed |= !ok;
        lines.push(format!(
            "  {year} {}: expected {} bn ₪, got {} bn ₪ = expense sections {} ₪ + dormant lines and section 00 expense rows {} ₪{}",
            phase_name(phase),
            format_tenths(*expected_tenths),
            got.map_or("no figure".to_string(), format_tenths),
            expenses.get(phase).map_or("none".into(), group_digits),
            outside.get(phase).map_or("0".into(), group_digits),
            if ok { "" } else { "  <-- differs" }
        ));
    }
    if failed {
        return Err(BuildError::SanityTotals {
            year,
            details: lines.join("\n"),
        });
    }
    Ok(Some(lines.join("\n")))
}

/// Shekels rounded to tenths of a billion, half away from zero.
fn tenths_of_billion(shekels: i64) -> i64 {
    let unit = 100_000_000;
    let rounded = (shekels.unsigned_abs() + unit / 2) / unit;
    if shekels < 0 {
        -(rounded as i64)
    } else {
        rounded as i64
    }
}

fn format_tenths(tenths: i64) -> String {
    format!("{}.{}", tenths / 10, (tenths % 10).abs())
}

#[cfg(test)]
mod tests {
    use budget_model::snapshot::Item;

    use super::*;

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    #[test]
    fn tenths_rounding() {
        assert_eq!(tenths_of_billion(449_256_000_000), 4493);
        assert_eq!(tenths_of_billion(449_249_000_000), 4492);
        assert_eq!(tenths_of_billion(-23_450_000_000), -235);
        assert_eq!(format_tenths(4493), "449.3");
    }

    #[test]
    fn readme_totals_pass_and_fail() {
        let expenses = Amounts {
            original: Some(422_643_000_000),
            revised: Some(448_218_000_000),
            executed: Some(449_249_000_000),
        };
        let outside = Amounts {
            original: Some(-23_682_000_000),
            revised: Some(-23_682_000_000),
            executed: Some(7_000_000),
        };
        let line = check_readme_totals(2014, &expenses, &outside).unwrap().unwrap();
        assert!(line.contains("expected 399.0 bn ₪, got 399.0 bn ₪"), "{line}");
        let error = check_readme_totals(2014, &expenses, &Amounts::default()).unwrap_err();
        assert!(
            error.to_string().contains("sanity check failed for 2014"),
            "{error}"
        );
        assert_eq!(check_readme_totals(2013, &expenses, &outside).unwrap(), None);
    }

    #[test]
    fn grand_total_compared() {
        let mut data = YearTree {
            year: 2005,
            lists_every_level: true,
            ..YearTree::default()
        };
        for (text, value) in [("00", 3), ("20", 4)] {
            let amounts = Amounts {
                original: Some(value),
                ..Amounts::default()
            };
            data.tree.insert(
                code(text),
                Item {
                    code: code(text),
                    name: String::new(),
                    amounts,
                },
            );
        }
        data.grand_total = Some(Amounts {
            original: Some(8),
            ..Amounts::default()
        });
        let findings = check_year(&data);
        assert_eq!(findings.grand_total.len(), 1);
        assert_eq!(findings.grand_total[0].children, 7);
    }
}
