//! Builder of the budget explorer's snapshot: reads the official budget files (CSV and xlsx,
//! 1992–2025), checks them, and writes the static JSON files that the app downloads.
//!
//! The format is defined in `budget_model::snapshot`; this crate only reads, checks and writes.

pub mod columns;
pub mod error;
pub mod input;
pub mod progress;
pub mod readers;
pub mod tally;
