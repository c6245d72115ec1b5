//! The user's dual programme: scope, Statement of Applicability choices, unified controls
//! that each count for both frameworks, and one evidence base cited by both audits.
//!
//! A programme is a plain serde document with a schema version. It is validated against the
//! catalogues on import, so a bad file is refused with every problem named and never replaces
//! the programme the user has.

pub mod coverage;
pub mod library;
pub mod sample;
pub mod stored;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalog::{refs, Catalogues, Category, RefKind};

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 2;

/// The largest programme file the importer reads. A 1,000-control, 10,000-evidence programme
/// is about 3 MB; anything far beyond that is not a programme.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;

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

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl Period {
    /// Whether the two periods share at least one day.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Whether a day falls inside.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// The SOC 2 report the programme aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Report {
    /// Design of controls as of one date.
    Type1 {
        /// The "as of" date.
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

    /// `type1` or `type2`.
    pub fn id(&self) -> &'static str {
        match self {
            Report::Type1 { .. } => "type1",
            Report::Type2 { .. } => "type2",
        }
    }
}

/// What the programme covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeScope {
    /// The organisation's name.
    pub organisation: String,
    /// The system the SOC 2 report describes.
    pub system: String,
    /// The Trust Services categories elected besides security (which is always in).
    pub categories: Vec<Category>,
    /// The SOC 2 report type and its period.
    pub report: Report,
    /// The ISO/IEC 27001 certification scope statement (clause 4.3).
    pub iso_scope: String,
}

impl ProgrammeScope {
    /// The SOC 2 categories in scope as the crosswalk's scope.
    pub fn tsc_scope(&self) -> crate::crosswalk::coverage::Scope {
        crate::crosswalk::coverage::Scope::with(self.categories.iter().copied())
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
    /// Why: the SoA needs a justification either way.
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
    #[serde(default)]
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
}

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

/// Why a programme file was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    #[error(
        "the file is {size} bytes; a programme file is at most {max} bytes, so this is not one"
    )]
    TooLarge {
        /// The file's size.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// Not UTF-8 text.
    #[error("the file is not UTF-8 text (invalid byte at position {0}); a programme file is JSON")]
    NotText(usize),
    /// Not well-formed JSON.
    #[error("the file is not valid JSON: {0}")]
    Malformed(String),
    /// No schema version.
    #[error("schema_version: missing; this is not a Crosswalk programme file")]
    NoVersion,
    /// From a newer Crosswalk.
    #[error("schema_version: {0} is newer than this Crosswalk reads (up to {SCHEMA_VERSION}); update Crosswalk to open it")]
    FutureVersion(u64),
    /// A version that never existed.
    #[error("schema_version: {0} is not a version Crosswalk ever wrote")]
    UnknownVersion(u64),
    /// A field of the wrong type or an unknown value.
    #[error("{field}: {message}")]
    Shape {
        /// The field path.
        field: String,
        /// What the parser said.
        message: String,
    },
    /// Well-formed but inconsistent.
    #[error("the programme has {} problem(s):\n  - {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n  - "))]
    Invalid(Vec<Problem>),
}

/// Parses, migrates and validates a programme file. The caller's current programme is never
/// touched: on any error, nothing is returned but the error.
///
/// # Example
/// ```
/// use crosswalk::programme::{import_json, ImportError};
/// assert!(matches!(import_json(b"{\"schema_version\": 99}"), Err(ImportError::FutureVersion(99))));
/// assert!(matches!(import_json(b"[1, 2"), Err(ImportError::Malformed(_))));
/// ```
pub fn import_json(bytes: &[u8]) -> Result<Programme, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            size: bytes.len(),
            max: MAX_IMPORT_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotText(e.valid_up_to()))?;
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ImportError::Malformed(e.to_string()))?;
    import_document(value)
}

/// Migrates and validates a parsed programme document: the part of [`import_json`] shared with
/// reading the programme back from local storage ([`stored`]).
pub fn import_document(value: serde_json::Value) -> Result<Programme, ImportError> {
    let value = migrate(value)?;
    let programme: Programme =
        serde_path_to_error::deserialize(value).map_err(|e| ImportError::Shape {
            field: e.path().to_string(),
            message: e.into_inner().to_string(),
        })?;
    let problems = programme.problems(crate::catalog::catalogues());
    if problems.is_empty() {
        Ok(programme)
    } else {
        Err(ImportError::Invalid(problems))
    }
}

/// Brings a document of any earlier schema version up to [`SCHEMA_VERSION`], one step at a
/// time, so a file saved by any release opens in this one.
pub fn migrate(mut document: serde_json::Value) -> Result<serde_json::Value, ImportError> {
    loop {
        let version = document
            .get("schema_version")
            .ok_or(ImportError::NoVersion)?;
        let version = version.as_u64().ok_or_else(|| ImportError::Shape {
            field: "schema_version".to_owned(),
            message: format!("expected a whole number, found {version}"),
        })?;
        match version {
            v if v == u64::from(SCHEMA_VERSION) => return Ok(document),
            1 => document = v1_to_v2(document)?,
            v if v > u64::from(SCHEMA_VERSION) => return Err(ImportError::FutureVersion(v)),
            v => return Err(ImportError::UnknownVersion(v)),
        }
    }
}

