//! The audit artefacts both frameworks ask for, drawn from one programme and one evidence
//! base: the Statement of Applicability and clause readiness for ISO/IEC 27001; the criteria
//! matrix, System Description draft and management assertion checklist for SOC 2; and an
//! evidence request list per audit that cites each evidence item by its one id.

use serde::Serialize;

use crate::catalog::Catalogues;
use crate::crosswalk::{Crosswalk, Verdict};
use crate::plan::which_first::which_first;
use crate::plan::{plan, PlanError, PlanInputs};
use crate::programme::index::{IsoScope, ProgrammeIndex};
use crate::programme::{
    Cadence, EvidenceItem, Programme, Report, SoaReason, Status, UnifiedControl,
};
use crate::table::{Cell, Table};

pub mod description;

/// The artefacts, as the CLI and the reports view name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    /// ISO/IEC 27001 Statement of Applicability.
    Soa,
    /// ISO/IEC 27001 clauses 4-10 readiness.
    Clauses,
    /// SOC 2 criteria matrix.
    Soc2Matrix,
    /// SOC 2 System Description draft.
    SystemDescription,
    /// SOC 2 management assertion checklist.
    Assertion,
    /// Evidence request list for the ISO/IEC 27001 audit.
    EvidenceRequestsIso,
    /// Evidence request list for the SOC 2 audit.
    EvidenceRequestsSoc2,
    /// The dual-programme plan.
    Plan,
    /// ISO first, SOC 2 first and both together compared, with a recommendation.
    WhichFirst,
}

impl ReportKind {
    /// Every artefact, ISO first.
    pub const ALL: [ReportKind; 9] = [
        ReportKind::Soa,
        ReportKind::Clauses,
        ReportKind::Soc2Matrix,
        ReportKind::SystemDescription,
        ReportKind::Assertion,
        ReportKind::EvidenceRequestsIso,
        ReportKind::EvidenceRequestsSoc2,
        ReportKind::Plan,
        ReportKind::WhichFirst,
    ];

    /// The id the CLI and addresses use.
    pub fn id(self) -> &'static str {
        match self {
            ReportKind::Soa => "soa",
            ReportKind::Clauses => "clauses",
            ReportKind::Soc2Matrix => "soc2-matrix",
            ReportKind::SystemDescription => "system-description",
            ReportKind::Assertion => "assertion",
            ReportKind::EvidenceRequestsIso => "evidence-requests-iso",
            ReportKind::EvidenceRequestsSoc2 => "evidence-requests-soc2",
            ReportKind::Plan => "plan",
            ReportKind::WhichFirst => "which-first",
        }
    }

    /// A display name.
    pub fn label(self) -> &'static str {
        match self {
            ReportKind::Soa => "Statement of Applicability",
            ReportKind::Clauses => "Clauses 4-10 readiness",
            ReportKind::Soc2Matrix => "SOC 2 criteria matrix",
            ReportKind::SystemDescription => "System Description draft",
            ReportKind::Assertion => "Management assertion checklist",
            ReportKind::EvidenceRequestsIso => "Evidence requests: ISO/IEC 27001",
            ReportKind::EvidenceRequestsSoc2 => "Evidence requests: SOC 2",
            ReportKind::Plan => "Plan",
            ReportKind::WhichFirst => "Which first?",
        }
    }

    /// Parses an id.
    pub fn from_id(id: &str) -> Option<ReportKind> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// An artefact as a table.
pub fn report_table(
    kind: ReportKind,
    programme: &Programme,
    catalogues: &Catalogues,
    crosswalk: &Crosswalk,
    plan_inputs: &PlanInputs,
) -> Result<Table, PlanError> {
    Ok(match kind {
        ReportKind::Soa => soa_table(&statement_of_applicability(programme, catalogues)),
        ReportKind::Clauses => clauses_table(&clause_readiness(programme, catalogues)),
        ReportKind::Soc2Matrix => soc2_matrix_table(&soc2_matrix(programme, catalogues, crosswalk)),
        ReportKind::SystemDescription => description::description_table(
            &description::system_description(programme, catalogues, crosswalk),
        ),
        ReportKind::Assertion => description::assertion_table(&description::management_assertion(
            programme, catalogues, crosswalk,
        )),
        ReportKind::EvidenceRequestsIso => {
            evidence_requests_table(&evidence_requests_iso(programme, catalogues))
        }
        ReportKind::EvidenceRequestsSoc2 => {
            evidence_requests_table(&evidence_requests_soc2(programme, catalogues))
        }
        ReportKind::Plan => plan(programme, plan_inputs)?.to_table(),
        ReportKind::WhichFirst => which_first(
            programme,
            catalogues,
            crosswalk,
            Some(plan_inputs.start),
            &plan_inputs.decision,
        )?
        .to_table(),
    })
}

