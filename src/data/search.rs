//! Loaders of the search index and of the tenders and exemptions lists.
//!
//! The chain of checked files: `index.json` lists `procurement/index.json`, which lists the
//! list files and `search/index.json`, which gives the size and sha256 of every token shard
//! and documents bucket.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::Poll;

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
        let loads = files.iter().map(|entry| {
            let path = tenders_path(entry.year.unwrap_or_default());
            Box::pin(self.shard(std::slice::from_ref(&entry.file), path)) as Pin<Box<dyn Future<Output = _>>>
        });
        join_all(loads.collect()).await.into_iter().collect()
    }

    /// Returns the exemptions of the files `year` picks (`None`: the latest year).
    pub async fn exemption_lists(
        self,
        index: &ProcurementIndex,
        year: Option<ListYear>,
    ) -> Result<Vec<Arc<ExemptionList>>, LoadError> {
        let files = list_files(&index.exemptions, year);
        let loads = files.iter().map(|entry| {
            let path = exemptions_path(entry.year);
            Box::pin(self.shard(std::slice::from_ref(&entry.file), path)) as Pin<Box<dyn Future<Output = _>>>
        });
        join_all(loads.collect()).await.into_iter().collect()
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
        // A key with no shard has no indexed token, which `matching_docs` reads as empty.
        let keys: Vec<(String, FileEntry)> = query_shard_keys(query)
            .into_iter()
            .filter_map(|key| index.shards.get(&key).map(|reference| (key.clone(), file_entry(shard_path(&key), reference))))
            .collect();
        let mut bytes: u64 = keys.iter().map(|(_, entry)| entry.bytes).sum();
        let loads = keys.iter().map(|(_, entry)| {
            Box::pin(self.shard::<TokenShard>(std::slice::from_ref(entry), entry.path.clone())) as Pin<Box<dyn Future<Output = _>>>
        });
        let loaded: Vec<Result<Arc<TokenShard>, LoadError>> = join_all(loads.collect()).await;
        let mut shards = BTreeMap::new();
        for ((key, _), shard) in keys.iter().zip(loaded) {
            let shard = shard?;
            shards.insert(key.clone(), TokenShard::clone(&shard));
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
        let mut entries = Vec::with_capacity(buckets.len());
        for bucket in buckets {
            let Some(reference) = index.doc_buckets.get(bucket as usize) else {
                return Err(LoadError::MissingShard { path: doc_bucket_path(bucket) });
            };
            entries.push(file_entry(doc_bucket_path(bucket), reference));
        }
        bytes += entries.iter().map(|entry| entry.bytes).sum::<u64>();
        let loads = entries.iter().map(|entry| {
            Box::pin(self.shard::<DocShard>(std::slice::from_ref(entry), entry.path.clone())) as Pin<Box<dyn Future<Output = _>>>
        });
        let mut docs = Vec::with_capacity(picked.len());
        let loaded: Vec<Result<Arc<DocShard>, LoadError>> = join_all(loads.collect()).await;
        for shard in loaded {
            let shard = shard?;
            docs.extend(shard.docs.iter().filter(|doc| picked.binary_search(&doc.id).is_ok()).cloned());
        }
        log::info!("search {query:?}: {} matches, {} shown, {bytes} bytes of search files", ids.len(), docs.len());
        Ok(SearchResults { groups: rank(query, docs), totals, bytes })
    }
}

/// Runs `futures` at the same time and returns their outputs in order, so that the files a
/// view needs download in parallel.
async fn join_all<T>(futures: Vec<Pin<Box<dyn Future<Output = T> + '_>>>) -> Vec<T> {
    let mut pending: Vec<Option<Pin<Box<dyn Future<Output = T> + '_>>>> = futures.into_iter().map(Some).collect();
    let mut outputs: Vec<Option<T>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(move |context| {
        for (slot, output) in pending.iter_mut().zip(outputs.iter_mut()) {
            if let Some(future) = slot {
                if let Poll::Ready(value) = future.as_mut().poll(context) {
                    *output = Some(value);
                    *slot = None;
                }
            }
        }
        if pending.iter().all(Option::is_none) {
            Poll::Ready(outputs.iter_mut().filter_map(Option::take).collect())
        } else {
            Poll::Pending
        }
    })
    .await
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
