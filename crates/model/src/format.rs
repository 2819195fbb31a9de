//! Turning amounts into text for each interface language.
//!
//! This is the one place that writes money. The currency symbol comes from a per-locale table
//! keyed by the ISO code `ILS` (the symbol and its position follow CLDR 46 for `he`, `ar` and
//! `en`), never from a literal glued to a number. Large amounts are written with words for
//! million and billion, which is how Israeli budget documents and news write them.
//!
//! Arabic uses Western digits (`0-9`), as Israeli government sites in Arabic do, instead of the
//! CLDR default of Arabic-Indic digits for `ar`.

use serde::{Deserialize, Serialize};

/// Interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    He,
    Ar,
    En,
}

const RLM: char = '\u{200F}';
const NBSP: char = '\u{00A0}';

/// ISO 4217 code of every amount in the snapshot.
pub const CURRENCY: &str = "ILS";

impl Locale {
    /// The default language of the site.
    pub const DEFAULT: Locale = Locale::He;

    /// All languages, in the order of the language switcher.
    pub const ALL: [Locale; 3] = [Locale::He, Locale::Ar, Locale::En];

    /// BCP 47 code, also the first segment of every route.
    pub fn code(self) -> &'static str {
        match self {
            Locale::He => "he",
            Locale::Ar => "ar",
            Locale::En => "en",
        }
    }

    /// The locale with this BCP 47 code.
    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|locale| locale.code() == code)
    }

    /// Writing direction, the value of `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::He | Locale::Ar => "rtl",
            Locale::En => "ltr",
        }
    }

    fn is_rtl(self) -> bool {
        self.dir() == "rtl"
    }

    /// Symbol of `currency` in this locale, or the ISO code itself when the table has none.
    pub fn currency_symbol(self, currency: &str) -> &str {
        match currency {
            "ILS" => "₪",
            other => other,
        }
    }
}

#[derive(Clone, Copy)]
enum Scale {
    Million,
    Billion,
}

impl Scale {
    fn divisor(self) -> f64 {
        match self {
            Scale::Million => 1e6,
            Scale::Billion => 1e9,
        }
    }

    /// The word for the scale; Arabic takes the plural after the whole numbers 3 to 10.
    fn word(self, locale: Locale, number: f64) -> &'static str {
        let arabic_plural = number.fract() == 0.0 && (3.0..=10.0).contains(&number);
        match (self, locale) {
            (Scale::Million, Locale::He) => "מיליון",
            (Scale::Billion, Locale::He) => "מיליארד",
            (Scale::Million, Locale::Ar) if arabic_plural => "ملايين",
            (Scale::Million, Locale::Ar) => "مليون",
            (Scale::Billion, Locale::Ar) if arabic_plural => "مليارات",
            (Scale::Billion, Locale::Ar) => "مليار",
            (Scale::Million, Locale::En) => "million",
            (Scale::Billion, Locale::En) => "billion",
        }
    }
}

/// Writes `shekels` rounded to three significant digits, with a word for million or billion.
///
/// Amounts under a million are written in full. Examples: `he` `"‏12.3 מיליארד ₪"`,
/// `ar` `"‏12.3 مليار ₪"`, `en` `"₪12.3 billion"`.
pub fn format_amount(shekels: i64, locale: Locale) -> String {
    let magnitude = shekels.unsigned_abs();
    let scale = if magnitude >= 999_500_000 {
        Some(Scale::Billion)
    } else if magnitude >= 1_000_000 {
        Some(Scale::Million)
    } else {
        None
    };
    let Some(scale) = scale else {
        return format_full(shekels, locale);
    };
    let value = magnitude as f64 / scale.divisor();
    let decimals = if value < 9.995 {
        2
    } else if value < 99.95 {
        1
    } else {
        0
    };
    let number = round_to(value, decimals);
    let digits = trim_fraction(&group_digits(&format!("{number:.decimals$}")));
    let word = scale.word(locale, number);
    compose(shekels < 0, &digits, Some(word), locale)
}

