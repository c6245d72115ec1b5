//! The dual-programme planner: sequences foundations, shared controls, framework-specific work
//! and the audits so that work both frameworks need is done once, before either audit.
//!
//! Durations are planning estimates in whole weeks, not commitments: what the planner guarantees
//! is the order and the dependencies; the dates show what that order implies.

pub mod due;
pub mod which_first;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::programme::{Programme, Report, Status, UnifiedControl};
use crate::table::{Cell, Table};

/// Which framework's audit comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FirstAudit {
    /// ISO/IEC 27001 certification first, then the SOC 2 delta.
    Iso,
    /// The SOC 2 report first, then the ISO/IEC 27001 delta.
    Soc2,
    /// Both at once: the framework-specific work runs in parallel.
    Both,
}

/// What the user tells the planner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanInputs {
    /// Which audit comes first.
    pub first: FirstAudit,
    /// When the plan starts.
    #[serde(with = "crate::programme::period::day")]
    pub start: NaiveDate,
    /// `Some(3..=12)` months for a Type 2 observation window; `None` plans a Type 1.
    pub soc2_type2_months: Option<u8>,
    /// The answers behind the "which first?" recommendation.
    #[serde(default)]
    pub decision: which_first::Decision,
}

impl PlanInputs {
    /// Inputs read from the programme's own SOC 2 report, so a plan needs only the audit order:
    /// a Type 2 period gives the window length (rounded to whole months; one outside 3 to 12
    /// is left for [`plan`] to refuse), and without `start` the plan starts 26 weeks before the
    /// report date or period.
    pub fn for_programme(
        programme: &Programme,
        first: FirstAudit,
        start: Option<NaiveDate>,
    ) -> PlanInputs {
        let report = programme.scope.report.window();
        let soc2_type2_months = match programme.scope.report {
            Report::Type1 { .. } => None,
            Report::Type2 { period } => {
                Some(u8::try_from(period.whole_months()).unwrap_or(u8::MAX))
            }
        };
        PlanInputs {
            first,
            start: start.unwrap_or_else(|| {
                report
                    .start
                    .checked_sub_days(Days::new(DEFAULT_LEAD_WEEKS * 7))
                    .unwrap_or(report.start)
            }),
            soc2_type2_months,
            decision: which_first::Decision::default(),
        }
    }
}

/// How far ahead of the SOC 2 report a plan starts when the user gives no start.
const DEFAULT_LEAD_WEEKS: u64 = 26;

/// Whether a phase is work both frameworks count, or work for one of them.
///
/// The variant order is the tie-break order when phases start on the same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    /// Counts for both frameworks.
    Shared,
    /// ISO/IEC 27001 only.
    Iso,
    /// SOC 2 only.
    Soc2,
}

impl Track {
    /// The id used in documents and exports (as serialised).
    pub fn id(self) -> &'static str {
        match self {
            Track::Shared => "shared",
            Track::Iso => "iso",
            Track::Soc2 => "soc2",
        }
    }
}

/// One block of work in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phase {
    /// A stable id, e.g. `shared-wave-2` or `iso-stage-1`, that dependencies refer to.
    pub id: String,
    /// A display name.
    pub name: String,
    /// Shared or framework-specific.
    pub track: Track,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive; never before `start`).
    pub end: NaiveDate,
    /// Ids of the phases that must end before this one starts.
    pub depends_on: Vec<String>,
    /// What is done in it.
    pub items: Vec<String>,
}

/// The sequenced programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Phases in start order (ties: shared, then ISO, then SOC 2).
    pub phases: Vec<Phase>,
}

impl Plan {
    /// The phase with this id.
    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }

    /// The plan as a table, so it exports to CSV and JSON like every other result.
    pub fn to_table(&self) -> Table {
        Table {
            columns: vec!["id", "name", "track", "start", "end", "depends_on", "items"],
            rows: self
                .phases
                .iter()
                .map(|p| {
                    vec![
                        p.id.as_str().into(),
                        p.name.as_str().into(),
                        p.track.id().into(),
                        Cell::Date(p.start),
                        Cell::Date(p.end),
                        Cell::list(&p.depends_on),
                        Cell::list(&p.items),
                    ]
                })
                .collect(),
        }
    }
}

/// Errors in the user's inputs, in their terms.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// A Type 2 window outside what SOC 2 reports accept.
    #[error("a Type 2 observation window runs 3 to 12 months, not {0}")]
    WindowLength(u8),
    /// The start is so late that the plan would run off the end of the calendar.
    #[error("the start date is too far in the future: the plan would run past the last date the calendar holds")]
    StartTooLate,
}

