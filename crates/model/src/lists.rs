//! Filtering and sorting of the tenders and exemptions lists, and the status of a notice.
//!
//! The filters come from the list route's query (`#/<lang>/tenders?publisher=…&year=…`), so
//! every filtered view is a permalink. [`ListFilters::from_params`] reads them and
//! [`ListFilters::to_params`] writes them back in a fixed order.
//!
//! Query names: `year`, `publisher`, `status` (`open`, `closed`, `cancelled`, `unknown`),
//! `regulation`, `reason`, `min` and `max` (whole shekels), `q` (free text), `id` (one
//! publication id) and `sort` (`date`, `-date`, `amount`, `-amount`; a leading `-` sorts
//! descending).

use std::cmp::Ordering;

use crate::procurement::{Exemption, Tender};
use crate::route::QueryParams;
use crate::search::{expand_token, normalize, tokens};

/// Status text of a cancelled tender in the portal's files.
const CANCELLED_TEXT: &str = "בוטל";

/// Status text of an ended tender in the portal's files.
const ENDED_TEXT: &str = "הסתיים";

/// Status of a tender or exemption notice as the lists show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeStatus {
    /// The submission (or objection) deadline is today or later.
    Open,
    /// The deadline has passed, or the portal marks the tender as ended.
    Closed,
    /// The portal marks the tender as cancelled.
    Cancelled,
    /// No deadline is known, and the portal's status text is neither ended nor cancelled.
    Unknown,
}

impl NoticeStatus {
    /// All statuses, in the order the filter offers them.
    pub const ALL: [NoticeStatus; 4] =
        [NoticeStatus::Open, NoticeStatus::Closed, NoticeStatus::Cancelled, NoticeStatus::Unknown];

    /// The value of `status=` in the route.
    pub fn code(self) -> &'static str {
        match self {
            NoticeStatus::Open => "open",
            NoticeStatus::Closed => "closed",
            NoticeStatus::Cancelled => "cancelled",
            NoticeStatus::Unknown => "unknown",
        }
    }

    /// The status with this `status=` value.
    pub fn from_code(code: &str) -> Option<NoticeStatus> {
        NoticeStatus::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// Computes the status of a notice on `today` (ISO date, `YYYY-MM-DD`).
///
/// A cancelled notice stays cancelled. Otherwise the deadline decides: a notice is open only
/// while its deadline is today or later, so a tender whose deadline has passed never reads
/// open, whatever the portal's status text (`חדש` new, `עודכן` updated). With no
/// deadline, an ended text reads closed and anything else unknown.
pub fn notice_status(deadline: Option<&str>, status_text: Option<&str>, today: &str) -> NoticeStatus {
    let text = status_text.map(str::trim).unwrap_or_default();
    if text == CANCELLED_TEXT {
        return NoticeStatus::Cancelled;
    }
    match deadline.map(date_part).filter(|date| !date.is_empty()) {
        Some(deadline) if deadline >= date_part(today) => NoticeStatus::Open,
        Some(_) => NoticeStatus::Closed,
        None if text == ENDED_TEXT => NoticeStatus::Closed,
        None => NoticeStatus::Unknown,
    }
}

/// The `YYYY-MM-DD` part of an ISO date or date-time.
fn date_part(date: &str) -> &str {
    let date = date.trim();
    date.get(..10).unwrap_or(date)
}

/// The field a list is sorted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Publication date for tenders, start date (else last update) for exemptions.
    Date,
    /// Amount in the notice's currency; rows without an amount sort last.
    Amount,
}

/// A sort order: key and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    /// Newest first, the order of a list with no `sort=`.
    pub const DEFAULT: Sort = Sort { key: SortKey::Date, descending: true };

    /// Parses `date`, `-date`, `amount` or `-amount`.
    pub fn from_code(code: &str) -> Option<Sort> {
        let (descending, name) = match code.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, code),
        };
        let key = match name {
            "date" => SortKey::Date,
            "amount" => SortKey::Amount,
            _ => return None,
        };
        Some(Sort { key, descending })
    }

    /// The value of `sort=` in the route.
    pub fn code(self) -> String {
        let name = match self.key {
            SortKey::Date => "date",
            SortKey::Amount => "amount",
        };
        match self.descending {
            true => format!("-{name}"),
            false => name.to_string(),
        }
    }
}

