//! Snapshots and the next audit period: the programme frozen at a named moment, and the move to
//! a new report period that freezes the one ending.

use chrono::NaiveDate;

use super::{not_empty, EditError};
use crate::programme::{same_name, Programme, Report, Snapshot};

impl Programme {
    /// Freezes the programme as it is now under `name` (unique) and `taken`.
    pub fn take_snapshot(&mut self, name: &str, taken: NaiveDate) -> Result<(), EditError> {
        not_empty(name, "snapshot name")?;
        let name = name.trim();
        if self.snapshot(name).is_some() {
            return Err(EditError::DuplicateSnapshot(name.to_owned()));
        }
        let mut frozen = self.clone();
        frozen.snapshots.clear();
        frozen.merge_conflicts.clear();
        self.snapshots.push(Snapshot {
            name: name.to_owned(),
            taken,
            programme: Box::new(frozen),
        });
        Ok(())
    }

    /// The snapshot with this name (compared without case or surrounding space).
    pub fn snapshot(&self, name: &str) -> Option<&Snapshot> {
        self.snapshots.iter().find(|s| same_name(&s.name, name))
    }

    /// Deletes the snapshot with this name.
    pub fn delete_snapshot(&mut self, name: &str) -> Result<(), EditError> {
        let before = self.snapshots.len();
        self.snapshots.retain(|s| !same_name(&s.name, name));
        if self.snapshots.len() == before {
            return Err(EditError::UnknownSnapshot(name.to_owned()));
        }
        Ok(())
    }

    /// Starts the next audit period: the period ending is frozen as a snapshot (named after its
    /// dates), the new report dates are set, and everything else is kept. Evidence collected
    /// before the new period stops counting for it (a standing document collected once still
    /// counts). Returns the snapshot's name and how many evidence items no longer count.
    pub fn start_next_period(
        &mut self,
        next: Report,
        today: NaiveDate,
    ) -> Result<(String, usize), EditError> {
        next.check()?;
        let ending = self.scope.report.window();
        let base = match self.scope.report {
            Report::Type1 { as_of } => format!("SOC 2 Type 1 as of {as_of}"),
            Report::Type2 { period } => {
                format!("SOC 2 period {} to {}", period.start, period.end)
            }
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.snapshot(&name).is_some() {
            name = format!("{base} ({n})");
            n += 1;
        }
        let new_window = next.window();
        let no_longer = self
            .evidence
            .iter()
            .filter(|e| e.is_current(&ending) && !e.is_current(&new_window))
            .count();
        self.take_snapshot(&name, today)?;
        self.scope.report = next;
        Ok((name, no_longer))
    }
}
