//! Saving the files of the snapshot on the device, so the site works offline: the budget files
//! only, or the procurement and search files too, which are most of the snapshot's bytes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use budget_model::format::{format_bytes, format_number};
use budget_model::snapshot::{FileEntry, Manifest};
use budget_model::Locale;
use leptos::prelude::*;
use web_sys::Element;

use crate::data::DataStore;
use crate::dom::{self, ModalDialog};
use crate::i18n::{self, td, td_string};
use crate::locale::{i18n_locale, isolate, use_i18n, use_locale};
use crate::offline;

/// How many files are fetched at once. Browsers open at most six connections per host over
/// HTTP/1.1, so more would only queue.
const PARALLEL_FETCHES: usize = 6;

/// Folders of the files that only the procurement and search pages load. The search index goes
/// with procurement because it indexes entities, tenders and exemptions too, and no budget page
/// loads it.
const PROCUREMENT_FOLDERS: [&str; 2] = ["procurement/", "search/"];

/// A button that opens the dialog for saving the snapshot. The dialog states the sizes first (the
/// sums of the file sizes in `manifest.json`) and lets the reader choose the budget files only,
/// the default, or the procurement and search files too. It then shows the progress of fetching
/// each chosen file through the service worker, which keeps them. Closing the dialog stops the
/// saving.
#[component]
pub fn OfflineSave() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let store = DataStore::use_store();
    let on_click = move |event: leptos::ev::MouseEvent| {
        let run = SaveRun::open(store, locale.get_untracked(), dom::current_target(&event));
        leptos::task::spawn_local(async move {
            match store.manifest().await {
                Ok(manifest) => run.offer(manifest),
                Err(error) => run.fail(error.path()),
            }
        });
    };
    view! {
        <button type="button" class="tool" aria-haspopup="dialog" data-testid="offline-save" on:click=on_click>
            {td!(i18n.get(), offline_save)}
        </button>
    }
}

/// One opening of the dialog and the saving started from it.
struct SaveRun {
    store: DataStore,
    locale: Locale,
    /// The live region: the size on offer, then the outcome.
    status: Element,
    /// Files and bytes saved so far, under the progress bar.
    progress_text: Element,
    progress: Element,
    /// The choice between the budget files and all files, hidden when the snapshot has no
    /// procurement files.
    choices: Element,
    budget_label: Element,
    all_label: Element,
    start: Element,
    manifest: RefCell<Option<Arc<Manifest>>>,
    /// Whether the reader chose the procurement and search files too.
    with_procurement: Cell<bool>,
    /// Index of the next file to fetch.
    next: Cell<usize>,
    /// Fetches still running.
    running: Cell<usize>,
    saved_files: Cell<usize>,
    saved_bytes: Cell<u64>,
    /// Set by closing the dialog or by a failure; every fetch loop stops at its next file.
    stopped: Cell<bool>,
    /// Number of the current start of Save; loops of an earlier start stop and are not counted.
    generation: Cell<u32>,
}

impl SaveRun {
    /// Opens the dialog, which shows that the size is being checked.
    fn open(store: DataStore, locale: Locale, opener: Option<web_sys::HtmlElement>) -> Rc<SaveRun> {
        let i18n = i18n_locale(locale);
        let dialog = ModalDialog::new(td_string!(i18n, offline_save), "", "offline-dialog");
        let status = dialog.description.clone();
        dom::set(&status, "role", "status");
        dom::set(&status, "data-testid", "offline-status");
        let supported = offline::worker_container().is_some();
        status.set_text_content(Some(if supported {
            td_string!(i18n, offline_checking)
        } else {
            td_string!(i18n, offline_unsupported)
        }));

        let choices = dom::element("fieldset", "offline-choices", "");
        dom::set(&choices, "hidden", "");
        dom::append(&choices, &dom::element("legend", "", td_string!(i18n, offline_choice_legend)));
        let (budget_input, budget_label) = choice_option(&choices, "budget");
        dom::set(&budget_input, "checked", "");
        let (all_input, all_label) = choice_option(&choices, "all");
        dialog.append(&choices);

        let progress = dom::element("progress", "", "");
        dom::set(&progress, "aria-labelledby", "offline-progress");
        dom::set(&progress, "hidden", "");
        dialog.append(&progress);
        let progress_text = dom::element("p", "note", "");
        dom::set(&progress_text, "id", "offline-progress");
        dialog.append(&progress_text);

        let actions = dom::element("div", "dialog-actions", "");
        let start = dom::element("button", "primary", td_string!(i18n, offline_start));
        dom::set(&start, "type", "button");
        dom::set(&start, "disabled", "");
        dom::set(&start, "data-testid", "offline-start");
        dom::append(&actions, &start);
        dialog.append(&actions);

        let run = Rc::new(SaveRun {
            store,
            locale,
            status,
            progress_text,
            progress,
            choices,
            budget_label,
            all_label,
            start: start.clone(),
            manifest: RefCell::new(None),
            with_procurement: Cell::new(false),
            next: Cell::new(0),
            running: Cell::new(0),
            saved_files: Cell::new(0),
            saved_bytes: Cell::new(0),
            stopped: Cell::new(false),
            generation: Cell::new(0),
        });
        {
            let run = run.clone();
            dom::on(&start, "click", move |_| run.clone().start());
        }
        {
            let run = run.clone();
            dom::on(&budget_input, "change", move |_| run.with_procurement.set(false));
        }
        {
            let run = run.clone();
            dom::on(&all_input, "change", move |_| run.with_procurement.set(true));
        }
        let closed = run.clone();
        dialog.show(td_string!(i18n, dialog_close), opener, move || closed.stopped.set(true));
        run
    }