/// Writes `shekels` in full with thousands separators, such as `"₪12,345"`.
pub fn format_full(shekels: i64, locale: Locale) -> String {
    let digits = group_digits(&shekels.unsigned_abs().to_string());
    compose(shekels < 0, &digits, None, locale)
}

/// Writes `part` as a percentage of `whole` with one decimal, or `None` when `whole` is zero.
/// A share too small to show as `0.1%` is written `<0.1%` so that it never reads as nothing.
pub fn format_share(part: i64, whole: i64) -> Option<String> {
    if whole == 0 {
        return None;
    }
    let percent = part as f64 * 100.0 / whole as f64;
    if part != 0 && percent.abs() < 0.05 {
        return Some(if percent < 0.0 { "-<0.1%".into() } else { "<0.1%".into() });
    }
    Some(format!("{}%", trim_fraction(&format!("{:.1}", round_to(percent, 1)))))
}

/// Writes a count with `,` between groups of three digits, such as `"5,117"`.
pub fn format_number(value: u64) -> String {
    group_digits(&value.to_string())
}

/// Writes a size in bytes in kB, MB or GB (SI prefixes, powers of 1000) with at most one
/// decimal: `en` `"200.1 MB"`, `he` `"‏200.1 מ״ב"`.
pub fn format_bytes(bytes: u64, locale: Locale) -> String {
    const UNITS: [(f64, [&str; 3]); 3] = [
        (1e9, ["ג״ב", "غيغابايت", "GB"]),
        (1e6, ["מ״ב", "ميغابايت", "MB"]),
        (1e3, ["ק״ב", "كيلوبايت", "kB"]),
    ];
    let value = bytes as f64;
    // Under 1 kB is still written in kB, so that every size reads in the same units.
    let (divisor, names) = UNITS.iter().find(|(divisor, _)| value >= *divisor * 0.9995).unwrap_or(&UNITS[2]);
    let number = trim_fraction(&group_digits(&format!("{:.1}", round_to(value / divisor, 1))));
    let unit = match locale {
        Locale::He => names[0],
        Locale::Ar => names[1],
        Locale::En => names[2],
    };
    if locale.is_rtl() {
        format!("{RLM}{number}{NBSP}{unit}")
    } else {
        format!("{number}{NBSP}{unit}")
    }
}

/// Places the sign and the currency symbol around `number` for `locale`.
fn compose(negative: bool, digits: &str, word: Option<&str>, locale: Locale) -> String {
    let sign = if negative { "-" } else { "" };
    let symbol = locale.currency_symbol(CURRENCY);
    let word = word.map(|word| format!("{NBSP}{word}")).unwrap_or_default();
    if locale.is_rtl() {
        // A minus before digits in right-to-left text is shown after them ("3.85-"), so a
        // negative figure is a left-to-right isolate (U+2066 … U+2069).
        let number = if negative { format!("\u{2066}{sign}{digits}\u{2069}") } else { digits.to_string() };
        format!("{RLM}{number}{word}{NBSP}{symbol}")
    } else {
        format!("{sign}{symbol}{digits}{word}")
    }
}

fn round_to(value: f64, decimals: usize) -> f64 {
    let factor = 10f64.powi(decimals as i32);
    (value * factor).round() / factor
}

/// Inserts `,` every three digits of the whole part of a plain decimal number.
fn group_digits(number: &str) -> String {
    let (whole, fraction) = match number.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (number, None),
    };
    let mut grouped = String::with_capacity(number.len() + whole.len() / 3);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if let Some(fraction) = fraction {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    grouped
}

