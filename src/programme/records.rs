//! The programme as keyed records: every register item under its stable key (an id, an Annex A
//! ref, an organisation name), its fields as JSON values. Comparing and merging work on this
//! one shape, so a field added to the document is compared and merged without new code.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{Programme, SCHEMA_VERSION};

/// A part of the programme whose items are compared and merged by key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Register {
    /// The scope: one record.
    Scope,
    /// Statement of Applicability decisions, keyed by Annex A control.
    Applicability,
    /// Unified controls, keyed by id.
    Controls,
    /// Evidence items, keyed by id.
    Evidence,
    /// Complementary user entity controls, keyed by id.
    Cuecs,
    /// Subservice organisations, keyed by name.
    Subservice,
    /// The user's System Description notes, keyed by DC ref.
    DescriptionNotes,
}

impl Register {
    /// Every register, in the document's order.
    pub const ALL: [Register; 7] = [
        Register::Scope,
        Register::Applicability,
        Register::Controls,
        Register::Evidence,
        Register::Cuecs,
        Register::Subservice,
        Register::DescriptionNotes,
    ];

    /// The document's field holding the register, also its id in exports.
    pub fn id(self) -> &'static str {
        match self {
            Register::Scope => "scope",
            Register::Applicability => "applicability",
            Register::Controls => "controls",
            Register::Evidence => "evidence",
            Register::Cuecs => "cuecs",
            Register::Subservice => "subservice_organisations",
            Register::DescriptionNotes => "description_notes",
        }
    }

    /// A display label.
    pub fn label(self) -> &'static str {
        match self {
            Register::Scope => "Scope",
            Register::Applicability => "Applicability",
            Register::Controls => "Unified controls",
            Register::Evidence => "Evidence",
            Register::Cuecs => "CUECs",
            Register::Subservice => "Subservice organisations",
            Register::DescriptionNotes => "System Description notes",
        }
    }

    /// Parses an id.
    pub fn from_id(id: &str) -> Option<Register> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The records of this register among `all`, in their order.
    pub fn records_in(self, all: &[Record]) -> Vec<Record> {
        all.iter().filter(|r| r.register == self).cloned().collect()
    }

    /// The field that keys a list register's items.
    fn key_field(self) -> Option<&'static str> {
        match self {
            Register::Applicability => Some("control"),
            Register::Controls | Register::Evidence | Register::Cuecs => Some("id"),
            Register::Subservice => Some("name"),
            Register::Scope | Register::DescriptionNotes => None,
        }
    }
}

/// One register item: its key and its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The register it belongs to.
    pub register: Register,
    /// Its key within the register.
    pub key: String,
    /// Its fields, the key field included.
    pub fields: Map<String, Value>,
}

/// Records by key, for lookups that stay fast on programmes of thousands of items.
pub fn by_key(records: &[Record]) -> HashMap<&str, &Record> {
    records.iter().map(|r| (r.key.as_str(), r)).collect()
}

/// The field a description note's text is held under.
pub const NOTE_FIELD: &str = "text";

/// The id counters, which are never compared as changes: they only ever grow.
pub const COUNTERS: [&str; 3] = ["next_control", "next_evidence", "next_cuec"];

/// The programme's records, register by register, in the programme's order.
pub fn records(programme: &Programme) -> Vec<Record> {
    let document = serde_json::to_value(programme).expect("a programme always serialises");
    let mut found = Vec::new();
    for register in Register::ALL {
        let value = &document[register.id()];
        match register.key_field() {
            Some(key_field) => {
                for item in value.as_array().into_iter().flatten() {
                    let fields = item.as_object().cloned().unwrap_or_default();
                    let key = fields
                        .get(key_field)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    found.push(Record {
                        register,
                        key,
                        fields,
                    });
                }
            }
            None if register == Register::Scope => found.push(Record {
                register,
                key: "scope".to_owned(),
                fields: value.as_object().cloned().unwrap_or_default(),
            }),
            None => {
                for (key, text) in value.as_object().into_iter().flatten() {
                    let mut fields = Map::new();
                    fields.insert(NOTE_FIELD.to_owned(), text.clone());
                    found.push(Record {
                        register,
                        key: key.clone(),
                        fields,
                    });
                }
            }
        }
    }
    found
}

