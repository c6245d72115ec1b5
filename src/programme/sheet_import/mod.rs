//! Unified controls, evidence and SoA decisions imported in bulk from a spreadsheet: the columns are guessed
//! and can be changed, every row is previewed (added, merged into an existing item, or refused
//! with its reasons), and nothing changes until the whole import is confirmed. The import is
//! one step on a copy, made of the same edit methods the app's forms call, so it is accepted
//! whole or not at all.

mod cells;
mod columns;
mod preview;

pub use cells::{
    applicable, cadence, kind, list, soa_reason, status, APPLICABLE_WORDS, CADENCE_WORDS,
    KIND_WORDS, REASON_WORDS, STATUS_WORDS,
};
pub use columns::{ColumnMapping, ColumnsError, Field, Register};
pub use preview::{problems_text, Action, ImportPreview, RowPlan, RowProblem, RowValues};

use super::edit::EditError;
use super::{parse_date, Cadence, EvidenceKind, Period, Programme, SoaReason};
use crate::catalog::{catalogues, refs, RefKind};
use crate::crosswalk::Side;
use crate::sheet::{Sheet, SheetRow};

/// Whether refused rows stop the import or are left out of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusedRows {
    /// Any refused row stops the whole import (the CLI; the app until the user chooses).
    Stop,
    /// Refused rows are left out; the others are imported.
    Skip,
}

/// Why an import was not done.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SheetImportError {
    /// No column feeds the name or title.
    #[error("no column gives the {}: choose which column holds it", .0.label().to_lowercase())]
    Missing(Field),
    /// Rows that cannot be taken, when they stop the import.
    #[error("{} row(s) cannot be imported; nothing was changed:\n{}", .0.len(), describe(.0))]
    Refused(Vec<RowPlan>),
    /// An edit refused while importing (a programme changed since the preview).
    #[error(transparent)]
    Edit(#[from] EditError),
}

