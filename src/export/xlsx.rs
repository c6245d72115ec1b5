//! Tables as an XLSX workbook an auditor opens directly: one sheet per table, a bold frozen
//! header row, an auto-filter over the table, column widths from the content, long text
//! wrapped, dates as real dates, numbers as numbers, and text always as text (inline strings,
//! never formulas, so a cell starting with `=` stays the characters it is).
//!
//! A workbook is a zip of a few XML parts. This module writes the parts and the archive around
//! them: stored entries (not compressed), so the container is three fixed records per part and a
//! CRC-32, a few dozen lines. The `zip` crate did the same job but added about 36 KB gzipped to
//! the web app (its generic writer and crc32fast's 16 KB of tables); this writer adds a few.

use std::fmt::Write as _;

use chrono::NaiveDate;

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

/// The media type of an `.xlsx` file.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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
    let mut zip = Zip::default();
    zip.part("[Content_Types].xml", &content_types(sheets.len()))?;
    zip.part("_rels/.rels", ROOT_RELS)?;
    zip.part("xl/workbook.xml", &workbook_xml(&names))?;
    zip.part("xl/_rels/workbook.xml.rels", &workbook_rels(sheets.len()))?;
    zip.part("xl/styles.xml", STYLES)?;
    for (index, sheet) in sheets.iter().enumerate() {
        zip.part(
            &format!("xl/worksheets/sheet{}.xml", index + 1),
            &sheet_xml(sheet.table),
        )?;
    }
    zip.finish()
}

/// A zip archive of stored entries, written into memory: per part a local header and the bytes,
/// then the central directory and its end record (APPNOTE.TXT 4.3). No ZIP64: a part or the
/// archive past 4 GiB, or more than 65,535 parts, is refused.
#[derive(Default)]
struct Zip {
    out: Vec<u8>,
    directory: Vec<u8>,
    entries: u16,
}

/// Version 2.0 of the format, the least that readers expect of a plain stored entry.
const ZIP_VERSION: u16 = 20;
/// 1980-01-01, the earliest day a zip can carry: a fixed stamp keeps the output deterministic.
const ZIP_DATE: u16 = (1 << 5) | 1;

impl Zip {
    fn part(&mut self, path: &str, content: &str) -> Result<(), XlsxError> {
        let too_big = || XlsxError("the workbook is too large for a zip without ZIP64".to_owned());
        let offset = u32::try_from(self.out.len()).map_err(|_| too_big())?;
        let size = u32::try_from(content.len()).map_err(|_| too_big())?;
        let name = u16::try_from(path.len()).map_err(|_| too_big())?;
        self.entries = self.entries.checked_add(1).ok_or_else(too_big)?;
        // The fields both headers share, from "version needed" to the name's length.
        let mut common = Vec::with_capacity(26);
        for half in [ZIP_VERSION, 0, 0, 0, ZIP_DATE] {
            common.extend_from_slice(&half.to_le_bytes());
        }
        for word in [crc32(content.as_bytes()), size, size] {
            common.extend_from_slice(&word.to_le_bytes());
        }
        common.extend_from_slice(&name.to_le_bytes());
        common.extend_from_slice(&[0, 0]); // no extra field

        self.out.extend_from_slice(&0x0403_4b50_u32.to_le_bytes());
        self.out.extend_from_slice(&common);
        self.out.extend_from_slice(path.as_bytes());
        self.out.extend_from_slice(content.as_bytes());

        self.directory
            .extend_from_slice(&0x0201_4b50_u32.to_le_bytes());
        self.directory.extend_from_slice(&ZIP_VERSION.to_le_bytes()); // made by
        self.directory.extend_from_slice(&common);
        // No comment, disk 0, no internal or external attributes.
        self.directory.extend_from_slice(&[0; 10]);
        self.directory.extend_from_slice(&offset.to_le_bytes());
        self.directory.extend_from_slice(path.as_bytes());
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        let too_big = || XlsxError("the workbook is too large for a zip without ZIP64".to_owned());
        let offset = u32::try_from(self.out.len()).map_err(|_| too_big())?;
        let size = u32::try_from(self.directory.len()).map_err(|_| too_big())?;
        self.out.append(&mut self.directory);
        self.out.extend_from_slice(&0x0605_4b50_u32.to_le_bytes());
        self.out.extend_from_slice(&[0; 4]); // this disk, the directory's disk
        self.out.extend_from_slice(&self.entries.to_le_bytes());
        self.out.extend_from_slice(&self.entries.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&offset.to_le_bytes());
        self.out.extend_from_slice(&[0, 0]); // no comment
        Ok(self.out)
    }
}

/// The CRC-32 a zip entry carries (IEEE, reflected, as zlib computes it). The table is built on
/// each call rather than stored, so it costs the binary a loop instead of a kilobyte.
fn crc32(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (n, entry) in (0u32..).zip(table.iter_mut()) {
        let mut c = n;
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *entry = c;
    }
    !bytes.iter().fold(!0u32, |crc, &b| {
        table[usize::from((crc as u8) ^ b)] ^ (crc >> 8)
    })
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
/// A carriage return is written as a character reference, which survives the line-end
/// normalisation of XML parsers; and an underscore that starts what Office would read as its
/// own `_xHHHH_` character escape is itself escaped (`_x005F_`), so such text reads back as
/// written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '_' if is_office_escape(&text[at..]) => out.push_str("_x005F_"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether text starts with `_x`, four hex digits and `_`.
fn is_office_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 7
        && bytes.starts_with(b"_x")
        && bytes[2..6].iter().all(u8::is_ascii_hexdigit)
        && bytes[6] == b'_'
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
    fn crc32_is_the_one_zip_and_zlib_compute() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn the_archive_ends_with_a_directory_of_every_part() {
        let table = Table {
            columns: vec!["a"],
            rows: vec![vec![Cell::Number(1)]],
        };
        let sheet = |name| Sheet {
            name,
            table: &table,
        };
        let bytes = workbook(&[sheet("One"), sheet("Two")]).expect("written");
        let end = &bytes[bytes.len() - 22..];
        assert_eq!(end[..4], 0x0605_4b50_u32.to_le_bytes());
        // Five fixed parts and a sheet each, on this disk and in all.
        assert_eq!(end[8..12], [7, 0, 7, 0]);
        let size = u32::from_le_bytes([end[12], end[13], end[14], end[15]]) as usize;
        let offset = u32::from_le_bytes([end[16], end[17], end[18], end[19]]) as usize;
        assert_eq!(offset + size, bytes.len() - 22);
        assert_eq!(bytes[offset..offset + 4], 0x0201_4b50_u32.to_le_bytes());
        assert_eq!(
            bytes,
            workbook(&[sheet("One"), sheet("Two")]).expect("written")
        );
    }

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
