//! A supplier or support recipient: what it received, per year and per ministry.

use std::sync::Arc;

use budget_model::format::format_number;
use budget_model::item_spending::received;
use budget_model::procurement::{publisher_id, ContractTotals, Entity, ProcurementIndex, SupportTotals};
use budget_model::route::{QueryParams, Route};
use leptos::prelude::*;

use super::{LocalBoxFuture, NotFoundView, Outcome};
use crate::browser;
use crate::components::{
    publisher_hash, Amount, ContractColumns, ContractsTable, Loaded, SupportRow, SupportsTable, YearsFigure,
};
use crate::data::{DataStore, LoadError};
use crate::i18n::{td, td_string, Locale as I18nLocale};
use crate::locale::{isolate, use_i18n, use_locale};

/// An entity with the ids of the publishers that report procurement, by name, so that its
/// ministries link to their procurement pages.
#[derive(Clone)]
struct EntityData {
    entity: Entity,
    publishers: Arc<ProcurementIndex>,
}

fn load_entity(store: DataStore, id: String) -> LocalBoxFuture<Result<Outcome<EntityData>, LoadError>> {
    Box::pin(async move {
        let Some(entity) = store.entity(&id).await? else {
            return Ok(Outcome::NotFound { year: None });
        };
        let publishers = store.procurement_index().await?;
        Ok(Outcome::Found(EntityData { entity, publishers }))
    })
}

/// The page of the entity `id`.
#[component]
pub fn EntityPage(id: String) -> impl IntoView {
    let store = DataStore::use_store();
    let data = LocalResource::new(move || {
        store.track_retries();
        load_entity(store, id.clone())
    });
    view! {
        <Loaded
            resource=data
            render=move |outcome| match outcome {
                Outcome::Found(data) => view! { <EntityView entity=data.entity publishers=data.publishers /> }.into_any(),
                Outcome::NotFound { year } => view! { <NotFoundView year /> }.into_any(),
            }
        />
    }
}

/// The registry kind of an entity in the interface language.
fn kind_name(i18n: I18nLocale, kind: &str) -> String {
    match kind {
        "company" => td_string!(i18n, proc_entity_kind_company).to_string(),
        "association" => td_string!(i18n, proc_entity_kind_association).to_string(),
        "municipality" => td_string!(i18n, proc_entity_kind_municipality).to_string(),
        "government_office" => td_string!(i18n, proc_entity_kind_government_office).to_string(),
        "religion_service" => td_string!(i18n, proc_entity_kind_religion_service).to_string(),
        "university" => td_string!(i18n, proc_entity_kind_university).to_string(),
        _ => td_string!(i18n, proc_entity_kind_other).to_string(),
    }
}