/// Which file or files of a list to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListYear {
    /// The file of one year.
    Year(u16),
    /// Every file of the list.
    All,
    /// The file of notices with no known date (exemptions only).
    Undated,
}

impl ListYear {
    /// Parses `2014`, `all` or `undated`.
    pub fn from_code(code: &str) -> Option<ListYear> {
        match code.trim() {
            "all" => Some(ListYear::All),
            "undated" => Some(ListYear::Undated),
            year => year.parse().ok().map(ListYear::Year),
        }
    }

    /// The value of `year=` in the route.
    pub fn code(self) -> String {
        match self {
            ListYear::Year(year) => year.to_string(),
            ListYear::All => "all".to_string(),
            ListYear::Undated => "undated".to_string(),
        }
    }

    /// True when the list file of `year` (`None`: the undated file) belongs to this choice.
    pub fn includes(self, year: Option<u16>) -> bool {
        match self {
            ListYear::Year(chosen) => year == Some(chosen),
            ListYear::All => true,
            ListYear::Undated => year.is_none(),
        }
    }
}

/// The filters and sort order of a list, read from its route.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListFilters {
    /// The files the list shows; `None` for the latest year's.
    pub year: Option<ListYear>,
    /// Exact publisher name.
    pub publisher: Option<String>,
    pub status: Option<NoticeStatus>,
    /// Exact regulation (legal ground) of an exemption.
    pub regulation: Option<String>,
    /// Text the reason of an exemption must contain, compared after normalising both, since
    /// the reason is a clause such as `3(29)` in some files and a paragraph in others.
    pub reason: Option<String>,
    /// Smallest amount shown, inclusive; rows without an amount are left out when set.
    pub min_amount: Option<i64>,
    /// Largest amount shown, inclusive; rows without an amount are left out when set.
    pub max_amount: Option<i64>,
    /// Free text; every token must occur in the row's text, prefix letters allowed.
    pub text: Option<String>,
    /// One publication id; the list then shows that record alone.
    pub id: Option<String>,
    /// `None` for [`Sort::DEFAULT`].
    pub sort: Option<Sort>,
}

impl ListFilters {
    /// Reads the filters from a list route's query. Values that do not parse are ignored, so a
    /// hand-edited link still shows a list.
    pub fn from_params(params: &QueryParams) -> ListFilters {
        let text = |name: &str| params.get(name).map(str::trim).filter(|value| !value.is_empty()).map(str::to_string);
        let amount = |name: &str| params.get(name).and_then(parse_amount);
        ListFilters {
            year: params.get("year").and_then(ListYear::from_code),
            publisher: text("publisher"),
            status: params.get("status").and_then(NoticeStatus::from_code),
            regulation: text("regulation"),
            reason: text("reason"),
            min_amount: amount("min"),
            max_amount: amount("max"),
            text: text("q"),
            id: text("id"),
            sort: params.get("sort").and_then(Sort::from_code).filter(|sort| *sort != Sort::DEFAULT),
        }
    }

    /// Writes the filters as a route query, in a fixed order, leaving out those not set.
    pub fn to_params(&self) -> QueryParams {
        let year = self.year.map(ListYear::code);
        let min = self.min_amount.map(|amount| amount.to_string());
        let max = self.max_amount.map(|amount| amount.to_string());
        let sort = self.sort.map(Sort::code);
        let pairs: [(&str, Option<&str>); 10] = [
            ("year", year.as_deref()),
            ("publisher", self.publisher.as_deref()),
            ("status", self.status.map(NoticeStatus::code)),
            ("regulation", self.regulation.as_deref()),
            ("reason", self.reason.as_deref()),
            ("min", min.as_deref()),
            ("max", max.as_deref()),
            ("q", self.text.as_deref()),
            ("id", self.id.as_deref()),
            ("sort", sort.as_deref()),
        ];
        pairs.into_iter().fold(QueryParams::default(), |params, (name, value)| params.with(name, value))
    }
}

