//! Hash routes of the app.
//!
//! - `#/<lang>/budget/<year>[/<code>]`: the explorer's pages.
//! - `#/<lang>/embed/budget/<year>[/<code>]?view=chart|table|summary`: one widget of a page,
//!   for an `<iframe>` on another site.
//!
//! - `#/<lang>/contracts/<year>/<code>`: contracts and supports paid from a budget item.
//! - `#/<lang>/entity/<id>`: a supplier or support recipient.
//! - `#/<lang>/publisher/<id>`: the procurement of one ministry or other publisher.
//! - `#/<lang>/tenders?<filters>` and `#/<lang>/exemptions?<filters>`: the lists.
//! - `#/<lang>/search?q=<text>`: search results.
//!
//! All but search accept `snapshot=<id>` in the query, which pins a citation to the snapshot its
//! figures came from; an embed also accepts `id=<frame id>`, which it echoes in its resize
//! messages. List filters are percent-encoded `name=value` pairs that the route keeps in order.
//!
//! Hash routes need no rewrite rules, so `dist/` works from any static host and any sub-path.
//! The language is always the first segment, so switching it keeps the rest of the route.

use crate::code::BudgetCode;
use crate::format::Locale;

/// Which part of a budget page an embed shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EmbedView {
    /// The chart, with its data table as the text alternative.
    Chart,
    /// The table of the items one level down (the sections, on a year's home).
    Table,
    /// The amounts of the item (the totals, on a year's home).
    Summary,
}

impl EmbedView {
    /// All views, in the order the pages offer them.
    pub const ALL: [EmbedView; 3] = [EmbedView::Summary, EmbedView::Chart, EmbedView::Table];

    /// The value of `view=` in the route.
    pub fn code(self) -> &'static str {
        match self {
            EmbedView::Chart => "chart",
            EmbedView::Table => "table",
            EmbedView::Summary => "summary",
        }
    }

    /// The view with this `view=` value.
    pub fn from_code(code: &str) -> Option<EmbedView> {
        EmbedView::ALL.into_iter().find(|view| view.code() == code)
    }
}

/// A parsed location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The budget of a year (`year` is `None` for the default year), optionally at one item.
    Budget {
        locale: Locale,
        year: Option<u16>,
        code: Option<BudgetCode>,
        /// The snapshot a citation was made from, when the link pins one.
        snapshot: Option<String>,
    },
    /// One widget of a budget page, alone, for an `<iframe>`.
    Embed {
        locale: Locale,
        year: u16,
        /// The item, or `None` for the year's home.
        code: Option<BudgetCode>,
        view: EmbedView,
        /// The snapshot the embed was made from.
        snapshot: Option<String>,
        /// Identifier that the host page gave the frame, echoed in resize messages.
        frame: Option<String>,
    },
    /// Contracts and supports paid from `code` in `year`.
    Contracts { locale: Locale, year: u16, code: BudgetCode, snapshot: Option<String> },
    /// A supplier or support recipient: a registration number or a name id (`n` + 12 hex digits).
    Entity { locale: Locale, id: String, snapshot: Option<String> },
    /// The procurement of one publisher (`p` + 8 hex digits, see `procurement::publisher_id`).
    Publisher { locale: Locale, id: String, snapshot: Option<String> },
    /// The tenders list with its filters.
    Tenders { locale: Locale, filters: QueryParams, snapshot: Option<String> },
    /// The exemptions list with its filters.
    Exemptions { locale: Locale, filters: QueryParams, snapshot: Option<String> },
    /// Search results for `query` (empty before the user types).
    Search { locale: Locale, query: String },
    /// A path the app does not know; it keeps the language so the not-found view is translated.
    NotFound { locale: Locale },
}

/// The `name=value` pairs of a list route's query, percent-decoded, in the order written,
/// without `snapshot`. What each name means is up to the page that reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryParams(Vec<(String, String)>);

