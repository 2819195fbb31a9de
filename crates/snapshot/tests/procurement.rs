//! End-to-end builds with the procurement and supports folders: shards, hash chain,
//! deduplication, privacy aggregation and search, on small hand-written files.

mod common;

use std::path::Path;

use budget_model::snapshot::sha256_hex;
use common::{text, Fixture, XlsxCell, BOOK_HEADER};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

/// Names and ids of private individuals in the fixtures; none may reach the snapshot.
const PRIVATE_NAMES: [&str; 9] = [
    "רונית שמואלי",
    "ישראלי פלוני",
    "פלונית אלמונית",
    "גרינברג משה",
    "012345674",
    "לוי דנה",
    "חנה רובינשטיין",
    "יועץ פרטי",
    "023456789",
];

/// Headers of the standard contracts layout, in the order of the 2015 reports.
pub const CONTRACT_HEADER_NAMES: [&str; 18] = [
    "שם חברה",
    "תאור של ארגון רכש",
    "שם אתר",
    "תקנה תקציבית",
    "תיאור תקנה תקציבית",
    "הזמנת רכש",
    "מטרת התקשרות",
    "תאריך יצירת ההזמנה",
    "סיום תקופת תוקף",
    "קוד ספק",
    "שם הספק",
    "ערך ההזמנה כולל מע\"מ",
    "מטבע",
    "ביצוע חשבוניות במטבע מקומי כולל מע\"מ והצ",
    "אופן רכישה",
    "מס' פנייה במנו\"ף/מנור\"",
    "סיבת פטור",
    "הזמנה רגישה",
];

/// Returns the standard header as a CSV line, quoted where a name contains a quote.
pub fn contract_header() -> String {
    let quoted: Vec<String> = CONTRACT_HEADER_NAMES
        .iter()
        .map(|name| if name.contains('"') { format!("\"{}\"", name.replace('"', "\"\"")) } else { name.to_string() })
        .collect();
    format!("{}\n", quoted.join(","))
}

/// Formats one row of the standard contracts layout.
#[allow(clippy::too_many_arguments)]
pub fn contract_row(line: &str, order: &str, date: &str, vendor: &str, supplier: &str, volume: &str, currency: &str, executed: &str) -> String {
    format!(
        "משרד הבריאות,בריאות מטה,מטה,{line},תפעול,{order},שירותים,{date},,{vendor},\"{supplier}\",{volume},{currency},{executed},פטור ממכרז,555,,לא\n"
    )
}

pub fn budget_2013() -> String {
    format!(
        "{BOOK_HEADER}2013,20,חינוך,2067,פעולות,206701,נוער,20670142,תמיכה בתנועות נוער,תקנה פעילה,הוצאה,\"1,000\",\"1,200\",\"1,150\"\n"
    )
}

