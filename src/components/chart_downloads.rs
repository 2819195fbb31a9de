//! Buttons that download a chart as PNG or SVG, framed with its title, source and snapshot.

use std::sync::Arc;

use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

use crate::charts::export::{self, Frame};
use crate::charts::Chart;
use crate::data::DataStore;
use crate::i18n::{td, td_string};
use crate::locale::{isolate, use_i18n, use_locale};
use crate::router::use_route;
use crate::{browser, download};

/// Backend pixels per CSS pixel of a PNG download, so that it stays sharp when printed or
/// shown on a high-density screen.
const PNG_SCALE: f64 = 2.0;

/// A chart that draws itself framed for download. Every [`Chart`] is one; the trait object
/// lets one download component serve every kind of chart.
pub trait Downloadable {
    /// The framed chart as an SVG document.
    fn to_svg(&self, frame: &Frame) -> Result<String, String>;
    /// Draws the framed chart on `canvas`, which must be sized with [`Self::framed_height`].
    fn draw_on_canvas(&self, canvas: HtmlCanvasElement, frame: &Frame, scale: f64) -> Result<(), String>;
    /// Height of the framed chart in CSS pixels.
    fn framed_height(&self) -> u32;
}

impl<C: Chart> Downloadable for C {
    fn to_svg(&self, frame: &Frame) -> Result<String, String> {
        export::to_svg(frame, self)
    }

    fn draw_on_canvas(&self, canvas: HtmlCanvasElement, frame: &Frame, scale: f64) -> Result<(), String> {
        let backend = CanvasBackend::with_canvas_object(canvas).ok_or("the canvas has no 2d context")?;
        export::draw(&backend.into_drawing_area(), frame, self, scale).map_err(|error| error.to_string())
    }

    fn framed_height(&self) -> u32 {
        export::height(self)
    }
}

/// Makes the chart to download, in the current language.
pub type MakeChart = Arc<dyn Fn() -> Box<dyn Downloadable> + Send + Sync>;

/// Two buttons that download the chart that `chart` makes, as PNG and as SVG. The image has
/// `title` above the chart, and `source`, the snapshot and the page's permalink below it.
#[component]
pub fn ChartDownloads(
    chart: MakeChart,
    /// What the chart shows.
    #[prop(into)]
    title: Signal<String>,
    /// Origin of the figures.
    #[prop(into)]
    source: Signal<String>,
    /// File name without extension, such as `budget-2014-20-history`.
    file_stem: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    let route = use_route();
    let snapshot = DataStore::use_store().snapshot();
    let download = move |format: &'static str| {
        let info = snapshot.get_untracked();
        let snapshot_line = info
            .map(|info| {
                let url = format!("{}{}", browser::page_address(), route.get_untracked().with_snapshot(Some(&info.id)).to_hash());
                let (id, date, url) = (isolate(&info.id), isolate(info.date()), isolate(&url));
                td_string!(i18n.get_untracked(), export_snapshot, id, date, url).to_string()
            })
            .unwrap_or_default();
        let (title, source) = (title.get_untracked(), source.get_untracked());
        let frame = Frame { title: &title, source: &source, snapshot: &snapshot_line, rtl: locale.get_untracked().dir() == "rtl" };
        let file_name = format!("{file_stem}.{format}");
        let result = if format == "svg" {
            chart().to_svg(&frame).map(|svg| download::save_text(&svg, "image/svg+xml", &file_name))
        } else {
            save_png(chart().as_ref(), &frame, &file_name)
        };
        if let Err(error) = result {
            log::warn!("could not make {file_name}: {error}");
        }
    };
    let on_png = {
        let download = download.clone();
        move |_| download("png")
    };
    view! {
        <div class="chart-downloads">
            <button type="button" class="tool" data-testid="download-png" on:click=on_png>{td!(i18n.get(), download_png)}</button>
            <button type="button" class="tool" data-testid="download-svg" on:click=move |_| download("svg")>{td!(i18n.get(), download_svg)}</button>
        </div>
    }
}

/// Draws `chart` with its frame on a canvas outside the page and downloads it as PNG.
fn save_png(chart: &dyn Downloadable, frame: &Frame, file_name: &str) -> Result<(), String> {
    let canvas = document()
        .create_element("canvas")
        .ok()
        .and_then(|element| element.dyn_into::<HtmlCanvasElement>().ok())
        .ok_or("could not make a canvas")?;
    // plotters-canvas aligns text by the canvas's direction; the frame places text itself.
    canvas.set_dir("ltr");
    canvas.set_width((f64::from(export::WIDTH) * PNG_SCALE) as u32);
    canvas.set_height((f64::from(chart.framed_height()) * PNG_SCALE) as u32);
    chart.draw_on_canvas(canvas.clone(), frame, PNG_SCALE)?;
    download::save_canvas_png(&canvas, file_name);
    Ok(())
}
