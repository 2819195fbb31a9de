//! Command-line arguments, parsed by clap and then validated into a [`BuildConfig`].

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::{Args, Parser, Subcommand};

/// Builds the static JSON snapshot of the budget explorer from the official raw files.
#[derive(Debug, Parser)]
#[command(name = "budget-snapshot", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Reads every budget file below the raw-data folder and writes a snapshot.
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Raw-data folder, holding budget/, budget-history/ and budget-summary/.
    #[arg(long, value_name = "DIR", env = "BUDGET_RAW")]
    pub raw: PathBuf,
    /// Snapshot folder to write (manifest.json, <year>/, history/). An earlier snapshot there
    /// is replaced; any other non-empty folder is left alone and the build fails.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Text report of skipped rows, parent/children differences and checks. It must lie
    /// outside the snapshot folder. [default: OUT/../snapshot-report.txt]
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

/// Validated settings of a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildConfig {
    pub raw: PathBuf,
    pub out: PathBuf,
    pub report: PathBuf,
}

impl BuildArgs {
    /// Resolves the report path and checks that it lies outside the snapshot folder.
    pub fn validate(self) -> Result<BuildConfig> {
        let report = match self.report {
            Some(report) => report,
            None => default_report(&self.out)?,
        };
        if lies_within(&report, &self.out) {
            bail!(
                "the report {} would be written inside the snapshot folder {}; pass --report with a path outside it",
                report.display(),
                self.out.display()
            );
        }
        Ok(BuildConfig {
            raw: self.raw,
            out: self.out,
            report,
        })
    }
}

/// `snapshot-report.txt` beside the snapshot folder.
fn default_report(out: &Path) -> Result<PathBuf> {
    match out.parent() {
        Some(parent) => Ok(parent.join("snapshot-report.txt")),
        None => bail!(
            "--out {} has no parent folder for the default report; pass --report FILE",
            out.display()
        ),
    }
}

/// True when `path` is `folder` or below it, comparing the paths as written and, where they
/// exist, as resolved.
fn lies_within(path: &Path, folder: &Path) -> bool {
    if path.starts_with(folder) {
        return true;
    }
    let resolved_folder = std::fs::canonicalize(folder);
    let resolved_parent = path.parent().map(std::fs::canonicalize);
    match (resolved_folder, resolved_parent) {
        (Ok(folder), Some(Ok(parent))) => parent.starts_with(folder),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(out: &str, report: Option<&str>) -> BuildArgs {
        BuildArgs {
            raw: "raw".into(),
            out: out.into(),
            report: report.map(PathBuf::from),
        }
    }

    #[test]
    fn report_defaults_beside_out() {
        let config = args("/tmp/snap/data", None).validate().unwrap();
        assert_eq!(config.report, PathBuf::from("/tmp/snap/snapshot-report.txt"));
    }

    #[test]
    fn report_inside_out_rejected() {
        let error = args("/tmp/snap/data", Some("/tmp/snap/data/report.txt"))
            .validate()
            .unwrap_err();
        assert!(
            error.to_string().contains("inside the snapshot folder"),
            "{error}"
        );
    }

    #[test]
    fn cli_parses_build() {
        let cli = Cli::try_parse_from(["budget-snapshot", "build", "--raw", "r", "--out", "o"]).unwrap();
        let Command::Build(build) = cli.command;
        assert_eq!(build.out, PathBuf::from("o"));
    }
}
