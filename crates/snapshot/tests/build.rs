//! End-to-end builds of small raw folders: the files written and what they hold.

mod common;

use budget_model::snapshot::{sha256_hex, Manifest};
use common::{history_row, shard_item, tableau_row, text, Fixture, XlsxCell, BOOK_HEADER, TABLEAU_HEADER};

fn history_2005() -> String {
    [
        history_row("0020010101", "שכר", "10", "12", "11"),
        history_row("0020010102", "רכב", "5", "5", "4"),
        history_row("00200101", "שכר כללי", "15", "17", "15"),
        // Executed 16 against 15 in its only program: reported, not corrected.
        history_row("002001", "מינהל", "15", "17", "16"),
        history_row("0020", "משרד החינוך", "15", "17", "16"),
        history_row("0000010101", "מס הכנסה", "100", "100", "90"),
        history_row("00000101", "מס הכנסה", "100", "100", "90"),
        history_row("000001", "מס הכנסה", "100", "100", "90"),
        history_row("0000", "הכנסות המדינה", "100", "100", "90"),
        history_row("00", "תקציבי", "115", "117", "106"),
        "\u{c}\n".to_string(),
    ]
    .concat()
}

fn book_2013() -> String {
    let rows = "2013,20,חינוך,2067,פעולות,206701,נוער,20670142,תנועות נוער,תקנה פעילה,הוצאה,\"1,000\",\"1,200\",\"1,150\"\n\
        2013,20,חינוך,2067,פעולות,206701,נוער,20670143,מפעלים,תקנה פעילה,הוצאה,500,500,\n\
        2013,20,חינוך,2067,פעולות,206701,נוער,20670144,ישן,\"פש\"\"ח\",הוצאה,0,0,3\n\
        2013,20,חינוך,2067,פעולות,206701,נוער,20670198,העברות,תקנה פעילה,הכנסה,-40,-40,-30\n\
        2013,04,ראש הממשלה,0401,לשכה,040101,לשכה,04010101,שכר,תקנה פעילה,הוצאה,300,310,290\n\
        2013,00,הכנסות המדינה,0001,מס,000101,מס,00010101,מס הכנסה,תקנה פעילה,הכנסה,\"5,000\",\"5,000\",\"5,100\"\n\
        2013,00,הכנסות המדינה,0095,העברה,009501,העברה,00950101,העברה לחלק א',תקנה פעילה,הוצאה,-700,-700,0\n";
    format!("{BOOK_HEADER}{rows}")
}

fn program_2016() -> String {
    let header = "שנה,קוד סעיף,שם סעיף,קוד תחום,שם תחום,קוד תכנית,שם תכנית,קוד מיון רמה 1,הוצאה/הכנסה,סוג תקציב,הוצאה נטו\n";
    let rows = "2016,20      ,חינוך,2001    ,מינהל,200101  ,שכר,001,הוצאה,מקורי,100\n\
        2016,20      ,חינוך,2001    ,מינהל,200101  ,שכר,002,הוצאה,מקורי,50\n\
        2016,20      ,חינוך,2001    ,מינהל,200101  ,שכר,019,הכנסה,מקורי,-5\n";
    format!("{header}{rows}")
}

fn write_tableau_2018(fixture: &Fixture) {
    let mut rows = vec![TABLEAU_HEADER.iter().map(|name| text(name)).collect::<Vec<_>>()];
    for (phase, net) in [("מקורי", 1000.0), ("מאושר", 1100.5), ("ביצוע", 1050.257)] {
        rows.push(tableau_row(2018.0, "20670142", "הוצאה", 0.0, phase, net));
    }
    rows.push(tableau_row(2018.0, "20670150", "הוצאה", 1.0, "ביצוע", 2.0));
    rows.push(tableau_row(2018.0, "20670198", "הכנסה", 0.0, "מקורי", -30.0));
    rows.push(tableau_row(2018.0, "00010101", "הכנסה", 0.0, "מקורי", 9000.0));
    let mut blank_net = tableau_row(2018.0, "04010101", "הוצאה", 0.0, "מאושר", 0.0);
    blank_net[12] = XlsxCell::Empty;
    rows.push(blank_net);
    rows.push(tableau_row(2018.0, "04010101", "הוצאה", 0.0, "מקורי", 70.0));
    fixture.write_xlsx("budget/tableau_BudgetData2018.xlsx", &rows);
}

