//! Every change a user can make to a programme, as one named method. The web app's handlers
//! and the CLI call these and nothing else, so each rule of the domain lives here once.
//!
//! An edit that can be refused returns [`EditError`] and leaves the programme exactly as it
//! was: every method checks first and changes after. Each accepted edit keeps the programme
//! valid ([`Programme::problems`] stays empty), so what is saved can always be read back.

mod conflicts;
mod controls;
mod evidence;
mod registers;
mod snapshots;

pub use conflicts::Resolution;

use chrono::NaiveDate;

use super::{
    parse_date, EndsBeforeStart, NotADate, Programme, Report, ReportDatesError, SoaReason,
};
use crate::catalog::{catalogues, refs, Category};
use crate::crosswalk::Side;

/// Why an edit was refused, in the user's terms.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    /// No unified control has this id.
    #[error("{0} is not a unified control of this programme")]
    UnknownControl(String),
    /// No evidence item has this id.
    #[error("{0} is not an evidence item of this programme")]
    UnknownEvidence(String),
    /// No CUEC has this id.
    #[error("{0} is not a CUEC of this programme")]
    UnknownCuec(String),
    /// No subservice organisation has this name.
    #[error("no subservice organisation is named {0:?}")]
    UnknownSubservice(String),
    /// Not an Annex A control.
    #[error("{0:?} is not an Annex A control")]
    NotAnnexA(String),
    /// Not a description criterion.
    #[error("{0:?} is not a description criterion DC1-DC9")]
    NotDescriptionCriterion(String),
    /// Refs that are not items of the framework asked for.
    #[error("not {}: {}", side_words(*.side), .refs.join(", "))]
    NotRefs {
        /// The framework the refs should belong to.
        side: Side,
        /// The refs that do not.
        refs: Vec<String>,
    },
    /// A residual note for a criterion the control does not list.
    #[error("{criterion} is not among {control}'s criteria; add it to the criteria first")]
    CriterionNotListed {
        /// The control.
        control: String,
        /// The criterion.
        criterion: String,
    },
    /// A control merged into itself.
    #[error("{0} cannot be merged into itself; give the id of another control")]
    MergeIntoItself(String),
    /// Text that must not be empty.
    #[error("the {0} cannot be empty")]
    Empty(&'static str),
    /// A name already used where names must be unique.
    #[error("a subservice organisation named {0:?} already exists")]
    DuplicateName(String),
    /// A period that ends before it starts.
    #[error(transparent)]
    Period(#[from] EndsBeforeStart),
    /// SOC 2 report dates out of order or of the wrong length.
    #[error(transparent)]
    ReportDates(#[from] ReportDatesError),
    /// A day not written as `YYYY-MM-DD`.
    #[error(transparent)]
    NotADate(#[from] NotADate),
    /// Every number of an id's counter is used (only a hand-edited file gets there).
    #[error("no number is left for a new {0} id")]
    IdsExhausted(&'static str),
    /// A risk reference for a decision that does not give risk treatment as a reason.
    #[error("{0}: choose risk treatment as a reason before naming the risk it treats")]
    RiskWithoutRiskTreatment(String),
    /// No snapshot has this name.
    #[error("no snapshot is named {0:?}")]
    UnknownSnapshot(String),
    /// A snapshot name already used.
    #[error("a snapshot named {0:?} already exists")]
    DuplicateSnapshot(String),
    /// No merge conflict at this position.
    #[error("there is no merge conflict number {}", .0 + 1)]
    UnknownConflict(usize),
    /// Their side of a merge conflict cannot be taken: the programme would not be valid.
    #[error("their value cannot be taken: {0}")]
    CannotTakeTheirs(String),
    /// A SOC 2 report type other than `type1` or `type2`.
    #[error("{0:?} is not a SOC 2 report type; use type1 or type2")]
    UnknownReportType(String),
}

fn side_words(side: Side) -> &'static str {
    match side {
        Side::Iso => "ISO/IEC 27001:2022 items",
        Side::Tsc => "Trust Services Criteria",
    }
}

/// The default name of a new subservice organisation, before the user names it.
pub const NEW_SUBSERVICE_NAME: &str = "New subservice organisation";

/// Parses a list of refs typed by the user (separated by commas, semicolons or spaces) into
/// known ISO items or criteria, in standard order without repeats; names every unknown one.
///
/// # Example
/// ```
/// use crosswalk::{crosswalk::Side, programme::edit::parse_ref_list};
/// assert_eq!(parse_ref_list("A.8.5, 9.2.1 A.5.15", Side::Iso).map_err(|e| e.to_string()), Ok(vec!["9.2.1".into(), "A.5.15".into(), "A.8.5".into()]));
/// assert_eq!(parse_ref_list("CC6.1, A.5.1", Side::Tsc).map_err(|e| e.to_string()), Err("not Trust Services Criteria: A.5.1".into()));
/// ```
pub fn parse_ref_list(text: &str, side: Side) -> Result<Vec<String>, EditError> {
    let tokens: Vec<String> = text
        .split([',', ';', ' ', '\n', '\t'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    known_refs(tokens, side)
}

/// The refs in standard order without repeats, or every one that is not of `side`.
pub(super) fn known_refs(list: Vec<String>, side: Side) -> Result<Vec<String>, EditError> {
    let unknown: Vec<String> = list
        .iter()
        .filter(|r| Side::of(r) != Some(side) || !catalogues().exists(r))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(EditError::NotRefs {
            side,
            refs: unknown,
        });
    }
    let mut list = list;
    list.sort_by(|a, b| refs::compare(a, b));
    list.dedup();
    Ok(list)
}

/// A SOC 2 report from its type (`type1` or `type2`) and dates as typed: the "as of" day, or
/// the period's first and last days. Refused as [`Programme::set_report`] would refuse it.
///
/// # Example
/// ```
/// use crosswalk::programme::edit::report_from_dates;
/// assert!(report_from_dates("type2", "2027-01-01", "2027-06-30").is_ok());
/// assert_eq!(report_from_dates("type2", "2027-06-30", "2027-01-01").map_err(|e| e.to_string()),
///     Err("the period ends on 2027-01-01, before it starts on 2027-06-30".to_owned()));
/// ```
pub fn report_from_dates(kind: &str, first: &str, last: &str) -> Result<Report, EditError> {
    match kind {
        "type1" => Ok(Report::Type1 {
            as_of: parse_date(first)?,
        }),
        "type2" => Ok(Report::type2(parse_date(first)?, parse_date(last)?)?),
        other => Err(EditError::UnknownReportType(other.to_owned())),
    }
}

/// A day typed into a date field that may be left blank: blank is no day.
pub fn optional_date(text: &str) -> Result<Option<NaiveDate>, NotADate> {
    let text = text.trim();
    (!text.is_empty()).then(|| parse_date(text)).transpose()
}

/// Lines of text, trimmed, blank ones dropped: how a list is typed into a text area.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Takes the next number from an id counter, which never goes back, so ids are never reused.
pub(super) fn take_number(counter: &mut u32, what: &'static str) -> Result<u32, EditError> {
    let number = *counter;
    *counter = number.checked_add(1).ok_or(EditError::IdsExhausted(what))?;
    Ok(number)
}

pub(super) fn not_empty(text: &str, what: &'static str) -> Result<(), EditError> {
    if text.trim().is_empty() {
        Err(EditError::Empty(what))
    } else {
        Ok(())
    }
}

/// Scope and report.
impl Programme {
    /// Names the organisation.
    pub fn set_organisation(&mut self, name: &str) {
        name.clone_into(&mut self.scope.organisation);
    }

    /// Names the system the SOC 2 report describes.
    pub fn set_system(&mut self, name: &str) {
        name.clone_into(&mut self.scope.system);
    }

    /// Sets the ISO/IEC 27001 certification scope statement (clause 4.3).
    pub fn set_iso_scope(&mut self, text: &str) {
        text.clone_into(&mut self.scope.iso_scope);
    }

    /// Elects a Trust Services category, or withdraws it; security stays in whatever is asked.
    pub fn toggle_category(&mut self, category: Category) {
        self.scope.categories.toggle(category);
    }

    /// Sets the SOC 2 report type and dates, refused when a Type 2 period is out of order or
    /// not 3 to 12 months long.
    pub fn set_report(&mut self, report: Report) -> Result<(), EditError> {
        report.check()?;
        self.scope.report = report;
        Ok(())
    }
}

/// The Statement of Applicability.
impl Programme {
    fn decision(&mut self, control: &str) -> Result<&mut super::Applicability, EditError> {
        self.applicability
            .iter_mut()
            .find(|a| a.control == control)
            .ok_or_else(|| EditError::NotAnnexA(control.to_owned()))
    }

    /// Includes an Annex A control in the SoA, or excludes it.
    pub fn set_applicable(&mut self, control: &str, applicable: bool) -> Result<(), EditError> {
        self.decision(control)?.applicable = applicable;
        Ok(())
    }

    /// Sets the justification of an Annex A control's inclusion or exclusion.
    pub fn set_justification(&mut self, control: &str, text: &str) -> Result<(), EditError> {
        text.clone_into(&mut self.decision(control)?.justification);
        Ok(())
    }

    /// Gives a kind of reason for an Annex A control's decision, or withdraws it. Withdrawing
    /// risk treatment withdraws the risk reference with it.
    pub fn toggle_soa_reason(&mut self, control: &str, reason: SoaReason) -> Result<(), EditError> {
        let decision = self.decision(control)?;
        match decision.reasons.binary_search(&reason) {
            Ok(at) => {
                decision.reasons.remove(at);
                if reason == SoaReason::RiskTreatment {
                    decision.risk_reference = None;
                }
            }
            Err(at) => decision.reasons.insert(at, reason),
        }
        Ok(())
    }

    /// Names the risk an Annex A control's decision treats; blank text removes it. Refused
    /// unless risk treatment is among the decision's reasons.
    pub fn set_risk_reference(&mut self, control: &str, text: &str) -> Result<(), EditError> {
        let decision = self.decision(control)?;
        let text = text.trim();
        if text.is_empty() {
            decision.risk_reference = None;
        } else if decision.reasons.contains(&SoaReason::RiskTreatment) {
            decision.risk_reference = Some(text.to_owned());
        } else {
            return Err(EditError::RiskWithoutRiskTreatment(control.to_owned()));
        }
        Ok(())
    }
}
