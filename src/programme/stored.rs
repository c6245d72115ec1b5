//! How a programme is kept in the browser's local storage: split into compressed parts so a
//! save rewrites only what changed, under keys named by content so a half-finished save never
//! damages the copy already stored.
//!
//! The head, under [`HEAD_KEY`], lists the part keys. A part holds the document without its
//! controls and evidence, or one run of up to [`CONTROLS_PER_PART`] controls or
//! [`EVIDENCE_PER_PART`] evidence items, as LZ4-compressed, base64-encoded JSON. A save writes the new
//! parts first and the head last, so a reader sees the old version or the new one, never a mix.
//! A head holding a whole programme document (what earlier releases stored, or a hand-written
//! file) is still read.
//!
//! This module is plain Rust and owns the whole protocol ([`load`], [`write()`], [`remove`]) over
//! a small [`KeyValueStore`] trait: the web layer implements the trait over local storage, and
//! the tests over a map that can fail any write.

use std::collections::BTreeSet;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::{
    import_document, EvidenceItem, ImportError, Programme, UnifiedControl, MAX_IMPORT_BYTES,
};

/// The key of the head, which earlier releases used for the whole document.
pub const HEAD_KEY: &str = "crosswalk.programme";
/// Every part key starts with this.
pub const PART_PREFIX: &str = "crosswalk.programme.part.";
/// The head's format tag.
pub const FORMAT: &str = "crosswalk-parts-1";
/// Controls per part: an edit to one control rewrites about 60 KB of JSON, not the programme.
pub const CONTROLS_PER_PART: usize = 100;
/// Evidence items per part.
pub const EVIDENCE_PER_PART: usize = 500;

/// Why storage refused a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// The storage quota is full.
    #[error("the browser's storage is full")]
    QuotaFull,
    /// Storage is not available (private mode, disabled by policy) or failed otherwise.
    #[error("the browser's storage is not available")]
    Unavailable,
}

/// A key-value store of text, such as the browser's local storage.
pub trait KeyValueStore {
    /// The value under a key.
    fn get(&self, key: &str) -> Option<String>;
    /// Writes a value under a key.
    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError>;
    /// Removes a key and its value.
    fn remove(&mut self, key: &str) -> Result<(), WriteError>;
    /// Every key present.
    fn keys(&self) -> Vec<String>;
}

/// The head: which parts make up the stored programme, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    storage_format: String,
    base: String,
    controls: Vec<String>,
    evidence: Vec<String>,
}

/// One stored part: its key and the encoded value written under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The storage key, derived from the content.
    pub key: String,
    /// LZ4-compressed JSON (block format, size first), base64-encoded.
    pub value: String,
}

impl Part {
    fn encode(json: &str) -> Part {
        // LZ4 rather than deflate: several times faster and a much smaller wasm, for a stored
        // size only about a tenth larger.
        let compressed = lz4_flex::compress_prepend_size(json.as_bytes());
        Part {
            key: format!("{PART_PREFIX}{:016x}", fnv1a(json.as_bytes())),
            value: base64::engine::general_purpose::STANDARD.encode(compressed),
        }
    }
}

/// FNV-1a: a fixed, documented hash, so part keys mean the same in every release.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A run of items as last encoded, kept to tell whether the run changed since.
#[derive(Debug, Clone)]
struct Run<T> {
    items: Vec<T>,
    part: Part,
}

/// Brings `runs` in line with `items` cut into runs of `size`, re-encoding only the runs whose
/// items differ from what was last encoded; returns how many it re-encoded.
fn refresh<T: Clone + PartialEq + Serialize>(
    runs: &mut Vec<Run<T>>,
    items: &[T],
    size: usize,
) -> usize {
    let wanted: Vec<&[T]> = items.chunks(size).collect();
    runs.truncate(wanted.len());
    let mut encoded = 0;
    for (index, slice) in wanted.into_iter().enumerate() {
        if runs.get(index).is_some_and(|run| run.items == slice) {
            continue;
        }
        encoded += 1;
        let json = serde_json::to_string(slice).expect("programme items always serialise");
        let run = Run {
            items: slice.to_vec(),
            part: Part::encode(&json),
        };
        match runs.get_mut(index) {
            Some(existing) => *existing = run,
            None => runs.push(run),
        }
    }
    encoded
}

