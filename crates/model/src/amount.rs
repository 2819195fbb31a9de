//! Amounts in whole shekels, per budget phase, and the parsing of the official k₪ figures.
//!
//! Every snapshot amount is an integer number of shekels (the unit is also written in the
//! manifest). The MoF and Accountant General files state money in thousands of shekels, with
//! thousands separators in text files and up to three decimals in the 2021+ workbooks, so one
//! k₪ figure with three decimals is an exact number of shekels.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Budget phase of an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// מקורי: the budget as passed in the budget law (or proposed, for a proposal year).
    Original,
    /// מאושר / על שינוייו: the original plus in-year changes.
    Revised,
    /// ביצוע: what was actually spent or collected.
    Executed,
}

impl Phase {
    /// All phases in budget-cycle order.
    pub const ALL: [Phase; 3] = [Phase::Original, Phase::Revised, Phase::Executed];
}

/// Net amounts of one budget item in one year, in shekels. `None` means the source has no
/// figure for that phase, which is different from a figure of zero.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amounts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executed: Option<i64>,
}

impl Amounts {
    /// The amount of one phase.
    pub fn get(&self, phase: Phase) -> Option<i64> {
        match phase {
            Phase::Original => self.original,
            Phase::Revised => self.revised,
            Phase::Executed => self.executed,
        }
    }

    /// Sets the amount of one phase.
    pub fn set(&mut self, phase: Phase, value: Option<i64>) {
        match phase {
            Phase::Original => self.original = value,
            Phase::Revised => self.revised = value,
            Phase::Executed => self.executed = value,
        }
    }

    /// Adds `other` phase by phase. A phase stays `None` only while both sides lack it.
    pub fn add(&mut self, other: &Amounts) {
        for phase in Phase::ALL {
            let sum = match (self.get(phase), other.get(phase)) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
            };
            self.set(phase, sum);
        }
    }

    /// The phases that have a figure.
    pub fn phases(&self) -> Vec<Phase> {
        Phase::ALL.into_iter().filter(|phase| self.get(*phase).is_some()).collect()
    }

    /// The figure to rank and chart by: executed, else revised, else original.
    pub fn latest(&self) -> Option<i64> {
        self.executed.or(self.revised).or(self.original)
    }
}

/// Why a text could not be read as an amount.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AmountError {
    #[error("{0:?} is not a number")]
    NotANumber(String),
    #[error("{0:?} has more than three decimals, finer than one shekel")]
    TooPrecise(String),
    #[error("{0:?} is too large")]
    Overflow(String),
}

/// Parses a figure in thousands of shekels into whole shekels.
///
/// Accepts thousands separators (`"10,991,647"`), a sign, padding with spaces and tabs, and up to
/// three decimals (`"2,125.00"`, `"11311877.557"`). Returns `Ok(None)` for an empty or blank
/// cell, which the official files use for "no figure".
pub fn parse_thousands(text: &str) -> Result<Option<i64>, AmountError> {
    let cleaned: String = text.chars().filter(|ch| !matches!(ch, ',' | ' ' | '\t' | '\u{a0}')).collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let (negative, unsigned) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |part: &str| part.chars().all(|ch| ch.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(AmountError::NotANumber(text.to_string()));
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > 3 {
        return Err(AmountError::TooPrecise(text.to_string()));
    }
    let overflow = || AmountError::Overflow(text.to_string());
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| overflow())? };
    let shekels_in_fraction: i64 = format!("{fraction:0<3}").parse().expect("three digits");
    let shekels = whole
        .checked_mul(1000)
        .and_then(|value| value.checked_add(shekels_in_fraction))
        .ok_or_else(overflow)?;
    Ok(Some(if negative { -shekels } else { shekels }))
}

/// Converts a spreadsheet number in thousands of shekels into whole shekels, rounding away the
/// binary floating-point noise of the workbook cell.
pub fn thousands_from_f64(value: f64) -> Result<i64, AmountError> {
    let shekels = (value * 1000.0).round();
    if !shekels.is_finite() || shekels.abs() > 9.0e18 {
        return Err(AmountError::Overflow(value.to_string()));
    }
    Ok(shekels as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_with_separators() {
        assert_eq!(parse_thousands("\"10,991,647\"".trim_matches('"')), Ok(Some(10_991_647_000)));
        assert_eq!(parse_thousands("2,125.00"), Ok(Some(2_125_000)));
        assert_eq!(parse_thousands("11311877.557"), Ok(Some(11_311_877_557)));
    }

    #[test]
    fn thousands_signs_and_padding() {
        assert_eq!(parse_thousands(" \t-3,851 "), Ok(Some(-3_851_000)));
        assert_eq!(parse_thousands("-41"), Ok(Some(-41_000)));
        assert_eq!(parse_thousands("+7"), Ok(Some(7_000)));
        assert_eq!(parse_thousands(".5"), Ok(Some(500)));
    }

    #[test]
    fn thousands_blank_is_none() {
        assert_eq!(parse_thousands(""), Ok(None));
        assert_eq!(parse_thousands(" "), Ok(None));
    }

    #[test]
    fn thousands_rejects_garbage() {
        assert_eq!(parse_thousands("12a"), Err(AmountError::NotANumber("12a".into())));
        assert_eq!(parse_thousands("-"), Err(AmountError::NotANumber("-".into())));
        assert_eq!(parse_thousands("1.2345"), Err(AmountError::TooPrecise("1.2345".into())));
        assert!(matches!(parse_thousands("99999999999999999999"), Err(AmountError::Overflow(_))));
    }

    #[test]
    fn float_cells_round_to_shekels() {
        assert_eq!(thousands_from_f64(11311877.557), Ok(11_311_877_557));
        assert_eq!(thousands_from_f64(-353451.0), Ok(-353_451_000));
        assert!(thousands_from_f64(f64::NAN).is_err());
    }

    #[test]
    fn add_keeps_missing_phases_missing() {
        let mut total = Amounts { original: Some(5), ..Amounts::default() };
        total.add(&Amounts { original: Some(2), executed: Some(1), ..Amounts::default() });
        assert_eq!(total, Amounts { original: Some(7), revised: None, executed: Some(1) });
        assert_eq!(total.phases(), [Phase::Original, Phase::Executed]);
        assert_eq!(total.latest(), Some(1));
    }
}
