//! Edits of the evidence base: add, fields, collection dates and periods, links, delete.

use chrono::NaiveDate;

use super::{not_empty, take_number, EditError};
use crate::programme::{Cadence, EndsBeforeStart, EvidenceItem, EvidenceKind, Period, Programme};

/// The evidence base.
impl Programme {
    fn evidence_mut(&mut self, id: &str) -> Result<&mut EvidenceItem, EditError> {
        self.evidence
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or_else(|| EditError::UnknownEvidence(id.to_owned()))
    }

    /// Adds an evidence item with the next id (ids are never reused) and returns the id.
    pub fn add_evidence(
        &mut self,
        title: &str,
        kind: EvidenceKind,
        cadence: Cadence,
    ) -> Result<String, EditError> {
        not_empty(title, "title")?;
        let id = format!(
            "EV-{:03}",
            take_number(&mut self.next_evidence, "evidence item")?
        );
        self.evidence.push(EvidenceItem {
            id: id.clone(),
            title: title.to_owned(),
            kind,
            owner: String::new(),
            cadence,
            location: String::new(),
            collected: Vec::new(),
            period: None,
            controls: Vec::new(),
        });
        Ok(id)
    }

    /// Retitles an evidence item; a title cannot be empty.
    pub fn set_evidence_title(&mut self, id: &str, title: &str) -> Result<(), EditError> {
        not_empty(title, "title")?;
        title.clone_into(&mut self.evidence_mut(id)?.title);
        Ok(())
    }

    /// Sets what kind of artefact an evidence item is.
    pub fn set_evidence_kind(&mut self, id: &str, kind: EvidenceKind) -> Result<(), EditError> {
        self.evidence_mut(id)?.kind = kind;
        Ok(())
    }

    /// Names who produces an evidence item.
    pub fn set_evidence_owner(&mut self, id: &str, owner: &str) -> Result<(), EditError> {
        owner.clone_into(&mut self.evidence_mut(id)?.owner);
        Ok(())
    }

    /// Sets how often an evidence item is produced.
    pub fn set_evidence_cadence(&mut self, id: &str, cadence: Cadence) -> Result<(), EditError> {
        self.evidence_mut(id)?.cadence = cadence;
        Ok(())
    }

    /// Sets where the user keeps an evidence item.
    pub fn set_evidence_location(&mut self, id: &str, location: &str) -> Result<(), EditError> {
        location.clone_into(&mut self.evidence_mut(id)?.location);
        Ok(())
    }

    /// Sets the days an evidence item was collected, kept in order without repeats.
    pub fn set_collected(&mut self, id: &str, days: Vec<NaiveDate>) -> Result<(), EditError> {
        let item = self.evidence_mut(id)?;
        let mut days = days;
        days.sort_unstable();
        days.dedup();
        item.collected = days;
        Ok(())
    }

    /// Sets or clears the span of time an evidence item covers.
    pub fn set_evidence_period(
        &mut self,
        id: &str,
        period: Option<Period>,
    ) -> Result<(), EditError> {
        if let Some(period) = period {
            Period::new(period.start, period.end)?;
        }
        self.evidence_mut(id)?.period = period;
        Ok(())
    }

    /// Moves the first day of an evidence item's period (a period of one day if it had none);
    /// no day clears the period. Refused if the period would end before it starts.
    pub fn set_evidence_period_start(
        &mut self,
        id: &str,
        start: Option<NaiveDate>,
    ) -> Result<(), EditError> {
        self.reshape_period(id, start, |current, start| {
            Period::new(start, current.map_or(start, |p| p.end))
        })
    }

    /// Moves the last day of an evidence item's period (a period of one day if it had none);
    /// no day clears the period. Refused if the period would end before it starts.
    pub fn set_evidence_period_end(
        &mut self,
        id: &str,
        end: Option<NaiveDate>,
    ) -> Result<(), EditError> {
        self.reshape_period(id, end, |current, end| {
            Period::new(current.map_or(end, |p| p.start), end)
        })
    }

    /// Sets the period to `reshape(current period, day)`, or clears it when there is no day.
    fn reshape_period(
        &mut self,
        id: &str,
        day: Option<NaiveDate>,
        reshape: fn(Option<Period>, NaiveDate) -> Result<Period, EndsBeforeStart>,
    ) -> Result<(), EditError> {
        let current = self
            .evidence_item(id)
            .ok_or_else(|| EditError::UnknownEvidence(id.to_owned()))?
            .period;
        let period = day.map(|day| reshape(current, day)).transpose()?;
        self.set_evidence_period(id, period)
    }

    /// Records that an evidence item supports a unified control.
    pub fn link_evidence(&mut self, evidence: &str, control: &str) -> Result<(), EditError> {
        if self.control(control).is_none() {
            return Err(EditError::UnknownControl(control.to_owned()));
        }
        let item = self.evidence_mut(evidence)?;
        if !item.controls.iter().any(|c| c == control) {
            item.controls.push(control.to_owned());
        }
        Ok(())
    }

    /// Records that an evidence item no longer supports a unified control.
    pub fn unlink_evidence(&mut self, evidence: &str, control: &str) -> Result<(), EditError> {
        if self.control(control).is_none() {
            return Err(EditError::UnknownControl(control.to_owned()));
        }
        self.evidence_mut(evidence)?
            .controls
            .retain(|c| c != control);
        Ok(())
    }

    /// Deletes an evidence item; its id is not reused.
    pub fn delete_evidence(&mut self, id: &str) -> Result<(), EditError> {
        self.evidence_mut(id)?;
        self.evidence.retain(|e| e.id != id);
        Ok(())
    }
}
