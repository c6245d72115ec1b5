//! The SOC 2 System Description draft (DC1-DC9) and the management assertion checklist.

use serde::Serialize;

use super::soc2_matrix;
use crate::catalog::{Catalogues, Category};
use crate::crosswalk::Crosswalk;
use crate::programme::{Programme, Report, Status};
use crate::table::{Cell, Table};

/// One section of the System Description draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DescriptionSection {
    /// `DC1` … `DC9`.
    pub reference: String,
    /// The section's subject.
    pub title: String,
    /// What the programme already says for this section.
    pub prefilled: Vec<String>,
    /// What the user still has to write (the DC 200 disclosures not yet covered).
    pub prompts: Vec<String>,
    /// The user's own text for the section, if written.
    pub user_text: Option<String>,
}

/// The System Description draft: each DC section pre-filled from the programme where the
/// data exists, with prompts where only the user can write.
pub fn system_description(
    programme: &Programme,
    catalogues: &Catalogues,
    crosswalk: &Crosswalk,
) -> Vec<DescriptionSection> {
    let scope = &programme.scope;
    catalogues
        .dc
        .items()
        .iter()
        .map(|dc| {
            let mut prefilled = Vec::new();
            let mut prompts: Vec<String> = Vec::new();
            match dc.reference.as_ref() {
                "DC1" => prefilled.push(format!("{} provides the {} described in this report.", scope.organisation, scope.system)),
                "DC3" => {
                    let mut owners: Vec<&str> = programme.controls.iter().map(|c| c.owner.as_str()).filter(|o| !o.trim().is_empty()).collect();
                    owners.sort_unstable();
                    owners.dedup();
                    if !owners.is_empty() {
                        prefilled.push(format!("People: control owners include {}.", owners.join(", ")));
                    }
                    if !scope.iso_scope.trim().is_empty() {
                        prefilled.push(format!("Boundaries (from the ISO/IEC 27001 scope): {}", scope.iso_scope));
                    }
                }
                "DC5" => {
                    let categories: Vec<&str> = scope.categories.categories().iter().map(|c| c.label()).collect();
                    prefilled.push(format!("Trust Services categories in scope: {}.", categories.join(", ")));
                    for row in soc2_matrix(programme, catalogues, crosswalk) {
                        let controls: Vec<&str> = row.controls.iter().map(|t| t.control.as_str()).collect();
                        prefilled.push(if controls.is_empty() {
                            format!("{} {}: no control yet.", row.criterion, row.title)
                        } else {
                            format!("{} {}: {}.", row.criterion, row.title, controls.join(", "))
                        });
                    }
                }
                "DC6" => prefilled.extend(programme.cuecs.iter().map(|c| format!("{}: {} (criteria {}).", c.id, c.description, c.criteria.join(", ")))),
                "DC7" => prefilled.extend(programme.subservice_organisations.iter().map(|s| {
                    format!(
                        "{} ({} method): {} Complementary subservice organisation controls: {} (criteria {}).",
                        s.name,
                        s.method.id(),
                        s.services,
                        s.csocs.join("; "),
                        s.criteria.join(", ")
                    )
                })),
                "DC8" => {
                    let left_out: Vec<&str> = Category::ALL.iter().filter(|c| !scope.categories.includes(**c)).map(|c| c.label()).collect();
                    if !left_out.is_empty() {
                        prefilled.push(format!("Categories not in scope: {}; their criteria are not addressed by this report.", left_out.join(", ")));
                    }
                }
                "DC9" => {
                    if let Report::Type1 { as_of } = scope.report {
                        prefilled.push(format!("Type 1 report as of {as_of}: changes during a period are not required."));
                    }
                }
                _ => {}
            }
            let user_text = programme.description_notes.get(dc.reference.as_ref()).filter(|t| !t.trim().is_empty()).cloned();
            if user_text.is_none() {
                prompts.extend(dc.disclosures.iter().map(ToString::to_string));
            }
            DescriptionSection { reference: dc.reference.to_string(), title: dc.title.to_string(), prefilled, prompts, user_text }
        })
        .collect()
}