impl QueryParams {
    /// Parses `a=1&b=%D7%90`; pairs without `=`, with an empty name, or named `snapshot` are
    /// left out.
    pub fn parse(query: &str) -> QueryParams {
        let pairs = query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(name, value)| (percent_decode(name), percent_decode(value)))
            .filter(|(name, _)| !name.is_empty() && name != "snapshot")
            .collect();
        QueryParams(pairs)
    }

    /// The value of the first pair named `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// Returns these pairs with `name` set to `value`, in place of any earlier value, or
    /// removed when `value` is `None` or empty.
    pub fn with(&self, name: &str, value: Option<&str>) -> QueryParams {
        let mut pairs: Vec<(String, String)> = self.0.iter().filter(|(key, _)| key != name).cloned().collect();
        if let Some(value) = value.filter(|value| !value.is_empty()) {
            pairs.push((name.to_string(), value.to_string()));
        }
        QueryParams(pairs)
    }

    /// The pairs, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// `a=1&b=%D7%90`, percent-encoding everything but ASCII letters, digits and `-._~`.
    pub fn encode(&self) -> String {
        let pairs: Vec<String> =
            self.0.iter().map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value))).collect();
        pairs.join("&")
    }
}

impl Route {
    /// The unpinned page of `year` (the default year when `None`), at `code` when given.
    pub fn budget(locale: Locale, year: Option<u16>, code: Option<BudgetCode>) -> Route {
        Route::Budget { locale, year, code, snapshot: None }
    }

    /// Parses `location.hash`, with or without the leading `#`.
    pub fn parse(hash: &str) -> Route {
        let hash = hash.trim_start_matches('#');
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let segments: Vec<&str> = path.split('/').filter(|segment| !segment.is_empty()).collect();
        let Some((first, rest)) = segments.split_first() else {
            return Route::Budget { locale: Locale::DEFAULT, year: None, code: None, snapshot: None };
        };
        let Some(locale) = Locale::from_code(first) else {
            return Route::NotFound { locale: Locale::DEFAULT };
        };
        let snapshot = query_value(query, "snapshot").filter(|id| is_snapshot_id(id)).map(str::to_string);
        let budget = |year: Option<u16>, code: Option<BudgetCode>| Route::Budget { locale, year, code, snapshot: snapshot.clone() };
        let not_found = Route::NotFound { locale };
        match rest {
            [] | ["budget"] => budget(None, None),
            ["budget", year] => match parse_year(year) {
                Some(year) => budget(Some(year), None),
                None => not_found,
            },
            ["budget", year, code] => match (parse_year(year), parse_route_code(code)) {
                (Some(year), Some(code)) => budget(Some(year), Some(code)),
                _ => not_found,
            },
            ["embed", "budget", year, code @ ..] if code.len() <= 1 => {
                let code = match code.first() {
                    Some(text) => match parse_route_code(text) {
                        Some(code) => Some(code),
                        None => return not_found,
                    },
                    None => None,
                };
                // A missing view shows the summary; an unknown one is a broken link.
                let view = match query_value(query, "view") {
                    None => Some(EmbedView::Summary),
                    Some(text) => EmbedView::from_code(text),
                };
                let frame = query_value(query, "id").filter(|id| is_frame_id(id)).map(str::to_string);
                match (parse_year(year), view) {
                    (Some(year), Some(view)) => Route::Embed { locale, year, code, view, snapshot, frame },
                    _ => not_found,
                }
            }
            ["contracts", year, code] => match (parse_year(year), parse_route_code(code)) {
                (Some(year), Some(code)) => Route::Contracts { locale, year, code, snapshot },
                _ => not_found,
            },
            ["entity", id] if is_entity_id(id) => Route::Entity { locale, id: id.to_string(), snapshot },
            ["publisher", id] if is_publisher_id(id) => Route::Publisher { locale, id: id.to_string(), snapshot },
            ["tenders"] => Route::Tenders { locale, filters: QueryParams::parse(query), snapshot },
            ["exemptions"] => Route::Exemptions { locale, filters: QueryParams::parse(query), snapshot },
            ["search"] => {
                let query = QueryParams::parse(query).get("q").unwrap_or_default().to_string();
                Route::Search { locale, query }
            }
            _ => not_found,
        }
    }

