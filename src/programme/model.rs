//! The programme document's types: what a programme file holds, field by field.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::crosswalk::coverage::Scope;

use super::{EndsBeforeStart, Period};

/// A unified control's implementation state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Nothing done yet.
    NotStarted,
    /// Being put in place.
    InProgress,
    /// In place, not yet shown to operate over time.
    Implemented,
    /// In place and operating, with a track record.
    Operating,
}

impl Status {
    /// Every status in order of progress.
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Implemented,
        Status::Operating,
    ];

    /// The id used in documents and exports.
    pub fn id(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::Implemented => "implemented",
            Status::Operating => "operating",
        }
    }

    /// A display label.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Not started",
            Status::InProgress => "In progress",
            Status::Implemented => "Implemented",
            Status::Operating => "Operating",
        }
    }

    /// Parses an id.
    pub fn from_id(id: &str) -> Option<Status> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// What an evidence item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    /// A policy document.
    Policy,
    /// A procedure or runbook.
    Procedure,
    /// A record (minutes, sign-offs, training completions).
    Record,
    /// A configuration export or setting.
    Configuration,
    /// A screenshot.
    Screenshot,
    /// A report (scan, test, review).
    Report,
    /// A ticket.
    Ticket,
    /// A log extract.
    Log,
}

impl EvidenceKind {
    /// Every kind.
    pub const ALL: [EvidenceKind; 8] = [
        EvidenceKind::Policy,
        EvidenceKind::Procedure,
        EvidenceKind::Record,
        EvidenceKind::Configuration,
        EvidenceKind::Screenshot,
        EvidenceKind::Report,
        EvidenceKind::Ticket,
        EvidenceKind::Log,
    ];

    /// The id used in documents and exports.
    pub fn id(self) -> &'static str {
        match self {
            EvidenceKind::Policy => "policy",
            EvidenceKind::Procedure => "procedure",
            EvidenceKind::Record => "record",
            EvidenceKind::Configuration => "configuration",
            EvidenceKind::Screenshot => "screenshot",
            EvidenceKind::Report => "report",
            EvidenceKind::Ticket => "ticket",
            EvidenceKind::Log => "log",
        }
    }

    /// Parses an id.
    pub fn from_id(id: &str) -> Option<EvidenceKind> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// How often an evidence item is produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    /// Produced once and kept current (a policy, a design document).
    Once,
    /// Produced whenever the event happens (a joiner, a change, an incident).
    PerEvent,
    /// Monthly.
    Monthly,
    /// Quarterly.
    Quarterly,
    /// Annually.
    Annually,
}

impl Cadence {
    /// Every cadence.
    pub const ALL: [Cadence; 5] = [
        Cadence::Once,
        Cadence::PerEvent,
        Cadence::Monthly,
        Cadence::Quarterly,
        Cadence::Annually,
    ];

    /// The id used in documents and exports.
    pub fn id(self) -> &'static str {
        match self {
            Cadence::Once => "once",
            Cadence::PerEvent => "per-event",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
            Cadence::Annually => "annually",
        }
    }

    /// Parses an id.
    pub fn from_id(id: &str) -> Option<Cadence> {
        Self::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// The SOC 2 report the programme aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Report {
    /// Design of controls as of one date.
    Type1 {
        /// The "as of" date.
        #[serde(with = "super::period::day")]
        as_of: NaiveDate,
    },
    /// Design and operating effectiveness over an observation period (3-12 months).
    Type2 {
        /// The observation period.
        period: Period,
    },
}

impl Report {
    /// The window evidence must fall in to count as current: the observation period, or the
    /// single "as of" day.
    pub fn window(&self) -> Period {
        match *self {
            Report::Type1 { as_of } => Period {
                start: as_of,
                end: as_of,
            },
            Report::Type2 { period } => period,
        }
    }

    /// A Type 2 report over `start` to `end`, refused unless the period is in order and runs
    /// 3 to 12 months.
    pub fn type2(start: NaiveDate, end: NaiveDate) -> Result<Report, ReportDatesError> {
        let report = Report::Type2 {
            period: Period::new(start, end)?,
        };
        report.check()?;
        Ok(report)
    }

    /// Whether the report's dates are usable: a Type 2 period in order, of 3 to 12 months (a
    /// little slack either side for month lengths).
    pub fn check(&self) -> Result<(), ReportDatesError> {
        let Report::Type2 { period } = self else {
            return Ok(());
        };
        Period::new(period.start, period.end)?;
        let months = period.months();
        if (2.9..=12.2).contains(&months) {
            Ok(())
        } else {
            Err(ReportDatesError::Length {
                days: period.days(),
                months,
            })
        }
    }

    /// `type1` or `type2`.
    pub fn id(&self) -> &'static str {
        match self {
            Report::Type1 { .. } => "type1",
            Report::Type2 { .. } => "type2",
        }
    }
}

