//! Table export to CSV and XLSX, written in memory so the browser can offer them as downloads.
//!
//! The XLSX writer makes the smallest workbook that Excel, LibreOffice and calamine open: one
//! sheet with inline strings, packed in a zip archive whose entries are stored uncompressed
//! (method 0) with their CRC-32. See ECMA-376 Part 1 for the parts and the PKWARE
//! APPNOTE for the zip records.

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_string())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<Option<i64>> for Cell {
    fn from(value: Option<i64>) -> Cell {
        value.map_or(Cell::Empty, |value| Cell::Number(value as f64))
    }
}

impl From<Option<&str>> for Cell {
    fn from(value: Option<&str>) -> Cell {
        value.map_or(Cell::Empty, Cell::from)
    }
}

/// A table to export: a header row and data rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Byte order mark that makes Excel read a CSV file as UTF-8.
const BOM: char = '\u{feff}';

/// Writes `table` as CSV (RFC 4180): UTF-8 with a byte order mark, CRLF line ends, and fields
/// quoted when they contain a comma, quote, CR or LF.
///
/// A text cell that starts with `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe, so a
/// spreadsheet shows it as text instead of running it as a formula. Number cells are written
/// as numbers, negative ones included.
pub fn to_csv(table: &Table) -> String {
    let mut out = String::new();
    out.push(BOM);
    let header: Vec<Cell> = table.headers.iter().map(|header| Cell::Text(header.clone())).collect();
    for row in std::iter::once(&header).chain(&table.rows) {
        let fields: Vec<String> = row.iter().map(csv_field).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(cell: &Cell) -> String {
    let text = match cell {
        Cell::Empty => return String::new(),
        Cell::Number(value) => return format_number(*value),
        Cell::Text(text) => neutralise_formula(text),
    };
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Prefixes an apostrophe to text that a spreadsheet would read as a formula.
fn neutralise_formula(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Writes a number without a fraction when it is whole.
fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// Writes `table` as an XLSX workbook with one sheet named `sheet_name`. `right_to_left`
/// shows the sheet with its first column on the right, as Hebrew and Arabic readers expect.
pub fn to_xlsx(table: &Table, sheet_name: &str, right_to_left: bool) -> Vec<u8> {
    let mut archive = ZipWriter::default();
    archive.add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    archive.add("_rels/.rels", ROOT_RELATIONSHIPS.as_bytes());
    archive.add("xl/workbook.xml", workbook_xml(sheet_name).as_bytes());
    archive.add("xl/_rels/workbook.xml.rels", WORKBOOK_RELATIONSHIPS.as_bytes());
    archive.add("xl/worksheets/sheet1.xml", sheet_xml(table, right_to_left).as_bytes());
    archive.finish()
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
    r#"</Types>"#,
);

const ROOT_RELATIONSHIPS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    r#"</Relationships>"#,
);

const WORKBOOK_RELATIONSHIPS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    r#"</Relationships>"#,
);

/// Characters Excel rejects in a sheet name; they become `_`. Names are cut to 31 characters.
const SHEET_NAME_FORBIDDEN: [char; 7] = ['\\', '/', '?', '*', '[', ']', ':'];

fn workbook_xml(sheet_name: &str) -> String {
    let mut name: String = sheet_name
        .chars()
        .map(|ch| if SHEET_NAME_FORBIDDEN.contains(&ch) { '_' } else { ch })
        .take(31)
        .collect();
    if name.trim().is_empty() {
        name = "Sheet1".to_string();
    }
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
            r#"<sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        escape_xml(&name)
    )
}

fn sheet_xml(table: &Table, right_to_left: bool) -> String {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    ));
    if right_to_left {
        xml.push_str(r#"<sheetViews><sheetView rightToLeft="1" workbookViewId="0"/></sheetViews>"#);
    }
    xml.push_str("<sheetData>");
    let header: Vec<Cell> = table.headers.iter().map(|header| Cell::Text(header.clone())).collect();
    for (row_index, row) in std::iter::once(&header).chain(&table.rows).enumerate() {
        let row_number = row_index + 1;
        xml.push_str(&format!(r#"<row r="{row_number}">"#));
        for (column, cell) in row.iter().enumerate() {
            let reference = format!("{}{row_number}", column_name(column));
            match cell {
                Cell::Empty => {}
                Cell::Number(value) if value.is_finite() => {
                    xml.push_str(&format!(r#"<c r="{reference}"><v>{}</v></c>"#, format_number(*value)));
                }
                Cell::Number(_) => {}
                Cell::Text(text) => {
                    xml.push_str(&format!(
                        r#"<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                        escape_xml(text)
                    ));
                }
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// The spreadsheet name of a zero-based column: `A`, …, `Z`, `AA`, ….
pub fn column_name(column: usize) -> String {
    let mut name = Vec::new();
    let mut number = column + 1;
    while number > 0 {
        let digit = (number - 1) % 26;
        name.push(b'A' + digit as u8);
        number = (number - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Escapes XML markup and drops the control characters that XML 1.0 does not allow.
fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(ch),
            ch if (ch as u32) < 0x20 || ch == '\u{fffe}' || ch == '\u{ffff}' => {}
            ch => out.push(ch),
        }
    }
    out
}

/// CRC-32 as zip uses it (IEEE 802.3, reflected polynomial 0xEDB88320).
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// A zip archive of stored (uncompressed) entries, built in memory.
#[derive(Default)]
struct ZipWriter {
    bytes: Vec<u8>,
    central_directory: Vec<u8>,
    entries: u16,
}

/// Version needed to extract: 2.0, the first that defines folders and stored entries.
const ZIP_VERSION: u16 = 20;
/// General purpose flag bit 11: names are UTF-8.
const ZIP_UTF8_NAMES: u16 = 1 << 11;
/// 1980-01-01 00:00 in MS-DOS date and time, the earliest a zip entry can state; a fixed
/// time keeps the output the same for the same table.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

impl ZipWriter {
    fn add(&mut self, name: &str, data: &[u8]) {
        let offset = self.bytes.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let name_length = name.len() as u16;

        let local = &mut self.bytes;
        put_u32(local, 0x0403_4b50);
        put_u16(local, ZIP_VERSION);
        put_u16(local, ZIP_UTF8_NAMES);
        put_u16(local, 0); // method: stored
        put_u16(local, DOS_TIME);
        put_u16(local, DOS_DATE);
        put_u32(local, crc);
        put_u32(local, size); // compressed size
        put_u32(local, size); // uncompressed size
        put_u16(local, name_length);
        put_u16(local, 0); // extra field length
        local.extend_from_slice(name.as_bytes());
        local.extend_from_slice(data);

        let central = &mut self.central_directory;
        put_u32(central, 0x0201_4b50);
        put_u16(central, ZIP_VERSION); // made by
        put_u16(central, ZIP_VERSION); // needed to extract
        put_u16(central, ZIP_UTF8_NAMES);
        put_u16(central, 0);
        put_u16(central, DOS_TIME);
        put_u16(central, DOS_DATE);
        put_u32(central, crc);
        put_u32(central, size);
        put_u32(central, size);
        put_u16(central, name_length);
        put_u16(central, 0); // extra field length
        put_u16(central, 0); // comment length
        put_u16(central, 0); // disk number
        put_u16(central, 0); // internal attributes
        put_u32(central, 0); // external attributes
        put_u32(central, offset);
        central.extend_from_slice(name.as_bytes());

        self.entries += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let directory_offset = self.bytes.len() as u32;
        let directory_size = self.central_directory.len() as u32;
        self.bytes.extend_from_slice(&self.central_directory);
        let end = &mut self.bytes;
        put_u32(end, 0x0605_4b50);
        put_u16(end, 0); // this disk
        put_u16(end, 0); // disk with the directory
        put_u16(end, self.entries);
        put_u16(end, self.entries);
        put_u32(end, directory_size);
        put_u32(end, directory_offset);
        put_u16(end, 0); // comment length
        self.bytes
    }
}

fn put_u16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            headers: vec!["מזהה".into(), "ספק".into(), "סכום".into()],
            rows: vec![
                vec![Cell::from("1"), Cell::from("אלפא, בע\"מ"), Cell::Number(1500.0)],
                vec![Cell::from("=SUM(A1)"), Cell::Empty, Cell::Number(-3.5)],
            ],
        }
    }

    #[test]
    fn csv_starts_with_bom_and_uses_crlf() {
        let csv = to_csv(&table());
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(csv.matches("\r\n").count(), 3);
        assert!(csv.starts_with("\u{feff}מזהה,ספק,סכום\r\n"));
    }

    #[test]
    fn csv_quotes_per_rfc_4180() {
        let csv = to_csv(&table());
        assert!(csv.contains("1,\"אלפא, בע\"\"מ\",1500\r\n"), "{csv}");
        let multiline = Table { headers: vec!["a".into()], rows: vec![vec![Cell::from("x\ny")]] };
        assert_eq!(to_csv(&multiline), "\u{feff}a\r\n\"x\ny\"\r\n");
    }

    #[test]
    fn csv_neutralises_formulas() {
        let csv = to_csv(&table());
        assert!(csv.contains("'=SUM(A1),,-3.5\r\n"), "{csv}");
        for (text, expected) in [("+972", "'+972"), ("-x", "'-x"), ("@a", "'@a"), ("\tb", "'\tb"), ("a=b", "a=b")] {
            let one = Table { headers: vec!["h".into()], rows: vec![vec![Cell::from(text)]] };
            assert_eq!(to_csv(&one), format!("\u{feff}h\r\n{expected}\r\n"));
        }
        let carriage = Table { headers: vec!["h".into()], rows: vec![vec![Cell::from("\rx")]] };
        assert_eq!(to_csv(&carriage), "\u{feff}h\r\n\"'\rx\"\r\n");
    }

    #[test]
    fn crc32_known_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"The quick brown fox jumps over the lazy dog"), 0x414F_A339);
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    /// Reads the entries of a stored zip back through its central directory.
    fn read_zip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let end = bytes.len() - 22;
        assert_eq!(u32_at(end), 0x0605_4b50, "end of central directory record");
        let count = u16_at(end + 10);
        let mut at = u32_at(end + 16);
        let mut entries = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(at), 0x0201_4b50, "central directory header");
            let crc = u32_at(at + 16) as u32;
            let size = u32_at(at + 20);
            let name_length = u16_at(at + 28);
            let offset = u32_at(at + 42);
            let name = String::from_utf8(bytes[at + 46..at + 46 + name_length].to_vec()).unwrap();
            assert_eq!(u32_at(offset), 0x0403_4b50, "local header of {name}");
            let data_start = offset + 30 + u16_at(offset + 26) + u16_at(offset + 28);
            let data = bytes[data_start..data_start + size].to_vec();
            assert_eq!(crc32(&data), crc, "crc of {name}");
            entries.push((name, data));
            at += 46 + name_length;
        }
        entries
    }

    #[test]
    fn xlsx_is_a_stored_zip_of_the_parts() {
        let bytes = to_xlsx(&table(), "מכרזים", true);
        let names: Vec<String> = read_zip(&bytes).into_iter().map(|(name, _)| name).collect();
        assert_eq!(
            names,
            ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"]
        );
    }

    #[test]
    fn xlsx_sheet_has_cells() {
        let bytes = to_xlsx(&table(), "a/b", false);
        let entries = read_zip(&bytes);
        let sheet = String::from_utf8(entries[4].1.clone()).unwrap();
        assert!(sheet.contains(r#"<c r="B2" t="inlineStr"><is><t xml:space="preserve">אלפא, בע&quot;מ</t></is></c>"#), "{sheet}");
        assert!(sheet.contains(r#"<c r="C2"><v>1500</v></c>"#));
        assert!(sheet.contains(r#"<c r="C3"><v>-3.5</v></c>"#));
        assert!(!sheet.contains("rightToLeft"));
        let workbook = String::from_utf8(entries[2].1.clone()).unwrap();
        assert!(workbook.contains(r#"name="a_b""#));
    }

    #[test]
    fn xlsx_escapes_markup_and_drops_control_characters() {
        assert_eq!(escape_xml("a<b>&\u{1}c"), "a&lt;b&gt;&amp;c");
    }
}
