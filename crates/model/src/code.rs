//! Budget codes: section (2 digits) → domain (4) → program (6) → line (8).
//!
//! The official files write the same code in several ways. Every reader turns its form into a
//! [`BudgetCode`], which always holds plain digits of a valid length, so the rest of the program
//! never sees a dash, a pad or a missing leading zero.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Depth of a code in the budget tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// סעיף, 2 digits, usually a ministry.
    Section,
    /// תחום, 4 digits.
    Domain,
    /// תכנית, 6 digits.
    Program,
    /// תקנה, 8 digits.
    Line,
}

impl Level {
    /// All levels from the top down.
    pub const ALL: [Level; 4] = [Level::Section, Level::Domain, Level::Program, Level::Line];

    /// Number of digits of a code at this level.
    pub fn width(self) -> usize {
        match self {
            Level::Section => 2,
            Level::Domain => 4,
            Level::Program => 6,
            Level::Line => 8,
        }
    }

    /// The level whose codes have `width` digits.
    pub fn from_width(width: usize) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.width() == width)
    }

    /// The level below this one, if any.
    pub fn child(self) -> Option<Level> {
        Level::from_width(self.width() + 2)
    }
}

/// Why a text could not be read as a budget code.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodeError {
    #[error("budget code {0:?} is empty")]
    Empty(String),
    #[error("budget code {0:?} contains a character that is not a digit, a dash or a space")]
    InvalidCharacter(String),
    #[error("budget code {0:?} has {1} digits; expected 2, 4, 6 or 8")]
    InvalidLength(String, usize),
    #[error("budget code {0:?} does not start with the 00 prefix of the history files")]
    MissingHistoryPrefix(String),
    #[error("budget code {0:?} has more digits than a {1:?} code")]
    TooLongForLevel(String, Level),
}

/// A budget code of 2, 4, 6 or 8 digits, leading zeros kept (`00` is the revenue section).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BudgetCode(String);

impl BudgetCode {
    /// Parses the plain, dashed (`20-67-01-42`) and space-padded (`"3301    "`) forms.
    ///
    /// Spaces anywhere and dashes between digit pairs are removed; what remains must be 2, 4, 6
    /// or 8 digits.
    pub fn parse(text: &str) -> Result<BudgetCode, CodeError> {
        let mut digits = String::with_capacity(8);
        for ch in text.chars() {
            match ch {
                '0'..='9' => digits.push(ch),
                '-' | ' ' | '\t' => {}
                _ => return Err(CodeError::InvalidCharacter(text.to_string())),
            }
        }
        if digits.is_empty() {
            return Err(CodeError::Empty(text.to_string()));
        }
        match Level::from_width(digits.len()) {
            Some(_) => Ok(BudgetCode(digits)),
            None => Err(CodeError::InvalidLength(text.to_string(), digits.len())),
        }
    }

    /// Parses a code whose leading zeros were dropped (`4012004` for line `04012004`), left-padding
    /// it to the width of `level`.
    pub fn parse_unpadded(text: &str, level: Level) -> Result<BudgetCode, CodeError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(CodeError::Empty(text.to_string()));
        }
        if !trimmed.chars().all(|ch| ch.is_ascii_digit()) {
            return Err(CodeError::InvalidCharacter(text.to_string()));
        }
        if trimmed.len() > level.width() {
            return Err(CodeError::TooLongForLevel(text.to_string(), level));
        }
        Ok(BudgetCode(format!("{trimmed:0>width$}", width = level.width())))
    }

    /// Parses the `00`-prefixed form of the Accountant General history files and Budget Key
    /// (`0020670142` is line `20670142`).
    ///
    /// Returns `Ok(None)` for the bare `00` root, which is the grand total and not a tree node.
    pub fn parse_history(text: &str) -> Result<Option<BudgetCode>, CodeError> {
        let trimmed = text.trim();
        let Some(rest) = trimmed.strip_prefix("00") else {
            return Err(CodeError::MissingHistoryPrefix(text.to_string()));
        };
        if rest.is_empty() {
            return Ok(None);
        }
        BudgetCode::parse(rest).map(Some)
    }

    /// The digits, such as `"20670142"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Depth of this code in the tree.
    pub fn level(&self) -> Level {
        Level::from_width(self.0.len()).expect("a BudgetCode always has a valid width")
    }

    /// The code one level up, or `None` for a section.
    pub fn parent(&self) -> Option<BudgetCode> {
        match self.level() {
            Level::Section => None,
            level => Some(BudgetCode(self.0[..level.width() - 2].to_string())),
        }
    }

    /// The section (first two digits) this code belongs to.
    pub fn section(&self) -> BudgetCode {
        BudgetCode(self.0[..2].to_string())
    }

    /// The code itself and every ancestor, from the section down.
    pub fn ancestry(&self) -> Vec<BudgetCode> {
        (1..=self.0.len() / 2)
            .map(|pairs| BudgetCode(self.0[..pairs * 2].to_string()))
            .collect()
    }

    /// True for section `00` and everything under it: state revenues.
    pub fn is_revenue(&self) -> bool {
        self.0.starts_with("00")
    }

    /// True when `other` is this code or lies below it.
    pub fn contains(&self, other: &BudgetCode) -> bool {
        other.0.starts_with(&self.0)
    }

    /// The dashed display form used in budget books: `20-67-01-42`.
    pub fn dashed(&self) -> String {
        self.0
            .as_bytes()
            .chunks(2)
            .map(|pair| std::str::from_utf8(pair).expect("codes are ASCII digits"))
            .collect::<Vec<_>>()
            .join("-")
    }
}

