//! The marker for a figure the source does not have.

use leptos::prelude::*;

use crate::i18n::td;
use crate::locale::use_i18n;

/// "No data", styled apart from any amount so that it never reads as zero.
#[component]
pub fn NoData() -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class="no-data" data-testid="no-data">{td!(i18n.get(), no_data)}</span> }
}
