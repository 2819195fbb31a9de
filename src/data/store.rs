//! In-memory store of snapshot files: each file is fetched once, checked and kept.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use budget_model::snapshot::{
    history_code, history_path, home_path, section_path, sha256_hex, FileEntry, HistoryShard, Manifest, SectionShard,
    YearHome, INDEX_FILE, MANIFEST_FILE,
};
use budget_model::{BudgetCode, SCHEMA_VERSION};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use web_sys::RequestCache;

use super::fetch::{fetch_bytes, fetch_size};
use super::{LoadError, DATA_ROOT};
use crate::offline;

/// Identity of the loaded snapshot, shown in the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotInfo {
    pub id: String,
    /// Build time as written in the index (RFC 3339, UTC).
    pub built_at: String,
}

impl SnapshotInfo {
    /// The build date, `YYYY-MM-DD`: the first ten characters of the RFC 3339 time.
    pub fn date(&self) -> &str {
        self.built_at.get(..10).unwrap_or(&self.built_at)
    }
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
    /// The snapshot the server offers now, from the last update check.
    latest: RwSignal<Option<SnapshotInfo>>,
    /// Read-only halves of the signals above, handed to components. They are made once with
    /// the store, so they live as long as the app. A read-only half made by a component is
    /// disposed with it, and an effect that runs once more while the component is removed
    /// panics when it reads the half.
    readers: Readers,
    /// URLs of files loaded while no service worker controlled the page, to fetch again through
    /// the worker once it does, so that it keeps them too.
    uncached: StoredValue<Vec<String>>,
}

#[derive(Clone, Copy)]
struct Readers {
    pending: ReadSignal<Vec<String>>,
    snapshot: ReadSignal<Option<SnapshotInfo>>,
    latest: ReadSignal<Option<SnapshotInfo>>,
}

/// The index's version field alone, read before the rest so that an index of another format
/// version is reported as such and not as a decode error.
#[derive(Deserialize)]
struct SchemaProbe {
    schema_version: u32,
}

/// The identity fields of an index, read by the update check.
#[derive(Deserialize)]
struct IdentityProbe {
    snapshot_id: String,
    built_at: String,
}

impl DataStore {
    /// Creates the store and provides it to every component below.
    pub fn provide() {
        let (pending, snapshot, latest) = (RwSignal::new(Vec::new()), RwSignal::new(None), RwSignal::new(None));
        let readers = Readers { pending: pending.read_only(), snapshot: snapshot.read_only(), latest: latest.read_only() };
        provide_context(DataStore {
            files: StoredValue::new(FileCache::new()),
            pending,
            attempt: RwSignal::new(0),
            snapshot,
            latest,
            readers,
            uncached: StoredValue::new(Vec::new()),
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
        self.readers.pending
    }

    /// Id and build time of the loaded snapshot, once the index is in.
    pub fn snapshot(self) -> ReadSignal<Option<SnapshotInfo>> {
        self.readers.snapshot
    }

    /// The snapshot the server offered at the last update check, once one has run.
    pub fn latest(self) -> ReadSignal<Option<SnapshotInfo>> {
        self.readers.latest
    }

    /// Asks the server for its index and records the snapshot it offers in [`Self::latest`].
    /// A failure (such as being offline) is logged and changes nothing.
    pub async fn check_for_update(self) {
        let url = format!("{DATA_ROOT}{INDEX_FILE}");
        let probe = match fetch_bytes(&url, INDEX_FILE, RequestCache::NoCache).await {
            Ok(bytes) => decode::<IdentityProbe>(INDEX_FILE, &bytes),
            Err(error) => Err(error),
        };
        match probe {
            Ok(probe) => self.latest.set(Some(SnapshotInfo { id: probe.snapshot_id, built_at: probe.built_at })),
            Err(error) => log::info!("update check: {error}"),
        }
    }

    /// Returns the full manifest, which lists every file of the snapshot. It is fetched past
    /// the HTTP cache, like the index.
    pub async fn manifest(self) -> Result<Arc<Manifest>, LoadError> {
        if let Some(manifest) = self.cached::<Manifest>(MANIFEST_FILE) {
            return Ok(manifest);
        }
        let url = format!("{DATA_ROOT}{MANIFEST_FILE}");
        let bytes = self.download(MANIFEST_FILE, &url, RequestCache::NoCache).await?;
        let manifest = Arc::new(decode::<Manifest>(MANIFEST_FILE, &bytes)?);
        self.files.update_value(|files| files.push((MANIFEST_FILE.to_string(), manifest.clone())));
        Ok(manifest)
    }

    /// Fetches one file of the snapshot without decoding it, so that the service worker keeps a
    /// copy under the URL the pages request. Returns the number of bytes received.
    pub async fn fetch_for_offline(self, entry: &FileEntry) -> Result<u64, LoadError> {
        fetch_size(&file_url(entry), &entry.path).await
    }

    /// Fetches the files loaded before a service worker controlled the page again, through the
    /// worker, which keeps them. Call it when the worker takes control.
    pub fn fetch_loaded_again(self) {
        for url in self.uncached.try_update_value(std::mem::take).unwrap_or_default() {
            fetch_through_worker(url);
        }
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
    pub(crate) async fn shard<T>(self, listed_in: &[FileEntry], path: String) -> Result<Arc<T>, LoadError>
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
            let bytes = self.download(path, &file_url(entry), RequestCache::Default).await?;
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

    /// Fetches `url` while listing `path` as pending. A file requested before a service worker
    /// controlled the page is fetched again through the worker, now if it controls the page
    /// by the time the file arrives, else by [`Self::fetch_loaded_again`].
    async fn download(self, path: &str, url: &str, cache: RequestCache) -> Result<Vec<u8>, LoadError> {
        let _pending = PendingGuard::start(self.pending, path);
        let through_worker = offline::is_controlled();
        let bytes = fetch_bytes(url, path, cache).await?;
        if !through_worker {
            if offline::is_controlled() {
                fetch_through_worker(url.to_string());
            } else {
                self.uncached.update_value(|urls| urls.push(url.to_string()));
            }
        }
        Ok(bytes)
    }
}

/// Fetches `url` again without waiting, so that the service worker keeps a copy.
fn fetch_through_worker(url: String) {
    leptos::task::spawn_local(async move {
        if let Err(error) = fetch_size(&url, &url).await {
            log::info!("could not fetch {url} again for the service worker: {error}");
        }
    });
}

/// The URL of a listed file. The hash in the query string gives each version of a file its own
/// URL, so an HTTP cache or the service worker never serves a file of an older snapshot, and
/// static servers ignore the query.
fn file_url(entry: &FileEntry) -> String {
    format!("{DATA_ROOT}{}?v={}", entry.path, &entry.sha256[..entry.sha256.len().min(16)])
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