/// How many requirements of both frameworks a control satisfies: the more it satisfies, the
/// more each day spent on it counts, so it is done earlier.
pub fn leverage(control: &UnifiedControl) -> usize {
    control.iso.len() + control.tsc.len()
}

/// Foundations: the ISMS groundwork every later control decision rests on.
const FOUNDATIONS_WEEKS: u64 = 6;
/// Kept small so each wave is a manageable sprint of work for the control owners.
const WAVE_SIZE: usize = 10;
const WAVE_WEEKS: u64 = 4;
/// Framework-specific work takes one block for its artefacts and one per wave-sized group of
/// open controls.
const SPECIFIC_BLOCK_WEEKS: u64 = 4;
const ISO_STAGE_WEEKS: u64 = 2;
/// Certification bodies leave time between the stages to close stage 1 findings.
const ISO_STAGE_GAP_WEEKS: u64 = 4;
/// Service auditor fieldwork and report writing.
const SOC2_AUDIT_WEEKS: u64 = 6;

/// ISO items the foundations settle (scope, risk method and assessment, treatment, policies).
const FOUNDATION_REFS: [&str; 6] = ["4.3", "5.2", "6.1.2", "6.1.3", "8.2", "A.5.1"];
const FOUNDATION_ITEMS: [&str; 4] = [
    "ISMS scope (4.3)",
    "Risk assessment method and first risk assessment (6.1.2, 8.2)",
    "Risk treatment plan (6.1.3)",
    "Information security policy and topic-specific policies (5.2, A.5.1)",
];
const ISO_ARTEFACTS: [&str; 3] = [
    "Statement of Applicability (6.1.3 d)",
    "Internal audit (9.2)",
    "Management review (9.3)",
];
const SOC2_ARTEFACTS: [&str; 3] = [
    "System description (DC 200)",
    "Complementary user entity controls (CUECs) and subservice organisation review",
    "Management assertion",
];

/// Sequences the programme: foundations, then the open shared controls in waves by leverage,
/// then framework-specific work and the audits in the order the user chose.
///
/// Controls already implemented or operating need no work and appear nowhere; a control with
/// no refs counts for neither framework and is not planned either.
pub fn plan(programme: &Programme, inputs: &PlanInputs) -> Result<Plan, PlanError> {
    let window = window_months(inputs.soc2_type2_months)?;
    let mut open: Vec<&UnifiedControl> = programme.controls.iter().filter(|c| is_open(c)).collect();
    // Ties by id in numeric order (shorter first), so UC-1000 follows UC-999.
    open.sort_by(|a, b| {
        leverage(b)
            .cmp(&leverage(a))
            .then_with(|| (a.id.len(), &a.id).cmp(&(b.id.len(), &b.id)))
    });
    let (groundwork, shared): (Vec<&UnifiedControl>, Vec<&UnifiedControl>) = open
        .iter()
        .filter(|c| track_of(c) == Some(Track::Shared))
        .partition(|c| lays_foundations(c));
    let foundations = foundations(&groundwork, inputs.start)?;
    let waves = shared_waves(&shared, &foundations)?;
    let shared_done = waves.last().unwrap_or(&foundations);
    let audits = match inputs.first {
        FirstAudit::Iso => in_sequence(Framework::Iso, Framework::Soc2, &open, window, shared_done),
        FirstAudit::Soc2 => {
            in_sequence(Framework::Soc2, Framework::Iso, &open, window, shared_done)
        }
        FirstAudit::Both => in_parallel(&open, window, shared_done),
    }?;
    let mut phases: Vec<Phase> = std::iter::once(foundations)
        .chain(waves)
        .chain(audits)
        .collect();
    phases.sort_by_key(|p| (p.start, p.track));
    Ok(Plan { phases })
}

/// Refuses windows SOC 2 reports do not accept, before anything is planned.
fn window_months(months: Option<u8>) -> Result<Option<u8>, PlanError> {
    match months {
        Some(m) if !(3..=12).contains(&m) => Err(PlanError::WindowLength(m)),
        _ => Ok(months),
    }
}

/// Whether a control still needs work.
fn is_open(control: &UnifiedControl) -> bool {
    matches!(control.status, Status::NotStarted | Status::InProgress)
}

/// Which track a control's work belongs to, from the frameworks it counts for.
fn track_of(control: &UnifiedControl) -> Option<Track> {
    match (control.iso.is_empty(), control.tsc.is_empty()) {
        (false, false) => Some(Track::Shared),
        (false, true) => Some(Track::Iso),
        (true, false) => Some(Track::Soc2),
        (true, true) => None,
    }
}

