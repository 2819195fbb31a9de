//! The `build` subcommand: read every budget file, assemble and check the years, add the
//! procurement part, write the snapshot and the report.

use std::time::Instant;

use anyhow::{Context, Result};
use budget_model::snapshot::{sha256_hex, Manifest, SourceFile, SCHEMA_VERSION};

use crate::assemble::{add_year, fill_from_summary, Years};
use crate::checks::{check_readme_totals, check_year};
use crate::cli::BuildConfig;
use crate::discover::{discover, expected_file, BudgetFile, Layout, EXPECTED_YEARS};
use crate::error::BuildError;
use crate::input::{csv_rows, Source};
use crate::output::{check_out_folder, expense_total, render, write_snapshot, year_entries};
use crate::progress::FileProgress;
use crate::readers::{book, booklet, history, planned, summary, tableau, FileRead};
use crate::report::Report;

/// Runs a whole build.
pub fn run(config: &BuildConfig) -> Result<()> {
    let started = Instant::now();
    check_out_folder(&config.out)?;
    let inventory = discover(&config.raw)?;
    if inventory.files.is_empty() {
        return Err(BuildError::NoBudgetFiles {
            raw: config.raw.display().to_string(),
        }
        .into());
    }
    let mut report = Report::new(config);
    let mut years = Years::new();
    let mut sources = Vec::new();
    let history_2009 = inventory
        .files
        .iter()
        .any(|file| file.layout == Layout::History && file.name_year == Some(2009));

    for file in &inventory.files {
        let source = Source::read(&config.raw, &file.relative)?;
        let mut supplied = Vec::new();
        for read in read_budget_file(&source, file, history_2009)? {
            report.add_tally(read.tally);
            for data in read.years {
                supplied.push(data.year);
                report.findings.push(check_year(&data));
                add_year(&mut years, data, &source.relative)?;
            }
        }
        sources.push(source_entry(&source, supplied));
    }

    match &inventory.summary {
        Some(relative) => {
            let source = Source::read(&config.raw, relative)?;
            let progress = FileProgress::start(relative, 0);
            let (tally, totals) = summary::read(&source, &progress)?;
            progress.finish();
            report.add_tally(tally);
            let mut used = Vec::new();
            for (year, entry) in years.iter_mut() {
                let Some(sections) = totals.get(year) else { continue };
                let notes = fill_from_summary(entry, sections, relative);
                if !notes.is_empty() {
                    used.push(*year);
                    report.summary_notes.extend(notes);
                }
            }
            sources.push(source_entry(&source, used));
        }
        None => report.warn(
            "no budget-summary/obudget-sections-by-year-*.xlsx: years whose main file lacks a phase keep only the phases it has"
                .to_string(),
        ),
    }
    for year in EXPECTED_YEARS.filter(|year| !years.contains_key(year)) {
        report.warn(format!(
            "no raw file for {year} (expected {}); the year is skipped",
            expected_file(year)
        ));
    }

    for (year, entry) in &years {
        let expenses = expense_total(&entry.data.tree);
        match check_readme_totals(*year, &expenses, &entry.data.expense_outside_sections) {
            Ok(Some(line)) => report.sanity.push(line),
            Ok(None) => {}
            Err(error) => {
                report.write().ok();
                return Err(error.into());
            }
        }
    }

    let mut files = render(&years)?;
    let procurement = crate::procurement::build(&config.raw, &years, &mut report).inspect_err(|_| {
        report.write().ok();
    })?;
    if let Some(built) = procurement {
        report.procurement_summary = procurement_lines(&built.summary);
        files.extend(built.files);
    }
    let entries: Vec<_> = files.iter().map(|file| file.entry()).collect();
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        snapshot_id: Manifest::compute_id(&entries),
        built_at: crate::clock::built_at()?,
        unit: "ILS".to_string(),
        sources,
        years: year_entries(&years),
        files: entries,
    };
    write_snapshot(&config.out, &files, &manifest)
        .with_context(|| format!("cannot write the snapshot to {}", config.out.display()))?;
    report.manifest = Some(manifest);
    report.write()?;
    report.print_closing(started.elapsed());
    Ok(())
}

/// Reads one budget file with the reader of its layout. The 2009–2010 file is read for 2010,
/// and for 2009 too when there is no history file for 2009, which has all three phases and
/// every level and so wins.
fn read_budget_file(source: &Source, file: &BudgetFile, history_2009: bool) -> Result<Vec<FileRead>> {
    let name_year = file.name_year.unwrap_or_default();
    let rows = match file.layout {
        // A workbook is compressed; its row count is known only once it is loaded.
        Layout::Tableau => 0,
        _ => source.bytes.iter().filter(|byte| **byte == b'\n').count() as u64,
    };
    let mut reads = Vec::new();
    let mut read_one =
        |reader: &dyn Fn(&FileProgress) -> Result<FileRead, crate::error::ReadError>| -> Result<()> {
            let progress = FileProgress::start(&source.relative, rows);
            let read = reader(&progress);
            progress.finish();
            reads.push(read?);
            Ok(())
        };
    match file.layout {
        Layout::History => read_one(&|progress| history::read(source, name_year, progress))?,
        Layout::Planned => {
            read_one(&|progress| planned::read(source, 2010, progress))?;
            if !history_2009 {
                read_one(&|progress| planned::read(source, 2009, progress))?;
            }
        }
        Layout::Booklet => read_one(&|progress| booklet::read(source, name_year, progress))?,
        Layout::NewCsv => {
            let header = csv_rows(source).next().transpose()?;
            if header.as_ref().is_some_and(tableau::is_tableau_header) {
                read_one(&|progress| tableau::read_csv(source, name_year, progress))?;
            } else {
                read_one(&|progress| book::read(source, name_year, progress))?;
            }
        }
        Layout::Tableau => read_one(&|progress| tableau::read_xlsx(source, progress))?,
    }
    Ok(reads)
}

fn source_entry(source: &Source, years: Vec<u16>) -> SourceFile {
    SourceFile {
        path: source.relative.clone(),
        bytes: source.bytes.len() as u64,
        sha256: sha256_hex(&source.bytes),
        years,
    }
}

/// Closing lines about the procurement part: deduplication, privacy and sizes per part.
fn procurement_lines(summary: &crate::procurement::Summary) -> Vec<String> {
    use crate::tally::group_digits;
    let privacy = &summary.privacy;
    let mut lines = vec![
        format!(
            "procurement: {} item rows merged into their orders, {} orders dropped for a later report of the same order, budget line and publisher",
            group_digits(summary.merged_items as i64),
            group_digits(summary.duplicate_orders as i64)
        ),
        format!(
            "privacy: {} contracts ({} ₪ executed) and {} support rows ({} ₪ paid) summed into {} private-individuals rows; {} exemption suppliers left out",
            group_digits(privacy.contracts as i64),
            group_digits(privacy.contract_executed),
            group_digits(privacy.supports as i64),
            group_digits(privacy.support_paid),
            group_digits(privacy.private_rows as i64),
            group_digits(privacy.exemption_suppliers as i64)
        ),
        format!("entities: {}, search documents: {}", group_digits(summary.entities as i64), group_digits(i64::from(summary.search_docs))),
    ];
    for (part, (count, bytes)) in &summary.sizes.parts {
        lines.push(format!("  {part}: {} files, {} bytes", group_digits(*count as i64), group_digits(*bytes as i64)));
    }
    lines
}
