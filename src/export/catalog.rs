//! The catalogue exports behind `crosswalk catalog`: one row per item, header starting
//! `ref,title,summary`, then the catalogue's own columns.

use crate::catalog::{CatalogueKind, Catalogues};
use crate::table::{Cell, Table};

/// The table for one catalogue.
///
/// # Example
/// ```
/// use crosswalk::{catalog::{catalogues, CatalogueKind}, export::catalog::catalogue_table};
/// let table = catalogue_table(catalogues(), CatalogueKind::Dc);
/// assert_eq!(table.rows.len(), 9);
/// assert_eq!(&table.columns[..3], ["ref", "title", "summary"]);
/// ```
pub fn catalogue_table(catalogues: &Catalogues, kind: CatalogueKind) -> Table {
    match kind {
        CatalogueKind::AnnexA => Table {
            columns: vec![
                "ref",
                "title",
                "summary",
                "theme",
                "new_in_2022",
                "control_types",
                "security_properties",
                "cybersecurity_concepts",
                "operational_capabilities",
                "security_domains",
            ],
            rows: catalogues
                .annex_a
                .items()
                .iter()
                .map(|c| {
                    vec![
                        c.reference.as_ref().into(),
                        c.title.as_ref().into(),
                        c.summary.as_ref().into(),
                        c.theme.id().into(),
                        Cell::Bool(c.new_in_2022),
                        Cell::list(c.control_types.iter()),
                        Cell::list(c.security_properties.iter()),
                        Cell::list(c.cybersecurity_concepts.iter()),
                        Cell::list(c.operational_capabilities.iter()),
                        Cell::list(c.security_domains.iter()),
                    ]
                })
                .collect(),
        },
        CatalogueKind::Clauses => Table {
            columns: vec![
                "ref",
                "title",
                "summary",
                "documented_information",
                "amendment_2024",
            ],
            rows: catalogues
                .clauses
                .items()
                .iter()
                .map(|c| {
                    vec![
                        c.reference.as_ref().into(),
                        c.title.as_ref().into(),
                        c.summary.as_ref().into(),
                        Cell::list(c.documented_information.iter()),
                        c.amendment_2024.as_deref().into(),
                    ]
                })
                .collect(),
        },
        CatalogueKind::Tsc => Table {
            columns: vec![
                "ref",
                "title",
                "summary",
                "category",
                "series",
                "series_name",
                "coso_principle",
                "points_of_focus",
            ],
            rows: catalogues
                .tsc
                .items()
                .iter()
                .map(|c| {
                    vec![
                        c.reference.as_ref().into(),
                        c.title.as_ref().into(),
                        c.summary.as_ref().into(),
                        c.category.id().into(),
                        c.series.as_ref().into(),
                        catalogues.series_of(c).map(|s| s.name.as_ref()).into(),
                        c.coso_principle
                            .map_or(Cell::Empty, |p| Cell::Number(p.into())),
                        Cell::list(c.points_of_focus.iter()),
                    ]
                })
                .collect(),
        },
        CatalogueKind::Dc => Table {
            columns: vec!["ref", "title", "summary", "disclosures"],
            rows: catalogues
                .dc
                .items()
                .iter()
                .map(|c| {
                    vec![
                        c.reference.as_ref().into(),
                        c.title.as_ref().into(),
                        c.summary.as_ref().into(),
                        Cell::list(c.disclosures.iter()),
                    ]
                })
                .collect(),
        },
    }
}
