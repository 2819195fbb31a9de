//! Procurement and supports: the snapshot files about contracts, supports, tenders, exemptions
//! and the entities behind them.
//!
//! Layout under the snapshot folder, every file listed with its sha256 in `manifest.json`:
//!
//! - `procurement/index.json` ([`ProcurementIndex`]): years, publishers, tender and exemption
//!   lists, and the hashes of the files below. `index.json` (the small manifest the app loads
//!   first) lists this file's [`crate::snapshot::FileEntry`] after the year homes, so the hash
//!   chain runs index → procurement index → every procurement file.
//! - `procurement/spending/<year>/index.json` ([`SpendingYear`]): totals per domain.
//! - `procurement/spending/<year>/<domain>.json` ([`SpendingShard`]): per budget line of the
//!   domain, its contracts and supports, so the page of a domain, program or line needs one
//!   more request ([`spending_domain`]).
//! - `procurement/publishers/<id>.json` ([`PublisherSummary`]): one buying body's contracts
//!   by year, purchase method and supplier.
//! - `procurement/tenders/<year>.json` and `procurement/exemptions/<year>.json` (or
//!   `undated.json`) ([`TenderList`], [`ExemptionList`]).
//! - `procurement/entities/index.json` ([`EntityIndex`]) and
//!   `procurement/entities/<bucket>.json` ([`EntityShard`]): suppliers and recipients.
//!
//! Money is in whole shekels (rounded from the agorot the reports carry). Contract amounts
//! include VAT. An order in another currency keeps its original amount and ISO currency code in
//! [`Contract::volume`] and [`Contract::currency`]. It enters ₪ totals only through
//! [`Contract::volume_ils`], which is set only when the report itself has a ₪ value column (the
//! Ministry of Energy's SAP layout); no exchange rate is applied. Executed amounts are always ₪,
//! because the reports state invoices "in local currency".
//!
//! Privacy: private individuals never appear by name. Contracts with such suppliers and
//! supports to such recipients are summed into one [`ContractTotals`] or [`SupportTotals`] per
//! budget line and year ([`LineSpending::private_contracts`],
//! [`LineSpending::private_supports`]), and personal identity numbers are never written.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::code::{BudgetCode, CodeError, Level};
use crate::snapshot::{FileEntry, SourceFile};

/// Version of the procurement files. Raise it on any change an older app could misread.
pub const PROCUREMENT_SCHEMA_VERSION: u32 = 1;

/// Path of the procurement index, relative to the snapshot root.
pub const PROCUREMENT_INDEX_FILE: &str = "procurement/index.json";

/// Path of the entity index, relative to the snapshot root.
pub const ENTITY_INDEX_FILE: &str = "procurement/entities/index.json";

/// Path of a year's spending index.
pub fn spending_year_path(year: u16) -> String {
    format!("procurement/spending/{year}/index.json")
}

/// The domain whose spending shard contains `code` (a domain, program or line); `None` for a
/// section, whose totals are in [`SpendingYear`].
pub fn spending_domain(code: &BudgetCode) -> Option<BudgetCode> {
    (code.level() != Level::Section).then(|| code.ancestry()[1].clone())
}

/// Path of the spending shard of one domain in one year. A shard per domain rather than per
/// section keeps the largest one near 1 MB: the supports of the whole Ministry of Education
/// (section 20) in 2013 are 3.3 MB of JSON.
pub fn spending_path(year: u16, domain: &BudgetCode) -> String {
    format!("procurement/spending/{year}/{domain}.json")
}

/// Path of a publisher summary.
pub fn publisher_path(id: &str) -> String {
    format!("procurement/publishers/{id}.json")
}

/// Path of the tenders published in `year`.
pub fn tenders_path(year: u16) -> String {
    format!("procurement/tenders/{year}.json")
}

/// Path of the exemptions of `year`, or of those with no date (`None`).
pub fn exemptions_path(year: Option<u16>) -> String {
    match year {
        Some(year) => format!("procurement/exemptions/{year}.json"),
        None => "procurement/exemptions/undated.json".to_string(),
    }
}