    /// The language of the route.
    pub fn locale(&self) -> Locale {
        match self {
            Route::Budget { locale, .. }
            | Route::Embed { locale, .. }
            | Route::Contracts { locale, .. }
            | Route::Entity { locale, .. }
            | Route::Publisher { locale, .. }
            | Route::Tenders { locale, .. }
            | Route::Exemptions { locale, .. }
            | Route::Search { locale, .. }
            | Route::NotFound { locale } => *locale,
        }
    }

    fn snapshot_slot(&mut self) -> Option<&mut Option<String>> {
        match self {
            Route::Budget { snapshot, .. }
            | Route::Embed { snapshot, .. }
            | Route::Contracts { snapshot, .. }
            | Route::Entity { snapshot, .. }
            | Route::Publisher { snapshot, .. }
            | Route::Tenders { snapshot, .. }
            | Route::Exemptions { snapshot, .. } => Some(snapshot),
            Route::Search { .. } | Route::NotFound { .. } => None,
        }
    }

    /// The snapshot the route pins, if any.
    pub fn snapshot(&self) -> Option<&str> {
        match self {
            Route::Budget { snapshot, .. }
            | Route::Embed { snapshot, .. }
            | Route::Contracts { snapshot, .. }
            | Route::Entity { snapshot, .. }
            | Route::Publisher { snapshot, .. }
            | Route::Tenders { snapshot, .. }
            | Route::Exemptions { snapshot, .. } => snapshot.as_deref(),
            Route::Search { .. } | Route::NotFound { .. } => None,
        }
    }

    /// The same route in another language.
    pub fn with_locale(&self, locale: Locale) -> Route {
        let mut route = self.clone();
        match &mut route {
            Route::Budget { locale: old, .. }
            | Route::Embed { locale: old, .. }
            | Route::Contracts { locale: old, .. }
            | Route::Entity { locale: old, .. }
            | Route::Publisher { locale: old, .. }
            | Route::Tenders { locale: old, .. }
            | Route::Exemptions { locale: old, .. }
            | Route::Search { locale: old, .. }
            | Route::NotFound { locale: old } => *old = locale,
        }
        route
    }

    /// The same route pinned to `snapshot`, or unpinned when `None`. Search and not-found
    /// routes have no snapshot and stay as they are.
    pub fn with_snapshot(&self, snapshot: Option<&str>) -> Route {
        let mut route = self.clone();
        if let Some(slot) = route.snapshot_slot() {
            *slot = snapshot.map(str::to_string);
        }
        route
    }

    /// The hash for this route, starting with `#`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Budget { locale, year, code, snapshot } => {
                let mut hash = format!("#/{}/budget", locale.code());
                push_year_and_code(&mut hash, *year, code.as_ref());
                if let Some(snapshot) = snapshot {
                    hash.push_str("?snapshot=");
                    hash.push_str(snapshot);
                }
                hash
            }
            Route::Embed { locale, year, code, view, snapshot, frame } => {
                let mut hash = format!("#/{}/embed/budget", locale.code());
                push_year_and_code(&mut hash, Some(*year), code.as_ref());
                hash.push_str("?view=");
                hash.push_str(view.code());
                for (name, value) in [("snapshot", snapshot), ("id", frame)] {
                    if let Some(value) = value {
                        hash.push_str(&format!("&{name}={value}"));
                    }
                }
                hash
            }
            Route::Contracts { locale, year, code, snapshot } => {
                with_snapshot_query(format!("#/{}/contracts/{year}/{code}", locale.code()), snapshot)
            }
            Route::Entity { locale, id, snapshot } => with_snapshot_query(format!("#/{}/entity/{id}", locale.code()), snapshot),
            Route::Publisher { locale, id, snapshot } => {
                with_snapshot_query(format!("#/{}/publisher/{id}", locale.code()), snapshot)
            }
            Route::Tenders { locale, filters, snapshot } => list_hash(*locale, "tenders", filters, snapshot),
            Route::Exemptions { locale, filters, snapshot } => list_hash(*locale, "exemptions", filters, snapshot),
            Route::Search { locale, query } => {
                let hash = format!("#/{}/search", locale.code());
                match query.is_empty() {
                    true => hash,
                    false => format!("{hash}?{}", QueryParams::default().with("q", Some(query)).encode()),
                }
            }
            Route::NotFound { locale } => format!("#/{}/budget", locale.code()),
        }
    }
}

