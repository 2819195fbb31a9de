//! Charts drawn with plotters, one module per chart.
//!
//! Each chart has a `draw` function generic over the plotters drawing backend, so the app draws
//! on a `<canvas>` and a native test can draw the same chart to an SVG string. Sizes are given
//! in CSS pixels and multiplied by a `scale` (physical pixels per CSS pixel), so a chart is
//! sharp on high-density screens.

pub mod history_line;
pub mod sections_bar;

use budget_model::Phase;
use plotters::style::RGBColor;

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

/// Converts a length in CSS pixels to backend pixels.
fn scaled(css_pixels: f64, scale: f64) -> i32 {
    (css_pixels * scale).round() as i32
}
