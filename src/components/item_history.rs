//! The multi-year chart of one item, loaded apart from the item's page.

use std::sync::Arc;

use budget_model::snapshot::FileEntry;
use budget_model::BudgetCode;
use leptos::prelude::*;

use super::{HistoryFigure, Loaded};
use crate::data::DataStore;

/// The chart of `code` over the years, loaded from the history shard that contains it. It
/// loads apart from the page, so a failure here leaves the rest of the page in place.
#[component]
pub fn ItemHistory(
    /// The file list that has the history shard's hash.
    listed_in: Arc<[FileEntry]>,
    code: BudgetCode,
    /// Year of the page, marked on the chart.
    year: u16,
    /// The item's name in `year`, for the title of a downloaded chart.
    name: String,
    /// Source line of a downloaded chart; without it the chart has no download buttons.
    #[prop(optional)]
    source: Option<Signal<String>>,
) -> impl IntoView {
    let store = DataStore::use_store();
    let history = {
        let code = code.clone();
        LocalResource::new(move || {
            store.track_retries();
            let listed_in = listed_in.clone();
            let code = code.clone();
            async move {
                let shard = store.history(&listed_in, &code).await?;
                Ok(Arc::new(shard.series.get(&code).cloned().unwrap_or_default()))
            }
        })
    };
    view! {
        <Loaded
            resource=history
            render=move |points| {
                let (code, name) = (code.clone(), name.clone());
                view! { <HistoryFigure points year code name source /> }
            }
        />
    }
}
