//! Small parts of the page built with the DOM API directly: the modal dialogs.
//!
//! Leptos compiles every `view!` into types of its own, and each element costs wasm code. The
//! dialogs are opened rarely, hold a few elements, and are modal, so nothing else on the page
//! (not even the language) changes while one is open. Building them with the few non-generic
//! functions below keeps them out of that cost.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlDialogElement, HtmlElement};

/// Creates a `<tag>` element with `class` (none when empty) and `text` (none when empty).
pub fn element(tag: &str, class: &str, text: &str) -> Element {
    let element = leptos::prelude::document().create_element(tag).expect("a known tag name");
    if !class.is_empty() {
        element.set_class_name(class);
    }
    if !text.is_empty() {
        element.set_text_content(Some(text));
    }
    element
}

/// Sets attribute `name` of `element` to `value`.
pub fn set(element: &Element, name: &str, value: &str) {
    if let Err(error) = element.set_attribute(name, value) {
        log::warn!("could not set {name}={value:?}: {error:?}");
    }
}

/// Appends `child` to `parent`.
pub fn append(parent: &Element, child: &Element) {
    if let Err(error) = parent.append_child(child) {
        log::warn!("could not add a <{}> to a <{}>: {error:?}", child.tag_name(), parent.tag_name());
    }
}

/// Calls `handler` on every `event` at `target`. The listener owns the handler. A handler that
/// refers to its own dialog's elements keeps them until the page unloads, a few kB per opening.
pub fn on(target: &Element, event: &str, handler: impl FnMut(Event) + 'static) {
    let handler = Closure::<dyn FnMut(Event)>::new(handler).into_js_value();
    if let Err(error) = target.add_event_listener_with_callback(event, handler.unchecked_ref()) {
        log::warn!("could not listen to {event}: {error:?}");
    }
}

/// A modal `<dialog>` being filled: a heading, which names it, and a description under the
/// heading, which describes it to assistive technology.
pub struct ModalDialog {
    dialog: HtmlDialogElement,
    /// The paragraph under the heading.
    pub description: Element,
}

impl ModalDialog {
    /// Starts a dialog titled `title` with `description` under the heading.
    pub fn new(title: &str, description: &str, test_id: &str) -> ModalDialog {
        let dialog: HtmlDialogElement = element("dialog", "dialog", "").unchecked_into();
        set(&dialog, "aria-labelledby", "dialog-title");
        set(&dialog, "aria-describedby", "dialog-description");
        set(&dialog, "data-testid", test_id);
        let heading = element("h2", "", title);
        set(&heading, "id", "dialog-title");
        append(&dialog, &heading);
        let paragraph = element("p", "", description);
        set(&paragraph, "id", "dialog-description");
        append(&dialog, &paragraph);
        ModalDialog { dialog, description: paragraph }
    }

    /// Appends `child` to the dialog.
    pub fn append(&self, child: &Element) {
        append(&self.dialog, child);
    }

    /// Adds a Close button labelled `close`, adds the dialog to the page and opens it with
    /// `showModal()`: the browser keeps focus inside it, makes the rest of the page inert and
    /// closes it on Escape. Once closed, the dialog leaves the page, `on_close` runs and focus
    /// returns to `opener`, the element that opened it.
    ///
    /// The dialog's ids are fixed, which is safe because a modal dialog is the only one open.
    pub fn show(self, close: &str, opener: Option<HtmlElement>, mut on_close: impl FnMut() + 'static) {
        // A form with method="dialog" closes its dialog without script.
        let form = element("form", "dialog-actions", "");
        set(&form, "method", "dialog");
        let button = element("button", "secondary", close);
        set(&button, "type", "submit");
        set(&button, "data-testid", "dialog-close");
        append(&form, &button);
        self.append(&form);

        let dialog = self.dialog.clone();
        on(&self.dialog, "close", move |_| {
            dialog.remove();
            on_close();
            if let Some(Err(error)) = opener.as_ref().map(HtmlElement::focus) {
                log::warn!("could not return focus after the dialog: {error:?}");
            }
        });
        let Some(body) = leptos::prelude::document().body() else { return };
        append(&body, &self.dialog);
        if let Err(error) = self.dialog.show_modal() {
            log::warn!("could not open the dialog: {error:?}");
        }
    }
}

/// The element whose listener received `event`, such as the button that opens a dialog.
pub fn current_target(event: &Event) -> Option<HtmlElement> {
    event.current_target().and_then(|target| target.dyn_into::<HtmlElement>().ok())
}
