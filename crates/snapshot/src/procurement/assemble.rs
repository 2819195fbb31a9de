//! Putting the deduplicated procurement records together: resolving who each party is, and
//! grouping the records into the shards' shapes.

use std::collections::{BTreeMap, HashMap};

use budget_model::procurement::{
    publisher_id, ContractTotals, Entity, EntitySupport, Exemption, ExemptionRef, LineSpending, MethodTotals, Party,
    PublisherSummary, PublisherYear, SupplierTotals, SupportTotals, Tender,
};
use budget_model::BudgetCode;

use super::contracts::{ContractRecord, ContractsRead};
use super::entities::EntityBuilder;
use super::identity::{Clues, Identity, Resolver};
use super::notices::ExemptionRecord;
use super::registry::Registry;
use super::supports::SupportsRead;
use super::tally::reason;

/// Support type paid to a person (`תמיכה בפרט`); `תמיכה בפרט דרך מוסד` (through an
/// institution) names the institution and is not meant here.
const INDIVIDUAL_SUPPORT_KIND: &str = "תמיכה בפרט";

/// Support types paid to local authorities.
const MUNICIPAL_SUPPORT_KINDS: [&str; 2] = ["מענקי איזון", "תמיכה ברשויות מקומיות"];

/// Lines of one section in one year.
pub type SectionLines = BTreeMap<BudgetCode, LineSpending>;

/// Counts of what the privacy rule summed or left out, for the report and the tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrivacyCounts {
    pub contracts: u64,
    pub contract_executed: i64,
    pub supports: u64,
    pub support_paid: i64,
    /// Budget lines × years with a private-individuals row.
    pub private_rows: u64,
    pub exemption_suppliers: u64,
}

/// Everything the shards are made from.
#[derive(Debug, Default)]
pub struct Assembled {
    /// Year → section → line.
    pub spending: BTreeMap<u16, BTreeMap<BudgetCode, SectionLines>>,
    pub contracts_without_line: BTreeMap<u16, ContractTotals>,
    pub publishers: Vec<PublisherSummary>,
    pub entities: BTreeMap<String, Entity>,
    pub tenders: BTreeMap<u16, Vec<Tender>>,
    pub exemptions: BTreeMap<Option<u16>, Vec<Exemption>>,
    pub privacy: PrivacyCounts,
    pub duplicate_orders: u64,
    pub merged_items: u64,
}

fn line_entry<'a>(assembled: &'a mut Assembled, year: u16, code: &BudgetCode) -> &'a mut LineSpending {
    assembled
        .spending
        .entry(year)
        .or_default()
        .entry(code.section())
        .or_default()
        .entry(code.clone())
        .or_insert_with(|| LineSpending {
            code: code.clone(),
            title: None,
            contract_totals: ContractTotals::default(),
            support_totals: SupportTotals::default(),
            contracts: Vec::new(),
            supports: Vec::new(),
            private_contracts: None,
            private_supports: None,
        })
}

