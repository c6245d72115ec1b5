//! The programme store: the one place the app holds the programme. Components read it through
//! a read-only signal, change it only through [`ProgrammeStore::edit`] (an engine edit method,
//! its refusal reported), and share one coverage memo and one plan memo, so a derived result is
//! computed once per change however many views show it.
//!
//! Nothing here touches the browser: persistence is wired on top by `storage`, so the store is
//! driven natively in tests with a Leptos `Owner`.

use leptos::prelude::*;

use crate::catalog::catalogues;
use crate::crosswalk::crosswalk;
use crate::plan::which_first::Decision;
use crate::plan::{plan, FirstAudit, Plan, PlanError, PlanInputs};
use crate::programme::coverage::{coverage, ProgrammeCoverage};
use crate::programme::edit::EditError;
use crate::programme::Programme;
use crate::ui::perf;

/// The plan settings the user picks on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanChoice {
    /// Which audit comes first.
    pub first: FirstAudit,
    /// The target start; `None` lets the plan start 26 weeks before the SOC 2 date.
    pub start: Option<chrono::NaiveDate>,
    /// The answers behind the "which first?" recommendation.
    pub decision: Decision,
}

/// The programme and what is derived from it, shared through context as a small `Copy` handle.
#[derive(Clone, Copy)]
pub struct ProgrammeStore {
    programme: RwSignal<Option<Programme>>,
    coverage: Memo<Option<ProgrammeCoverage>>,
    plan_choice: RwSignal<PlanChoice>,
    plan: Memo<Option<Result<Plan, PlanError>>>,
    /// The outcome of the last import: (succeeded, message). Kept here so it survives the
    /// view change an accepted import causes.
    pub import_outcome: RwSignal<Option<(bool, String)>>,
    /// The programme as it was before the last import replaced or changed it, for the user to
    /// restore or download; `storage` keeps it across reloads.
    backup: RwSignal<Option<Programme>>,
}

/// The shared programme store.
pub fn use_store() -> ProgrammeStore {
    expect_context::<ProgrammeStore>()
}

impl ProgrammeStore {
    /// A store with no programme, its memos wired to it.
    pub fn new() -> ProgrammeStore {
        let programme = RwSignal::new(None::<Programme>);
        let coverage = Memo::new(move |_| {
            #[cfg(test)]
            tests::count_coverage_run();
            programme.with(|p| p.as_ref().map(|p| coverage(p, catalogues(), crosswalk())))
        });
        let plan_choice = RwSignal::new(PlanChoice {
            first: FirstAudit::Iso,
            start: None,
            decision: Decision::default(),
        });
        let plan = Memo::new(move |_| {
            let choice = plan_choice.get();
            programme.with(|p| {
                p.as_ref()
                    .map(|p| plan(p, &PlanInputs::for_programme(p, choice.first, choice.start)))
            })
        });
        ProgrammeStore {
            programme,
            coverage,
            plan_choice,
            plan,
            import_outcome: RwSignal::new(None),
            backup: RwSignal::new(None),
        }
    }

    /// The programme, read-only.
    pub fn programme(&self) -> ReadSignal<Option<Programme>> {
        self.programme.read_only()
    }

    /// The programme's coverage of both frameworks, computed once per change.
    pub fn coverage(&self) -> Memo<Option<ProgrammeCoverage>> {
        self.coverage
    }

    /// The plan for the programme and the user's plan choice, computed once per change.
    pub fn plan(&self) -> Memo<Option<Result<Plan, PlanError>>> {
        self.plan
    }

    /// The plan settings picked on screen.
    pub fn plan_choice(&self) -> RwSignal<PlanChoice> {
        self.plan_choice
    }

    /// The plan inputs for the programme and the user's choice.
    pub fn plan_inputs(&self) -> Option<PlanInputs> {
        let choice = self.plan_choice.get_untracked();
        self.programme.with_untracked(|p| {
            p.as_ref().map(|p| PlanInputs {
                decision: choice.decision,
                ..PlanInputs::for_programme(p, choice.first, choice.start)
            })
        })
    }

