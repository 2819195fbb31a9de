//! Per-file accounting: rows read, kept and skipped, with each reason's count and money, so that
//! nothing leaves the snapshot without a line in the summary.

use std::collections::BTreeMap;

use budget_model::{Amounts, Phase};

/// Skip reasons, kept as constants so the summary and the tests agree.
pub mod reason {
    pub const BLANK_ROW: &str = "blank row";
    pub const DORMANT_LINE: &str = "dormant line (פש\"ח), not in the tree";
    pub const INCOME_OUTSIDE_REVENUE: &str = "income row outside the revenue section";
    pub const REVENUE_SECTION_EXPENSE: &str =
        "expense row of the revenue section, counted in the expense total as an adjustment";
    pub const NOT_THIS_YEAR: &str = "no figure for the year read (a line of the other year)";
    pub const LETTER_CODE: &str = "revenue code with a letter (0000A…), outside the code scheme";
}

/// Rows that share one skip reason or one note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Count {
    pub rows: u64,
    /// Money on those rows, per phase, in shekels.
    pub amounts: Amounts,
}

/// Accounting of one raw file.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Path relative to the raw-data folder.
    pub path: String,
    pub rows_read: u64,
    pub rows_kept: u64,
    pub skipped: BTreeMap<String, Count>,
    /// Kept rows that were handled in a special way, such as amounts without a line code.
    pub notes: BTreeMap<String, Count>,
}

impl Tally {
    pub fn new(path: &str) -> Tally {
        Tally {
            path: path.to_string(),
            ..Tally::default()
        }
    }

    pub fn read(&mut self) {
        self.rows_read += 1;
    }

    pub fn keep(&mut self) {
        self.rows_kept += 1;
    }

    /// Counts a skipped row and its money.
    pub fn skip(&mut self, reason: &str, amounts: &Amounts) {
        let count = self.skipped.entry(reason.to_string()).or_default();
        count.rows += 1;
        count.amounts.add(amounts);
    }

    /// Counts a kept row under a note.
    pub fn note(&mut self, note: &str, amounts: &Amounts) {
        let count = self.notes.entry(note.to_string()).or_default();
        count.rows += 1;
        count.amounts.add(amounts);
    }

    pub fn rows_skipped(&self) -> u64 {
        self.skipped.values().map(|count| count.rows).sum()
    }

    /// Formats the summary lines for stderr and the report.
    pub fn lines(&self) -> Vec<String> {
        let counts = Counts { read: self.rows_read, kept: self.rows_kept, skipped: self.rows_skipped() };
        let skipped = self.skipped.iter().map(|(reason, count)| (reason.as_str(), count.rows, money(&count.amounts)));
        let notes = self.notes.iter().map(|(note, count)| (note.as_str(), count.rows, money(&count.amounts)));
        summary_lines(&self.path, counts, skipped, notes)
    }
}

/// Row counts of one file.
pub struct Counts {
    pub read: u64,
    pub kept: u64,
    pub skipped: u64,
}

/// Summary lines of one file: its counts, then a line per skip reason and per note, each given
/// as (text, rows, money text).
pub fn summary_lines<'a>(
    path: &str,
    counts: Counts,
    skipped: impl Iterator<Item = (&'a str, u64, String)>,
    notes: impl Iterator<Item = (&'a str, u64, String)>,
) -> Vec<String> {
    let rows = |count: u64| group_digits(count as i64);
    let mut lines = vec![format!(
        "{path}: {} rows read, {} kept, {} skipped",
        rows(counts.read),
        rows(counts.kept),
        rows(counts.skipped)
    )];
    lines.extend(skipped.map(|(reason, count, money)| format!("  skipped {}: {reason}{money}", rows(count))));
    lines.extend(notes.map(|(note, count, money)| format!("  kept {}: {note}{money}", rows(count))));
    lines
}

/// `"; original 1,000 ₪, executed 5 ₪"` for the phases that carry money, else nothing.
pub fn money(amounts: &Amounts) -> String {
    let parts: Vec<String> = Phase::ALL
        .into_iter()
        .filter_map(|phase| {
            amounts
                .get(phase)
                .map(|value| format!("{} {} ₪", phase_name(phase), group_digits(value)))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", parts.join(", "))
    }
}

pub fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Original => "original",
        Phase::Revised => "revised",
        Phase::Executed => "executed",
    }
}

/// Formats an integer with `,` between groups of three digits.
pub fn group_digits(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if value < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_digits_signs() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(1234567), "1,234,567");
        assert_eq!(group_digits(-123456), "-123,456");
    }

    #[test]
    fn tally_lines_list_reasons() {
        let mut tally = Tally::new("budget/new2014.csv");
        for _ in 0..3 {
            tally.read();
        }
        tally.keep();
        tally.skip(
            reason::DORMANT_LINE,
            &Amounts {
                executed: Some(7_000),
                ..Amounts::default()
            },
        );
        tally.skip(reason::BLANK_ROW, &Amounts::default());
        let lines = tally.lines();
        assert_eq!(lines[0], "budget/new2014.csv: 3 rows read, 1 kept, 2 skipped");
        assert!(lines.contains(&"  skipped 1: blank row".to_string()));
        assert!(lines.iter().any(|line| line.ends_with("executed 7,000 ₪")));
    }
}