fn write_contracts(fixture: &Fixture) {
    let annual = [
        contract_row("20670142", "4500000001", "01-28-16", "0040000001", "חברת ניקיון בע\"\"מ", "1000.4", "ILS", "800.6"),
        // A second item of the same order on the same line: summed into the first row.
        contract_row("20670142", "4500000001", "01-28-16", "0040000001", "חברת ניקיון בע\"\"מ", "200", "ILS", "100"),
        contract_row("20670142", "4500000002", "02-01-16", "0041111111", "ישראלי פלוני", "5000", "ILS", "4000"),
        contract_row("20670142", "4500000003", "03-01-16", "0042222222", "Acme Ltd", "100", "USD", "390"),
        contract_row("20-67-01-43", "4500000004", "03-02-16", "0043333333", "אור לנוער", "700", "ILS  ", "650"),
    ]
    .concat();
    fixture.write("contracts/2016-health.csv", format!("{}{annual}", contract_header()));
    // An earlier report of the same order: the annual report wins.
    let quarter = contract_row("20670142", "4500000001", "28.01.2016", "40000001", "חברת ניקיון בע\"\"מ", "1000", "ILS", "300");
    fixture.write("contracts/2016q3-health.csv", format!("{}{quarter}", contract_header()));

    let per_supplier = "תאור ארגון רכש,שם חברה,תקנה תקציבית ,תיאור תקנה תקציבית ,קוד ספק,שם ספק,\
\"ביצוע בפועל/סכום במט\"\"מ כולל מע\"\"מ\",\"ביצוע בפועל/סכום במט\"\"מ כולל מע\"\"מ\"\n\
סיוע משפטי,משרד המשפטים,08-51-05-03,תשלום לעורכי דין,40000243,\"כהן ושות' עורכי דין\",\" \t-11,328 \",\" \t11,328 \"\n\
סיוע משפטי,משרד המשפטים,08-51-05-03,תשלום לעורכי דין,40000244,לוי דנה,\" \t-2,000 \",\" \t2,000 \"\n\
\"סה\"\"כ\",,,,,,\" \t-13,328 \",\" \t13,328 \"\n\
,,,,,,,\n";
    fixture.write("contracts/2016-legal-aid.csv", per_supplier);

    let energy = "קבוצה רוכשת,הזמנת רכש,תאריך מסמך,שם הספק,\"מספר רישום מע\"\"מ\",\"ערך הזמנה + מע\"\"מ\",מטבע,ערך הזמנה במ.ט.מ,\
\"ביצוע חשבוניות כולל מע\"\"מ והצמדות במט\"\"מ\",טקסט כותרת,אופן רכישה,סיבת פטור\n\
139,4500870122,10-21-16,\"מ.ס. מצג סחר בע\"\"מ\",511533481,922.4,ILS,922.4,900,טונר,23,57\n\
139,4500870123,10-22-16,גרינברג משה,012345674,1000,EUR,4200,4000,ייעוץ,23,57\n";
    fixture.write("contracts/2016-energy.csv", energy);
}

/// Writes the transport layout: a headerless purpose column, Excel dates, an empty second sheet.
fn write_transport_workbook(fixture: &Fixture) {
    let path = fixture.raw().join("contracts/transport-2017q3.xlsx");
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = workbook.add_worksheet();
    let header = [
        "שם חברה", "תאור של ארגון רכש", "שם אתר", "תקנה תקציבית", "תיאור תקנה תקציבית", "הזמנת רכש", "",
        "תאריך יצירת ההזמנה", "סיום תקופת תוקף", "קוד ספק", "שם הספק", "מספר ח\"פ", "ערך ההזמנה כולל מע\"מ", "מטבע",
        "ביצוע חשבוניות במטבע מקומי כולל מע\"מ והצ", "מטבע חשבונית", "אופן רכישה", "מס' פנייה במנו\"ף/מנור\"",
        "סיבת פטור", "הזמנה רגישה",
    ];
    for (column, name) in header.iter().enumerate() {
        if !name.is_empty() {
            sheet.write_string(0, column as u16, *name).unwrap();
        }
    }
    let texts = [(0, "משרד התחבורה"), (3, "20670142"), (4, "פיתוח"), (5, "4501421432"), (6, "שירותי מחשוב"), (9, "40001141"), (10, "אלעד מערכות תוכנה בע\"מ"), (11, "510929177"), (13, "ILS"), (16, "תקנה 14ב - מכרז מרכזי"), (19, "לא")];
    for (column, value) in texts {
        sheet.write_string(1, column, value).unwrap();
    }
    sheet.write_number_with_format(1, 7, 42918.0, &date).unwrap();
    sheet.write_number_with_format(1, 8, 43100.0, &date).unwrap();
    sheet.write_number(1, 12, 101_790.0).unwrap();
    sheet.write_number(1, 14, 47_503.7).unwrap();
    workbook.add_worksheet();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    workbook.save(path).unwrap();
}