impl fmt::Display for BudgetCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for BudgetCode {
    type Error = CodeError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        BudgetCode::parse(&text)
    }
}

impl From<BudgetCode> for String {
    fn from(code: BudgetCode) -> String {
        code.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    #[test]
    fn parse_plain_digits() {
        assert_eq!(code("20670142").as_str(), "20670142");
        assert_eq!(code("00950101").as_str(), "00950101");
        assert_eq!(code("20").level(), Level::Section);
    }

    #[test]
    fn parse_dashed() {
        assert_eq!(code("20-67-01-42").as_str(), "20670142");
        assert_eq!(code("20-67").as_str(), "2067");
        assert_eq!(code("01-51-01").as_str(), "015101");
    }

    #[test]
    fn parse_space_padded() {
        assert_eq!(code("33      ").as_str(), "33");
        assert_eq!(code("330102  ").as_str(), "330102");
    }

    #[test]
    fn parse_unpadded_restores_zeros() {
        let line = BudgetCode::parse_unpadded("4012004", Level::Line).unwrap();
        assert_eq!(line.as_str(), "04012004");
        let revenue = BudgetCode::parse_unpadded("0", Level::Section).unwrap();
        assert_eq!(revenue.as_str(), "00");
        let domain = BudgetCode::parse_unpadded("1", Level::Domain).unwrap();
        assert_eq!(domain.as_str(), "0001");
    }

    #[test]
    fn parse_unpadded_rejects_long_code() {
        let error = BudgetCode::parse_unpadded("123", Level::Section).unwrap_err();
        assert_eq!(error, CodeError::TooLongForLevel("123".into(), Level::Section));
    }

    #[test]
    fn parse_history_prefix() {
        let line = BudgetCode::parse_history("0000010201").unwrap().unwrap();
        assert_eq!(line.as_str(), "00010201");
        let section = BudgetCode::parse_history("0020").unwrap().unwrap();
        assert_eq!(section.as_str(), "20");
        assert_eq!(BudgetCode::parse_history("00").unwrap(), None);
        assert!(BudgetCode::parse_history("20670142").is_err());
    }

    #[test]
    fn parse_rejects_bad_input() {
        assert_eq!(code_error("2067014"), CodeError::InvalidLength("2067014".into(), 7));
        assert_eq!(code_error("20a"), CodeError::InvalidCharacter("20a".into()));
        assert_eq!(code_error("   "), CodeError::Empty("   ".into()));
    }

    fn code_error(text: &str) -> CodeError {
        BudgetCode::parse(text).unwrap_err()
    }

    #[test]
    fn parent_and_ancestry() {
        let line = code("20670142");
        assert_eq!(line.parent(), Some(code("206701")));
        assert_eq!(code("20").parent(), None);
        let ancestry: Vec<_> = line.ancestry().iter().map(|c| c.to_string()).collect();
        assert_eq!(ancestry, ["20", "2067", "206701", "20670142"]);
        assert_eq!(line.section(), code("20"));
        assert!(code("2067").contains(&line));
        assert!(!code("2068").contains(&line));
    }

    #[test]
    fn dashed_form() {
        assert_eq!(code("20670142").dashed(), "20-67-01-42");
        assert_eq!(code("20").dashed(), "20");
    }

    #[test]
    fn serde_round_trip_validates() {
        let json = serde_json::to_string(&code("2067")).unwrap();
        assert_eq!(json, "\"2067\"");
        assert!(serde_json::from_str::<BudgetCode>("\"206\"").is_err());
    }
}
