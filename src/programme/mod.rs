//! The user's dual programme: scope, Statement of Applicability choices, unified controls
//! that each count for both frameworks, and one evidence base cited by both audits.
//!
//! A programme is a plain serde document with a schema version. It is validated against the
//! catalogues on import, so a bad file is refused with every problem named and never replaces
//! the programme the user has.

pub mod coverage;
pub mod diff;
pub mod edit;
mod import;
pub mod index;
pub mod library;
pub mod merge;
mod model;
pub mod period;
pub mod records;
pub mod sample;
pub mod sheet_import;
pub mod stored;
mod validate;

pub(crate) use import::same_name;
pub use import::{export_json, import_document, import_json, migrate, ImportError};
pub use model::{
    Applicability, Cadence, Cuec, EvidenceItem, EvidenceKind, MergeConflict, Programme,
    ProgrammeScope, Report, ReportDatesError, ResidualNote, Snapshot, SoaReason, Status,
    SubserviceMethod, SubserviceOrganisation, UnifiedControl,
};
pub use period::{parse_date, parse_dates, EndsBeforeStart, NotADate, Period};
pub use validate::Problem;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 5;

/// The largest programme file the importer reads. A 1,000-control, 10,000-evidence programme
/// is about 3 MB; anything far beyond that is not a programme.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;