/// Version 2 added the System Description registers: CUECs, subservice organisations and the
/// user's section notes. A version 1 programme had none, so they start empty.
fn v1_to_v2(mut document: serde_json::Value) -> Result<serde_json::Value, ImportError> {
    let object = document.as_object_mut().ok_or_else(|| ImportError::Shape {
        field: "(document)".to_owned(),
        message: "expected a JSON object".to_owned(),
    })?;
    object.insert("cuecs".to_owned(), serde_json::json!([]));
    object.insert("subservice_organisations".to_owned(), serde_json::json!([]));
    object.insert("description_notes".to_owned(), serde_json::json!({}));
    object.insert("schema_version".to_owned(), 2.into());
    Ok(document)
}

/// The programme as pretty JSON; importing it gives back the same programme.
pub fn export_json(programme: &Programme) -> String {
    let mut text = serde_json::to_string_pretty(programme).expect("a programme always serialises");
    text.push('\n');
    text
}

/// Parses a list of refs typed by the user (separated by commas, semicolons or spaces) into
/// known ISO items or criteria, in standard order without repeats; names every unknown one.
///
/// # Example
/// ```
/// use crosswalk::{catalog::catalogues, crosswalk::Side, programme::parse_ref_list};
/// assert_eq!(parse_ref_list("A.8.5, 9.2.1 A.5.15", Side::Iso, catalogues()), Ok(vec!["9.2.1".into(), "A.5.15".into(), "A.8.5".into()]));
/// assert_eq!(parse_ref_list("CC6.1, A.5.1", Side::Tsc, catalogues()), Err("not Trust Services Criteria: A.5.1".into()));
/// ```
pub fn parse_ref_list(
    text: &str,
    side: crate::crosswalk::Side,
    catalogues: &Catalogues,
) -> Result<Vec<String>, String> {
    let mut found: Vec<String> = Vec::new();
    let mut unknown: Vec<&str> = Vec::new();
    for token in text
        .split([',', ';', ' ', '\n', '\t'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if crate::crosswalk::Side::of(token) == Some(side) && catalogues.exists(token) {
            if !found.iter().any(|f| f == token) {
                found.push(token.to_owned());
            }
        } else {
            unknown.push(token);
        }
    }
    if !unknown.is_empty() {
        let what = match side {
            crate::crosswalk::Side::Iso => "ISO/IEC 27001:2022 items",
            crate::crosswalk::Side::Tsc => "Trust Services Criteria",
        };
        return Err(format!("not {what}: {}", unknown.join(", ")));
    }
    found.sort_by(|a, b| refs::compare(a, b));
    Ok(found)
}

/// Parses dates typed by the user as `YYYY-MM-DD`, separated by commas or spaces.
pub fn parse_dates(text: &str) -> Result<Vec<NaiveDate>, String> {
    text.split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<NaiveDate>()
                .map_err(|_| format!("{t:?} is not a date of the form 2027-03-31"))
        })
        .collect()
}

fn problem(problems: &mut Vec<Problem>, field: impl Into<String>, message: impl Into<String>) {
    problems.push(Problem {
        field: field.into(),
        message: message.into(),
    });
}

