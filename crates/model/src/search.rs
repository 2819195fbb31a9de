//! Offline search: the Hebrew- and Arabic-aware text normaliser, the sharded index format and
//! the ranking of results.
//!
//! Layout under the snapshot folder:
//!
//! - `search/index.json` ([`SearchIndex`]): the hash and size of every token shard and document
//!   bucket, so the app checks each file it loads.
//! - `search/<key>.json` ([`TokenShard`]): every indexed token whose first two characters are
//!   `key`, mapped to the ids of the documents that contain it. The file name is the lower-case
//!   hex of the key's UTF-8 bytes ([`shard_path`]), so that file names stay ASCII and need no
//!   percent-encoding in URLs.
//! - `search/docs/<bucket>.json` ([`DocShard`]): the documents, [`DOC_BUCKET_SIZE`] ids a file.
//!
//! A query costs one request per distinct shard key of its tokens, then one per bucket of the
//! hits shown: [`query_shard_keys`], then [`matching_docs`], [`candidates`], [`doc_bucket`] and
//! [`rank`].
//!
//! Hebrew writes the article, conjunctions and prepositions as letters glued to the word
//! (`והחינוך` = "and the education"), and Arabic its article the same way. So the builder
//! indexes every title token together with its forms without such prefixes
//! ([`index_forms`]), and the query expands each token the same way ([`expand_token`]).
//! Matching both sides lets `חינוך` find `משרד החינוך` and `החינוך` find `חינוך`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::code::BudgetCode;

/// Number of document ids per documents file.
pub const DOC_BUCKET_SIZE: u32 = 500;

/// Path of the search index file, relative to the snapshot root.
pub const SEARCH_INDEX_FILE: &str = "search/index.json";

/// Hebrew letters that can be glued to the front of a word: ו (and), ה (the), ב (in), ל (to),
/// מ (from), ש (that), כ (as).
const HEBREW_PREFIXES: [char; 7] = ['ו', 'ה', 'ב', 'ל', 'מ', 'ש', 'כ'];

/// Letters that can follow a first prefix letter, as in וה, ומ, שב, כש, לכ.
const HEBREW_SECOND_PREFIXES: [char; 6] = ['ה', 'ב', 'ל', 'מ', 'כ', 'ש'];

/// Arabic prefixes after normalisation, longest first so that `وال` wins over `و`.
const ARABIC_PREFIXES: [&str; 9] = ["وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل"];

/// Shortest token left after removing a prefix: shorter remainders match too much.
const MIN_STEM_CHARS: usize = 2;

