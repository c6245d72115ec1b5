//! The starter library: unified control templates that together reach every Annex A control,
//! every clause item and every Trust Services Criterion, and "start from the library".

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::{
    Applicability, Cadence, EvidenceItem, EvidenceKind, Programme, ProgrammeScope, ResidualNote,
    Status, UnifiedControl, SCHEMA_VERSION,
};
use crate::catalog::{catalogues, refs, Catalogues, RefKind};

/// An evidence item a template suggests collecting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceSuggestion {
    /// What to collect.
    pub title: String,
    /// Its kind.
    pub kind: EvidenceKind,
    /// How often.
    pub cadence: Cadence,
}

/// One unified control template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// `LIB-001` …
    pub id: String,
    /// A short name.
    pub name: String,
    /// What the organisation does.
    pub description: String,
    /// ISO items it satisfies (none for a SOC 2-only template).
    #[serde(default)]
    pub iso: Vec<String>,
    /// Criteria it satisfies (none for an ISO-only template).
    #[serde(default)]
    pub tsc: Vec<String>,
    /// How it handles what SOC 2 asks beyond ISO, per criterion.
    #[serde(default)]
    pub residuals: Vec<ResidualNote>,
    /// Evidence to collect.
    pub evidence: Vec<EvidenceSuggestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LibraryFile {
    control: Vec<Template>,
}

/// The compiled-in library (`data/library.toml`), for the CLI and the tests. The web app
/// fetches the same document as `data/library.json` when the user starts a programme, so its
/// first download does not carry the library.
pub const EMBEDDED: &str = include_str!(concat!(env!("OUT_DIR"), "/library.json"));

/// Why a library document was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LibraryError {
    /// Not JSON shaped like `data/library.toml`.
    #[error("the library is not readable: {0}")]
    Unreadable(String),
    /// Readable, but breaking the rules [`Library::problems`] checks.
    #[error("the library is invalid: {}", .0.join("; "))]
    Invalid(Vec<String>),
}

/// The starter library.
#[derive(Debug, Clone, PartialEq)]
pub struct Library {
    /// The templates in id order.
    pub templates: Vec<Template>,
}

impl Library {
    /// Parses a library document shaped like `data/library.toml`.
    pub fn from_json(json: &str) -> Result<Library, String> {
        let file: LibraryFile = serde_json::from_str(json).map_err(|e| format!("library: {e}"))?;
        Ok(Library {
            templates: file.control,
        })
    }

    /// Parses a library document and checks it against the catalogues: a library that parses
    /// here can be started from, whatever file it came from.
    ///
    /// # Example
    /// ```
    /// use crosswalk::programme::library::{Library, EMBEDDED};
    /// let library = Library::parse(EMBEDDED, crosswalk::catalog::catalogues()).expect("valid");
    /// assert_eq!(library.templates[0].id, "LIB-001");
    /// assert!(Library::parse("{}", crosswalk::catalog::catalogues()).is_err());
    /// ```
    pub fn parse(json: &str, catalogues: &Catalogues) -> Result<Library, LibraryError> {
        let file: LibraryFile =
            serde_json::from_str(json).map_err(|e| LibraryError::Unreadable(e.to_string()))?;
        let library = Library {
            templates: file.control,
        };
        let problems = library.problems(catalogues);
        if problems.is_empty() {
            Ok(library)
        } else {
            Err(LibraryError::Invalid(problems))
        }
    }

    /// Every rule the library breaks: unknown refs, ids out of sequence, residual notes on
    /// criteria the template does not list, and any Annex A control, clause item or criterion
    /// that no template reaches.
    pub fn problems(&self, catalogues: &Catalogues) -> Vec<String> {
        let mut problems = Vec::new();
        for (i, template) in self.templates.iter().enumerate() {
            let id = &template.id;
            if *id != format!("LIB-{:03}", i + 1) {
                problems.push(format!("{id}: expected LIB-{:03}", i + 1));
            }
            if template.name.trim().is_empty() || template.description.trim().is_empty() {
                problems.push(format!("{id}: empty name or description"));
            }
            if template.iso.is_empty() && template.tsc.is_empty() {
                problems.push(format!("{id}: satisfies nothing"));
            }
            for reference in &template.iso {
                if !matches!(
                    refs::kind_of(reference),
                    Some(RefKind::AnnexA | RefKind::Clause)
                ) || !catalogues.exists(reference)
                {
                    problems.push(format!("{id}: {reference:?} is not an ISO item"));
                }
            }
            for reference in &template.tsc {
                if refs::kind_of(reference) != Some(RefKind::Tsc) || !catalogues.exists(reference) {
                    problems.push(format!("{id}: {reference:?} is not a criterion"));
                }
            }
            for note in &template.residuals {
                if !template.tsc.contains(&note.tsc) || note.handles.trim().is_empty() {
                    problems.push(format!(
                        "{id}: residual note for {} is empty or not among its criteria",
                        note.tsc
                    ));
                }
            }
            if template.evidence.is_empty()
                || template.evidence.iter().any(|e| e.title.trim().is_empty())
            {
                problems.push(format!("{id}: evidence suggestions missing or untitled"));
            }
        }
        let reached = |reference: &str| {
            self.templates
                .iter()
                .any(|t| t.iso.iter().chain(&t.tsc).any(|r| r == reference))
        };
        let all_refs = catalogues
            .iso_refs()
            .chain(catalogues.tsc.items().iter().map(|c| c.reference.as_ref()));
        for reference in all_refs {
            if !reached(reference) {
                problems.push(format!("no template reaches {reference}"));
            }
        }
        problems
    }
}

