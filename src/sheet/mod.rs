//! Spreadsheets read as text: the header row and the data rows of a CSV file or of a
//! workbook's first sheet, each row with the number the user sees in their spreadsheet, so
//! every problem can be named by row.

mod delimited;
#[cfg(not(target_arch = "wasm32"))]
mod workbook;

/// A spreadsheet's header and data rows; blank rows are left out but counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The first non-blank row, trimmed.
    pub headers: Vec<String>,
    /// The non-blank rows below it.
    pub rows: Vec<SheetRow>,
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// Its row number in the spreadsheet (the header row is usually 1).
    pub number: usize,
    /// Its cells as text, in column order; may be shorter or longer than the header.
    pub cells: Vec<String>,
}

impl SheetRow {
    /// The cell in `column`, trimmed; empty when the row is shorter.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", |c| c.trim())
    }
}

/// Why a file could not be read as a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    /// Nothing but blank rows.
    #[error("the file is empty: it needs a header row naming the columns, then one row per item")]
    Empty,
    /// A header and nothing under it.
    #[error("the file has a header row but no rows under it")]
    NoRows,
    /// The CSV is malformed (an unclosed quote, say).
    #[error("the file is not readable as CSV: {0}")]
    Csv(String),
    /// The workbook is damaged or not a workbook.
    #[error("the file is not a readable Excel workbook (.xlsx): {0}")]
    Workbook(String),
    /// A workbook where only CSV can be read (the web app).
    #[error("this is an Excel workbook; in your spreadsheet choose File › Save As › CSV (UTF-8) and import that file")]
    SaveAsCsv,
    /// A format that is neither.
    #[error(
        "this looks like {0}, not a spreadsheet; import a CSV file or an Excel workbook (.xlsx)"
    )]
    NotASpreadsheet(&'static str),
}

/// Reads a CSV file (any of `,` `;` or tab as separator; UTF-8 with or without a byte order
/// mark, UTF-16 with one, or Windows-1252) or, outside the browser, an Excel workbook's first
/// sheet. The format is told from the bytes, not the file name.
pub fn read(bytes: &[u8]) -> Result<Sheet, SheetError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return read_workbook(bytes);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(SheetError::NotASpreadsheet(
            "an Excel 97-2003 workbook (.xls); save it as .xlsx or CSV",
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(SheetError::NotASpreadsheet("a PDF document"));
    }
    delimited::read(bytes)
}

#[cfg(not(target_arch = "wasm32"))]
fn read_workbook(bytes: &[u8]) -> Result<Sheet, SheetError> {
    workbook::read(bytes)
}

#[cfg(target_arch = "wasm32")]
fn read_workbook(_: &[u8]) -> Result<Sheet, SheetError> {
    Err(SheetError::SaveAsCsv)
}

/// Builds the sheet from rows numbered as the spreadsheet numbers them, dropping blank ones.
fn from_rows(rows: impl IntoIterator<Item = (usize, Vec<String>)>) -> Result<Sheet, SheetError> {
    let mut rows = rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let (_, headers) = rows.next().ok_or(SheetError::Empty)?;
    let rows: Vec<SheetRow> = rows
        .map(|(number, cells)| SheetRow { number, cells })
        .collect();
    if rows.is_empty() {
        return Err(SheetError::NoRows);
    }
    Ok(Sheet {
        headers: headers.iter().map(|h| h.trim().to_owned()).collect(),
        rows,
    })
}
