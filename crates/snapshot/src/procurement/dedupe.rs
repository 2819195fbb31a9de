//! One record per purchase order: item rows of an order merged within a report, and the latest
//! report kept when several list the same order.

use std::collections::{HashMap, HashSet};

use budget_model::BudgetCode;

use super::contracts::{ContractRecord, ContractsRead};
use super::tally::reason;

type OrderKey = (String, Option<BudgetCode>, String);

fn order_key(record: &ContractRecord) -> Option<OrderKey> {
    let contract = &record.contract;
    let order = contract.order_id.clone()?;
    Some((order, contract.budget_code.clone(), contract.publisher.clone()))
}

/// Adds an optional amount to another; the sum is unknown when either is.
fn add_amount(total: &mut Option<i64>, more: Option<i64>) {
    *total = total.zip(more).map(|(a, b)| a + b);
}

/// Merges the item rows of one order within each report: a report lists an order once per item,
/// so rows with the same (order, budget line, publisher) in one file are summed into the first.
/// Returns the number of rows merged.
pub fn merge_items(files: &mut [ContractsRead]) -> u64 {
    let mut merged = 0;
    for file in files.iter_mut() {
        let mut first: HashMap<OrderKey, usize> = HashMap::new();
        let mut kept: Vec<ContractRecord> = Vec::with_capacity(file.records.len());
        for record in std::mem::take(&mut file.records) {
            let Some(key) = order_key(&record) else {
                kept.push(record);
                continue;
            };
            match first.get(&key) {
                Some(index) => {
                    let contract = &record.contract;
                    file.tally.unkeep(
                        reason::ORDER_ITEM,
                        contract.volume_ils.unwrap_or(0),
                        contract.executed.unwrap_or(0),
                    );
                    let target = &mut kept[*index].contract;
                    add_amount(&mut target.volume, contract.volume);
                    add_amount(&mut target.volume_ils, contract.volume_ils);
                    add_amount(&mut target.executed, contract.executed);
                    merged += 1;
                }
                None => {
                    first.insert(key, kept.len());
                    kept.push(record);
                }
            }
        }
        file.records = kept;
    }
    merged
}

/// Keeps one record per (order, budget line, publisher) across reports: the one from the latest
/// report (the later file when two reports share a date), since executed amounts are
/// cumulative. Run [`merge_items`] first. Rows without an order id (per-supplier reports) are
/// all kept. Dropped rows move to their file's skipped count.
pub fn dedupe(files: &mut [ContractsRead]) -> (Vec<ContractRecord>, u64) {
    type Key = OrderKey;
    let mut best: HashMap<Key, (usize, usize)> = HashMap::new();
    let mut dropped: HashSet<(usize, usize)> = HashSet::new();
    for (file_index, file) in files.iter().enumerate() {
        for (record_index, record) in file.records.iter().enumerate() {
            let Some(key) = order_key(record) else { continue };
            let here = (file_index, record_index);
            match best.get(&key).copied() {
                None => {
                    best.insert(key, here);
                }
                Some(known) => {
                    let known_record = &files[known.0].records[known.1];
                    if (&record.report_date, here) > (&known_record.report_date, known) {
                        dropped.insert(known);
                        best.insert(key, here);
                    } else {
                        dropped.insert(here);
                    }
                }
            }
        }
    }
    let mut kept = Vec::new();
    for (file_index, file) in files.iter_mut().enumerate() {
        for (record_index, record) in std::mem::take(&mut file.records).into_iter().enumerate() {
            if dropped.contains(&(file_index, record_index)) {
                let contract = &record.contract;
                file.tally.unkeep(
                    reason::DUPLICATE_ORDER,
                    contract.volume_ils.unwrap_or(0),
                    contract.executed.unwrap_or(0),
                );
            } else {
                kept.push(record);
            }
        }
    }
    (kept, dropped.len() as u64)
}