/// Bucket of an entity id: the first two hex digits of the sha256 of the id, so the 256
/// buckets fill evenly whatever the id looks like.
pub fn entity_bucket(id: &str) -> String {
    format!("{:02x}", Sha256::digest(id.as_bytes())[0])
}

/// Path of the shard that contains the entity `id`.
pub fn entity_path(id: &str) -> String {
    format!("procurement/entities/{}.json", entity_bucket(id))
}

/// Returns a stable id for a party known only by name: `n` and the first 12 hex digits of the sha256
/// of `key` (the builder passes the normalised name). Registration numbers are digits only, so
/// the two kinds of id never collide.
pub fn name_entity_id(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest.iter().take(6).map(|byte| format!("{byte:02x}")).collect();
    format!("n{hex}")
}

/// Returns a stable short id for a publisher name (the scheme of [`name_entity_id`] with the
/// prefix `p`).
pub fn publisher_id(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    let hex: String = digest.iter().take(4).map(|byte| format!("{byte:02x}")).collect();
    format!("p{hex}")
}

/// True for an Israeli corporate registration number as the registrars issue them: nine digits
/// starting with 5 (companies 51…, associations 58…, other bodies 50…, 52…, 57…). Other ids in
/// the reports can be personal identity numbers and never reach a snapshot.
pub fn is_corporate_id(id: &str) -> bool {
    id.len() == 9 && id.starts_with('5') && id.bytes().all(|byte| byte.is_ascii_digit())
}

/// Parses the budget line of a procurement or supports record: 8 digits, dashed
/// (`05-51-01-41`), `00`-prefixed (`0019400301`), or 7 digits that lost the leading zero
/// (`8010210` for `08010210`).
pub fn parse_line_code(text: &str) -> Result<BudgetCode, CodeError> {
    let digits: String = text.chars().filter(|ch| !matches!(ch, '-' | ' ' | '\t')).collect();
    if digits.len() == 10 && digits.starts_with("00") {
        if let Some(code) = BudgetCode::parse_history(&digits)? {
            if code.level() == Level::Line {
                return Ok(code);
            }
        }
    }
    let code = if digits.len() == 7 {
        BudgetCode::parse_unpadded(&digits, Level::Line)?
    } else {
        BudgetCode::parse(&digits)?
    };
    if code.level() != Level::Line {
        return Err(CodeError::InvalidLength(text.to_string(), digits.len()));
    }
    Ok(code)
}

/// Money of a group of contracts, in shekels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractTotals {
    /// Orders (or per-supplier payment rows, in the reports that have no orders).
    pub orders: u32,
    /// Order value incl. VAT of the orders with a ₪ value.
    pub volume: i64,
    /// Invoices paid incl. VAT, ₪.
    pub executed: i64,
    /// Orders in another currency with no ₪ value, left out of `volume`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub foreign_orders: u32,
}

impl ContractTotals {
    /// Adds one contract.
    pub fn add(&mut self, contract: &Contract) {
        self.orders += 1;
        match contract.volume_ils {
            Some(volume) => self.volume += volume,
            None if contract.currency.is_some() => self.foreign_orders += 1,
            None => {}
        }
        self.executed += contract.executed.unwrap_or(0);
    }

    /// Adds another group.
    pub fn merge(&mut self, other: &ContractTotals) {
        self.orders += other.orders;
        self.volume += other.volume;
        self.executed += other.executed;
        self.foreign_orders += other.foreign_orders;
    }
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

/// Money of a group of support rows, in shekels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportTotals {
    /// Rows of the supports report.
    pub rows: u32,
    /// Payments or recipients behind those rows (the report's `num_used`).
    pub payments: u64,
    /// Approved or committed.
    pub allocated: i64,
    /// Paid.
    pub paid: i64,
}

