//! Loading the snapshot: fetching files relative to the page, checking them against the
//! hashes the snapshot lists for them, decoding them and keeping them in memory.

mod error;
mod fetch;
mod store;
// Loaders of the procurement part and of the search index, as more `impl DataStore` blocks.
mod procurement;
mod search;

pub use error::LoadError;
pub use search::SearchResults;
pub use store::{DataStore, SnapshotInfo};

/// Folder of the snapshot relative to the page, so the site works under any sub-path.
pub const DATA_ROOT: &str = "data/";