fn keys<T>(runs: &[Run<T>]) -> Vec<String> {
    runs.iter().map(|run| run.part.key.clone()).collect()
}

/// The document without its controls and evidence: everything a part of its own does not hold.
fn base_of(programme: &Programme) -> Programme {
    let Programme {
        schema_version,
        scope,
        applicability,
        controls: _,
        evidence: _,
        cuecs,
        subservice_organisations,
        description_notes,
        next_control,
        next_evidence,
        next_cuec,
        merge_conflicts,
        snapshots,
    } = programme;
    Programme {
        schema_version: *schema_version,
        scope: scope.clone(),
        applicability: applicability.clone(),
        controls: Vec::new(),
        evidence: Vec::new(),
        cuecs: cuecs.clone(),
        subservice_organisations: subservice_organisations.clone(),
        description_notes: description_notes.clone(),
        next_control: *next_control,
        next_evidence: *next_evidence,
        next_cuec: *next_cuec,
        merge_conflicts: merge_conflicts.clone(),
        snapshots: snapshots.clone(),
    }
}

/// The stored form of one programme, kept between saves so each save encodes only the parts
/// that changed.
#[derive(Debug, Clone, Default)]
pub struct StoredForm {
    base: Vec<Run<Programme>>,
    controls: Vec<Run<UnifiedControl>>,
    evidence: Vec<Run<EvidenceItem>>,
}

/// What to write for one save: every part the head names (write those not already stored),
/// then the head.
#[derive(Debug, Clone, PartialEq)]
pub struct Save<'a> {
    /// The parts, in the head's order.
    pub parts: Vec<&'a Part>,
    /// The head text, to write last.
    pub head: String,
    /// How many parts this save had to encode: the rest were unchanged since the last save.
    pub encoded: usize,
}

impl Save<'_> {
    /// Whether `key` is a part key this save does not use: safe to remove once the head is
    /// written.
    fn is_stale_part(&self, key: &str) -> bool {
        key.starts_with(PART_PREFIX) && !self.parts.iter().any(|part| part.key == key)
    }
}

impl StoredForm {
    /// Encodes what changed since the last call and returns the whole save.
    pub fn update(&mut self, programme: &Programme) -> Save<'_> {
        let encoded = refresh(&mut self.base, std::slice::from_ref(&base_of(programme)), 1)
            + refresh(&mut self.controls, &programme.controls, CONTROLS_PER_PART)
            + refresh(&mut self.evidence, &programme.evidence, EVIDENCE_PER_PART);
        let head = Head {
            storage_format: FORMAT.to_owned(),
            base: self.base[0].part.key.clone(),
            controls: keys(&self.controls),
            evidence: keys(&self.evidence),
        };
        let parts = self
            .base
            .iter()
            .map(|run| &run.part)
            .chain(self.controls.iter().map(|run| &run.part))
            .chain(self.evidence.iter().map(|run| &run.part))
            .collect();
        Save {
            parts,
            head: serde_json::to_string(&head).expect("a head always serialises"),
            encoded,
        }
    }
}

/// Why the stored programme could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoredError {
    /// A part the head names is missing or damaged.
    #[error("the stored programme is damaged: {0}")]
    Damaged(String),
    /// The parts decode, but the document they make is not a valid programme.
    #[error("{error}")]
    Invalid {
        /// What is wrong with it.
        error: ImportError,
        /// The document the parts make, as JSON, so the user can still export it.
        document: String,
    },
}

impl StoredError {
    /// The document as far as it could be recovered, for the user to export.
    pub fn recovered_document(&self) -> Option<&str> {
        match self {
            StoredError::Damaged(_) => None,
            StoredError::Invalid { document, .. } => Some(document),
        }
    }
}

