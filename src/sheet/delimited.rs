//! CSV as spreadsheets save it: the separator their locale uses, the encoding their platform
//! uses, and rows numbered as the spreadsheet showed them.

use super::{from_rows, Sheet, SheetError};

/// Reads CSV text in whatever encoding and separator the bytes show.
pub(super) fn read(bytes: &[u8]) -> Result<Sheet, SheetError> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut quoted_breaks = 0;
    for record in reader.records() {
        let record = record.map_err(|e| SheetError::Csv(e.to_string()))?;
        // A record's position includes the empty lines the reader skipped before it, which the
        // spreadsheet counted as rows; line breaks inside quoted cells it did not.
        let from = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let start = text.get(from..).map_or(text.len(), |rest| {
            from + (rest.len() - rest.trim_start_matches(['\r', '\n']).len())
        });
        let number = text[..start].matches('\n').count() - quoted_breaks + 1;
        quoted_breaks += record
            .iter()
            .map(|f| f.matches('\n').count())
            .sum::<usize>();
        rows.push((number, record.iter().map(unguarded).collect()));
    }
    from_rows(rows)
}

/// A cell without the apostrophe that CSV writers (Crosswalk's among them) put before a
/// leading `=`, `+`, `-`, `@`, tab or carriage return so that spreadsheets do not run it as a
/// formula: the value is the text after it.
fn unguarded(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

/// The text of the bytes: UTF-16 when a byte order mark says so, UTF-8 (a leading mark
/// dropped) when the bytes are valid UTF-8, otherwise Windows-1252, which is what spreadsheets
/// on Windows write by default.
fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Windows-1252 differs from Latin-1 only in 0x80-0x9F; five of those bytes are unassigned.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The separator of the header line: whichever of `,` `;` and tab it uses most, outside
/// quotes (a comma by default).
fn separator(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in header.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(count) = counts.iter_mut().find(|(s, _)| *s == byte) {
                count.1 += 1;
            }
        }
    }
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &next| if next.1 > best.1 { next } else { best },
        )
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(bytes: &[u8]) -> Vec<(usize, Vec<String>)> {
        read(bytes)
            .expect("readable")
            .rows
            .into_iter()
            .map(|r| (r.number, r.cells))
            .collect()
    }

    #[test]
    fn rows_keep_the_numbers_the_spreadsheet_showed() {
        let text = b"Name,Owner\n\nFirst,\"Ana\nLopez\"\n,\nSecond,Bo\n";
        assert_eq!(
            rows(text),
            [
                (3, vec!["First".into(), "Ana\nLopez".into()]),
                (5, vec!["Second".into(), "Bo".into()]),
            ]
        );
    }

    #[test]
    fn semicolons_a_byte_order_mark_and_windows_1252_are_read() {
        let sheet = read(b"\xEF\xBB\xBFName;Owner\r\nA;B\r\n").expect("readable");
        assert_eq!(sheet.headers, ["Name", "Owner"]);
        let sheet = read(b"Name;Owner\nCaf\xe9 \x93policy\x94;\x80\n").expect("readable");
        assert_eq!(sheet.rows[0].cells, ["Café “policy”", "€"]);
    }

    #[test]
    fn utf16_with_tabs_is_read() {
        let text: Vec<u8> = "\u{feff}Name\tOwner\r\nÅse\tBo\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(rows(&text), [(2, vec!["Åse".into(), "Bo".into()])]);
    }

    #[test]
    fn the_formula_guard_of_csv_writers_is_taken_off() {
        let sheet = read(b"Name,Note\n'=SUM(A1),'quoted'\n").expect("readable");
        assert_eq!(sheet.rows[0].cells, ["=SUM(A1)", "'quoted'"]);
    }

    #[test]
    fn empty_files_and_headers_alone_are_named() {
        assert_eq!(read(b"\n ,\n"), Err(SheetError::Empty));
        assert_eq!(read(b"Name,Owner\n"), Err(SheetError::NoRows));
    }
}