/// Groups deduplicated contracts, supports and notices into the shards' shapes. Private
/// individuals are counted into the files' tallies as they are summed.
pub fn assemble(
    registry: &Registry,
    contracts: Vec<ContractRecord>,
    contract_files: &mut [ContractsRead],
    support_files: &mut [SupportsRead],
    tenders: Vec<Tender>,
    exemptions: Vec<ExemptionRecord>,
) -> Assembled {
    let mut assembled = Assembled::default();
    let mut resolver = Resolver::new(registry);
    let mut entities = EntityBuilder::default();
    let file_of: HashMap<String, usize> = contract_files
        .iter()
        .enumerate()
        .map(|(index, file)| (file.tally.path.clone(), index))
        .collect();

    // Rows that carry a registration number go first, so the vendor numbers they teach the
    // resolver reach the rows of other reports that lack one.
    let mut ordered: Vec<ContractRecord> = contracts;
    ordered.sort_by_key(|record| record.company_id.is_none());
    let mut publishers: BTreeMap<String, BTreeMap<u16, PublisherAcc>> = BTreeMap::new();
    for record in ordered {
        let clues = Clues {
            name: &record.contract.supplier.name,
            id: record.company_id.as_deref(),
            vendor: record.supplier_code.as_deref(),
            ..Clues::default()
        };
        let identity = resolver.resolve(&clues);
        let mut contract = record.contract;
        let private = identity == Identity::Private;
        let publisher = publishers
            .entry(contract.publisher.clone())
            .or_default()
            .entry(contract.year)
            .or_default();
        publisher.totals.add(&contract);
        publisher
            .methods
            .entry(contract.method.clone())
            .or_default()
            .add(&contract);
        if private {
            let tally = &mut contract_files[file_of[&contract.report]].tally;
            tally.note(
                reason::PRIVATE,
                contract.volume_ils.unwrap_or(0),
                contract.executed.unwrap_or(0),
            );
            assembled.privacy.contracts += 1;
            assembled.privacy.contract_executed += contract.executed.unwrap_or(0);
            publisher
                .private
                .get_or_insert_with(ContractTotals::default)
                .add(&contract);
            match &contract.budget_code {
                Some(code) => {
                    let line = line_entry(&mut assembled, contract.year, code);
                    line.contract_totals.add(&contract);
                    line.private_contracts
                        .get_or_insert_with(ContractTotals::default)
                        .add(&contract);
                }
                None => assembled
                    .contracts_without_line
                    .entry(contract.year)
                    .or_default()
                    .add(&contract),
            }
            continue;
        }
        contract.supplier.entity = entities.touch(&identity, &contract.supplier.name);
        let supplier_key = (contract.supplier.entity.clone(), contract.supplier.name.clone());
        publisher.suppliers.entry(supplier_key).or_default().add(&contract);
        if let Some(id) = &contract.supplier.entity {
            entities.year(id, contract.year).contracts.add(&contract);
            entities.ministry(id, &contract.publisher).contracts.add(&contract);
            entities
                .entities
                .get_mut(id)
                .expect("touched above")
                .contracts
                .push(contract.clone());
        }
        match contract.budget_code.clone() {
            Some(code) => {
                let line = line_entry(&mut assembled, contract.year, &code);
                line.contract_totals.add(&contract);
                if line.title.is_none() {
                    line.title = record.budget_title;
                }
                line.contracts.push(contract);
            }
            None => assembled
                .contracts_without_line
                .entry(contract.year)
                .or_default()
                .add(&contract),
        }
    }
    assembled.publishers = publishers
        .into_iter()
        .map(|(name, years)| publisher_summary(name, years))
        .collect();

    for file in support_files.iter_mut() {
        for record in std::mem::take(&mut file.records) {
            let mut support = record.support;
            let clues = Clues {
                name: &support.recipient.name,
                id: record.entity_id.as_deref(),
                kind: record.entity_kind.as_deref(),
                no_entity_in_file: record.has_entity_columns
                    && (record.entity_id.is_none() || record.entity_kind.is_none()),
                individual_kind: support.kind == INDIVIDUAL_SUPPORT_KIND,
                municipal_kind: MUNICIPAL_SUPPORT_KINDS.contains(&support.kind.as_str()),
                ..Clues::default()
            };
            let identity = resolver.resolve(&clues);
            let line = line_entry(&mut assembled, record.year, &record.budget_code);
            line.support_totals.add(&support);
            if identity == Identity::Private {
                line.private_supports
                    .get_or_insert_with(SupportTotals::default)
                    .add(&support);
                file.tally.note(reason::PRIVATE, support.allocated, support.paid);
                assembled.privacy.supports += 1;
                assembled.privacy.support_paid += support.paid;
                continue;
            }
            support.recipient.entity = entities.touch(&identity, &support.recipient.name);
            if let Some(id) = &support.recipient.entity {
                entities.year(id, record.year).supports.add(&support);
                entities.ministry(id, &support.ministry).supports.add(&support);
                let entity_support = EntitySupport {
                    year: record.year,
                    budget_code: record.budget_code.clone(),
                    support: support.clone(),
                };
                entities
                    .entities
                    .get_mut(id)
                    .expect("touched above")
                    .supports
                    .push(entity_support);
            }
            line_entry(&mut assembled, record.year, &record.budget_code)
                .supports
                .push(support);
        }
    }

    for mut record in exemptions {
        if let Some(supplier) = record.exemption.supplier.take() {
            let clues = Clues {
                name: &supplier.name,
                id: record.supplier_id.as_deref(),
                kind: record.entity_kind.as_deref(),
                legal_form_only: true,
                ..Clues::default()
            };
            match resolver.resolve(&clues) {
                Identity::Private => {
                    // The description of an exemption granted to a person usually names them.
                    record.exemption.private_supplier = true;
                    record.exemption.description = None;
                    assembled.privacy.exemption_suppliers += 1;
                }
                identity => {
                    let entity = entities.touch(&identity, &supplier.name);
                    if let Some(id) = &entity {
                        entities
                            .entities
                            .get_mut(id)
                            .expect("touched above")
                            .exemptions
                            .push(ExemptionRef {
                                publication_id: record.exemption.publication_id.clone(),
                                year: record.year,
                                volume: record.exemption.volume,
                            });
                    }
                    record.exemption.supplier = Some(Party {
                        entity,
                        name: supplier.name,
                    });
                }
            }
        }
        assembled
            .exemptions
            .entry(record.year)
            .or_default()
            .push(record.exemption);
    }
    for list in assembled.exemptions.values_mut() {
        list.sort_by(|a, b| {
            b.start_date
                .cmp(&a.start_date)
                .then_with(|| a.publication_id.cmp(&b.publication_id))
        });
    }

    for tender in tenders {
        let year = super::values::year_of(&tender.publish_date).unwrap_or_default();
        assembled.tenders.entry(year).or_default().push(tender);
    }
    for list in assembled.tenders.values_mut() {
        list.sort_by(|a, b| {
            b.publish_date
                .cmp(&a.publish_date)
                .then_with(|| a.publication_id.cmp(&b.publication_id))
        });
    }

    for sections in assembled.spending.values_mut() {
        for lines in sections.values_mut() {
            for line in lines.values_mut() {
                line.contracts
                    .sort_by_key(|contract| std::cmp::Reverse(contract.executed.unwrap_or(0)));
                line.supports.sort_by_key(|support| std::cmp::Reverse(support.paid));
                if line.private_contracts.is_some() || line.private_supports.is_some() {
                    assembled.privacy.private_rows += 1;
                }
            }
        }
    }
    assembled.entities = entities.finish();
    assembled
}