fn with_snapshot_query(mut hash: String, snapshot: &Option<String>) -> String {
    if let Some(snapshot) = snapshot {
        hash.push_str("?snapshot=");
        hash.push_str(snapshot);
    }
    hash
}

fn list_hash(locale: Locale, list: &str, filters: &QueryParams, snapshot: &Option<String>) -> String {
    let mut hash = format!("#/{}/{list}", locale.code());
    let mut query = filters.encode();
    if let Some(snapshot) = snapshot {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str("snapshot=");
        query.push_str(snapshot);
    }
    if !query.is_empty() {
        hash.push('?');
        hash.push_str(&query);
    }
    hash
}

fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => encoded.push(byte as char),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// Decodes `%XX` escapes and `+` as a space; a broken escape is kept as written, and bytes that
/// do not form UTF-8 become U+FFFD.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = bytes.get(at + 1..at + 3).and_then(|pair| std::str::from_utf8(pair).ok());
        match (bytes[at], hex.and_then(|pair| u8::from_str_radix(pair, 16).ok())) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                at += 3;
            }
            (b'+', _) => {
                decoded.push(b' ');
                at += 1;
            }
            (byte, _) => {
                decoded.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// An entity id is a nine-digit registration number or `n` and 12 lower-case hex digits.
fn is_entity_id(text: &str) -> bool {
    let hex = |rest: &str, len: usize| rest.len() == len && rest.bytes().all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'));
    (text.len() == 9 && text.bytes().all(|byte| byte.is_ascii_digit())) || text.strip_prefix('n').is_some_and(|rest| hex(rest, 12))
}

/// A publisher id is `p` and 8 lower-case hex digits.
fn is_publisher_id(text: &str) -> bool {
    text.strip_prefix('p').is_some_and(|rest| rest.len() == 8 && rest.bytes().all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f')))
}

fn push_year_and_code(hash: &mut String, year: Option<u16>, code: Option<&BudgetCode>) {
    if let Some(year) = year {
        hash.push_str(&format!("/{year}"));
        if let Some(code) = code {
            hash.push('/');
            hash.push_str(code.as_str());
        }
    }
}

/// The value of the first `name=value` pair of `query` (`a=1&b=2`) with this name. Values are
/// taken as written: the route's values need no percent-decoding.
fn query_value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query.split('&').find_map(|pair| pair.split_once('=').filter(|(key, _)| *key == name).map(|(_, value)| value))
}

/// A snapshot id is 16 lower-case hex digits (see `Manifest::snapshot_id`).
fn is_snapshot_id(text: &str) -> bool {
    text.len() == 16 && text.bytes().all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
}

/// A frame id is 1 to 64 ASCII letters, digits, `-` or `_`, so it is safe in a URL and in
/// markup without escaping.
fn is_frame_id(text: &str) -> bool {
    (1..=64).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_'))
}

fn parse_year(text: &str) -> Option<u16> {
    if text.len() != 4 {
        return None;
    }
    text.parse().ok()
}

/// Route codes are plain digits only, so `20-67` is not a permalink.
fn parse_route_code(text: &str) -> Option<BudgetCode> {
    if !text.chars().all(|ch| ch.is_ascii_digit()) {
        return None;
    }
    BudgetCode::parse(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNAPSHOT: &str = "c9b3009bb7832047";

    fn budget(locale: Locale, year: Option<u16>, code: Option<&str>) -> Route {
        Route::budget(locale, year, code.map(|text| BudgetCode::parse(text).unwrap()))
    }

    fn embed(locale: Locale, year: u16, code: Option<&str>, view: EmbedView) -> Route {
        Route::Embed {
            locale,
            year,
            code: code.map(|text| BudgetCode::parse(text).unwrap()),
            view,
            snapshot: None,
            frame: None,
        }
    }

    #[test]
    fn parse_budget_routes() {
        assert_eq!(Route::parse(""), budget(Locale::He, None, None));
        assert_eq!(Route::parse("#/"), budget(Locale::He, None, None));
        assert_eq!(Route::parse("#/en"), budget(Locale::En, None, None));
        assert_eq!(Route::parse("#/ar/budget/2014"), budget(Locale::Ar, Some(2014), None));
        assert_eq!(Route::parse("#/he/budget/2014/20241447"), budget(Locale::He, Some(2014), Some("20241447")));
        assert_eq!(Route::parse("#/he/budget/2014/00"), budget(Locale::He, Some(2014), Some("00")));
    }

    #[test]
    fn parse_unknown_routes() {
        assert_eq!(Route::parse("#/fr/budget"), Route::NotFound { locale: Locale::He });
        assert_eq!(Route::parse("#/en/budget/14"), Route::NotFound { locale: Locale::En });
        assert_eq!(Route::parse("#/en/budget/2014/206"), Route::NotFound { locale: Locale::En });
        assert_eq!(Route::parse("#/en/budget/2014/20-67"), Route::NotFound { locale: Locale::En });
        assert_eq!(Route::parse("#/en/tender"), Route::NotFound { locale: Locale::En });
        assert_eq!(Route::parse("#/en/entity/12345"), Route::NotFound { locale: Locale::En });
        assert_eq!(Route::parse("#/en/entity/N0123456789AB"), Route::NotFound { locale: Locale::En });
        assert_eq!(Route::parse("#/en/publisher/p123"), Route::NotFound { locale: Locale::En });
        assert_eq!(Route::parse("#/en/contracts/2014"), Route::NotFound { locale: Locale::En });
    }

    #[test]
    fn switch_locale_keeps_place() {
        let route = Route::parse("#/he/budget/2024/20670142");
        assert_eq!(route.with_locale(Locale::Ar).to_hash(), "#/ar/budget/2024/20670142");
        let embed = Route::parse("#/he/embed/budget/2024/20?view=table&snapshot=c9b3009bb7832047");
        assert_eq!(
            embed.with_locale(Locale::En).to_hash(),
            "#/en/embed/budget/2024/20?view=table&snapshot=c9b3009bb7832047"
        );
    }

    #[test]
    fn hash_round_trip() {
        for hash in [
            "#/he/budget",
            "#/en/budget/2005",
            "#/ar/budget/2005/20",
            "#/he/budget/2014/20?snapshot=c9b3009bb7832047",
            "#/en/embed/budget/2014?view=chart",
            "#/he/embed/budget/2014/2024?view=summary&snapshot=c9b3009bb7832047&id=frame-1",
        ] {
            assert_eq!(Route::parse(hash).to_hash(), hash);
        }
    }

    #[test]
    fn parse_pinned_snapshot() {
        let route = Route::parse(&format!("#/he/budget/2014/20?snapshot={SNAPSHOT}"));
        assert_eq!(route.snapshot(), Some(SNAPSHOT));
        assert_eq!(route.with_snapshot(None), budget(Locale::He, Some(2014), Some("20")));
        // Not a snapshot id: the link still opens its page, unpinned.
        assert_eq!(Route::parse("#/he/budget/2014?snapshot=C9B3"), budget(Locale::He, Some(2014), None));
        assert_eq!(Route::parse("#/he/budget/2014?snapshot=<b>").snapshot(), None);
    }

    #[test]
    fn with_snapshot_pins_budget_route() {
        let route = Route::parse("#/en/budget/2014/20").with_snapshot(Some(SNAPSHOT));
        assert_eq!(route.to_hash(), format!("#/en/budget/2014/20?snapshot={SNAPSHOT}"));
        let not_found = Route::NotFound { locale: Locale::En };
        assert_eq!(not_found.with_snapshot(Some(SNAPSHOT)), not_found);
    }

    #[test]
    fn parse_embed_routes() {
        assert_eq!(
            Route::parse("#/he/embed/budget/2014/20?view=chart"),
            embed(Locale::He, 2014, Some("20"), EmbedView::Chart)
        );
        assert_eq!(Route::parse("#/en/embed/budget/2014?view=table"), embed(Locale::En, 2014, None, EmbedView::Table));
        assert_eq!(Route::parse("#/ar/embed/budget/2014/2024"), embed(Locale::Ar, 2014, Some("2024"), EmbedView::Summary));
    }

    #[test]
    fn parse_embed_query_values() {
        let route = Route::parse(&format!("#/he/embed/budget/2014/20?id=story_2&view=table&snapshot={SNAPSHOT}"));
        let Route::Embed { view, snapshot, frame, .. } = route else { panic!("not an embed: {route:?}") };
        assert_eq!(view, EmbedView::Table);
        assert_eq!(snapshot.as_deref(), Some(SNAPSHOT));
        assert_eq!(frame.as_deref(), Some("story_2"));

        let route = Route::parse("#/he/embed/budget/2014/20?view=chart&id=a%22b");
        assert!(matches!(route, Route::Embed { frame: None, .. }), "unsafe frame id kept: {route:?}");
    }

    #[test]
    fn parse_broken_embed_routes() {
        let not_found = Route::NotFound { locale: Locale::En };
        assert_eq!(Route::parse("#/en/embed/budget/2014/20?view=map"), not_found);
        assert_eq!(Route::parse("#/en/embed/budget?view=chart"), not_found);
        assert_eq!(Route::parse("#/en/embed/budget/2014/206?view=chart"), not_found);
        assert_eq!(Route::parse("#/en/embed/budget/2014/20/21?view=chart"), not_found);
        assert_eq!(Route::parse("#/en/embed/2014/20"), not_found);
    }

    #[test]
    fn parse_procurement_routes() {
        assert_eq!(
            Route::parse("#/he/contracts/2015/36"),
            Route::Contracts { locale: Locale::He, year: 2015, code: BudgetCode::parse("36").unwrap(), snapshot: None }
        );
        assert_eq!(
            Route::parse(&format!("#/ar/entity/512345678?snapshot={SNAPSHOT}")),
            Route::Entity { locale: Locale::Ar, id: "512345678".into(), snapshot: Some(SNAPSHOT.into()) }
        );
        assert!(matches!(Route::parse("#/en/entity/n0123456789ab"), Route::Entity { .. }));
        assert!(matches!(Route::parse("#/en/publisher/p01ab23cd"), Route::Publisher { .. }));
    }

    #[test]
    fn list_filters_round_trip() {
        let route = Route::parse(&format!("#/he/tenders?publisher=%D7%9E%D7%A9%D7%A8%D7%93&year=2024&snapshot={SNAPSHOT}"));
        let Route::Tenders { filters, snapshot, .. } = &route else { panic!("not a list: {route:?}") };
        assert_eq!(filters.get("publisher"), Some("משרד"));
        assert_eq!(filters.get("year"), Some("2024"));
        assert_eq!(filters.get("snapshot"), None);
        assert_eq!(snapshot.as_deref(), Some(SNAPSHOT));
        assert_eq!(route.to_hash(), format!("#/he/tenders?publisher=%D7%9E%D7%A9%D7%A8%D7%93&year=2024&snapshot={SNAPSHOT}"));

        let filters = filters.with("year", None).with("status", Some("open"));
        assert_eq!(filters.encode(), "publisher=%D7%9E%D7%A9%D7%A8%D7%93&status=open");
        assert_eq!(QueryParams::parse("a=%ZZ&b=x+y&=1&c").pairs(), [("a".into(), "%ZZ".into()), ("b".into(), "x y".into())]);
    }

    #[test]
    fn search_route_keeps_query() {
        let route = Route::parse("#/en/search?q=%D7%95%D7%AA%D7%A2%D7%A9+1");
        assert_eq!(route, Route::Search { locale: Locale::En, query: "ותעש 1".into() });
        assert_eq!(route.to_hash(), "#/en/search?q=%D7%95%D7%AA%D7%A2%D7%A9%201");
        assert_eq!(route.with_locale(Locale::Ar).with_snapshot(Some(SNAPSHOT)).locale(), Locale::Ar);
        assert_eq!(Route::parse("#/he/search").to_hash(), "#/he/search");
    }

    #[test]
    fn embed_view_codes() {
        for view in EmbedView::ALL {
            assert_eq!(EmbedView::from_code(view.code()), Some(view));
        }
        assert_eq!(EmbedView::from_code("map"), None);
    }
}
