//! Horizontal bar chart of labelled amounts: the largest expense sections of a year, or what
//! an entity received per year.
//!
//! Drawn without plotters' cartesian charts, because each row carries a long name and a
//! formatted amount, and the whole chart is mirrored in right-to-left languages: names start
//! at the inline-start edge and bars grow towards the inline end.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use std::sync::Arc;

use super::{chart_text, phase_color, scaled, text_size, Chart, FONT_FAMILY, TEXT_COLOR};
use budget_model::format::format_amount;
use budget_model::{Locale, Phase};

/// Height of one bar's row, in CSS pixels.
const ROW_HEIGHT: f64 = 34.0;
/// Space around the chart and between its columns, in CSS pixels.
const GAP: f64 = 8.0;
/// Label size, in CSS pixels.
const FONT_SIZE: f64 = 13.0;

/// One bar: a section and its amount.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Name shown beside the bar; shortened with an ellipsis when it does not fit.
    pub label: String,
    /// Length of the bar, in shekels. Negative values draw no bar.
    pub value: i64,
    /// The amount as text, shown at the end of the bar.
    pub value_text: String,
}

/// Everything the bar chart shows.
pub struct SectionsBarChart<'a> {
    pub bars: &'a [Bar],
    /// The phase the amounts belong to, which sets the bar color.
    pub phase: Phase,
    /// True for right-to-left languages: names at the right, bars growing leftwards.
    pub rtl: bool,
    /// Backend pixels per CSS pixel.
    pub scale: f64,
}

/// Labelled amounts in shekels, drawn as bars in `locale` in the color of `phase`.
#[derive(Clone)]
pub struct AmountBars {
    pub rows: Arc<Vec<(String, i64)>>,
    pub phase: Phase,
    pub locale: Locale,
}

impl Chart for AmountBars {
    fn height(&self) -> u32 {
        height(self.rows.len())
    }

    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let bars: Vec<Bar> = self
            .rows
            .iter()
            .map(|(label, value)| Bar {
                label: chart_text(label.clone(), self.locale),
                value: *value,
                value_text: chart_text(format_amount(*value, self.locale), self.locale),
            })
            .collect();
        let chart = SectionsBarChart { bars: &bars, phase: self.phase, rtl: self.locale.dir() == "rtl", scale };
        draw(area, &chart)
    }
}

/// Height in CSS pixels that the chart needs for `bars` rows.
pub fn height(bars: usize) -> u32 {
    (bars as f64 * ROW_HEIGHT + 2.0 * GAP).round() as u32
}

/// Draws the chart on the whole of `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &SectionsBarChart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let scale = chart.scale;
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;
    let gap = scaled(GAP, scale);
    let row = scaled(ROW_HEIGHT, scale);
    let font = (FONT_FAMILY, scaled(FONT_SIZE, scale)).into_font().color(&TEXT_COLOR);
    let bar_style = phase_color(chart.phase).filled();

    // Names take the width of the longest one, up to 36% of the chart, and are shortened past
    // that.
    let mut longest_label = 0;
    for bar in chart.bars {
        longest_label = longest_label.max(text_size(area, &bar.label, &font)?.0 as i32);
    }
    let label_width = longest_label.min(width * 36 / 100);
    let value_width = (width * 22 / 100).max(scaled(90.0, scale));
    let bar_space = (width - label_width - value_width - 4 * gap).max(1);
    let max_value = chart.bars.iter().map(|bar| bar.value).max().unwrap_or(0).max(1);

    for (index, bar) in chart.bars.iter().enumerate() {
        let top = gap + index as i32 * row;
        let middle = top + row / 2;
        let bar_top = top + row / 5;
        let bar_bottom = top + row * 4 / 5;
        let length = (bar.value.max(0) as f64 / max_value as f64 * bar_space as f64).round() as i32;
        let label = fit_text(area, &bar.label, &font, label_width)?;

        // Positions are computed left to right, then mirrored for right-to-left.
        let label_end = gap + label_width;
        let bar_start = label_end + gap;
        let bar_end = bar_start + length;
        let value_start = bar_end + gap;
        let (label_x, label_anchor, bar_from, bar_to, value_x, value_anchor) = if chart.rtl {
            (width - label_end, HPos::Left, width - bar_end, width - bar_start, width - value_start, HPos::Right)
        } else {
            (label_end, HPos::Right, bar_start, bar_end, value_start, HPos::Left)
        };

        area.draw_text(&label, &font.pos(Pos::new(label_anchor, VPos::Center)), (label_x, middle))?;
        if length > 0 {
            area.draw(&Rectangle::new([(bar_from, bar_top), (bar_to, bar_bottom)], bar_style))?;
        }
        area.draw_text(&bar.value_text, &font.pos(Pos::new(value_anchor, VPos::Center)), (value_x, middle))?;
    }
    Ok(())
}

/// `text`, shortened with an ellipsis until it is at most `max_width` backend pixels wide.
pub(super) fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    font: &TextStyle,
    max_width: i32,
) -> Result<String, DrawingAreaErrorKind<DB::ErrorType>> {
    let fits = |candidate: &str| -> Result<bool, DrawingAreaErrorKind<DB::ErrorType>> {
        Ok(text_size(area, candidate, font)?.0 as i32 <= max_width)
    };
    if fits(text)? {
        return Ok(text.to_string());
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate = format!("{}…", chars.iter().collect::<String>().trim_end());
        if fits(&candidate)? {
            return Ok(candidate);
        }
    }
    Ok("…".to_string())
}

#[cfg(test)]
mod tests {
    use plotters::backend::SVGBackend;

    use super::*;

    fn bars() -> Vec<Bar> {
        [("חינוך", 70), ("ביטחון", 60), ("בריאות", -5)]
            .into_iter()
            .map(|(label, value)| Bar { label: label.to_string(), value, value_text: format!("{value} units") })
            .collect()
    }

    fn draw_svg(rtl: bool) -> String {
        let bars = bars();
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (600, height(bars.len()))).into_drawing_area();
            let chart = SectionsBarChart { bars: &bars, phase: Phase::Executed, rtl, scale: 1.0 };
            draw(&area, &chart).unwrap();
            area.present().unwrap();
        }
        svg
    }

    /// Returns the x coordinate of the `<text>` element that contains `text`.
    fn text_x(svg: &str, text: &str) -> i32 {
        let element = svg.split("<text").find(|element| element.contains(text)).expect("text drawn");
        let x = element.split("x=\"").nth(1).unwrap().split('"').next().unwrap();
        x.parse().unwrap()
    }

    #[test]
    fn bars_drawn_except_negative() {
        let svg = draw_svg(false);
        // The background plus one rectangle per positive value.
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("חינוך"));
        assert!(svg.contains("-5 units"));
    }

    #[test]
    fn rtl_mirrors_labels_and_values() {
        let ltr = draw_svg(false);
        let rtl = draw_svg(true);
        assert!(text_x(&ltr, "חינוך") < text_x(&ltr, "70 units"));
        assert!(text_x(&rtl, "חינוך") > text_x(&rtl, "70 units"));
    }

    #[test]
    fn height_grows_with_bars() {
        assert!(height(10) > height(2));
    }
}