/// Drops trailing zeros of the fraction, and the point when nothing is left after it.
fn trim_fraction(number: &str) -> String {
    if !number.contains('.') {
        return number.to_string();
    }
    number.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_billions_per_locale() {
        let value = 12_345_678_000;
        assert_eq!(format_amount(value, Locale::En), "₪12.3\u{a0}billion");
        assert_eq!(format_amount(value, Locale::He), "\u{200f}12.3\u{a0}מיליארד\u{a0}₪");
        assert_eq!(format_amount(value, Locale::Ar), "\u{200f}12.3\u{a0}مليار\u{a0}₪");
    }

    #[test]
    fn amount_millions_and_rounding() {
        assert_eq!(format_amount(456_789_000, Locale::En), "₪457\u{a0}million");
        assert_eq!(format_amount(1_000_000, Locale::En), "₪1\u{a0}million");
        assert_eq!(format_amount(1_250_000, Locale::En), "₪1.25\u{a0}million");
        assert_eq!(format_amount(999_600_000, Locale::En), "₪1\u{a0}billion");
        assert_eq!(format_amount(399_000_000_000, Locale::En), "₪399\u{a0}billion");
        assert_eq!(format_amount(1_234_567_000_000, Locale::En), "₪1,235\u{a0}billion");
    }

    #[test]
    fn amount_arabic_plural_after_three_to_ten() {
        assert_eq!(format_amount(5_000_000, Locale::Ar), "\u{200f}5\u{a0}ملايين\u{a0}₪");
        assert_eq!(format_amount(5_000_000_000, Locale::Ar), "\u{200f}5\u{a0}مليارات\u{a0}₪");
        assert_eq!(format_amount(11_000_000_000, Locale::Ar), "\u{200f}11\u{a0}مليار\u{a0}₪");
    }

    #[test]
    fn amount_small_and_negative() {
        assert_eq!(format_amount(0, Locale::En), "₪0");
        assert_eq!(format_amount(12_345, Locale::He), "\u{200f}12,345\u{a0}₪");
        assert_eq!(format_amount(-23_500_000_000, Locale::En), "-₪23.5\u{a0}billion");
        assert_eq!(format_amount(-3_851_000, Locale::He), "\u{200f}\u{2066}-3.85\u{2069}\u{a0}מיליון\u{a0}₪");
    }

    #[test]
    fn full_amount_grouped() {
        assert_eq!(format_full(10_991_647_000, Locale::En), "₪10,991,647,000");
        assert_eq!(format_full(-41_000, Locale::Ar), "\u{200f}\u{2066}-41,000\u{2069}\u{a0}₪");
    }

    #[test]
    fn share_of_parent() {
        assert_eq!(format_share(1, 4), Some("25%".into()));
        assert_eq!(format_share(1, 3), Some("33.3%".into()));
        assert_eq!(format_share(1, 10_000), Some("<0.1%".into()));
        assert_eq!(format_share(0, 10), Some("0%".into()));
        assert_eq!(format_share(5, 0), None);
    }

    #[test]
    fn number_grouped() {
        assert_eq!(format_number(5_117), "5,117");
        assert_eq!(format_number(999), "999");
    }

    #[test]
    fn bytes_per_locale() {
        assert_eq!(format_bytes(200_071_746, Locale::En), "200.1\u{a0}MB");
        assert_eq!(format_bytes(200_071_746, Locale::He), "\u{200f}200.1\u{a0}מ״ב");
        assert_eq!(format_bytes(200_071_746, Locale::Ar), "\u{200f}200.1\u{a0}ميغابايت");
    }

    #[test]
    fn bytes_units_and_rounding() {
        assert_eq!(format_bytes(629_200, Locale::En), "629.2\u{a0}kB");
        assert_eq!(format_bytes(999_960, Locale::En), "1\u{a0}MB");
        assert_eq!(format_bytes(1_234_567_890, Locale::En), "1.2\u{a0}GB");
        assert_eq!(format_bytes(1_500_000_000_000, Locale::En), "1,500\u{a0}GB");
        assert_eq!(format_bytes(120, Locale::En), "0.1\u{a0}kB");
        assert_eq!(format_bytes(0, Locale::En), "0\u{a0}kB");
    }

    #[test]
    fn locale_codes_and_direction() {
        assert_eq!(Locale::from_code("ar"), Some(Locale::Ar));
        assert_eq!(Locale::from_code("fr"), None);
        assert_eq!(Locale::He.dir(), "rtl");
        assert_eq!(Locale::En.dir(), "ltr");
    }
}