/// Why a report's dates were refused.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum ReportDatesError {
    /// The observation period ends before it starts.
    #[error(transparent)]
    Order(#[from] EndsBeforeStart),
    /// The observation period is too short or too long for a Type 2.
    #[error("the period is {days} days ({months:.2} months); a Type 2 observation period runs 3 to 12 months")]
    Length {
        /// Its length in days, both ends counted.
        days: i64,
        /// Its length in months.
        months: f64,
    },
}

/// What the programme covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeScope {
    /// The organisation's name.
    pub organisation: String,
    /// The system the SOC 2 report describes.
    pub system: String,
    /// The Trust Services categories in scope: security and the elected ones.
    pub categories: Scope,
    /// The SOC 2 report type and its period.
    pub report: Report,
    /// The ISO/IEC 27001 certification scope statement (clause 4.3).
    pub iso_scope: String,
}

/// Why an Annex A control is included in the Statement of Applicability, or excluded: the
/// kinds of reason ISO/IEC 27001 6.1.3 d leads auditors to expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SoaReason {
    /// A law or regulation requires it (or makes it irrelevant).
    LegalOrRegulatory,
    /// A contract with a customer or partner requires it.
    Contractual,
    /// A business requirement or recognised good practice.
    BusinessOrGoodPractice,
    /// The outcome of risk treatment (with an optional reference to the risk).
    RiskTreatment,
}

impl SoaReason {
    /// Every reason, in the order the SoA lists them.
    pub const ALL: [SoaReason; 4] = [
        SoaReason::LegalOrRegulatory,
        SoaReason::Contractual,
        SoaReason::BusinessOrGoodPractice,
        SoaReason::RiskTreatment,
    ];

    /// The id used in documents and exports.
    pub fn id(self) -> &'static str {
        match self {
            SoaReason::LegalOrRegulatory => "legal-or-regulatory",
            SoaReason::Contractual => "contractual",
            SoaReason::BusinessOrGoodPractice => "business-or-good-practice",
            SoaReason::RiskTreatment => "risk-treatment",
        }
    }

    /// A display label.
    pub fn label(self) -> &'static str {
        match self {
            SoaReason::LegalOrRegulatory => "Legal or regulatory",
            SoaReason::Contractual => "Contractual",
            SoaReason::BusinessOrGoodPractice => "Business requirement or good practice",
            SoaReason::RiskTreatment => "Risk treatment",
        }
    }

    /// Parses an id.
    pub fn from_id(id: &str) -> Option<SoaReason> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// The Statement of Applicability decision for one Annex A control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicability {
    /// The Annex A ref.
    pub control: String,
    /// Included (true) or excluded (false).
    pub applicable: bool,
    /// The kinds of reason for the decision, in [`SoaReason::ALL`] order without repeats.
    pub reasons: Vec<SoaReason>,
    /// The risk the decision treats (a risk register id, say), when risk treatment is a reason.
    pub risk_reference: Option<String>,
    /// Why, in the user's words: the SoA needs a justification either way.
    pub justification: String,
}

/// How a unified control closes what SOC 2 asks beyond ISO for one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResidualNote {
    /// The criterion whose residual is handled.
    pub tsc: String,
    /// How.
    pub handles: String,
}

/// One implementation that satisfies ISO items and criteria at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnifiedControl {
    /// `UC-001`, never reused.
    pub id: String,
    /// A short name.
    pub name: String,
    /// What is done.
    pub description: String,
    /// Who answers for it.
    pub owner: String,
    /// Where it stands.
    pub status: Status,
    /// ISO items it satisfies (clause items and Annex A controls).
    pub iso: Vec<String>,
    /// Criteria it satisfies.
    pub tsc: Vec<String>,
    /// For criteria where ISO leaves a residual: how this control handles it.
    #[serde(default)]
    pub residuals: Vec<ResidualNote>,
}

/// One artefact, collected once, cited by both audits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceItem {
    /// `EV-001`, never reused.
    pub id: String,
    /// What it is.
    pub title: String,
    /// Its kind.
    pub kind: EvidenceKind,
    /// Who produces it.
    pub owner: String,
    /// How often.
    pub cadence: Cadence,
    /// Where the user keeps it (a path or URL); Crosswalk never opens it.
    pub location: String,
    /// The days it was collected.
    #[serde(default, with = "super::period::days")]
    pub collected: Vec<NaiveDate>,
    /// The span of time it covers, if it covers one.
    #[serde(default)]
    pub period: Option<Period>,
    /// The unified controls it supports.
    pub controls: Vec<String>,
}