/// Contracts of one publisher in one year, while they are added.
#[derive(Debug, Default)]
struct PublisherAcc {
    totals: ContractTotals,
    methods: BTreeMap<Option<String>, ContractTotals>,
    suppliers: BTreeMap<(Option<String>, String), ContractTotals>,
    private: Option<ContractTotals>,
}

fn publisher_summary(name: String, years: BTreeMap<u16, PublisherAcc>) -> PublisherSummary {
    let years = years
        .into_iter()
        .map(|(year, acc)| {
            let mut methods: Vec<MethodTotals> = acc
                .methods
                .into_iter()
                .map(|(method, totals)| MethodTotals { method, totals })
                .collect();
            methods.sort_by_key(|method| std::cmp::Reverse(method.totals.executed));
            let mut suppliers: Vec<SupplierTotals> = acc
                .suppliers
                .into_iter()
                .map(|((entity, name), totals)| SupplierTotals {
                    supplier: Party { entity, name },
                    totals,
                })
                .collect();
            suppliers.sort_by_key(|supplier| std::cmp::Reverse(supplier.totals.executed));
            PublisherYear {
                year,
                totals: acc.totals,
                methods,
                suppliers,
                private: acc.private,
            }
        })
        .collect();
    PublisherSummary {
        id: publisher_id(&name),
        name,
        years,
    }
}