/// Maps one character to its normalised form, or `None` to drop it. `Some(' ')` marks a
/// separator between tokens.
fn fold_char(ch: char) -> Option<char> {
    match ch {
        // Hebrew points and cantillation (niqqud, teamim), except the maqaf hyphen.
        '\u{05BE}' => Some(' '),
        '\u{0591}'..='\u{05C7}' => None,
        // Arabic harakat, the superscript alef and the tatweel stretch.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => None,
        // Quotes inside abbreviations: ש"ח, משה"ח, צה״ל, ג׳.
        '"' | '\'' | '\u{05F3}' | '\u{05F4}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '`' => None,
        // Final letter forms.
        'ך' => Some('כ'),
        'ם' => Some('מ'),
        'ן' => Some('נ'),
        'ף' => Some('פ'),
        'ץ' => Some('צ'),
        // Arabic alef with hamza or madda, and alef wasla.
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ى' => Some('ي'),
        'ة' => Some('ه'),
        // Arabic-Indic and extended Arabic-Indic digits.
        '\u{0660}'..='\u{0669}' => char::from_digit(ch as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(ch as u32 - 0x06F0, 10),
        _ if ch.is_alphanumeric() => Some(ch),
        _ => Some(' '),
    }
}

/// Normalises `text` for search: points and harakat removed, final letters and Arabic letter
/// variants folded, quotes in abbreviations removed, Latin lower-cased, dashes between digits
/// removed (`20-24-14-47` → `20241447`), and every other mark turned into one space between
/// tokens. The result has no leading or trailing space.
pub fn normalize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (index, &ch) in chars.iter().enumerate() {
        if ch == '-' && dash_joins_digits(&chars, index) {
            continue;
        }
        match fold_char(ch) {
            None => {}
            Some(' ') if !out.is_empty() && !out.ends_with(' ') => out.push(' '),
            Some(' ') => {}
            Some(folded) => out.extend(folded.to_lowercase()),
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// True when the dash at `index` sits between two digits, as in a dashed budget code.
fn dash_joins_digits(chars: &[char], index: usize) -> bool {
    let before = index.checked_sub(1).and_then(|i| chars.get(i));
    let after = chars.get(index + 1);
    matches!((before, after), (Some(a), Some(b)) if a.is_ascii_digit() && b.is_ascii_digit())
}

/// Splits `text` into normalised tokens, in order, duplicates kept.
pub fn tokens(text: &str) -> Vec<String> {
    normalize(text)
        .split(' ')
        .filter(|token| !token.is_empty())
        .map(str::to_string)
        .collect()
}

/// Returns `token` and its forms without one or two leading Hebrew prefix letters or one
/// Arabic prefix, each stem at least two characters long. `token` comes first.
pub fn expand_token(token: &str) -> Vec<String> {
    let mut forms = vec![token.to_string()];
    let mut push = |form: &str| {
        if form.chars().count() >= MIN_STEM_CHARS && !forms.iter().any(|known| known == form) {
            forms.push(form.to_string());
        }
    };
    let mut chars = token.chars();
    if let Some(first) = chars.next() {
        if HEBREW_PREFIXES.contains(&first) {
            let rest = chars.as_str();
            push(rest);
            let mut rest_chars = rest.chars();
            if let Some(second) = rest_chars.next() {
                if first != 'ה' && HEBREW_SECOND_PREFIXES.contains(&second) {
                    push(rest_chars.as_str());
                }
            }
        }
    }
    for prefix in ARABIC_PREFIXES {
        if let Some(rest) = token.strip_prefix(prefix) {
            push(rest);
        }
    }
    forms
}

/// Returns every token the builder indexes for `text`: each token and its prefix-free forms.
pub fn index_forms(text: &str) -> BTreeSet<String> {
    tokens(text).iter().flat_map(|token| expand_token(token)).collect()
}

/// Returns the shard key of a token: its first two characters (the whole token when shorter).
pub fn shard_key(token: &str) -> String {
    token.chars().take(2).collect()
}

/// Path of the token shard of `key`, relative to the snapshot root: `search/<hex>.json` with
/// the lower-case hex of the key's UTF-8 bytes.
pub fn shard_path(key: &str) -> String {
    let hex: String = key.bytes().map(|byte| format!("{byte:02x}")).collect();
    format!("search/{hex}.json")
}

/// Bucket of a document id.
pub fn doc_bucket(id: u32) -> u32 {
    id / DOC_BUCKET_SIZE
}

/// Path of a documents bucket, relative to the snapshot root.
pub fn doc_bucket_path(bucket: u32) -> String {
    format!("search/docs/{bucket}.json")
}

/// Size and sha256 of one search file; its path follows from its key or bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardRef {
    pub bytes: u64,
    /// Lower-case hex sha256 of the file.
    pub sha256: String,
}

/// `search/index.json`: what the search files are and how to check them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchIndex {
    /// Number of documents; ids run from 0 to `doc_count - 1`.
    pub doc_count: u32,
    /// Ids per documents file, [`DOC_BUCKET_SIZE`] when written.
    pub doc_bucket_size: u32,
    /// Token shards by key (see [`shard_key`]).
    pub shards: BTreeMap<String, ShardRef>,
    /// Documents files, index = bucket number.
    pub doc_buckets: Vec<ShardRef>,
    /// The id range of each kind. Within a kind, ids run from the most to the least prominent
    /// document (budget items top level first, entities by money received, notices newest
    /// first), so the lowest ids of a kind are the candidates worth loading; see [`candidates`].
    pub kinds: Vec<KindRange>,
}

/// The ids of one kind of document: `first` to `first + count - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindRange {
    pub kind: DocKind,
    pub first: u32,
    pub count: u32,
}

/// Returns up to `per_kind` of the lowest matching ids of each kind, ascending, so a result
/// list loads a few document buckets however many documents match. `ids` must be ascending,
/// as [`matching_docs`] returns them.
pub fn candidates(ids: &[u32], kinds: &[KindRange], per_kind: usize) -> Vec<u32> {
    let mut picked = Vec::new();
    for range in kinds {
        let end = range.first.saturating_add(range.count);
        let start = ids.partition_point(|id| *id < range.first);
        picked.extend(ids[start..].iter().take_while(|id| **id < end).take(per_kind).copied());
    }
    picked.sort_unstable();
    picked
}

/// One token shard: tokens starting with `key`, each with the ids of its documents, ascending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenShard {
    pub key: String,
    pub tokens: BTreeMap<String, Vec<u32>>,
}

/// Kind of a search result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// A budget item (section, domain, program or line).
    Budget,
    /// A supplier or support recipient.
    Entity,
    /// An office tender.
    Tender,
    /// An exemption from tender.
    Exemption,
}

