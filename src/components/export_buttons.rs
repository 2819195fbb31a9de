//! Buttons that download the rows of a list as CSV or XLSX.

use std::sync::Arc;

use budget_model::export::{to_csv, to_xlsx, Table};
use leptos::prelude::*;

use crate::download::{save_bytes, save_text};
use crate::i18n::{td, td_string};
use crate::locale::{use_i18n, use_locale};

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Makes the table to export, when a button is pressed, from the rows shown at that moment.
pub type MakeTable = Arc<dyn Fn() -> Table + Send + Sync>;

/// CSV and XLSX download buttons for the rows that `table` returns. The files are written in
/// the browser; nothing is sent anywhere.
#[component]
pub fn ExportButtons(
    /// Returns the rows to export, with translated headers.
    table: MakeTable,
    /// File name without extension, such as `tenders-2014`.
    #[prop(into)]
    file_name: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let csv_table = table.clone();
    let on_csv = move |_| {
        let csv = to_csv(&csv_table());
        save_text(&csv, "text/csv;charset=utf-8", &format!("{}.csv", file_name.get_untracked()));
    };
    let on_xlsx = move |_| {
        let name = file_name.get_untracked();
        let right_to_left = locale.get_untracked().dir() == "rtl";
        let bytes = to_xlsx(&table(), &name, right_to_left);
        save_bytes(&bytes, XLSX_TYPE, &format!("{name}.xlsx"));
    };
    view! {
        <div class="export-buttons" role="group" aria-label=move || td_string!(i18n.get(), export_label).to_string()>
            <button type="button" data-testid="export-csv" on:click=on_csv>{move || td!(i18n.get(), export_csv)}</button>
            <button type="button" data-testid="export-xlsx" on:click=on_xlsx>{move || td!(i18n.get(), export_xlsx)}</button>
        </div>
    }
}
