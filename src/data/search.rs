//! Loaders of the search index and of the tenders and exemptions lists.

#[allow(unused_imports)]
use super::DataStore;