fn describe(rows: &[RowPlan]) -> String {
    rows.iter()
        .map(|r| format!("row {}: {}", r.row, problems_text(&r.problems)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Ids of the items added.
    pub added: Vec<String>,
    /// Ids of the items updated.
    pub updated: Vec<String>,
    /// Row numbers left out.
    pub skipped: Vec<usize>,
}

impl Programme {
    /// What importing `sheet` through `mapping` would do, row by row; changes nothing.
    pub fn preview_import(&self, sheet: &Sheet, mapping: &ColumnMapping) -> ImportPreview {
        let register = mapping.register();
        let mut next = match register {
            Register::Controls => self.next_control,
            Register::Evidence => self.next_evidence,
            Register::Applicability => 0,
        };
        let mut targets: Vec<(String, usize)> = Vec::new();
        let rows = sheet
            .rows
            .iter()
            .map(|row| {
                let mut plan = self.plan_row(row, mapping);
                let target = match &plan.action {
                    Action::Update(id) => Some((id.clone(), format!("update {id}"))),
                    Action::Add(_) => Some((
                        format!("new:{}", key_text(&plan.values).to_lowercase()),
                        format!("add {:?}", key_text(&plan.values)),
                    )),
                    Action::Refuse => None,
                };
                if let Some((key, what)) = target {
                    if let Some((_, first)) = targets.iter().find(|(k, _)| *k == key) {
                        plan.problems
                            .push(RowProblem::Duplicate { row: *first, what });
                        plan.action = Action::Refuse;
                    } else {
                        targets.push((key, row.number));
                    }
                }
                if matches!(plan.action, Action::Add(_)) {
                    let prefix = match register {
                        Register::Controls => "UC",
                        Register::Evidence => "EV",
                        // A decision exists for every Annex A control; plan_row never adds one.
                        Register::Applicability => "SOA",
                    };
                    plan.action = Action::Add(format!("{prefix}-{next:03}"));
                    next = next.saturating_add(1);
                }
                plan
            })
            .collect();
        ImportPreview {
            register,
            rows,
            missing: mapping
                .column(register.required())
                .is_none()
                .then_some(register.required()),
        }
    }

    /// Imports `sheet` through `mapping`: adds and merges every row the preview takes, as one
    /// step. Refused rows stop it (nothing changes) or are skipped, as asked.
    pub fn import_sheet(
        &mut self,
        sheet: &Sheet,
        mapping: &ColumnMapping,
        refused: RefusedRows,
    ) -> Result<ImportSummary, SheetImportError> {
        let preview = self.preview_import(sheet, mapping);
        if let Some(field) = preview.missing {
            return Err(SheetImportError::Missing(field));
        }
        let refused_rows: Vec<RowPlan> = preview.refused().cloned().collect();
        if refused == RefusedRows::Stop && !refused_rows.is_empty() {
            return Err(SheetImportError::Refused(refused_rows));
        }
        let mut changed = self.clone();
        let mut summary = ImportSummary {
            skipped: refused_rows.iter().map(|r| r.row).collect(),
            ..ImportSummary::default()
        };
        for plan in &preview.rows {
            match &plan.action {
                Action::Refuse => {}
                Action::Add(_) => summary.added.push(changed.apply_row(None, &plan.values)?),
                Action::Update(id) => {
                    summary
                        .updated
                        .push(changed.apply_row(Some(id), &plan.values)?);
                }
            }
        }
        *self = changed;
        Ok(summary)
    }

    fn plan_row(&self, row: &SheetRow, mapping: &ColumnMapping) -> RowPlan {
        let cell = |field: Field| mapping.column(field).map_or("", |c| row.cell(c));
        let mut problems = Vec::new();
        let (values, existing) = match mapping.register() {
            Register::Controls => {
                let values = control_values(&cell, &mut problems);
                let existing = self.matching(
                    &self.controls,
                    cell(Field::Id),
                    |c| (&c.id, &c.name),
                    key_text(&values),
                );
                (values, existing)
            }
            Register::Applicability => {
                let values = self.decision_values(&cell, &mut problems);
                let control = key_text(&values);
                let existing = self
                    .applicability
                    .iter()
                    .find(|a| a.control == control)
                    .map(|a| a.control.clone());
                if existing.is_none() && problems.is_empty() {
                    problems.push(RowProblem::NotAnnexA(control.to_owned()));
                }
                (values, existing)
            }
            Register::Evidence => {
                let values = self.evidence_values(&cell, &mut problems);
                let existing = self.matching(
                    &self.evidence,
                    cell(Field::Id),
                    |e| (&e.id, &e.title),
                    key_text(&values),
                );
                (values, existing)
            }
        };
        let note = (!cell(Field::Id).is_empty() && existing.is_none()).then(|| {
            format!(
                "the sheet's id {} is not in this programme, so the row is added as new",
                cell(Field::Id)
            )
        });
        let action = match (problems.is_empty(), existing) {
            (false, _) => Action::Refuse,
            (true, Some(id)) => Action::Update(id),
            (true, None) => Action::Add(String::new()),
        };
        let values = match (&action, values) {
            (
                Action::Add(_),
                RowValues::Evidence {
                    title,
                    kind,
                    owner,
                    cadence,
                    location,
                    collected,
                    period,
                    controls,
                },
            ) => RowValues::Evidence {
                title,
                kind: Some(kind.unwrap_or(EvidenceKind::Record)),
                owner,
                cadence: Some(cadence.unwrap_or(Cadence::Once)),
                location,
                collected,
                period,
                controls,
            },
            (_, values) => values,
        };
        RowPlan {
            row: row.number,
            action,
            values,
            problems,
            note,
        }
    }

    /// The id of the existing item this row merges into: the one with the row's id, else the
    /// one with exactly the row's name.
    fn matching<T>(
        &self,
        items: &[T],
        id: &str,
        id_and_name: impl Fn(&T) -> (&String, &String),
        name: &str,
    ) -> Option<String> {
        let by_id = items
            .iter()
            .find(|item| !id.is_empty() && id_and_name(item).0.eq_ignore_ascii_case(id));
        let by_name = || {
            items
                .iter()
                .find(|item| !name.is_empty() && id_and_name(item).1.trim() == name)
        };
        by_id
            .or_else(by_name)
            .map(|item| id_and_name(item).0.clone())
    }

    fn decision_values<'r>(
        &self,
        cell: &dyn Fn(Field) -> &'r str,
        problems: &mut Vec<RowProblem>,
    ) -> RowValues {
        let written = cell(Field::Control);
        let control = if written.is_empty() {
            problems.push(RowProblem::Empty(Field::Control));
            String::new()
        } else {
            match catalogues().read_ref(written) {
                Some(found) if refs::kind_of(&found) == Some(RefKind::AnnexA) => found,
                _ => {
                    problems.push(RowProblem::NotAnnexA(written.to_owned()));
                    written.to_owned()
                }
            }
        };
        let applicable = word(
            cell(Field::Applicable),
            applicable,
            RowProblem::UnknownApplicable,
            problems,
        );
        let mut reasons = Vec::new();
        let mut unknown = Vec::new();
        for written in list(cell(Field::Reasons)) {
            match soa_reason(written) {
                Some(reason) if !reasons.contains(&reason) => reasons.push(reason),
                Some(_) => {}
                None => unknown.push(written.to_owned()),
            }
        }
        reasons.sort_unstable();
        if !unknown.is_empty() {
            problems.push(RowProblem::UnknownReasons(unknown));
        }
        let risk_reference = cell(Field::RiskReference).to_owned();
        let treats_risk = if reasons.is_empty() {
            self.applicability
                .iter()
                .find(|a| a.control == control)
                .is_some_and(|a| a.reasons.contains(&SoaReason::RiskTreatment))
        } else {
            reasons.contains(&SoaReason::RiskTreatment)
        };
        if !risk_reference.is_empty() && !treats_risk {
            problems.push(RowProblem::RiskWithoutRiskTreatment);
        }
        RowValues::Decision {
            control,
            applicable,
            reasons,
            risk_reference,
            justification: cell(Field::Justification).to_owned(),
        }
    }

    fn evidence_values<'r>(
        &self,
        cell: &dyn Fn(Field) -> &'r str,
        problems: &mut Vec<RowProblem>,
    ) -> RowValues {
        let title = cell(Field::Title).to_owned();
        if title.is_empty() {
            problems.push(RowProblem::Empty(Field::Title));
        }
        let kind = word(cell(Field::Kind), kind, RowProblem::UnknownKind, problems);
        let cadence = word(
            cell(Field::Cadence),
            cadence,
            RowProblem::UnknownCadence,
            problems,
        );
        let mut collected = Vec::new();
        for day in list(cell(Field::Collected)) {
            match parse_date(day) {
                Ok(day) => collected.push(day),
                Err(_) => problems.push(RowProblem::NotADate {
                    field: Field::Collected,
                    text: day.to_owned(),
                }),
            }
        }
        let mut day = |field: Field| {
            let text = cell(field);
            if text.is_empty() {
                return None;
            }
            parse_date(text)
                .map_err(|_| {
                    problems.push(RowProblem::NotADate {
                        field,
                        text: text.to_owned(),
                    })
                })
                .ok()
        };
        let (start, end) = (day(Field::PeriodStart), day(Field::PeriodEnd));
        let period = match (start, end) {
            (Some(start), Some(end)) => Period::new(start, end)
                .map_err(|e| problems.push(e.into()))
                .ok(),
            _ if cell(Field::PeriodStart).is_empty() != cell(Field::PeriodEnd).is_empty() => {
                problems.push(RowProblem::HalfPeriod);
                None
            }
            // Blank, or a day that could not be read, which is a problem already.
            _ => None,
        };
        let find = |wanted: &str| {
            self.controls
                .iter()
                .find(|c| c.id.eq_ignore_ascii_case(wanted))
                .or_else(|| {
                    self.controls
                        .iter()
                        .find(|c| c.name.trim().eq_ignore_ascii_case(wanted))
                })
                .map(|c| c.id.clone())
        };
        let mut controls = Vec::new();
        let mut unknown = Vec::new();
        // A line or `;` part is first read whole, as names may hold commas ("Joiner, mover
        // and leaver process"); only then is it split on commas.
        for part in cell(Field::Controls)
            .split([';', '\n', '\r'])
            .map(str::trim)
        {
            let found: Vec<Result<String, &str>> = match find(part) {
                Some(id) => vec![Ok(id)],
                None => list(part).into_iter().map(|w| find(w).ok_or(w)).collect(),
            };
            for control in found {
                match control {
                    Ok(id) if !controls.contains(&id) => controls.push(id),
                    Ok(_) => {}
                    Err(wanted) => unknown.push(wanted.to_owned()),
                }
            }
        }
        if !unknown.is_empty() {
            problems.push(RowProblem::UnknownControls(unknown));
        }
        RowValues::Evidence {
            title,
            kind,
            owner: cell(Field::Owner).to_owned(),
            cadence,
            location: cell(Field::Location).to_owned(),
            collected,
            period,
            controls,
        }
    }

    /// Adds (no id) or merges one row's values, returning the item's id.
    fn apply_row(&mut self, id: Option<&String>, values: &RowValues) -> Result<String, EditError> {
        match values {
            RowValues::Decision {
                control,
                applicable,
                reasons,
                risk_reference,
                justification,
            } => {
                if let Some(applicable) = applicable {
                    self.set_applicable(control, *applicable)?;
                }
                if !reasons.is_empty() {
                    let current = self
                        .applicability
                        .iter()
                        .find(|a| &a.control == control)
                        .map(|a| a.reasons.clone())
                        .ok_or_else(|| EditError::NotAnnexA(control.clone()))?;
                    for reason in SoaReason::ALL {
                        if current.contains(&reason) != reasons.contains(&reason) {
                            self.toggle_soa_reason(control, reason)?;
                        }
                    }
                }
                if !risk_reference.is_empty() {
                    self.set_risk_reference(control, risk_reference)?;
                }
                if !justification.is_empty() {
                    self.set_justification(control, justification)?;
                }
                Ok(control.clone())
            }
            RowValues::Control {
                name,
                description,
                owner,
                status,
                iso,
                tsc,
            } => {
                let id = match id {
                    Some(id) => {
                        self.set_control_name(id, name)?;
                        id.clone()
                    }
                    None => self.add_control(name)?,
                };
                if !description.is_empty() {
                    self.set_control_description(&id, description)?;
                }
                if !owner.is_empty() {
                    self.set_control_owner(&id, owner)?;
                }
                if let Some(status) = status {
                    self.set_control_status(&id, *status)?;
                }
                let control = self
                    .control(&id)
                    .ok_or_else(|| EditError::UnknownControl(id.clone()))?;
                let iso_all = [control.iso.clone(), iso.clone()].concat();
                let tsc_all = [control.tsc.clone(), tsc.clone()].concat();
                self.set_control_iso(&id, iso_all)?;
                self.set_control_tsc(&id, tsc_all)?;
                Ok(id)
            }
            RowValues::Evidence {
                title,
                kind,
                owner,
                cadence,
                location,
                collected,
                period,
                controls,
            } => {
                let id = match id {
                    Some(id) => {
                        self.set_evidence_title(id, title)?;
                        id.clone()
                    }
                    None => self.add_evidence(
                        title,
                        kind.unwrap_or(EvidenceKind::Record),
                        cadence.unwrap_or(Cadence::Once),
                    )?,
                };
                if let Some(kind) = kind {
                    self.set_evidence_kind(&id, *kind)?;
                }
                if let Some(cadence) = cadence {
                    self.set_evidence_cadence(&id, *cadence)?;
                }
                if !owner.is_empty() {
                    self.set_evidence_owner(&id, owner)?;
                }
                if !location.is_empty() {
                    self.set_evidence_location(&id, location)?;
                }
                if period.is_some() {
                    self.set_evidence_period(&id, *period)?;
                }
                let item = self
                    .evidence_item(&id)
                    .ok_or_else(|| EditError::UnknownEvidence(id.clone()))?;
                let days = [item.collected.clone(), collected.clone()].concat();
                self.set_collected(&id, days)?;
                for control in controls {
                    self.link_evidence(&id, control)?;
                }
                Ok(id)
            }
        }
    }
}

