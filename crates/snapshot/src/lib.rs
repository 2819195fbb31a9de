//! Builder of the budget explorer's snapshot: reads the official budget files (CSV and xlsx,
//! 1992–2025) and the procurement and supports reports, checks them, and writes the static
//! JSON files that the app downloads.
//!
//! The format is defined in `budget_model::snapshot`, `procurement` and `search`; this crate
//! only reads, checks and writes.

pub mod assemble;
pub mod build;
pub mod checks;
pub mod cli;
pub mod clock;
pub mod columns;
pub mod discover;
pub mod error;
pub mod input;
pub mod output;
pub mod procurement;
pub mod progress;
pub mod readers;
pub mod report;
pub mod tally;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Runs the command given on the command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build(args) => build::run(&args.validate()?),
    }
}
