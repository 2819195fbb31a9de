//! Totals the data README states for the procurement and supports files. A build whose totals
//! differ fails, because a reader is then dropping or double-counting rows.

use std::collections::BTreeMap;

use crate::error::BuildError;
use crate::tally::group_digits;

use super::contracts::RawTotals;

/// Contract reports with README totals: file-name part, order value and executed amount in
/// hundredths of a billion shekels. The README sums every row of the file, each order value in
/// its own currency (the economy report has 244 orders in other currencies, 0.16 bn of its
/// 1.62 bn), so the check does the same.
pub const CONTRACT_TOTALS: [(&str, i64, i64); 1] = [("2015-economy", 162, 112)];

/// Supports paid per year in tenths of a billion shekels, summed by the README over every row
/// of `tmichot<YEAR>.csv`, private individuals and zero rows included. These totals include the
/// rows that the files list twice under two names of the Ministry of Economy (2014: 550 rows,
/// 214 M ₪ paid; 2008-2010: 19 to 44 rows, under 9 M ₪ a year). The snapshot counts those rows
/// once, so its 2014 supports come to 22.6 bn. The check is therefore made on the rows read,
/// before the repeats are dropped.
pub const SUPPORT_TOTALS: [(u16, i64); 5] = [(2008, 229), (2009, 319), (2010, 272), (2013, 311), (2014, 228)];

/// Rounds shekels to units of `unit`, half away from zero.
fn round_to(shekels: i64, unit: i64) -> i64 {
    let rounded = (shekels.abs() + unit / 2) / unit;
    if shekels < 0 {
        -rounded
    } else {
        rounded
    }
}

fn hundredths(value: i64) -> String {
    format!("{}.{:02}", value / 100, value % 100)
}

/// Checks one contracts file when the README states its totals. Returns the report line, or
/// `None` for a file without README totals.
pub fn check_contract_file(name: &str, totals: &RawTotals) -> Result<Option<String>, BuildError> {
    let Some((_, volume, executed)) = CONTRACT_TOTALS.iter().find(|(part, _, _)| name.starts_with(part)) else {
        return Ok(None);
    };
    let got_volume = round_to(totals.volume_any_currency, 10_000_000);
    let got_executed = round_to(totals.executed, 10_000_000);
    let line = format!(
        "{name}: volume expected {} bn ₪, got {} bn ₪ ({} ₪, every currency as written); executed expected {} bn ₪, got {} bn ₪ ({} ₪)",
        hundredths(*volume),
        hundredths(got_volume),
        group_digits(totals.volume_any_currency),
        hundredths(*executed),
        hundredths(got_executed),
        group_digits(totals.executed),
    );
    if got_volume != *volume || got_executed != *executed {
        return Err(BuildError::ProcurementTotals { details: line });
    }
    Ok(Some(line))
}

/// Checks the supports paid per year against the README, for the years it states. `paid` is
/// the sum of the tmichot files per year.
pub fn check_supports(paid: &BTreeMap<u16, i64>) -> Result<Vec<String>, BuildError> {
    let mut lines = Vec::new();
    let mut failed = false;
    for (year, expected) in SUPPORT_TOTALS {
        let Some(total) = paid.get(&year) else { continue };
        let got = round_to(*total, 100_000_000);
        let ok = got == expected;
        failed |= !ok;
        lines.push(format!(
            "supports {year}: paid expected {}.{} bn ₪, got {}.{} bn ₪ ({} ₪){}",
            expected / 10,
            expected % 10,
            got / 10,
            got % 10,
            group_digits(*total),
            if ok { "" } else { "  <-- differs" }
        ));
    }
    if failed {
        return Err(BuildError::ProcurementTotals {
            details: lines.join("\n"),
        });
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn economy_totals_pass_and_fail() {
        let good = RawTotals {
            volume_any_currency: 1_624_665_311,
            executed: 1_123_000_000,
            stated_executed: None,
        };
        assert!(check_contract_file("2015-economy.xlsx.csv", &good).unwrap().is_some());
        let short = RawTotals {
            volume_any_currency: 1_461_509_719,
            ..good
        };
        let error = check_contract_file("2015-economy.xlsx.csv", &short).unwrap_err();
        assert!(error.to_string().contains("volume expected 1.62 bn"), "{error}");
        assert_eq!(check_contract_file("2016-health.csv", &short).unwrap(), None);
    }

    #[test]
    fn support_totals_by_year() {
        let paid = BTreeMap::from([(2014, 22_830_000_000), (2011, 5)]);
        assert_eq!(check_supports(&paid).unwrap().len(), 1);
        let wrong = BTreeMap::from([(2013, 30_000_000_000)]);
        assert!(check_supports(&wrong).is_err());
    }
}
