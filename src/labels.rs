//! Names of model enums: translated ones for text and attributes, and fixed ones for markup.

use budget_model::{Level, Phase};

use crate::i18n::{td_string, Locale};

/// Name of a budget phase, such as "Executed".
pub fn phase_name(locale: Locale, phase: Phase) -> &'static str {
    match phase {
        Phase::Original => td_string!(locale, phase_original),
        Phase::Revised => td_string!(locale, phase_revised),
        Phase::Executed => td_string!(locale, phase_executed),
    }
}

/// Name of one item's level, such as "Program".
pub fn level_name(locale: Locale, level: Level) -> &'static str {
    match level {
        Level::Section => td_string!(locale, level_section),
        Level::Domain => td_string!(locale, level_domain),
        Level::Program => td_string!(locale, level_program),
        Level::Line => td_string!(locale, level_line),
    }
}

/// Heading of the items one level below `level`, such as "Programs" under a domain, or
/// `None` for a line, which has nothing below it.
pub fn children_name(locale: Locale, level: Level) -> Option<&'static str> {
    match level.child()? {
        Level::Section => None,
        Level::Domain => Some(td_string!(locale, children_domains)),
        Level::Program => Some(td_string!(locale, children_programs)),
        Level::Line => Some(td_string!(locale, children_lines)),
    }
}

/// Identifier of a phase in markup (`data-phase`), the same as its name in the snapshot JSON.
pub fn phase_id(phase: Phase) -> &'static str {
    match phase {
        Phase::Original => "original",
        Phase::Revised => "revised",
        Phase::Executed => "executed",
    }
}

/// Identifier of a level in markup (`data-level`), the same as its name in the snapshot JSON.
pub fn level_id(level: Level) -> &'static str {
    match level {
        Level::Section => "section",
        Level::Domain => "domain",
        Level::Program => "program",
        Level::Line => "line",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_names_per_locale() {
        assert_eq!(phase_name(Locale::he, Phase::Original), "מקורי");
        assert_eq!(phase_name(Locale::he, Phase::Revised), "מאושר");
        assert_eq!(phase_name(Locale::he, Phase::Executed), "ביצוע");
        assert_eq!(phase_name(Locale::ar, Phase::Executed), "المنفّذة");
        assert_eq!(phase_name(Locale::en, Phase::Revised), "Revised");
    }

    #[test]
    fn children_of_line_none() {
        assert_eq!(children_name(Locale::en, Level::Line), None);
        assert_eq!(children_name(Locale::he, Level::Program), Some("תקנות"));
    }
}
