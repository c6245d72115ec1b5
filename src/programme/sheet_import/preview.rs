//! What an import would do, row by row: each row's values as read, what confirming does with
//! it, and why a row cannot be taken.

use chrono::NaiveDate;

use super::cells::{APPLICABLE_WORDS, CADENCE_WORDS, KIND_WORDS, REASON_WORDS, STATUS_WORDS};
use super::columns::{Field, Register};
use crate::programme::{Cadence, EndsBeforeStart, EvidenceKind, Period, SoaReason, Status};

/// A row's values as they will be written. For a new item, a kind or frequency left blank is
/// the default shown here; for an existing one, a blank cell leaves the field as it is.
#[derive(Debug, Clone, PartialEq)]
pub enum RowValues {
    /// A unified control.
    Control {
        /// Its name.
        name: String,
        /// What it does.
        description: String,
        /// Who answers for it.
        owner: String,
        /// Where it stands.
        status: Option<Status>,
        /// ISO/IEC 27001 refs (added to any it has).
        iso: Vec<String>,
        /// Criteria (added to any it has).
        tsc: Vec<String>,
    },
    /// An evidence item.
    Evidence {
        /// Its title.
        title: String,
        /// Its kind.
        kind: Option<EvidenceKind>,
        /// Who produces it.
        owner: String,
        /// How often.
        cadence: Option<Cadence>,
        /// Where it is kept.
        location: String,
        /// Days collected (added to any it has).
        collected: Vec<NaiveDate>,
        /// The span it covers.
        period: Option<Period>,
        /// Unified control ids it supports (added to any it has).
        controls: Vec<String>,
    },
    /// A Statement of Applicability decision.
    Decision {
        /// The Annex A control.
        control: String,
        /// Included or excluded.
        applicable: Option<bool>,
        /// The kinds of reason (replacing the decision's when given).
        reasons: Vec<SoaReason>,
        /// The risk treated.
        risk_reference: String,
        /// Why.
        justification: String,
    },
}

impl RowValues {
    /// A field's value as the preview shows it: lists joined with `; `, blank when not given.
    pub fn text(&self, field: Field) -> String {
        let join = |items: &[String]| items.join("; ");
        let days = |days: &[NaiveDate]| {
            days.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        };
        match (self, field) {
            (RowValues::Control { name, .. }, Field::Name) => name.clone(),
            (RowValues::Control { description, .. }, Field::Description) => description.clone(),
            (
                RowValues::Control { owner, .. } | RowValues::Evidence { owner, .. },
                Field::Owner,
            ) => owner.clone(),
            (RowValues::Control { status, .. }, Field::Status) => {
                status.map_or_else(String::new, |s| s.label().to_owned())
            }
            (RowValues::Control { iso, .. }, Field::Iso) => join(iso),
            (RowValues::Control { tsc, .. }, Field::Tsc) => join(tsc),
            (RowValues::Evidence { title, .. }, Field::Title) => title.clone(),
            (RowValues::Evidence { kind, .. }, Field::Kind) => {
                kind.map_or_else(String::new, |k| k.id().to_owned())
            }
            (RowValues::Evidence { cadence, .. }, Field::Cadence) => {
                cadence.map_or_else(String::new, |c| c.id().to_owned())
            }
            (RowValues::Evidence { location, .. }, Field::Location) => location.clone(),
            (RowValues::Evidence { collected, .. }, Field::Collected) => days(collected),
            (RowValues::Evidence { period, .. }, Field::PeriodStart) => {
                period.map_or_else(String::new, |p| p.start.to_string())
            }
            (RowValues::Evidence { period, .. }, Field::PeriodEnd) => {
                period.map_or_else(String::new, |p| p.end.to_string())
            }
            (RowValues::Evidence { controls, .. }, Field::Controls) => join(controls),
            (RowValues::Decision { control, .. }, Field::Control) => control.clone(),
            (RowValues::Decision { applicable, .. }, Field::Applicable) => match applicable {
                Some(true) => "included".to_owned(),
                Some(false) => "excluded".to_owned(),
                None => String::new(),
            },
            (RowValues::Decision { reasons, .. }, Field::Reasons) => reasons
                .iter()
                .map(|r| r.label())
                .collect::<Vec<_>>()
                .join("; "),
            (RowValues::Decision { risk_reference, .. }, Field::RiskReference) => {
                risk_reference.clone()
            }
            (RowValues::Decision { justification, .. }, Field::Justification) => {
                justification.clone()
            }
            _ => String::new(),
        }
    }
}