impl DocKind {
    /// Kinds in the order results are grouped.
    pub const ALL: [DocKind; 4] = [DocKind::Budget, DocKind::Entity, DocKind::Tender, DocKind::Exemption];
}

/// Destination of a search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "lowercase")]
pub enum DocTarget {
    /// The budget item `code` in `year`, the latest year that has it.
    Budget { code: BudgetCode, year: u16 },
    /// An entity page; the shard follows from `crate::procurement::entity_path`.
    Entity { id: String },
    /// A tender, listed in the tenders file of `year`.
    Tender { publication_id: String, year: u16 },
    /// An exemption, listed in the exemptions file of `year` (`None`: the undated file).
    Exemption {
        publication_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        year: Option<u16>,
    },
}

/// One searchable document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doc {
    pub id: u32,
    pub kind: DocKind,
    /// Display title: an item's latest name, an entity's name, a tender's description.
    pub title: String,
    /// Code shown beside the title: a budget code, a company number, a publication id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub target: DocTarget,
}

/// One documents file: the documents of one bucket, ascending by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocShard {
    pub bucket: u32,
    pub docs: Vec<Doc>,
}

/// Returns the shard keys a query needs: those of every token and of each token's prefix-free
/// forms, sorted and without repeats.
pub fn query_shard_keys(query: &str) -> Vec<String> {
    let keys: BTreeSet<String> = tokens(query)
        .iter()
        .flat_map(|token| expand_token(token))
        .map(|form| shard_key(&form))
        .collect();
    keys.into_iter().collect()
}

/// Returns the ids of the documents that match every token of `query`, ascending.
///
/// A query token matches a document when any of its forms ([`expand_token`]) is an indexed
/// token of the document. The last token as typed also matches as a prefix of an indexed token
/// once it has two characters, so results appear while the user is still typing. `shards` must hold
/// the shards of [`query_shard_keys`]; a missing shard counts as empty.
pub fn matching_docs(query: &str, shards: &BTreeMap<String, TokenShard>) -> Vec<u32> {
    let query_tokens = tokens(query);
    let mut result: Option<BTreeSet<u32>> = None;
    for (position, token) in query_tokens.iter().enumerate() {
        let last = position + 1 == query_tokens.len();
        let mut ids = BTreeSet::new();
        for form in expand_token(token) {
            let Some(shard) = shards.get(&shard_key(&form)) else {
                continue;
            };
            // Only the token as typed is completed; a prefix-free form completed too would
            // match far too much (`מלמ` → `למ…`).
            if last && form == *token && form.chars().count() >= 2 {
                for (_, postings) in shard
                    .tokens
                    .range(form.clone()..)
                    .take_while(|(indexed, _)| indexed.starts_with(&form))
                {
                    ids.extend(postings.iter().copied());
                }
            } else if let Some(postings) = shard.tokens.get(&form) {
                ids.extend(postings.iter().copied());
            }
        }
        result = Some(match result {
            None => ids,
            Some(previous) => previous.intersection(&ids).copied().collect(),
        });
    }
    result.map(|ids| ids.into_iter().collect()).unwrap_or_default()
}

