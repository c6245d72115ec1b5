//! The plain table every tabular result of the engine is made into. Reports, the plan and the
//! registers build tables; `export` renders them (CSV, JSON, Markdown). Kept at the bottom of the
//! engine so that what is rendered never depends on how it is rendered.

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Free text.
    Text(String),
    /// Several values: joined with `;` in CSV, an array in JSON.
    List(Vec<String>),
    /// A yes/no value.
    Bool(bool),
    /// A whole number.
    Number(i64),
    /// A day: `YYYY-MM-DD` in text formats, a real date in a workbook.
    Date(chrono::NaiveDate),
    /// No value: an empty CSV cell, `null` in JSON.
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Cell {
        value.map_or(Cell::Empty, Into::into)
    }
}

impl Cell {
    /// A list cell from anything displayable.
    pub fn list<T: ToString>(values: impl IntoIterator<Item = T>) -> Cell {
        Cell::List(values.into_iter().map(|v| v.to_string()).collect())
    }
}

/// A table of results with named columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column names, used as the CSV header and the JSON keys.
    pub columns: Vec<&'static str>,
    /// Rows, each with one cell per column.
    pub rows: Vec<Vec<Cell>>,
}
