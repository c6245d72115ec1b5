//! Reading and writing programme files: size and encoding checks, schema migrations from every
//! earlier version, and validation, so a bad file is refused with every problem named.

use super::validate::id_number;
use super::{Problem, Programme, MAX_IMPORT_BYTES, SCHEMA_VERSION};

/// Why a programme file was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    #[error(
        "the file is {size} bytes; a programme file is at most {max} bytes, so this is not one"
    )]
    TooLarge {
        /// The file's size.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// Not UTF-8 text.
    #[error("the file is not UTF-8 text (invalid byte at position {0}); a programme file is JSON")]
    NotText(usize),
    /// Not well-formed JSON.
    #[error("the file is not valid JSON: {0}")]
    Malformed(String),
    /// No schema version.
    #[error("schema_version: missing; this is not a Crosswalk programme file")]
    NoVersion,
    /// From a newer Crosswalk.
    #[error("schema_version: {0} is newer than this Crosswalk reads (up to {SCHEMA_VERSION}); update Crosswalk to open it")]
    FutureVersion(u64),
    /// A version that never existed.
    #[error("schema_version: {0} is not a version Crosswalk ever wrote")]
    UnknownVersion(u64),
    /// A field of the wrong type or an unknown value.
    #[error("{field}: {message}")]
    Shape {
        /// The field path.
        field: String,
        /// What the parser said.
        message: String,
    },
    /// Well-formed but inconsistent.
    #[error("the programme has {} problem(s):\n  - {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n  - "))]
    Invalid(Vec<Problem>),
}

/// Parses, migrates and validates a programme file. The caller's current programme is never
/// touched: on any error, nothing is returned but the error.
///
/// # Example
/// ```
/// use crosswalk::programme::{import_json, ImportError};
/// assert!(matches!(import_json(b"{\"schema_version\": 99}"), Err(ImportError::FutureVersion(99))));
/// assert!(matches!(import_json(b"[1, 2"), Err(ImportError::Malformed(_))));
/// ```
pub fn import_json(bytes: &[u8]) -> Result<Programme, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            size: bytes.len(),
            max: MAX_IMPORT_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotText(e.valid_up_to()))?;
    // A current file is read straight into the programme. Anything else (an older version to
    // migrate, a shape error to place by path) takes the slower way through a JSON value.
    if let Ok(programme) = serde_json::from_str::<Programme>(text) {
        if programme.schema_version == SCHEMA_VERSION {
            return validated(programme);
        }
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ImportError::Malformed(e.to_string()))?;
    import_document(value)
}

/// Migrates and validates a parsed programme document: the part of [`import_json`] shared with
/// reading the programme back from local storage ([`super::stored`]).
pub fn import_document(value: serde_json::Value) -> Result<Programme, ImportError> {
    let value = migrate(value)?;
    let programme: Programme =
        serde_path_to_error::deserialize(value).map_err(|e| ImportError::Shape {
            field: e.path().to_string(),
            message: e.into_inner().to_string(),
        })?;
    validated(programme)
}

fn validated(programme: Programme) -> Result<Programme, ImportError> {
    let problems = programme.problems(crate::catalog::catalogues());
    if problems.is_empty() {
        Ok(programme)
    } else {
        Err(ImportError::Invalid(problems))
    }
}

/// Brings a document of any earlier schema version up to [`SCHEMA_VERSION`], one step at a
/// time, so a file saved by any release opens in this one.
pub fn migrate(mut document: serde_json::Value) -> Result<serde_json::Value, ImportError> {
    loop {
        let version = document
            .get("schema_version")
            .ok_or(ImportError::NoVersion)?;
        let version = version.as_u64().ok_or_else(|| ImportError::Shape {
            field: "schema_version".to_owned(),
            message: format!("expected a whole number, found {version}"),
        })?;
        match version {
            v if v == u64::from(SCHEMA_VERSION) => return Ok(document),
            1 => document = v1_to_v2(document)?,
            2 => document = v2_to_v3(document)?,
            3 => document = v3_to_v4(document)?,
            4 => document = v4_to_v5(document)?,
            v if v > u64::from(SCHEMA_VERSION) => return Err(ImportError::FutureVersion(v)),
            v => return Err(ImportError::UnknownVersion(v)),
        }
    }
}

