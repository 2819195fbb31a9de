//! Putting the years together: one main source per year, the section-summary workbook for the
//! phases a main source lacks, and the coverage the manifest states.

use std::collections::BTreeMap;

use budget_model::snapshot::{Item, PhaseCoverage};
use budget_model::tree::Tree;
use budget_model::{BudgetCode, Level, Phase};

use crate::error::BuildError;
use crate::readers::summary::SectionTotal;
use crate::readers::YearTree;

/// One year of the snapshot.
#[derive(Debug)]
pub struct Year {
    pub data: YearTree,
    /// Raw files of the year, the main one first.
    pub sources: Vec<String>,
}

/// Years by number.
pub type Years = BTreeMap<u16, Year>;

/// Adds a year read from `source`; a year supplied by two files is an error.
pub fn add_year(years: &mut Years, data: YearTree, source: &str) -> Result<(), BuildError> {
    if let Some(existing) = years.get(&data.year) {
        return Err(BuildError::YearTwice {
            year: data.year,
            first: existing.sources[0].clone(),
            second: source.to_string(),
        });
    }
    years.insert(
        data.year,
        Year {
            data,
            sources: vec![source.to_string()],
        },
    );
    Ok(())
}

/// Phases for which no item of `tree` has a figure.
pub fn missing_phases(tree: &Tree) -> Vec<Phase> {
    Phase::ALL
        .into_iter()
        .filter(|phase| !tree.values().any(|item| item.amounts.get(*phase).is_some()))
        .collect()
}

/// Fills the section level of the phases the main source lacks from the summary's section
/// totals, and adds sections the main source lacks altogether. Returns a line per change, for
/// the report; adds `summary_path` to the year's sources when anything was filled.
///
/// Does nothing for a year whose main source has every phase.
pub fn fill_from_summary(
    year: &mut Year,
    totals: &BTreeMap<BudgetCode, SectionTotal>,
    summary_path: &str,
) -> Vec<String> {
    let missing = missing_phases(&year.data.tree);
    if missing.is_empty() {
        return Vec::new();
    }
    let mut notes = Vec::new();
    let mut filled_sections = 0;
    for (section, total) in totals {
        match year.data.tree.get_mut(section) {
            Some(item) => {
                let mut filled = false;
                for phase in &missing {
                    if let Some(value) = total.amounts.get(*phase) {
                        item.amounts.set(*phase, Some(value));
                        filled = true;
                    }
                }
                filled_sections += usize::from(filled);
            }
            None if !total.amounts.phases().is_empty() => {
                notes.push(format!(
                    "{}: section {section} ({}) is missing from {}; all its figures come from the summary",
                    year.data.year, total.name, year.sources[0]
                ));
                let item = Item {
                    code: section.clone(),
                    name: total.name.clone(),
                    amounts: total.amounts,
                };
                year.data.tree.insert(section.clone(), item);
                filled_sections += 1;
            }
            None => {}
        }
    }
    if filled_sections > 0 {
        let phases: Vec<&str> = missing
            .iter()
            .map(|phase| crate::tally::phase_name(*phase))
            .collect();
        notes.insert(
            0,
            format!(
                "{}: {} of section level filled from {summary_path} for {filled_sections} sections \
                 (Budget Key net totals, expense and income rows together)",
                year.data.year,
                phases.join(" and ")
            ),
        );
        year.sources.push(summary_path.to_string());
    }
    notes
}

/// Per phase, the levels that carry figures of it, top level first.
pub fn coverage(tree: &Tree) -> Vec<PhaseCoverage> {
    Phase::ALL
        .into_iter()
        .filter_map(|phase| {
            let levels: Vec<Level> = Level::ALL
                .into_iter()
                .filter(|level| {
                    tree.values()
                        .any(|item| item.code.level() == *level && item.amounts.get(phase).is_some())
                })
                .collect();
            (!levels.is_empty()).then_some(PhaseCoverage { phase, levels })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use budget_model::Amounts;

    use super::*;

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    fn year_with(items: &[(&str, Amounts)]) -> Year {
        let mut tree = Tree::new();
        for (text, amounts) in items {
            tree.insert(
                code(text),
                Item {
                    code: code(text),
                    name: format!("n{text}"),
                    amounts: *amounts,
                },
            );
        }
        Year {
            data: YearTree {
                year: 2010,
                tree,
                ..YearTree::default()
            },
            sources: vec!["budget/main.csv".into()],
        }
    }

    fn original(value: i64) -> Amounts {
        Amounts {
            original: Some(value),
            ..Amounts::default()
        }
    }

    fn totals() -> BTreeMap<BudgetCode, SectionTotal> {
        let all = Amounts {
            original: Some(9),
            revised: Some(10),
            executed: Some(11),
        };
        BTreeMap::from([
            (
                code("20"),
                SectionTotal {
                    name: "education".into(),
                    amounts: all,
                },
            ),
            (
                code("15"),
                SectionTotal {
                    name: "defence".into(),
                    amounts: all,
                },
            ),
        ])
    }

    #[test]
    fn fill_missing_phases_only() {
        let mut year = year_with(&[("20", original(5)), ("2001", original(5))]);
        let notes = fill_from_summary(&mut year, &totals(), "budget-summary/s.xlsx");
        let education = &year.data.tree[&code("20")].amounts;
        assert_eq!(
            *education,
            Amounts {
                original: Some(5),
                revised: Some(10),
                executed: Some(11)
            }
        );
        assert_eq!(year.data.tree[&code("15")].amounts.original, Some(9));
        assert_eq!(year.data.tree[&code("2001")].amounts.revised, None);
        assert_eq!(year.sources, ["budget/main.csv", "budget-summary/s.xlsx"]);
        assert_eq!(notes.len(), 2);
    }

    #[test]
    fn fill_skipped_when_complete() {
        let all = Amounts {
            original: Some(1),
            revised: Some(1),
            executed: Some(1),
        };
        let mut year = year_with(&[("20", all)]);
        assert!(fill_from_summary(&mut year, &totals(), "s").is_empty());
        assert_eq!(year.sources.len(), 1);
    }

    #[test]
    fn coverage_per_phase() {
        let mut year = year_with(&[("20", original(5)), ("2001", original(5))]);
        year.data.tree.get_mut(&code("20")).unwrap().amounts.executed = Some(4);
        let coverage = coverage(&year.data.tree);
        assert_eq!(coverage.len(), 2);
        assert_eq!(coverage[0].levels, [Level::Section, Level::Domain]);
        assert_eq!(
            coverage[1],
            PhaseCoverage {
                phase: Phase::Executed,
                levels: vec![Level::Section]
            }
        );
    }
}