/// How well one document matches a query; a higher value ranks first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    exact_title: bool,
    title_starts_with_query: bool,
    /// Query tokens found as whole title tokens, without removing a prefix.
    whole_tokens: usize,
    /// Query tokens found with a prefix removed on either side, or as a prefix of a title token.
    loose_tokens: usize,
}

fn score(query_normalized: &str, query_tokens: &[String], doc: &Doc) -> Score {
    let title = normalize(&doc.title);
    let code = doc.code.as_deref().map(normalize).unwrap_or_default();
    let title_tokens: Vec<&str> = title
        .split(' ')
        .chain(code.split(' '))
        .filter(|token| !token.is_empty())
        .collect();
    let title_forms: BTreeSet<String> = title_tokens.iter().flat_map(|token| expand_token(token)).collect();
    let mut whole_tokens = 0;
    let mut loose_tokens = 0;
    for token in query_tokens {
        if title_tokens.contains(&token.as_str()) {
            whole_tokens += 1;
        } else if expand_token(token).iter().any(|form| title_forms.contains(form))
            || title_tokens
                .iter()
                .any(|title_token| title_token.starts_with(token.as_str()))
        {
            loose_tokens += 1;
        }
    }
    Score {
        exact_title: title == query_normalized || code == query_normalized,
        title_starts_with_query: title.starts_with(query_normalized),
        whole_tokens,
        loose_tokens,
    }
}

/// Results of one kind, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultGroup {
    pub kind: DocKind,
    pub docs: Vec<Doc>,
}