#[component]
fn EntityView(entity: Entity, publishers: Arc<ProcurementIndex>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_locale();
    {
        let name = entity.name.clone();
        Effect::new(move |_| browser::set_document_title(&format!("{name} · {}", td_string!(i18n.get(), app_title))));
    }
    let name = entity.name.clone();
    let kind = entity.kind.clone().filter(|kind| !kind.is_empty()).map(|kind| {
        let attribute = kind.clone();
        view! {
            <div class="phase-amount">
                <dt>{td!(i18n.get(), proc_entity_kind_label)}</dt>
                <dd data-kind=attribute>{move || kind_name(i18n.get(), &kind)}</dd>
            </div>
        }
    });
    let id_item = entity.id.chars().all(|ch| ch.is_ascii_digit()).then(|| {
        let id = entity.id.clone();
        view! {
            <div class="phase-amount">
                <dt>{td!(i18n.get(), proc_entity_id_label)}</dt>
                <dd><bdi dir="ltr">{id}</bdi></dd>
            </div>
        }
    });
    let other_names = (!entity.other_names.is_empty()).then(|| {
        let names = entity.other_names.iter().map(|name| view! { <li><bdi>{name.clone()}</bdi></li> }).collect_view();
        view! {
            <div class="phase-amount">
                <dt>{td!(i18n.get(), proc_entity_other_names)}</dt>
                <dd><ul class="other-names">{names}</ul></dd>
            </div>
        }
    });

    let chart_rows: Vec<(u16, i64)> = entity.years.iter().map(|year| (year.year, received(year))).collect();
    let year_rows = entity
        .years
        .iter()
        .map(|year| {
            view! {
                <tr data-year=year.year.to_string()>
                    <th scope="row"><data value=year.year.to_string()>{year.year}</data></th>
                    <td class="numeric" data-column="orders"><data value=year.contracts.orders.to_string()>{format_number(u64::from(year.contracts.orders))}</data></td>
                    <td class="numeric" data-column="volume"><Amount shekels=Some(year.contracts.volume) /></td>
                    <td class="numeric" data-column="executed"><Amount shekels=Some(year.contracts.executed) /></td>
                    <td class="numeric" data-column="paid"><Amount shekels=Some(year.supports.paid) /></td>
                    <td class="numeric" data-column="received"><Amount shekels=Some(received(year)) /></td>
                </tr>
            }
        })
        .collect_view();
    let ministry_rows = entity
        .ministries
        .iter()
        .map(|ministry| {
            // Supports name the ministry as the supports report writes it, which may match no
            // publisher of the procurement reports; those names stay plain text.
            let id = publisher_id(&ministry.name);
            let name = match publishers.publishers.iter().any(|entry| entry.id == id) {
                true => view! { <a href=move || publisher_hash(locale.get(), &id)><bdi>{ministry.name.clone()}</bdi></a> }
                    .into_any(),
                false => view! { <bdi>{ministry.name.clone()}</bdi> }.into_any(),
            };
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td class="numeric"><data value=ministry.contracts.orders.to_string()>{format_number(u64::from(ministry.contracts.orders))}</data></td>
                    <td class="numeric"><Amount shekels=Some(ministry.contracts.executed) /></td>
                    <td class="numeric"><Amount shekels=Some(ministry.supports.paid) /></td>
                </tr>
            }
        })
        .collect_view();

    let contracts = (!entity.contracts.is_empty()).then(|| {
        let mut totals = ContractTotals::default();
        entity.contracts.iter().for_each(|contract| totals.add(contract));
        let name = name.clone();
        view! {
            <section aria-labelledby="entity-contracts-heading">
                <h2 id="entity-contracts-heading">{td!(i18n.get(), proc_contracts_heading)}</h2>
                <ContractsTable
                    contracts=entity.contracts.clone()
                    private=None
                    totals
                    columns=ContractColumns { line: true, publisher: true }
                    test_id="entity-contracts"
                    file_name=format!("contracts-{}", entity.id)
                >
                    {td!(i18n.get(), proc_entity_contracts_caption, name = move || view! { <bdi>{name.clone()}</bdi> })}
                </ContractsTable>
            </section>
        }
    });
    let supports = (!entity.supports.is_empty()).then(|| {
        let mut totals = SupportTotals::default();
        entity.supports.iter().for_each(|row| totals.add(&row.support));
        let rows = entity
            .supports
            .iter()
            .map(|row| SupportRow { support: row.support.clone(), line: Some((row.year, row.budget_code.clone())) })
            .collect::<Vec<_>>();
        let name = name.clone();
        view! {
            <section aria-labelledby="entity-supports-heading">
                <h2 id="entity-supports-heading">{td!(i18n.get(), proc_supports_heading)}</h2>
                <SupportsTable
                    rows
                    private=None
                    totals
                    show_line=true
                    show_ministry=true
                    test_id="entity-supports"
                    file_name=format!("supports-{}", entity.id)
                >
                    {td!(i18n.get(), proc_entity_supports_caption, name = move || view! { <bdi>{name.clone()}</bdi> })}
                </SupportsTable>
            </section>
        }
    });
    let exemptions = (!entity.exemptions.is_empty()).then(|| {
        let items = entity
            .exemptions
            .iter()
            .map(|exemption| {
                let id = exemption.publication_id.clone();
                let href = {
                    let id = id.clone();
                    move || {
                        let filters = QueryParams::default().with("id", Some(&id));
                        Route::Exemptions { locale: locale.get(), filters, snapshot: None }.to_hash()
                    }
                };
                let year = exemption.year.map(|year| view! { " " <data value=year.to_string()>{format!("({year})")}</data> });
                let volume = exemption.volume.map(|volume| view! { " " <Amount shekels=Some(volume) /> });
                view! {
                    <li>
                        <a href=href>{td!(i18n.get(), proc_entity_exemption_link, id = move || view! { <bdi dir="ltr">{id.clone()}</bdi> })}</a>
                        {year}
                        {volume}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="entity-exemptions-heading">
                <h2 id="entity-exemptions-heading">{td!(i18n.get(), proc_entity_exemptions_heading)}</h2>
                <ul class="exemption-links" data-testid="entity-exemptions">{items}</ul>
            </section>
        }
    });

    let chart_caption = {
        let name = name.clone();
        move || td_string!(i18n.get(), proc_entity_years_caption, name = isolate(&name)).to_string()
    };
    let years_caption_name = name.clone();
    view! {
        <div data-view="entity">
            <article class="procurement-page" data-testid="entity-page" data-entity=entity.id.clone()>
                <header class="page-head">
                    <h1><bdi>{name.clone()}</bdi></h1>
                    <dl class="entity-facts">{kind}{id_item}{other_names}</dl>
                </header>
                <section aria-labelledby="entity-years-heading">
                    <h2 id="entity-years-heading">{td!(i18n.get(), proc_entity_years_heading)}</h2>
                    <YearsFigure
                        rows=chart_rows
                        caption=Signal::derive(chart_caption)
                        value_heading=Signal::derive(move || td_string!(i18n.get(), proc_col_received).to_string())
                        test_id="entity-years-chart"
                    />
                    <div class="table-scroll">
                        <table class="spending-table" data-testid="entity-years">
                            <caption>
                                {td!(i18n.get(), proc_entity_years_table_caption, name = move || view! { <bdi>{years_caption_name.clone()}</bdi> })}
                            </caption>
                            <thead>
                                <tr>
                                    <th scope="col">{td!(i18n.get(), col_year)}</th>
                                    <th scope="col" class="numeric">{td!(i18n.get(), proc_orders)}</th>
                                    <th scope="col" class="numeric">{td!(i18n.get(), proc_col_volume)}</th>
                                    <th scope="col" class="numeric">{td!(i18n.get(), proc_col_executed)}</th>
                                    <th scope="col" class="numeric">{td!(i18n.get(), proc_supports_paid)}</th>
                                    <th scope="col" class="numeric">{td!(i18n.get(), proc_col_received)}</th>
                                </tr>
                            </thead>
                            <tbody>{year_rows}</tbody>
                        </table>
                    </div>
                </section>
                <section aria-labelledby="entity-ministries-heading">
                    <h2 id="entity-ministries-heading">{td!(i18n.get(), proc_entity_ministries_heading)}</h2>
                    <div class="table-scroll">
                        <table class="spending-table" data-testid="entity-ministries">
                            <caption>{td!(i18n.get(), proc_entity_ministries_caption)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{td!(i18n.get(), proc_col_ministry)}</th>
                                    <th scope="col" class="numeric">{td!(i18n.get(), proc_orders)}</th>
                                    <th scope="col" class="numeric">{td!(i18n.get(), proc_col_executed)}</th>
                                    <th scope="col" class="numeric">{td!(i18n.get(), proc_supports_paid)}</th>
                                </tr>
                            </thead>
                            <tbody>{ministry_rows}</tbody>
                        </table>
                    </div>
                </section>
                {contracts}
                {supports}
                {exemptions}
            </article>
        </div>
    }
}
