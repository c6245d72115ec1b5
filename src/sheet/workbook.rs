//! Excel workbooks (.xlsx), read with calamine: the first sheet's cached values, so a formula
//! is read as the value it showed and never evaluated.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::Timelike;

use super::{from_rows, Sheet, SheetError};

/// Reads the first sheet of a workbook.
pub(super) fn read(bytes: &[u8]) -> Result<Sheet, SheetError> {
    let damaged = |e: &dyn std::fmt::Display| SheetError::Workbook(e.to_string());
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let first = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or(SheetError::Empty)?;
    let range = workbook.worksheet_range(&first).map_err(|e| damaged(&e))?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    from_rows(range.rows().enumerate().map(|(i, cells)| {
        (
            first_row + i + 1,
            cells.iter().map(text).collect::<Vec<String>>(),
        )
    }))
}

/// A cell as the user read it: whole numbers without a decimal point, dates as `YYYY-MM-DD`.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.as_datetime().map_or_else(
            || d.as_f64().to_string(),
            |at| {
                if at.time() == chrono::NaiveTime::MIN {
                    at.date().to_string()
                } else {
                    format!("{} {:02}:{:02}", at.date(), at.hour(), at.minute())
                }
            },
        ),
        Data::Error(e) => format!("#{e:?}"),
    }
}
