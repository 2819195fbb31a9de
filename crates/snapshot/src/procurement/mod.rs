//! The procurement part of the snapshot: contracts, supports, tenders, exemptions and entities,
//! read from `contracts/`, `supports/`, `tenders/`, `exemptions/` and `entities/` below the
//! raw-data folder, and the search index over them and the budget (format in
//! `budget_model::procurement` and `budget_model::search`).

pub mod assemble;
pub mod checks;
pub mod contracts;
pub mod dedupe;
pub mod entities;
pub mod identity;
pub mod notices;
pub mod registry;
pub mod render;
pub mod search_index;
pub mod supports;
pub mod table;
pub mod tally;
pub mod values;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use budget_model::snapshot::{sha256_hex, SourceFile};

use crate::assemble::Years;
use crate::input::Source;
use crate::output::RenderedFile;
use crate::progress::FileProgress;
use crate::report::Report;

use self::assemble::PrivacyCounts;
use self::registry::Registry;
use self::render::PartSizes;

/// Folders of the procurement part, below the raw-data folder.
pub const FOLDERS: [&str; 5] = ["entities", "contracts", "supports", "tenders", "exemptions"];

/// Figures of a procurement build, for the closing lines and the tests.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub duplicate_orders: u64,
    pub merged_items: u64,
    pub privacy: PrivacyCounts,
    pub entities: usize,
    pub search_docs: u32,
    pub sizes: PartSizes,
}

/// The rendered files and the figures of the build.
#[derive(Debug)]
pub struct Built {
    pub files: Vec<RenderedFile>,
    pub summary: Summary,
}

/// Sorted file names in `raw/<folder>`; none when the folder is missing.
fn files_in(raw: &Path, folder: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(raw.join(folder)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

fn line_count(source: &Source) -> u64 {
    source.bytes.iter().filter(|byte| **byte == b'\n').count() as u64
}

fn source_entry(source: &Source, years: Vec<u16>) -> SourceFile {
    SourceFile {
        path: source.relative.clone(),
        bytes: source.bytes.len() as u64,
        sha256: sha256_hex(&source.bytes),
        years,
    }
}

/// Reads, checks and renders the procurement part. Returns `None` when the raw-data folder has
/// none of its folders, so a budget-only build is unchanged.
pub fn build(raw: &Path, years: &Years, report: &mut Report) -> Result<Option<Built>> {
    if FOLDERS.iter().all(|folder| !raw.join(folder).is_dir()) {
        report.warn(
            "no contracts/, supports/, tenders/, exemptions/ or entities/ folder: the snapshot has no procurement part"
                .into(),
        );
        return Ok(None);
    }
    let mut sources = Vec::new();
    let open = |folder: &str, name: &str| Source::read(raw, &format!("{folder}/{name}"));

    let mut registry = Registry::default();
    for name in files_in(raw, "entities") {
        let source = open("entities", &name)?;
        match registry::read(&source, &mut registry)? {
            Some(tally) => report.add_lines(tally.lines()),
            None => {
                report.warn(format!("entities/{name}: not a registry this builder knows; not read"));
                continue;
            }
        }
        sources.push(source_entry(&source, Vec::new()));
    }

    let mut contract_files = Vec::new();
    for name in files_in(raw, "contracts") {
        let source = open("contracts", &name)?;
        let progress = FileProgress::start(&source.relative, line_count(&source));
        let read = contracts::read(&source, &progress);
        progress.finish();
        let read = read?;
        if let Some(line) = checks::check_contract_file(&name, &read.raw_totals).inspect_err(|_| {
            report.add_lines(read.tally.lines());
        })? {
            report.procurement_sanity.push(line);
        }
        if let Some(stated) = read.raw_totals.stated_executed {
            if stated != read.raw_totals.executed {
                report.warn(format!(
                    "{}: the total row states executed {} ₪ but the rows add up to {} ₪",
                    source.relative,
                    crate::tally::group_digits(stated),
                    crate::tally::group_digits(read.raw_totals.executed)
                ));
            }
        }
        let mut file_years: Vec<u16> = read.records.iter().map(|record| record.contract.year).collect();
        file_years.sort_unstable();
        file_years.dedup();
        sources.push(source_entry(&source, file_years));
        contract_files.push(read);
    }

    let mut support_files = Vec::new();
    let mut paid_by_year: BTreeMap<u16, i64> = BTreeMap::new();
    for name in files_in(raw, "supports") {
        if !supports::is_payments_file(&name) {
            report.warn(format!(
                "supports/{name}: not a payments file (support criteria); not read"
            ));
            continue;
        }
        let source = open("supports", &name)?;
        let progress = FileProgress::start(&source.relative, line_count(&source));
        let read = supports::read(&source, &progress);
        progress.finish();
        let read = read?;
        if name.starts_with("tmichot") {
            for (year, paid) in &read.paid_by_year {
                *paid_by_year.entry(*year).or_default() += paid;
            }
        }
        sources.push(source_entry(&source, read.paid_by_year.keys().copied().collect()));
        support_files.push(read);
    }
    report.procurement_sanity.extend(checks::check_supports(&paid_by_year)?);

    let mut tenders = Vec::new();
    for name in files_in(raw, "tenders") {
        let source = open("tenders", &name)?;
        let progress = FileProgress::start(&source.relative, 0);
        let read = notices::read_tenders(&source, &registry.publishers, &progress);
        progress.finish();
        let read = read?;
        report.add_lines(read.tally.lines());
        sources.push(source_entry(&source, Vec::new()));
        tenders.extend(read.tenders);
    }
    let mut exemptions = Vec::new();
    for name in files_in(raw, "exemptions") {
        let source = open("exemptions", &name)?;
        let progress = FileProgress::start(&source.relative, 0);
        let read = notices::read_exemptions(&source, &progress);
        progress.finish();
        let read = read?;
        report.add_lines(read.tally.lines());
        sources.push(source_entry(&source, Vec::new()));
        exemptions.extend(read.records);
    }

    let merged_items = dedupe::merge_items(&mut contract_files);
    let (contracts, duplicate_orders) = dedupe::dedupe(&mut contract_files);
    let mut assembled = assemble::assemble(
        &registry,
        contracts,
        &mut contract_files,
        &mut support_files,
        tenders,
        exemptions,
    );
    assembled.duplicate_orders = duplicate_orders;
    assembled.merged_items = merged_items;
    for file in &contract_files {
        report.add_lines(file.tally.lines());
    }
    for file in &support_files {
        report.add_lines(file.tally.lines());
    }

    let docs = search_index::documents(years, &assembled);
    let search = search_index::build(docs);
    let mut summary = Summary {
        duplicate_orders,
        merged_items,
        privacy: assembled.privacy,
        entities: assembled.entities.len(),
        search_docs: search.doc_count,
        sizes: PartSizes::default(),
    };
    let (files, sizes) = render::render(assembled, search, sources)?;
    summary.sizes = sizes;
    Ok(Some(Built { files, summary }))
}
