//! Steps after the Trunk build: the web manifest, and a check that the page runs no inline
//! script, which its Content-Security-Policy would block.

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde_json::{json, Map, Value};

use crate::paths;

/// Locale files, the default language first: its texts are the manifest's own, the others go
/// to `translations`.
const LOCALES: [(&str, &str); 3] = [("he", "rtl"), ("ar", "rtl"), ("en", "ltr")];

/// Writes `manifest.webmanifest` into `dist` and checks `dist/index.html`.
pub fn finish(dist: &Path) -> Result<()> {
    write_web_manifest(dist)?;
    check_no_inline_script(&dist.join("index.html"))
}

/// Writes the web manifest with the app's name and tagline from the locale files, so that the
/// installed app has the same names as the site.
fn write_web_manifest(dist: &Path) -> Result<()> {
    let mut texts = Vec::new();
    for (locale, _) in LOCALES {
        let path = paths::workspace().join(format!("locales/{locale}.json"));
        let json = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let strings: Map<String, Value> =
            serde_json::from_str(&json).with_context(|| format!("{} is not a JSON object", path.display()))?;
        let text = |key: &str| -> Result<String> {
            strings
                .get(key)
                .and_then(Value::as_str)
                .map(str::to_string)
                .with_context(|| format!("{} has no text {key}", path.display()))
        };
        texts.push((locale, text("app_title")?, text("app_tagline")?));
    }
    let (default_locale, default_dir) = LOCALES[0];
    let (_, name, description) = &texts[0];
    let translations: Map<String, Value> = texts[1..]
        .iter()
        .map(|(locale, name, description)| {
            (locale.to_string(), json!({ "name": name, "short_name": name, "description": description }))
        })
        .collect();
    let manifest = json!({
        "name": name,
        "short_name": name,
        "description": description,
        "lang": default_locale,
        "dir": default_dir,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5cad",
        "icons": [{ "src": "icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any" }],
        "translations": translations,
    });
    let path = dist.join("manifest.webmanifest");
    let text = serde_json::to_string_pretty(&manifest).expect("a JSON value serialises");
    std::fs::write(&path, text + "\n").with_context(|| format!("writing {}", path.display()))
}

/// Fails when the built page has a `<script>` without `src`: Trunk writes its loader inline
/// unless Trunk.toml sets `pattern_script`, and the page's policy (`script-src 'self'`) would
/// stop the app from starting.
fn check_no_inline_script(index: &Path) -> Result<()> {
    let html = std::fs::read_to_string(index).with_context(|| format!("reading {}", index.display()))?;
    let lower = html.to_ascii_lowercase();
    for (offset, _) in lower.match_indices("<script") {
        let tag_end = lower[offset..].find('>').map(|end| offset + end).unwrap_or(lower.len());
        if !lower[offset..tag_end].contains("src=") {
            bail!("{} has an inline <script> at byte {offset}, which its Content-Security-Policy blocks", index.display());
        }
    }
    if !lower.contains("content-security-policy") {
        bail!("{} has no Content-Security-Policy", index.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str) -> Result<()> {
        let dir = std::env::temp_dir().join(format!("xtask-site-{}-{}", std::process::id(), html.len()));
        std::fs::create_dir_all(&dir).unwrap();
        let index = dir.join("index.html");
        std::fs::write(&index, html).unwrap();
        let result = check_no_inline_script(&index);
        std::fs::remove_dir_all(&dir).ok();
        result
    }

    const POLICY: &str = r#"<meta http-equiv=Content-Security-Policy content="default-src 'self'">"#;

    #[test]
    fn external_scripts_pass() {
        assert!(check(&format!(r#"{POLICY}<script type=module src=./boot-0123.js integrity=sha384-x></script>"#)).is_ok());
    }

    #[test]
    fn inline_script_fails() {
        let error = check(&format!("{POLICY}<script type=module>import init from './app.js';</script>")).unwrap_err();
        assert!(error.to_string().contains("inline <script>"), "{error}");
    }

    #[test]
    fn missing_policy_fails() {
        assert!(check("<script src=./boot.js></script>").is_err());
    }

    #[test]
    fn web_manifest_from_locales() {
        let dir = std::env::temp_dir().join(format!("xtask-manifest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        write_web_manifest(&dir).unwrap();
        let manifest: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.webmanifest")).unwrap()).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(manifest["name"], "סייר התקציב");
        assert_eq!(manifest["lang"], "he");
        assert_eq!(manifest["dir"], "rtl");
        assert_eq!(manifest["start_url"], "./");
        assert_eq!(manifest["translations"]["en"]["name"], "Budget Explorer");
        assert_eq!(manifest["translations"]["ar"]["name"], "مستكشف الميزانية");
    }
}
