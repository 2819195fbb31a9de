//! Line chart of one budget code over the years, one line per phase.
//!
//! Drawn from plotters' basic elements instead of its cartesian chart builder: the chart needs
//! only a year axis, an amount axis with round steps, and lines, and the builder's generic
//! axis code costs more wasm than the whole chart.

use budget_model::snapshot::HistoryPoint;
use budget_model::Phase;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{phase_color, scaled, text_size, FONT_FAMILY, GRID_COLOR, TEXT_COLOR};

/// Color of the line that marks the page's year.
const MARKED_YEAR_COLOR: RGBColor = RGBColor(0x8c, 0x95, 0x9f);
/// Label size, in CSS pixels.
const FONT_SIZE: f64 = 12.0;
/// Space around the plot and between it and its labels, in CSS pixels.
const GAP: f64 = 8.0;
/// Minimum space per year label, in CSS pixels; years are skipped when they would be closer.
const YEAR_LABEL_SPACING: f64 = 48.0;
/// About how many steps the amount axis has.
const AMOUNT_STEPS: i64 = 5;

/// Everything the history chart shows.
pub struct HistoryChart<'a> {
    /// One point per year, oldest first, as in a history shard.
    pub points: &'a [HistoryPoint],
    /// Phases to draw, each as its own line.
    pub phases: &'a [Phase],
    /// Year marked with a vertical line: the year of the page showing the chart.
    pub marked_year: Option<u16>,
    /// Writes an amount of the vertical axis, in shekels.
    pub format_amount: &'a dyn Fn(i64) -> String,
    /// Backend pixels per CSS pixel.
    pub scale: f64,
}

/// Maps years and amounts to backend pixels.
struct Plot {
    left: i32,
    right: i32,
    top: i32,
    bottom: i32,
    first_year: i32,
    last_year: i32,
    low: i64,
    high: i64,
}

impl Plot {
    fn x(&self, year: i32) -> i32 {
        if self.last_year == self.first_year {
            return (self.left + self.right) / 2;
        }
        let fraction = f64::from(year - self.first_year) / f64::from(self.last_year - self.first_year);
        self.left + (fraction * f64::from(self.right - self.left)).round() as i32
    }

    fn y(&self, amount: i64) -> i32 {
        let fraction = (amount - self.low) as f64 / (self.high - self.low) as f64;
        self.bottom - (fraction * f64::from(self.bottom - self.top)).round() as i32
    }
}