    fn i18n(&self) -> i18n::Locale {
        i18n_locale(self.locale)
    }

    /// States the number and size of the files, offers the choice of parts when the snapshot
    /// has procurement files, and enables the Save button.
    fn offer(&self, manifest: Arc<Manifest>) {
        let (files, bytes) = totals(&manifest.files);
        let budget_files = chosen_files(&manifest, false);
        if budget_files.len() == manifest.files.len() {
            let text = td_string!(self.i18n(), offline_size, files = format_number(files as u64), size = format_bytes(bytes, self.locale));
            self.status.set_text_content(Some(&text.to_string()));
        } else {
            let (budget_count, budget_bytes) = totals(&budget_files);
            let budget = td_string!(
                self.i18n(),
                offline_choice_budget,
                files = format_number(budget_count as u64),
                size = format_bytes(budget_bytes, self.locale)
            );
            self.budget_label.set_text_content(Some(&budget.to_string()));
            let all = td_string!(self.i18n(), offline_choice_all, files = format_number(files as u64), size = format_bytes(bytes, self.locale));
            self.all_label.set_text_content(Some(&all.to_string()));
            self.status.set_text_content(Some(td_string!(self.i18n(), offline_choose)));
            if let Err(error) = self.choices.remove_attribute("hidden") {
                log::warn!("could not show the offline choices: {error:?}");
            }
        }
        *self.manifest.borrow_mut() = Some(manifest);
        if offline::worker_container().is_some() {
            if let Err(error) = self.start.remove_attribute("disabled") {
                log::warn!("could not enable the save button: {error:?}");
            }
        }
    }

    /// Starts `PARALLEL_FETCHES` fetch loops over the chosen files.
    fn start(self: Rc<Self>) {
        if !offline::is_controlled() {
            self.status.set_text_content(Some(td_string!(self.i18n(), offline_not_ready)));
            return;
        }
        let Some(manifest) = self.manifest.borrow().clone() else { return };
        let files: Rc<[FileEntry]> = chosen_files(&manifest, self.with_procurement.get()).into();
        dom::set(&self.start, "disabled", "");
        dom::set(&self.choices, "disabled", "");
        // Files saved by an earlier start are found in the worker's cache, so starting over is
        // quick and keeps the counts simple.
        self.generation.set(self.generation.get() + 1);
        self.next.set(0);
        self.saved_files.set(0);
        self.saved_bytes.set(0);
        self.stopped.set(false);
        if let Err(error) = self.progress.remove_attribute("hidden") {
            log::warn!("could not show the progress bar: {error:?}");
        }
        dom::set(&self.progress, "max", &totals(&files).1.to_string());
        self.status.set_text_content(Some(td_string!(self.i18n(), offline_close_note)));
        self.running.set(PARALLEL_FETCHES);
        for _ in 0..PARALLEL_FETCHES {
            let (run, files) = (self.clone(), files.clone());
            let generation = self.generation.get();
            leptos::task::spawn_local(async move { run.save_files(&files, generation).await });
        }
    }

