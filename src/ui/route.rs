//! Hash routes: every view and every item has a stable address (`#/iso/A.5.15`,
//! `#/tsc/CC6.1`) that a docs site can link to and that survives a reload.

use crate::catalog::{catalogues, refs, CatalogueKind, RefKind};
use crate::crosswalk::explore::IsoGroup;
use crate::crosswalk::Side;
use crate::report::ReportKind;

/// A view of the programme workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgrammeView {
    /// `#/programme`: start, or the overview with coverage and import/export.
    Overview,
    /// `#/programme/scope`.
    Scope,
    /// `#/programme/applicability`.
    Applicability,
    /// `#/programme/controls`.
    Controls,
    /// `#/programme/controls/UC-001`.
    Control(String),
    /// `#/programme/evidence`.
    Evidence,
    /// `#/programme/evidence/EV-001`.
    EvidenceItem(String),
    /// `#/programme/registers`: CUECs, subservice organisations, System Description text.
    Registers,
    /// `#/programme/coverage`.
    Coverage,
    /// `#/programme/import`: unified controls or evidence from a spreadsheet.
    Import,
    /// `#/programme/history`: snapshots, comparing versions, the next audit period.
    History,
}

impl ProgrammeView {
    fn parse(rest: &str) -> Option<ProgrammeView> {
        let (head, id) = rest
            .split_once('/')
            .map_or((rest, None), |(h, id)| (h, Some(id)));
        match (head, id) {
            ("", None) => Some(ProgrammeView::Overview),
            ("scope", None) => Some(ProgrammeView::Scope),
            ("applicability", None) => Some(ProgrammeView::Applicability),
            ("controls", None) => Some(ProgrammeView::Controls),
            ("controls", Some(id)) if id.starts_with("UC-") => {
                Some(ProgrammeView::Control(id.to_owned()))
            }
            ("evidence", None) => Some(ProgrammeView::Evidence),
            ("evidence", Some(id)) if id.starts_with("EV-") => {
                Some(ProgrammeView::EvidenceItem(id.to_owned()))
            }
            ("registers", None) => Some(ProgrammeView::Registers),
            ("coverage", None) => Some(ProgrammeView::Coverage),
            ("import", None) => Some(ProgrammeView::Import),
            ("history", None) => Some(ProgrammeView::History),
            _ => None,
        }
    }

    fn path(&self) -> String {
        match self {
            ProgrammeView::Overview => String::new(),
            ProgrammeView::Scope => "/scope".to_owned(),
            ProgrammeView::Applicability => "/applicability".to_owned(),
            ProgrammeView::Controls => "/controls".to_owned(),
            ProgrammeView::Control(id) => format!("/controls/{id}"),
            ProgrammeView::Evidence => "/evidence".to_owned(),
            ProgrammeView::EvidenceItem(id) => format!("/evidence/{id}"),
            ProgrammeView::Registers => "/registers".to_owned(),
            ProgrammeView::Coverage => "/coverage".to_owned(),
            ProgrammeView::Import => "/import".to_owned(),
            ProgrammeView::History => "/history".to_owned(),
        }
    }

    /// The tab a view belongs to (a control's editor belongs to the controls tab).
    pub fn section(&self) -> ProgrammeView {
        match self {
            ProgrammeView::Control(_) => ProgrammeView::Controls,
            ProgrammeView::EvidenceItem(_) => ProgrammeView::Evidence,
            other => other.clone(),
        }
    }
}

/// Where the app is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The crosswalk explorer from one side: `#/crosswalk/tsc` or `#/crosswalk/iso`.
    Explorer(Side),
    /// The matrix of ISO groups against TSC series, optionally drilled into one cell:
    /// `#/matrix` or `#/matrix/technological/CC6`.
    Matrix(Option<(IsoGroup, String)>),
    /// The register of obligations unique to one framework: `#/unique`.
    Unique,
    /// The programme workspace, e.g. `#/programme/controls/UC-012`.
    Programme(ProgrammeView),
    /// An audit artefact, e.g. `#/reports/soa`.
    Report(ReportKind),
    /// A catalogue listing, e.g. `#/catalog/annex-a`.
    Catalogue(CatalogueKind),
    /// One catalogue item, e.g. `#/iso/A.5.15`, `#/iso/9.2.1`, `#/tsc/CC6.1`, `#/dc/DC3`.
    Item(String),
    /// An address that names nothing.
    NotFound(String),
}

impl Default for Route {
    fn default() -> Self {
        Route::Explorer(Side::Tsc)
    }
}

