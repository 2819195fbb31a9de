//! Cell values of the procurement and supports files: shekel amounts, the four date forms,
//! Python-repr lists and padded text.

use crate::clock::civil_from_days;

/// Parses an amount in shekels with optional agorot, thousands separators, a sign, and the tab
/// and space padding of the per-supplier reports (`" \t-3,851 "`), rounded to whole shekels.
/// Returns `Ok(None)` for a blank cell.
pub fn parse_shekels(text: &str) -> Result<Option<i64>, &'static str> {
    let cleaned: String = text.chars().filter(|ch| !ch.is_whitespace() && *ch != ',').collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let valid = cleaned
        .strip_prefix('-')
        .unwrap_or(&cleaned)
        .chars()
        .all(|ch| ch.is_ascii_digit() || ch == '.');
    if !valid {
        return Err("expected shekels such as 1,234.56 or -3,851");
    }
    let value: f64 = cleaned
        .parse()
        .map_err(|_| "expected shekels such as 1,234.56 or -3,851")?;
    shekels_from_f64(value).map(Some)
}

/// Rounds a number cell to whole shekels.
pub fn shekels_from_f64(value: f64) -> Result<i64, &'static str> {
    // Past 2^53 a float no longer represents every integer, and no single order comes near.
    if !value.is_finite() || value.abs() > 9.0e15 {
        return Err("too large to be an amount");
    }
    Ok(value.round() as i64)
}

/// Years a written date may fall in. The reports have contracts that started in 1984 and end
/// dates as late as 2120, so only clear nonsense is rejected.
const DATE_YEARS: std::ops::RangeInclusive<u32> = 1900..=2199;

/// Excel serials accepted as dates: 1948-01-01 to 2099-12-31. A number outside is an amount or
/// an id in the wrong column rather than a date.
const EXCEL_SERIALS: std::ops::RangeInclusive<f64> = 17533.0..=73050.0;

/// A cell that is not a date in any accepted form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidDate;

/// Expected date forms, for error messages.
pub const DATE_FORMS: &str = "a date such as 01-28-15 (MM-DD-YY), 16.12.2015 (DD.MM.YYYY), 2016-02-22 or an Excel date";

/// Reads a date in any of the forms the reports use and returns it as `YYYY-MM-DD`:
/// `MM-DD-YY` (most 2015 reports), `DD.MM.YYYY` (courts, welfare), ISO `YYYY-MM-DD` (Budget Key
/// files, with or without a time after it), or an Excel serial written as text. `Ok(None)`
/// for a blank cell.
pub fn parse_date_text(text: &str) -> Result<Option<String>, InvalidDate> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let date_part = text.split([' ', 'T']).next().unwrap_or(text);
    let numbers: Vec<&str> = date_part.split(['-', '.', '/']).collect();
    let all_digits = numbers
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit()));
    if !all_digits {
        return Err(InvalidDate);
    }
    let value = |index: usize| numbers[index].parse::<u32>().map_err(|_| InvalidDate);
    let (year, month, day) = match (numbers.len(), date_part.contains('.'), date_part.contains('-')) {
        (1, _, _) => return excel_date(date_part.parse::<f64>().map_err(|_| InvalidDate)?).map(Some),
        (3, true, false) if numbers[2].len() == 4 => (value(2)?, value(1)?, value(0)?),
        (3, false, true) if numbers[0].len() == 4 => (value(0)?, value(1)?, value(2)?),
        (3, false, true) if numbers[2].len() == 2 => (2000 + value(2)?, value(0)?, value(1)?),
        _ => return Err(InvalidDate),
    };
    iso_date(year, month, day).ok_or(InvalidDate).map(Some)
}

/// Converts an Excel serial date (1900 system) to `YYYY-MM-DD`.
pub fn excel_date(serial: f64) -> Result<String, InvalidDate> {
    if !EXCEL_SERIALS.contains(&serial) {
        return Err(InvalidDate);
    }
    // Serial 25569 is 1970-01-01; the range above lies past Excel's fictitious 1900-02-29.
    let days = serial.floor() as i64 - 25569;
    let (year, month, day) = civil_from_days(days);
    let (year, month, day) = (u32::try_from(year).map_err(|_| InvalidDate)?, month as u32, day as u32);
    iso_date(year, month, day).ok_or(InvalidDate)
}

/// Formats a date after checking that the day exists.
fn iso_date(year: u32, month: u32, day: u32) -> Option<String> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (DATE_YEARS.contains(&year) && (1..=days_in_month).contains(&day)).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Returns the year of an ISO date.
pub fn year_of(date: &str) -> Option<u16> {
    date.get(..4)?.parse().ok()
}

