//! The offline search index: documents for budget items, entities, tenders and exemptions, and
//! the token shards that point at them (format in `budget_model::search`).

use std::collections::BTreeMap;

use budget_model::procurement::Entity;
use budget_model::search::{
    doc_bucket, index_forms, shard_key, Doc, DocKind, DocShard, DocTarget, KindRange, TokenShard, DOC_BUCKET_SIZE,
};
use budget_model::BudgetCode;

use crate::assemble::Years;

use super::assemble::Assembled;

/// Documents and token shards, ready to render.
#[derive(Debug, Default)]
pub struct SearchFiles {
    pub doc_shards: Vec<DocShard>,
    pub kinds: Vec<KindRange>,
    pub token_shards: Vec<TokenShard>,
    pub doc_count: u32,
}

/// Returns each budget code's latest name and the year it was seen in.
fn latest_budget_names(years: &Years) -> BTreeMap<BudgetCode, (String, u16)> {
    let mut latest = BTreeMap::new();
    for (year, entry) in years {
        for item in entry.data.tree.values() {
            if !item.name.trim().is_empty() {
                latest.insert(item.code.clone(), (item.name.trim().to_string(), *year));
            }
        }
    }
    latest
}

/// Maximum characters of a document title. Exemption and tender descriptions run to
/// paragraphs, and their first words carry the subject; the full text is in their lists.
const MAX_TITLE_CHARS: usize = 160;

/// Cuts a title to [`MAX_TITLE_CHARS`] at a word boundary, marking the cut with `…`.
fn short_title(title: String) -> String {
    if title.chars().count() <= MAX_TITLE_CHARS {
        return title;
    }
    let cut: String = title.chars().take(MAX_TITLE_CHARS).collect();
    let end = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end())
}

/// Money an entity received over all years: contracts executed plus supports paid.
fn received(entity: &Entity) -> i64 {
    entity
        .years
        .iter()
        .map(|year| year.contracts.executed + year.supports.paid)
        .sum()
}

/// Collects the documents, each kind in one id range from the most prominent down (the order
/// `budget_model::search::candidates` relies on): budget items top level first, entities by
/// money received, tenders and exemptions newest year first.
pub fn documents(years: &Years, assembled: &Assembled) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut push = |kind: DocKind, title: String, code: Option<String>, target: DocTarget| {
        let id = docs.len() as u32;
        docs.push(Doc {
            id,
            kind,
            title: short_title(title),
            code,
            target,
        });
    };
    let mut budget: Vec<(BudgetCode, (String, u16))> = latest_budget_names(years).into_iter().collect();
    budget.sort_by_key(|(code, _)| (code.level(), code.clone()));
    for (code, (name, year)) in budget {
        push(
            DocKind::Budget,
            name,
            Some(code.to_string()),
            DocTarget::Budget { code, year },
        );
    }
    let mut entities: Vec<&Entity> = assembled.entities.values().collect();
    entities.sort_by_key(|entity| std::cmp::Reverse(received(entity)));
    for entity in entities {
        let code = entity
            .id
            .bytes()
            .all(|byte| byte.is_ascii_digit())
            .then(|| entity.id.clone());
        push(
            DocKind::Entity,
            entity.name.clone(),
            code,
            DocTarget::Entity { id: entity.id.clone() },
        );
    }
    for (year, tenders) in assembled.tenders.iter().rev() {
        for tender in tenders {
            push(
                DocKind::Tender,
                tender.description.clone(),
                Some(tender.publication_id.clone()),
                DocTarget::Tender {
                    publication_id: tender.publication_id.clone(),
                    year: *year,
                },
            );
        }
    }
    for (year, exemptions) in assembled.exemptions.iter().rev() {
        for exemption in exemptions {
            let title = exemption
                .description
                .clone()
                .or_else(|| exemption.supplier.as_ref().map(|supplier| supplier.name.clone()))
                .or_else(|| exemption.regulation.clone())
                .unwrap_or_else(|| exemption.publication_id.clone());
            push(
                DocKind::Exemption,
                title,
                Some(exemption.publication_id.clone()),
                DocTarget::Exemption {
                    publication_id: exemption.publication_id.clone(),
                    year: *year,
                },
            );
        }
    }
    docs
}

/// Splits the documents into buckets and builds the token shards over their titles and codes.
pub fn build(docs: Vec<Doc>) -> SearchFiles {
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for doc in &docs {
        let mut text = doc.title.clone();
        if let Some(code) = &doc.code {
            text.push(' ');
            text.push_str(code);
        }
        for form in index_forms(&text) {
            shards
                .entry(shard_key(&form))
                .or_default()
                .entry(form)
                .or_default()
                .push(doc.id);
        }
    }
    let doc_count = docs.len() as u32;
    let mut kinds: Vec<KindRange> = Vec::new();
    for doc in &docs {
        match kinds.last_mut() {
            Some(range) if range.kind == doc.kind => range.count += 1,
            _ => kinds.push(KindRange {
                kind: doc.kind,
                first: doc.id,
                count: 1,
            }),
        }
    }
    let mut doc_shards: Vec<DocShard> = Vec::new();
    for doc in docs {
        let bucket = doc_bucket(doc.id);
        if doc_shards.last().is_none_or(|shard| shard.bucket != bucket) {
            doc_shards.push(DocShard {
                bucket,
                docs: Vec::with_capacity(DOC_BUCKET_SIZE as usize),
            });
        }
        doc_shards.last_mut().expect("pushed above").docs.push(doc);
    }
    let token_shards = shards
        .into_iter()
        .map(|(key, tokens)| TokenShard { key, tokens })
        .collect();
    SearchFiles {
        doc_shards,
        kinds,
        token_shards,
        doc_count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_title_cuts_at_word() {
        assert_eq!(short_title("משרד החינוך".to_string()), "משרד החינוך");
        let long = "מילה ".repeat(60);
        let short = short_title(long);
        assert!(short.ends_with("מילה…"), "{short}");
        assert!(short.chars().count() <= MAX_TITLE_CHARS + 1);
    }
}