impl Route {
    /// Reads a `location.hash` value (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        if path.is_empty() {
            return Route::default();
        }
        let not_found = || Route::NotFound(hash.to_owned());
        match path {
            "crosswalk" => return Route::Explorer(Side::Tsc),
            "matrix" => return Route::Matrix(None),
            "unique" => return Route::Unique,
            "programme" => return Route::Programme(ProgrammeView::Overview),
            "reports" => return Route::Report(ReportKind::Soa),
            _ => {}
        }
        let Some((section, rest)) = path.split_once('/') else {
            return not_found();
        };
        match section {
            "programme" => ProgrammeView::parse(rest).map_or_else(not_found, Route::Programme),
            "reports" => ReportKind::from_id(rest).map_or_else(not_found, Route::Report),
            "crosswalk" => match rest {
                "tsc" => Route::Explorer(Side::Tsc),
                "iso" => Route::Explorer(Side::Iso),
                _ => not_found(),
            },
            "matrix" => {
                let cell = rest.split_once('/').and_then(|(group, series)| {
                    let group = IsoGroup::from_id(group)?;
                    catalogues()
                        .series
                        .iter()
                        .any(|s| s.reference == series)
                        .then(|| (group, series.to_owned()))
                });
                cell.map_or_else(not_found, |cell| Route::Matrix(Some(cell)))
            }
            "catalog" => CatalogueKind::from_id(rest).map_or_else(not_found, Route::Catalogue),
            "iso" | "tsc" | "dc" => {
                let expected = match section {
                    "iso" => [RefKind::AnnexA, RefKind::Clause],
                    "tsc" => [RefKind::Tsc, RefKind::Tsc],
                    _ => [RefKind::Dc, RefKind::Dc],
                };
                let kind_fits = refs::kind_of(rest).is_some_and(|kind| expected.contains(&kind));
                if kind_fits && catalogues().exists(rest) {
                    Route::Item(rest.to_owned())
                } else {
                    not_found()
                }
            }
            _ => not_found(),
        }
    }

    /// The address of this route, starting with `#`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Explorer(side) => format!("#/crosswalk/{}", side.id()),
            Route::Matrix(None) => "#/matrix".to_owned(),
            Route::Matrix(Some((group, series))) => format!("#/matrix/{}/{series}", group.id()),
            Route::Unique => "#/unique".to_owned(),
            Route::Programme(view) => format!("#/programme{}", view.path()),
            Route::Report(kind) => format!("#/reports/{}", kind.id()),
            Route::Catalogue(kind) => format!("#/catalog/{}", kind.id()),
            Route::Item(reference) => item_hash(reference),
            Route::NotFound(hash) => hash.clone(),
        }
    }

    /// The top-level section this route belongs to, for highlighting the navigation.
    pub fn section(&self) -> Option<Route> {
        match self {
            Route::Explorer(_) => Some(Route::Explorer(Side::Tsc)),
            Route::Matrix(_) => Some(Route::Matrix(None)),
            Route::Unique => Some(Route::Unique),
            Route::Programme(_) => Some(Route::Programme(ProgrammeView::Overview)),
            Route::Report(_) => Some(Route::Report(ReportKind::Soa)),
            Route::Catalogue(kind) => Some(Route::Catalogue(*kind)),
            Route::Item(reference) => {
                refs::kind_of(reference).map(|k| Route::Catalogue(catalogue_of(k)))
            }
            Route::NotFound(_) => None,
        }
    }
}

/// The catalogue that holds refs of a kind.
pub fn catalogue_of(kind: RefKind) -> CatalogueKind {
    match kind {
        RefKind::AnnexA => CatalogueKind::AnnexA,
        RefKind::Clause => CatalogueKind::Clauses,
        RefKind::Tsc => CatalogueKind::Tsc,
        RefKind::Dc => CatalogueKind::Dc,
    }
}

/// The stable address of a catalogue item.
pub fn item_hash(reference: &str) -> String {
    let section = match refs::kind_of(reference) {
        Some(RefKind::Tsc) => "tsc",
        Some(RefKind::Dc) => "dc",
        _ => "iso",
    };
    format!("#/{section}/{reference}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_addresses_round_trip() {
        for reference in ["A.5.15", "9.2.1", "CC6.1", "PI1.3", "DC3"] {
            let route = Route::parse(&item_hash(reference));
            assert_eq!(route, Route::Item(reference.to_owned()));
            assert_eq!(route.to_hash(), item_hash(reference));
        }
        assert_eq!(item_hash("A.5.15"), "#/iso/A.5.15");
        assert_eq!(item_hash("CC6.1"), "#/tsc/CC6.1");
    }

    #[test]
    fn view_addresses_round_trip_and_empty_is_the_explorer() {
        let mut routes: Vec<Route> = CatalogueKind::ALL
            .into_iter()
            .map(Route::Catalogue)
            .collect();
        routes.extend([
            Route::Explorer(Side::Tsc),
            Route::Explorer(Side::Iso),
            Route::Matrix(None),
            Route::Matrix(Some((
                IsoGroup::Theme(crate::catalog::Theme::Technological),
                "CC6".to_owned(),
            ))),
            Route::Matrix(Some((IsoGroup::Clauses, "CC4".to_owned()))),
            Route::Unique,
            Route::Programme(ProgrammeView::Overview),
            Route::Programme(ProgrammeView::Scope),
            Route::Programme(ProgrammeView::Applicability),
            Route::Programme(ProgrammeView::Controls),
            Route::Programme(ProgrammeView::Control("UC-012".to_owned())),
            Route::Programme(ProgrammeView::Evidence),
            Route::Programme(ProgrammeView::EvidenceItem("EV-034".to_owned())),
            Route::Programme(ProgrammeView::History),
            Route::Programme(ProgrammeView::Coverage),
            Route::Programme(ProgrammeView::Registers),
            Route::Programme(ProgrammeView::Import),
            Route::Report(ReportKind::Soa),
            Route::Report(ReportKind::Plan),
        ]);
        for route in routes {
            assert_eq!(Route::parse(&route.to_hash()), route);
        }
        assert_eq!(Route::parse(""), Route::Explorer(Side::Tsc));
        assert_eq!(Route::parse("#/"), Route::Explorer(Side::Tsc));
        assert_eq!(Route::parse("#/crosswalk"), Route::Explorer(Side::Tsc));
    }

    #[test]
    fn unknown_or_mismatched_addresses_are_not_found() {
        for hash in [
            "#/matrix/people/CC10",
            "#/matrix/aliens/CC6",
            "#/crosswalk/nist",
            "#/programme/controls/EV-001",
            "#/programme/nothing",
            "#/iso/A.5.99",
            "#/tsc/A.5.1",
            "#/iso/CC6.1",
            "#/catalog/nist",
            "#/nowhere",
            "#/iso/<script>",
        ] {
            assert_eq!(
                Route::parse(hash),
                Route::NotFound(hash.to_owned()),
                "{hash}"
            );
        }
    }
}
