#[allow(missing_docs)]
pub mod i18n {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}
use leptos::prelude::*;
pub fn mount() {
    leptos::mount::mount_to_body(|| view! { <p>"x"</p> });
}
