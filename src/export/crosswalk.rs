//! Exports of the crosswalk: the link map (CSV, JSON, OSCAL 1.2 mapping collection), the
//! verdicts, the unique register and the gap query.

use serde_json::{json, Value};
use uuid::Uuid;

use crate::catalog::{refs, Catalogues, RefKind};
use crate::crosswalk::coverage::{links_in_scope, CriterionGap, Scope};
use crate::crosswalk::{Crosswalk, Link, Side, Verdict};
use crate::table::{Cell, Table};

/// The statement every crosswalk export carries once.
pub const INFORMATIVE_NOTICE: &str = "Informative mapping by Crosswalk, not an equivalence guarantee: \
satisfying one framework's requirement does not by itself satisfy the other's. Your auditor decides.";

/// The links into in-scope criteria:
/// `iso_ref,tsc_ref,relationship,strength,points_of_focus,points_in_part,rationale,divergence`.
pub fn map_table(crosswalk: &Crosswalk, catalogues: &Catalogues, scope: &Scope) -> Table {
    Table {
        columns: vec![
            "iso_ref",
            "tsc_ref",
            "relationship",
            "strength",
            "points_of_focus",
            "points_in_part",
            "rationale",
            "divergence",
        ],
        rows: links_in_scope(crosswalk, catalogues, scope)
            .into_iter()
            .map(|link| {
                vec![
                    link.iso.as_ref().into(),
                    link.tsc.as_ref().into(),
                    link.relationship.id().into(),
                    Cell::Number(link.strength.into()),
                    positions(&link.points).into(),
                    positions(&link.partly).into(),
                    link.rationale().into(),
                    link.divergence().into(),
                ]
            })
            .collect(),
    }
}

/// Every verdict: `framework,ref,verdict,residual` (the residual column holds a unique item's
/// reason, and for a partial criterion names the points of focus no ISO item reaches).
pub fn verdicts_table(crosswalk: &Crosswalk, catalogues: &Catalogues) -> Table {
    Table {
        columns: vec!["framework", "ref", "verdict", "residual"],
        rows: crosswalk
            .verdicts()
            .iter()
            .map(|v| {
                vec![
                    v.framework.id().into(),
                    v.reference.as_ref().into(),
                    v.verdict.id().into(),
                    Some(crosswalk.explain(v, catalogues))
                        .filter(|e| !e.is_empty())
                        .into(),
                ]
            })
            .collect(),
    }
}

/// The unique register.
pub fn unique_table(crosswalk: &Crosswalk) -> Table {
    Table {
        columns: vec![
            "id",
            "framework",
            "title",
            "refs",
            "produce",
            "why_unique",
            "partial_counterpart",
            "partial_refs",
        ],
        rows: crosswalk
            .obligations()
            .iter()
            .map(|o| {
                vec![
                    o.id.as_ref().into(),
                    o.framework.id().into(),
                    o.title.as_ref().into(),
                    Cell::list(o.refs.iter()),
                    o.produce().into(),
                    o.why_unique().into(),
                    o.partial_counterpart().into(),
                    Cell::list(o.partial_refs.iter()),
                ]
            })
            .collect(),
    }
}

