//! Entities gathered while contracts, supports and exemptions are added: totals per year and per
//! ministry, and the records themselves.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use budget_model::procurement::{Entity, EntityMinistry, EntityYear};

use super::identity::Identity;

/// Builds entities while records are added.
#[derive(Debug, Default)]
pub struct EntityBuilder {
    /// Entities by id, their lists of records filled in by the caller.
    pub entities: BTreeMap<String, Entity>,
    years: HashMap<String, BTreeMap<u16, EntityYear>>,
    ministries: HashMap<String, BTreeMap<String, EntityMinistry>>,
    names: HashMap<String, BTreeSet<String>>,
}

impl EntityBuilder {
    /// Returns the id of the entity of an organisation identity, creating it on first sight;
    /// `None` for other identities.
    pub fn touch(&mut self, identity: &Identity, name: &str) -> Option<String> {
        let Identity::Organisation {
            id,
            kind,
            registered_name,
        } = identity
        else {
            return None;
        };
        let entity = self.entities.entry(id.clone()).or_insert_with(|| Entity {
            id: id.clone(),
            name: registered_name.clone().unwrap_or_else(|| name.to_string()),
            kind: kind.clone(),
            other_names: Vec::new(),
            years: Vec::new(),
            ministries: Vec::new(),
            contracts: Vec::new(),
            supports: Vec::new(),
            exemptions: Vec::new(),
        });
        if entity.kind.is_none() {
            entity.kind = kind.clone();
        }
        if entity.name != name {
            self.names.entry(id.clone()).or_default().insert(name.to_string());
        }
        Some(id.clone())
    }

    pub fn year(&mut self, id: &str, year: u16) -> &mut EntityYear {
        self.years
            .entry(id.to_string())
            .or_default()
            .entry(year)
            .or_insert_with(|| EntityYear {
                year,
                ..EntityYear::default()
            })
    }

    pub fn ministry(&mut self, id: &str, name: &str) -> &mut EntityMinistry {
        self.ministries
            .entry(id.to_string())
            .or_default()
            .entry(name.to_string())
            .or_insert_with(|| EntityMinistry {
                name: name.to_string(),
                ..EntityMinistry::default()
            })
    }

    pub fn finish(mut self) -> BTreeMap<String, Entity> {
        for (id, entity) in self.entities.iter_mut() {
            entity.years = self
                .years
                .remove(id)
                .map(|years| years.into_values().collect())
                .unwrap_or_default();
            let mut ministries: Vec<EntityMinistry> = self
                .ministries
                .remove(id)
                .map(|ministries| ministries.into_values().collect())
                .unwrap_or_default();
            ministries.sort_by_key(|ministry| std::cmp::Reverse(ministry.contracts.executed + ministry.supports.paid));
            entity.ministries = ministries;
            entity.other_names = self
                .names
                .remove(id)
                .map(|names| names.into_iter().collect())
                .unwrap_or_default();
            entity
                .contracts
                .sort_by_key(|contract| std::cmp::Reverse(contract.executed.unwrap_or(0)));
            entity
                .supports
                .sort_by_key(|support| (std::cmp::Reverse(support.year), std::cmp::Reverse(support.support.paid)));
        }
        self.entities
    }
}
