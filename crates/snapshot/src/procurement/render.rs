//! The procurement files rendered as compact JSON, each file's hash listed by the file above it:
//! shards, then their year or bucket indexes, then `procurement/index.json`.

use std::collections::BTreeMap;

use anyhow::Result;
use budget_model::procurement::{
    entity_bucket, exemptions_path, publisher_path, spending_domain, spending_path, spending_year_path, tenders_path,
    ContractTotals, DomainSpending, EntityIndex, EntityShard, ExemptionList, LineSpending, ListEntry, ProcurementIndex,
    PublisherEntry, SpendingShard, SpendingYear, SpendingYearEntry, SupportTotals, TenderList, ENTITY_INDEX_FILE,
    PROCUREMENT_INDEX_FILE, PROCUREMENT_SCHEMA_VERSION,
};
use budget_model::search::{doc_bucket_path, shard_path, SearchIndex, ShardRef, DOC_BUCKET_SIZE, SEARCH_INDEX_FILE};
use budget_model::snapshot::SourceFile;
use budget_model::BudgetCode;

use crate::output::RenderedFile;

use super::assemble::Assembled;
use super::search_index::SearchFiles;

/// Bytes per part of the procurement snapshot, for the closing lines.
#[derive(Debug, Default, Clone)]
pub struct PartSizes {
    pub parts: BTreeMap<&'static str, (u64, u64)>,
}

impl PartSizes {
    fn add(&mut self, part: &'static str, file: &RenderedFile) {
        let entry = self.parts.entry(part).or_default();
        entry.0 += 1;
        entry.1 += file.bytes.len() as u64;
    }
}

fn shard_ref(file: &RenderedFile) -> ShardRef {
    let entry = file.entry();
    ShardRef {
        bytes: entry.bytes,
        sha256: entry.sha256,
    }
}