/// Draws the chart on the whole of `area`. Draws only the background when no point has a
/// figure in any of the phases.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &HistoryChart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let values: Vec<i64> = chart
        .points
        .iter()
        .flat_map(|point| chart.phases.iter().filter_map(|phase| point.amounts.get(*phase)))
        .collect();
    let (Some(first), Some(last)) = (chart.points.first(), chart.points.last()) else {
        return Ok(());
    };
    let (Some(&lowest), Some(&highest)) = (values.iter().min(), values.iter().max()) else {
        return Ok(());
    };

    let scale = chart.scale;
    let gap = scaled(GAP, scale);
    let font = (FONT_FAMILY, scaled(FONT_SIZE, scale)).into_font().color(&TEXT_COLOR);
    let (width, height) = area.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);

    // The amount axis always includes zero, so the heights of the lines compare honestly.
    let ticks = amount_ticks(lowest.min(0), highest.max(0), AMOUNT_STEPS);
    let tick_labels: Vec<String> = ticks.iter().map(|tick| (chart.format_amount)(*tick)).collect();
    let mut label_width = 0;
    for label in &tick_labels {
        label_width = label_width.max(text_size(area, label, &font)?.0 as i32);
    }
    let label_height = text_size(area, "0", &font)?.1 as i32;

    let plot = Plot {
        left: gap + label_width + gap,
        // Room for half of the last year's label, which is centred on its year.
        right: width - gap * 3,
        top: gap + label_height / 2,
        bottom: height - gap - label_height - gap,
        first_year: i32::from(first.year),
        last_year: i32::from(last.year),
        low: *ticks.first().unwrap_or(&0),
        high: *ticks.last().unwrap_or(&1),
    };
    if plot.right <= plot.left || plot.bottom <= plot.top || plot.high <= plot.low {
        return Ok(());
    }

    let thin = scaled(1.0, scale).max(1) as u32;
    for (tick, label) in ticks.iter().zip(&tick_labels) {
        let y = plot.y(*tick);
        area.draw(&PathElement::new(vec![(plot.left, y), (plot.right, y)], GRID_COLOR.stroke_width(thin)))?;
        area.draw_text(label, &font.pos(Pos::new(HPos::Right, VPos::Center)), (plot.left - gap, y))?;
    }

    let year_step =
        year_label_step(plot.first_year, plot.last_year, plot.right - plot.left, scaled(YEAR_LABEL_SPACING, scale));
    let label_top = plot.bottom + gap;
    for year in (plot.first_year..=plot.last_year).step_by(year_step) {
        let text = year.to_string();
        area.draw_text(&text, &font.pos(Pos::new(HPos::Center, VPos::Top)), (plot.x(year), label_top))?;
    }

    if let Some(year) =
        chart.marked_year.map(i32::from).filter(|year| (plot.first_year..=plot.last_year).contains(year))
    {
        let x = plot.x(year);
        area.draw(&PathElement::new(vec![(x, plot.top), (x, plot.bottom)], MARKED_YEAR_COLOR.stroke_width(thin)))?;
    }

    let line_width = scaled(2.0, scale) as u32;
    let marker_size = scaled(4.0, scale);
    for &phase in chart.phases {
        let color = phase_color(phase);
        for segment in segments(chart.points, phase) {
            let path: Vec<(i32, i32)> = segment.iter().map(|(year, value)| (plot.x(*year), plot.y(*value))).collect();
            area.draw(&PathElement::new(path, color.stroke_width(line_width)))?;
        }
        for point in chart.points {
            let Some(value) = point.amounts.get(phase) else { continue };
            draw_marker(area, phase, (plot.x(i32::from(point.year)), plot.y(value)), marker_size, color)?;
        }
    }
    Ok(())
}

/// Draws the marker of `phase` centred on `center`. Each phase has its own shape, so the
/// lines differ by more than color.
fn draw_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    phase: Phase,
    center: (i32, i32),
    size: i32,
    color: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (x, y) = center;
    match phase {
        Phase::Original => area.draw(&Circle::new(center, size, color.filled())),
        Phase::Revised => {
            let size = size + 1;
            let triangle = vec![(x, y - size), (x + size, y + size * 3 / 4), (x - size, y + size * 3 / 4)];
            area.draw(&Polygon::new(triangle, color.filled()))
        }
        Phase::Executed => area.draw(&Rectangle::new([(x - size, y - size), (x + size, y + size)], color.filled())),
    }
}

/// Round values for the amount axis from at most `low` to at least `high`: multiples of a
/// step of 1, 2 or 5 times a power of ten, about `steps` steps in all.
fn amount_ticks(low: i64, high: i64, steps: i64) -> Vec<i64> {
    let range = (high - low).max(1);
    let mut step: i64 = 1;
    'search: loop {
        for factor in [1, 2, 5] {
            let candidate = step.saturating_mul(factor);
            if candidate.saturating_mul(steps) >= range {
                step = candidate;
                break 'search;
            }
        }
        step = step.saturating_mul(10);
    }
    let first = low.div_euclid(step) * step;
    // At least two ticks, so that a series of zeros still has an axis to stand on.
    let last = (-((-high).div_euclid(step) * step)).max(first + step);
    let mut ticks = Vec::new();
    let mut tick = first;
    while tick <= last {
        ticks.push(tick);
        tick += step;
    }
    ticks
}

/// Returns the step between labelled years so that labels `spacing` pixels apart fit in
/// `plot_width`.
fn year_label_step(first_year: i32, last_year: i32, plot_width: i32, spacing: i32) -> usize {
    let years = (last_year - first_year + 1).max(1);
    let fitting = (plot_width / spacing.max(1)).max(1);
    ((years + fitting - 1) / fitting).max(1) as usize
}