/// Whether a control is itself foundations work, so it is done there once and not again in
/// a wave.
fn lays_foundations(control: &UnifiedControl) -> bool {
    control
        .iso
        .iter()
        .any(|r| FOUNDATION_REFS.contains(&r.as_str()))
}

/// The work line for a control, saying how much it counts for.
fn control_item(control: &UnifiedControl) -> String {
    let n = leverage(control);
    let noun = if n == 1 {
        "requirement"
    } else {
        "requirements"
    };
    format!("{} {} (satisfies {n} {noun})", control.id, control.name)
}

/// The phase shape before it has dates.
struct Draft {
    id: String,
    name: String,
    track: Track,
    items: Vec<String>,
}

/// How long a phase runs.
enum Length {
    Weeks(u64),
    Months(u8),
}

impl Draft {
    fn new(id: &str, name: &str, track: Track, items: Vec<String>) -> Draft {
        Draft {
            id: id.to_owned(),
            name: name.to_owned(),
            track,
            items,
        }
    }

    /// Dates the phase; the caller picks a start after every dependency.
    fn scheduled(
        self,
        start: NaiveDate,
        depends_on: &[&Phase],
        length: Length,
    ) -> Result<Phase, PlanError> {
        let end = match length {
            Length::Weeks(weeks) => start.checked_add_days(Days::new(weeks * 7 - 1)),
            Length::Months(months) => start
                .checked_add_months(Months::new(months.into()))
                .and_then(|d| d.pred_opt()),
        }
        .ok_or(PlanError::StartTooLate)?;
        Ok(Phase {
            id: self.id,
            name: self.name,
            track: self.track,
            start,
            end,
            depends_on: depends_on.iter().map(|p| p.id.clone()).collect(),
            items: self.items,
        })
    }
}

/// The first day a phase's dependants may start.
fn day_after(phase: &Phase) -> Result<NaiveDate, PlanError> {
    phase.end.succ_opt().ok_or(PlanError::StartTooLate)
}

fn foundations(groundwork: &[&UnifiedControl], start: NaiveDate) -> Result<Phase, PlanError> {
    let items = FOUNDATION_ITEMS
        .iter()
        .map(|&item| item.to_owned())
        .chain(groundwork.iter().map(|c| control_item(c)))
        .collect();
    Draft::new("foundations", "Foundations", Track::Shared, items).scheduled(
        start,
        &[],
        Length::Weeks(FOUNDATIONS_WEEKS),
    )
}

/// Shared controls in waves, highest leverage first, each wave after the one before.
fn shared_waves(shared: &[&UnifiedControl], foundations: &Phase) -> Result<Vec<Phase>, PlanError> {
    let mut waves: Vec<Phase> = Vec::new();
    for (i, wave) in shared.chunks(WAVE_SIZE).enumerate() {
        let previous = waves.last().unwrap_or(foundations);
        let items = wave.iter().map(|c| control_item(c)).collect();
        let n = i + 1;
        let phase = Draft::new(
            &format!("shared-wave-{n}"),
            &format!("Shared controls, wave {n}"),
            Track::Shared,
            items,
        )
        .scheduled(day_after(previous)?, &[previous], Length::Weeks(WAVE_WEEKS))?;
        waves.push(phase);
    }
    Ok(waves)
}

/// The framework whose specific work and audit a phase serves.
#[derive(Clone, Copy)]
enum Framework {
    Iso,
    Soc2,
}

impl Framework {
    fn track(self) -> Track {
        match self {
            Framework::Iso => Track::Iso,
            Framework::Soc2 => Track::Soc2,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Framework::Iso => "ISO/IEC 27001",
            Framework::Soc2 => "SOC 2",
        }
    }

    fn artefacts(self) -> [&'static str; 3] {
        match self {
            Framework::Iso => ISO_ARTEFACTS,
            Framework::Soc2 => SOC2_ARTEFACTS,
        }
    }

    /// The framework-specific work: its own open controls and its audit artefacts.
    fn work(
        self,
        id: &str,
        name: &str,
        open: &[&UnifiedControl],
        after: &Phase,
    ) -> Result<Phase, PlanError> {
        let own: Vec<&UnifiedControl> = open
            .iter()
            .copied()
            .filter(|c| track_of(c) == Some(self.track()))
            .collect();
        let blocks = 1 + own.len().div_ceil(WAVE_SIZE) as u64;
        let items = own
            .iter()
            .map(|c| control_item(c))
            .chain(self.artefacts().iter().map(|&a| a.to_owned()))
            .collect();
        Draft::new(id, name, self.track(), items).scheduled(
            day_after(after)?,
            &[after],
            Length::Weeks(blocks * SPECIFIC_BLOCK_WEEKS),
        )
    }