/// Every part key a head names, so storage can tell which stored parts are still in use.
pub fn part_keys(head: &str) -> BTreeSet<String> {
    serde_json::from_str::<Head>(head)
        .map(|head| {
            std::iter::once(head.base)
                .chain(head.controls)
                .chain(head.evidence)
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a stored programme from its head and a way to fetch each part, and returns it with
/// its stored form, so the next save rewrites only what changes. A head holding a whole
/// document (older releases) is imported as such.
pub fn read(
    head: &str,
    mut part: impl FnMut(&str) -> Option<String>,
) -> Result<(Programme, StoredForm), StoredError> {
    let Ok(parsed) = serde_json::from_str::<Head>(head) else {
        return match super::import_json(head.as_bytes()) {
            Ok(programme) => Ok((programme, StoredForm::default())),
            Err(error) => Err(StoredError::Invalid {
                error,
                document: head.to_owned(),
            }),
        };
    };
    if parsed.storage_format != FORMAT {
        return Err(StoredError::Damaged(format!(
            "storage format {:?} is not one this Crosswalk reads",
            parsed.storage_format
        )));
    }
    let mut budget = MAX_IMPORT_BYTES;
    let mut fetch = |key: &str| -> Result<(Part, String), StoredError> {
        let value =
            part(key).ok_or_else(|| StoredError::Damaged(format!("part {key} is missing")))?;
        let json = decode(&value, budget)
            .map_err(|why| StoredError::Damaged(format!("part {key} {why}")))?;
        budget = budget.saturating_sub(json.len());
        Ok((
            Part {
                key: key.to_owned(),
                value,
            },
            json,
        ))
    };
    let (base_part, base_json) = fetch(&parsed.base)?;
    let control_parts = parsed
        .controls
        .iter()
        .map(|key| fetch(key))
        .collect::<Result<Vec<_>, _>>()?;
    let evidence_parts = parsed
        .evidence
        .iter()
        .map(|key| fetch(key))
        .collect::<Result<Vec<_>, _>>()?;

    let (document, control_counts, evidence_counts) =
        assemble(&base_json, &control_parts, &evidence_parts)?;
    let current_schema = document
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
        == Some(u64::from(super::SCHEMA_VERSION));
    let programme = import_document(document.clone()).map_err(|error| StoredError::Invalid {
        error,
        document: serde_json::to_string_pretty(&document).unwrap_or_default(),
    })?;
    // Parts written before a schema change no longer match the migrated items: encode afresh.
    let form = if current_schema {
        StoredForm {
            base: vec![Run {
                items: vec![base_of(&programme)],
                part: base_part,
            }],
            controls: seed(
                &programme.controls,
                control_parts,
                &control_counts,
                CONTROLS_PER_PART,
            ),
            evidence: seed(
                &programme.evidence,
                evidence_parts,
                &evidence_counts,
                EVIDENCE_PER_PART,
            ),
        }
    } else {
        StoredForm::default()
    };
    Ok((programme, form))
}

/// Base64, then decompress within a size limit (no decompression bomb), then UTF-8.
fn decode(value: &str, limit: usize) -> Result<String, String> {
    let compressed = base64::engine::general_purpose::STANDARD
        .decode(value)
        .map_err(|e| format!("is not base64 ({e})"))?;
    let size = compressed
        .first_chunk::<4>()
        .map(|size| u32::from_le_bytes(*size) as usize)
        .ok_or("is too short to be LZ4")?;
    if size > limit {
        return Err(format!(
            "would decompress to {size} bytes, more than a programme can be"
        ));
    }
    let json = lz4_flex::decompress_size_prepended(&compressed)
        .map_err(|e| format!("does not decompress ({e})"))?;
    String::from_utf8(json).map_err(|_| "is not UTF-8 text".to_owned())
}

/// The whole document from the base and the item parts, ready for validation, with the number
/// of items each part held.
fn assemble(
    base_json: &str,
    controls: &[(Part, String)],
    evidence: &[(Part, String)],
) -> Result<(serde_json::Value, Vec<usize>, Vec<usize>), StoredError> {
    let base: serde_json::Value = serde_json::from_str(base_json)
        .map_err(|e| StoredError::Damaged(format!("the base part is not JSON ({e})")))?;
    // The base is stored like any run: a JSON array, here of one document.
    let mut document = match base {
        serde_json::Value::Array(mut run) if run.len() == 1 => run.remove(0),
        _ => serde_json::Value::Null,
    };
    let object = document.as_object_mut().ok_or_else(|| {
        StoredError::Damaged("the base part is not one JSON object in an array".to_owned())
    })?;
    let (control_items, control_counts) = concat(controls)?;
    let (evidence_items, evidence_counts) = concat(evidence)?;
    object.insert("controls".to_owned(), control_items);
    object.insert("evidence".to_owned(), evidence_items);
    Ok((document, control_counts, evidence_counts))
}

fn concat(parts: &[(Part, String)]) -> Result<(serde_json::Value, Vec<usize>), StoredError> {
    let mut items = Vec::new();
    let mut counts = Vec::with_capacity(parts.len());
    for (part, json) in parts {
        match serde_json::from_str(json) {
            Ok(serde_json::Value::Array(run)) => {
                counts.push(run.len());
                items.extend(run);
            }
            _ => {
                return Err(StoredError::Damaged(format!(
                    "part {} is not a JSON array",
                    part.key
                )))
            }
        }
    }
    Ok((serde_json::Value::Array(items), counts))
}

/// The stored form matching what was just read, where every part holds exactly one of this
/// release's runs; otherwise empty, so the next save encodes everything afresh.
fn seed<T: Clone>(
    items: &[T],
    parts: Vec<(Part, String)>,
    counts: &[usize],
    size: usize,
) -> Vec<Run<T>> {
    let runs: Vec<&[T]> = items.chunks(size).collect();
    let aligned = runs.len() == counts.len()
        && runs
            .iter()
            .zip(counts)
            .all(|(run, &count)| run.len() == count);
    if !aligned {
        return Vec::new();
    }
    runs.into_iter()
        .zip(parts)
        .map(|(slice, (part, _))| Run {
            items: slice.to_vec(),
            part,
        })
        .collect()
}

/// Reads the stored programme and its stored form (so the next save rewrites only what
/// changes); `None` when nothing is stored.
pub fn load(store: &impl KeyValueStore) -> Option<Result<(Programme, StoredForm), StoredError>> {
    let head = store.get(HEAD_KEY)?;
    Some(read(&head, |key| store.get(key)))
}

/// Writes a save: the parts not already stored, then the head, then removes the parts the head
/// no longer names, and returns the head written. If a part or the head cannot be written, the
/// parts written so far are removed again: the stored head still names the previous parts, so
/// the stored programme is the previous one, intact, and no space is left taken by parts
/// nothing names.
pub fn write(store: &mut impl KeyValueStore, save: &Save<'_>) -> Result<String, WriteError> {
    let present = store.keys();
    let mut written: Vec<&str> = Vec::new();
    let mut outcome = Ok(());
    for part in &save.parts {
        if present.contains(&part.key) || written.contains(&part.key.as_str()) {
            continue;
        }
        outcome = store.set(&part.key, &part.value);
        if outcome.is_err() {
            break;
        }
        written.push(&part.key);
    }
    if let Err(error) = outcome.and_then(|()| store.set(HEAD_KEY, &save.head)) {
        for key in written {
            let _ = store.remove(key);
        }
        return Err(error);
    }
    for key in present.iter().filter(|key| save.is_stale_part(key)) {
        let _ = store.remove(key);
    }
    Ok(save.head.clone())
}

/// Removes the stored programme: the head, then every part.
pub fn remove(store: &mut impl KeyValueStore) -> Result<(), WriteError> {
    store.remove(HEAD_KEY)?;
    for key in store
        .keys()
        .iter()
        .filter(|key| key.starts_with(PART_PREFIX))
    {
        let _ = store.remove(key);
    }
    Ok(())
}

/// Everything stored for an unreadable programme (the head and each part it names), as one
/// JSON object, so a backup keeps it all.
pub fn raw_bundle(store: &impl KeyValueStore, head: &str) -> String {
    let mut bundle = serde_json::Map::new();
    bundle.insert(HEAD_KEY.to_owned(), head.into());
    for key in part_keys(head) {
        if let Some(value) = store.get(&key) {
            bundle.insert(key, value.into());
        }
    }
    serde_json::to_string_pretty(&bundle).unwrap_or_else(|_| head.to_owned())
}