/// Runs of consecutive years that have a figure of `phase`; a missing year breaks the line
/// instead of being drawn as zero.
fn segments(points: &[HistoryPoint], phase: Phase) -> Vec<Vec<(i32, i64)>> {
    let mut runs: Vec<Vec<(i32, i64)>> = Vec::new();
    let mut previous_year: Option<u16> = None;
    for point in points {
        let Some(value) = point.amounts.get(phase) else {
            previous_year = None;
            continue;
        };
        let continues = previous_year.is_some_and(|year| year + 1 == point.year);
        match runs.last_mut() {
            Some(run) if continues => run.push((i32::from(point.year), value)),
            _ => runs.push(vec![(i32::from(point.year), value)]),
        }
        previous_year = Some(point.year);
    }
    runs
}

#[cfg(test)]
mod tests {
    use budget_model::Amounts;
    use plotters::backend::SVGBackend;

    use super::*;

    fn draw_svg(points: &[HistoryPoint], phases: &[Phase]) -> String {
        let format = |value: i64| format!("{value} ILS");
        let chart = HistoryChart { points, phases, marked_year: Some(2011), format_amount: &format, scale: 1.0 };
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (640, 320)).into_drawing_area();
            draw(&area, &chart).unwrap();
            area.present().unwrap();
        }
        svg
    }

    /// Returns the contents of every `<text>` element.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|element| {
                let content = element.split_once('>')?.1;
                Some(content.split("</text>").next()?.trim().to_string())
            })
            .collect()
    }

    #[test]
    fn chart_draws_axes_and_lines() {
        let points = [point(2010, Some(10)), point(2011, Some(20)), point(2012, None), point(2013, Some(30))];
        let svg = draw_svg(&points, &[Phase::Original]);
        let labels = texts(&svg);
        for label in ["2010", "2011", "2013", "0 ILS", "30 ILS"] {
            assert!(labels.iter().any(|text| text == label), "missing label {label} in {labels:?}");
        }
        // One marker per year with a figure.
        assert_eq!(svg.matches("<circle").count(), 3);
        // Grid lines, the marked year and two line segments are polylines.
        assert!(svg.matches("<polyline").count() >= 2 + 1 + 2);
    }

    #[test]
    fn chart_without_figures_is_blank() {
        let points = [point(2010, None)];
        let svg = draw_svg(&points, &[Phase::Original]);
        assert!(!svg.contains("<text"));
        assert!(!svg.contains("<polyline"));
    }

    fn point(year: u16, original: Option<i64>) -> HistoryPoint {
        HistoryPoint { year, name: String::new(), amounts: Amounts { original, ..Amounts::default() } }
    }

    #[test]
    fn segments_break_at_gaps() {
        let points =
            [point(2010, Some(1)), point(2011, Some(2)), point(2012, None), point(2013, Some(4)), point(2015, Some(5))];
        let runs = segments(&points, Phase::Original);
        assert_eq!(runs, vec![vec![(2010, 1), (2011, 2)], vec![(2013, 4)], vec![(2015, 5)]]);
    }

    #[test]
    fn segments_of_missing_phase_empty() {
        let points = [point(2010, Some(1))];
        assert!(segments(&points, Phase::Executed).is_empty());
    }

    #[test]
    fn ticks_round_steps() {
        assert_eq!(amount_ticks(0, 73_500_000_000, 5), [0, 20, 40, 60, 80].map(|n| n * 1_000_000_000));
        assert_eq!(amount_ticks(0, 10, 5), [0, 2, 4, 6, 8, 10]);
        assert_eq!(amount_ticks(0, 0, 5), [0, 1]);
    }

    #[test]
    fn ticks_cover_negative_values() {
        let ticks = amount_ticks(-3_500, 9_000, 5);
        assert_eq!(ticks, [-5_000, 0, 5_000, 10_000]);
    }

    #[test]
    fn year_labels_skip_when_crowded() {
        assert_eq!(year_label_step(2000, 2024, 1_000, 48), 2);
        assert_eq!(year_label_step(2021, 2024, 1_000, 48), 1);
        assert_eq!(year_label_step(2021, 2021, 10, 48), 1);
    }
}