impl SupportTotals {
    /// Adds one support row.
    pub fn add(&mut self, support: &Support) {
        self.rows += 1;
        self.payments += u64::from(support.payments);
        self.allocated += support.allocated;
        self.paid += support.paid;
    }

    /// Adds another group.
    pub fn merge(&mut self, other: &SupportTotals) {
        self.rows += other.rows;
        self.payments += other.payments;
        self.allocated += other.allocated;
        self.paid += other.paid;
    }
}

/// A supplier or recipient as a record names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// Entity id (see [`Entity::id`]); `None` for the reports' own "other" (`אחר`) rows, which
    /// already sum many recipients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Name as the report writes it, trimmed (often truncated at 35 characters).
    pub name: String,
}

/// One purchase order (or one supplier's payments, in the per-supplier reports).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    /// SAP purchase order; `None` in the per-supplier reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// Reporting body (`שם חברה`).
    pub publisher: String,
    /// Purchasing organisation or unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer: Option<String>,
    /// Budget line paid from; `None` when the report has none (the energy layout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_code: Option<BudgetCode>,
    pub supplier: Party,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Purchase method (`אופן רכישה`), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption_reason: Option<String>,
    /// Publication number on the procurement portal, linking to a tender or an exemption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manof_ref: Option<String>,
    /// Dates are ISO `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Order value incl. VAT in the order currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<i64>,
    /// ISO currency of `volume`; `None` for shekels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Order value in ₪: `volume` for a shekel order, the report's ₪ column for another
    /// currency where it has one, else `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_ils: Option<i64>,
    /// Invoices paid so far incl. VAT and indexation, ₪ (cumulative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executed: Option<i64>,
    /// Year of the report the figures come from (the latest one, after deduplication).
    pub year: u16,
    /// Raw file the record comes from, relative to the raw-data folder.
    pub report: String,
}

/// One row of a supports report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Support {
    pub recipient: Party,
    /// Supporting ministry as the report names it.
    pub ministry: String,
    /// Support type (`תמיכה במוסדות ציבור (3א')`, `הקצבות`, …).
    pub kind: String,
    /// Budget-line or program title (truncated to about 20 characters in 2008–2014).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Payments or recipients behind the row.
    pub payments: u32,
    pub allocated: i64,
    pub paid: i64,
}

/// Contracts and supports paid from one budget line in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineSpending {
    pub code: BudgetCode,
    /// Line title as the reports write it, when they do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// All contracts of the line, private individuals included.
    pub contract_totals: ContractTotals,
    /// All supports of the line, private individuals included.
    pub support_totals: SupportTotals,
    /// Contracts with organisations, largest executed first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contracts: Vec<Contract>,
    /// Supports to organisations, largest paid first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<Support>,
    /// Contracts with private individuals, summed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_contracts: Option<ContractTotals>,
    /// Supports to private individuals or to recipients not identified as organisations, summed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_supports: Option<SupportTotals>,
}

/// `procurement/spending/<year>/<domain>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendingShard {
    pub year: u16,
    /// The 4-digit domain.
    pub domain: BudgetCode,
    /// Lines by code.
    pub lines: Vec<LineSpending>,
}

impl SpendingShard {
    /// The spending of one line.
    pub fn line(&self, code: &BudgetCode) -> Option<&LineSpending> {
        self.lines
            .binary_search_by(|line| line.code.cmp(code))
            .ok()
            .map(|index| &self.lines[index])
    }

    /// Contracts and supports under `code` (the domain, a program or a line), summed.
    pub fn totals_under(&self, code: &BudgetCode) -> (ContractTotals, SupportTotals) {
        let mut contracts = ContractTotals::default();
        let mut supports = SupportTotals::default();
        for line in self.lines.iter().filter(|line| code.contains(&line.code)) {
            contracts.merge(&line.contract_totals);
            supports.merge(&line.support_totals);
        }
        (contracts, supports)
    }
}

