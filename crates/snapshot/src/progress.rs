//! Progress of one file: a bar when stderr is a terminal, one plain line otherwise, so logs of
//! scripted builds stay readable.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// Progress of reading one file, counted in rows.
pub struct FileProgress {
    bar: Option<ProgressBar>,
}

impl FileProgress {
    /// Starts reporting on `relative`, whose row count is about `rows`.
    pub fn start(relative: &str, rows: u64) -> FileProgress {
        if !std::io::stderr().is_terminal() {
            eprintln!("reading {relative}");
            return FileProgress::hidden();
        }
        let bar = ProgressBar::new(rows);
        let style = ProgressStyle::with_template("{msg:48} [{bar:30}] {pos:>6}/{len:6} rows")
            .expect("the template is valid")
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(relative.to_string());
        FileProgress { bar: Some(bar) }
    }

    /// Reports nothing; for tests and nested reads.
    pub fn hidden() -> FileProgress {
        FileProgress { bar: None }
    }

    /// Sets the expected row count once it is known (after a workbook is loaded).
    pub fn set_rows(&self, rows: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(rows);
        }
    }

    /// Moves the bar to row `number`; redraws are throttled by indicatif.
    pub fn row(&self, number: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(number);
        }
    }

    /// Removes the bar so the summary lines that follow start on a clean line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
