//! Identity of a supplier or recipient: an organisation with an entity id, a private individual whose
//! name must not reach the snapshot, or a report's own "other" row.
//!
//! The reports carry no flag for individuals, so the rule is conservative: a party is an
//! organisation only when a registration number, a registry, a government vendor number or its
//! name says so. Everyone else is treated as a private individual and summed per budget line.
//! Some small organisations with a plain name are summed too; no individual is shown by name
//! unless a registry lists that name as an organisation.

use std::collections::HashMap;

use budget_model::procurement::{is_corporate_id, name_entity_id};
use budget_model::search::normalize;

use super::registry::{name_key, Registry};

/// Name of the rows in which a report already sums the recipients it does not list.
pub const SOURCE_OTHER: &str = "אחר";

/// Name tokens (after search normalisation) that mark an organisation: legal forms, kinds of
/// body and trade words. A person's name contains none of them.
#[rustfmt::skip]
const ORGANISATION_TOKENS: &[&str] = &[
    "בעמ", "בע", "ער", "חלצ", "עמותה", "עמותת", "העמותה", "אגודה", "אגודת", "האגודה", "אגוד", "איגוד", "קרנ",
    "קרנות", "הקרנ", "ארגונ", "ארגוני", "הארגונ", "מרכז", "מרכזי", "המרכז", "מכונ", "המכונ", "מכללה", "מכללת",
    "המכללה", "אוניברסיטה", "אוניברסיטת", "האוניברסיטה", "ישיבה", "ישיבת", "כולל", "כוללי", "מוסד", "מוסדות",
    "המוסד", "חברה", "חברת", "החברה", "רשות", "הרשות", "משרד", "המשרד", "מועצה", "מועצת", "המועצה", "עירית",
    "עיריית", "עיריה", "בית", "בתי", "ביס", "ביהס", "תת", "תלמוד", "מדרשה", "מדרשת", "אולפנה", "אולפנת",
    "סמינר", "סמינרי", "קיבוצ", "הקיבוצ", "מושב", "אגשח", "כפר", "שותפות", "בנק", "ועד", "הועד", "התאחדות",
    "הסתדרות", "ההסתדרות", "תנועת", "תנועה", "התנועה", "קהילת", "קהילה", "מתנס", "מתנסים", "מועדונ", "הפועל",
    "מכבי", "ביתר", "אליצור", "תיאטרונ", "התיאטרונ", "תזמורת", "התזמורת", "מוזיאונ", "ספריה", "ספריית",
    "אקדמיה", "האקדמיה", "קופת", "קופח", "שירותי", "שרותי", "מערכות", "תעשיות", "ניהול", "השקעות", "אחזקות",
    "נכסים", "הפקות", "תקשורת", "הוצאת", "לאור", "מפעלי", "מפעל", "פרויקטים", "פרוייקטים", "יזמות", "הנדסה",
    "מהנדסים", "אדריכלים", "ושות", "ושותפיו", "קבוצת", "רשת", "מא", "ממ", "מוא", "ישוב", "קרית", "עמ", "חכ",
    "ltd", "inc", "llc", "gmbh", "co", "corp", "company", "limited", "sa", "ag", "bv", "plc", "university",
    "institute", "foundation", "association", "group", "commission", "organization", "organisation", "office",
    "ministry", "fund", "laboratory", "bank", "council", "agency", "authority", "center", "centre", "school",
    "college", "hospital", "society", "union", "trust", "services", "systems", "technologies", "international",
    "ביהח", "בביהח", "חולימ", "קבלנימ", "פתרונות", "מוצרימ", "סוכנות", "הסוכנות", "לשכת", "לשכה", "מינהל",
    "מנהל", "המינהל", "יחידת", "נציבות", "בנקאות", "ביטוח", "לביטוח", "חשמל", "מקורות", "דואר", "אגד",
];

/// Merkava vendor numbers of government bodies: eight digits starting `10000` (`10000021` the
/// government advertising bureau, `10000173` the government printer), written with or without
/// two leading zeros.
fn is_government_vendor(vendor: &str) -> bool {
    let digits = vendor.trim_start_matches('0');
    digits.len() == 8 && digits.starts_with("10000")
}