    /// The audit phases, in order, after the work that prepares for them.
    fn audit(self, work: &Phase, window: Option<u8>) -> Result<Vec<Phase>, PlanError> {
        match (self, window) {
            (Framework::Iso, _) => iso_audit(work),
            (Framework::Soc2, None) => soc2_type1(work).map(|p| vec![p]),
            (Framework::Soc2, Some(months)) => soc2_type2(work, months),
        }
    }
}

/// Stage 1 reviews the documentation; stage 2 needs the internal audit and management review
/// (both in `work`) done, and a gap after stage 1 to close its findings.
fn iso_audit(work: &Phase) -> Result<Vec<Phase>, PlanError> {
    let stage_1 = Draft::new(
        "iso-stage-1",
        "ISO/IEC 27001 stage 1 audit",
        Track::Iso,
        vec!["Documentation review: scope, risk assessment and treatment, Statement of Applicability, policies".to_owned()],
    )
    .scheduled(day_after(work)?, &[work], Length::Weeks(ISO_STAGE_WEEKS))?;
    let gap_over = stage_1
        .start
        .checked_add_days(Days::new(ISO_STAGE_GAP_WEEKS * 7))
        .ok_or(PlanError::StartTooLate)?;
    let stage_2 = Draft::new(
        "iso-stage-2",
        "ISO/IEC 27001 stage 2 audit",
        Track::Iso,
        vec!["Certification audit of the ISMS in operation".to_owned()],
    )
    .scheduled(
        day_after(&stage_1)?.max(gap_over),
        &[&stage_1, work],
        Length::Weeks(ISO_STAGE_WEEKS),
    )?;
    Ok(vec![stage_1, stage_2])
}

/// A Type 1 tests design as of one day, so it can follow the SOC 2 work at once.
fn soc2_type1(work: &Phase) -> Result<Phase, PlanError> {
    let as_of = day_after(work)?;
    Draft::new(
        "soc2-type1",
        "SOC 2 Type 1 audit",
        Track::Soc2,
        vec![
            format!("Design of controls as of {as_of}"),
            "Service auditor fieldwork and Type 1 report".to_owned(),
        ],
    )
    .scheduled(as_of, &[work], Length::Weeks(SOC2_AUDIT_WEEKS))
}

/// A Type 2 tests operation over the window, so the window opens only once `work` (the last
/// phase implementing in-scope controls) is done, and the report follows it.
fn soc2_type2(work: &Phase, months: u8) -> Result<Vec<Phase>, PlanError> {
    let window = Draft::new(
        "soc2-window",
        "SOC 2 Type 2 observation window",
        Track::Soc2,
        vec![format!(
            "Controls operate for {months} months; evidence collected at each cadence"
        )],
    )
    .scheduled(day_after(work)?, &[work], Length::Months(months))?;
    let report = Draft::new(
        "soc2-report",
        "SOC 2 Type 2 fieldwork and report",
        Track::Soc2,
        vec!["Service auditor fieldwork and Type 2 report".to_owned()],
    )
    .scheduled(
        day_after(&window)?,
        &[&window],
        Length::Weeks(SOC2_AUDIT_WEEKS),
    )?;
    Ok(vec![window, report])
}

/// One framework's work and audit, then the other's delta and audit.
fn in_sequence(
    first: Framework,
    second: Framework,
    open: &[&UnifiedControl],
    window: Option<u8>,
    shared_done: &Phase,
) -> Result<Vec<Phase>, PlanError> {
    let work = first.work(
        &format!("{}-specific", first.track().id()),
        &format!("{}-specific work", first.label()),
        open,
        shared_done,
    )?;
    let first_audit = first.audit(&work, window)?;
    let audited = first_audit.last().unwrap_or(&work);
    let delta = second.work(
        "second-delta",
        &format!("Delta for {}", second.label()),
        open,
        audited,
    )?;
    let second_audit = second.audit(&delta, window)?;
    Ok([vec![work], first_audit, vec![delta], second_audit].concat())
}

/// Both frameworks' work side by side after the shared waves, each followed by its audit.
fn in_parallel(
    open: &[&UnifiedControl],
    window: Option<u8>,
    shared_done: &Phase,
) -> Result<Vec<Phase>, PlanError> {
    let mut phases = Vec::new();
    for framework in [Framework::Iso, Framework::Soc2] {
        let work = framework.work(
            &format!("{}-specific", framework.track().id()),
            &format!("{}-specific work", framework.label()),
            open,
            shared_done,
        )?;
        let audit = framework.audit(&work, window)?;
        phases.push(work);
        phases.extend(audit);
    }
    Ok(phases)
}
