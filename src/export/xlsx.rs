//! Tables as an XLSX workbook an auditor opens directly: one sheet per table, a bold frozen
//! header row, an auto-filter over the table, column widths from the content, long text
//! wrapped, dates as real dates, numbers as numbers, and text always as text (inline strings,
//! never formulas, so a cell starting with `=` stays the characters it is).
//!
//! A workbook is a zip of a few XML parts; the `zip` crate writes the archive (stored, not
//! compressed: the parts are small and the writer stays small), this module writes the parts.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use chrono::NaiveDate;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::table::{Cell, Table};

/// One sheet of a workbook: its tab name and its table.
pub struct Sheet<'a> {
    /// The tab name (made unique and at most 31 characters, as spreadsheets require).
    pub name: &'a str,
    /// The content.
    pub table: &'a Table,
}

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[error("the workbook could not be written: {0}")]
pub struct XlsxError(String);

/// Style indexes into `styles.xml`'s `cellXfs`.
const STYLE_HEADER: u8 = 1;
const STYLE_WRAP: u8 = 2;
const STYLE_DATE: u8 = 3;

/// Text longer than this wraps in its cell instead of widening the column.
const WIDE_TEXT: usize = 60;

/// The workbook holding `sheets`, as the bytes of an `.xlsx` file.
///
/// # Example
/// ```
/// use crosswalk::export::xlsx::{workbook, Sheet};
/// use crosswalk::table::{Cell, Table};
/// let table = Table { columns: vec!["ref", "count"], rows: vec![vec!["A.5.1".into(), Cell::Number(3)]] };
/// let bytes = workbook(&[Sheet { name: "Example", table: &table }]).expect("written");
/// assert_eq!(&bytes[..2], b"PK");
/// ```
pub fn workbook(sheets: &[Sheet<'_>]) -> Result<Vec<u8>, XlsxError> {
    let names = sheet_names(sheets);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let mut part = |path: &str, content: &str| -> Result<(), XlsxError> {
        zip.start_file(path, options)
            .map_err(|e| XlsxError(e.to_string()))?;
        zip.write_all(content.as_bytes())
            .map_err(|e| XlsxError(e.to_string()))
    };
    part("[Content_Types].xml", &content_types(sheets.len()))?;
    part("_rels/.rels", ROOT_RELS)?;
    part("xl/workbook.xml", &workbook_xml(&names))?;
    part("xl/_rels/workbook.xml.rels", &workbook_rels(sheets.len()))?;
    part("xl/styles.xml", STYLES)?;
    for (index, sheet) in sheets.iter().enumerate() {
        part(
            &format!("xl/worksheets/sheet{}.xml", index + 1),
            &sheet_xml(sheet.table),
        )?;
    }
    let cursor = zip.finish().map_err(|e| XlsxError(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// Tab names as spreadsheets accept them: without `[]:*?/\`, at most 31 characters, unique.
fn sheet_names(sheets: &[Sheet<'_>]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for sheet in sheets {
        let clean: String = sheet
            .name
            .chars()
            .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
            .take(31)
            .collect();
        let clean = if clean.trim().is_empty() {
            "Sheet".to_owned()
        } else {
            clean
        };
        let mut name = clean.clone();
        let mut n = 2;
        while names.iter().any(|taken| taken.eq_ignore_ascii_case(&name)) {
            let suffix = format!(" ({n})");
            name = clean.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
            n += 1;
        }
        names.push(name);
    }
    names
}

/// Text as XML character data: markup escaped, and characters XML 1.0 cannot carry dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// A column's letters: 0 is `A`, 25 `Z`, 26 `AA`.
fn column_name(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Days since the spreadsheet epoch (1899-12-30), which is how a date cell stores its day.
fn serial(day: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (day - epoch).num_days()
}

/// The text a cell shows, for widths.
fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::List(values) => values.join(";"),
        Cell::Bool(true) => "TRUE".to_owned(),
        Cell::Bool(false) => "FALSE".to_owned(),
        Cell::Number(value) => value.to_string(),
        Cell::Date(_) => "2027-03-31".to_owned(),
        Cell::Empty => String::new(),
    }
}

fn inline_string(out: &mut String, at: &str, style: u8, text: &str) {
    let _ = write!(
        out,
        r#"<c r="{at}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
        escape(text)
    );
}

fn sheet_xml(table: &Table) -> String {
    let width_of = |column: usize| {
        let longest = std::iter::once(table.columns[column].len())
            .chain(
                table
                    .rows
                    .iter()
                    .filter_map(|row| row.get(column))
                    .map(|cell| shown(cell).chars().count()),
            )
            .max()
            .unwrap_or(8);
        longest.clamp(8, WIDE_TEXT) + 2
    };
    let last_column = column_name(table.columns.len().saturating_sub(1));
    let last_row = table.rows.len() + 1;
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    );
    let _ = write!(out, r#"<dimension ref="A1:{last_column}{last_row}"/>"#);
    out.push_str(r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#);
    out.push_str(r#"<sheetFormatPr defaultRowHeight="15"/><cols>"#);
    for column in 0..table.columns.len() {
        let _ = write!(
            out,
            r#"<col min="{n}" max="{n}" width="{}" customWidth="1"/>"#,
            width_of(column),
            n = column + 1
        );
    }
    out.push_str("</cols><sheetData><row r=\"1\">");
    for (column, name) in table.columns.iter().enumerate() {
        inline_string(
            &mut out,
            &format!("{}1", column_name(column)),
            STYLE_HEADER,
            name,
        );
    }
    out.push_str("</row>");
    for (index, row) in table.rows.iter().enumerate() {
        let number = index + 2;
        let _ = write!(out, r#"<row r="{number}">"#);
        for (column, cell) in row.iter().enumerate() {
            let at = format!("{}{number}", column_name(column));
            match cell {
                Cell::Empty => {}
                Cell::Number(value) => {
                    let _ = write!(out, r#"<c r="{at}"><v>{value}</v></c>"#);
                }
                Cell::Bool(value) => {
                    let _ = write!(out, r#"<c r="{at}" t="b"><v>{}</v></c>"#, u8::from(*value));
                }
                Cell::Date(day) => {
                    let _ = write!(
                        out,
                        r#"<c r="{at}" s="{STYLE_DATE}"><v>{}</v></c>"#,
                        serial(*day)
                    );
                }
                Cell::Text(_) | Cell::List(_) => {
                    let text = shown(cell);
                    if text.is_empty() {
                        // An empty string is no value, as an empty CSV cell is.
                        continue;
                    }
                    let style = if text.chars().count() > WIDE_TEXT || text.contains('\n') {
                        STYLE_WRAP
                    } else {
                        0
                    };
                    inline_string(&mut out, &at, style, &text);
                }
            }
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData>");
    let _ = write!(out, r#"<autoFilter ref="A1:{last_column}{last_row}"/>"#);
    out.push_str(r#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#);
    out
}

fn content_types(sheets: usize) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    for n in 1..=sheets {
        let _ = write!(
            out,
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
    }
    out.push_str("</Types>");
    out
}

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

fn workbook_xml(names: &[String]) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>"#,
    );
    for (index, name) in names.iter().enumerate() {
        let n = index + 1;
        let _ = write!(
            out,
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            escape(name)
        );
    }
    out.push_str("</sheets></workbook>");
    out
}

fn workbook_rels(sheets: usize) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for n in 1..=sheets {
        let _ = write!(
            out,
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        );
    }
    let _ = write!(
        out,
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        sheets + 1
    );
    out
}

/// Four cell formats: plain, bold header, wrapped text, and a date (built-in format 14).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_letter_them() {
        assert_eq!(
            [0, 25, 26, 27, 701, 702].map(column_name),
            ["A", "Z", "AA", "AB", "ZZ", "AAA"]
        );
    }

    #[test]
    fn dates_are_days_since_the_spreadsheet_epoch() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 31).expect("a day");
        assert_eq!(serial(day), 46477);
    }

    #[test]
    fn sheet_names_are_cleaned_shortened_and_unique() {
        let table = Table {
            columns: vec!["a"],
            rows: Vec::new(),
        };
        let sheets = [
            Sheet {
                name: "Evidence requests: ISO/IEC 27001 [draft]",
                table: &table,
            },
            Sheet {
                name: "Evidence requests: ISO/IEC 27001 [draft]",
                table: &table,
            },
            Sheet {
                name: "",
                table: &table,
            },
        ];
        let names = sheet_names(&sheets);
        assert_eq!(names[0], "Evidence requests ISOIEC 27001 ");
        assert_eq!(names[1], "Evidence requests ISOIEC 27 (2)");
        assert_eq!(names[2], "Sheet");
        assert!(names.iter().all(|n| n.chars().count() <= 31));
    }

    #[test]
    fn text_is_escaped_and_characters_xml_cannot_carry_are_dropped() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}\u{8}\td"),
            "a&lt;b &amp; &quot;c&quot;\td"
        );
    }
}
