//! Edits of unified controls: add, fields, refs, residual notes, delete and merge.

use super::{known_refs, not_empty, take_number, EditError};
use crate::catalog::refs;
use crate::crosswalk::Side;
use crate::programme::{Programme, ResidualNote, Status, UnifiedControl};

/// Unified controls.
impl Programme {
    fn control_mut(&mut self, id: &str) -> Result<&mut UnifiedControl, EditError> {
        self.controls
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| EditError::UnknownControl(id.to_owned()))
    }

    /// Adds a unified control with the next id (ids are never reused) and returns the id.
    pub fn add_control(&mut self, name: &str) -> Result<String, EditError> {
        not_empty(name, "name")?;
        let id = format!(
            "UC-{:03}",
            take_number(&mut self.next_control, "unified control")?
        );
        self.controls.push(UnifiedControl {
            id: id.clone(),
            name: name.to_owned(),
            description: String::new(),
            owner: String::new(),
            status: Status::NotStarted,
            iso: Vec::new(),
            tsc: Vec::new(),
            residuals: Vec::new(),
        });
        Ok(id)
    }

    /// Renames a unified control; a name cannot be empty.
    pub fn set_control_name(&mut self, id: &str, name: &str) -> Result<(), EditError> {
        not_empty(name, "name")?;
        name.clone_into(&mut self.control_mut(id)?.name);
        Ok(())
    }

    /// Describes what a unified control does.
    pub fn set_control_description(&mut self, id: &str, text: &str) -> Result<(), EditError> {
        text.clone_into(&mut self.control_mut(id)?.description);
        Ok(())
    }

    /// Names who answers for a unified control.
    pub fn set_control_owner(&mut self, id: &str, owner: &str) -> Result<(), EditError> {
        owner.clone_into(&mut self.control_mut(id)?.owner);
        Ok(())
    }

    /// Sets where a unified control stands.
    pub fn set_control_status(&mut self, id: &str, status: Status) -> Result<(), EditError> {
        self.control_mut(id)?.status = status;
        Ok(())
    }

    /// Sets the ISO items a unified control satisfies (clause items and Annex A controls).
    pub fn set_control_iso(&mut self, id: &str, iso: Vec<String>) -> Result<(), EditError> {
        let iso = known_refs(iso, Side::Iso)?;
        self.control_mut(id)?.iso = iso;
        Ok(())
    }

    /// Sets the criteria a unified control satisfies. Residual notes of criteria no longer
    /// listed go with them.
    pub fn set_control_tsc(&mut self, id: &str, tsc: Vec<String>) -> Result<(), EditError> {
        let tsc = known_refs(tsc, Side::Tsc)?;
        let control = self.control_mut(id)?;
        control.residuals.retain(|note| tsc.contains(&note.tsc));
        control.tsc = tsc;
        Ok(())
    }

    /// Says how a unified control handles what SOC 2 asks beyond ISO for one of its criteria;
    /// blank text removes the note.
    pub fn set_residual_note(
        &mut self,
        id: &str,
        criterion: &str,
        text: &str,
    ) -> Result<(), EditError> {
        let control = self.control_mut(id)?;
        if !control.tsc.iter().any(|c| c == criterion) {
            return Err(EditError::CriterionNotListed {
                control: id.to_owned(),
                criterion: criterion.to_owned(),
            });
        }
        let position = control.residuals.iter().position(|n| n.tsc == criterion);
        match (position, text.trim().is_empty()) {
            (Some(at), true) => {
                control.residuals.remove(at);
            }
            (Some(at), false) => text.clone_into(&mut control.residuals[at].handles),
            (None, true) => {}
            (None, false) => control.residuals.push(ResidualNote {
                tsc: criterion.to_owned(),
                handles: text.to_owned(),
            }),
        }
        Ok(())
    }

    /// Deletes a unified control and every evidence link to it; its id is not reused.
    pub fn delete_control(&mut self, id: &str) -> Result<(), EditError> {
        self.control_mut(id)?;
        self.controls.retain(|c| c.id != id);
        for item in &mut self.evidence {
            item.controls.retain(|c| c != id);
        }
        Ok(())
    }

    /// Merges `absorbed` into `kept`: refs, residual notes and evidence links move over, and
    /// the absorbed control is deleted (its id is not reused).
    pub fn merge_controls(&mut self, kept: &str, absorbed: &str) -> Result<(), EditError> {
        self.control_mut(kept)?;
        let gone = self
            .control(absorbed)
            .cloned()
            .ok_or_else(|| EditError::UnknownControl(absorbed.to_owned()))?;
        if kept == absorbed {
            return Err(EditError::MergeIntoItself(kept.to_owned()));
        }
        let target = self.control_mut(kept)?;
        let mut iso = std::mem::take(&mut target.iso);
        iso.extend(gone.iso);
        let mut tsc = std::mem::take(&mut target.tsc);
        tsc.extend(gone.tsc);
        for list in [&mut iso, &mut tsc] {
            list.sort_by(|a, b| refs::compare(a, b));
            list.dedup();
        }
        target.iso = iso;
        target.tsc = tsc;
        for note in gone.residuals {
            if !target.residuals.iter().any(|n| n.tsc == note.tsc) {
                target.residuals.push(note);
            }
        }
        for item in &mut self.evidence {
            if item.controls.iter().any(|c| c == absorbed) {
                item.controls.retain(|c| c != absorbed);
                if !item.controls.iter().any(|c| c == kept) {
                    item.controls.push(kept.to_owned());
                }
            }
        }
        self.controls.retain(|c| c.id != absorbed);
        Ok(())
    }
}