/// A control row's values, with every problem of its cells.
fn control_values<'r>(
    cell: &dyn Fn(Field) -> &'r str,
    problems: &mut Vec<RowProblem>,
) -> RowValues {
    let name = cell(Field::Name).to_owned();
    if name.is_empty() {
        problems.push(RowProblem::Empty(Field::Name));
    }
    let status = word(
        cell(Field::Status),
        status,
        RowProblem::UnknownStatus,
        problems,
    );
    let mut sides = [Vec::new(), Vec::new()];
    let mut unknown = Vec::new();
    for (field, side) in [(Field::Iso, Side::Iso), (Field::Tsc, Side::Tsc)] {
        let read = catalogues().read_ref_list(cell(field));
        unknown.extend(read.unknown);
        let (own, other): (Vec<String>, Vec<String>) = read
            .refs
            .into_iter()
            .partition(|r| Side::of(r) == Some(side));
        if !other.is_empty() {
            problems.push(RowProblem::WrongFramework { field, refs: other });
        }
        sides[usize::from(side == Side::Tsc)] = own;
    }
    if !unknown.is_empty() {
        problems.push(RowProblem::UnknownRefs(unknown));
    }
    let [mut iso, mut tsc] = sides;
    iso.sort_by(|a, b| refs::compare(a, b));
    tsc.sort_by(|a, b| refs::compare(a, b));
    RowValues::Control {
        name,
        description: cell(Field::Description).to_owned(),
        owner: cell(Field::Owner).to_owned(),
        status,
        iso,
        tsc,
    }
}

/// A cell read by `parse`, blank as nothing; an unknown word is a problem.
fn word<T>(
    text: &str,
    parse: fn(&str) -> Option<T>,
    unknown: fn(String) -> RowProblem,
    problems: &mut Vec<RowProblem>,
) -> Option<T> {
    if text.is_empty() {
        return None;
    }
    let parsed = parse(text);
    if parsed.is_none() {
        problems.push(unknown(text.to_owned()));
    }
    parsed
}

/// The name, title or Annex A control that identifies a row among the others.
fn key_text(values: &RowValues) -> &str {
    match values {
        RowValues::Control { name, .. } => name,
        RowValues::Evidence { title, .. } => title,
        RowValues::Decision { control, .. } => control,
    }
}