/// Writes the welfare layout: padded headers, an unnamed trailing column, DD.MM.YYYY text dates.
fn write_welfare_workbook(fixture: &Fixture) {
    let padded = |name: &str| text(&format!("{name:<40}"));
    let mut header: Vec<XlsxCell> = CONTRACT_HEADER_NAMES.iter().map(|name| padded(name)).collect();
    header.push(text("            "));
    let row = vec![
        text("משרד הרווחה              "),
        text("רווחה ירושלים"),
        text("רווחה ירושלים"),
        text("20670142"),
        text("תוכניות"),
        XlsxCell::Number(4_501_155_269.0),
        text("בדיקות"),
        text("04.01.2016"),
        text("          "),
        XlsxCell::Number(40_368_571.0),
        text("פמי פרימיום בע\"מ                   "),
        XlsxCell::Number(56_160.0),
        text("ILS  "),
        XlsxCell::Number(10_693.71),
        text("תקנה 1ב - מכרז פומבי רגיל"),
        text("124/2012"),
        text("   "),
        text("לא"),
        XlsxCell::Empty,
    ];
    fixture.write_xlsx("contracts/welfare-2016.xlsx", &[header, row]);
}

fn write_supports(fixture: &Fixture) {
    let tmichot = "2011,2000,משרד החינוך,20670142,אור לנוער,תמיכה במוסדות ציבור (3א'),תנועות נוער,1,1000,900\n\
2011,5800,האוצר-זכויות ניצולי השואה,25020101,פלונית אלמונית,תשלומי תמיכה נוספים,תגמולים לנכי רדיפות,1,5000,5000\n\
2011,5800,האוצר-זכויות ניצולי השואה,25020101,אחר,תשלומי תמיכה נוספים,תגמולים לנכי רדיפות,299,70000,70000\n\
2011,3000,המשרד לקליטת עליה,30120201,רונית שמואלי,תמיכה בפרט,וואוצרים,1,300,300\n\
2011,3000,המשרד לקליטת עליה,30120201,\"אוניברסיטת תל-אביב אגודה.\",תמיכה בפרט,מלגות,1,800,800\n";
    fixture.write("supports/tmichot2011.csv", tmichot);
    let sample = "year,subject,code,recipient,kind,title,num_used,amount_allocated,amount_supported,entity_id,entity_kind\n\
2015,משרד התחבורה,0079550108,אפיקים - שירותי תחבורה מתקדמים בעמ,תשלומי תמיכה נוספים,אשכולות,1,51701308,51701308,514188366,company\n\
2015,משרד הכלכלה,0036410102,חנה רובינשטיין,תמיכה בפרט דרך מוסד,צהרונים,1,1200,1100,,\n";
    fixture.write("supports/obudget-db-2016_1_supports.sample.csv", sample);
    fixture.write("supports/support-criteria-2017.csv", "date,title\n2017-01-01,מבחן\n");
}

