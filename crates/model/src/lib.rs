//! Snapshot format and pure logic of the budget explorer.
//!
//! The snapshot builder writes these types and the app reads them, so the format lives in one
//! place. Nothing here depends on the web or on the file system: budget codes, amounts, the
//! snapshot files, tree checks, number formatting and route parsing are all plain functions
//! tested natively with `cargo test`.

pub mod amount;
pub mod code;
pub mod export;
pub mod format;
pub mod item_spending;
pub mod lists;
pub mod procurement;
pub mod route;
pub mod search;
pub mod snapshot;
pub mod summary;
pub mod tree;

pub use amount::{Amounts, Phase};
pub use code::{BudgetCode, Level};
pub use format::Locale;
pub use snapshot::SCHEMA_VERSION;
