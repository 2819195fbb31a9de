//! Saving every file of the snapshot on the device, so the whole site works offline.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use budget_model::format::{format_bytes, format_number};
use budget_model::snapshot::Manifest;
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

/// A button that opens the dialog for saving the whole snapshot: it states the size first
/// (the sum of the file sizes in `manifest.json`), then shows the progress of fetching every
/// file through the service worker, which keeps them. Closing the dialog stops the saving.
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
    start: Element,
    manifest: RefCell<Option<Arc<Manifest>>>,
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
            start: start.clone(),
            manifest: RefCell::new(None),
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
        let closed = run.clone();
        dialog.show(td_string!(i18n, dialog_close), opener, move || closed.stopped.set(true));
        run
    }

    fn i18n(&self) -> i18n::Locale {
        i18n_locale(self.locale)
    }

    /// States the number and size of the files and enables the Save button.
    fn offer(&self, manifest: Arc<Manifest>) {
        let (files, bytes) = totals(&manifest);
        let text = td_string!(self.i18n(), offline_size, files = format_number(files as u64), size = format_bytes(bytes, self.locale));
        self.status.set_text_content(Some(&text.to_string()));
        *self.manifest.borrow_mut() = Some(manifest);
        if offline::worker_container().is_some() {
            if let Err(error) = self.start.remove_attribute("disabled") {
                log::warn!("could not enable the save button: {error:?}");
            }
        }
    }

    /// Starts `PARALLEL_FETCHES` fetch loops over the files not saved yet.
    fn start(self: Rc<Self>) {
        if !offline::is_controlled() {
            self.status.set_text_content(Some(td_string!(self.i18n(), offline_not_ready)));
            return;
        }
        let Some(manifest) = self.manifest.borrow().clone() else { return };
        dom::set(&self.start, "disabled", "");
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
        dom::set(&self.progress, "max", &totals(&manifest).1.to_string());
        self.status.set_text_content(Some(td_string!(self.i18n(), offline_close_note)));
        self.running.set(PARALLEL_FETCHES);
        for _ in 0..PARALLEL_FETCHES {
            let (run, manifest) = (self.clone(), manifest.clone());
            let generation = self.generation.get();
            leptos::task::spawn_local(async move { run.save_files(&manifest, generation).await });
        }
    }

    /// Fetches files in turn until none is left, the run stops or starts again, or a file fails
    /// twice.
    async fn save_files(&self, manifest: &Manifest, generation: u32) {
        let current = || !self.stopped.get() && self.generation.get() == generation;
        while current() {
            let index = self.next.get();
            let Some(file) = manifest.files.get(index) else { break };
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
            self.show_progress(manifest);
        }
        if self.generation.get() != generation {
            return;
        }
        self.running.set(self.running.get() - 1);
        if self.running.get() == 0 && !self.stopped.get() {
            let (files, bytes) = totals(manifest);
            let text = td_string!(self.i18n(), offline_done, files = format_number(files as u64), size = format_bytes(bytes, self.locale));
            self.status.set_text_content(Some(&text.to_string()));
        }
    }

    fn show_progress(&self, manifest: &Manifest) {
        let (files, bytes) = totals(manifest);
        dom::set(&self.progress, "value", &self.saved_bytes.get().to_string());
        let text = td_string!(
            self.i18n(),
            offline_progress,
            done = format_number(self.saved_files.get() as u64),
            total = format_number(files as u64),
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
            if let Err(error) = self.start.remove_attribute("disabled") {
                log::warn!("could not enable the save button: {error:?}");
            }
        }
    }
}

/// The number of files of the snapshot and their total size in bytes.
fn totals(manifest: &Manifest) -> (usize, u64) {
    (manifest.files.len(), manifest.files.iter().map(|file| file.bytes).sum())
}