fn ids<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    items.into_iter().map(str::to_owned).collect()
}

/// One line of the Statement of Applicability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SoaRow {
    /// The Annex A control.
    pub control: String,
    /// Its title.
    pub title: String,
    /// Included or excluded.
    pub applicable: bool,
    /// The kinds of reason for the decision.
    pub reasons: Vec<SoaReason>,
    /// The risk the decision treats, if named.
    pub risk_reference: Option<String>,
    /// Why, either way, in the user's words.
    pub justification: String,
    /// The weakest status among the implementing controls; `None` when no control implements it.
    pub status: Option<Status>,
    /// The unified controls that implement it.
    pub controls: Vec<String>,
    /// Their evidence.
    pub evidence: Vec<String>,
}

/// The Statement of Applicability: all 93 Annex A controls with the decision, the
/// justification, how far implementation has got, and what implements and evidences it.
pub fn statement_of_applicability(programme: &Programme, catalogues: &Catalogues) -> Vec<SoaRow> {
    let index = ProgrammeIndex::new(programme);
    catalogues
        .annex_a
        .items()
        .iter()
        .map(|control| {
            let decision = programme
                .applicability
                .iter()
                .find(|a| a.control == control.reference);
            let implementing = index.controls(&control.reference);
            SoaRow {
                control: control.reference.to_string(),
                title: control.title.to_string(),
                applicable: decision.is_none_or(|a| a.applicable),
                reasons: decision.map(|a| a.reasons.clone()).unwrap_or_default(),
                risk_reference: decision.and_then(|a| a.risk_reference.clone()),
                justification: decision
                    .map(|a| a.justification.clone())
                    .unwrap_or_default(),
                status: implementing.iter().map(|c| c.status).min(),
                controls: ids(implementing.iter().map(|c| c.id.as_str())),
                evidence: ids(index
                    .evidence(&control.reference)
                    .iter()
                    .map(|e| e.id.as_str())),
            }
        })
        .collect()
}

/// The Statement of Applicability as a table.
pub fn soa_table(rows: &[SoaRow]) -> Table {
    Table {
        columns: vec![
            "control",
            "title",
            "applicable",
            "reasons",
            "risk_reference",
            "justification",
            "status",
            "unified_controls",
            "evidence",
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.control.as_str().into(),
                    r.title.as_str().into(),
                    Cell::from(if r.applicable { "included" } else { "excluded" }),
                    Cell::list(r.reasons.iter().map(|reason| reason.id())),
                    r.risk_reference.as_deref().into(),
                    r.justification.as_str().into(),
                    Cell::from(r.status.map_or("not addressed", Status::id)),
                    Cell::list(&r.controls),
                    Cell::list(&r.evidence),
                ]
            })
            .collect(),
    }
}

/// Readiness of one clause 4-10 item for certification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClauseRow {
    /// The clause item.
    pub clause: String,
    /// Its title.
    pub title: String,
    /// The documented information it requires.
    pub documented_information: Vec<String>,
    /// The unified controls that address it.
    pub controls: Vec<String>,
    /// Evidence current for the period.
    pub evidence: Vec<String>,
    /// What is missing, if anything.
    pub missing: Option<String>,
    /// Whether the certification body looks for it before stage 2 can pass (internal audit
    /// and management review records above all).
    pub before_stage_2: bool,
}

/// Clauses 4-10 readiness: each item's documented information, the evidence covering it and
/// what is missing.
pub fn clause_readiness(programme: &Programme, catalogues: &Catalogues) -> Vec<ClauseRow> {
    let index = ProgrammeIndex::new(programme);
    let window = programme.scope.report.window();
    catalogues
        .clauses
        .items()
        .iter()
        .map(|clause| {
            let controls = index.controls(&clause.reference);
            let current: Vec<&EvidenceItem> = index
                .evidence(&clause.reference)
                .into_iter()
                .filter(|e| e.is_current(&window))
                .collect();
            let missing = if controls.is_empty() {
                Some("No unified control addresses this clause.".to_owned())
            } else if current.is_empty() {
                let needed = if clause.documented_information.is_empty() {
                    "evidence that the clause is met".to_owned()
                } else {
                    clause.documented_information.join("; ")
                };
                Some(format!("No current evidence: collect {needed}."))
            } else {
                None
            };
            ClauseRow {
                clause: clause.reference.to_string(),
                title: clause.title.to_string(),
                documented_information: clause
                    .documented_information
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
                controls: ids(controls.iter().map(|c| c.id.as_str())),
                evidence: ids(current.iter().map(|e| e.id.as_str())),
                missing,
                before_stage_2: clause.reference.starts_with("9.2")
                    || clause.reference.starts_with("9.3"),
            }
        })
        .collect()
}