/// A programme document from records and counters: the inverse of [`records`]. The result
/// still has to be read and validated as a programme.
pub fn document(records: &[Record], counters: [u32; 3]) -> Value {
    let mut document = Map::new();
    document.insert("schema_version".to_owned(), SCHEMA_VERSION.into());
    for register in Register::ALL {
        let mine = records.iter().filter(|r| r.register == register);
        let value = match register {
            Register::Scope => mine
                .map(|r| Value::Object(r.fields.clone()))
                .next()
                .unwrap_or(Value::Null),
            Register::DescriptionNotes => Value::Object(
                mine.map(|r| {
                    let text = r.fields.get(NOTE_FIELD).cloned().unwrap_or(Value::Null);
                    (r.key.clone(), text)
                })
                .collect(),
            ),
            _ => Value::Array(mine.map(|r| Value::Object(r.fields.clone())).collect()),
        };
        document.insert(register.id().to_owned(), value);
    }
    for (name, value) in COUNTERS.into_iter().zip(counters) {
        document.insert(name.to_owned(), value.into());
    }
    Value::Object(document)
}

/// A programme's id counters, in [`COUNTERS`] order.
pub fn counters(programme: &Programme) -> [u32; 3] {
    [
        programme.next_control,
        programme.next_evidence,
        programme.next_cuec,
    ]
}

/// A field's value as one line of text: strings as they are, lists of plain values joined
/// with `; `, anything else as compact JSON.
pub fn as_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            items.iter().map(as_text).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

/// A record's fields flattened to dotted paths (`report.period.start`), so a change deep in
/// the scope reads as the one value that changed.
pub fn flattened(fields: &Map<String, Value>) -> Vec<(String, Value)> {
    fn walk(prefix: &str, value: &Value, into: &mut Vec<(String, Value)>) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                for (key, inner) in map {
                    walk(&format!("{prefix}.{key}"), inner, into);
                }
            }
            other => into.push((prefix.to_owned(), other.clone())),
        }
    }
    let mut found = Vec::new();
    for (key, value) in fields {
        walk(key, value, &mut found);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::import_document;
    use crate::programme::sample::sample_programme;

    #[test]
    fn records_and_counters_give_back_the_programme() {
        let programme = sample_programme();
        let rebuilt = document(&records(&programme), counters(&programme));
        assert_eq!(import_document(rebuilt).expect("valid"), programme);
    }

    #[test]
    fn every_item_is_one_record_under_its_key() {
        let programme = sample_programme();
        let found = records(&programme);
        let count = |register| found.iter().filter(|r| r.register == register).count();
        assert_eq!(count(Register::Scope), 1);
        assert_eq!(count(Register::Applicability), 93);
        assert_eq!(count(Register::Controls), programme.controls.len());
        assert_eq!(count(Register::Evidence), programme.evidence.len());
        assert_eq!(
            count(Register::DescriptionNotes),
            programme.description_notes.len()
        );
        assert!(found
            .iter()
            .any(|r| r.register == Register::Controls && r.key == programme.controls[0].id));
    }

    #[test]
    fn nested_fields_flatten_to_dotted_paths_and_lists_read_as_text() {
        let programme = sample_programme();
        let scope = &records(&programme)[0];
        let paths: Vec<String> = flattened(&scope.fields)
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert!(
            paths.contains(&"report.period.start".to_owned()),
            "{paths:?}"
        );
        assert_eq!(
            as_text(&serde_json::json!(["A.5.1", "A.5.2"])),
            "A.5.1; A.5.2"
        );
        assert_eq!(as_text(&Value::Null), "");
    }
}