/// Parses a whole number of shekels, allowing `,` and spaces between digit groups.
fn parse_amount(text: &str) -> Option<i64> {
    let digits: String = text.chars().filter(|ch| !matches!(ch, ',' | ' ' | '\u{a0}')).collect();
    digits.parse().ok()
}

/// A row of a notices list, as the filters and sort orders see it.
pub trait Notice {
    fn publication_id(&self) -> &str;
    fn publisher(&self) -> Option<&str>;
    /// Status on `today` (ISO date).
    fn status(&self, today: &str) -> NoticeStatus;
    /// ISO date the list sorts by.
    fn sort_date(&self) -> Option<&str>;
    fn amount(&self) -> Option<i64>;
    fn regulation(&self) -> Option<&str> {
        None
    }
    fn reason(&self) -> Option<&str> {
        None
    }
    /// The texts free-text search looks in.
    fn texts(&self) -> Vec<&str>;
}

impl Notice for Tender {
    fn publication_id(&self) -> &str {
        &self.publication_id
    }
    fn publisher(&self) -> Option<&str> {
        Some(&self.publisher)
    }
    fn status(&self, today: &str) -> NoticeStatus {
        notice_status(self.claim_date.as_deref(), Some(&self.status), today)
    }
    fn sort_date(&self) -> Option<&str> {
        Some(&self.publish_date)
    }
    fn amount(&self) -> Option<i64> {
        None
    }
    fn texts(&self) -> Vec<&str> {
        let mut texts = vec![self.description.as_str(), self.publisher.as_str(), self.publication_id.as_str()];
        texts.extend(self.subjects.iter().map(String::as_str));
        texts
    }
}

impl Notice for Exemption {
    fn publication_id(&self) -> &str {
        &self.publication_id
    }
    fn publisher(&self) -> Option<&str> {
        self.publisher.as_deref()
    }
    fn status(&self, today: &str) -> NoticeStatus {
        notice_status(self.claim_date.as_deref(), None, today)
    }
    fn sort_date(&self) -> Option<&str> {
        self.start_date.as_deref().or(self.last_update_date.as_deref())
    }
    fn amount(&self) -> Option<i64> {
        self.volume
    }
    fn regulation(&self) -> Option<&str> {
        self.regulation.as_deref()
    }
    fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }
    fn texts(&self) -> Vec<&str> {
        let mut texts = vec![self.publication_id.as_str()];
        texts.extend(self.publisher.as_deref());
        texts.extend(self.description.as_deref());
        texts.extend(self.regulation.as_deref());
        texts.extend(self.reason.as_deref());
        texts.extend(self.decision.as_deref());
        if let Some(supplier) = &self.supplier {
            texts.push(&supplier.name);
            texts.extend(supplier.entity.as_deref());
        }
        texts.extend(self.subjects.iter().map(String::as_str));
        texts
    }
}

/// True when every token of `query` occurs in the normalised `texts`, each token either as
/// typed or without its prefix letters (see [`expand_token`]).
pub fn text_matches(query: &str, texts: &[&str]) -> bool {
    let haystack = texts.iter().map(|text| normalize(text)).collect::<Vec<_>>().join(" ");
    tokens(query)
        .iter()
        .all(|token| expand_token(token).iter().any(|form| haystack.contains(form.as_str())))
}