/// Tokens of a legal form, which only an organisation's name carries.
#[rustfmt::skip]
const BODY_FORM_TOKENS: &[&str] = &[
    "בעמ", "ער", "חלצ", "עמותה", "עמותת", "אגודה", "אגודת", "אוניברסיטת", "האוניברסיטה", "מכללת", "הסתדרות",
    "תנועת", "ltd", "inc", "llc", "gmbh", "plc", "limited", "corp",
];

/// True when the name carries a legal form or the word for a kind of body that only
/// organisations have (association, university, federation).
fn has_legal_form(name: &str) -> bool {
    normalize(name)
        .split(' ')
        .any(|token| BODY_FORM_TOKENS.contains(&token))
}

/// True when the name alone says the party is an organisation.
pub fn looks_like_organisation(name: &str) -> bool {
    let normalized = normalize(name);
    normalized.split(' ').any(|token| ORGANISATION_TOKENS.contains(&token))
}

/// Evidence the reports give about one party.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clues<'a> {
    pub name: &'a str,
    /// A registration or VAT number column, before validation.
    pub id: Option<&'a str>,
    /// Merkava vendor number.
    pub vendor: Option<&'a str>,
    /// Registry kind given by the file itself (the 2015 supports sample, exemptions).
    pub kind: Option<&'a str>,
    /// True when the file has entity columns and they are empty, which the file's publisher
    /// uses for recipients that are not organisations.
    pub no_entity_in_file: bool,
    /// True when the record's type marks a payment to a person (`תמיכה בפרט`).
    pub individual_kind: bool,
    /// True when the record's type is a support to local authorities (`מענקי איזון`,
    /// `תמיכה ברשויות מקומיות`), whose recipients are municipalities and councils.
    pub municipal_kind: bool,
    /// True when only a legal form in the name or the file's entity kind marks an organisation,
    /// and trade words do not. Exemption notices name law firms and consultants by the people's
    /// own names, joined by short words that the trade-word list also contains.
    pub legal_form_only: bool,
}

/// The outcome for one party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    Organisation {
        id: String,
        kind: Option<String>,
        registered_name: Option<String>,
    },
    Private,
    /// The report's own "other" row.
    SourceOther,
}

/// Resolves parties to entity ids, learning vendor numbers as it goes so that one vendor with
/// differently truncated names stays one entity.
#[derive(Debug)]
pub struct Resolver<'a> {
    registry: &'a Registry,
    vendors: HashMap<String, (String, Option<String>)>,
}

