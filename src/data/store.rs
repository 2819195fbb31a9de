//! In-memory store of snapshot files: each file is fetched once, checked and kept.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use budget_model::snapshot::{
    history_code, history_path, home_path, section_path, sha256_hex, FileEntry, HistoryShard, Manifest, SectionShard,
    YearHome, INDEX_FILE,
};
use budget_model::{BudgetCode, SCHEMA_VERSION};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use web_sys::RequestCache;

use super::fetch::fetch_bytes;
use super::{LoadError, DATA_ROOT};

/// Identity of the loaded snapshot, shown in the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotInfo {
    pub id: String,
    /// Build time as written in the index (RFC 3339, UTC).
    pub built_at: String,
}

/// Decoded files by path. A snapshot view loads a few dozen files at most, so a list is as fast
/// as a hash map here and adds less code to the wasm.
type FileCache = Vec<(String, Arc<dyn Any + Send + Sync>)>;

type LocalBoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Loader and cache of the snapshot, shared through context. Copy, like a signal.
///
/// Only files that loaded and passed their checks are kept, so a retry fetches just the files
/// that failed.
#[derive(Clone, Copy)]
pub struct DataStore {
    files: StoredValue<FileCache>,
    /// Paths being downloaded, for the loading status.
    pending: RwSignal<Vec<String>>,
    /// Raised by "Try again"; every resource that loads data tracks it.
    attempt: RwSignal<u32>,
    snapshot: RwSignal<Option<SnapshotInfo>>,
}

/// The index's version field alone, read before the rest so that an index of another format
/// version is reported as such and not as a decode error.
#[derive(Deserialize)]
struct SchemaProbe {
    schema_version: u32,
}

impl DataStore {
    /// Creates the store and provides it to every component below.
    pub fn provide() {
        provide_context(DataStore {
            files: StoredValue::new(FileCache::new()),
            pending: RwSignal::new(Vec::new()),
            attempt: RwSignal::new(0),
            snapshot: RwSignal::new(None),
        });
    }

    /// Returns the store of the current app.
    pub fn use_store() -> DataStore {
        expect_context::<DataStore>()
    }

    /// Subscribes the running resource to retries.
    pub fn track_retries(self) {
        self.attempt.track();
    }

    /// Runs every resource that tracks retries again.
    pub fn retry(self) {
        self.attempt.update(|attempt| *attempt += 1);
    }

    /// Paths being downloaded now.
    pub fn pending(self) -> ReadSignal<Vec<String>> {
        self.pending.read_only()
    }

    /// Id and build time of the loaded snapshot, once the index is in.
    pub fn snapshot(self) -> ReadSignal<Option<SnapshotInfo>> {
        self.snapshot.read_only()
    }

    /// Returns the index: the manifest with only the home files listed. It has no hash to
    /// check against, so it is fetched past the HTTP cache.
    pub async fn index(self) -> Result<Arc<Manifest>, LoadError> {
        if let Some(index) = self.cached::<Manifest>(INDEX_FILE) {
            return Ok(index);
        }
        let index = self.load_index().await.inspect_err(log_error)?;
        self.snapshot.set(Some(SnapshotInfo { id: index.snapshot_id.clone(), built_at: index.built_at.clone() }));
        self.files.update_value(|files| files.push((INDEX_FILE.to_string(), index.clone())));
        Ok(index)
    }

    /// Returns the home file of `year`, checked against the index.
    pub async fn year_home(self, index: &Manifest, year: u16) -> Result<Arc<YearHome>, LoadError> {
        self.shard(&index.files, home_path(year)).await
    }

    /// Returns the shard of `section` in the year of `home`, checked against the home file.
    pub async fn section(self, home: &YearHome, section: &BudgetCode) -> Result<Arc<SectionShard>, LoadError> {
        self.shard(&home.files, section_path(home.year, section)).await
    }

    /// Returns the history shard that contains `code`'s series, checked against `listed_in`:
    /// the home's files for a section, the section shard's files for anything below.
    pub async fn history(self, listed_in: &[FileEntry], code: &BudgetCode) -> Result<Arc<HistoryShard>, LoadError> {
        self.shard(listed_in, history_path(&history_code(code))).await
    }