/// One domain's totals in [`SpendingYear`], with its shard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainSpending {
    pub domain: BudgetCode,
    pub contracts: ContractTotals,
    pub supports: SupportTotals,
    pub file: FileEntry,
}

/// `procurement/spending/<year>/index.json`: the domains that have spending in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendingYear {
    pub year: u16,
    /// By code.
    pub domains: Vec<DomainSpending>,
    /// Contracts with no budget line, found only in publisher and entity files.
    pub contracts_without_line: ContractTotals,
}

impl SpendingYear {
    /// Contracts and supports of one section (or of the whole year for `None`), summed over
    /// its domains. Contracts without a budget line count only in the whole year.
    pub fn totals(&self, section: Option<&BudgetCode>) -> (ContractTotals, SupportTotals) {
        let mut contracts = ContractTotals::default();
        let mut supports = SupportTotals::default();
        for domain in self
            .domains
            .iter()
            .filter(|domain| section.is_none_or(|section| section.contains(&domain.domain)))
        {
            contracts.merge(&domain.contracts);
            supports.merge(&domain.supports);
        }
        if section.is_none() {
            contracts.merge(&self.contracts_without_line);
        }
        (contracts, supports)
    }

    /// The entry of the domain whose shard holds `code`.
    pub fn domain_of(&self, code: &BudgetCode) -> Option<&DomainSpending> {
        let domain = spending_domain(code)?;
        self.domains.iter().find(|entry| entry.domain == domain)
    }
}

/// Totals of one purchase method in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodTotals {
    /// Purchase method as written; `None` where the report has no method column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    pub totals: ContractTotals,
}

/// Totals of one supplier in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierTotals {
    pub supplier: Party,
    pub totals: ContractTotals,
}

/// One year of a publisher's contracts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublisherYear {
    pub year: u16,
    pub totals: ContractTotals,
    /// By purchase method, largest executed first.
    pub methods: Vec<MethodTotals>,
    /// By supplier, largest executed first; private individuals are in `private` instead.
    pub suppliers: Vec<SupplierTotals>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private: Option<ContractTotals>,
}

/// `procurement/publishers/<id>.json`: one reporting body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublisherSummary {
    pub id: String,
    pub name: String,
    /// Oldest first.
    pub years: Vec<PublisherYear>,
}

/// One office tender on the procurement portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tender {
    /// Portal publication id; the old portal page is [`tender_url`].
    pub publication_id: String,
    /// Publisher as the portal names it (ministry - unit).
    pub publisher: String,
    /// Ministry from the publishers table, when the publisher is listed there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ministry: Option<String>,
    pub description: String,
    pub publish_date: String,
    /// Submission deadline, ISO date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_update_date: Option<String>,
    /// `הסתיים` ended, `עודכן` updated, `חדש` new, `בוטל` cancelled.
    pub status: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
}

/// The page of a tender on the old procurement portal.
pub fn tender_url(publication_id: &str) -> String {
    format!("http://www.mr.gov.il/officestenders/Pages/officetender.aspx?pID={publication_id}")
}

/// `procurement/tenders/<year>.json`: tenders published in one year, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenderList {
    pub year: u16,
    pub tenders: Vec<Tender>,
}

/// One exemption from tender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exemption {
    pub publication_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Legal ground as the portal names it (`התקשרות עם ספק יחיד`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulation: Option<String>,
    /// Regulation clause (`3(29)`, `3ג`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Committee decision (`נרשם`, `אושר ע"י ועדת הפטור המרכזית`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// The supplier, when it is an organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<Party>,
    /// True when the supplier is a private individual. The supplier and the description,
    /// which usually names them, are then left out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private_supplier: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_code: Option<BudgetCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_update_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Amount in `currency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<i64>,
    /// ISO currency of `volume`; `None` for shekels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// Raw file the record comes from.
    pub source: String,
}

/// `procurement/exemptions/<year>.json`: exemptions of one year (by start date, else last
/// update, else the single year in the file name), or of no known year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExemptionList {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    pub exemptions: Vec<Exemption>,
}

