//! The banner that offers a newer snapshot found on the server.

use leptos::prelude::*;

use crate::browser;
use crate::data::DataStore;
use crate::i18n::{td, td_string};
use crate::locale::{isolate, use_i18n};

/// When the server offers another snapshot than the one in use, a banner that states it, with
/// a button that reloads the page on the new data and one that hides the banner until the
/// server changes again. The page never switches by itself, so the figures a reader is looking
/// at do not change under them.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let store = DataStore::use_store();
    let (latest, loaded) = (store.latest(), store.snapshot());
    let dismissed = RwSignal::new(None::<String>);
    // The button goes away with the banner, so focus moves on to the page's content.
    let on_later = move |id: String| {
        dismissed.set(Some(id));
        browser::focus_main();
    };
    let newer = move || {
        let latest = latest.get()?;
        let loaded = loaded.get()?;
        (latest.id != loaded.id && dismissed.with(|id| id.as_ref() != Some(&latest.id))).then_some(latest)
    };
    let banner = move || {
        newer().map(|info| {
            let text = td_string!(i18n.get(), update_available, id = isolate(&info.id), date = isolate(info.date()));
            let later = info.id.clone();
            view! {
                <div class="update-banner" data-testid="update-banner">
                    <p>{text.to_string()}</p>
                    <button type="button" class="primary" data-testid="update-switch" on:click=|_| browser::reload()>
                        {td!(i18n.get(), update_switch)}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| on_later(later.clone())>
                        {td!(i18n.get(), update_later)}
                    </button>
                </div>
            }
        })
    };
    // The live region stays in the page, so that screen readers announce the banner when it
    // appears.
    view! { <div role="status" class="update-region">{banner}</div> }
}
