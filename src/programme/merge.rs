//! Three-way merge of programme files, by item key and field, as a git merge driver needs it:
//! edits to different items or fields merge cleanly; the same field changed differently on
//! both sides keeps our value and is recorded as a conflict in the programme, which stays valid.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::records::{by_key, counters, document, records, Record, Register};
use super::{import_document, MergeConflict, Programme, Snapshot};

/// The merged programme and what needs the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The merged programme, valid, with this merge's conflicts appended to
    /// [`Programme::merge_conflicts`] and the snapshots of both sides (ours first; a name
    /// both have keeps ours).
    pub programme: Programme,
    /// This merge's conflicts (also in the programme).
    pub conflicts: Vec<MergeConflict>,
    /// Items both sides added under the same new id: their side's item was given the next free
    /// id, as `(register, their id, new id)`.
    pub renumbered: Vec<(Register, String, String)>,
}

impl MergeConflict {
    /// Where the conflict is: `controls UC-002 owner`, or `controls UC-002` for a whole item.
    pub fn place(&self) -> String {
        [&self.register, &self.key, &self.field]
            .into_iter()
            .filter(|part| !part.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// One side's value in words: JSON as written, or `(removed)` when that side removed it.
    pub fn value_text(value: &Value) -> String {
        match value {
            Value::Null => "(removed)".to_owned(),
            other => other.to_string(),
        }
    }

    /// The conflict in one line, as the merge driver reports it.
    pub fn describe(&self) -> String {
        format!(
            "{}: ours {} (kept), theirs {}",
            self.place(),
            Self::value_text(&self.ours),
            Self::value_text(&self.theirs)
        )
    }
}

/// Merges `theirs` into `ours`, relative to their common ancestor `base`.
pub fn merge(base: &Programme, ours: &Programme, theirs: &Programme) -> Merged {
    let (base_records, our_records) = (records(base), records(ours));
    let mut their_records = records(theirs);
    let mut next = max_counters(&[counters(base), counters(ours), counters(theirs)]);
    let renumbered = renumber_clashes(&base_records, &our_records, &mut their_records, &mut next);
    let mut conflicts = Vec::new();
    let mut merged = Vec::new();
    for register in Register::ALL {
        let (b, o, t) = (
            register.records_in(&base_records),
            register.records_in(&our_records),
            register.records_in(&their_records),
        );
        let (in_base, in_ours, in_theirs) = (by_key(&b), by_key(&o), by_key(&t));
        let find = |index: &HashMap<&str, &Record>, key: &str| index.get(key).map(|r| (*r).clone());
        // Our items in our order, then their additions, then items only they kept.
        let mut keys: Vec<&str> = o.iter().map(|r| r.key.as_str()).collect();
        let theirs_only = || t.iter().filter(|r| !in_ours.contains_key(r.key.as_str()));
        keys.extend(
            theirs_only()
                .filter(|r| !in_base.contains_key(r.key.as_str()))
                .map(|r| r.key.as_str()),
        );
        keys.extend(
            theirs_only()
                .filter(|r| in_base.contains_key(r.key.as_str()))
                .map(|r| r.key.as_str()),
        );
        for key in keys {
            let item = merge_item(
                register,
                key,
                find(&in_base, key),
                find(&in_ours, key),
                find(&in_theirs, key),
                &mut conflicts,
            );
            merged.extend(item);
        }
    }
    drop_dangling_references(&mut merged, &mut conflicts);
    let programme = match import_document(document(&merged, next)) {
        Ok(programme) => programme,
        Err(error) => {
            // The pieces merged but do not make a valid programme together (two names that
            // differ only in case, say): keep ours whole and say so.
            conflicts = vec![not_merged(&error.to_string())];
            ours.clone()
        }
    };
    Merged {
        programme: finished(programme, ours, theirs, &conflicts),
        conflicts,
        renumbered,
    }
}

/// The newest snapshot both versions hold unchanged (same name, same frozen programme): the
/// common ancestor that makes a three-way merge of two files possible.
pub fn common_snapshot<'a>(ours: &'a Programme, theirs: &Programme) -> Option<&'a Snapshot> {
    ours.snapshots
        .iter()
        .rev()
        .find(|mine| theirs.snapshots.iter().any(|other| other == *mine))
}