/// Version 2 added the System Description registers: CUECs, subservice organisations and the
/// user's section notes. A version 1 programme had none, so they start empty.
fn v1_to_v2(mut document: serde_json::Value) -> Result<serde_json::Value, ImportError> {
    let object = document.as_object_mut().ok_or_else(|| ImportError::Shape {
        field: "(document)".to_owned(),
        message: "expected a JSON object".to_owned(),
    })?;
    object.insert("cuecs".to_owned(), serde_json::json!([]));
    object.insert("subservice_organisations".to_owned(), serde_json::json!([]));
    object.insert("description_notes".to_owned(), serde_json::json!({}));
    object.insert("schema_version".to_owned(), 2.into());
    Ok(document)
}

/// Version 3 numbers CUECs with a counter, as controls and evidence are, so a deleted CUEC's id
/// is never given to a new one; the counter starts past the highest id in use. It also makes
/// subservice organisation names unique, since they now name the organisation in every edit:
/// a repeated name gets " (2)", " (3)" … after it.
fn v2_to_v3(mut document: serde_json::Value) -> Result<serde_json::Value, ImportError> {
    let object = document.as_object_mut().ok_or_else(|| ImportError::Shape {
        field: "(document)".to_owned(),
        message: "expected a JSON object".to_owned(),
    })?;
    let highest = object
        .get("cuecs")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|cuec| id_number(cuec.get("id")?.as_str()?, "CUEC", 2))
        .max()
        .unwrap_or(0);
    let next = highest.checked_add(1).ok_or_else(|| ImportError::Shape {
        field: "cuecs".to_owned(),
        message: format!("CUEC-{highest} leaves no number for the next CUEC"),
    })?;
    object.insert("next_cuec".to_owned(), next.into());
    if let Some(organisations) = object
        .get_mut("subservice_organisations")
        .and_then(serde_json::Value::as_array_mut)
    {
        let mut taken: Vec<String> = Vec::new();
        for organisation in organisations.iter_mut() {
            let Some(name) = organisation.get("name").and_then(serde_json::Value::as_str) else {
                continue;
            };
            let name = name.trim();
            let mut unique = name.to_owned();
            let mut n = 2;
            while taken.iter().any(|t| same_name(t, &unique)) {
                unique = format!("{name} ({n})");
                n += 1;
            }
            organisation["name"] = unique.clone().into();
            taken.push(unique);
        }
    }
    object.insert("schema_version".to_owned(), 3.into());
    Ok(document)
}

/// Version 4 gives each applicability decision its kinds of reason (and the risk it treats, if
/// any) beside the free-text justification. No reason is invented for older decisions: they
/// start with none, for the user to give.
fn v3_to_v4(mut document: serde_json::Value) -> Result<serde_json::Value, ImportError> {
    let object = document.as_object_mut().ok_or_else(|| ImportError::Shape {
        field: "(document)".to_owned(),
        message: "expected a JSON object".to_owned(),
    })?;
    if let Some(decisions) = object
        .get_mut("applicability")
        .and_then(serde_json::Value::as_array_mut)
    {
        for decision in decisions
            .iter_mut()
            .filter_map(serde_json::Value::as_object_mut)
        {
            decision.insert("reasons".to_owned(), serde_json::json!([]));
            decision.insert("risk_reference".to_owned(), serde_json::Value::Null);
        }
    }
    object.insert("schema_version".to_owned(), 4.into());
    Ok(document)
}

/// Version 5 can carry the conflicts a three-way merge left for the user to resolve. An older
/// programme has none, and an empty list is not written.
fn v4_to_v5(mut document: serde_json::Value) -> Result<serde_json::Value, ImportError> {
    let object = document.as_object_mut().ok_or_else(|| ImportError::Shape {
        field: "(document)".to_owned(),
        message: "expected a JSON object".to_owned(),
    })?;
    object.insert("schema_version".to_owned(), 5.into());
    Ok(document)
}

/// Whether two register names are the same name: compared without surrounding space or case.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The programme as pretty JSON; importing it gives back the same programme.
pub fn export_json(programme: &Programme) -> String {
    let mut text = serde_json::to_string_pretty(programme).expect("a programme always serialises");
    text.push('\n');
    text
}