/// Contracts and supports of an entity in one year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityYear {
    pub year: u16,
    pub contracts: ContractTotals,
    pub supports: SupportTotals,
}

/// Contracts and supports of an entity from one publisher or ministry, all years.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMinistry {
    pub name: String,
    pub contracts: ContractTotals,
    pub supports: SupportTotals,
}

/// One support row of an entity, with where it was paid from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitySupport {
    pub year: u16,
    pub budget_code: BudgetCode,
    #[serde(flatten)]
    pub support: Support,
}

/// An exemption that names the entity as supplier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExemptionRef {
    pub publication_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<i64>,
}

/// A supplier or support recipient that is an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The company or association number (nine digits) when known, else [`name_entity_id`].
    pub id: String,
    /// Name from the registry when matched, else the first name a report gives.
    pub name: String,
    /// Registry kind (`company`, `association`, `municipality`, `government_office`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Other spellings seen in the reports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<String>,
    /// Oldest first.
    pub years: Vec<EntityYear>,
    /// By publisher or ministry, largest first.
    pub ministries: Vec<EntityMinistry>,
    /// Largest executed first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contracts: Vec<Contract>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<EntitySupport>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exemptions: Vec<ExemptionRef>,
}

/// `procurement/entities/<bucket>.json`: the entities of one bucket, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityShard {
    pub bucket: String,
    pub entities: Vec<Entity>,
}

impl EntityShard {
    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities
            .binary_search_by(|entity| entity.id.as_str().cmp(id))
            .ok()
            .map(|index| &self.entities[index])
    }
}

/// `procurement/entities/index.json`: the entity shards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityIndex {
    pub entities: u32,
    /// Shards by bucket; a bucket with no entity has no file.
    pub buckets: Vec<FileEntry>,
}

/// One year in [`ProcurementIndex`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendingYearEntry {
    pub year: u16,
    pub contracts: ContractTotals,
    pub supports: SupportTotals,
    pub file: FileEntry,
}

/// One publisher in [`ProcurementIndex`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublisherEntry {
    pub id: String,
    pub name: String,
    pub totals: ContractTotals,
    pub years: Vec<u16>,
    pub file: FileEntry,
}

/// One tenders or exemptions file in [`ProcurementIndex`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    pub count: u32,
    pub file: FileEntry,
}

