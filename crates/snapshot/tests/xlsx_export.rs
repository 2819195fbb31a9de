//! The app's XLSX export (`budget_model::export::to_xlsx`) read back with calamine, the reader
//! the builder uses for the official workbooks.

use std::io::Cursor;

use budget_model::export::{to_xlsx, Cell, Table};
use calamine::{Data, Reader, Xlsx};

fn exported_table() -> Table {
    Table {
        headers: vec!["מספר פרסום".into(), "ספק".into(), "סכום (₪)".into(), "الوصف".into()],
        rows: vec![
            vec![Cell::from("1234567"), Cell::from("חברת \"אלפא\" בע\"מ"), Cell::Number(1_500_000.0), Cell::from("خدمات <تنظيف> & صيانة")],
            vec![Cell::from("=1+1"), Cell::Empty, Cell::Number(-42.5), Cell::from("שורה\nשנייה")],
            vec![Cell::from("20-24-14-47"), Cell::from("ו"), Cell::Number(0.0), Cell::Empty],
        ],
    }
}

fn expected(cell: &Cell) -> Data {
    match cell {
        Cell::Empty => Data::Empty,
        Cell::Text(text) => Data::String(text.clone()),
        Cell::Number(value) => Data::Float(*value),
    }
}

#[test]
fn xlsx_export_reads_back_with_calamine() {
    let table = exported_table();
    let bytes = to_xlsx(&table, "פטורים 2015", true);
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("the export opens as XLSX");
    assert_eq!(workbook.sheet_names(), vec!["פטורים 2015".to_string()]);
    let range = workbook.worksheet_range("פטורים 2015").expect("the sheet reads");
    assert_eq!(range.start(), Some((0, 0)));
    assert_eq!(range.height(), table.rows.len() + 1);
    assert_eq!(range.width(), table.headers.len());

    for (column, header) in table.headers.iter().enumerate() {
        assert_eq!(range.get((0, column)), Some(&Data::String(header.clone())), "header {column}");
    }
    for (row_index, row) in table.rows.iter().enumerate() {
        for (column, cell) in row.iter().enumerate() {
            let read = range.get((row_index + 1, column)).cloned().unwrap_or(Data::Empty);
            assert_eq!(read, expected(cell), "row {row_index}, column {column}");
        }
    }
}