/// Renders every procurement file; the procurement index comes last.
pub fn render(
    assembled: Assembled,
    search: SearchFiles,
    sources: Vec<SourceFile>,
) -> Result<(Vec<RenderedFile>, PartSizes)> {
    let mut files = Vec::new();
    let mut sizes = PartSizes::default();
    let mut push = |part: &'static str, file: RenderedFile, files: &mut Vec<RenderedFile>| {
        sizes.add(part, &file);
        let entry = file.entry();
        files.push(file);
        entry
    };

    let mut spending = Vec::new();
    for (year, sections) in assembled.spending {
        let mut year_file = SpendingYear {
            year,
            domains: Vec::new(),
            contracts_without_line: assembled.contracts_without_line.get(&year).copied().unwrap_or_default(),
        };
        let mut year_contracts = year_file.contracts_without_line;
        let mut year_supports = SupportTotals::default();
        let mut domains: BTreeMap<BudgetCode, Vec<LineSpending>> = BTreeMap::new();
        for line in sections.into_values().flat_map(BTreeMap::into_values) {
            let domain = spending_domain(&line.code).expect("spending is kept per budget line");
            domains.entry(domain).or_default().push(line);
        }
        for (domain, lines) in domains {
            let shard = SpendingShard {
                year,
                domain: domain.clone(),
                lines,
            };
            let mut contracts = ContractTotals::default();
            let mut supports = SupportTotals::default();
            for line in &shard.lines {
                contracts.merge(&line.contract_totals);
                supports.merge(&line.support_totals);
            }
            year_contracts.merge(&contracts);
            year_supports.merge(&supports);
            let file = push(
                "spending",
                RenderedFile::json(spending_path(year, &domain), &shard)?,
                &mut files,
            );
            year_file.domains.push(DomainSpending {
                domain,
                contracts,
                supports,
                file,
            });
        }
        let file = push(
            "spending",
            RenderedFile::json(spending_year_path(year), &year_file)?,
            &mut files,
        );
        spending.push(SpendingYearEntry {
            year,
            contracts: year_contracts,
            supports: year_supports,
            file,
        });
    }
    for (year, totals) in &assembled.contracts_without_line {
        if !spending.iter().any(|entry| entry.year == *year) {
            let year_file = SpendingYear {
                year: *year,
                domains: Vec::new(),
                contracts_without_line: *totals,
            };
            let file = push(
                "spending",
                RenderedFile::json(spending_year_path(*year), &year_file)?,
                &mut files,
            );
            spending.push(SpendingYearEntry {
                year: *year,
                contracts: *totals,
                supports: SupportTotals::default(),
                file,
            });
        }
    }
    spending.sort_by_key(|entry| entry.year);

    let mut publishers = Vec::new();
    for summary in &assembled.publishers {
        let mut totals = ContractTotals::default();
        for year in &summary.years {
            totals.merge(&year.totals);
        }
        let file = push(
            "publishers",
            RenderedFile::json(publisher_path(&summary.id), summary)?,
            &mut files,
        );
        publishers.push(PublisherEntry {
            id: summary.id.clone(),
            name: summary.name.clone(),
            totals,
            years: summary.years.iter().map(|year| year.year).collect(),
            file,
        });
    }

    let mut tenders = Vec::new();
    for (year, list) in assembled.tenders {
        let count = list.len() as u32;
        let file = push(
            "tenders",
            RenderedFile::json(tenders_path(year), &TenderList { year, tenders: list })?,
            &mut files,
        );
        tenders.push(ListEntry {
            year: Some(year),
            count,
            file,
        });
    }
    let mut exemptions = Vec::new();
    for (year, list) in assembled.exemptions {
        let count = list.len() as u32;
        let file = push(
            "exemptions",
            RenderedFile::json(exemptions_path(year), &ExemptionList { year, exemptions: list })?,
            &mut files,
        );
        exemptions.push(ListEntry { year, count, file });
    }

    let entity_count = assembled.entities.len() as u32;
    let mut buckets: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for (id, entity) in assembled.entities {
        buckets.entry(entity_bucket(&id)).or_default().push(entity);
    }
    let mut bucket_entries = Vec::new();
    for (bucket, entities) in buckets {
        let path = format!("procurement/entities/{bucket}.json");
        let file = push(
            "entities",
            RenderedFile::json(path, &EntityShard { bucket, entities })?,
            &mut files,
        );
        bucket_entries.push(file);
    }
    let entity_index = EntityIndex {
        entities: entity_count,
        buckets: bucket_entries,
    };
    let entities = push(
        "entities",
        RenderedFile::json(ENTITY_INDEX_FILE.to_string(), &entity_index)?,
        &mut files,
    );

    let mut search_index = SearchIndex {
        doc_count: search.doc_count,
        doc_bucket_size: DOC_BUCKET_SIZE,
        shards: BTreeMap::new(),
        doc_buckets: Vec::new(),
        kinds: search.kinds.clone(),
    };
    for shard in &search.token_shards {
        let file = RenderedFile::json(shard_path(&shard.key), shard)?;
        search_index.shards.insert(shard.key.clone(), shard_ref(&file));
        push("search", file, &mut files);
    }
    for shard in &search.doc_shards {
        let file = RenderedFile::json(doc_bucket_path(shard.bucket), shard)?;
        search_index.doc_buckets.push(shard_ref(&file));
        push("search", file, &mut files);
    }
    let search_entry = push(
        "search",
        RenderedFile::json(SEARCH_INDEX_FILE.to_string(), &search_index)?,
        &mut files,
    );

    let index = ProcurementIndex {
        schema_version: PROCUREMENT_SCHEMA_VERSION,
        unit: "ILS".to_string(),
        sources,
        spending,
        publishers,
        tenders,
        exemptions,
        entities,
        search: search_entry,
    };
    push(
        "index",
        RenderedFile::json(PROCUREMENT_INDEX_FILE.to_string(), &index)?,
        &mut files,
    );
    Ok((files, sizes))
}