/// `procurement/index.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcurementIndex {
    /// [`PROCUREMENT_SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// Unit of every amount; always `"ILS"` (whole shekels).
    pub unit: String,
    /// Raw files read for this part.
    pub sources: Vec<SourceFile>,
    /// Years with contracts or supports, oldest first.
    pub spending: Vec<SpendingYearEntry>,
    /// Publishers by name.
    pub publishers: Vec<PublisherEntry>,
    pub tenders: Vec<ListEntry>,
    pub exemptions: Vec<ListEntry>,
    /// `procurement/entities/index.json`.
    pub entities: FileEntry,
    /// `search/index.json`.
    pub search: FileEntry,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    #[test]
    fn line_code_forms() {
        assert_eq!(parse_line_code("08540201").unwrap(), code("08540201"));
        assert_eq!(parse_line_code("05-51-01-41").unwrap(), code("05510141"));
        assert_eq!(parse_line_code("0019400301").unwrap(), code("19400301"));
        assert_eq!(parse_line_code("8010210").unwrap(), code("08010210"));
        assert_eq!(parse_line_code(" 54-33-02-07 ").unwrap(), code("54330207"));
    }

    #[test]
    fn line_code_rejects_other_levels() {
        assert!(parse_line_code("210745").is_err());
        assert!(parse_line_code("111").is_err());
        assert!(parse_line_code("").is_err());
        assert!(parse_line_code("2067a142").is_err());
    }

    #[test]
    fn corporate_ids() {
        assert!(is_corporate_id("514188366"));
        assert!(is_corporate_id("580012345"));
        assert!(!is_corporate_id("012345678"));
        assert!(!is_corporate_id("51418836"));
        assert!(!is_corporate_id("5141883660"));
        assert!(!is_corporate_id("51418836x"));
    }

    #[test]
    fn ids_and_paths() {
        let id = name_entity_id("עמותה");
        assert_eq!(id.len(), 13);
        assert!(id.starts_with('n'));
        assert_eq!(id, name_entity_id("עמותה"));
        assert_eq!(entity_bucket("514188366").len(), 2);
        assert_eq!(
            entity_path("514188366"),
            format!("procurement/entities/{}.json", entity_bucket("514188366"))
        );
        assert_eq!(
            spending_path(2015, &code("2067")),
            "procurement/spending/2015/2067.json"
        );
        assert_eq!(spending_domain(&code("20670142")), Some(code("2067")));
        assert_eq!(spending_domain(&code("20")), None);
        assert_eq!(exemptions_path(None), "procurement/exemptions/undated.json");
        assert!(publisher_id("משרד הכלכלה").starts_with('p'));
    }

    fn contract(volume_ils: Option<i64>, currency: Option<&str>, executed: i64) -> Contract {
        Contract {
            order_id: None,
            publisher: "p".into(),
            buyer: None,
            budget_code: None,
            supplier: Party {
                entity: None,
                name: "s".into(),
            },
            purpose: None,
            method: None,
            exemption_reason: None,
            manof_ref: None,
            order_date: None,
            start_date: None,
            end_date: None,
            volume: volume_ils,
            currency: currency.map(str::to_string),
            volume_ils,
            executed: Some(executed),
            year: 2015,
            report: "r".into(),
        }
    }

    #[test]
    fn contract_totals_leave_out_foreign_volume() {
        let mut totals = ContractTotals::default();
        totals.add(&contract(Some(100), None, 90));
        totals.add(&contract(None, Some("USD"), 40));
        assert_eq!(
            totals,
            ContractTotals {
                orders: 2,
                volume: 100,
                executed: 130,
                foreign_orders: 1
            }
        );
    }

    #[test]
    fn spending_year_totals_by_section() {
        let entry = |domain: &str, executed: i64| DomainSpending {
            domain: code(domain),
            contracts: ContractTotals {
                orders: 1,
                volume: 0,
                executed,
                foreign_orders: 0,
            },
            supports: SupportTotals::default(),
            file: FileEntry {
                path: String::new(),
                bytes: 0,
                sha256: String::new(),
            },
        };
        let year = SpendingYear {
            year: 2015,
            domains: vec![entry("2001", 5), entry("2067", 7), entry("3601", 11)],
            contracts_without_line: ContractTotals {
                orders: 2,
                volume: 0,
                executed: 100,
                foreign_orders: 0,
            },
        };
        assert_eq!(year.totals(Some(&code("20"))).0.executed, 12);
        assert_eq!(year.totals(None).0.executed, 123);
        assert_eq!(year.domain_of(&code("20670142")).unwrap().contracts.executed, 7);
        assert!(year.domain_of(&code("20")).is_none());
    }

    #[test]
    fn spending_totals_under_prefix() {
        let line = |text: &str, executed: i64| LineSpending {
            code: code(text),
            title: None,
            contract_totals: ContractTotals {
                orders: 1,
                volume: 0,
                executed,
                foreign_orders: 0,
            },
            support_totals: SupportTotals::default(),
            contracts: Vec::new(),
            supports: Vec::new(),
            private_contracts: None,
            private_supports: None,
        };
        let shard = SpendingShard {
            year: 2015,
            domain: code("2001"),
            lines: vec![line("20010101", 5), line("20010201", 7), line("20010301", 11)],
        };
        assert_eq!(shard.totals_under(&code("200102")).0.executed, 7);
        assert_eq!(shard.totals_under(&code("2001")).0.orders, 3);
        assert_eq!(shard.line(&code("20010201")).unwrap().contract_totals.executed, 7);
    }
}