impl<'a> Resolver<'a> {
    pub fn new(registry: &'a Registry) -> Resolver<'a> {
        Resolver {
            registry,
            vendors: HashMap::new(),
        }
    }

    /// Decides who a party is, in this order:
    /// 1. the report's own "other" row;
    /// 2. a private individual when the name is blank, the file's entity columns are empty, or
    ///    the id is not a registration number;
    /// 3. an organisation by its registration number, by a vendor number already seen with an
    ///    entity, or by a registry name;
    /// 4. a private individual when the record's type is a payment to a person (`תמיכה בפרט`)
    ///    and the name has no legal-form word such as `בע"מ` or `(ע"ר)`;
    /// 5. a local authority when the record's type is a support to local authorities;
    /// 6. when only a legal form counts (exemption notices): an organisation by the file's
    ///    entity kind or a legal-form word in the name, else a private individual;
    /// 7. an organisation by a government vendor number, or by an organisation-like name that
    ///    the registry does not list with a personal id number (a sole trader such as
    ///    `מרדכי כהן פיקוח ותאום`);
    /// 8. else a private individual.
    pub fn resolve(&mut self, clues: &Clues) -> Identity {
        let name = clues.name.trim();
        if name == SOURCE_OTHER {
            return Identity::SourceOther;
        }
        let id = clues.id.map(str::trim).filter(|id| !id.is_empty());
        if name.is_empty() || clues.no_entity_in_file || id.is_some_and(|id| !is_corporate_id(id)) {
            return Identity::Private;
        }
        let vendor = clues
            .vendor
            .map(|vendor| vendor.trim().trim_start_matches('0'))
            .filter(|vendor| !vendor.is_empty());
        let identity = match self.known(clues, name, id, vendor) {
            Some(identity) => identity,
            None if clues.individual_kind && !has_legal_form(name) => return Identity::Private,
            None if clues.municipal_kind => Identity::Organisation {
                id: name_entity_id(&name_key(name)),
                kind: Some("municipality".to_string()),
                registered_name: None,
            },
            None if vendor.is_some_and(is_government_vendor) => Identity::Organisation {
                id: name_entity_id(&name_key(name)),
                kind: Some("government_office".to_string()),
                registered_name: None,
            },
            None if clues.legal_form_only => match clues.kind.map(str::trim).filter(|kind| !kind.is_empty()) {
                Some(kind) => Identity::Organisation {
                    id: name_entity_id(&name_key(name)),
                    kind: Some(kind.to_string()),
                    registered_name: None,
                },
                None if has_legal_form(name) => Identity::Organisation {
                    id: name_entity_id(&name_key(name)),
                    kind: None,
                    registered_name: None,
                },
                None => return Identity::Private,
            },
            None if !self.registry.is_person(name) && looks_like_organisation(name) => Identity::Organisation {
                id: name_entity_id(&name_key(name)),
                kind: clues.kind.map(str::to_string),
                registered_name: None,
            },
            None => return Identity::Private,
        };
        if let (Some(vendor), Identity::Organisation { id, kind, .. }) = (vendor, &identity) {
            self.vendors
                .entry(vendor.to_string())
                .or_insert_with(|| (id.clone(), kind.clone()));
        }
        identity
    }

    /// Returns the organisation that a registration number, a vendor number seen before or a
    /// registry name identifies, if any.
    fn known(&self, clues: &Clues, name: &str, id: Option<&str>, vendor: Option<&str>) -> Option<Identity> {
        if let Some(id) = id {
            let registered = self.registry.by_id(id);
            return Some(Identity::Organisation {
                id: id.to_string(),
                kind: registered
                    .map(|entry| entry.kind.clone())
                    .or(clues.kind.map(str::to_string)),
                registered_name: registered.map(|entry| entry.name.clone()),
            });
        }
        if let Some((id, kind)) = vendor.and_then(|vendor| self.vendors.get(vendor)) {
            return Some(Identity::Organisation {
                id: id.clone(),
                kind: kind.clone(),
                registered_name: None,
            });
        }
        let entry = self.registry.by_name(name)?;
        let id = entry
            .id
            .clone()
            .unwrap_or_else(|| name_entity_id(&name_key(&entry.name)));
        Some(Identity::Organisation {
            id,
            kind: Some(entry.kind.clone()),
            registered_name: Some(entry.name.clone()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(resolver: &mut Resolver, name: &str) -> Identity {
        resolver.resolve(&Clues {
            name,
            ..Clues::default()
        })
    }

    #[test]
    fn person_names_are_private() {
        let registry = Registry::default();
        let mut resolver = Resolver::new(&registry);
        assert_eq!(resolve(&mut resolver, "לוין אלכסנדר"), Identity::Private);
        assert_eq!(resolve(&mut resolver, "סעדה אסתר"), Identity::Private);
        assert_eq!(resolve(&mut resolver, "אחר"), Identity::SourceOther);
    }

    #[test]
    fn organisation_names_get_stable_ids() {
        let registry = Registry::default();
        let mut resolver = Resolver::new(&registry);
        let Identity::Organisation { id, .. } = resolve(&mut resolver, "רשת עמל 1 בע\"מ (חל\"צ)") else {
            panic!()
        };
        let Identity::Organisation { id: again, .. } = resolve(&mut resolver, "רשת עמל 1 בעמ") else {
            panic!()
        };
        assert_eq!(id, again);
        assert!(matches!(
            resolve(&mut resolver, "עמותת אור ירוק"),
            Identity::Organisation { .. }
        ));
    }

    #[test]
    fn ids_decide_first() {
        let registry = Registry::default();
        let mut resolver = Resolver::new(&registry);
        let person = Clues {
            name: "אבי כהן בע\"מ",
            id: Some("012345678"),
            ..Clues::default()
        };
        assert_eq!(resolver.resolve(&person), Identity::Private);
        let company = Clues {
            name: "אבי כהן",
            id: Some("512345678"),
            vendor: Some("0040001"),
            ..Clues::default()
        };
        assert!(matches!(resolver.resolve(&company), Identity::Organisation { ref id, .. } if id == "512345678"));
        // The vendor number learnt above carries the id to a row without one.
        let same_vendor = Clues {
            name: "אבי כהן",
            vendor: Some("40001"),
            ..Clues::default()
        };
        assert!(matches!(resolver.resolve(&same_vendor), Identity::Organisation { ref id, .. } if id == "512345678"));
    }

    #[test]
    fn individual_kind_keeps_legal_forms() {
        let registry = Registry::default();
        let mut resolver = Resolver::new(&registry);
        let person = Clues {
            name: "כהן שרה",
            individual_kind: true,
            ..Clues::default()
        };
        assert_eq!(resolver.resolve(&person), Identity::Private);
        let association = Clues {
            name: "ויצו - הסתדרות עולמית לנשים ציוניות",
            individual_kind: true,
            ..Clues::default()
        };
        assert!(matches!(resolver.resolve(&association), Identity::Organisation { .. }));
    }

    #[test]
    fn municipal_kind_is_local_authority() {
        let registry = Registry::default();
        let mut resolver = Resolver::new(&registry);
        let council = Clues {
            name: "באקה-גת",
            municipal_kind: true,
            ..Clues::default()
        };
        assert!(
            matches!(resolver.resolve(&council), Identity::Organisation { kind: Some(ref kind), .. } if kind == "municipality")
        );
    }

    #[test]
    fn individual_kind_and_government_vendor() {
        let registry = Registry::default();
        let mut resolver = Resolver::new(&registry);
        let individual = Clues {
            name: "אור ירוק",
            individual_kind: true,
            ..Clues::default()
        };
        assert_eq!(resolver.resolve(&individual), Identity::Private);
        let government = Clues {
            name: "המדפיס הממשלתי",
            vendor: Some("0010000173"),
            ..Clues::default()
        };
        assert!(
            matches!(resolver.resolve(&government), Identity::Organisation { kind: Some(ref kind), .. } if kind == "government_office")
        );
    }

    #[test]
    fn legal_form_only_ignores_trade_words() {
        let registry = Registry::default();
        let mut resolver = Resolver::new(&registry);
        // Two people's names joined by a word that the trade-word list contains.
        let names = Clues {
            name: "עו\"ד דנה לדוגמה עם עו\"ד רון בדיקה",
            legal_form_only: true,
            ..Clues::default()
        };
        assert!(looks_like_organisation(names.name));
        assert_eq!(resolver.resolve(&names), Identity::Private);
        assert!(matches!(
            resolver.resolve(&Clues { legal_form_only: false, ..names }),
            Identity::Organisation { .. }
        ));

        let company = Clues {
            name: "מערכות לדוגמה בע\"מ",
            legal_form_only: true,
            ..Clues::default()
        };
        assert!(matches!(resolver.resolve(&company), Identity::Organisation { .. }));
        let foreign = Clues {
            name: "Example Systems GmbH",
            legal_form_only: true,
            ..Clues::default()
        };
        assert!(matches!(resolver.resolve(&foreign), Identity::Organisation { .. }));

        let kind_given = Clues {
            name: "מערכות לדוגמה",
            kind: Some("company"),
            legal_form_only: true,
            ..Clues::default()
        };
        assert!(
            matches!(resolver.resolve(&kind_given), Identity::Organisation { kind: Some(ref kind), .. } if kind == "company")
        );

        let registered = Clues {
            name: "דנה לדוגמה",
            id: Some("512345678"),
            legal_form_only: true,
            ..Clues::default()
        };
        assert!(matches!(resolver.resolve(&registered), Identity::Organisation { .. }));
    }
}
