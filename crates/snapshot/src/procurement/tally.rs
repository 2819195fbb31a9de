//! Per-file accounting of the procurement and supports files: rows read, kept and skipped, each
//! reason with its count and money, so that no row leaves the snapshot unexplained.

use std::collections::BTreeMap;

use crate::tally::{group_digits, summary_lines, Counts};

/// Skip reasons and notes, kept as constants so the summary and the tests agree.
pub mod reason {
    pub const BLANK_ROW: &str = "blank row";
    pub const TOTAL_ROW: &str = "total row (סה\"כ), the sum of the rows above";
    pub const TRUNCATED_SAMPLE_ROW: &str = "last row of a sample file, cut off mid-record when the sample was taken";
    pub const DUPLICATE_ORDER: &str =
        "order listed again for the same budget line and publisher in a later report, which wins";
    pub const ORDER_ITEM: &str =
        "further item row of an order on the same budget line; its amounts are added to the order's first row";
    pub const PRIVATE: &str = "private individual, summed into the line's private-individuals row";
    pub const UNNAMED_SUPPLIER: &str = "supplier not named in the report; counted as a private individual";
    pub const TAB_JOINED_CELLS: &str = "cells joined by tabs into one cell, split back into their columns";
    pub const NO_LINE: &str = "no budget line in this layout; in publisher and entity files only";
    pub const FOREIGN_CURRENCY: &str = "order in another currency with no ₪ value; volume left out of ₪ totals";
    pub const NOT_A_LINE: &str = "budget code is not an 8-digit budget line; kept without a line";
    pub const PRIVATE_SUPPLIER: &str = "supplier is a private individual; name and id left out";
    pub const PERSON_ID: &str =
        "personal id number and no kind (a sole trader); the name only marks the person as private";
    pub const UNKNOWN_ID: &str =
        "id is neither a registration number starting with 5 nor a valid personal id number; row not used";
    pub const PUBLISHER_WITHOUT_MINISTRY: &str = "publisher without a ministry name";
    pub const NAMELESS_ENTITY: &str = "registry entry without a name; nothing to match a report's name to";
    pub const DUPLICATE_PUBLICATION: &str = "publication listed again; the first row is kept";
    pub const REPEATED_UNDER_OTHER_MINISTRY: &str =
        "row repeated in the same file under another name of the same ministry; counted once";
}

/// Rows that share a reason, with their money.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub rows: u64,
    /// Order value or allocated amount, ₪.
    pub committed: i64,
    /// Executed or paid amount, ₪.
    pub paid: i64,
}

/// Accounting of one raw file.
#[derive(Debug, Clone)]
pub struct RecordTally {
    /// Path relative to the raw-data folder.
    pub path: String,
    /// Names of the two money figures in this file: ("volume", "executed") for contracts,
    /// ("allocated", "paid") for supports.
    labels: (&'static str, &'static str),
    pub rows_read: u64,
    pub rows_kept: u64,
    pub skipped: BTreeMap<&'static str, Count>,
    pub notes: BTreeMap<&'static str, Count>,
}

impl RecordTally {
    pub fn new(path: &str, labels: (&'static str, &'static str)) -> RecordTally {
        RecordTally {
            path: path.to_string(),
            labels,
            rows_read: 0,
            rows_kept: 0,
            skipped: BTreeMap::new(),
            notes: BTreeMap::new(),
        }
    }

    pub fn read(&mut self) {
        self.rows_read += 1;
    }

    pub fn keep(&mut self) {
        self.rows_kept += 1;
    }

    /// Counts a skipped row and its money.
    pub fn skip(&mut self, reason: &'static str, committed: i64, paid: i64) {
        add(self.skipped.entry(reason).or_default(), committed, paid);
    }

    /// Moves a kept row to the skipped rows, for the rows deduplication removes later.
    pub fn unkeep(&mut self, reason: &'static str, committed: i64, paid: i64) {
        self.rows_kept -= 1;
        self.skip(reason, committed, paid);
    }

    /// Counts a kept row under a note.
    pub fn note(&mut self, note: &'static str, committed: i64, paid: i64) {
        add(self.notes.entry(note).or_default(), committed, paid);
    }

    pub fn rows_skipped(&self) -> u64 {
        self.skipped.values().map(|count| count.rows).sum()
    }

    /// Formats the summary lines for stderr and the report.
    pub fn lines(&self) -> Vec<String> {
        let counts = Counts { read: self.rows_read, kept: self.rows_kept, skipped: self.rows_skipped() };
        let skipped = self.skipped.iter().map(|(reason, count)| (*reason, count.rows, self.money(count)));
        let notes = self.notes.iter().map(|(note, count)| (*note, count.rows, self.money(count)));
        summary_lines(&self.path, counts, skipped, notes)
    }

    fn money(&self, count: &Count) -> String {
        if count.committed == 0 && count.paid == 0 {
            return String::new();
        }
        format!(
            "; {} {} ₪, {} {} ₪",
            self.labels.0,
            group_digits(count.committed),
            self.labels.1,
            group_digits(count.paid)
        )
    }
}

fn add(count: &mut Count, committed: i64, paid: i64) {
    count.rows += 1;
    count.committed += committed;
    count.paid += paid;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_list_reasons_with_money() {
        let mut tally = RecordTally::new("contracts/a.csv", ("volume", "executed"));
        for _ in 0..3 {
            tally.read();
        }
        tally.keep();
        tally.keep();
        tally.skip(reason::BLANK_ROW, 0, 0);
        tally.unkeep(reason::DUPLICATE_ORDER, 1_000, 500);
        let lines = tally.lines();
        assert_eq!(lines[0], "contracts/a.csv: 3 rows read, 1 kept, 2 skipped");
        assert!(lines.contains(&"  skipped 1: blank row".to_string()), "{lines:?}");
        assert!(
            lines
                .iter()
                .any(|line| line.ends_with("volume 1,000 ₪, executed 500 ₪")),
            "{lines:?}"
        );
    }
}
