//! Loaders of the search index and of the tenders and exemptions lists.
//!
//! The chain of checked files: `index.json` lists `procurement/index.json`, which lists the
//! list files and `search/index.json`, which gives the size and sha256 of every token shard
//! and documents bucket.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use budget_model::lists::ListYear;
use budget_model::procurement::{
    exemptions_path, tenders_path, ExemptionList, ListEntry, ProcurementIndex, TenderList, PROCUREMENT_INDEX_FILE,
};
use budget_model::search::{
    candidates, doc_bucket, doc_bucket_path, matching_docs, query_shard_keys, rank, shard_path, DocKind, DocShard,
    ResultGroup, SearchIndex, ShardRef, TokenShard,
};
use budget_model::snapshot::FileEntry;

use super::{DataStore, LoadError};

/// Results of one search query.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// The shown documents, grouped by kind and ranked.
    pub groups: Vec<ResultGroup>,
    /// Number of matching documents of each kind, shown or not.
    pub totals: BTreeMap<DocKind, usize>,
    /// Bytes of the token shards and documents files this query needed.
    pub bytes: u64,
}

impl DataStore {
    /// Returns the procurement index, checked against the snapshot index.
    pub async fn procurement_lists(self) -> Result<Arc<ProcurementIndex>, LoadError> {
        let index = self.index().await?;
        self.shard(&index.files, PROCUREMENT_INDEX_FILE.to_string()).await
    }

    /// Returns the tenders of the files `year` picks (`None`: the latest year), oldest file
    /// first.
    pub async fn tender_lists(self, index: &ProcurementIndex, year: Option<ListYear>) -> Result<Vec<Arc<TenderList>>, LoadError> {
        let files = list_files(&index.tenders, year);
        let mut lists = Vec::with_capacity(files.len());
        for entry in files {
            let path = tenders_path(entry.year.unwrap_or_default());
            lists.push(self.shard(std::slice::from_ref(&entry.file), path).await?);
        }
        Ok(lists)
    }

    /// Returns the exemptions of the files `year` picks (`None`: the latest year).
    pub async fn exemption_lists(
        self,
        index: &ProcurementIndex,
        year: Option<ListYear>,
    ) -> Result<Vec<Arc<ExemptionList>>, LoadError> {
        let files = list_files(&index.exemptions, year);
        let mut lists = Vec::with_capacity(files.len());
        for entry in files {
            lists.push(self.shard(std::slice::from_ref(&entry.file), exemptions_path(entry.year)).await?);
        }
        Ok(lists)
    }

    /// Returns the search index, checked against the procurement index.
    pub async fn search_index(self) -> Result<Arc<SearchIndex>, LoadError> {
        let procurement = self.procurement_lists().await?;
        self.shard(std::slice::from_ref(&procurement.search), procurement.search.path.clone()).await
    }

    /// Searches for `query`: loads the token shards the query needs, then the documents files of
    /// up to `per_kind` candidates of each kind, and ranks them.
    pub async fn search(self, query: &str, per_kind: usize) -> Result<SearchResults, LoadError> {
        let index = self.search_index().await?;
        let mut bytes = 0;
        let mut shards = BTreeMap::new();
        for key in query_shard_keys(query) {
            // A key with no shard has no indexed token, which `matching_docs` reads as empty.
            let Some(reference) = index.shards.get(&key) else { continue };
            bytes += reference.bytes;
            let shard: Arc<TokenShard> = self.shard(&[file_entry(shard_path(&key), reference)], shard_path(&key)).await?;
            shards.insert(key, (*shard).clone());
        }

        let ids = matching_docs(query, &shards);
        let mut totals = BTreeMap::new();
        for range in &index.kinds {
            let end = range.first.saturating_add(range.count);
            let count = ids.iter().filter(|id| (range.first..end).contains(*id)).count();
            totals.insert(range.kind, count);
        }

        let picked = candidates(&ids, &index.kinds, per_kind);
        let buckets: BTreeSet<u32> = picked.iter().map(|id| doc_bucket(*id)).collect();
        let mut docs = Vec::with_capacity(picked.len());
        for bucket in buckets {
            let Some(reference) = index.doc_buckets.get(bucket as usize) else {
                return Err(LoadError::MissingShard { path: doc_bucket_path(bucket) });
            };
            bytes += reference.bytes;
            let path = doc_bucket_path(bucket);
            let shard: Arc<DocShard> = self.shard(&[file_entry(path.clone(), reference)], path).await?;
            docs.extend(shard.docs.iter().filter(|doc| picked.binary_search(&doc.id).is_ok()).cloned());
        }
        log::info!("search {query:?}: {} matches, {} shown, {bytes} bytes of search files", ids.len(), docs.len());
        Ok(SearchResults { groups: rank(query, docs), totals, bytes })
    }
}

/// The list files `year` picks, oldest first; `None` picks the latest dated file.
fn list_files(entries: &[ListEntry], year: Option<ListYear>) -> Vec<ListEntry> {
    let mut files: Vec<ListEntry> = match year {
        Some(choice) => entries.iter().filter(|entry| choice.includes(entry.year)).cloned().collect(),
        None => entries.iter().filter(|entry| entry.year.is_some()).max_by_key(|entry| entry.year).cloned().into_iter().collect(),
    };
    files.sort_by_key(|entry| entry.year);
    files
}

/// The file entry of a search file, whose path follows from its key or bucket.
fn file_entry(path: String, reference: &ShardRef) -> FileEntry {
    FileEntry { path, bytes: reference.bytes, sha256: reference.sha256.clone() }
}