fn write_summary(fixture: &Fixture) {
    let header = [
        "שנה",
        "מספר סעיף",
        "שם סעיף",
        "תקציב מקורי",
        "תקציב אחרי שינויים",
        "ביצוע בפועל",
    ];
    let mut rows = vec![header.iter().map(|name| text(name)).collect::<Vec<_>>()];
    for (section, name, amounts) in [
        (20.0, "משרד החינוך", [140_000.0, 160_000.0, 155_000.0]),
        (15.0, "משרד הביטחון", [900_000.0, 950_000.0, 990_000.0]),
    ] {
        let mut row = vec![XlsxCell::Number(2016.0), XlsxCell::Number(section), text(name)];
        row.extend(amounts.map(XlsxCell::Number));
        rows.push(row);
    }
    fixture.write_xlsx("budget-summary/obudget-sections-by-year-1997-2024.xlsx", &rows);
}

fn full_fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("budget-history/history2005.csv", history_2005());
    fixture.write("budget/new2013.csv", book_2013());
    fixture.write("budget/new2016.csv", program_2016());
    write_tableau_2018(&fixture);
    write_summary(&fixture);
    fixture
}

fn manifest(fixture: &Fixture) -> Manifest {
    serde_json::from_value(fixture.json("manifest.json")).unwrap()
}

#[test]
fn build_writes_every_year() {
    let fixture = full_fixture();
    let run = fixture.build();
    assert!(run.success, "{}", run.stderr);
    let manifest = manifest(&fixture);
    let years: Vec<u16> = manifest.years.iter().map(|year| year.year).collect();
    assert_eq!(years, [2005, 2013, 2016, 2018]);
    assert_eq!(manifest.unit, "ILS");
    assert_eq!(manifest.built_at, "2023-11-14T22:13:20Z");
    assert_eq!(manifest.snapshot_id, Manifest::compute_id(&manifest.files));
    for file in &manifest.files {
        let bytes = std::fs::read(fixture.out().join(&file.path)).unwrap();
        assert_eq!(file.sha256, sha256_hex(&bytes), "{}", file.path);
        assert_eq!(file.bytes, bytes.len() as u64, "{}", file.path);
    }
    assert!(manifest.file("2013/20.json").is_some());
    assert!(manifest.file("history/20.json").is_some());
}

#[test]
fn build_history_levels_kept() {
    let fixture = full_fixture();
    assert!(fixture.build().success);
    let shard = fixture.json("2005/20.json");
    assert_eq!(shard["items"][0]["code"], "20");
    assert_eq!(shard_item(&shard, "2001")["amounts"]["executed"], 16_000);
    assert_eq!(shard_item(&shard, "20010101")["amounts"]["revised"], 12_000);
    let home = fixture.json("2005/home.json");
    assert_eq!(home["expenses"]["original"], 15_000);
    assert_eq!(home["revenues"]["executed"], 90_000);
}

