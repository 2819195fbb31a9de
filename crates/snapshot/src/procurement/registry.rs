//! The entity registries in `entities/`: the 2016 Budget Key entities table, the registry of
//! entities with no statutory registrar, the municipalities list and the tender publishers.
//! They tell organisations from people and give suppliers their registration numbers.

use std::collections::{BTreeMap, HashMap, HashSet};

use budget_model::procurement::is_corporate_id;
use budget_model::search::normalize;

use crate::error::ReadError;
use crate::input::{csv_rows, Source};
use crate::progress::FileProgress;

use super::table::{text, Field, Table};
use super::tally::{reason, RecordTally};

/// One registered organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    /// Registration number; `None` for municipalities known only from the municipalities list.
    pub id: Option<String>,
    pub name: String,
    pub kind: String,
}

/// The registries, looked up by registration number or by [`name_key`].
#[derive(Debug, Default)]
pub struct Registry {
    by_id: HashMap<String, Registered>,
    by_name: BTreeMap<String, Registered>,
    /// Name keys of people: registry rows whose id is a personal number.
    persons: HashSet<String>,
    /// Portal publisher name → ministry name.
    pub publishers: HashMap<String, String>,
}

impl Registry {
    pub fn by_id(&self, id: &str) -> Option<&Registered> {
        self.by_id.get(id)
    }

    /// Looks a name up by [`name_key`]. A name of [`TRUNCATED_CHARS`] characters or more may
    /// have been cut by Merkava. So when it has no exact match, it matches the one registry name
    /// that starts with its whole words; its last word may be cut, so it is dropped.
    pub fn by_name(&self, name: &str) -> Option<&Registered> {
        let key = name_key(name);
        if let Some(entry) = self.by_name.get(&key) {
            return Some(entry);
        }
        if name.trim().chars().count() < TRUNCATED_CHARS {
            return None;
        }
        let whole_words = key.rsplit_once(' ')?.0;
        if whole_words.split(' ').count() < MIN_PREFIX_WORDS {
            return None;
        }
        let mut matches = self
            .by_name
            .range(whole_words.to_string()..)
            .take_while(|(known, _)| known.starts_with(whole_words))
            .filter(|(known, _)| known.len() == whole_words.len() || known.as_bytes()[whole_words.len()] == b' ');
        match (matches.next(), matches.next()) {
            (Some((_, entry)), None) => Some(entry),
            _ => None,
        }
    }

    /// True when a registry lists `name` with a personal id number.
    pub fn is_person(&self, name: &str) -> bool {
        self.persons.contains(&name_key(name))
    }

    fn insert(&mut self, entry: Registered) {
        if let Some(id) = &entry.id {
            self.by_id.entry(id.clone()).or_insert_with(|| entry.clone());
        }
        let key = name_key(&entry.name);
        if !key.is_empty() {
            // A registered number wins over a name-only entry of the same name.
            let replace = self
                .by_name
                .get(&key)
                .is_none_or(|known| known.id.is_none() && entry.id.is_some());
            if replace {
                self.by_name.insert(key, entry);
            }
        }
    }

