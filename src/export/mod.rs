//! Exports: every tabular result of the engine becomes a [`Table`], which renders to CSV
//! (through the `csv` crate, safe against formula injection) or to JSON with the same field
//! names. Output is deterministic: the same inputs give byte-identical files.

pub mod catalog;
pub mod crosswalk;
pub mod diff;
pub mod programme;
pub mod report;
pub mod xlsx;

use serde_json::{Map, Value};

use crate::table::{Cell, Table};

/// The file formats a table can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row; multi-valued cells joined with `;`.
    Csv,
    /// A JSON array of objects keyed by the same column names.
    Json,
    /// A Markdown table, for pasting into documents and wikis.
    Markdown,
}

impl Format {
    /// Parses `csv` or `json`.
    pub fn from_id(id: &str) -> Option<Format> {
        match id {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" => Some(Format::Markdown),
            _ => None,
        }
    }
}

impl Cell {
    fn csv_text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::List(values) => values.join(";"),
            Cell::Bool(value) => value.to_string(),
            Cell::Number(value) => value.to_string(),
            Cell::Date(day) => day.to_string(),
            Cell::Empty => String::new(),
        }
    }

    fn json(&self) -> Value {
        match self {
            Cell::Text(text) => Value::String(text.clone()),
            Cell::List(values) => Value::Array(values.iter().cloned().map(Value::String).collect()),
            Cell::Bool(value) => Value::Bool(*value),
            Cell::Number(value) => Value::from(*value),
            Cell::Date(day) => Value::String(day.to_string()),
            Cell::Empty => Value::Null,
        }
    }
}

impl Table {
    /// Renders in the given format.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Csv => self.to_csv(),
            Format::Json => self.to_json(),
            Format::Markdown => self.to_markdown(),
        }
    }

    /// A Markdown table. Pipes and line breaks in cells are escaped so every row stays one
    /// table row.
    pub fn to_markdown(&self) -> String {
        let escape = |text: &str| text.replace('|', "\\|").replace(['\r', '\n'], " ");
        let mut out = format!("| {} |\n", self.columns.join(" | "));
        out.push_str(&format!("|{}\n", " --- |".repeat(self.columns.len())));
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|cell| escape(&cell.csv_text())).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out
    }

    /// CSV with a header row. Every cell is neutralised against formula injection.
    pub fn to_csv(&self) -> String {
        const IN_MEMORY: &str = "writing CSV to memory cannot fail";
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&self.columns).expect(IN_MEMORY);
        for row in &self.rows {
            writer
                .write_record(row.iter().map(|cell| neutralise_formula(&cell.csv_text())))
                .expect(IN_MEMORY);
        }
        let bytes = writer.into_inner().expect(IN_MEMORY);
        String::from_utf8(bytes).expect("every cell is a Rust string, so the CSV is UTF-8")
    }

    /// A pretty-printed JSON array of objects, keys in column order.
    pub fn to_json(&self) -> String {
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|row| {
                let object: Map<String, Value> = self
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(column, cell)| ((*column).to_owned(), cell.json()))
                    .collect();
                Value::Object(object)
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&Value::Array(rows))
            .expect("a JSON value always serialises");
        text.push('\n');
        text
    }
}

/// Prefixes a cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab or
/// carriage return first) with an apostrophe, so it is shown as text and never evaluated.
///
/// # Example
/// ```
/// use crosswalk::export::neutralise_formula;
/// assert_eq!(neutralise_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(neutralise_formula("A.5.1"), "A.5.1");
/// ```
pub fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        Table {
            columns: vec!["ref", "tags", "flag", "count", "note"],
            rows: vec![vec![
                "A.5.1".into(),
                Cell::list(["x", "y"]),
                Cell::Bool(true),
                Cell::Number(3),
                Cell::Empty,
            ]],
        }
    }

    #[test]
    fn csv_joins_lists_with_semicolons_and_quotes_where_needed() {
        let mut table = sample();
        table.rows.push(vec![
            "A.5.2".into(),
            Cell::List(vec![]),
            Cell::Bool(false),
            Cell::Number(0),
            "a, \"b\"".into(),
        ]);
        assert_eq!(
            table.to_csv(),
            "ref,tags,flag,count,note\nA.5.1,x;y,true,3,\nA.5.2,,false,0,\"a, \"\"b\"\"\"\n"
        );
    }

    #[test]
    fn json_uses_the_column_names_in_order() {
        let json: Value = serde_json::from_str(&sample().to_json()).expect("valid JSON");
        assert_eq!(
            json,
            serde_json::json!([{"ref": "A.5.1", "tags": ["x", "y"], "flag": true, "count": 3, "note": null}])
        );
        let keys: Vec<&String> = json[0].as_object().expect("object").keys().collect();
        assert_eq!(keys, ["ref", "tags", "flag", "count", "note"]);
    }

    #[test]
    fn markdown_keeps_each_row_on_one_line() {
        let table = Table {
            columns: vec!["a", "b"],
            rows: vec![vec!["x|y".into(), "line\nbreak".into()]],
        };
        assert_eq!(
            table.to_markdown(),
            "| a | b |\n| --- | --- |\n| x\\|y | line break |\n"
        );
    }

    #[test]
    fn every_formula_trigger_is_neutralised_in_csv() {
        for payload in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            let table = Table {
                columns: vec!["v"],
                rows: vec![vec![payload.into()]],
            };
            let csv_text = table.to_csv();
            let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
            let record = reader.records().next().expect("one row").expect("parses");
            assert_eq!(&record[0], format!("'{payload}"), "payload {payload:?}");
        }
    }
}