/// Clause readiness as a table.
pub fn clauses_table(rows: &[ClauseRow]) -> Table {
    Table {
        columns: vec![
            "clause",
            "title",
            "documented_information",
            "unified_controls",
            "current_evidence",
            "missing",
            "before_stage_2",
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.clause.as_str().into(),
                    r.title.as_str().into(),
                    Cell::list(&r.documented_information),
                    Cell::list(&r.controls),
                    Cell::list(&r.evidence),
                    r.missing.as_deref().into(),
                    Cell::Bool(r.before_stage_2),
                ]
            })
            .collect(),
    }
}

/// How many occurrences an auditor is likely to sample for an evidence item. Crosswalk's rule
/// of thumb; the service auditor sets the real sample sizes.
pub fn samples(cadence: Cadence, report: &Report) -> String {
    let Report::Type2 { period } = report else {
        return "1 (design walkthrough as of the report date)".to_owned();
    };
    match cadence {
        Cadence::Once => "1 (the version in force during the period)".to_owned(),
        Cadence::Annually => "1".to_owned(),
        Cadence::Monthly | Cadence::Quarterly => {
            (if period.whole_months() >= 6 { "2" } else { "1" }).to_owned()
        }
        Cadence::PerEvent => "up to 25, or every occurrence if fewer".to_owned(),
    }
}

/// A unified control as an auditor would test it for one criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlTest {
    /// The unified control.
    pub control: String,
    /// What it does, with its owner.
    pub description: String,
    /// Its status.
    pub status: Status,
    /// How a service auditor would test it against its evidence.
    pub test: String,
}

/// One in-scope criterion of the SOC 2 criteria matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionRow {
    /// The criterion.
    pub criterion: String,
    /// Its title.
    pub title: String,
    /// The crosswalk verdict, to flag SOC 2-specific residual work.
    pub verdict: Option<Verdict>,
    /// The controls and their tests.
    pub controls: Vec<ControlTest>,
    /// All evidence cited.
    pub evidence: Vec<String>,
}

/// The SOC 2 criteria matrix: each in-scope criterion, its controls described as an auditor
/// would test them, and their evidence.
pub fn soc2_matrix(
    programme: &Programme,
    catalogues: &Catalogues,
    crosswalk: &Crosswalk,
) -> Vec<CriterionRow> {
    let index = ProgrammeIndex::new(programme);
    let report = &programme.scope.report;
    programme
        .scope
        .categories
        .criteria(catalogues)
        .map(|criterion| {
            let controls = index
                .controls(&criterion.reference)
                .iter()
                .map(|c| {
                    let evidence = index.evidence_of(&c.id);
                    let test = if evidence.is_empty() {
                        "No evidence registered yet: the auditor would have nothing to inspect."
                            .to_owned()
                    } else {
                        let inspected: Vec<String> = evidence
                            .iter()
                            .map(|e| {
                                format!(
                                    "{} {} (sample: {})",
                                    e.id,
                                    e.title,
                                    samples(e.cadence, report)
                                )
                            })
                            .collect();
                        let verb = match report {
                            Report::Type1 { .. } => {
                                "confirm it is designed and in place as of the report date"
                            }
                            Report::Type2 { .. } => {
                                "confirm it operated as described throughout the period"
                            }
                        };
                        format!(
                            "Inquire of {} and inspect {} to {verb}.",
                            owner_or_unassigned(c),
                            inspected.join("; ")
                        )
                    };
                    ControlTest {
                        control: c.id.clone(),
                        description: format!(
                            "{}: {} Owner: {}.",
                            c.name,
                            c.description,
                            owner_or_unassigned(c)
                        ),
                        status: c.status,
                        test,
                    }
                })
                .collect();
            CriterionRow {
                criterion: criterion.reference.to_string(),
                title: criterion.title.to_string(),
                verdict: crosswalk.verdict(&criterion.reference).map(|v| v.verdict),
                controls,
                evidence: ids(index
                    .evidence(&criterion.reference)
                    .iter()
                    .map(|e| e.id.as_str())),
            }
        })
        .collect()
}