static LIBRARY: LazyLock<Library> = LazyLock::new(|| {
    Library::parse(EMBEDDED, catalogues())
        .unwrap_or_else(|e| panic!("the compiled-in library (the test suite guards it): {e}"))
});

/// The compiled-in starter library.
pub fn library() -> &'static Library {
    &LIBRARY
}

/// A new programme holding the library's controls for the scope: every template with an ISO
/// ref or an in-scope criterion, its criteria narrowed to the scope, its suggested evidence
/// registered (not yet collected), and every Annex A control applicable with a justification
/// naming the controls that implement it.
///
/// # Example
/// ```
/// use crosswalk::crosswalk::coverage::Scope;
/// use crosswalk::programme::{library::{library, start_from_library}, parse_date, ProgrammeScope, Report};
/// let scope = ProgrammeScope {
///     organisation: "Example Ltd".into(),
///     system: "Example app".into(),
///     categories: Scope::default(),
///     report: Report::Type1 { as_of: parse_date("2027-03-31").expect("date") },
///     iso_scope: "The Example app and its operations".into(),
/// };
/// let programme = start_from_library(scope, library(), crosswalk::catalog::catalogues());
/// assert!(programme.controls.iter().all(|c| c.tsc.iter().all(|r| r.starts_with("CC"))));
/// assert_eq!(programme.applicability.len(), 93);
/// ```
pub fn start_from_library(
    scope: ProgrammeScope,
    library: &Library,
    catalogues: &Catalogues,
) -> Programme {
    let tsc_scope = scope.categories.clone();
    let in_scope = |reference: &String| tsc_scope.includes_criterion(reference, catalogues);
    let mut programme = Programme {
        schema_version: SCHEMA_VERSION,
        scope,
        applicability: Vec::new(),
        controls: Vec::new(),
        evidence: Vec::new(),
        cuecs: Vec::new(),
        subservice_organisations: Vec::new(),
        description_notes: Default::default(),
        next_control: 1,
        next_evidence: 1,
        next_cuec: 1,
        merge_conflicts: Vec::new(),
        snapshots: Vec::new(),
    };
    for template in &library.templates {
        let tsc: Vec<String> = template
            .tsc
            .iter()
            .filter(|r| in_scope(r))
            .cloned()
            .collect();
        if template.iso.is_empty() && tsc.is_empty() {
            continue;
        }
        let id = format!("UC-{:03}", programme.next_control);
        programme.next_control += 1;
        programme.controls.push(UnifiedControl {
            id: id.clone(),
            name: template.name.clone(),
            description: template.description.clone(),
            owner: String::new(),
            status: Status::NotStarted,
            iso: template.iso.clone(),
            residuals: template
                .residuals
                .iter()
                .filter(|n| tsc.contains(&n.tsc))
                .cloned()
                .collect(),
            tsc,
        });
        for suggestion in &template.evidence {
            programme.evidence.push(EvidenceItem {
                id: format!("EV-{:03}", programme.next_evidence),
                title: suggestion.title.clone(),
                kind: suggestion.kind,
                owner: String::new(),
                cadence: suggestion.cadence,
                location: String::new(),
                collected: Vec::new(),
                period: None,
                controls: vec![id.clone()],
            });
            programme.next_evidence += 1;
        }
    }
    programme.applicability = catalogues
        .annex_a
        .items()
        .iter()
        .map(|control| {
            let implementing: Vec<String> = programme
                .controls
                .iter()
                .filter(|uc| uc.iso.iter().any(|r| *r == control.reference))
                .map(|uc| format!("{} {}", uc.id, uc.name))
                .collect();
            let justification = if implementing.is_empty() {
                "Included as part of the baseline; implementation still to be defined.".to_owned()
            } else {
                format!(
                    "Included: treats identified risks; implemented by {}.",
                    implementing.join("; ")
                )
            };
            // The library cannot know why the organisation includes a control, so it gives
            // no reason: the user chooses them.
            Applicability {
                control: control.reference.to_string(),
                applicable: true,
                reasons: Vec::new(),
                risk_reference: None,
                justification,
            }
        })
        .collect();
    programme
}