/// What confirming the import does with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Adds a new item with this id.
    Add(String),
    /// Merges the row into the existing item with this id.
    Update(String),
    /// Takes nothing from the row.
    Refuse,
}

/// Why a row cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    /// The name or title is blank.
    #[error("the {} is empty", .0.label().to_lowercase())]
    Empty(Field),
    /// Refs of neither framework.
    #[error("unknown ref {}", .0.join(", "))]
    UnknownRefs(Vec<String>),
    /// A ref of the other framework in an ISO or SOC 2 column.
    #[error("{} in the {} column", .refs.join(", "), .field.label())]
    WrongFramework {
        /// The column.
        field: Field,
        /// The refs.
        refs: Vec<String>,
    },
    /// An unknown status word.
    #[error("unknown status {0:?}; use {STATUS_WORDS}")]
    UnknownStatus(String),
    /// An unknown kind word.
    #[error("unknown kind {0:?}; use {KIND_WORDS}")]
    UnknownKind(String),
    /// An unknown frequency.
    #[error("unknown frequency {0:?}; use {CADENCE_WORDS}")]
    UnknownCadence(String),
    /// A date not written `YYYY-MM-DD`.
    #[error("{} {text:?} is not a date written YYYY-MM-DD", .field.label().to_lowercase())]
    NotADate {
        /// The column.
        field: Field,
        /// As written.
        text: String,
    },
    /// A period with one end only.
    #[error("a period needs both its start and its end")]
    HalfPeriod,
    /// A period that ends before it starts.
    #[error(transparent)]
    PeriodOrder(#[from] EndsBeforeStart),
    /// Controls that are neither an id nor a name of this programme's controls.
    #[error("unknown unified control {}", .0.join(", "))]
    UnknownControls(Vec<String>),
    /// Not an Annex A control.
    #[error("{0:?} is not an Annex A control")]
    NotAnnexA(String),
    /// Neither yes nor no.
    #[error("applicable {0:?} is not {APPLICABLE_WORDS}")]
    UnknownApplicable(String),
    /// Reasons that are not kinds of reason the SoA takes.
    #[error("unknown reason {}; use {REASON_WORDS}", .0.join(", "))]
    UnknownReasons(Vec<String>),
    /// A risk reference without risk treatment among the reasons.
    #[error("a risk reference needs risk treatment among the reasons")]
    RiskWithoutRiskTreatment,
    /// Another row already adds or updates the same item.
    #[error("duplicate of row {row}: both {what}")]
    Duplicate {
        /// The earlier row.
        row: usize,
        /// What both rows do.
        what: String,
    },
}

/// One row of the preview.
#[derive(Debug, Clone, PartialEq)]
pub struct RowPlan {
    /// The spreadsheet row number.
    pub row: usize,
    /// What confirming does with it.
    pub action: Action,
    /// Its values as read.
    pub values: RowValues,
    /// Why it cannot be taken (empty unless refused).
    pub problems: Vec<RowProblem>,
    /// Something the user should know about a row that is taken (an id from another system).
    pub note: Option<String>,
}

impl RowPlan {
    /// What happens to the row, in words: "add as UC-079", "update UC-003", or why not.
    pub fn outcome(&self) -> String {
        match &self.action {
            Action::Add(id) => format!("add as {id}"),
            Action::Update(id) => format!("update {id}"),
            Action::Refuse => format!("not imported: {}", problems_text(&self.problems)),
        }
    }
}

/// What an import would do, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    /// What the rows become.
    pub register: Register,
    /// Every non-blank row under the header.
    pub rows: Vec<RowPlan>,
    /// The required field when no column feeds it.
    pub missing: Option<Field>,
}

impl ImportPreview {
    /// The rows that cannot be taken.
    pub fn refused(&self) -> impl Iterator<Item = &RowPlan> {
        self.rows.iter().filter(|r| r.action == Action::Refuse)
    }

    /// How many rows add items, update items, and are refused.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.rows
            .iter()
            .fold((0, 0, 0), |(a, u, r), row| match row.action {
                Action::Add(_) => (a + 1, u, r),
                Action::Update(_) => (a, u + 1, r),
                Action::Refuse => (a, u, r + 1),
            })
    }
}

/// A refused row's reasons in one line.
pub fn problems_text(problems: &[RowProblem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