/// True when `row` passes every filter but the year, which picks the file, on `today`.
pub fn matches<T: Notice>(row: &T, filters: &ListFilters, today: &str) -> bool {
    if let Some(id) = &filters.id {
        if row.publication_id() != id {
            return false;
        }
    }
    if filters.publisher.is_some() && row.publisher() != filters.publisher.as_deref() {
        return false;
    }
    if filters.regulation.is_some() && row.regulation() != filters.regulation.as_deref() {
        return false;
    }
    if let Some(reason) = &filters.reason {
        let wanted = normalize(reason);
        if !row.reason().is_some_and(|text| normalize(text).contains(&wanted)) {
            return false;
        }
    }
    if let Some(status) = filters.status {
        if row.status(today) != status {
            return false;
        }
    }
    if filters.min_amount.is_some() || filters.max_amount.is_some() {
        let Some(amount) = row.amount() else { return false };
        if filters.min_amount.is_some_and(|min| amount < min) || filters.max_amount.is_some_and(|max| amount > max) {
            return false;
        }
    }
    match &filters.text {
        Some(query) => text_matches(query, &row.texts()),
        None => true,
    }
}

/// Returns the indexes of the rows that pass `filters` on `today`, in the filters' sort order.
/// Rows without the sort field come last in both directions; ties keep the file's order.
pub fn filter_and_sort<T: Notice>(rows: &[T], filters: &ListFilters, today: &str) -> Vec<usize> {
    let mut picked: Vec<usize> = (0..rows.len()).filter(|index| matches(&rows[*index], filters, today)).collect();
    let sort = filters.sort.unwrap_or(Sort::DEFAULT);
    picked.sort_by(|a, b| {
        let (a, b) = (&rows[*a], &rows[*b]);
        match sort.key {
            SortKey::Date => compare_present_first(a.sort_date().map(date_part), b.sort_date().map(date_part), sort.descending),
            SortKey::Amount => compare_present_first(a.amount(), b.amount(), sort.descending),
        }
    });
    picked
}

