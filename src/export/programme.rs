//! Tabular exports of the programme: unified controls, evidence register, applicability,
//! coverage, and the starter library. Every cell carrying user text goes through the CSV
//! writer's formula-injection guard.

use crate::programme::coverage::ProgrammeCoverage;
use crate::programme::library::Library;
use crate::programme::Programme;
use crate::table::{Cell, Table};

/// The unified controls.
pub fn controls_table(programme: &Programme) -> Table {
    Table {
        columns: vec![
            "id",
            "name",
            "description",
            "owner",
            "status",
            "iso_refs",
            "tsc_refs",
            "residuals_handled",
        ],
        rows: programme
            .controls
            .iter()
            .map(|c| {
                vec![
                    c.id.as_str().into(),
                    c.name.as_str().into(),
                    c.description.as_str().into(),
                    c.owner.as_str().into(),
                    c.status.id().into(),
                    Cell::list(&c.iso),
                    Cell::list(&c.tsc),
                    Cell::list(
                        c.residuals
                            .iter()
                            .map(|n| format!("{}: {}", n.tsc, n.handles)),
                    ),
                ]
            })
            .collect(),
    }
}

/// The evidence register.
pub fn evidence_table(programme: &Programme) -> Table {
    Table {
        columns: vec![
            "id",
            "title",
            "kind",
            "owner",
            "cadence",
            "location",
            "collected",
            "period_start",
            "period_end",
            "controls",
        ],
        rows: programme
            .evidence
            .iter()
            .map(|e| {
                vec![
                    e.id.as_str().into(),
                    e.title.as_str().into(),
                    e.kind.id().into(),
                    e.owner.as_str().into(),
                    e.cadence.id().into(),
                    e.location.as_str().into(),
                    Cell::list(&e.collected),
                    e.period.map(|p| p.start.to_string()).into(),
                    e.period.map(|p| p.end.to_string()).into(),
                    Cell::list(&e.controls),
                ]
            })
            .collect(),
    }
}

/// The Statement of Applicability decisions.
pub fn applicability_table(programme: &Programme) -> Table {
    Table {
        columns: vec![
            "control",
            "applicable",
            "reasons",
            "risk_reference",
            "justification",
        ],
        rows: programme
            .applicability
            .iter()
            .map(|a| {
                vec![
                    a.control.as_str().into(),
                    Cell::Bool(a.applicable),
                    Cell::list(a.reasons.iter().map(|reason| reason.id())),
                    a.risk_reference.as_deref().into(),
                    a.justification.as_str().into(),
                ]
            })
            .collect(),
    }
}

/// Coverage of both frameworks, one row per in-scope requirement.
pub fn coverage_table(coverage: &ProgrammeCoverage) -> Table {
    Table {
        columns: vec![
            "framework",
            "ref",
            "state",
            "controls",
            "evidence_current",
            "gap",
        ],
        rows: coverage
            .iso
            .iter()
            .chain(&coverage.tsc)
            .map(|r| {
                vec![
                    r.side.id().into(),
                    r.reference.as_str().into(),
                    r.state.id().into(),
                    Cell::list(
                        r.controls
                            .iter()
                            .map(|(id, status)| format!("{id} ({})", status.id())),
                    ),
                    Cell::Bool(r.evidence_current),
                    r.gap.as_deref().into(),
                ]
            })
            .collect(),
    }
}

/// The starter library: `id,name,iso_refs,tsc_refs,…`.
pub fn library_table(library: &Library) -> Table {
    Table {
        columns: vec![
            "id",
            "name",
            "iso_refs",
            "tsc_refs",
            "description",
            "residuals_handled",
            "suggested_evidence",
        ],
        rows: library
            .templates
            .iter()
            .map(|t| {
                vec![
                    t.id.as_str().into(),
                    t.name.as_str().into(),
                    Cell::list(&t.iso),
                    Cell::list(&t.tsc),
                    t.description.as_str().into(),
                    Cell::list(
                        t.residuals
                            .iter()
                            .map(|n| format!("{}: {}", n.tsc, n.handles)),
                    ),
                    Cell::list(
                        t.evidence
                            .iter()
                            .map(|e| format!("{} ({}, {})", e.title, e.kind.id(), e.cadence.id())),
                    ),
                ]
            })
            .collect(),
    }
}