impl EvidenceItem {
    /// Whether the item counts for a window: it covers part of it, was collected in it, or
    /// is a standing document (cadence `once`) collected before the window ended.
    pub fn is_current(&self, window: &Period) -> bool {
        self.period.is_some_and(|p| p.overlaps(window))
            || self.collected.iter().any(|&day| window.contains(day))
            || (self.cadence == Cadence::Once
                && self.collected.iter().any(|&day| day <= window.end))
    }
}

/// A complementary user entity control: something the service's customers must do for the
/// criteria to be met (DC6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cuec {
    /// `CUEC-01` …
    pub id: String,
    /// What customers are expected to do.
    pub description: String,
    /// The criteria it complements.
    pub criteria: Vec<String>,
}

/// How the SOC 2 report presents a subservice organisation's controls (DC7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SubserviceMethod {
    /// Its controls are left out of the description and the audit; CSOCs say what it must do.
    CarveOut,
    /// Its controls are described and tested along with the service organisation's.
    Inclusive,
}

impl SubserviceMethod {
    /// Both methods.
    pub const ALL: [SubserviceMethod; 2] =
        [SubserviceMethod::CarveOut, SubserviceMethod::Inclusive];

    /// Parses an id.
    pub fn from_id(id: &str) -> Option<SubserviceMethod> {
        Self::ALL.into_iter().find(|m| m.id() == id)
    }

    /// A display label.
    pub fn label(self) -> &'static str {
        match self {
            SubserviceMethod::CarveOut => "Carve-out",
            SubserviceMethod::Inclusive => "Inclusive",
        }
    }

    /// The id used in documents and exports.
    pub fn id(self) -> &'static str {
        match self {
            SubserviceMethod::CarveOut => "carve-out",
            SubserviceMethod::Inclusive => "inclusive",
        }
    }
}

/// A subservice organisation the system relies on (DC7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubserviceOrganisation {
    /// Its name.
    pub name: String,
    /// What it provides.
    pub services: String,
    /// Carve-out or inclusive.
    pub method: SubserviceMethod,
    /// Complementary subservice organisation controls expected of it.
    pub csocs: Vec<String>,
    /// The criteria it bears on.
    pub criteria: Vec<String>,
}

/// The user's whole programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// The schema version the document was written in.
    pub schema_version: u32,
    /// What the programme covers.
    pub scope: ProgrammeScope,
    /// One decision per Annex A control.
    pub applicability: Vec<Applicability>,
    /// The unified controls.
    pub controls: Vec<UnifiedControl>,
    /// The evidence base.
    pub evidence: Vec<EvidenceItem>,
    /// Complementary user entity controls (DC6).
    pub cuecs: Vec<Cuec>,
    /// Subservice organisations (DC7).
    pub subservice_organisations: Vec<SubserviceOrganisation>,
    /// The user's own text for System Description sections, keyed by DC ref (`DC1` … `DC9`).
    pub description_notes: BTreeMap<String, String>,
    /// The number the next unified control gets (ids are never reused).
    pub next_control: u32,
    /// The number the next evidence item gets.
    pub next_evidence: u32,
    /// The number the next CUEC gets (ids are never reused).
    pub next_cuec: u32,
    /// What a three-way merge found changed differently on both sides, for the user to
    /// resolve; meanwhile the programme holds our side's values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merge_conflicts: Vec<MergeConflict>,
    /// The programme frozen at named moments ("ISO stage 2", "end of SOC 2 period 1"), oldest
    /// first. They travel with the exported file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<Snapshot>,
}

/// The programme as it stood at a named moment: read-only, to compare with and export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// The user's name for the moment, unique in the programme.
    pub name: String,
    /// The day it was taken.
    #[serde(with = "super::period::day")]
    pub taken: NaiveDate,
    /// The programme then, without snapshots of its own.
    pub programme: Box<Programme>,
}

/// One field (or one whole item) that a three-way merge could not decide: both sides changed
/// it differently, or one side removed an item the other changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeConflict {
    /// The register (`controls`, `evidence`, `scope` …).
    pub register: String,
    /// The item's key in it (`UC-004`, `A.5.15`, `scope`).
    pub key: String,
    /// The field (`owner`, `report.period.end`), or empty for the whole item.
    pub field: String,
    /// Its value in the common ancestor (null when the item or field was not there).
    pub base: serde_json::Value,
    /// Our value, which the programme holds (null when our side removed it).
    pub ours: serde_json::Value,
    /// Their value (null when their side removed it).
    pub theirs: serde_json::Value,
}

impl Programme {
    /// The unified control with this id.
    pub fn control(&self, id: &str) -> Option<&UnifiedControl> {
        self.controls.iter().find(|c| c.id == id)
    }

    /// The evidence item with this id.
    pub fn evidence_item(&self, id: &str) -> Option<&EvidenceItem> {
        self.evidence.iter().find(|e| e.id == id)
    }
}
