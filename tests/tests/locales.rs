//! The three locale files carry the same keys, none of them empty.

use std::collections::BTreeSet;

fn keys(prefix: &str, value: &serde_json::Value, out: &mut BTreeSet<String>, empty: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                keys(&path, child, out, empty);
            }
        }
        serde_json::Value::String(text) if text.trim().is_empty() => {
            empty.push(prefix.to_string());
            out.insert(prefix.to_string());
        }
        _ => {
            out.insert(prefix.to_string());
        }
    }
}

fn locale_keys(locale: &str) -> (BTreeSet<String>, Vec<String>) {
    let path = browser_tests::crate_dir().join(format!("../locales/{locale}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{} is not valid JSON: {error}", path.display()));
    let (mut found, mut empty) = (BTreeSet::new(), Vec::new());
    keys("", &json, &mut found, &mut empty);
    (found, empty)
}

#[test]
fn locales_have_same_keys() {
    let (hebrew, _) = locale_keys("he");
    for locale in ["ar", "en"] {
        let (other, _) = locale_keys(locale);
        let missing: Vec<_> = hebrew.difference(&other).collect();
        let extra: Vec<_> = other.difference(&hebrew).collect();
        assert!(missing.is_empty(), "{locale}.json lacks keys of he.json: {missing:?}");
        assert!(extra.is_empty(), "{locale}.json has keys that he.json lacks: {extra:?}");
    }
}

#[test]
fn locales_have_no_empty_strings() {
    for locale in ["he", "ar", "en"] {
        let (_, empty) = locale_keys(locale);
        assert!(empty.is_empty(), "{locale}.json has empty strings at {empty:?}");
    }
}
