//! Coverage of the programme: for each in-scope requirement of both frameworks, the unified
//! controls that satisfy it, their status, whether evidence exists for the current period, and
//! the resulting state.

use rustc_hash::FxHashSet;

use serde::Serialize;

use super::index::{IsoScope, ProgrammeIndex};
use super::{Programme, Report, Status, UnifiedControl};
use crate::catalog::Catalogues;
use crate::crosswalk::coverage::CoverageState;
use crate::crosswalk::{Crosswalk, Side, Verdict};

/// Where one requirement stands in the programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequirementCoverage {
    /// The requirement's ref (clause item, Annex A control or criterion).
    pub reference: String,
    /// Its framework.
    pub side: Side,
    /// Covered, partial or missing.
    pub state: CoverageState,
    /// The unified controls that satisfy it, with their status.
    pub controls: Vec<(String, Status)>,
    /// Whether some satisfying control has evidence for the current period.
    pub evidence_current: bool,
    /// What keeps it from being covered, in the user's terms.
    pub gap: Option<String>,
}

/// The programme's coverage of both frameworks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeCoverage {
    /// Clause items 4-10 and the applicable Annex A controls.
    pub iso: Vec<RequirementCoverage>,
    /// The in-scope criteria.
    pub tsc: Vec<RequirementCoverage>,
    /// The unified controls that count for both frameworks.
    pub shared_controls: Vec<String>,
}

impl ProgrammeCoverage {
    /// How many requirements of a side are in each state: (covered, partial, missing).
    pub fn counts(&self, side: Side) -> (usize, usize, usize) {
        let list = match side {
            Side::Iso => &self.iso,
            Side::Tsc => &self.tsc,
        };
        let count = |state| list.iter().filter(|r| r.state == state).count();
        (
            count(CoverageState::Covered),
            count(CoverageState::Partial),
            count(CoverageState::Missing),
        )
    }

    /// The share of unified controls that count for both frameworks, in percent (rounded down).
    pub fn shared_percent(&self, total_controls: usize) -> usize {
        (self.shared_controls.len() * 100)
            .checked_div(total_controls)
            .unwrap_or(0)
    }
}

/// Computes the programme's coverage in one pass over controls and evidence (linear in their
/// size, so a 1,000-control, 10,000-evidence programme recomputes within a frame).
pub fn coverage(
    programme: &Programme,
    catalogues: &Catalogues,
    crosswalk: &Crosswalk,
) -> ProgrammeCoverage {
    let window = programme.scope.report.window();
    let index = ProgrammeIndex::new(programme);
    // Which controls have current evidence, found once per control rather than once per
    // requirement it satisfies: at 1,000 controls that is most of the work of an edit.
    let evidenced: FxHashSet<&str> = programme
        .evidence
        .iter()
        .filter(|e| e.is_current(&window))
        .flat_map(|e| e.controls.iter().map(String::as_str))
        .collect();
    let satisfying_of = |reference: &str| -> Vec<(&UnifiedControl, bool)> {
        index
            .controls(reference)
            .iter()
            .map(|&c| (c, evidenced.contains(c.id.as_str())))
            .collect()
    };
    let type2 = matches!(programme.scope.report, Report::Type2 { .. });
    let assess = |reference: &str, side: Side| {
        let satisfying = satisfying_of(reference);
        let in_place = |c: &UnifiedControl| match (side, type2) {
            (Side::Tsc, true) => c.status == Status::Operating,
            _ => matches!(c.status, Status::Implemented | Status::Operating),
        };
        let done = satisfying
            .iter()
            .any(|&(c, evidenced)| in_place(c) && evidenced);
        let started = satisfying
            .iter()
            .any(|(c, _)| c.status != Status::NotStarted);
        let evidence_current = satisfying.iter().any(|&(_, evidenced)| evidenced);
        let residual = (side == Side::Tsc)
            .then(|| crosswalk.verdict(reference))
            .flatten()
            .filter(|v| v.verdict != Verdict::Full);
        // SOC 2-only controls (no ISO refs) exist to do the residual work; shared ones say how
        // they handle it in a residual note. Either counts once it is in place with evidence.
        let residual_handled = residual.is_none()
            || satisfying.iter().any(|&(c, evidenced)| {
                in_place(c)
                    && evidenced
                    && (c.iso.is_empty() || c.residuals.iter().any(|n| n.tsc == reference))
            });
        let gap = if satisfying.is_empty() {
            Some("No unified control satisfies it.".to_owned())
        } else if !satisfying.iter().any(|&(c, _)| in_place(c)) {
            Some(if type2 && side == Side::Tsc {
                "No satisfying control is operating yet (a Type 2 tests operation over the period)."
                    .to_owned()
            } else {
                "No satisfying control is implemented yet.".to_owned()
            })
        } else if !done {
            Some("No current evidence for the period.".to_owned())
        } else if !residual_handled {
            residual.map(|v| {
                format!(
                    "SOC 2 residual not handled by any control: {}",
                    crosswalk.explain(v, catalogues)
                )
            })
        } else {
            None
        };
        let state = if gap.is_none() {
            CoverageState::Covered
        } else if started {
            CoverageState::Partial
        } else {
            CoverageState::Missing
        };
        RequirementCoverage {
            reference: reference.to_owned(),
            side,
            state,
            controls: satisfying
                .iter()
                .map(|(c, _)| (c.id.clone(), c.status))
                .collect(),
            evidence_current,
            gap,
        }
    };
    let iso_scope = IsoScope::of(programme);
    let iso = iso_scope
        .refs(catalogues)
        .map(|r| assess(r, Side::Iso))
        .collect();
    let scope = &programme.scope.categories;
    let tsc = scope
        .criteria(catalogues)
        .map(|c| assess(&c.reference, Side::Tsc))
        .collect();
    let shared_controls = programme
        .controls
        .iter()
        .filter(|c| {
            c.iso.iter().any(|r| iso_scope.includes(r))
                && c.tsc
                    .iter()
                    .any(|r| scope.includes_criterion(r, catalogues))
        })
        .map(|c| c.id.clone())
        .collect();
    ProgrammeCoverage {
        iso,
        tsc,
        shared_controls,
    }
}