/// Groups `docs` by kind (in [`DocKind::ALL`] order, empty groups left out) and sorts each group:
/// an exact title (or code) match first, then titles that start with the query, then more whole
/// tokens matched, then more loosely matched tokens, then shorter titles, then ascending id.
pub fn rank(query: &str, docs: Vec<Doc>) -> Vec<ResultGroup> {
    let query_normalized = normalize(query);
    let query_tokens = tokens(query);
    let mut scored: Vec<(Score, Doc)> = docs
        .into_iter()
        .map(|doc| (score(&query_normalized, &query_tokens, &doc), doc))
        .collect();
    scored.sort_by(|(score_a, doc_a), (score_b, doc_b)| {
        score_b
            .cmp(score_a)
            .then_with(|| doc_a.title.chars().count().cmp(&doc_b.title.chars().count()))
            .then_with(|| doc_a.id.cmp(&doc_b.id))
    });
    DocKind::ALL
        .into_iter()
        .map(|kind| ResultGroup {
            kind,
            docs: scored
                .iter()
                .filter(|(_, doc)| doc.kind == kind)
                .map(|(_, doc)| doc.clone())
                .collect(),
        })
        .filter(|group| !group.docs.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_strips_niqqud() {
        assert_eq!(normalize("שָׁלוֹם"), "שלומ");
        assert_eq!(normalize("בְּרֵאשִׁית"), "בראשית");
    }

    #[test]
    fn normalize_folds_final_letters() {
        assert_eq!(normalize("ך ם ן ף ץ"), "כ מ נ פ צ");
        assert_eq!(normalize("משרד החינוך"), "משרד החינוכ");
    }

    #[test]
    fn normalize_removes_abbreviation_quotes() {
        assert_eq!(normalize("משה\"ח"), "משהח");
        assert_eq!(normalize("ש\"ח"), "שח");
        assert_eq!(normalize("צה״ל"), "צהל");
        assert_eq!(normalize("ג׳ון"), "גונ");
        assert_eq!(normalize("בע'מ"), "בעמ");
    }

    #[test]
    fn normalize_folds_dashed_codes() {
        assert_eq!(normalize("20-24-14-47"), "20241447");
        assert_eq!(normalize("תל-אביב"), "תל אביב");
        assert_eq!(normalize("בית־ספר"), "בית ספר");
    }

    #[test]
    fn normalize_latin_and_digits() {
        assert_eq!(normalize("IBM Israel, 2015!"), "ibm israel 2015");
        assert_eq!(normalize("  a  --  b "), "a b");
    }

    #[test]
    fn normalize_arabic_letters() {
        assert_eq!(normalize("أحمد"), "احمد");
        assert_eq!(normalize("إسرائيل"), "اسرائيل");
        assert_eq!(normalize("مُسْتَشْفَى"), "مستشفي");
        assert_eq!(normalize("مدرسة"), "مدرسه");
        assert_eq!(normalize("كـــتاب"), "كتاب");
        assert_eq!(normalize("٢٠١٥"), "2015");
    }

    #[test]
    fn expand_hebrew_prefixes() {
        assert_eq!(expand_token("החינוכ"), ["החינוכ", "חינוכ"]);
        let forms = expand_token("והחינוכ");
        assert!(forms.contains(&"חינוכ".to_string()), "{forms:?}");
        assert!(forms.contains(&"החינוכ".to_string()), "{forms:?}");
        assert_eq!(expand_token("כשהגיע")[..3], ["כשהגיע", "שהגיע", "הגיע"]);
        assert_eq!(expand_token("רווחה"), ["רווחה"]);
    }

    #[test]
    fn expand_keeps_two_letter_stems() {
        // "של" must not shrink to the single letter "ל".
        assert_eq!(expand_token("של"), ["של"]);
        assert_eq!(expand_token("בית"), ["בית", "ית"]);
    }

    #[test]
    fn expand_arabic_prefixes() {
        let forms = expand_token("والمدرسه");
        assert!(forms.contains(&"مدرسه".to_string()), "{forms:?}");
        assert!(expand_token("المدرسه").contains(&"مدرسه".to_string()));
        assert!(expand_token("للتعليم").contains(&"تعليم".to_string()));
        assert!(expand_token("بالقدس").contains(&"قدس".to_string()));
    }

    #[test]
    fn shard_paths_are_hex() {
        assert_eq!(shard_key("חינוכ"), "חי");
        assert_eq!(shard_key("a"), "a");
        assert_eq!(shard_path("חי"), "search/d797d799.json");
        assert_eq!(shard_path("20"), "search/3230.json");
        assert_eq!(doc_bucket_path(doc_bucket(1234)), "search/docs/2.json");
    }

    fn doc(id: u32, kind: DocKind, title: &str) -> Doc {
        Doc {
            id,
            kind,
            title: title.to_string(),
            code: None,
            target: DocTarget::Entity { id: id.to_string() },
        }
    }

    fn shards_for(docs: &[Doc]) -> BTreeMap<String, TokenShard> {
        let mut shards: BTreeMap<String, TokenShard> = BTreeMap::new();
        for doc in docs {
            for form in index_forms(&doc.title) {
                let key = shard_key(&form);
                let shard = shards.entry(key.clone()).or_insert_with(|| TokenShard {
                    key,
                    tokens: BTreeMap::new(),
                });
                shard.tokens.entry(form).or_default().push(doc.id);
            }
        }
        shards
    }

    #[test]
    fn matching_docs_hebrew_prefix_both_ways() {
        let docs = [
            doc(0, DocKind::Budget, "משרד החינוך"),
            doc(1, DocKind::Budget, "חינוך מיוחד"),
            doc(2, DocKind::Budget, "בריאות"),
        ];
        let shards = shards_for(&docs);
        assert_eq!(matching_docs("חינוך", &shards), [0, 1]);
        assert_eq!(matching_docs("והחינוך", &shards), [0, 1]);
        assert_eq!(matching_docs("חינוך מיוחד", &shards), [1]);
        assert_eq!(matching_docs("בריא", &shards), [2]);
        assert!(matching_docs("ביטחון", &shards).is_empty());
    }

    #[test]
    fn matching_docs_arabic() {
        let docs = [
            doc(0, DocKind::Entity, "جمعية المدرسة الأهلية"),
            doc(1, DocKind::Entity, "مستشفى الناصرة"),
        ];
        let shards = shards_for(&docs);
        assert_eq!(matching_docs("مدرسة", &shards), [0]);
        assert_eq!(matching_docs("الاهليه", &shards), [0]);
        assert_eq!(matching_docs("والمستشفى", &shards), [1]);
    }

    #[test]
    fn matching_docs_dashed_code() {
        let mut docs = vec![doc(0, DocKind::Budget, "תמיכה בתנועות נוער")];
        docs[0].title.push_str(" 20670142");
        let shards = shards_for(&docs);
        assert_eq!(matching_docs("20-67-01-42", &shards), [0]);
        assert_eq!(query_shard_keys("20-67"), ["20"]);
    }

    #[test]
    fn matching_completes_only_typed_token() {
        // Regression: the prefix-free form of the last token was completed too, so `מלם`
        // matched every token starting with `למ`.
        let docs = [doc(0, DocKind::Entity, "מלם מערכות"), doc(1, DocKind::Budget, "למען הנוער")];
        let shards = shards_for(&docs);
        assert_eq!(matching_docs("מלם", &shards), [0]);
        assert_eq!(matching_docs("מער", &shards), [0]);
    }

    #[test]
    fn candidates_per_kind() {
        let kinds = [
            KindRange { kind: DocKind::Budget, first: 0, count: 10 },
            KindRange { kind: DocKind::Entity, first: 10, count: 5 },
        ];
        assert_eq!(candidates(&[1, 3, 4, 9, 10, 14], &kinds, 2), [1, 3, 10, 14]);
        assert_eq!(candidates(&[], &kinds, 2), Vec::<u32>::new());
    }

    #[test]
    fn rank_groups_exact_title_first() {
        let docs = vec![
            doc(5, DocKind::Entity, "עמותת החינוך הדתי"),
            doc(1, DocKind::Budget, "חינוך מיוחד ושילוב"),
            doc(2, DocKind::Budget, "חינוך"),
            doc(3, DocKind::Budget, "משרד החינוך"),
            doc(4, DocKind::Tender, "מכרז הסעות חינוך"),
        ];
        let groups = rank("חינוך", docs);
        let kinds: Vec<DocKind> = groups.iter().map(|group| group.kind).collect();
        assert_eq!(kinds, [DocKind::Budget, DocKind::Entity, DocKind::Tender]);
        let budget: Vec<u32> = groups[0].docs.iter().map(|doc| doc.id).collect();
        assert_eq!(budget, [2, 1, 3]);
    }

    #[test]
    fn rank_matches_code() {
        let mut item = doc(7, DocKind::Budget, "תמיכה בתנועות נוער");
        item.code = Some("20670142".into());
        let other = doc(8, DocKind::Budget, "תנועות נוער 20670142 העברה");
        let groups = rank("20-67-01-42", vec![other, item]);
        assert_eq!(groups[0].docs[0].id, 7);
    }

    #[test]
    fn doc_target_json() {
        let target = DocTarget::Budget {
            code: BudgetCode::parse("2067").unwrap(),
            year: 2014,
        };
        assert_eq!(
            serde_json::to_string(&target).unwrap(),
            r#"{"to":"budget","code":"2067","year":2014}"#
        );
    }
}
