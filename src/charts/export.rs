//! Charts framed for download: the title above the chart, the source and the snapshot below,
//! so that a copied image still states what it shows and where it comes from.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::sections_bar::fit_text;
use super::{scaled, text_size, Chart, FONT_FAMILY, TEXT_COLOR};

/// Width of a downloaded chart, in CSS pixels.
pub const WIDTH: u32 = 960;
/// Height of the title band, in CSS pixels.
const HEADER: u32 = 48;
/// Height of the band of the source and snapshot lines, in CSS pixels.
const FOOTER: u32 = 52;
/// Space at the start and end of every line, in CSS pixels.
const GAP: f64 = 16.0;
const TITLE_SIZE: f64 = 18.0;
const NOTE_SIZE: f64 = 12.0;
const NOTE_COLOR: RGBColor = RGBColor(0x57, 0x60, 0x6a);

/// The texts drawn around a chart.
pub struct Frame<'a> {
    pub title: &'a str,
    /// Origin of the figures, such as the official files.
    pub source: &'a str,
    /// The snapshot id and date, and the permalink.
    pub snapshot: &'a str,
    /// True for right-to-left languages: lines start at the right edge.
    pub rtl: bool,
}

/// Height in CSS pixels of `chart` with its frame.
pub fn height<C: Chart>(chart: &C) -> u32 {
    HEADER + chart.height() + FOOTER
}

/// Draws `chart` with its frame on the whole of `area`, which should be [`WIDTH`] by
/// [`height`] CSS pixels times `scale`.
pub fn draw<DB: DrawingBackend, C: Chart>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    chart: &C,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let (width, height) = area.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    let header = scaled(f64::from(HEADER), scale);
    let footer = scaled(f64::from(FOOTER), scale);
    let gap = scaled(GAP, scale);
    let line_width = width - 2 * gap;
    let (x, anchor) = if frame.rtl { (width - gap, HPos::Right) } else { (gap, HPos::Left) };

    // The canvas and the SVG lay text out left to right. A right-to-left line is wrapped in a
    // right-to-left isolate (U+2067 … U+2069), so its words, numbers and final period keep
    // their order.
    let line = |text: &str| if frame.rtl { format!("\u{2067}{text}\u{2069}") } else { text.to_string() };

    let note_font = (FONT_FAMILY, scaled(NOTE_SIZE, scale)).into_font().color(&NOTE_COLOR);
    let legend_width = draw_legend(area, &chart.legend(), &note_font, frame.rtl, (gap, header / 2), scale)?;

    let title_font = (FONT_FAMILY, scaled(TITLE_SIZE, scale), FontStyle::Bold).into_font().color(&TEXT_COLOR);
    let title = fit_text(area, &line(frame.title), &title_font, line_width - legend_width)?;
    area.draw_text(&title, &title_font.pos(Pos::new(anchor, VPos::Center)), (x, header / 2))?;

    let body = area.clone().shrink((0, header), (width as u32, (height - header - footer).max(1) as u32));
    chart.draw_on(&body, scale)?;

    let lines = [frame.source, frame.snapshot];
    for (index, text) in lines.into_iter().enumerate() {
        let text = fit_text(area, &line(text), &note_font, line_width)?;
        let y = height - footer + footer * (2 * index as i32 + 1) / 4;
        area.draw_text(&text, &note_font.pos(Pos::new(anchor, VPos::Center)), (x, y))?;
    }
    Ok(())
}

/// Draws the legend entries (a color swatch and a name each) in one row at the inline end of
/// the title band, `margin` from the edge and centred on `middle`, and returns the width they
/// take with the space before the title, in backend pixels.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, RGBColor)],
    font: &TextStyle,
    rtl: bool,
    (margin, middle): (i32, i32),
    scale: f64,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    if entries.is_empty() {
        return Ok(0);
    }
    let (width, _) = area.dim_in_pixel();
    let swatch = scaled(10.0, scale);
    let space = scaled(6.0, scale);
    let mut used = 0;
    // Entries are placed from the inline end inwards: leftwards in left-to-right languages.
    for (name, color) in entries.iter().rev() {
        let text_width = text_size(area, name, font)?.0 as i32;
        let entry = swatch + space + text_width;
        let start = if rtl { margin + used } else { width as i32 - margin - used - entry };
        let (swatch_x, text_x) = if rtl { (start + text_width + space, start) } else { (start, start + swatch + space) };
        area.draw(&Rectangle::new([(swatch_x, middle - swatch / 2), (swatch_x + swatch, middle + swatch / 2)], color.filled()))?;
        area.draw_text(name, &font.pos(Pos::new(HPos::Left, VPos::Center)), (text_x, middle))?;
        used += entry + 2 * space;
    }
    Ok(used + margin)
}