fn write_notices(fixture: &Fixture) {
    let tenders = "publication_id,publisher,publish_date,claim_date,claim_time,last_update_date,description,url,subjects,status\n\
577113,המשרד לביטחון פנים,2016-02-22,2016-05-10,12:00,2016-04-04,\"מכרז לשירותי בקרה\nבמכללה הלאומית\",http://x,שירותי יעוץ לניהול; שירותי ניהול נכסים,עודכן\n\
470001,משרד החינוך,2014-03-01,2014-04-01,12:00,2014-04-02,מכרז הסעות תלמידים,http://x,,הסתיים\n";
    fixture.write("tenders/tenders.csv", tenders);
    let header = "publication_id,budget_code,publisher,regulation,supplier,supplier_id,start_date,end_date,claim_date,\
last_update_date,contact,contact_email,description,volume,reason,decision,url,subjects,source_currency,page_title,entity_id,entity_kind\n";
    let rows = "578755,,המשרד לביטחון פנים,התקשרות עם ספק יחיד,המרכז הבינתחומי הרצליה,511936759,2016-04-17,2019-04-17,,2016-03-29,\
אברהם שלם,avrahamsh@mops.gov.il,התקשרות עם המכון למדיניות,\"120,000\",,נרשם,http://x,\"[u'\\u05e9\\u05d9\\u05e8\\u05d5\\u05ea', u'b']\",שקל,t,511936759,company\n\
578756,,משרד האוצר,התקשרות עם ספק יחיד,יועץ פרטי,023456789,2016-05-01,2016-12-31,,2016-04-01,ק,k@x,התקשרות עם יועץ פרטי,5000,,נרשם,http://x,[],דולר,t,,\n\
578758,,משרד האוצר,התקשרות עם ספק יחיד,דנה לדוגמה עם רון בדיקה,,2016-06-01,2016-12-31,,2016-05-01,ק,k@x,ייעוץ משפטי של דנה לדוגמה,7000,,נרשם,http://x,[],שקל,t,,\n\
578759,,משרד האוצר,התקשרות עם ספק יחיד,מערכות לדוגמה בעמ,,2016-06-01,2016-12-31,,2016-05-01,ק,k@x,תחזוקת מערכות,8000,,נרשם,http://x,[],שקל,t,,\n\
578757,,משרד האוצר,התקשרות\n";
    fixture.write("exemptions/obudget-db-2016_1_exemption.sample.csv", format!("{header}{rows}"));
    let foia = "budget_code,publication_id,reason,description,volume\n8010210,538821,3(29),בקשת התקשרות לתרגום,\"918,180.89\"\n111111,538822,3ג,הארכה,0\n";
    fixture.write("exemptions/foia-justice_2013.foia.csv", foia);
}

fn write_entities(fixture: &Fixture) {
    let entities = "id,kind,name,flags,manpower_contractor,service_contractor,gov_company,company_name,company_status,company_type,\
company_government,company_limit,company_postal_code,company_mafera,company_address,company_city,lat,lng\n\
580000001,association,אור לנוער,null,null,null,False,,,,,,,,,,,\n\
012345674,,גרינברג משה,null,null,null,False,,,,,,,,,,,\n\
560010886,company,,null,null,null,False,,,,,,,,,,,\n";
    fixture.write("entities/obudget-db-2016_entities.csv", entities);
    fixture.write("entities/special-entities.csv", "kind,name,id,street,house_number,city,zipcode\ngovernment_office,בית הדין,500104088,הנשיאים,,באר שבע,0\n");
    fixture.write("entities/municipalities.jsons", "{\"id\": \"e3764fb5\", \"kind\": \"municipality\", \"name\": \"\\u05de. \\u05d0. \\u05d0\\u05d1\\u05d5\"}\n");
    fixture.write("entities/tender-publishers-extended.csv", "publisher,type,ministry_name,subunit,ministry_short_name,logo\nמשרד החינוך,ministry,משרד החינוך,,חינוך,http://x\n,,,,,\n");
}

fn procurement_fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("budget/new2013.csv", budget_2013());
    write_contracts(&fixture);
    write_transport_workbook(&fixture);
    write_welfare_workbook(&fixture);
    write_supports(&fixture);
    write_notices(&fixture);
    write_entities(&fixture);
    fixture
}

fn built() -> Fixture {
    let fixture = procurement_fixture();
    let run = fixture.build();
    assert!(run.success, "{}", run.stderr);
    fixture
}

fn line<'a>(shard: &'a Value, code: &str) -> &'a Value {
    shard["lines"].as_array().unwrap().iter().find(|line| line["code"] == code).unwrap_or_else(|| panic!("no line {code}"))
}

