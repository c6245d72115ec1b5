//! Settling the conflicts a three-way merge recorded: keep our value (already in the
//! programme) or take theirs, one conflict at a time.

use serde_json::Value;

use super::EditError;
use crate::programme::records::{counters, document, records, Record, Register};
use crate::programme::{import_document, Programme};

/// Which side's value settles a merge conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Our value, which the programme already holds.
    KeepOurs,
    /// Their value, put in place of ours.
    TakeTheirs,
}

impl Programme {
    /// Settles the merge conflict at `index` of [`Programme::merge_conflicts`]. Taking their
    /// value is refused, with the programme unchanged, if the result would not be a valid
    /// programme (their evidence citing a control that is gone, say).
    pub fn resolve_conflict(
        &mut self,
        index: usize,
        resolution: Resolution,
    ) -> Result<(), EditError> {
        let conflict = self
            .merge_conflicts
            .get(index)
            .cloned()
            .ok_or(EditError::UnknownConflict(index))?;
        if resolution == Resolution::TakeTheirs {
            let register = Register::from_id(&conflict.register)
                .ok_or_else(|| EditError::CannotTakeTheirs(conflict.register.clone()))?;
            let mut all = records(self);
            let found = all
                .iter()
                .position(|r| r.register == register && r.key == conflict.key);
            match (&conflict.theirs, conflict.field.is_empty(), found) {
                (Value::Null, true, Some(at)) => {
                    all.remove(at);
                    if register == Register::Controls {
                        unlink_control(&mut all, &conflict.key);
                    }
                }
                (Value::Object(fields), true, found) => {
                    let record = Record {
                        register,
                        key: conflict.key.clone(),
                        fields: fields.clone(),
                    };
                    match found {
                        Some(at) => all[at] = record,
                        None => all.push(record),
                    }
                }
                (theirs, false, Some(at)) => {
                    all[at]
                        .fields
                        .insert(conflict.field.clone(), theirs.clone());
                }
                _ => return Err(EditError::CannotTakeTheirs(conflict.key.clone())),
            }
            let mut settled = import_document(document(&all, counters(self)))
                .map_err(|e| EditError::CannotTakeTheirs(e.to_string()))?;
            settled.merge_conflicts = self.merge_conflicts.clone();
            settled.snapshots = self.snapshots.clone();
            *self = settled;
        }
        self.merge_conflicts.remove(index);
        Ok(())
    }
}

/// Their side removed a control: its evidence links go with it, as when a control is deleted.
fn unlink_control(all: &mut [Record], id: &str) {
    for evidence in all.iter_mut().filter(|r| r.register == Register::Evidence) {
        if let Some(Value::Array(controls)) = evidence.fields.get_mut("controls") {
            controls.retain(|c| c.as_str() != Some(id));
        }
    }
}