    /// Fetches files in turn until none is left, the run stops or starts again, or a file fails
    /// twice.
    async fn save_files(&self, files: &[FileEntry], generation: u32) {
        let current = || !self.stopped.get() && self.generation.get() == generation;
        while current() {
            let index = self.next.get();
            let Some(file) = files.get(index) else { break };
            self.next.set(index + 1);
            // One retry, so that a single dropped connection does not stop a long run.
            let result = match self.store.fetch_for_offline(file).await {
                Err(_) => self.store.fetch_for_offline(file).await,
                ok => ok,
            };
            if let Err(error) = result {
                log::warn!("saving for offline use stopped: {error}");
                if current() {
                    self.fail(&file.path);
                }
                return;
            }
            if !current() {
                return;
            }
            self.saved_files.set(self.saved_files.get() + 1);
            self.saved_bytes.set(self.saved_bytes.get() + file.bytes);
            self.show_progress(files);
        }
        if self.generation.get() != generation {
            return;
        }
        self.running.set(self.running.get() - 1);
        if self.running.get() == 0 && !self.stopped.get() {
            self.finish(files);
        }
    }

    /// States what is saved and lets the reader save the other choice.
    fn finish(&self, files: &[FileEntry]) {
        let (count, bytes) = (format_number(files.len() as u64), format_bytes(totals(files).1, self.locale));
        let everything = self.manifest.borrow().as_ref().is_some_and(|manifest| manifest.files.len() == files.len());
        let text = if everything {
            td_string!(self.i18n(), offline_done, files = count, size = bytes).to_string()
        } else {
            td_string!(self.i18n(), offline_done_budget, files = count, size = bytes).to_string()
        };
        self.status.set_text_content(Some(&text));
        self.enable_choices();
    }

    /// Enables the choices and the Save button again, after saving ends or fails.
    fn enable_choices(&self) {
        if let Err(error) = self.choices.remove_attribute("disabled") {
            log::warn!("could not enable the offline choices: {error:?}");
        }
        if let Err(error) = self.start.remove_attribute("disabled") {
            log::warn!("could not enable the save button: {error:?}");
        }
    }

    fn show_progress(&self, files: &[FileEntry]) {
        let (file_count, bytes) = totals(files);
        dom::set(&self.progress, "value", &self.saved_bytes.get().to_string());
        let text = td_string!(
            self.i18n(),
            offline_progress,
            done = format_number(self.saved_files.get() as u64),
            total = format_number(file_count as u64),
            size = format_bytes(self.saved_bytes.get(), self.locale),
            total_size = format_bytes(bytes, self.locale)
        );
        self.progress_text.set_text_content(Some(&text.to_string()));
    }

    /// Stops the run and names the file that could not be fetched. Save starts over.
    fn fail(&self, path: &str) {
        self.stopped.set(true);
        let text = td_string!(self.i18n(), offline_failed, path = isolate(path));
        self.status.set_text_content(Some(&text.to_string()));
        if self.manifest.borrow().is_some() {
            self.enable_choices();
        }
    }
}

/// Adds a radio button with an empty label to `choices` and returns the button and the label
/// text. `value` names the choice in `data-testid` as `offline-choice-<value>`.
fn choice_option(choices: &Element, value: &str) -> (Element, Element) {
    let label = dom::element("label", "", "");
    let input = dom::element("input", "", "");
    dom::set(&input, "type", "radio");
    dom::set(&input, "name", "offline-part");
    dom::set(&input, "value", value);
    dom::set(&input, "data-testid", &format!("offline-choice-{value}"));
    let text = dom::element("span", "", "");
    dom::append(&label, &input);
    dom::append(&label, &text);
    dom::append(choices, &label);
    (input, text)
}

/// Returns the files to save: every file of the snapshot, or all but the procurement and search files.
fn chosen_files(manifest: &Manifest, with_procurement: bool) -> Vec<FileEntry> {
    manifest
        .files
        .iter()
        .filter(|file| with_procurement || !PROCUREMENT_FOLDERS.iter().any(|folder| file.path.starts_with(folder)))
        .cloned()
        .collect()
}

/// Returns the number of `files` and their total size in bytes.
fn totals(files: &[FileEntry]) -> (usize, u64) {
    (files.len(), files.iter().map(|file| file.bytes).sum())
}