/// Decodes a Python-repr list of strings such as `[u'\u05e9\u05d9', u'x']` into its items.
/// `Err` names what is malformed. An empty cell or `[]` is an empty list.
pub fn decode_python_list(text: &str) -> Result<Vec<String>, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let inner = text
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .ok_or("a Python list starts with [ and ends with ]")?;
    let mut items = Vec::new();
    let mut chars = inner.chars().peekable();
    loop {
        while chars.peek().is_some_and(|ch| ch.is_whitespace() || *ch == ',') {
            chars.next();
        }
        let Some(mut ch) = chars.next() else { break };
        if ch == 'u' || ch == 'b' {
            ch = chars.next().ok_or("a string prefix with no string after it")?;
        }
        if ch != '\'' && ch != '"' {
            return Err("list items must be quoted strings");
        }
        let quote = ch;
        let mut item = String::new();
        loop {
            match chars.next().ok_or("a string with no closing quote")? {
                '\\' => item.push(decode_escape(&mut chars)?),
                ch if ch == quote => break,
                ch => item.push(ch),
            }
        }
        items.push(item);
    }
    Ok(items)
}

fn decode_escape(chars: &mut std::iter::Peekable<std::str::Chars>) -> Result<char, &'static str> {
    let hex = |chars: &mut std::iter::Peekable<std::str::Chars>, width: usize| -> Result<char, &'static str> {
        let digits: String = chars.take(width).collect();
        let code = u32::from_str_radix(&digits, 16).map_err(|_| "an invalid \\u escape")?;
        char::from_u32(code).ok_or("an escape that is not a character")
    };
    match chars.next().ok_or("a backslash at the end of the text")? {
        'u' => hex(chars, 4),
        'U' => hex(chars, 8),
        'x' => hex(chars, 2),
        'n' => Ok('\n'),
        't' => Ok('\t'),
        other => Ok(other),
    }
}

/// Trims a text cell and returns `None` when nothing is left.
pub fn non_empty(text: String) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.len() == text.len() {
        Some(text)
    } else {
        Some(trimmed.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shekels_forms() {
        assert_eq!(parse_shekels("669793.28000000003"), Ok(Some(669_793)));
        assert_eq!(parse_shekels(" \t-3,851 "), Ok(Some(-3_851)));
        assert_eq!(parse_shekels("\"918,180.89\"".trim_matches('"')), Ok(Some(918_181)));
        assert_eq!(parse_shekels("   "), Ok(None));
        assert!(parse_shekels("12a").is_err());
        assert!(parse_shekels("1-2").is_err());
    }

    #[test]
    fn date_forms() {
        assert_eq!(parse_date_text("01-28-15"), Ok(Some("2015-01-28".into())));
        assert_eq!(parse_date_text("16.12.2015"), Ok(Some("2015-12-16".into())));
        assert_eq!(parse_date_text("2016-02-22"), Ok(Some("2016-02-22".into())));
        assert_eq!(parse_date_text("2016-02-22 00:00:00"), Ok(Some("2016-02-22".into())));
        assert_eq!(parse_date_text("42204"), Ok(Some("2015-07-19".into())));
        assert_eq!(parse_date_text("          "), Ok(None));
    }

    #[test]
    fn date_rejects_impossible() {
        assert!(parse_date_text("13-01-15").is_err());
        assert!(parse_date_text("02-30-15").is_err());
        assert!(parse_date_text("31.04.2015").is_err());
        assert!(parse_date_text("soon").is_err());
        assert!(parse_date_text("12").is_err());
    }

    #[test]
    fn excel_serials() {
        assert_eq!(excel_date(42010.0), Ok("2015-01-06".into()));
        assert_eq!(excel_date(43100.0), Ok("2017-12-31".into()));
        assert_eq!(excel_date(42063.0), Ok("2015-02-28".into()));
        assert!(excel_date(4_501_155_269.0).is_err());
    }

    #[test]
    fn python_lists() {
        let decoded = decode_python_list(r"[u'\u05e9\u05d9\u05e8\u05d5\u05ea', u'a, b']").unwrap();
        assert_eq!(decoded, ["שירות", "a, b"]);
        assert_eq!(decode_python_list("[]").unwrap(), Vec::<String>::new());
        assert_eq!(decode_python_list("").unwrap(), Vec::<String>::new());
        assert!(decode_python_list("[u'open").is_err());
        assert!(decode_python_list("u'x'").is_err());
    }
}
