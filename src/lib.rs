//! Budget Explorer: a client-side explorer of Israel's state budget.
//!
//! The app reads a static snapshot (see `budget_model::snapshot`) relative to the page, so the
//! built site works from any static host and any sub-path. Routes live in the location hash.

// The generated file declares `pub mod i18n` (locales, keys, `t!` and friends) from
// `locales/*.json`; see build.rs.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod app;
pub mod browser;
pub mod charts;
pub mod components;
pub mod copy_dialog;
pub mod data;
pub mod dom;
pub mod download;
pub mod embed_code;
pub mod embed_frame;
pub mod labels;
pub mod locale;
pub mod offline;
pub mod router;
pub mod routes;

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
