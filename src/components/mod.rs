//! Components shared by the pages, one per file.

mod amount;
mod breadcrumbs;
mod chart_canvas;
mod chart_downloads;
mod cite_button;
mod embed_button;
mod export_buttons;
mod history_figure;
mod item_history;
mod item_table;
mod language_switcher;
mod load_error_view;
mod loaded;
mod loading_status;
mod no_data;
mod offline_save;
mod page_sources;
mod page_tools;
mod phase_amounts;
mod search_box;
mod pinned_snapshot_note;
mod sections_figure;
mod share;
mod site_footer;
mod site_header;
mod update_banner;
mod windowed_table;
mod year_select;
// Procurement pages.
mod item_procurement;
mod publisher_list;
mod spending_summary;
mod spending_tables;
mod years_figure;

pub use amount::Amount;
pub use breadcrumbs::Breadcrumbs;
pub use chart_canvas::ChartCanvas;
pub use chart_downloads::{ChartDownloads, Downloadable, MakeChart};
pub use cite_button::CiteButton;
pub use embed_button::EmbedButton;
pub use export_buttons::{ExportButtons, MakeTable};
pub use history_figure::HistoryFigure;
pub use item_history::ItemHistory;
pub use item_table::{ItemRow, ItemTable};
pub use language_switcher::LanguageSwitcher;
pub use load_error_view::LoadErrorView;
pub use loaded::Loaded;
pub use loading_status::LoadingStatus;
pub use no_data::NoData;
pub use offline_save::OfflineSave;
pub use page_sources::PageSources;
pub use page_tools::PageTools;
pub use phase_amounts::PhaseAmounts;
pub use search_box::{kind_id, kind_name, result_href, SearchBox};
pub use pinned_snapshot_note::PinnedSnapshotNote;
pub use sections_figure::SectionsFigure;
pub use share::Share;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use update_banner::UpdateBanner;
pub use windowed_table::{RenderRow, WindowedTable};
pub use year_select::YearSelect;

pub use item_procurement::{reporting_publishers, ItemProcurement};
pub use publisher_list::PublisherList;
pub use spending_summary::SpendingSummary;
pub use spending_tables::{
    contracts_hash, entity_hash, publisher_hash, ContractColumns, ContractsTable, IsoDate, PartyName, SupportRow, SupportsTable,
};
pub use years_figure::YearsFigure;