    /// Number of organisations known by name.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

/// True for a valid Israeli identity number (ת"ז): up to nine digits, left-padded with zeros,
/// whose check digit is right (digits weighted 1, 2, 1, 2…, two-digit products summed as
/// their digits, the total a multiple of 10). About one in ten other numbers also passes.
pub fn is_personal_id(id: &str) -> bool {
    if id.is_empty() || id.len() > 9 || !id.bytes().all(|byte| byte.is_ascii_digit()) {
        return false;
    }
    let padded = format!("{id:0>9}");
    let total: u32 = padded
        .bytes()
        .enumerate()
        .map(|(index, byte)| {
            let product = u32::from(byte - b'0') * if index % 2 == 0 { 1 } else { 2 };
            product / 10 + product % 10
        })
        .sum();
    total.is_multiple_of(10)
}

/// Length from which a report's name may have been cut: Merkava exports supplier names of at
/// most 35 characters, and a cut just before a space leaves fewer once trimmed.
pub const TRUNCATED_CHARS: usize = 30;

/// Words a cut name must keep for a prefix match, so a short common start matches nothing.
const MIN_PREFIX_WORDS: usize = 3;

/// Tokens that mark the legal form and differ between spellings of one name (`בע"מ`, `בעמ`,
/// `(ע"ר)`, `חל"צ`, `ltd`); they are left out of name keys.
const LEGAL_FORM_TOKENS: [&str; 6] = ["בעמ", "ער", "חלצ", "ltd", "inc", "limited"];

/// Returns the key that names are matched by: the search normalisation without legal-form tokens, so
/// `רשת עמל 1 בע"מ (חל"צ)` and `רשת עמל 1 בעמ` match.
pub fn name_key(name: &str) -> String {
    let normalized = normalize(name);
    let kept: Vec<&str> = normalized
        .split(' ')
        .filter(|token| !LEGAL_FORM_TOKENS.contains(token))
        .collect();
    kept.join(" ")
}

const ENTITIES_2016: &[Field] = &[
    Field::new("id", &["id"]),
    Field::new("kind", &["kind"]),
    Field::new("name", &["name"]),
    Field::new(
        "unused",
        &[
            "flags",
            "manpower_contractor",
            "service_contractor",
            "gov_company",
            "company_name",
            "company_status",
            "company_type",
            "company_government",
            "company_limit",
            "company_postal_code",
            "company_mafera",
            "company_address",
            "company_city",
            "lat",
            "lng",
        ],
    ),
];

const SPECIAL_ENTITIES: &[Field] = &[
    Field::new("kind", &["kind"]),
    Field::new("name", &["name"]),
    Field::new("id", &["id"]),
    Field::new("unused", &["street", "house_number", "city", "zipcode"]),
];

const PUBLISHERS: &[Field] = &[
    Field::new("publisher", &["publisher"]),
    Field::new("ministry", &["ministry_name"]),
    Field::new("unused", &["type", "subunit", "ministry_short_name", "logo"]),
];

/// Reads one registry file into `registry`, by its name. Returns `None` for a file that is not
/// a registry this builder reads, so the caller can report it.
pub fn read(source: &Source, registry: &mut Registry) -> Result<Option<RecordTally>, ReadError> {
    let name = source.relative.rsplit('/').next().unwrap_or(&source.relative);
    let progress = FileProgress::start(
        &source.relative,
        source.bytes.iter().filter(|byte| **byte == b'\n').count() as u64,
    );
    let result = if name.ends_with(".jsons") {
        read_municipalities(source, registry).map(Some)
    } else if name.starts_with("special-entities") {
        read_csv(source, SPECIAL_ENTITIES, registry, &progress).map(Some)
    } else if name.contains("entities") && name.ends_with(".csv") {
        read_csv(source, ENTITIES_2016, registry, &progress).map(Some)
    } else if name.starts_with("tender-publishers") {
        read_publishers(source, registry).map(Some)
    } else {
        Ok(None)
    };
    progress.finish();
    result
}

fn read_csv(
    source: &Source,
    fields: &[Field],
    registry: &mut Registry,
    progress: &FileProgress,
) -> Result<RecordTally, ReadError> {
    let mut tally = RecordTally::new(&source.relative, ("", ""));
    let mut rows = csv_rows(source);
    let Some(header) = rows.next().transpose()? else {
        return Err(ReadError::Empty {
            file: source.path.clone(),
        });
    };
    let table = Table::match_header(&source.path, &header, fields)?;
    table.require(&source.path, header.number, fields, &["id", "kind", "name"])?;
    for row in rows {
        let row = row?;
        progress.row(row.number);
        tally.read();
        if row.is_blank() {
            tally.skip(reason::BLANK_ROW, 0, 0);
            continue;
        }
        let cells = table.fields(&source.path, &row);
        cells.require_width(table.width)?;
        let Some(name) = text(&cells, table.get("name")) else {
            tally.skip(reason::NAMELESS_ENTITY, 0, 0);
            continue;
        };
        let kind = text(&cells, table.get("kind")).unwrap_or_default();
        let id = text(&cells, table.get("id"));
        let id = match id {
            Some(id) if is_corporate_id(&id) => Some(id),
            Some(_) if !kind.is_empty() => None,
            Some(id) if !is_personal_id(&id) => {
                // Old or foreign numbers of bodies (941005852 for a city) are neither kind of id.
                tally.skip(reason::UNKNOWN_ID, 0, 0);
                continue;
            }
            Some(_) => {
                // The 2016 entities table lists sole traders under their personal number, with
                // no kind.
                registry.persons.insert(name_key(&name));
                tally.skip(reason::PERSON_ID, 0, 0);
                continue;
            }
            None => None,
        };
        registry.insert(Registered { id, name, kind });
        tally.keep();
    }
    Ok(tally)
}

/// `municipalities.jsons`: one JSON object a line with a hash id (not a registration number),
/// the kind and the name.
fn read_municipalities(source: &Source, registry: &mut Registry) -> Result<RecordTally, ReadError> {
    let mut tally = RecordTally::new(&source.relative, ("", ""));
    let text = std::str::from_utf8(&source.bytes).map_err(|error| {
        let row = source.bytes[..error.valid_up_to()]
            .iter()
            .filter(|byte| **byte == b'\n')
            .count() as u64
            + 1;
        ReadError::InvalidUtf8 {
            file: source.path.clone(),
            row,
        }
    })?;
    for (index, line) in text.lines().enumerate() {
        let row = index as u64 + 1;
        tally.read();
        if line.trim().is_empty() {
            tally.skip(reason::BLANK_ROW, 0, 0);
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(line).map_err(|error| ReadError::Csv {
            file: source.path.clone(),
            row,
            message: format!("invalid JSON line: {error}"),
        })?;
        let field = |key: &str| {
            value
                .get(key)
                .and_then(|value| value.as_str())
                .map(str::trim)
                .unwrap_or("")
                .to_string()
        };
        let name = field("name");
        if name.is_empty() {
            return Err(ReadError::BadValue {
                file: source.path.clone(),
                row,
                column: "name".into(),
                value: line.chars().take(80).collect(),
                expected: "an object with a \"name\"".into(),
            });
        }
        let kind = Some(field("kind"))
            .filter(|kind| !kind.is_empty())
            .unwrap_or_else(|| "municipality".into());
        registry.insert(Registered { id: None, name, kind });
        tally.keep();
    }
    Ok(tally)
}

fn read_publishers(source: &Source, registry: &mut Registry) -> Result<RecordTally, ReadError> {
    let mut tally = RecordTally::new(&source.relative, ("", ""));
    let mut rows = csv_rows(source);
    let Some(header) = rows.next().transpose()? else {
        return Err(ReadError::Empty {
            file: source.path.clone(),
        });
    };
    let table = Table::match_header(&source.path, &header, PUBLISHERS)?;
    table.require(&source.path, header.number, PUBLISHERS, &["publisher", "ministry"])?;
    for row in rows {
        let row = row?;
        tally.read();
        if row.is_blank() {
            tally.skip(reason::BLANK_ROW, 0, 0);
            continue;
        }
        let cells = table.fields(&source.path, &row);
        cells.require_width(table.width)?;
        match (
            text(&cells, table.get("publisher")),
            text(&cells, table.get("ministry")),
        ) {
            (Some(publisher), Some(ministry)) => {
                registry.publishers.insert(publisher, ministry);
                tally.keep();
            }
            (Some(_), None) => tally.skip(reason::PUBLISHER_WITHOUT_MINISTRY, 0, 0),
            (None, _) => return Err(cells.bad_value(table.get("publisher").unwrap_or(0), "a publisher name")),
        }
    }
    Ok(tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys_ignore_legal_form() {
        assert_eq!(name_key("רשת עמל 1 בע\"מ (חל\"צ)"), name_key("רשת עמל 1 בעמ"));
        assert_eq!(name_key("עמך (ע\"ר)"), "עמכ");
        assert_ne!(name_key("עמך"), name_key("עמל"));
    }

    #[test]
    fn truncated_name_matches_unique_prefix() {
        let mut registry = Registry::default();
        let full = "עתיד - רשת חינוך ובתי ספר בע\"מ (חל\"צ)";
        registry.insert(Registered {
            id: Some("520016676".into()),
            name: full.into(),
            kind: "company".into(),
        });
        registry.insert(Registered {
            id: Some("580000002".into()),
            name: "מכון ברנקו וייס - חינוך".into(),
            kind: "association".into(),
        });
        registry.insert(Registered {
            id: Some("580000003".into()),
            name: "מכון ברנקו וייס - חינוך וחשיבה".into(),
            kind: "association".into(),
        });
        let cut = "עתיד - רשת חינוך ובתי ספר בע\"מ (חל\"";
        assert_eq!(registry.by_name(cut).unwrap().id.as_deref(), Some("520016676"));
        assert_eq!(
            registry
                .by_name("מכון ברנקו וייס - חינוך וחשיבה ויז")
                .unwrap()
                .id
                .as_deref(),
            Some("580000003")
        );
        // Both registry names start with the words kept, so nothing matches.
        assert!(registry.by_name("מכון ברנקו וייס - חינוך וחשיבהה").is_none());
        assert!(registry.by_name("מכון ברנקו וייס - חינוך ופיתוח חשיבה").is_none());
        // A short name is never matched by prefix.
        assert!(registry.by_name("עתיד - רשת חינוך").is_none());
    }

    #[test]
    fn personal_id_check_digit() {
        assert!(is_personal_id("000000018"));
        assert!(is_personal_id("18"));
        assert!(!is_personal_id("000000019"));
        assert!(!is_personal_id("12345678x"));
    }

    #[test]
    fn registered_id_wins_name() {
        let mut registry = Registry::default();
        registry.insert(Registered {
            id: None,
            name: "עיריית חיפה".into(),
            kind: "municipality".into(),
        });
        registry.insert(Registered {
            id: Some("500200001".into()),
            name: "עיריית חיפה".into(),
            kind: "municipality".into(),
        });
        assert_eq!(
            registry.by_name("עיריית  חיפה").unwrap().id.as_deref(),
            Some("500200001")
        );
        assert!(registry.by_id("500200001").is_some());
    }
}
