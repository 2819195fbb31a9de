//! Components shared by the pages, one per file.

mod amount;
mod breadcrumbs;
mod chart_canvas;
mod history_figure;
mod item_history;
mod item_table;
mod language_switcher;
mod load_error_view;
mod loaded;
mod loading_status;
mod no_data;
mod phase_amounts;
mod sections_figure;
mod share;
mod site_footer;
mod site_header;
mod year_select;

pub use amount::Amount;
pub use breadcrumbs::Breadcrumbs;
pub use chart_canvas::ChartCanvas;
pub use history_figure::HistoryFigure;
pub use item_history::ItemHistory;
pub use item_table::{ItemRow, ItemTable};
pub use language_switcher::LanguageSwitcher;
pub use load_error_view::LoadErrorView;
pub use loaded::Loaded;
pub use loading_status::LoadingStatus;
pub use no_data::NoData;
pub use phase_amounts::PhaseAmounts;
pub use sections_figure::SectionsFigure;
pub use share::Share;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use year_select::YearSelect;
