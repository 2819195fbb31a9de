//! The button that gives a citation of the current page.

use leptos::prelude::*;

use crate::copy_dialog::{self, CopyTexts};
use crate::data::DataStore;
use crate::i18n::{td, td_string};
use crate::locale::use_i18n;
use crate::router::use_route;
use crate::{browser, dom};

/// A button that opens a citation of the page: its title, the snapshot, the official source
/// files and a permalink pinned to the snapshot (`?snapshot=<id>`).
#[component]
pub fn CiteButton(
    /// What the page shows, such as "State budget 2014".
    #[prop(into)]
    title: Signal<String>,
    /// The official files the page's figures come from.
    sources: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let route = use_route();
    let snapshot = DataStore::use_store().snapshot();
    let sources = sources.join(", ");
    let on_click = move |event: leptos::ev::MouseEvent| {
        let Some(info) = snapshot.get_untracked() else { return };
        let i18n = i18n.get_untracked();
        let route = route.get_untracked();
        let url = format!("{}{}", browser::page_address(), route.with_snapshot(Some(&info.id)).to_hash());
        // In a right-to-left citation, the id, date and file names are isolated so that their
        // digits and dots stay in order beside the words. The link is left bare, so that a
        // reader who copies it alone copies no invisible marks.
        let isolate = |text: String| match route.locale().dir() {
            "rtl" => format!("\u{2068}{text}\u{2069}"),
            _ => text,
        };
        let citation = td_string!(
            i18n,
            cite_text,
            title = title.get_untracked(),
            id = isolate(info.id.clone()),
            date = isolate(info.date().to_string()),
            sources = isolate(sources.clone()),
            url
        )
        .to_string();
        let texts = CopyTexts {
            title: td_string!(i18n, cite),
            description: td_string!(i18n, cite_description),
            text_label: td_string!(i18n, cite_label),
            copy: td_string!(i18n, copy),
            copied: td_string!(i18n, copied),
            copy_failed: td_string!(i18n, copy_failed),
            close: td_string!(i18n, dialog_close),
        };
        copy_dialog::open(&texts, &citation, "auto", None, "cite-dialog", dom::current_target(&event));
    };
    view! {
        <button type="button" class="tool" aria-haspopup="dialog" data-testid="cite" on:click=on_click>
            {td!(i18n.get(), cite)}
        </button>
    }
}