/// Orders present values by `descending`, and missing values after every present one.
fn compare_present_first<V: Ord>(a: Option<V>, b: Option<V>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if descending => b.cmp(&a),
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Returns the distinct values of `field` over `rows`, sorted, for a filter's choices.
pub fn distinct_values<'a, T: Notice + 'a>(rows: &'a [T], field: impl Fn(&'a T) -> Option<&'a str>) -> Vec<String> {
    let values: std::collections::BTreeSet<&str> = rows.iter().filter_map(field).filter(|value| !value.is_empty()).collect();
    values.into_iter().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procurement::Party;

    const TODAY: &str = "2026-12-05";

    fn tender(id: &str, publisher: &str, published: &str, deadline: Option<&str>, status: &str) -> Tender {
        Tender {
            publication_id: id.to_string(),
            publisher: publisher.to_string(),
            ministry: None,
            description: format!("מכרז לשירותי ניקיון {id}"),
            publish_date: published.to_string(),
            claim_date: deadline.map(str::to_string),
            last_update_date: None,
            status: status.to_string(),
            subjects: vec!["ניקיון".to_string()],
        }
    }

    fn exemption(id: &str, volume: Option<i64>, start: Option<&str>, supplier: &str) -> Exemption {
        Exemption {
            publication_id: id.to_string(),
            publisher: Some("משרד הבריאות".to_string()),
            regulation: Some("התקשרות עם ספק יחיד".to_string()),
            reason: Some("3(29)".to_string()),
            decision: Some("נרשם".to_string()),
            supplier: Some(Party { entity: Some("514188366".to_string()), name: supplier.to_string() }),
            private_supplier: false,
            budget_code: None,
            start_date: start.map(str::to_string),
            end_date: None,
            claim_date: None,
            last_update_date: None,
            description: None,
            volume,
            currency: None,
            subjects: Vec::new(),
            source: "exemptions/sample.csv".to_string(),
        }
    }

    #[test]
    fn status_past_deadline_is_closed_whatever_the_text() {
        assert_eq!(notice_status(Some("2015-03-01"), Some("חדש"), TODAY), NoticeStatus::Closed);
        assert_eq!(notice_status(Some("2015-03-01"), Some("עודכן"), TODAY), NoticeStatus::Closed);
        assert_eq!(notice_status(Some("2026-12-04T23:59:00"), Some("חדש"), TODAY), NoticeStatus::Closed);
    }

    #[test]
    fn status_open_until_deadline_day() {
        assert_eq!(notice_status(Some("2026-12-05"), Some("חדש"), TODAY), NoticeStatus::Open);
        assert_eq!(notice_status(Some("2027-01-10"), Some("הסתיים"), TODAY), NoticeStatus::Open);
    }

    #[test]
    fn status_without_deadline() {
        assert_eq!(notice_status(None, Some("הסתיים"), TODAY), NoticeStatus::Closed);
        assert_eq!(notice_status(None, Some("חדש"), TODAY), NoticeStatus::Unknown);
        assert_eq!(notice_status(Some(""), None, TODAY), NoticeStatus::Unknown);
    }

    #[test]
    fn status_cancelled_wins() {
        assert_eq!(notice_status(Some("2027-01-10"), Some("בוטל"), TODAY), NoticeStatus::Cancelled);
        assert_eq!(notice_status(None, Some(" בוטל "), TODAY), NoticeStatus::Cancelled);
    }

    #[test]
    fn filters_round_trip_through_params() {
        let params = QueryParams::parse("year=2014&publisher=%D7%9E%D7%A9%D7%A8%D7%93&status=open&min=1%2C000&sort=amount&q=x&id=55");
        let filters = ListFilters::from_params(&params);
        assert_eq!(filters.year, Some(ListYear::Year(2014)));
        assert_eq!(filters.publisher.as_deref(), Some("משרד"));
        assert_eq!(filters.status, Some(NoticeStatus::Open));
        assert_eq!(filters.min_amount, Some(1000));
        assert_eq!(filters.sort, Some(Sort { key: SortKey::Amount, descending: false }));
        assert_eq!(filters.id.as_deref(), Some("55"));
        assert_eq!(ListFilters::from_params(&filters.to_params()), filters);
    }

    #[test]
    fn list_year_choices() {
        assert_eq!(ListYear::from_code("all"), Some(ListYear::All));
        assert_eq!(ListYear::from_code("undated"), Some(ListYear::Undated));
        assert_eq!(ListYear::from_code("2016"), Some(ListYear::Year(2016)));
        assert!(ListYear::Year(2016).includes(Some(2016)));
        assert!(!ListYear::Year(2016).includes(None));
        assert!(ListYear::All.includes(None));
        assert!(ListYear::Undated.includes(None));
        assert!(!ListYear::Undated.includes(Some(2016)));
    }

    #[test]
    fn filters_ignore_bad_values() {
        let filters = ListFilters::from_params(&QueryParams::parse("year=abc&status=maybe&min=lots&sort=name&q=%20"));
        assert_eq!(filters, ListFilters::default());
    }

    #[test]
    fn default_sort_is_not_written() {
        let filters = ListFilters::from_params(&QueryParams::parse("sort=-date"));
        assert_eq!(filters.sort, None);
        assert_eq!(filters.to_params().encode(), "");
    }

    #[test]
    fn tenders_filter_by_publisher_and_status() {
        let rows = vec![
            tender("1", "משרד הבריאות", "2014-01-02", Some("2014-02-01"), "חדש"),
            tender("2", "משרד החינוך", "2014-03-02", Some("2027-01-01"), "חדש"),
            tender("3", "משרד הבריאות", "2014-05-02", Some("2027-02-01"), "עודכן"),
            tender("4", "משרד הבריאות", "2014-06-02", None, "בוטל"),
        ];
        let filters = ListFilters { publisher: Some("משרד הבריאות".into()), ..ListFilters::default() };
        assert_eq!(filter_and_sort(&rows, &filters, TODAY), vec![3, 2, 0]);
        let open = ListFilters { status: Some(NoticeStatus::Open), ..filters.clone() };
        assert_eq!(filter_and_sort(&rows, &open, TODAY), vec![2]);
        let closed = ListFilters { status: Some(NoticeStatus::Closed), ..filters };
        assert_eq!(filter_and_sort(&rows, &closed, TODAY), vec![0]);
    }

    #[test]
    fn tenders_sort_oldest_first() {
        let rows = vec![
            tender("1", "א", "2014-05-02", None, "הסתיים"),
            tender("2", "א", "2014-01-02", None, "הסתיים"),
        ];
        let filters = ListFilters { sort: Sort::from_code("date"), ..ListFilters::default() };
        assert_eq!(filter_and_sort(&rows, &filters, TODAY), vec![1, 0]);
    }

    #[test]
    fn free_text_allows_prefix_letters() {
        let row = tender("77", "משרד הבריאות", "2014-01-02", None, "הסתיים");
        assert!(matches(&row, &ListFilters { text: Some("והניקיון".into()), ..ListFilters::default() }, TODAY));
        assert!(matches(&row, &ListFilters { text: Some("בריאות ניקיון".into()), ..ListFilters::default() }, TODAY));
        assert!(!matches(&row, &ListFilters { text: Some("ביטחון".into()), ..ListFilters::default() }, TODAY));
    }

    #[test]
    fn id_filter_picks_one_record() {
        let rows = vec![tender("1", "א", "2014-01-02", None, "הסתיים"), tender("2", "א", "2014-01-03", None, "הסתיים")];
        let filters = ListFilters { id: Some("2".into()), ..ListFilters::default() };
        assert_eq!(filter_and_sort(&rows, &filters, TODAY), vec![1]);
    }

    #[test]
    fn exemptions_filter_by_amount_and_sort_by_amount() {
        let rows = vec![
            exemption("1", Some(50_000), Some("2015-01-01"), "אלפא בע\"מ"),
            exemption("2", None, Some("2015-02-01"), "בטא בע\"מ"),
            exemption("3", Some(2_000_000), Some("2015-03-01"), "גמא בע\"מ"),
            exemption("4", Some(700_000), None, "דלתא בע\"מ"),
        ];
        let by_amount = ListFilters { sort: Sort::from_code("-amount"), ..ListFilters::default() };
        assert_eq!(filter_and_sort(&rows, &by_amount, TODAY), vec![2, 3, 0, 1]);
        let ascending = ListFilters { sort: Sort::from_code("amount"), ..ListFilters::default() };
        assert_eq!(filter_and_sort(&rows, &ascending, TODAY), vec![0, 3, 2, 1]);
        let range = ListFilters { min_amount: Some(100_000), max_amount: Some(1_000_000), ..ListFilters::default() };
        assert_eq!(filter_and_sort(&rows, &range, TODAY), vec![3]);
        let by_date = ListFilters::default();
        assert_eq!(filter_and_sort(&rows, &by_date, TODAY), vec![2, 1, 0, 3]);
    }

    #[test]
    fn exemptions_filter_by_regulation_reason_and_supplier() {
        let mut other = exemption("2", Some(1), None, "בטא");
        other.regulation = Some("מימוש זכות ברירה".into());
        other.reason = Some("3ג".into());
        let rows = vec![exemption("1", Some(1), None, "אלפא"), other];
        let regulation = ListFilters { regulation: Some("מימוש זכות ברירה".into()), ..ListFilters::default() };
        assert_eq!(filter_and_sort(&rows, &regulation, TODAY), vec![1]);
        let reason = ListFilters { reason: Some("3(29)".into()), ..ListFilters::default() };
        assert_eq!(filter_and_sort(&rows, &reason, TODAY), vec![0]);
        let reason = ListFilters { reason: Some("(29".into()), ..ListFilters::default() };
        assert_eq!(filter_and_sort(&rows, &reason, TODAY), vec![0]);
        let supplier = ListFilters { text: Some("ואלפא".into()), ..ListFilters::default() };
        assert_eq!(filter_and_sort(&rows, &supplier, TODAY), vec![0]);
        assert_eq!(distinct_values(&rows, |row| row.reason.as_deref()), vec!["3(29)".to_string(), "3ג".to_string()]);
    }
}
