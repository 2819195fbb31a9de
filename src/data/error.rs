//! Errors of loading a snapshot file.

use thiserror::Error;

/// A failure to load one snapshot file. Every variant names the file, relative to the
/// snapshot root, so the error view can name what failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    /// The request did not complete: offline, blocked, or aborted.
    #[error("request for {path} failed: {message}")]
    Network { path: String, message: String },
    /// There is no network connection, and the service worker has no saved copy of the file.
    #[error("{path} is not available offline")]
    Offline { path: String },
    /// The server returned a status other than 2xx.
    #[error("request for {path} returned HTTP status {status}")]
    Status { path: String, status: u16 },
    /// The body is not JSON of the expected shape.
    #[error("{path} is not valid snapshot data: {message}")]
    Decode { path: String, message: String },
    /// The body's sha256 differs from the one listed for the file, so the file is damaged or
    /// from another snapshot.
    #[error("{path} has sha256 {actual}, but {expected} is listed for it")]
    HashMismatch { path: String, expected: String, actual: String },
    /// No file list of the snapshot (the index, a home file or a section shard) has the file
    /// the view needs.
    #[error("{path} is not listed in the snapshot")]
    MissingShard { path: String },
    /// The index was written for another version of the snapshot format.
    #[error("{path} has schema version {found}, but this app reads version {expected}")]
    Schema { path: String, found: u32, expected: u32 },
}

impl LoadError {
    /// Returns the file that failed, relative to the snapshot root.
    pub fn path(&self) -> &str {
        match self {
            LoadError::Network { path, .. }
            | LoadError::Offline { path }
            | LoadError::Status { path, .. }
            | LoadError::Decode { path, .. }
            | LoadError::HashMismatch { path, .. }
            | LoadError::MissingShard { path }
            | LoadError::Schema { path, .. } => path,
        }
    }
}