/// Lists every file below `folder` with its relative path and bytes.
fn all_files(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(folder).unwrap().to_string_lossy().replace('\\', "/");
                files.push((relative, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// Checks every `{path, bytes, sha256}` object of a JSON value against the written files.
fn check_entries(fixture: &Fixture, value: &Value, checked: &mut usize) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(path)), Some(Value::String(sha))) = (map.get("path"), map.get("sha256")) {
                let bytes = std::fs::read(fixture.out().join(path)).unwrap_or_else(|_| panic!("{path} listed but missing"));
                assert_eq!(&sha256_hex(&bytes), sha, "{path}");
                assert_eq!(map["bytes"].as_u64(), Some(bytes.len() as u64), "{path}");
                *checked += 1;
            }
            // `sources` lists raw files, with the same fields as snapshot files.
            map.iter().filter(|(key, _)| key.as_str() != "sources").for_each(|(_, child)| check_entries(fixture, child, checked));
        }
        Value::Array(items) => items.iter().for_each(|child| check_entries(fixture, child, checked)),
        _ => {}
    }
}

#[test]
fn index_chains_procurement_files() {
    let fixture = built();
    let index = fixture.json("index.json");
    let entry = index["files"].as_array().unwrap().iter().find(|file| file["path"] == "procurement/index.json");
    assert!(entry.is_some(), "index.json must list procurement/index.json");
    let mut checked = 0;
    for (path, bytes) in all_files(&fixture.out()) {
        if path.starts_with("procurement/") && path.ends_with(".json") && !path.ends_with("manifest.json") {
            check_entries(&fixture, &serde_json::from_slice(&bytes).unwrap(), &mut checked);
        }
    }
    assert!(checked > 10, "only {checked} entries checked");
    let search = fixture.json("search/index.json");
    for (key, shard) in search["shards"].as_object().unwrap() {
        let bytes = std::fs::read(fixture.out().join(budget_model::search::shard_path(key))).unwrap();
        assert_eq!(sha256_hex(&bytes), shard["sha256"].as_str().unwrap(), "shard {key}");
    }
    let manifest = fixture.json("manifest.json");
    let listed = manifest["files"].as_array().unwrap().len();
    assert_eq!(listed + 2, all_files(&fixture.out()).len(), "manifest lists every file but itself and index.json");
}

#[test]
fn spending_line_holds_contracts() {
    let fixture = built();
    let shard = fixture.json("procurement/spending/2016/2067.json");
    let line = line(&shard, "20670142");
    let contracts = line["contracts"].as_array().unwrap();
    let cleaning = contracts.iter().find(|contract| contract["order_id"] == "4500000001").unwrap();
    // 801 + 100 from the two item rows of the annual report; the Q3 report's 300 is older.
    assert_eq!(cleaning["executed"], 901);
    assert_eq!(cleaning["volume"], 1200);
    assert_eq!(cleaning["order_date"], "2016-01-28");
    let usd = contracts.iter().find(|contract| contract["order_id"] == "4500000003").unwrap();
    assert_eq!(usd["currency"], "USD");
    assert!(usd.get("volume_ils").is_none());
    assert_eq!(line["private_contracts"]["orders"], 1);
    assert_eq!(line["private_contracts"]["executed"], 4000);
    assert_eq!(line["contract_totals"]["foreign_orders"], 1);
    let welfare = contracts.iter().find(|contract| contract["order_id"] == "4501155269").unwrap();
    assert_eq!(welfare["order_date"], "2016-01-04");
    assert_eq!(welfare["supplier"]["name"], "פמי פרימיום בע\"מ");
    let dashed = fixture.json("procurement/spending/2016/2067.json");
    assert_eq!(line_executed(&dashed, "20670143"), 650);
}

fn line_executed(shard: &Value, code: &str) -> i64 {
    line(shard, code)["contract_totals"]["executed"].as_i64().unwrap()
}

#[test]
fn workbook_layouts_read() {
    let fixture = built();
    let transport = fixture.json("procurement/spending/2017/2067.json");
    let contract = &line(&transport, "20670142")["contracts"][0];
    assert_eq!(contract["purpose"], "שירותי מחשוב");
    assert_eq!(contract["order_date"], "2017-07-02");
    assert_eq!(contract["end_date"], "2017-12-31");
    assert_eq!(contract["supplier"]["entity"], "510929177");
}