/// A two-way merge for files with no common ancestor: ours, with their version of each chosen
/// item (`(register, key)`, as [`super::diff::diff`] names the differences) put in place:
/// changed, added where we lack it, removed where they lack it. References left dangling are
/// dropped and reported as conflicts, so the result is always a valid programme.
pub fn take_theirs(ours: &Programme, theirs: &Programme, chosen: &[(Register, String)]) -> Merged {
    let mut result = records(ours);
    let their_records = records(theirs);
    let mut next = counters(ours);
    for (register, key) in chosen {
        // A taken item keeps its id, so the counter moves past it.
        if let Some((prefix, digits, slot)) = numbering(*register) {
            if let Some(number) = super::validate::id_number(key, prefix, digits) {
                next[slot] = next[slot].max(number.saturating_add(1));
            }
        }
        let mine = result
            .iter()
            .position(|r| r.register == *register && r.key == *key);
        let other = their_records
            .iter()
            .find(|r| r.register == *register && r.key == *key);
        match (mine, other) {
            (Some(at), Some(other)) => result[at] = other.clone(),
            (None, Some(other)) => result.push(other.clone()),
            (Some(at), None) => {
                result.remove(at);
            }
            (None, None) => {}
        }
    }
    let mut conflicts = Vec::new();
    drop_dangling_references(&mut result, &mut conflicts);
    let programme = import_document(document(&result, next)).unwrap_or_else(|error| {
        conflicts = vec![not_merged(&error.to_string())];
        ours.clone()
    });
    Merged {
        programme: finished(programme, ours, theirs, &conflicts),
        conflicts,
        renumbered: Vec::new(),
    }
}

/// What a merge carries over besides the registers: both sides' snapshots (ours first; a name
/// both have keeps ours), and our unsettled conflicts followed by this merge's.
fn finished(
    mut programme: Programme,
    ours: &Programme,
    theirs: &Programme,
    conflicts: &[MergeConflict],
) -> Programme {
    programme.snapshots = ours.snapshots.clone();
    for snapshot in &theirs.snapshots {
        if programme.snapshot(&snapshot.name).is_none() {
            programme.snapshots.push(snapshot.clone());
        }
    }
    programme.merge_conflicts = ours.merge_conflicts.clone();
    for conflict in conflicts {
        if !programme.merge_conflicts.contains(conflict) {
            programme.merge_conflicts.push(conflict.clone());
        }
    }
    programme
}

/// The conflict that says their side could not be merged at all, and why.
fn not_merged(why: &str) -> MergeConflict {
    MergeConflict {
        register: "programme".to_owned(),
        key: String::new(),
        field: String::new(),
        base: Value::Null,
        ours: Value::String("kept".to_owned()),
        theirs: Value::String(format!("not merged: {why}")),
    }
}

fn max_counters(all: &[[u32; 3]]) -> [u32; 3] {
    let mut highest = [0; 3];
    for counters in all {
        for (slot, value) in highest.iter_mut().zip(counters) {
            *slot = (*slot).max(*value);
        }
    }
    highest
}

/// How a numbered register writes its ids: prefix, least digits, and its counter's slot.
fn numbering(register: Register) -> Option<(&'static str, usize, usize)> {
    match register {
        Register::Controls => Some(("UC", 3, 0)),
        Register::Evidence => Some(("EV", 3, 1)),
        Register::Cuecs => Some(("CUEC", 2, 2)),
        _ => None,
    }
}

/// Both sides numbered their new items from the same counter, so the same new id can name two
/// different items. Their item takes the next free id, and their evidence follows a renumbered
/// control.
fn renumber_clashes(
    base: &[Record],
    ours: &[Record],
    theirs: &mut [Record],
    next: &mut [u32; 3],
) -> Vec<(Register, String, String)> {
    let mut renumbered = Vec::new();
    for register in [Register::Controls, Register::Evidence, Register::Cuecs] {
        let (prefix, digits, slot) = numbering(register).expect("a numbered register");
        let (in_base, in_ours) = (register.records_in(base), register.records_in(ours));
        let (in_base, in_ours) = (by_key(&in_base), by_key(&in_ours));
        for index in 0..theirs.len() {
            let record = &theirs[index];
            if record.register != register || in_base.contains_key(record.key.as_str()) {
                continue;
            }
            let clash = in_ours.get(record.key.as_str());
            if clash.is_none_or(|ours| ours.fields == record.fields) {
                continue;
            }
            let old = record.key.clone();
            let new = format!("{prefix}-{:0digits$}", next[slot]);
            next[slot] += 1;
            let record = &mut theirs[index];
            record.key = new.clone();
            record
                .fields
                .insert("id".to_owned(), Value::String(new.clone()));
            if register == Register::Controls {
                for evidence in theirs
                    .iter_mut()
                    .filter(|r| r.register == Register::Evidence)
                {
                    if let Some(Value::Array(controls)) = evidence.fields.get_mut("controls") {
                        for control in controls.iter_mut().filter(|c| c.as_str() == Some(&old)) {
                            *control = Value::String(new.clone());
                        }
                    }
                }
            }
            renumbered.push((register, old, new));
        }
    }
    renumbered
}

