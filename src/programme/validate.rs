//! The rules a programme must satisfy: known refs, unique and well-formed ids below their
//! counters, one applicability decision per Annex A control, usable dates. Checked on every
//! import and every read from storage; every edit method keeps them.

use std::collections::{HashMap, HashSet};

use crate::catalog::{refs, Catalogues, RefKind};

use super::import::same_name;
use super::{Programme, SoaReason, SCHEMA_VERSION};

/// One thing wrong with a programme, located by its field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, e.g. `controls[3].iso[1]`.
    pub field: String,
    /// What is wrong, in the user's terms.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

fn problem(problems: &mut Vec<Problem>, field: impl Into<String>, message: impl Into<String>) {
    problems.push(Problem {
        field: field.into(),
        message: message.into(),
    });
}

/// The number of an id of the form `PREFIX-` and at least `digits` digits.
/// How a register numbers its ids: prefix, least digits, the counter's field and its value.
type Numbering<'a> = (&'a str, usize, &'a str, u32);

/// Checks an id numbered from a counter: well formed (`UC-001`), below the counter (so the next
/// number is free), and not used twice.
fn check_numbered_id<'a>(
    problems: &mut Vec<Problem>,
    field: String,
    id: &'a str,
    (prefix, digits, counter, next): Numbering<'_>,
    ids: &mut HashSet<&'a str>,
) {
    match id_number(id, prefix, digits) {
        None => problem(
            problems,
            field.clone(),
            format!("{id:?} is not of the form {prefix}-{:0digits$}", 1),
        ),
        Some(n) if n >= next => problem(
            problems,
            field.clone(),
            format!("{id} is not below {counter} ({next})"),
        ),
        Some(_) => {}
    }
    if !ids.insert(id) {
        problem(problems, field, format!("{id} is used twice"));
    }
}