#[test]
fn per_supplier_and_energy_layouts() {
    let fixture = built();
    let aid = fixture.json("procurement/spending/2016/0851.json");
    let line = line(&aid, "08510503");
    assert_eq!(line["contracts"][0]["executed"], 11_328);
    assert_eq!(line["private_contracts"]["executed"], 2_000);
    let index = fixture.json("procurement/index.json");
    let energy = index["publishers"].as_array().unwrap().iter().find(|publisher| publisher["name"] == "משרד האנרגיה").unwrap();
    assert_eq!(energy["totals"]["orders"], 2);
    // The EUR order has a ₪ column in this layout, so it enters the ₪ volume.
    assert_eq!(energy["totals"]["volume"], 922 + 4200);
}

#[test]
fn supports_aggregate_private_recipients() {
    let fixture = built();
    let survivors = fixture.json("procurement/spending/2011/2502.json");
    let line = line(&survivors, "25020101");
    assert_eq!(line["private_supports"]["paid"], 5000);
    assert_eq!(line["support_totals"]["paid"], 75_000);
    let other = &line["supports"][0];
    assert_eq!(other["recipient"]["name"], "אחר");
    assert!(other["recipient"].get("entity").is_none());
    let absorption = fixture.json("procurement/spending/2011/3012.json");
    assert_eq!(absorption["lines"][0]["private_supports"]["rows"], 1);
    // A university paid under the type for individuals is named: it has a legal form.
    assert_eq!(absorption["lines"][0]["supports"][0]["paid"], 800);
    let sample = fixture.json("procurement/spending/2015/3641.json");
    assert_eq!(sample["lines"][0]["private_supports"]["paid"], 1100);
}

#[test]
fn private_names_never_written() {
    // Regression: names and personal ids of individuals must not appear in any snapshot file.
    let fixture = built();
    for (path, bytes) in all_files(&fixture.out()) {
        let text = String::from_utf8(bytes).unwrap();
        for name in PRIVATE_NAMES {
            assert!(!text.contains(name), "{name} found in {path}");
        }
    }
    let report = std::fs::read_to_string(fixture.report()).unwrap();
    assert!(report.contains("private individual, summed"), "{report}");
}

#[test]
fn entities_unify_registry_and_reports() {
    let fixture = built();
    let path = budget_model::procurement::entity_path("580000001");
    let shard = fixture.json(&path);
    let entity = shard["entities"].as_array().unwrap().iter().find(|entity| entity["id"] == "580000001").unwrap();
    assert_eq!(entity["kind"], "association");
    assert_eq!(entity["contracts"].as_array().unwrap().len(), 1);
    assert_eq!(entity["supports"][0]["paid"], 900);
    let years: Vec<i64> = entity["years"].as_array().unwrap().iter().map(|year| year["year"].as_i64().unwrap()).collect();
    assert_eq!(years, [2011, 2016]);
    let exemption_supplier = fixture.json(&budget_model::procurement::entity_path("511936759"));
    assert!(exemption_supplier["entities"].as_array().unwrap().iter().any(|entity| entity["exemptions"][0]["publication_id"] == "578755"));
}