    // The loading steps below are boxed and not generic, so that their code exists once
    // instead of being copied into the future of every page that awaits them.

    fn load_index(self) -> LocalBoxFuture<'static, Result<Arc<Manifest>, LoadError>> {
        Box::pin(async move {
            let url = format!("{DATA_ROOT}{INDEX_FILE}");
            let bytes = self.download(INDEX_FILE, &url, RequestCache::NoCache).await?;
            let probe: SchemaProbe = decode(INDEX_FILE, &bytes)?;
            if probe.schema_version != SCHEMA_VERSION {
                return Err(LoadError::Schema {
                    path: INDEX_FILE.to_string(),
                    found: probe.schema_version,
                    expected: SCHEMA_VERSION,
                });
            }
            Ok(Arc::new(decode::<Manifest>(INDEX_FILE, &bytes)?))
        })
    }

    /// Loads the file at `path`, checks its sha256 against its entry in `listed_in` and
    /// decodes it.
    async fn shard<T>(self, listed_in: &[FileEntry], path: String) -> Result<Arc<T>, LoadError>
    where
        T: DeserializeOwned + Send + Sync + 'static,
    {
        if let Some(value) = self.cached::<T>(&path) {
            return Ok(value);
        }
        let bytes = self.download_checked(listed_in, &path).await.inspect_err(log_error)?;
        let value: Arc<T> = Arc::new(decode(&path, &bytes).inspect_err(log_error)?);
        self.files.update_value(|files| files.push((path, value.clone())));
        Ok(value)
    }

    /// Fetches the file at `path` and checks its sha256 against its entry in `listed_in`.
    fn download_checked<'a>(
        self,
        listed_in: &'a [FileEntry],
        path: &'a str,
    ) -> LocalBoxFuture<'a, Result<Vec<u8>, LoadError>> {
        Box::pin(async move {
            let entry = listed_in
                .iter()
                .find(|entry| entry.path == path)
                .ok_or_else(|| LoadError::MissingShard { path: path.to_string() })?;
            // The hash in the query string gives each version of a file its own URL, so an HTTP
            // cache never serves a file of an older snapshot. Static servers ignore the query.
            let url = format!("{DATA_ROOT}{path}?v={}", &entry.sha256[..entry.sha256.len().min(16)]);
            let bytes = self.download(path, &url, RequestCache::Default).await?;
            let actual = sha256_hex(&bytes);
            if actual != entry.sha256 {
                return Err(LoadError::HashMismatch { path: path.to_string(), expected: entry.sha256.clone(), actual });
            }
            Ok(bytes)
        })
    }

    fn cached<T: Send + Sync + 'static>(self, path: &str) -> Option<Arc<T>> {
        let value = self.files.with_value(|files| {
            files.iter().find(|(cached_path, _)| cached_path == path).map(|(_, value)| value.clone())
        })?;
        value.downcast::<T>().ok()
    }

    /// Fetches `url` while listing `path` as pending.
    async fn download(self, path: &str, url: &str, cache: RequestCache) -> Result<Vec<u8>, LoadError> {
        let _pending = PendingGuard::start(self.pending, path);
        fetch_bytes(url, path, cache).await
    }
}

fn decode<T: DeserializeOwned>(path: &str, bytes: &[u8]) -> Result<T, LoadError> {
    serde_json::from_slice(bytes)
        .map_err(|error| LoadError::Decode { path: path.to_string(), message: error.to_string() })
}

fn log_error(error: &LoadError) {
    log::error!("{error}");
}

/// Keeps a path in the pending list for as long as its download runs, including when the
/// download is dropped half-way.
struct PendingGuard {
    pending: RwSignal<Vec<String>>,
    path: String,
}

impl PendingGuard {
    fn start(pending: RwSignal<Vec<String>>, path: &str) -> PendingGuard {
        pending.update(|paths| paths.push(path.to_string()));
        PendingGuard { pending, path: path.to_string() }
    }
}

impl Drop for PendingGuard {
    fn drop(&mut self) {
        let path = &self.path;
        self.pending.try_update(|paths| {
            if let Some(index) = paths.iter().position(|pending| pending == path) {
                paths.remove(index);
            }
        });
    }
}