    /// Applies an engine edit method. Views are notified only when the edit is accepted (a
    /// refused edit leaves the programme as it was); `None` when there is no programme.
    pub fn edit<T>(
        &self,
        method: impl FnOnce(&mut Programme) -> Result<T, EditError>,
    ) -> Option<Result<T, EditError>> {
        perf::mark("crosswalk:edit");
        let outcome = self
            .programme
            .try_maybe_update(|p| match p.as_mut().map(method) {
                Some(result) => (result.is_ok(), Some(result)),
                None => (false, None),
            })
            .flatten();
        perf::mark_after_render("crosswalk:edit-rendered");
        outcome
    }

    /// Applies an engine edit method and shows its refusal in `error` (cleared when accepted);
    /// the value of an accepted edit is returned.
    pub fn edit_or_show<T>(
        &self,
        error: RwSignal<Option<String>>,
        method: impl FnOnce(&mut Programme) -> Result<T, EditError>,
    ) -> Option<T> {
        match self.edit(method)? {
            Ok(value) => {
                error.set(None);
                Some(value)
            }
            Err(refused) => {
                error.set(Some(refused.to_string()));
                None
            }
        }
    }

    /// Replaces the whole programme: a new start, an accepted import, a version from storage
    /// or another tab, or `None` to remove it.
    pub fn replace(&self, programme: Option<Programme>) {
        self.programme.set(programme);
    }

    /// Applies an import (a whole file, or rows of a spreadsheet) as one step, keeping the
    /// programme as it was as the backup when the import is accepted. With no programme there
    /// is nothing to import into: `None`.
    pub fn import<T, E>(
        &self,
        import: impl FnOnce(&mut Programme) -> Result<T, E>,
    ) -> Option<Result<T, E>> {
        let mut changed = self.programme.get_untracked()?;
        let outcome = import(&mut changed);
        if outcome.is_ok() {
            self.backup.set(self.programme.get_untracked());
            self.programme.set(Some(changed));
        }
        Some(outcome)
    }

    /// Replaces the programme with an imported file, keeping the one it replaces as the backup.
    pub fn replace_keeping_backup(&self, programme: Programme) {
        if let Some(previous) = self.programme.get_untracked() {
            self.backup.set(Some(previous));
        }
        self.programme.set(Some(programme));
    }

    /// The programme as it was before the last import, if kept.
    pub fn backup(&self) -> RwSignal<Option<Programme>> {
        self.backup
    }

    /// Puts the backup back as the programme (the import is undone) and lets the backup go.
    pub fn restore_backup(&self) {
        if let Some(previous) = self.backup.try_update(Option::take).flatten() {
            self.programme.set(Some(previous));
        }
    }
}

