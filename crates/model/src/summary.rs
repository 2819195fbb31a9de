//! Derived figures that views state in words: the phase a share is taken in, and the trend of a
//! code over the years.

use crate::amount::{Amounts, Phase};
use crate::snapshot::HistoryPoint;

/// Returns the latest phase in which both `part` and `whole` have a figure: executed, else
/// revised, else original. A share compares a phase only with the same phase.
pub fn share_phase(part: &Amounts, whole: &Amounts) -> Option<Phase> {
    Phase::ALL.into_iter().rev().find(|phase| part.get(*phase).is_some() && whole.get(*phase).is_some())
}

/// One year's figure of a series, in shekels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearFigure {
    pub year: u16,
    pub shekels: i64,
}

/// First, last and highest figure of a series in one phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trend {
    pub first: YearFigure,
    pub last: YearFigure,
    /// The highest figure; the earliest year wins a tie.
    pub peak: YearFigure,
}

/// Returns the phase with figures in the most years of `points`, the later phase on a tie, or
/// `None` when no year has a figure. A trend stated in one phase compares like with like,
/// whereas each year's latest figure would mix budgets with spending.
pub fn trend_phase(points: &[HistoryPoint]) -> Option<Phase> {
    let years_with = |phase: Phase| points.iter().filter(|point| point.amounts.get(phase).is_some()).count();
    Phase::ALL.into_iter().filter(|phase| years_with(*phase) > 0).max_by_key(|phase| (years_with(*phase), *phase))
}

/// Summarises the `phase` figures of `points` (oldest first, as in a history shard). Years
/// without a figure of `phase` are skipped; returns `None` when no year has one.
pub fn trend(points: &[HistoryPoint], phase: Phase) -> Option<Trend> {
    let mut figures = points
        .iter()
        .filter_map(|point| point.amounts.get(phase).map(|shekels| YearFigure { year: point.year, shekels }));
    let first = figures.next()?;
    let mut trend = Trend { first, last: first, peak: first };
    for figure in figures {
        trend.last = figure;
        if figure.shekels > trend.peak.shekels {
            trend.peak = figure;
        }
    }
    Some(trend)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(original: Option<i64>, revised: Option<i64>, executed: Option<i64>) -> Amounts {
        Amounts { original, revised, executed }
    }

    fn point(year: u16, amounts: Amounts) -> HistoryPoint {
        HistoryPoint { year, name: format!("item {year}"), amounts }
    }

    #[test]
    fn share_phase_prefers_executed() {
        let part = amounts(Some(1), Some(2), Some(3));
        let whole = amounts(Some(10), Some(20), Some(30));
        assert_eq!(share_phase(&part, &whole), Some(Phase::Executed));
    }

    #[test]
    fn share_phase_needs_both_sides() {
        let part = amounts(Some(1), None, Some(3));
        let whole = amounts(Some(10), Some(20), None);
        assert_eq!(share_phase(&part, &whole), Some(Phase::Original));
        assert_eq!(share_phase(&amounts(None, Some(1), None), &whole), Some(Phase::Revised));
        assert_eq!(share_phase(&Amounts::default(), &whole), None);
    }

    #[test]
    fn trend_first_last_peak() {
        let points = [
            point(2010, amounts(Some(5), None, Some(4))),
            point(2011, Amounts::default()),
            point(2012, amounts(Some(9), None, None)),
            point(2013, amounts(Some(9), Some(9), Some(8))),
            point(2014, amounts(Some(7), None, None)),
        ];
        let original = trend(&points, Phase::Original).unwrap();
        assert_eq!(original.first, YearFigure { year: 2010, shekels: 5 });
        assert_eq!(original.last, YearFigure { year: 2014, shekels: 7 });
        assert_eq!(original.peak, YearFigure { year: 2012, shekels: 9 });
        let executed = trend(&points, Phase::Executed).unwrap();
        assert_eq!(executed.last, YearFigure { year: 2013, shekels: 8 });
    }

    #[test]
    fn trend_of_empty_series() {
        assert_eq!(trend(&[], Phase::Original), None);
        assert_eq!(trend(&[point(2010, Amounts::default())], Phase::Original), None);
    }

    #[test]
    fn trend_single_year() {
        let trend = trend(&[point(2020, amounts(Some(-3), None, None))], Phase::Original).unwrap();
        assert_eq!(trend.first, trend.last);
        assert_eq!(trend.peak.shekels, -3);
    }

    #[test]
    fn trend_phase_most_years() {
        let points = [point(2010, amounts(Some(1), None, Some(1))), point(2011, amounts(Some(1), Some(1), None))];
        assert_eq!(trend_phase(&points), Some(Phase::Original));
    }

    #[test]
    fn trend_phase_tie_prefers_later() {
        let points = [point(2010, amounts(Some(1), None, Some(1))), point(2011, amounts(Some(1), None, Some(1)))];
        assert_eq!(trend_phase(&points), Some(Phase::Executed));
        assert_eq!(trend_phase(&[point(2010, Amounts::default())]), None);
    }
}
