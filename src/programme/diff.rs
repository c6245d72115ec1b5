//! What changed between two versions of a programme: items added, removed and changed field by
//! field in every register, and the coverage change per framework.

use serde::Serialize;

use super::coverage::{coverage, ProgrammeCoverage};
use super::records::{as_text, by_key, flattened, records, Record, Register};
use super::Programme;
use crate::catalog::Catalogues;
use crate::crosswalk::coverage::CoverageState;
use crate::crosswalk::{Crosswalk, Side};

/// How an item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
    /// In both, with different fields.
    Changed,
}

impl ChangeKind {
    /// The id used in exports.
    pub fn id(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One field's values in the two versions, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field's path in the item (`name`, `report.period.end`).
    pub field: String,
    /// Its value in the older version (empty when absent).
    pub old: String,
    /// Its value in the newer version.
    pub new: String,
}

/// One item added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemChange {
    /// The register it is in.
    #[serde(serialize_with = "register_id")]
    pub register: Register,
    /// Its key (id, Annex A ref, organisation name, DC ref).
    pub key: String,
    /// What happened to it.
    pub kind: ChangeKind,
    /// The fields that differ (for an added or removed item, every field it has).
    pub fields: Vec<FieldChange>,
}

fn register_id<S: serde::Serializer>(register: &Register, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(register.id())
}

/// How many requirements of one framework are covered, partial and missing in each version,
/// and which moved between states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageChange {
    /// `iso` or `tsc`.
    pub framework: Side,
    /// (covered, partial, missing) in the older version.
    pub old: (usize, usize, usize),
    /// (covered, partial, missing) in the newer version.
    pub new: (usize, usize, usize),
    /// Requirements whose state differs: ref, old state (none when out of scope), new state.
    pub moved: Vec<(String, Option<CoverageState>, Option<CoverageState>)>,
}

/// Everything that differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgrammeDiff {
    /// Item changes, register by register, in the newer version's order (removed items where
    /// the older version had them).
    pub changes: Vec<ItemChange>,
    /// The coverage change of ISO/IEC 27001 and of SOC 2.
    pub coverage: Vec<CoverageChange>,
}

impl ProgrammeDiff {
    /// Whether the two versions hold the same programme (the id counters aside).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many items were added, removed and changed.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |kind| self.changes.iter().filter(|c| c.kind == kind).count();
        (
            count(ChangeKind::Added),
            count(ChangeKind::Removed),
            count(ChangeKind::Changed),
        )
    }
}

/// Compares two versions of a programme.
pub fn diff(
    old: &Programme,
    new: &Programme,
    catalogues: &Catalogues,
    crosswalk: &Crosswalk,
) -> ProgrammeDiff {
    let (old_records, new_records) = (records(old), records(new));
    let mut changes = Vec::new();
    for register in Register::ALL {
        let (before, after) = (
            register.records_in(&old_records),
            register.records_in(&new_records),
        );
        let (earlier, later) = (by_key(&before), by_key(&after));
        for record in &after {
            match earlier.get(record.key.as_str()) {
                None => changes.push(item_change(ChangeKind::Added, None, Some(record))),
                Some(old) if old.fields != record.fields => {
                    changes.push(item_change(ChangeKind::Changed, Some(old), Some(record)))
                }
                Some(_) => {}
            }
        }
        for record in &before {
            if !later.contains_key(record.key.as_str()) {
                changes.push(item_change(ChangeKind::Removed, Some(record), None));
            }
        }
    }
    let (old_coverage, new_coverage) = (
        coverage(old, catalogues, crosswalk),
        coverage(new, catalogues, crosswalk),
    );
    ProgrammeDiff {
        changes,
        coverage: [Side::Iso, Side::Tsc]
            .into_iter()
            .map(|side| coverage_change(side, &old_coverage, &new_coverage))
            .collect(),
    }
}

fn item_change(kind: ChangeKind, old: Option<&Record>, new: Option<&Record>) -> ItemChange {
    let fields_of =
        |record: Option<&Record>| record.map(|r| flattened(&r.fields)).unwrap_or_default();
    let (before, after) = (fields_of(old), fields_of(new));
    let mut paths: Vec<&String> = after.iter().map(|(p, _)| p).collect();
    for (path, _) in &before {
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    let value = |list: &[(String, serde_json::Value)], path: &str| {
        list.iter()
            .find(|(p, _)| p == path)
            .map(|(_, v)| as_text(v))
            .unwrap_or_default()
    };
    let fields = paths
        .into_iter()
        .map(|path| FieldChange {
            field: path.clone(),
            old: value(&before, path),
            new: value(&after, path),
        })
        .filter(|f| f.old != f.new)
        .collect();
    let record = new.or(old).expect("a change has at least one side");
    ItemChange {
        register: record.register,
        key: record.key.clone(),
        kind,
        fields,
    }
}

fn coverage_change(side: Side, old: &ProgrammeCoverage, new: &ProgrammeCoverage) -> CoverageChange {
    let list = |c: &ProgrammeCoverage| match side {
        Side::Iso => c.iso.clone(),
        Side::Tsc => c.tsc.clone(),
    };
    let (before, after) = (list(old), list(new));
    let state_in = |list: &[super::coverage::RequirementCoverage], reference: &str| {
        list.iter()
            .find(|r| r.reference == reference)
            .map(|r| r.state)
    };
    let mut moved = Vec::new();
    for requirement in &after {
        let was = state_in(&before, &requirement.reference);
        if was != Some(requirement.state) {
            moved.push((requirement.reference.clone(), was, Some(requirement.state)));
        }
    }
    for requirement in &before {
        if state_in(&after, &requirement.reference).is_none() {
            moved.push((requirement.reference.clone(), Some(requirement.state), None));
        }
    }
    CoverageChange {
        framework: side,
        old: old.counts(side),
        new: new.counts(side),
        moved,
    }
}