fn owner_or_unassigned(control: &UnifiedControl) -> &str {
    if control.owner.trim().is_empty() {
        "the control owner (not yet assigned)"
    } else {
        &control.owner
    }
}

/// The criteria matrix as a table, one row per criterion and control.
pub fn soc2_matrix_table(rows: &[CriterionRow]) -> Table {
    Table {
        columns: vec![
            "criterion",
            "title",
            "crosswalk_verdict",
            "unified_control",
            "control_description",
            "status",
            "test",
            "evidence",
        ],
        rows: rows
            .iter()
            .flat_map(|r| {
                let verdict = r.verdict.map_or("", Verdict::id);
                if r.controls.is_empty() {
                    return vec![vec![
                        r.criterion.as_str().into(),
                        r.title.as_str().into(),
                        verdict.into(),
                        Cell::Empty,
                        "No unified control addresses this criterion.".into(),
                        Cell::Empty,
                        Cell::Empty,
                        Cell::List(Vec::new()),
                    ]];
                }
                r.controls
                    .iter()
                    .map(|t| {
                        vec![
                            r.criterion.as_str().into(),
                            r.title.as_str().into(),
                            verdict.into(),
                            t.control.as_str().into(),
                            t.description.as_str().into(),
                            t.status.id().into(),
                            t.test.as_str().into(),
                            Cell::list(&r.evidence),
                        ]
                    })
                    .collect()
            })
            .collect(),
    }
}

/// One line of an evidence request list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceRequest {
    /// The requirement the request is grouped under (clause, Annex A control or criterion).
    pub requirement: String,
    /// Its title.
    pub requirement_title: String,
    /// The evidence item's one id, the same in both audits' lists.
    pub evidence: String,
    /// Its title.
    pub title: String,
    /// Who provides it.
    pub owner: String,
    /// How often it is produced.
    pub cadence: Cadence,
    /// What to provide for the audit (samples for a Type 2).
    pub samples: String,
}

fn requests_for(
    index: &ProgrammeIndex,
    reference: &str,
    title: &str,
    samples_of: impl Fn(Cadence) -> String,
) -> Vec<EvidenceRequest> {
    index
        .evidence(reference)
        .into_iter()
        .map(|e| EvidenceRequest {
            requirement: reference.to_owned(),
            requirement_title: title.to_owned(),
            evidence: e.id.clone(),
            title: e.title.clone(),
            owner: e.owner.clone(),
            cadence: e.cadence,
            samples: samples_of(e.cadence),
        })
        .collect()
}

/// The ISO/IEC 27001 evidence request list, grouped by clause then applicable Annex A control.
pub fn evidence_requests_iso(
    programme: &Programme,
    catalogues: &Catalogues,
) -> Vec<EvidenceRequest> {
    let index = ProgrammeIndex::new(programme);
    IsoScope::of(programme)
        .refs(catalogues)
        .flat_map(|r| {
            let title = catalogues.title_of(r).unwrap_or_default();
            requests_for(&index, r, title, |_| {
                "the current version and its records".to_owned()
            })
        })
        .collect()
}

/// The SOC 2 evidence request list, grouped by in-scope criterion, with the samples the
/// report type calls for.
pub fn evidence_requests_soc2(
    programme: &Programme,
    catalogues: &Catalogues,
) -> Vec<EvidenceRequest> {
    let index = ProgrammeIndex::new(programme);
    let report = programme.scope.report;
    programme
        .scope
        .categories
        .criteria(catalogues)
        .flat_map(|c| {
            requests_for(&index, &c.reference, &c.title, |cadence| {
                samples(cadence, &report)
            })
        })
        .collect()
}

/// An evidence request list as a table.
pub fn evidence_requests_table(rows: &[EvidenceRequest]) -> Table {
    Table {
        columns: vec![
            "requirement",
            "requirement_title",
            "evidence_id",
            "evidence_title",
            "owner",
            "cadence",
            "samples",
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.requirement.as_str().into(),
                    r.requirement_title.as_str().into(),
                    r.evidence.as_str().into(),
                    r.title.as_str().into(),
                    r.owner.as_str().into(),
                    r.cadence.id().into(),
                    r.samples.as_str().into(),
                ]
            })
            .collect(),
    }
}