/// The System Description as a table.
pub fn description_table(sections: &[DescriptionSection]) -> Table {
    Table {
        columns: vec![
            "section",
            "title",
            "from_the_programme",
            "still_to_write",
            "your_text",
        ],
        rows: sections
            .iter()
            .map(|s| {
                vec![
                    s.reference.as_str().into(),
                    s.title.as_str().into(),
                    Cell::list(&s.prefilled),
                    Cell::list(&s.prompts),
                    s.user_text.as_deref().into(),
                ]
            })
            .collect(),
    }
}

/// One statement of the management assertion, and whether the programme supports it yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssertionItem {
    /// What management asserts.
    pub statement: String,
    /// Whether the programme supports it.
    pub ready: bool,
    /// Why, or what is missing.
    pub basis: String,
}

/// The management assertion checklist for the report type.
pub fn management_assertion(
    programme: &Programme,
    catalogues: &Catalogues,
    crosswalk: &Crosswalk,
) -> Vec<AssertionItem> {
    let sections = system_description(programme, catalogues, crosswalk);
    let unwritten: Vec<&str> = sections
        .iter()
        .filter(|s| !s.prompts.is_empty())
        .map(|s| s.reference.as_str())
        .collect();
    let matrix = soc2_matrix(programme, catalogues, crosswalk);
    let uncovered: Vec<&str> = matrix
        .iter()
        .filter(|r| r.controls.is_empty())
        .map(|r| r.criterion.as_str())
        .collect();
    let (period_words, needed_status) = match programme.scope.report {
        Report::Type1 { as_of } => (format!("as of {as_of}"), Status::Implemented),
        Report::Type2 { period } => (
            format!("throughout {} to {}", period.start, period.end),
            Status::Operating,
        ),
    };
    let not_ready: Vec<&str> = matrix
        .iter()
        .flat_map(|r| r.controls.iter())
        .filter(|t| t.status < needed_status)
        .map(|t| t.control.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let item = |statement: String, missing: Vec<&str>, ok: &str, what: &str| AssertionItem {
        statement,
        ready: missing.is_empty(),
        basis: if missing.is_empty() {
            ok.to_owned()
        } else {
            format!("{what}: {}", missing.join(", "))
        },
    };
    let mut items = vec![
        item(
            format!("The description presents the {} as designed and implemented {period_words}, in accordance with the description criteria (DC 200).", programme.scope.system),
            unwritten,
            "Every DC section has text or programme content.",
            "Sections still to write",
        ),
        item(
            format!("The controls stated in the description were suitably designed {period_words} to meet the service commitments and system requirements under the applicable criteria."),
            uncovered,
            "Every in-scope criterion has at least one unified control.",
            "Criteria without a control",
        ),
    ];
    if let Report::Type2 { .. } = programme.scope.report {
        items.push(item(
            format!("The controls operated effectively {period_words}."),
            not_ready.clone(),
            "Every control in the matrix is operating.",
            "Controls not yet operating",
        ));
    } else {
        items.push(item(
            format!("The controls were implemented {period_words}."),
            not_ready,
            "Every control in the matrix is implemented.",
            "Controls not yet implemented",
        ));
    }
    items.push(item(
        "Complementary user entity controls and subservice organisations are disclosed with the method used.".to_owned(),
        if programme.cuecs.is_empty() && programme.subservice_organisations.is_empty() { vec!["none recorded (confirm there are none)"] } else { Vec::new() },
        "CUEC and subservice organisation registers are filled in.",
        "Registers",
    ));
    items
}

/// The assertion checklist as a table.
pub fn assertion_table(items: &[AssertionItem]) -> Table {
    Table {
        columns: vec!["statement", "ready", "basis"],
        rows: items
            .iter()
            .map(|i| {
                vec![
                    i.statement.as_str().into(),
                    Cell::Bool(i.ready),
                    i.basis.as_str().into(),
                ]
            })
            .collect(),
    }
}