#[test]
fn build_book_routes_rows() {
    let fixture = full_fixture();
    let run = fixture.build();
    assert!(run.success, "{}", run.stderr);
    let shard = fixture.json("2013/20.json");
    let line = shard_item(&shard, "20670142");
    assert_eq!(line["amounts"]["original"], 1_000_000);
    assert_eq!(line["amounts"]["executed"], 1_150_000);
    assert!(shard_item(&shard, "20670143")["amounts"]
        .get("executed")
        .is_none());
    assert_eq!(shard_item(&shard, "20")["amounts"]["original"], 1_500_000);
    assert!(shard["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|item| item["code"] != "20670144"));

    let home = fixture.json("2013/home.json");
    let sections: Vec<&str> = home["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|section| section["code"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["20", "04"]);
    // Revenues take only the income rows of section 00; its expense row (the transfer to part
    // A) and the dormant line adjust the expense total instead.
    assert_eq!(home["revenues"]["original"], 5_000_000);
    assert_eq!(home["expense_adjustments"]["original"], -700_000);
    assert_eq!(home["expense_adjustments"]["executed"], 3_000);
    assert_eq!(home["expenses"]["original"], 1_800_000 - 700_000);
    assert!(
        run.stderr
            .contains("budget/new2013.csv: 7 rows read, 4 kept, 3 skipped"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("skipped 1: income row outside the revenue section; original -40,000 ₪"),
        "{}",
        run.stderr
    );
}

#[test]
fn build_tableau_pivots_phases() {
    let fixture = full_fixture();
    let run = fixture.build();
    assert!(run.success, "{}", run.stderr);
    let shard = fixture.json("2018/20.json");
    let amounts = &shard_item(&shard, "20670142")["amounts"];
    assert_eq!(amounts["original"], 1_000_000);
    assert_eq!(amounts["revised"], 1_100_500);
    assert_eq!(amounts["executed"], 1_050_257);
    let office = &fixture.json("2018/04.json")["items"][0]["amounts"];
    assert_eq!(office["original"], 70_000);
    assert!(office.get("revised").is_none());
    assert!(run.stderr.contains("skipped 1: dormant line"), "{}", run.stderr);
    assert!(run.stderr.contains("kept 1: blank net amount"), "{}", run.stderr);
    let year = manifest(&fixture).year(2018).unwrap().clone();
    assert!(!year.proposal);
    assert_eq!(year.sources, ["budget/tableau_BudgetData2018.xlsx"]);
}

#[test]
fn build_summary_fills_sections() {
    let fixture = full_fixture();
    assert!(fixture.build().success);
    let year = manifest(&fixture).year(2016).unwrap().clone();
    assert!(year.proposal);
    assert_eq!(
        year.sources,
        [
            "budget/new2016.csv",
            "budget-summary/obudget-sections-by-year-1997-2024.xlsx"
        ]
    );
    let revised = year
        .coverage
        .iter()
        .find(|coverage| coverage.phase == budget_model::Phase::Revised)
        .unwrap();
    assert_eq!(revised.levels, [budget_model::Level::Section]);
    let education = &fixture.json("2016/20.json")["items"][0]["amounts"];
    assert_eq!(education["original"], 150_000);
    assert_eq!(education["revised"], 160_000);
    let defence = &fixture.json("2016/15.json")["items"][0]["amounts"];
    assert_eq!(defence["original"], 900_000);
    let summary = manifest(&fixture)
        .sources
        .into_iter()
        .find(|source| source.path.starts_with("budget-summary"))
        .unwrap();
    assert_eq!(summary.years, [2016]);
}

#[test]
fn build_history_shard_spans_years() {
    let fixture = full_fixture();
    assert!(fixture.build().success);
    let history = fixture.json("history/20.json");
    let years: Vec<u64> = history["series"]["20"]
        .as_array()
        .unwrap()
        .iter()
        .map(|point| point["year"].as_u64().unwrap())
        .collect();
    assert_eq!(years, [2005, 2013, 2016, 2018]);
    assert!(history["series"].get("20670142").is_none());
    let domain = fixture.json("history/2067.json");
    assert_eq!(domain["series"]["20670142"].as_array().unwrap().len(), 2);
    assert!(domain["series"].get("2067").is_some());

    // Each file's hash is listed by the file above it: index → home → section shard.
    let index = fixture.json("index.json");
    assert!(index["files"]
        .as_array()
        .unwrap()
        .iter()
        .all(|file| file["path"].as_str().unwrap().ends_with("home.json")));
    let home = fixture.json("2013/home.json");
    let listed: Vec<&str> = home["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| file["path"].as_str().unwrap())
        .collect();
    assert!(listed.contains(&"2013/20.json"), "{listed:?}");
    assert!(listed.contains(&"history/20.json"), "{listed:?}");
    let shard = fixture.json("2013/20.json");
    assert_eq!(shard["files"][0]["path"], "history/2067.json");
}

#[test]
fn build_report_beside_snapshot() {
    let fixture = full_fixture();
    let run = fixture.build();
    assert!(run.success, "{}", run.stderr);
    let report = std::fs::read_to_string(fixture.report()).unwrap();
    assert!(
        report.contains("2001 executed: stated 16,000, children 15,000, difference 1,000"),
        "{report}"
    );
    assert!(
        run.stderr.contains("1 parent/children differences in 1 years"),
        "{}",
        run.stderr
    );
    assert!(!fixture.out().join("snapshot-report.txt").exists());
    assert!(
        run.stderr
            .contains("no raw file for 1992 (expected budget-history/history1992.csv)"),
        "{}",
        run.stderr
    );
}

#[test]
fn build_twice_replaces_snapshot() {
    let fixture = full_fixture();
    assert!(fixture.build().success);
    let first = manifest(&fixture).snapshot_id;
    std::fs::remove_file(fixture.raw().join("budget/new2016.csv")).unwrap();
    let run = fixture.build();
    assert!(run.success, "{}", run.stderr);
    assert_ne!(manifest(&fixture).snapshot_id, first);
    assert!(!fixture.out().join("2016").exists());
}

#[test]
fn planned_2009_only_without_history() {
    let fixture = Fixture::new();
    let planned = ",,,,,,,,\"2009\",\"2010\"\n\
        קוד סעיף,שם סעיף,קוד תחום,שם תחום,קוד תוכנית,שם תוכנית,קוד תקנה,שם תקנה,\
        תקציב מקורי - הוצאות נטו,תקציב מקורי - הוצאות נטו\n\
        20,חינוך,2001,מינהל,200101,שכר,20010101,משכורות,40,50\n";
    fixture.write("budget/obudget-2010_planned-state-budget.csv", planned);
    let run = fixture.build();
    assert!(run.success, "{}", run.stderr);
    let manifest = manifest(&fixture);
    assert_eq!(
        manifest.year(2009).unwrap().sources,
        ["budget/obudget-2010_planned-state-budget.csv"]
    );
    assert_eq!(fixture.json("2009/home.json")["expenses"]["original"], 40_000);

    let history = history_row("0020", "חינוך", "1", "2", "3");
    fixture.write("budget-history/history2009.csv", history);
    let run = fixture.build();
    assert!(run.success, "{}", run.stderr);
    let manifest: Manifest = serde_json::from_value(fixture.json("manifest.json")).unwrap();
    assert_eq!(
        manifest.year(2009).unwrap().sources,
        ["budget-history/history2009.csv"]
    );
    let planned_source = manifest
        .sources
        .iter()
        .find(|source| source.path.contains("planned"))
        .unwrap();
    assert_eq!(planned_source.years, [2010]);
    assert_eq!(fixture.json("2010/home.json")["expenses"]["original"], 50_000);
}

#[test]
fn booklet_levels_checked() {
    let fixture = Fixture::new();
    let booklet = "\"20      \",\"חינוך\",\"30\",\"0\",\"0\",\"0\",\"0\",\"\"\n\
        \"2001    \",\"מינהל\",\"20\",\"0\",\"0\",\"0\",\"0\",\"\"\n\
        \"200101  \",\"שכר\",\"20\",\"0\",\"0\",\"0\",\"0\",\"\"\n";
    fixture.write("budget/obudget-2011_planned-2011.csv", booklet);
    let run = fixture.build();
    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        fixture.json("2011/20.json")["items"][0]["amounts"]["original"],
        30_000
    );
    let report = std::fs::read_to_string(fixture.report()).unwrap();
    assert!(
        report.contains("20 original: stated 30,000, children 20,000, difference 10,000"),
        "{report}"
    );
}
