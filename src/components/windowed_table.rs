//! A table of many rows that keeps only the rows in view, plus a margin, in the document.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Height of every body row in CSS pixels; the stylesheet fixes `.windowed-table` rows to it,
/// so the scroll position gives the first visible row without measuring.
pub const ROW_HEIGHT_PX: f64 = 44.0;

/// Rows kept above and below the visible ones, so fast scrolling shows no blank band.
const MARGIN_ROWS: usize = 12;

/// Viewport height assumed until the first scroll reports the real one.
const INITIAL_VIEWPORT_PX: f64 = 900.0;

/// Renders the body row at a position of the list.
pub type RenderRow = Arc<dyn Fn(usize) -> AnyView + Send + Sync>;

/// A `<table>` inside a scrolling box that renders only the rows near the view. Spacer rows
/// above and below keep the scrollbar true to the full list, and `aria-rowcount` and
/// `aria-rowindex` tell assistive technology where each rendered row sits.
#[component]
pub fn WindowedTable(
    /// Number of body rows.
    #[prop(into)]
    row_count: Signal<usize>,
    /// Number of columns, for the spacer cells.
    columns: usize,
    /// The `<tr>` of the header, with `<th scope="col">` cells.
    head: AnyView,
    /// Renders the `<tr>` at a position; it must set `aria-rowindex` to the position plus 2.
    render_row: RenderRow,
    /// Value of `data-testid`, for browser tests.
    test_id: &'static str,
    /// The caption.
    children: Children,
) -> impl IntoView {
    let (scroll_top, set_scroll_top) = signal(0.0_f64);
    let (viewport, set_viewport) = signal(INITIAL_VIEWPORT_PX);
    let on_scroll = move |event: leptos::ev::Event| {
        let Some(element) = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        set_scroll_top.set(f64::from(element.scroll_top()));
        set_viewport.set(f64::from(element.client_height()).max(ROW_HEIGHT_PX));
    };

    // The caption and header above the rows are not subtracted, so the window starts up to
    // two rows late, which the margin covers.
    let window = Memo::new(move |_| {
        let count = row_count.get();
        let first_visible = (scroll_top.get() / ROW_HEIGHT_PX).floor() as usize;
        let visible = (viewport.get() / ROW_HEIGHT_PX).ceil() as usize;
        let start = first_visible.saturating_sub(MARGIN_ROWS).min(count);
        let end = (first_visible + visible + MARGIN_ROWS).min(count);
        (start, end, count)
    });

    let spacer = move |rows: usize| {
        (rows > 0).then(|| {
            let height = format!("{}px", rows as f64 * ROW_HEIGHT_PX);
            view! {
                <tr class="spacer" aria-hidden="true">
                    <td colspan=columns style:block-size=height></td>
                </tr>
            }
        })
    };
    let body = move || {
        let (start, end, count) = window.get();
        let rows = (start..end).map(|position| render_row(position)).collect_view();
        view! {
            {spacer(start)}
            {rows}
            {spacer(count - end)}
        }
    };

    view! {
        <div class="table-window" tabindex="0" on:scroll=on_scroll data-testid=test_id>
            <table class="windowed-table" aria-rowcount=move || row_count.get() + 1>
                <caption>{children()}</caption>
                <thead>{head}</thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
