//! Loaders of the procurement part: spending per budget item, entities and publishers.

#[allow(unused_imports)]
use super::DataStore;
