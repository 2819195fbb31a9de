//! The button that gives the embed code of one widget of a page.

use budget_model::route::{EmbedView, Route};
use budget_model::BudgetCode;
use leptos::prelude::*;

use crate::copy_dialog::{self, CopyTexts};
use crate::data::DataStore;
use crate::embed_code::{default_height, frame_id, site_root, snippet};
use crate::i18n::{td, td_string};
use crate::locale::{use_i18n, use_locale};
use crate::{browser, dom};

/// A button that opens the `<iframe>` code of `view` of the page of `code` in `year` (the
/// year's home when `code` is `None`), pinned to the loaded snapshot, with a link that
/// previews the embed.
#[component]
pub fn EmbedButton(
    year: u16,
    code: Option<BudgetCode>,
    view: EmbedView,
    /// What the widget shows, for the frame's accessible name.
    #[prop(into)]
    name: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let snapshot = DataStore::use_store().snapshot();
    let on_click = move |event: leptos::ev::MouseEvent| {
        let i18n = i18n.get_untracked();
        let route = Route::Embed {
            locale: locale.get_untracked(),
            year,
            code: code.clone(),
            view,
            snapshot: snapshot.get_untracked().map(|info| info.id),
            frame: Some(frame_id(year, code.as_ref(), view)),
        };
        let frame_title = td_string!(i18n, embed_frame_title, name = name.get_untracked()).to_string();
        let code = snippet(site_root(&browser::page_address()), &route, &frame_title, default_height(view));
        let title = match view {
            EmbedView::Summary => td_string!(i18n, embed_title_summary),
            EmbedView::Chart => td_string!(i18n, embed_title_chart),
            EmbedView::Table => td_string!(i18n, embed_title_table),
        };
        let texts = CopyTexts {
            title,
            description: td_string!(i18n, embed_description),
            text_label: td_string!(i18n, embed_code_label),
            copy: td_string!(i18n, copy),
            copied: td_string!(i18n, copied),
            copy_failed: td_string!(i18n, copy_failed),
            close: td_string!(i18n, dialog_close),
        };
        let preview = dom::element("p", "", "");
        let link = dom::element("a", "", td_string!(i18n, embed_preview));
        dom::set(&link, "href", &route.to_hash());
        dom::set(&link, "target", "_blank");
        dom::set(&link, "rel", "noopener");
        dom::set(&link, "data-testid", "embed-preview");
        dom::append(&preview, &link);
        copy_dialog::open(&texts, &code, "ltr", Some(preview), "embed-dialog", dom::current_target(&event));
    };
    let (label, test_id) = match view {
        EmbedView::Summary => (td!(i18n.get(), embed_summary).into_any(), "embed-summary"),
        EmbedView::Chart => (td!(i18n.get(), embed_chart).into_any(), "embed-chart"),
        EmbedView::Table => (td!(i18n.get(), embed_table).into_any(), "embed-table"),
    };
    view! {
        <button type="button" class="tool" aria-haspopup="dialog" data-testid=test_id on:click=on_click>
            {label}
        </button>
    }
}
