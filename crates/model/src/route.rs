//! Hash routes of the app: `#/<lang>/budget/<year>[/<code>]`.
//!
//! Hash routes need no rewrite rules, so `dist/` works from any static host and any sub-path.
//! The language is always the first segment, so switching it keeps the rest of the route.

use crate::code::BudgetCode;
use crate::format::Locale;

/// A parsed location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The budget of a year (`year` is `None` for the default year), optionally at one item.
    Budget { locale: Locale, year: Option<u16>, code: Option<BudgetCode> },
    /// A path the app does not know; it keeps the language so the not-found view is translated.
    NotFound { locale: Locale },
}

impl Route {
    /// Parses `location.hash`, with or without the leading `#`.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').split('?').next().unwrap_or("");
        let segments: Vec<&str> = path.split('/').filter(|segment| !segment.is_empty()).collect();
        let Some((first, rest)) = segments.split_first() else {
            return Route::Budget { locale: Locale::DEFAULT, year: None, code: None };
        };
        let Some(locale) = Locale::from_code(first) else {
            return Route::NotFound { locale: Locale::DEFAULT };
        };
        let not_found = Route::NotFound { locale };
        match rest {
            [] => Route::Budget { locale, year: None, code: None },
            ["budget"] => Route::Budget { locale, year: None, code: None },
            ["budget", year] => match parse_year(year) {
                Some(year) => Route::Budget { locale, year: Some(year), code: None },
                None => not_found,
            },
            ["budget", year, code] => match (parse_year(year), parse_route_code(code)) {
                (Some(year), Some(code)) => Route::Budget { locale, year: Some(year), code: Some(code) },
                _ => not_found,
            },
            _ => not_found,
        }
    }

    /// The language of the route.
    pub fn locale(&self) -> Locale {
        match self {
            Route::Budget { locale, .. } | Route::NotFound { locale } => *locale,
        }
    }

    /// The same route in another language.
    pub fn with_locale(&self, locale: Locale) -> Route {
        match self.clone() {
            Route::Budget { year, code, .. } => Route::Budget { locale, year, code },
            Route::NotFound { .. } => Route::NotFound { locale },
        }
    }

    /// The hash for this route, starting with `#`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Budget { locale, year: None, .. } => format!("#/{}/budget", locale.code()),
            Route::Budget { locale, year: Some(year), code: None } => format!("#/{}/budget/{year}", locale.code()),
            Route::Budget { locale, year: Some(year), code: Some(code) } => {
                format!("#/{}/budget/{year}/{code}", locale.code())
            }
            Route::NotFound { locale } => format!("#/{}/budget", locale.code()),
        }
    }
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

    fn budget(locale: Locale, year: Option<u16>, code: Option<&str>) -> Route {
        Route::Budget { locale, year, code: code.map(|text| BudgetCode::parse(text).unwrap()) }
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
        assert_eq!(Route::parse("#/en/tenders"), Route::NotFound { locale: Locale::En });
    }

    #[test]
    fn switch_locale_keeps_place() {
        let route = Route::parse("#/he/budget/2024/20670142");
        assert_eq!(route.with_locale(Locale::Ar).to_hash(), "#/ar/budget/2024/20670142");
    }

    #[test]
    fn hash_round_trip() {
        for hash in ["#/he/budget", "#/en/budget/2005", "#/ar/budget/2005/20"] {
            assert_eq!(Route::parse(hash).to_hash(), hash);
        }
    }
}
