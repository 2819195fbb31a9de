//! Charts drawn with plotters, one module per chart.
//!
//! Each chart has a `draw` function generic over the plotters drawing backend, so the app draws
//! on a `<canvas>` and a native test can draw the same chart to an SVG string. Sizes are given
//! in CSS pixels and multiplied by a `scale` (physical pixels per CSS pixel), so a chart is
//! sharp on high-density screens.

pub mod export;
pub mod history_line;
pub mod sections_bar;

use budget_model::Phase;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, DrawingBackend};
use plotters::style::{RGBColor, TextStyle};

/// A chart with its data, ready to draw on any plotters backend: the page's canvas, a canvas
/// for a PNG download, or an SVG string.
pub trait Chart {
    /// Height of the chart in CSS pixels.
    fn height(&self) -> u32;

    /// Draws the chart on the whole of `area`, at `scale` backend pixels per CSS pixel.
    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>;

    /// Names and colors of the chart's series, drawn as a legend when the chart is exported on
    /// its own. On the page the legend is HTML beside the chart.
    fn legend(&self) -> Vec<(String, RGBColor)> {
        Vec::new()
    }
}

/// Font families of every chart label, the same list as the page's CSS, so that chart text
/// matches the page and covers Hebrew and Arabic.
pub const FONT_FAMILY: &str = r#"system-ui, "Noto Sans", "Noto Sans Hebrew", "Noto Sans Arabic", sans-serif"#;

/// Text color, the same as the page's body text.
pub const TEXT_COLOR: RGBColor = RGBColor(0x1f, 0x23, 0x28);

/// Color of grid lines and axes.
pub const GRID_COLOR: RGBColor = RGBColor(0xd0, 0xd7, 0xde);

/// Color of each phase's line, from the Okabe–Ito palette, which stays distinct under the
/// common color-vision deficiencies. Each phase also has its own marker shape.
pub fn phase_color(phase: Phase) -> RGBColor {
    match phase {
        Phase::Original => RGBColor(0x00, 0x72, 0xb2),
        Phase::Revised => RGBColor(0xd5, 0x5e, 0x00),
        Phase::Executed => RGBColor(0x00, 0x9e, 0x73),
    }
}

/// `text` as a chart draws it in `locale`. The canvas is left to right, so in a right-to-left
/// language the text is wrapped in a right-to-left isolate (U+2067 … U+2069): an amount then
/// reads "177 מיליארד ₪" as in the tables, not with the shekel sign first.
pub fn chart_text(text: String, locale: budget_model::Locale) -> String {
    match locale.dir() {
        "rtl" => format!("\u{2067}{text}\u{2069}"),
        _ => text,
    }
}

/// Converts a length in CSS pixels to backend pixels.
fn scaled(css_pixels: f64, scale: f64) -> i32 {
    (css_pixels * scale).round() as i32
}

/// Width and height in backend pixels of `text` drawn in `style`.
///
/// In the browser this measures with a canvas's `measureText`. plotters' own estimate there
/// measures a `<span>` given a `style` attribute, which the page's Content-Security-Policy
/// (`style-src 'self'`) blocks, and it forces a layout for every label. Natively, as in tests,
/// it is plotters' estimate.
pub fn text_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> Result<(u32, u32), DrawingAreaErrorKind<DB::ErrorType>> {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = area;
        Ok(measure::text_size(text, style))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        area.estimate_text_size(text, style)
    }
}

#[cfg(target_arch = "wasm32")]
mod measure {
    use plotters::style::TextStyle;
    use wasm_bindgen::JsCast;
    use web_sys::CanvasRenderingContext2d;

    /// Line height as a multiple of the font size, about what a browser gives a `<span>`.
    const LINE_HEIGHT: f64 = 1.2;

    thread_local! {
        /// A canvas that is never shown, kept for measuring.
        static CONTEXT: Option<CanvasRenderingContext2d> = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.create_element("canvas").ok())
            .and_then(|canvas| canvas.dyn_into::<web_sys::HtmlCanvasElement>().ok())
            .and_then(|canvas| canvas.get_context("2d").ok().flatten())
            .and_then(|context| context.dyn_into::<CanvasRenderingContext2d>().ok());
    }

    pub fn text_size(text: &str, style: &TextStyle) -> (u32, u32) {
        let font = &style.font;
        let size = font.get_size();
        let width = CONTEXT.with(|context| {
            let context = context.as_ref()?;
            context.set_font(&format!("{} {size}px {}", font.get_style().as_str(), font.get_family().as_str()));
            context.measure_text(text).ok().map(|metrics| metrics.width())
        });
        // Without a canvas, an average glyph is about 0.6 of the font size wide.
        let width = width.unwrap_or(0.6 * size * text.chars().count() as f64);
        (width.ceil() as u32, (size * LINE_HEIGHT).ceil() as u32)
    }
}
