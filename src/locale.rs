//! The interface language, derived from the route and shared through context.
//!
//! The route is the only source of the language, so the app does not use leptos_i18n's
//! context provider, which would also detect the browser's languages and bring ICU locale
//! matching into the wasm. Texts are looked up with `td!` and `td_string!` in the language
//! of [`use_i18n`], which re-renders them when the route's language changes.

use budget_model::route::Route;
use budget_model::Locale;
use leptos::prelude::*;

use crate::i18n;

#[derive(Clone, Copy)]
struct CurrentLocale {
    model: Memo<Locale>,
    i18n: Memo<i18n::Locale>,
}

/// Provides the language of `route` to every component below.
pub fn provide_locale(route: ReadSignal<Route>) {
    let model = Memo::new(move |_| route.with(Route::locale));
    let i18n = Memo::new(move |_| i18n_locale(model.get()));
    provide_context(CurrentLocale { model, i18n });
}

/// Returns the current interface language, for number formatting and routes.
pub fn use_locale() -> Memo<Locale> {
    expect_context::<CurrentLocale>().model
}

/// Returns the current interface language as leptos_i18n's locale, for `td!` and
/// `td_string!`.
pub fn use_i18n() -> Memo<i18n::Locale> {
    expect_context::<CurrentLocale>().i18n
}

/// Converts a model locale to leptos_i18n's locale.
pub fn i18n_locale(locale: Locale) -> i18n::Locale {
    match locale {
        Locale::He => i18n::Locale::he,
        Locale::Ar => i18n::Locale::ar,
        Locale::En => i18n::Locale::en,
    }
}

/// Wraps `text` in Unicode isolates (U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL
/// ISOLATE), the plain-text form of `<bdi>`. An id, a date or a file name placed in a
/// translated sentence then keeps its own direction and leaves the words around it in order.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::Value;

    const LOCALE_FILES: [(&str, &str); 3] = [
        ("he", include_str!("../locales/he.json")),
        ("ar", include_str!("../locales/ar.json")),
        ("en", include_str!("../locales/en.json")),
    ];

    /// Returns every key of one locale file with the sorted placeholders (`{{ name }}`) of its
    /// text.
    fn keys_and_placeholders(json: &str) -> BTreeMap<String, Vec<String>> {
        let Value::Object(entries) = serde_json::from_str(json).unwrap() else { panic!("not an object") };
        entries
            .into_iter()
            .map(|(key, text)| {
                let text = text.as_str().unwrap().to_string();
                let mut placeholders: Vec<String> = text
                    .split("{{")
                    .skip(1)
                    .filter_map(|rest| rest.split_once("}}").map(|(name, _)| name.trim().to_string()))
                    .collect();
                placeholders.sort();
                placeholders.dedup();
                (key, placeholders)
            })
            .collect()
    }

    #[test]
    fn locales_have_same_keys_and_placeholders() {
        let (_, default) = LOCALE_FILES[0];
        let expected = keys_and_placeholders(default);
        for (locale, json) in &LOCALE_FILES[1..] {
            let actual = keys_and_placeholders(json);
            let expected_keys: Vec<&String> = expected.keys().collect();
            let actual_keys: Vec<&String> = actual.keys().collect();
            assert_eq!(actual_keys, expected_keys, "keys of {locale}.json");
            for (key, placeholders) in &expected {
                assert_eq!(&actual[key], placeholders, "placeholders of {key} in {locale}.json");
            }
        }
    }

    #[test]
    fn texts_have_no_stray_spaces() {
        for (locale, json) in LOCALE_FILES {
            for (key, value) in serde_json::from_str::<BTreeMap<String, String>>(json).unwrap() {
                assert_eq!(value.trim(), value, "{key} in {locale}.json");
                assert!(!value.contains("  "), "double space in {key} of {locale}.json");
            }
        }
    }
}
