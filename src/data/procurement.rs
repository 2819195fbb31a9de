//! Loaders of the procurement part: spending per budget item, entities and publishers.

use std::sync::Arc;

use budget_model::procurement::{
    entity_path, publisher_path, spending_path, Entity, EntityIndex, EntityShard, ProcurementIndex, PublisherSummary,
    SpendingShard, SpendingYear, ENTITY_INDEX_FILE, PROCUREMENT_INDEX_FILE,
};
use budget_model::BudgetCode;

use super::{DataStore, LoadError};

impl DataStore {
    /// Returns the procurement index, checked against the snapshot index, which lists it
    /// after the year homes.
    pub async fn procurement_index(self) -> Result<Arc<ProcurementIndex>, LoadError> {
        let index = self.index().await?;
        self.shard(&index.files, PROCUREMENT_INDEX_FILE.to_string()).await
    }

    /// Returns the spending index of `year`, or `None` when the snapshot has no contracts or
    /// supports in that year.
    pub async fn spending_year(
        self,
        procurement: &ProcurementIndex,
        year: u16,
    ) -> Result<Option<Arc<SpendingYear>>, LoadError> {
        let Some(entry) = procurement.spending.iter().find(|entry| entry.year == year) else {
            return Ok(None);
        };
        self.shard(std::slice::from_ref(&entry.file), entry.file.path.clone()).await.map(Some)
    }

    /// Returns the spending shard of the domain that contains `code` (a domain, program or line),
    /// or `None` when that domain has no spending in the year.
    pub async fn spending_shard(
        self,
        year: &SpendingYear,
        code: &BudgetCode,
    ) -> Result<Option<Arc<SpendingShard>>, LoadError> {
        let Some(domain) = year.domain_of(code) else {
            return Ok(None);
        };
        self.shard(std::slice::from_ref(&domain.file), spending_path(year.year, &domain.domain)).await.map(Some)
    }

    /// Returns the entity `id`, or `None` when no shard lists it.
    pub async fn entity(self, id: &str) -> Result<Option<Entity>, LoadError> {
        let procurement = self.procurement_index().await?;
        let entities: Arc<EntityIndex> =
            self.shard(std::slice::from_ref(&procurement.entities), ENTITY_INDEX_FILE.to_string()).await?;
        let path = entity_path(id);
        if !entities.buckets.iter().any(|entry| entry.path == path) {
            return Ok(None);
        }
        let shard: Arc<EntityShard> = self.shard(&entities.buckets, path).await?;
        Ok(shard.entity(id).cloned())
    }

    /// Returns the summary of the publisher `id`, or `None` when the index lists no such
    /// publisher.
    pub async fn publisher(self, id: &str) -> Result<Option<Arc<PublisherSummary>>, LoadError> {
        let procurement = self.procurement_index().await?;
        let Some(entry) = procurement.publishers.iter().find(|entry| entry.id == id) else {
            return Ok(None);
        };
        self.shard(std::slice::from_ref(&entry.file), publisher_path(id)).await.map(Some)
    }
}