impl Default for ProgrammeStore {
    fn default() -> Self {
        ProgrammeStore::new()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::programme::sample::sample_programme;
    use crate::programme::Status;

    thread_local! {
        static COVERAGE_RUNS: Cell<usize> = const { Cell::new(0) };
    }

    pub(super) fn count_coverage_run() {
        COVERAGE_RUNS.with(|runs| runs.set(runs.get() + 1));
    }

    fn coverage_runs() -> usize {
        COVERAGE_RUNS.with(Cell::get)
    }

    #[test]
    fn an_edit_through_the_store_recomputes_the_shared_coverage_once() {
        let owner = Owner::new();
        owner.with(|| {
            let store = ProgrammeStore::new();
            store.replace(Some(sample_programme()));
            // Two views reading the coverage, as the overview and a control's coverage line do.
            let overview =
                Memo::new(move |_| store.coverage().with(|c| c.as_ref().map(|c| c.iso.len())));
            let line =
                Memo::new(move |_| store.coverage().with(|c| c.as_ref().map(|c| c.tsc.len())));
            overview.get();
            line.get();
            let before = coverage_runs();
            let covered = |store: ProgrammeStore| {
                store
                    .coverage()
                    .with(|c| c.as_ref().map(|c| c.counts(crate::crosswalk::Side::Iso).0))
            };
            let covered_before = covered(store);

            let id = store
                .programme()
                .with(|p| p.as_ref().map(|p| p.controls[0].id.clone()))
                .expect("a programme");
            let outcome = store.edit(|p| p.set_control_status(&id, Status::NotStarted));
            assert_eq!(outcome, Some(Ok(())));
            overview.get();
            line.get();
            assert_ne!(covered(store), covered_before, "the edit shows in coverage");
            assert_eq!(
                coverage_runs() - before,
                1,
                "one recomputation for both readers"
            );
        });
    }

    #[test]
    fn a_refused_edit_changes_nothing_and_recomputes_nothing() {
        let owner = Owner::new();
        owner.with(|| {
            let store = ProgrammeStore::new();
            store.replace(Some(sample_programme()));
            store.coverage().get();
            let before = coverage_runs();
            let programme = store.programme().get_untracked();

            let outcome = store.edit(|p| p.merge_controls("UC-001", "UC-001"));
            assert!(matches!(outcome, Some(Err(EditError::MergeIntoItself(_)))));
            store.coverage().get();
            assert_eq!(coverage_runs(), before);
            assert_eq!(store.programme().get_untracked(), programme);
        });
    }

    #[test]
    fn a_refusal_is_shown_and_cleared_by_the_next_accepted_edit() {
        let owner = Owner::new();
        owner.with(|| {
            let store = ProgrammeStore::new();
            store.replace(Some(sample_programme()));
            let error = RwSignal::new(None::<String>);
            assert_eq!(
                store.edit_or_show(error, |p| p.set_control_name("UC-001", " ")),
                None
            );
            assert_eq!(
                error.get_untracked().as_deref(),
                Some("the name cannot be empty")
            );
            assert_eq!(
                store.edit_or_show(error, |p| p.set_control_name("UC-001", "Policies")),
                Some(())
            );
            assert_eq!(error.get_untracked(), None);
        });
    }

    #[test]
    fn editing_without_a_programme_does_nothing() {
        let owner = Owner::new();
        owner.with(|| {
            let store = ProgrammeStore::new();
            assert_eq!(store.edit(|p| p.add_control("x")), None);
            assert_eq!(store.coverage().get_untracked(), None);
        });
    }

    #[test]
    fn an_accepted_import_keeps_the_previous_programme_to_restore_and_a_refused_one_nothing() {
        let owner = Owner::new();
        owner.with(|| {
            let store = ProgrammeStore::new();
            store.replace(Some(sample_programme()));
            let before = store.programme().get_untracked();

            let refused = store.import(|p| p.set_control_name("UC-001", " "));
            assert!(matches!(refused, Some(Err(_))));
            assert_eq!(store.backup().get_untracked(), None);
            assert_eq!(store.programme().get_untracked(), before);

            let added = store.import(|p| p.add_control("Imported"));
            assert_eq!(added, Some(Ok("UC-079".to_owned())));
            assert_eq!(store.backup().get_untracked(), before);
            assert!(store
                .programme()
                .with_untracked(|p| p.as_ref().and_then(|p| p.control("UC-079")).is_some()));

            store.restore_backup();
            assert_eq!(store.programme().get_untracked(), before);
            assert_eq!(store.backup().get_untracked(), None);
        });
    }

    #[test]
    fn a_replacing_file_keeps_the_programme_it_replaces() {
        let owner = Owner::new();
        owner.with(|| {
            let store = ProgrammeStore::new();
            let mut other = sample_programme();
            other.set_organisation("Other Ltd");
            store.replace_keeping_backup(other.clone());
            assert_eq!(store.backup().get_untracked(), None, "nothing was replaced");
            store.replace_keeping_backup(sample_programme());
            assert_eq!(store.backup().get_untracked(), Some(other));
        });
    }
}
