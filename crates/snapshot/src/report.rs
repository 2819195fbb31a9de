//! The build report: per-file summaries and warnings go to stderr as they happen, and everything
//! (with each parent/children difference) goes to the report file at the end.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use budget_model::snapshot::Manifest;
use budget_model::tree::SumMismatch;

use crate::checks::YearFindings;
use crate::cli::BuildConfig;
use crate::tally::{group_digits, phase_name, Tally};

/// Largest parent/children difference counted as rounding: 5 k₪, since a parent of many
/// children rounded to k₪ each can drift by a few k₪.
const ROUNDING_SHEKELS: i64 = 5_000;

/// Findings of a build, gathered for the report file.
#[derive(Debug)]
pub struct Report {
    raw: PathBuf,
    out: PathBuf,
    path: PathBuf,
    tallies: Vec<Tally>,
    warnings: Vec<String>,
    pub findings: Vec<YearFindings>,
    /// Changes made from the section-summary workbook.
    pub summary_notes: Vec<String>,
    /// Lines of the data-README total checks.
    pub sanity: Vec<String>,
    /// Per-file summaries of the procurement and supports files.
    record_lines: Vec<String>,
    /// Lines of the procurement and supports total checks.
    pub procurement_sanity: Vec<String>,
    /// Figures of the procurement part: deduplication, privacy, sizes.
    pub procurement_summary: Vec<String>,
    pub manifest: Option<Manifest>,
}

impl Report {
    pub fn new(config: &BuildConfig) -> Report {
        Report {
            raw: config.raw.clone(),
            out: config.out.clone(),
            path: config.report.clone(),
            tallies: Vec::new(),
            warnings: Vec::new(),
            findings: Vec::new(),
            summary_notes: Vec::new(),
            sanity: Vec::new(),
            record_lines: Vec::new(),
            procurement_sanity: Vec::new(),
            procurement_summary: Vec::new(),
            manifest: None,
        }
    }

    /// Prints a file's summary on stderr and keeps it for the report.
    pub fn add_tally(&mut self, tally: Tally) {
        for line in tally.lines() {
            eprintln!("{line}");
        }
        self.tallies.push(tally);
    }

    /// Prints a procurement file's summary lines on stderr and keeps them for the report.
    pub fn add_lines(&mut self, lines: Vec<String>) {
        for line in &lines {
            eprintln!("{line}");
        }
        self.record_lines.extend(lines);
    }

    /// Prints a warning on stderr and keeps it for the report.
    pub fn warn(&mut self, message: String) {
        eprintln!("warning: {message}");
        self.warnings.push(message);
    }

    fn difference_count(&self) -> usize {
        self.findings
            .iter()
            .map(|findings| findings.mismatches.len())
            .sum()
    }

    /// Differences small enough to come from rounding each level to k₪ at the source.
    fn rounding_count(&self) -> usize {
        self.findings
            .iter()
            .flat_map(|findings| &findings.mismatches)
            .filter(|mismatch| (mismatch.stated - mismatch.children).abs() <= ROUNDING_SHEKELS)
            .count()
    }