pub(super) fn id_number(id: &str, prefix: &str, min_digits: usize) -> Option<u32> {
    let digits = id.strip_prefix(prefix)?.strip_prefix('-')?;
    (digits.len() >= min_digits && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

impl Programme {
    /// Every problem: unknown refs, dangling or duplicate ids, a missing or repeated
    /// applicability decision, impossible dates. Empty when the programme is sound.
    pub fn problems(&self, catalogues: &Catalogues) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.schema_version != SCHEMA_VERSION {
            problem(
                &mut problems,
                "schema_version",
                format!("must be {SCHEMA_VERSION}"),
            );
        }
        self.check_scope(&mut problems);
        self.check_applicability(catalogues, &mut problems);
        let control_ids = self.check_controls(catalogues, &mut problems);
        self.check_evidence(&control_ids, &mut problems);
        self.check_registers(catalogues, &mut problems);
        self.check_snapshots(catalogues, &mut problems);
        problems
    }

    /// Snapshot names are unique, and each frozen programme is itself sound and holds no
    /// snapshots of its own.
    fn check_snapshots(&self, catalogues: &Catalogues, problems: &mut Vec<Problem>) {
        for (i, snapshot) in self.snapshots.iter().enumerate() {
            let at = |field: &str| format!("snapshots[{i}].{field}");
            if snapshot.name.trim().is_empty() {
                problem(problems, at("name"), "a snapshot needs a name");
            } else if self.snapshots[..i]
                .iter()
                .any(|s| same_name(&s.name, &snapshot.name))
            {
                problem(
                    problems,
                    at("name"),
                    format!("another snapshot is named {:?}", snapshot.name),
                );
            }
            if !snapshot.programme.snapshots.is_empty() {
                problem(
                    problems,
                    at("programme.snapshots"),
                    "a snapshot holds no snapshots of its own",
                );
            }
            for inner in snapshot.programme.problems(catalogues) {
                problem(
                    problems,
                    at(&format!("programme.{}", inner.field)),
                    inner.message,
                );
            }
        }
    }

    fn check_scope(&self, problems: &mut Vec<Problem>) {
        if let Err(error) = self.scope.report.check() {
            problem(problems, "scope.report.period", error.to_string());
        }
    }

    fn check_applicability(&self, catalogues: &Catalogues, problems: &mut Vec<Problem>) {
        let mut decided: HashMap<&str, usize> = HashMap::new();
        for (i, entry) in self.applicability.iter().enumerate() {
            let field = format!("applicability[{i}].control");
            if !catalogues.annex_a.contains(&entry.control) {
                problem(
                    problems,
                    field,
                    format!("{:?} is not an Annex A control", entry.control),
                );
            } else if let Some(first) = decided.insert(&entry.control, i) {
                problem(
                    problems,
                    field,
                    format!(
                        "{} is decided twice (also at applicability[{first}])",
                        entry.control
                    ),
                );
            }
        }
        for (i, entry) in self.applicability.iter().enumerate() {
            let in_order = entry.reasons.windows(2).all(|pair| pair[0] < pair[1]);
            if !in_order {
                problem(
                    problems,
                    format!("applicability[{i}].reasons"),
                    "lists a reason twice or out of order (legal-or-regulatory, contractual, business-or-good-practice, risk-treatment)",
                );
            }
            if entry.risk_reference.is_some() && !entry.reasons.contains(&SoaReason::RiskTreatment)
            {
                problem(
                    problems,
                    format!("applicability[{i}].risk_reference"),
                    "names a risk, but risk treatment is not among the reasons",
                );
            }
            if entry
                .risk_reference
                .as_deref()
                .is_some_and(|r| r.trim().is_empty())
            {
                problem(
                    problems,
                    format!("applicability[{i}].risk_reference"),
                    "is empty; leave it out instead",
                );
            }
        }
        for control in catalogues.annex_a.items() {
            if !decided.contains_key(control.reference.as_ref()) {
                problem(
                    problems,
                    "applicability",
                    format!("no decision for {}", control.reference),
                );
            }
        }
    }

    fn check_controls<'a>(
        &'a self,
        catalogues: &Catalogues,
        problems: &mut Vec<Problem>,
    ) -> HashSet<&'a str> {
        let mut ids = HashSet::new();
        for (i, control) in self.controls.iter().enumerate() {
            let at = |field: &str| format!("controls[{i}].{field}");
            check_numbered_id(
                problems,
                at("id"),
                &control.id,
                ("UC", 3, "next_control", self.next_control),
                &mut ids,
            );
            if control.name.trim().is_empty() {
                problem(problems, at("name"), "is empty");
            }
            for (j, reference) in control.iso.iter().enumerate() {
                let iso_item = matches!(
                    refs::kind_of(reference),
                    Some(RefKind::AnnexA | RefKind::Clause)
                );
                if !iso_item || !catalogues.exists(reference) {
                    problem(
                        problems,
                        at(&format!("iso[{j}]")),
                        format!("{reference:?} is not an ISO/IEC 27001:2022 item"),
                    );
                }
            }
            for (j, reference) in control.tsc.iter().enumerate() {
                if refs::kind_of(reference) != Some(RefKind::Tsc) || !catalogues.exists(reference) {
                    problem(
                        problems,
                        at(&format!("tsc[{j}]")),
                        format!("{reference:?} is not a Trust Services Criterion"),
                    );
                }
            }
            for (j, note) in control.residuals.iter().enumerate() {
                if !control.tsc.contains(&note.tsc) {
                    problem(
                        problems,
                        at(&format!("residuals[{j}].tsc")),
                        format!("{} is not among this control's criteria", note.tsc),
                    );
                }
            }
        }
        ids
    }

    fn check_evidence(&self, control_ids: &HashSet<&str>, problems: &mut Vec<Problem>) {
        let mut ids = HashSet::new();
        for (i, item) in self.evidence.iter().enumerate() {
            let at = |field: &str| format!("evidence[{i}].{field}");
            check_numbered_id(
                problems,
                at("id"),
                &item.id,
                ("EV", 3, "next_evidence", self.next_evidence),
                &mut ids,
            );
            if item.title.trim().is_empty() {
                problem(problems, at("title"), "is empty");
            }
            if item.period.is_some_and(|p| p.end < p.start) {
                problem(problems, at("period"), "ends before it starts");
            }
            for (j, control) in item.controls.iter().enumerate() {
                if !control_ids.contains(control.as_str()) {
                    problem(
                        problems,
                        at(&format!("controls[{j}]")),
                        format!("{control} does not exist"),
                    );
                }
            }
        }
    }

    fn check_registers(&self, catalogues: &Catalogues, problems: &mut Vec<Problem>) {
        let criteria_ok = |list: &[String], at: &str, problems: &mut Vec<Problem>| {
            for (j, reference) in list.iter().enumerate() {
                if refs::kind_of(reference) != Some(RefKind::Tsc) || !catalogues.exists(reference) {
                    problem(
                        problems,
                        format!("{at}.criteria[{j}]"),
                        format!("{reference:?} is not a Trust Services Criterion"),
                    );
                }
            }
        };
        let mut ids = HashSet::new();
        for (i, cuec) in self.cuecs.iter().enumerate() {
            let at = format!("cuecs[{i}]");
            check_numbered_id(
                problems,
                format!("{at}.id"),
                &cuec.id,
                ("CUEC", 2, "next_cuec", self.next_cuec),
                &mut ids,
            );
            if cuec.description.trim().is_empty() {
                problem(problems, format!("{at}.description"), "is empty");
            }
            criteria_ok(&cuec.criteria, &at, problems);
        }
        for (i, organisation) in self.subservice_organisations.iter().enumerate() {
            let at = format!("subservice_organisations[{i}]");
            if organisation.name.trim().is_empty() {
                problem(problems, format!("{at}.name"), "is empty");
            } else if let Some(first) = self.subservice_organisations[..i]
                .iter()
                .position(|o| same_name(&o.name, &organisation.name))
            {
                problem(
                    problems,
                    format!("{at}.name"),
                    format!(
                        "{} is named twice (also at subservice_organisations[{first}])",
                        organisation.name
                    ),
                );
            }
            criteria_ok(&organisation.criteria, &at, problems);
        }
        for key in self.description_notes.keys() {
            if refs::kind_of(key) != Some(RefKind::Dc) || !catalogues.exists(key) {
                problem(
                    problems,
                    format!("description_notes.{key}"),
                    "is not a description criterion DC1-DC9",
                );
            }
        }
    }
}
