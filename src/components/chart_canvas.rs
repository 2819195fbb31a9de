//! The canvas a chart is drawn on.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use plotters_canvas::CanvasBackend;

use crate::browser;
use crate::i18n::td;
use crate::locale::use_i18n;

/// A `<canvas>` as wide as its container and `height` CSS pixels high, with `role="img"` and
/// `label` as its text alternative. `draw` runs when the canvas mounts, when any signal it
/// reads changes, and when the window is resized.
///
/// The canvas is always `dir="ltr"`: plotters-canvas aligns text by the canvas's direction,
/// and the charts place their labels themselves for right-to-left languages.
#[component]
pub fn ChartCanvas<F>(
    /// Height in CSS pixels.
    height: u32,
    /// The chart's main finding, in words.
    #[prop(into)]
    label: Signal<String>,
    /// Draws the chart; the second argument is backend pixels per CSS pixel.
    draw: F,
    /// Value of `data-testid`, for browser tests.
    test_id: &'static str,
) -> impl IntoView
where
    F: Fn(CanvasBackend, f64) + 'static,
{
    let i18n = use_i18n();
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let (resized, set_resized) = signal(0_u32);
    let listener = window_event_listener(ev::resize, move |_| set_resized.update(|count| *count += 1));
    on_cleanup(move || listener.remove());

    // The effect first runs before the canvas is laid out in the page, when it has no width.
    // It then asks for another run on the next animation frame, a few times at most, so a
    // canvas that stays hidden does not keep the page busy.
    let layout_retries = StoredValue::new(0_u8);
    Effect::new(move |_| {
        resized.track();
        let Some(canvas) = canvas_ref.get() else { return };
        if canvas.client_width() == 0 {
            if layout_retries.get_value() < 30 {
                layout_retries.update_value(|retries| *retries += 1);
                // The page may be gone by the next frame, and with it the signal.
                request_animation_frame(move || {
                    set_resized.try_update(|count| *count += 1);
                });
            }
            return;
        }
        layout_retries.set_value(0);
        let scale = browser::device_pixel_ratio();
        let width = f64::from(canvas.client_width());
        canvas.set_width((width * scale).round() as u32);
        canvas.set_height((f64::from(height) * scale).round() as u32);
        match CanvasBackend::with_canvas_object(canvas) {
            Some(backend) => draw(backend, scale),
            None => log::warn!("chart {test_id}: the canvas has no 2d context"),
        }
    });

    view! {
        <canvas
            node_ref=canvas_ref
            class="chart"
            dir="ltr"
            role="img"
            aria-label=move || label.get()
            data-testid=test_id
            style:block-size=format!("{height}px")
        >
            {td!(i18n.get(), canvas_fallback)}
        </canvas>
    }
}
