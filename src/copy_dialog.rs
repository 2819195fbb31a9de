//! The dialog that shows a text to copy: an embed code or a citation.

use web_sys::{Element, HtmlElement, HtmlTextAreaElement};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::dom::{self, ModalDialog};

/// The translated texts of a copy dialog.
pub struct CopyTexts<'a> {
    pub title: &'a str,
    /// Explanation of the text and its use.
    pub description: &'a str,
    /// Label of the text box.
    pub text_label: &'a str,
    pub copy: &'a str,
    pub copied: &'a str,
    /// Shown when the clipboard refuses the text, which is then selected for copying by hand.
    pub copy_failed: &'a str,
    pub close: &'a str,
}

/// Opens a modal dialog with `text` in a read-only text box and a Copy button, which has
/// focus first. `dir` is the text box's direction: `ltr` for code, `auto` for a sentence in
/// the page's language. `extra`, such as a preview link, goes under the text box. Focus
/// returns to `opener` when the dialog closes.
pub fn open(texts: &CopyTexts, text: &str, dir: &str, extra: Option<Element>, test_id: &str, opener: Option<HtmlElement>) {
    let dialog = ModalDialog::new(texts.title, texts.description, test_id);

    let label = dom::element("label", "copy-label", texts.text_label);
    dom::set(&label, "for", "dialog-text");
    dialog.append(&label);
    let text_box: HtmlTextAreaElement = dom::element("textarea", "copy-text", "").unchecked_into();
    dom::set(&text_box, "id", "dialog-text");
    dom::set(&text_box, "rows", "5");
    dom::set(&text_box, "dir", dir);
    dom::set(&text_box, "readonly", "");
    dom::set(&text_box, "data-testid", "copy-text");
    text_box.set_value(text);
    {
        let text_box = text_box.clone();
        dom::on(&text_box.clone(), "focus", move |_| text_box.select());
    }
    dialog.append(&text_box);
    if let Some(extra) = extra {
        dialog.append(&extra);
    }

    let actions = dom::element("div", "dialog-actions", "");
    let copy = dom::element("button", "primary", texts.copy);
    dom::set(&copy, "type", "button");
    dom::set(&copy, "autofocus", "");
    dom::set(&copy, "data-testid", "copy");
    dom::append(&actions, &copy);
    dialog.append(&actions);
    let status = dom::element("p", "copy-status", "");
    dom::set(&status, "role", "status");
    dom::set(&status, "data-testid", "copy-status");
    dialog.append(&status);

    let (copied, copy_failed) = (texts.copied.to_string(), texts.copy_failed.to_string());
    let text = text.to_string();
    dom::on(&copy, "click", move |_| {
        let (text, text_box, status) = (text.clone(), text_box.clone(), status.clone());
        let (copied, copy_failed) = (copied.clone(), copy_failed.clone());
        leptos::task::spawn_local(async move {
            match browser::copy_text(&text).await {
                Ok(()) => status.set_text_content(Some(&copied)),
                Err(error) => {
                    log::info!("copy to the clipboard failed: {error}");
                    text_box.select();
                    if let Err(error) = text_box.focus() {
                        log::warn!("could not focus the text box: {error:?}");
                    }
                    status.set_text_content(Some(&copy_failed));
                }
            }
        });
    });
    dialog.show(texts.close, opener, || {});
}