/// One item's merge: `None` when it is not in the result.
fn merge_item(
    register: Register,
    key: &str,
    base: Option<Record>,
    ours: Option<Record>,
    theirs: Option<Record>,
    conflicts: &mut Vec<MergeConflict>,
) -> Option<Record> {
    let whole = |record: &Option<Record>| {
        record
            .as_ref()
            .map_or(Value::Null, |r| Value::Object(r.fields.clone()))
    };
    let conflict = |field: &str, b: Value, o: Value, t: Value| MergeConflict {
        register: register.id().to_owned(),
        key: key.to_owned(),
        field: field.to_owned(),
        base: b,
        ours: o,
        theirs: t,
    };
    match (&ours, &theirs) {
        (Some(o), Some(t)) => {
            let empty = Map::new();
            let b = base.as_ref().map_or(&empty, |b| &b.fields);
            let fields = merge_fields(b, &o.fields, &t.fields, |field, b, o, t| {
                conflicts.push(conflict(field, b, o, t));
            });
            Some(Record {
                fields,
                ..o.clone()
            })
        }
        // Removed on their side: gone if ours is unchanged, else a conflict and ours stays.
        (Some(o), None) => match &base {
            None => Some(o.clone()),
            Some(b) if b.fields == o.fields => None,
            Some(_) => {
                conflicts.push(conflict("", whole(&base), whole(&ours), Value::Null));
                Some(o.clone())
            }
        },
        // Removed on our side: stays removed; a conflict if they changed it meanwhile.
        (None, Some(t)) => match &base {
            None => Some(t.clone()),
            Some(b) if b.fields == t.fields => None,
            Some(_) => {
                conflicts.push(conflict("", whole(&base), Value::Null, whole(&theirs)));
                None
            }
        },
        (None, None) => None,
    }
}

/// Field by field: a field changed on one side takes that side's value; changed the same way
/// on both, that value; changed differently, ours, reported through `conflict`. Lists of plain
/// values (refs, dates, linked ids) merge as sets, so two people adding different refs to one
/// control both keep theirs.
fn merge_fields(
    base: &Map<String, Value>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    mut conflict: impl FnMut(&str, Value, Value, Value),
) -> Map<String, Value> {
    let mut names: Vec<&String> = ours.keys().collect();
    names.extend(theirs.keys().filter(|k| !ours.contains_key(*k)));
    let mut merged = Map::new();
    for name in names {
        let (b, o, t) = (base.get(name), ours.get(name), theirs.get(name));
        let value = if o == t || b == t {
            o.cloned()
        } else if b == o {
            t.cloned()
        } else if let Some(set) = merge_as_sets(b, o, t) {
            Some(set)
        } else {
            let null = || Value::Null;
            conflict(
                name,
                b.cloned().unwrap_or_else(null),
                o.cloned().unwrap_or_else(null),
                t.cloned().unwrap_or_else(null),
            );
            o.cloned()
        };
        if let Some(value) = value {
            merged.insert(name.clone(), value);
        }
    }
    merged
}

/// A three-way set merge of lists of plain values: what either side added, minus what either
/// side removed, in our order then theirs. `None` for anything but such lists.
fn merge_as_sets(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
) -> Option<Value> {
    let plain = |value: Option<&Value>| -> Option<Vec<Value>> {
        match value {
            None | Some(Value::Null) => Some(Vec::new()),
            Some(Value::Array(items)) if items.iter().all(|i| !i.is_array() && !i.is_object()) => {
                Some(items.clone())
            }
            Some(_) => None,
        }
    };
    let (b, o, t) = (plain(base)?, plain(ours)?, plain(theirs)?);
    if !matches!(
        (ours, theirs),
        (Some(Value::Array(_)), Some(Value::Array(_)))
    ) {
        return None;
    }
    let mut merged: Vec<Value> = Vec::new();
    for item in o.iter().chain(&t) {
        let kept = (o.contains(item) && t.contains(item)) || !b.contains(item);
        if kept && !merged.contains(item) {
            merged.push(item.clone());
        }
    }
    Some(Value::Array(merged))
}

/// A merge can leave an evidence item citing a control the other side removed, or a residual
/// note for a criterion its control no longer lists; those references go, each reported.
fn drop_dangling_references(records: &mut [Record], conflicts: &mut Vec<MergeConflict>) {
    let criteria_of: HashMap<String, Vec<Value>> = records
        .iter()
        .filter(|r| r.register == Register::Controls)
        .map(|r| {
            let tsc = r.fields.get("tsc").and_then(Value::as_array).cloned();
            (r.key.clone(), tsc.unwrap_or_default())
        })
        .collect();
    for record in records.iter_mut() {
        let (register, key) = (record.register, record.key.clone());
        let field = match register {
            Register::Evidence => "controls",
            Register::Controls => "residuals",
            _ => continue,
        };
        let still_refers = |item: &Value| match register {
            Register::Evidence => item.as_str().is_some_and(|id| criteria_of.contains_key(id)),
            _ => item
                .get("tsc")
                .is_some_and(|t| criteria_of.get(&key).is_some_and(|tsc| tsc.contains(t))),
        };
        let Some(Value::Array(items)) = record.fields.get(field) else {
            continue;
        };
        if items.iter().all(still_refers) {
            continue;
        }
        let kept: Vec<Value> = items.iter().filter(|i| still_refers(i)).cloned().collect();
        conflicts.push(MergeConflict {
            register: register.id().to_owned(),
            key,
            field: field.to_owned(),
            base: Value::Null,
            ours: Value::Array(kept.clone()),
            theirs: Value::Array(items.clone()),
        });
        record.fields.insert(field.to_owned(), Value::Array(kept));
    }
}