/// The gap query's answer, one row per in-scope criterion.
pub fn gaps_table(gaps: &[CriterionGap<'_>]) -> Table {
    Table {
        columns: vec![
            "tsc_ref",
            "category",
            "verdict",
            "state",
            "implemented",
            "missing",
            "residual",
        ],
        rows: gaps
            .iter()
            .map(|g| {
                vec![
                    g.criterion.reference.as_ref().into(),
                    g.criterion.category.id().into(),
                    g.verdict.verdict.id().into(),
                    g.state.id().into(),
                    Cell::list(&g.implemented),
                    Cell::list(&g.missing),
                    g.residual.clone().into(),
                ]
            })
            .collect(),
    }
}

/// Crosswalk's namespace for deterministic (name-based, v5) OSCAL UUIDs: the same data always
/// gives the same document.
const UUID_NAMESPACE: Uuid = Uuid::from_u128(0x04a0546b_9a9d_469d_acad_72c6f3eeae69);
/// Namespace of the properties Crosswalk adds to OSCAL maps: a URN Crosswalk owns, not a web
/// address, since nothing is published there.
pub const PROPERTY_NS: &str = "urn:crosswalk:oscal";

/// A ref as an OSCAL control id. OSCAL ids are tokens, which start with a letter or underscore:
/// Annex A controls (`A.5.15`) and criteria (`CC6.1`) already are; clause items take the fixed
/// prefix `clause-` (`clause-9.2.1`). The one scheme wherever an id appears.
///
/// # Example
/// ```
/// use crosswalk::export::crosswalk::oscal_id;
/// assert_eq!(oscal_id("9.2.1"), "clause-9.2.1");
/// assert_eq!(oscal_id("A.5.15"), "A.5.15");
/// assert_eq!(oscal_id("CC6.1"), "CC6.1");
/// ```
pub fn oscal_id(reference: &str) -> String {
    match refs::kind_of(reference) {
        Some(RefKind::Clause) => format!("clause-{reference}"),
        _ => reference.to_owned(),
    }
}

fn uuid_for(name: &str) -> String {
    Uuid::new_v5(&UUID_NAMESPACE, name.as_bytes()).to_string()
}

/// Point-of-focus positions as the exports write them: `2 6`.
fn positions(points: &[u8]) -> String {
    points
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A mapping's props: its strength and the criterion's points of focus it reaches in full and
/// in part (an OSCAL prop value may not be empty, so an empty list is left out).
fn points_props(link: &Link) -> Vec<Value> {
    let mut props =
        vec![json!({"name": "strength", "ns": PROPERTY_NS, "value": link.strength.to_string()})];
    for (name, points) in [
        ("points-of-focus-reached", &link.points),
        ("points-of-focus-reached-in-part", &link.partly),
    ] {
        if !points.is_empty() {
            props.push(json!({"name": name, "ns": PROPERTY_NS, "value": positions(points)}));
        }
    }
    props
}

/// The crosswalk as an OSCAL 1.2 `mapping-collection` JSON document (source ISO/IEC
/// 27001:2022, target the Trust Services Criteria), restricted to the in-scope criteria, with
/// gap summaries naming the items judged unique.
pub fn oscal_mapping(crosswalk: &Crosswalk, catalogues: &Catalogues, scope: &Scope) -> String {
    let iso_uuid = uuid_for("resource:iso-iec-27001-2022");
    let tsc_uuid = uuid_for("resource:aicpa-tsc-2017");
    let scope_ids: Vec<&str> = scope.categories().iter().map(|c| c.id()).collect();
    let maps: Vec<Value> = links_in_scope(crosswalk, catalogues, scope)
        .into_iter()
        .map(|link| {
            let mut remarks = link.rationale().to_owned();
            if let Some(divergence) = link.divergence() {
                remarks.push_str(" Divergence: ");
                remarks.push_str(divergence);
            }
            json!({
                "uuid": uuid_for(&format!("map:{}:{}", link.iso, link.tsc)),
                "matching-rationale": "semantic",
                "relationship": link.relationship.oscal(),
                "sources": [{"type": "control", "id-ref": oscal_id(&link.iso)}],
                "targets": [{"type": "control", "id-ref": oscal_id(&link.tsc)}],
                "props": points_props(link),
                "remarks": remarks,
            })
        })
        .collect();
    let unique_refs = |side: Side, in_scope: &dyn Fn(&str) -> bool| -> Vec<String> {
        let mut found: Vec<String> = crosswalk
            .verdicts()
            .iter()
            .filter(|v| {
                v.framework == side && v.verdict == Verdict::Unique && in_scope(&v.reference)
            })
            .map(|v| v.reference.to_string())
            .collect();
        found.sort_by(|a, b| refs::compare(a, b));
        found.iter().map(|r| oscal_id(r)).collect()
    };
    let unmapped_iso = unique_refs(Side::Iso, &|_| true);
    let unmapped_tsc = unique_refs(Side::Tsc, &|r| {
        catalogues
            .tsc
            .get(r)
            .is_some_and(|c| scope.includes(c.category))
    });
    let mut mapping = json!({
        "uuid": uuid_for(&format!("mapping:{}", scope_ids.join(","))),
        "source-resource": {"type": "catalog", "href": format!("#{iso_uuid}")},
        "target-resource": {"type": "catalog", "href": format!("#{tsc_uuid}")},
        "maps": maps,
        "remarks": format!("Trust Services categories in scope: {}. {INFORMATIVE_NOTICE}", scope_ids.join(", ")),
    });
    for (key, unmapped, side) in [
        ("source-gap-summary", &unmapped_iso, "iso"),
        ("target-gap-summary", &unmapped_tsc, "tsc"),
    ] {
        if !unmapped.is_empty() {
            mapping[key] = json!({
                "uuid": uuid_for(&format!("gap:{side}:{}", scope_ids.join(","))),
                "unmapped-controls": [{"with-ids": unmapped}],
            });
        }
    }
    let document = json!({
        "mapping-collection": {
            "uuid": uuid_for(&format!("collection:{}:{}", crosswalk.version, scope_ids.join(","))),
            "metadata": {
                "title": "ISO/IEC 27001:2022 to AICPA Trust Services Criteria (2017, revised points of focus 2022)",
                "last-modified": crosswalk.last_modified,
                "version": crosswalk.version,
                "oscal-version": "1.2.2",
                "remarks": INFORMATIVE_NOTICE,
            },
            "provenance": {
                "method": "human",
                "matching-rationale": "semantic",
                "status": "complete",
                "mapping-description": "Each map joins one ISO/IEC 27001:2022 Annex A control or clause 4-10 item to one Trust Services Criterion, typed with a NIST IR 8477 set-theory relationship read from the ISO side. The strength property (1-10) grades how much of the criterion the ISO item carries; remarks give the rationale and what diverges. Authored by Crosswalk from its own reading of both frameworks.",
            },
            "mappings": [mapping],
            "back-matter": {
                "resources": [
                    {"uuid": iso_uuid, "title": "ISO/IEC 27001:2022 Information security management systems - Requirements (clauses 4-10 and Annex A)"},
                    {"uuid": tsc_uuid, "title": "AICPA TSP section 100, 2017 Trust Services Criteria (with revised points of focus, 2022)"},
                ]
            }
        }
    });
    let mut text = serde_json::to_string_pretty(&document).expect("a JSON value always serialises");
    text.push('\n');
    text
}