/// The number of an id of the form `PREFIX-` and at least `digits` digits.
fn id_number(id: &str, prefix: &str, min_digits: usize) -> Option<u32> {
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
        problems
    }

    fn check_scope(&self, problems: &mut Vec<Problem>) {
        if let Report::Type2 { period } = self.scope.report {
            if period.end < period.start {
                problem(problems, "scope.report.period", "ends before it starts");
            } else {
                let months = (period.end - period.start).num_days() as f64 / 30.44;
                if !(2.9..=12.2).contains(&months) {
                    problem(problems, "scope.report.period", format!("is {months:.1} months; a Type 2 observation period runs 3 to 12 months"));
                }
            }
        }
        let mut seen = HashSet::new();
        for (i, category) in self.scope.categories.iter().enumerate() {
            if !category.is_elective() {
                problem(
                    problems,
                    format!("scope.categories[{i}]"),
                    "security is always in scope; list only elected categories",
                );
            } else if !seen.insert(category) {
                problem(
                    problems,
                    format!("scope.categories[{i}]"),
                    format!("{category} is listed twice"),
                );
            }
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
        for control in catalogues.annex_a.items() {
            if !decided.contains_key(control.reference.as_str()) {
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
            match id_number(&control.id, "UC", 3) {
                None => problem(
                    problems,
                    at("id"),
                    format!("{:?} is not of the form UC-001", control.id),
                ),
                Some(n) if n >= self.next_control => problem(
                    problems,
                    at("id"),
                    format!(
                        "{} is not below next_control ({})",
                        control.id, self.next_control
                    ),
                ),
                Some(_) => {}
            }
            if !ids.insert(control.id.as_str()) {
                problem(problems, at("id"), format!("{} is used twice", control.id));
            }
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
            match id_number(&item.id, "EV", 3) {
                None => problem(
                    problems,
                    at("id"),
                    format!("{:?} is not of the form EV-001", item.id),
                ),
                Some(n) if n >= self.next_evidence => problem(
                    problems,
                    at("id"),
                    format!(
                        "{} is not below next_evidence ({})",
                        item.id, self.next_evidence
                    ),
                ),
                Some(_) => {}
            }
            if !ids.insert(item.id.as_str()) {
                problem(problems, at("id"), format!("{} is used twice", item.id));
            }
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
            if id_number(&cuec.id, "CUEC", 2).is_none() {
                problem(
                    problems,
                    format!("{at}.id"),
                    format!("{:?} is not of the form CUEC-01", cuec.id),
                );
            }
            if !ids.insert(cuec.id.as_str()) {
                problem(
                    problems,
                    format!("{at}.id"),
                    format!("{} is used twice", cuec.id),
                );
            }
            if cuec.description.trim().is_empty() {
                problem(problems, format!("{at}.description"), "is empty");
            }
            criteria_ok(&cuec.criteria, &at, problems);
        }
        for (i, organisation) in self.subservice_organisations.iter().enumerate() {
            let at = format!("subservice_organisations[{i}]");
            if organisation.name.trim().is_empty() {
                problem(problems, format!("{at}.name"), "is empty");
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

    /// The unified control with this id.
    pub fn control(&self, id: &str) -> Option<&UnifiedControl> {
        self.controls.iter().find(|c| c.id == id)
    }

    /// The evidence item with this id.
    pub fn evidence_item(&self, id: &str) -> Option<&EvidenceItem> {
        self.evidence.iter().find(|e| e.id == id)
    }

    /// Adds a unified control with the next free id and returns the id.
    pub fn add_control(&mut self, name: &str) -> String {
        let id = format!("UC-{:03}", self.next_control);
        self.next_control += 1;
        self.controls.push(UnifiedControl {
            id: id.clone(),
            name: name.to_owned(),
            description: String::new(),
            owner: String::new(),
            status: Status::NotStarted,
            iso: Vec::new(),
            tsc: Vec::new(),
            residuals: Vec::new(),
        });
        id
    }

    /// Deletes a unified control and every evidence reference to it; its id is not reused.
    pub fn delete_control(&mut self, id: &str) {
        self.controls.retain(|c| c.id != id);
        for item in &mut self.evidence {
            item.controls.retain(|c| c != id);
        }
    }

    /// Merges `absorbed` into `kept`: refs, residual notes and evidence links move over, the
    /// absorbed control is deleted.
    pub fn merge_controls(&mut self, kept: &str, absorbed: &str) {
        if kept == absorbed {
            return;
        }
        let Some(gone) = self.control(absorbed).cloned() else {
            return;
        };
        let Some(target) = self.controls.iter_mut().find(|c| c.id == kept) else {
            return;
        };
        for reference in gone.iso {
            if !target.iso.contains(&reference) {
                target.iso.push(reference);
            }
        }
        for reference in gone.tsc {
            if !target.tsc.contains(&reference) {
                target.tsc.push(reference);
            }
        }
        target.iso.sort_by(|a, b| refs::compare(a, b));
        target.tsc.sort_by(|a, b| refs::compare(a, b));
        for note in gone.residuals {
            if !target.residuals.iter().any(|n| n.tsc == note.tsc) {
                target.residuals.push(note);
            }
        }
        for item in &mut self.evidence {
            if item.controls.iter().any(|c| c == absorbed) {
                item.controls.retain(|c| c != absorbed);
                if !item.controls.iter().any(|c| c == kept) {
                    item.controls.push(kept.to_owned());
                }
            }
        }
        self.controls.retain(|c| c.id != absorbed);
    }

    /// Adds an evidence item with the next free id and returns the id.
    pub fn add_evidence(&mut self, title: &str, kind: EvidenceKind, cadence: Cadence) -> String {
        let id = format!("EV-{:03}", self.next_evidence);
        self.next_evidence += 1;
        self.evidence.push(EvidenceItem {
            id: id.clone(),
            title: title.to_owned(),
            kind,
            owner: String::new(),
            cadence,
            location: String::new(),
            collected: Vec::new(),
            period: None,
            controls: Vec::new(),
        });
        id
    }

    /// Deletes an evidence item; its id is not reused.
    pub fn delete_evidence(&mut self, id: &str) {
        self.evidence.retain(|e| e.id != id);
    }
}