    /// Writes the report file.
    pub fn write(&self) -> Result<()> {
        if let Some(parent) = self.path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&self.path, self.text())
            .with_context(|| format!("cannot write the report {}", self.path.display()))
    }

    /// Renders the report as text.
    pub fn text(&self) -> String {
        let mut text = String::new();
        let _ = writeln!(text, "budget-snapshot build report");
        let _ = writeln!(text, "raw data: {}", self.raw.display());
        let _ = writeln!(text, "snapshot: {}", self.out.display());
        if let Some(manifest) = &self.manifest {
            let _ = writeln!(
                text,
                "snapshot id {} built at {}",
                manifest.snapshot_id, manifest.built_at
            );
        }

        let file_lines: Vec<String> = self.tallies.iter().flat_map(Tally::lines).collect();
        write_section(&mut text, "Files read", &file_lines);
        write_section(&mut text, "Warnings", &self.warnings);
        write_section(
            &mut text,
            "Section level filled from the summary workbook",
            &self.summary_notes,
        );
        let sanity_title = "Expense totals against the data README (all expense-direction rows, bn ₪ to 0.1)";
        write_section(&mut text, sanity_title, &self.sanity);
        let differences_title = "Parent differs from the sum of its children (files that list every level)";
        write_section(&mut text, differences_title, &self.difference_lines());
        write_section(
            &mut text,
            "Codes listed without their parent",
            &self.orphan_lines(),
        );
        let grand_total_title = "History grand total 00 against the sum of all sections";
        write_section(&mut text, grand_total_title, &self.grand_total_lines());
        if !self.record_lines.is_empty() {
            write_section(&mut text, "Procurement and supports files read", &self.record_lines);
            write_section(&mut text, "Procurement and supports totals against the data README", &self.procurement_sanity);
            write_section(&mut text, "Procurement part", &self.procurement_summary);
        }
        text
    }

    /// Lists each year's parent/children differences, largest first.
    fn difference_lines(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "{} differences, {} of them at most {} ₪ (the source rounds each level to k₪ on its own); \
             amounts in ₪, difference = stated - children",
            self.difference_count(),
            self.rounding_count(),
            group_digits(ROUNDING_SHEKELS)
        )];
        for findings in self
            .findings
            .iter()
            .filter(|findings| !findings.mismatches.is_empty())
        {
            lines.push(format!(
                "{}: {} differences",
                findings.year,
                findings.mismatches.len()
            ));
            let mut mismatches: Vec<&SumMismatch> = findings.mismatches.iter().collect();
            mismatches.sort_by_key(|mismatch| {
                let size = (mismatch.stated - mismatch.children).abs();
                (std::cmp::Reverse(size), mismatch.code.clone())
            });
            lines.extend(
                mismatches
                    .into_iter()
                    .map(|mismatch| format!("  {}", mismatch_line(mismatch))),
            );
        }
        lines
    }

    fn orphan_lines(&self) -> Vec<String> {
        self.findings
            .iter()
            .filter(|findings| !findings.orphans.is_empty())
            .map(|findings| {
                let codes: Vec<&str> = findings.orphans.iter().map(|code| code.as_str()).collect();
                format!("{}: {}", findings.year, codes.join(" "))
            })
            .collect()
    }

    fn grand_total_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for findings in &self.findings {
            for mismatch in &findings.grand_total {
                lines.push(format!("{}: {}", findings.year, mismatch_line(mismatch)));
            }
        }
        lines
    }

    /// Prints the closing lines on stderr.
    pub fn print_closing(&self, elapsed: Duration) {
        let years_with_differences = self
            .findings
            .iter()
            .filter(|findings| !findings.mismatches.is_empty())
            .count();
        eprintln!(
            "{} parent/children differences in {years_with_differences} years ({} of at most {} ₪, rounding); details in {}",
            group_digits(self.difference_count() as i64),
            group_digits(self.rounding_count() as i64),
            group_digits(ROUNDING_SHEKELS),
            self.path.display()
        );
        for line in self.sanity.iter().flat_map(|lines| lines.lines()) {
            eprintln!("{}", line.trim_start());
        }
        for line in self.procurement_sanity.iter().chain(&self.procurement_summary) {
            eprintln!("{line}");
        }
        if let Some(manifest) = &self.manifest {
            let bytes: u64 = manifest.files.iter().map(|file| file.bytes).sum();
            eprintln!(
                "wrote {} years, {} files, {} bytes to {} (snapshot {}) in {:.1} s",
                manifest.years.len(),
                manifest.files.len() + 1,
                group_digits(bytes as i64),
                self.out.display(),
                manifest.snapshot_id,
                elapsed.as_secs_f64()
            );
        }
    }
}

/// Appends a titled section, or "none" under the title when `lines` is empty.
fn write_section(text: &mut String, title: &str, lines: &[String]) {
    let _ = writeln!(text, "\n== {title}");
    if lines.is_empty() {
        let _ = writeln!(text, "none");
    }
    for line in lines {
        let _ = writeln!(text, "{line}");
    }
}

fn mismatch_line(mismatch: &SumMismatch) -> String {
    format!(
        "{} {}: stated {}, children {}, difference {}",
        mismatch.code,
        phase_name(mismatch.phase),
        group_digits(mismatch.stated),
        group_digits(mismatch.children),
        group_digits(mismatch.stated - mismatch.children)
    )
}