#[test]
fn tenders_and_exemptions_lists() {
    let fixture = built();
    let tenders = fixture.json("procurement/tenders/2016.json");
    assert_eq!(tenders["tenders"][0]["publication_id"], "577113");
    assert_eq!(tenders["tenders"][0]["subjects"].as_array().unwrap().len(), 2);
    let older = fixture.json("procurement/tenders/2014.json");
    assert_eq!(older["tenders"][0]["ministry"], "משרד החינוך");
    let exemptions = fixture.json("procurement/exemptions/2016.json");
    let list = exemptions["exemptions"].as_array().unwrap();
    assert_eq!(list.len(), 4, "the cut-off last sample row is skipped");
    let sole = list.iter().find(|exemption| exemption["publication_id"] == "578755").unwrap();
    assert_eq!(sole["subjects"][0], "שירות");
    assert_eq!(sole["volume"], 120_000);
    let private = list.iter().find(|exemption| exemption["publication_id"] == "578756").unwrap();
    assert_eq!(private["private_supplier"], true);
    assert_eq!(private["currency"], "USD");
    // No registration number and no legal form: two people's names joined by a word that is
    // also a trade word stay private, and so does the description that names one of them.
    let named = list.iter().find(|exemption| exemption["publication_id"] == "578758").unwrap();
    assert_eq!(named["private_supplier"], true);
    assert!(named["supplier"].is_null(), "{named}");
    assert!(named["description"].is_null(), "{named}");
    let company = list.iter().find(|exemption| exemption["publication_id"] == "578759").unwrap();
    assert_eq!(company["supplier"]["name"], "מערכות לדוגמה בעמ");
    assert_eq!(company["description"], "תחזוקת מערכות");
    let justice = fixture.json("procurement/exemptions/2013.json");
    let translation = justice["exemptions"].as_array().unwrap().iter().find(|exemption| exemption["publication_id"] == "538821").unwrap();
    assert_eq!(translation["budget_code"], "08010210");
    assert_eq!(translation["volume"], 918_181);
    let text = serde_json::to_string(&exemptions).unwrap();
    assert!(!text.contains("avrahamsh"), "contact e-mails are left out");
    assert!(!text.contains("דנה לדוגמה"), "a private supplier's name is left out");
}

#[test]
fn search_finds_budget_and_entities() {
    let fixture = built();
    let index = fixture.json("search/index.json");
    let key = budget_model::search::shard_key("נוער");
    assert!(index["shards"].get(&key).is_some());
    let shard: budget_model::search::TokenShard =
        serde_json::from_value(fixture.json(&budget_model::search::shard_path(&key))).unwrap();
    let shards = std::collections::BTreeMap::from([(key, shard)]);
    let ids = budget_model::search::matching_docs("לנוער", &shards);
    let docs: budget_model::search::DocShard = serde_json::from_value(fixture.json("search/docs/0.json")).unwrap();
    let titles: Vec<&str> = ids.iter().map(|id| docs.docs[*id as usize].title.as_str()).collect();
    assert!(titles.contains(&"אור לנוער"), "{titles:?}");
    assert!(titles.contains(&"תמיכה בתנועות נוער"), "{titles:?}");
}

#[test]
fn tallies_explain_every_row() {
    let fixture = procurement_fixture();
    let run = fixture.build();
    assert!(run.success, "{}", run.stderr);
    for expected in [
        "contracts/2016-health.csv: 5 rows read, 4 kept, 1 skipped",
        "further item row of an order",
        "contracts/2016q3-health.csv: 1 rows read, 0 kept, 1 skipped",
        "in a later report, which wins",
        "total row (סה\"כ)",
        "last row of a sample file",
        "supports/support-criteria-2017.csv: not a payments file",
        "budget code is not an 8-digit budget line",
    ] {
        assert!(run.stderr.contains(expected), "expected {expected:?} in:\n{}", run.stderr);
    }
}

#[test]
fn budget_files_unchanged_by_procurement() {
    let with = built();
    let without = Fixture::new();
    without.write("budget/new2013.csv", budget_2013());
    let run = without.build();
    assert!(run.success, "{}", run.stderr);
    let budget_only = all_files(&without.out());
    let full: std::collections::BTreeMap<String, Vec<u8>> = all_files(&with.out()).into_iter().collect();
    for (path, bytes) in budget_only {
        if path == "manifest.json" || path == "index.json" {
            continue;
        }
        assert_eq!(full.get(&path), Some(&bytes), "{path} differs");
    }
}
