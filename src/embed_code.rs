//! The HTML that puts one widget of the site on another page: an `<iframe>` of an embed route
//! and the host script (`assets/embed.js`) that fits the frame's height to its content.

use budget_model::route::{EmbedView, Route};
use budget_model::BudgetCode;

/// Name of the host script in the built site.
pub const HOST_SCRIPT: &str = "embed.js";

/// Height of the frame in CSS pixels, used until the host script sets it, or for good
/// without the script. Each is about the height of the view at 600 pixels wide.
pub fn default_height(view: EmbedView) -> u32 {
    match view {
        EmbedView::Summary => 300,
        EmbedView::Chart => 620,
        EmbedView::Table => 640,
    }
}

/// The id an embed reports in its resize messages, unique per widget: `be-2014-20-chart`, or
/// `be-2014-home-table` for a year's home.
pub fn frame_id(year: u16, code: Option<&BudgetCode>, view: EmbedView) -> String {
    let code = code.map(BudgetCode::as_str).unwrap_or("home");
    format!("be-{year}-{code}-{}", view.code())
}

/// The folder of the site from the page's address (`https://host/budget/index.html` gives
/// `https://host/budget/`), where the embed routes and the host script are.
pub fn site_root(page_address: &str) -> &str {
    match page_address.rfind('/') {
        Some(end) => &page_address[..=end],
        None => page_address,
    }
}

/// The `<iframe>` of `route` (an embed route) and the `<script>` of the host script, both
/// served from `site`, which ends with `/`. `title` is the frame's accessible name.
pub fn snippet(site: &str, route: &Route, title: &str, height: u32) -> String {
    let src = escape_attribute(&format!("{site}{}", route.to_hash()));
    let title = escape_attribute(title);
    let script = escape_attribute(&format!("{site}{HOST_SCRIPT}"));
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" width=\"100%\" height=\"{height}\" style=\"border:0\" loading=\"lazy\"></iframe>\n<script src=\"{script}\" async></script>"
    )
}

/// Escapes `&`, `<`, `>` and `"` for a double-quoted HTML attribute. Budget names contain
/// quotation marks, as in the Hebrew abbreviation מע"מ.
fn escape_attribute(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use budget_model::Locale;

    use super::*;

    fn chart_route() -> Route {
        Route::Embed {
            locale: Locale::He,
            year: 2014,
            code: Some(BudgetCode::parse("20").unwrap()),
            view: EmbedView::Chart,
            snapshot: Some("c9b3009bb7832047".into()),
            frame: Some("be-2014-20-chart".into()),
        }
    }

    #[test]
    fn snippet_has_frame_and_script() {
        let code = snippet("https://example.org/budget/", &chart_route(), "חינוך, סייר התקציב", 620);
        assert_eq!(
            code,
            "<iframe src=\"https://example.org/budget/#/he/embed/budget/2014/20?view=chart&amp;snapshot=c9b3009bb7832047&amp;id=be-2014-20-chart\" \
             title=\"חינוך, סייר התקציב\" width=\"100%\" height=\"620\" style=\"border:0\" loading=\"lazy\"></iframe>\n\
             <script src=\"https://example.org/budget/embed.js\" async></script>"
        );
    }

    #[test]
    fn snippet_escapes_title() {
        let code = snippet("https://example.org/", &chart_route(), "מע\"מ <b>", 300);
        assert!(code.contains("title=\"מע&quot;מ &lt;b&gt;\""), "{code}");
    }

    #[test]
    fn site_root_drops_file_name() {
        assert_eq!(site_root("https://example.org/budget/index.html"), "https://example.org/budget/");
        assert_eq!(site_root("http://127.0.0.1:8080/"), "http://127.0.0.1:8080/");
    }

    #[test]
    fn frame_ids() {
        let section = BudgetCode::parse("20").unwrap();
        assert_eq!(frame_id(2014, Some(&section), EmbedView::Chart), "be-2014-20-chart");
        assert_eq!(frame_id(2014, None, EmbedView::Table), "be-2014-home-table");
    }
}