/// Draws `chart` with its frame as an SVG document, at one unit per CSS pixel.
pub fn to_svg<C: Chart>(frame: &Frame, chart: &C) -> Result<String, String> {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (WIDTH, height(chart))).into_drawing_area();
        draw(&area, frame, chart, 1.0).map_err(|error| error.to_string())?;
        area.present().map_err(|error| error.to_string())?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chart that draws one labelled rectangle.
    struct Block;

    impl Chart for Block {
        fn height(&self) -> u32 {
            100
        }

        fn draw_on<DB: DrawingBackend>(
            &self,
            area: &DrawingArea<DB, Shift>,
            _scale: f64,
        ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
            let (width, height) = area.dim_in_pixel();
            area.draw(&Rectangle::new([(0, 0), (width as i32, height as i32)], BLUE.filled()))?;
            area.draw_text("body", &("sans-serif", 12).into_font().into(), (10, 10))
        }

        fn legend(&self) -> Vec<(String, RGBColor)> {
            vec![("Executed".to_string(), GREEN)]
        }
    }

    fn frame(rtl: bool) -> Frame<'static> {
        Frame {
            title: "תקציב המדינה 2014",
            source: "Source: budget/new2014.csv",
            snapshot: "Data snapshot c9b3009bb7832047 of 2026-12-04",
            rtl,
        }
    }

    /// Returns the x coordinate and text of every `<text>` element.
    fn texts(svg: &str) -> Vec<(i32, String)> {
        svg.split("<text")
            .skip(1)
            .filter_map(|element| {
                let x = element.split("x=\"").nth(1)?.split('"').next()?.parse().ok()?;
                let content = element.split_once('>')?.1.split("</text>").next()?.trim().to_string();
                Some((x, content))
            })
            .collect()
    }

    #[test]
    fn svg_has_title_source_and_snapshot() {
        let svg = to_svg(&frame(false), &Block).unwrap();
        let contents: Vec<String> = texts(&svg).into_iter().map(|(_, text)| text).collect();
        for expected in ["תקציב המדינה 2014", "Source: budget/new2014.csv", "Data snapshot c9b3009bb7832047 of 2026-12-04", "body", "Executed"] {
            assert!(contents.iter().any(|text| text == expected), "missing {expected:?} in {contents:?}");
        }
        assert!(svg.contains(&format!("height=\"{}\"", HEADER + 100 + FOOTER)), "frame height");
    }

    #[test]
    fn chart_drawn_below_title() {
        let svg = to_svg(&frame(false), &Block).unwrap();
        // The background, the legend's swatch, then the chart's rectangle.
        let rect = svg.split("<rect").nth(3).expect("the chart's rectangle after the background and the swatch");
        let y: i32 = rect.split("y=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        assert_eq!(y, HEADER as i32);
    }

    #[test]
    fn rtl_lines_start_at_right() {
        let ltr = texts(&to_svg(&frame(false), &Block).unwrap());
        let rtl = texts(&to_svg(&frame(true), &Block).unwrap());
        let x_of = |texts: &[(i32, String)], text: &str| texts.iter().find(|(_, found)| found.contains(text)).unwrap().0;
        assert_eq!(x_of(&ltr, "Source: budget/new2014.csv"), GAP as i32);
        assert_eq!(x_of(&rtl, "Source: budget/new2014.csv"), WIDTH as i32 - GAP as i32);
    }

    #[test]
    fn rtl_lines_isolated() {
        let rtl = texts(&to_svg(&frame(true), &Block).unwrap());
        let title = rtl.iter().find(|(_, text)| text.contains("תקציב המדינה")).unwrap();
        assert_eq!(title.1, "\u{2067}תקציב המדינה 2014\u{2069}");
    }
}
