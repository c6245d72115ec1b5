//! The crosswalk: every link typed and explained, every item judged, verdicts consistent with
//! links, the unique register sound, and the coverage and gap queries right.

use std::collections::BTreeMap;
use std::path::Path;

use crosswalk::catalog::{catalogues, Category};
use crosswalk::crosswalk::coverage::{gaps, summary, CoverageState, Scope};
use crosswalk::crosswalk::{
    crosswalk, Crosswalk, CrosswalkError, Framework, Relationship, Side, Verdict,
};
use serde_json::{json, Value};

const FILES: [&str; 3] = ["crosswalk", "verdicts", "unique"];

/// A data file as a JSON value, read from `data/` as the build script reads it.
fn data_file(stem: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/{stem}.toml"));
    let text = std::fs::read_to_string(&path).expect("the data file is readable");
    toml::from_str(&text).expect("the data file is TOML")
}

#[test]
fn the_compiled_in_crosswalk_is_consistent() {
    assert_eq!(crosswalk().problems(catalogues()), Vec::<String>::new());
}

// Guards the build script's code generator: the static tables must hold exactly what parsing
// the data files gives, nothing dropped, reordered or altered.
#[test]
fn the_compiled_in_crosswalk_equals_the_parsed_data_files() {
    let [l, v, u] = FILES.map(|stem| data_file(stem).to_string());
    let parsed = Crosswalk::from_json(&l, &v, &u, catalogues()).expect("the data files are valid");
    assert_eq!(&parsed, crosswalk());
}

#[test]
fn every_criterion_and_every_iso_item_has_exactly_one_verdict() {
    let cw = crosswalk();
    let c = catalogues();
    assert_eq!(cw.verdicts().len(), 61 + 93 + 30);
    for criterion in c.tsc.items() {
        assert!(
            cw.verdict(&criterion.reference).is_some(),
            "{}",
            criterion.reference
        );
    }
    for control in c.annex_a.items() {
        assert!(
            cw.verdict(&control.reference).is_some(),
            "{}",
            control.reference
        );
    }
}

#[test]
fn every_annex_a_control_and_criterion_is_linked_or_explicitly_unique() {
    let cw = crosswalk();
    let c = catalogues();
    let refs = c
        .annex_a
        .items()
        .iter()
        .map(|i| i.reference.as_ref())
        .chain(c.tsc.items().iter().map(|i| i.reference.as_ref()));
    for reference in refs {
        let linked = !cw.links_for(reference).is_empty();
        let unique = cw
            .verdict(reference)
            .is_some_and(|v| v.verdict == Verdict::Unique);
        assert!(
            linked != unique,
            "{reference}: linked={linked} unique={unique}"
        );
    }
}

#[test]
fn the_crosswalk_is_a_few_hundred_typed_links_with_clauses_4_3_and_9_included() {
    let cw = crosswalk();
    assert!(
        (150..=500).contains(&cw.links().len()),
        "{} links",
        cw.links().len()
    );
    for clause in ["4.3", "9.1", "9.2.1", "9.2.2", "9.3.1"] {
        let linked = !cw.links_for(clause).is_empty();
        let unique = cw
            .verdict(clause)
            .is_some_and(|v| v.verdict == Verdict::Unique);
        assert!(linked || unique, "{clause}");
    }
    assert!(
        !cw.links_for("4.3").is_empty(),
        "4.3 corresponds to the control environment's structures"
    );
    assert!(
        cw.link("9.2.1", "CC4.1").is_some(),
        "internal audit is a separate evaluation under CC4.1"
    );
}

/// An ISMS run to clauses 4-10 produces control-environment, communication, risk, monitoring
/// and control-activity work: every clause item not judged unique says where it lands in CC1-CC5.
#[test]
fn every_linked_clause_item_reaches_the_common_criteria_cc1_to_cc5() {
    let (cw, c) = (crosswalk(), catalogues());
    let backbone = ["CC1.", "CC2.", "CC3.", "CC4.", "CC5."];
    for clause in c.clauses.items() {
        let links = cw.links_for(&clause.reference);
        if cw
            .verdict(&clause.reference)
            .is_some_and(|v| v.verdict == Verdict::Unique)
        {
            assert!(links.is_empty());
            continue;
        }
        assert!(
            links
                .iter()
                .any(|l| backbone.iter().any(|b| l.tsc.starts_with(b))),
            "{} links to no criterion in CC1-CC5",
            clause.reference
        );
    }
}

#[test]
fn well_known_correspondences_are_present_and_typed() {
    let cw = crosswalk();
    let expect = |iso: &str, tsc: &str| {
        cw.link(iso, tsc)
            .unwrap_or_else(|| panic!("{iso} -> {tsc} missing"))
    };
    assert_ne!(expect("A.8.5", "CC6.1").relationship, Relationship::Equal);
    expect("A.5.18", "CC6.3");
    expect("A.8.32", "CC8.1");
    expect("A.5.19", "CC9.2");
    expect("A.8.13", "A1.2");
    expect("A.8.10", "C1.2");
    expect("A.5.25", "CC7.3");
    assert!(cw.link("A.7.7", "PI1.3").is_none(), "no stretched links");
}

#[test]
fn privacy_choice_and_consent_is_honestly_unique() {
    let verdict = crosswalk().verdict("P2.1").expect("P2.1");
    assert_eq!(verdict.verdict, Verdict::Unique);
    assert!(!verdict.explanation().is_empty());
}

#[test]
fn links_are_found_from_both_directions() {
    let cw = crosswalk();
    let from_iso: Vec<&str> = cw
        .links_for("A.5.15")
        .iter()
        .map(|l| l.tsc.as_ref())
        .collect();
    assert!(from_iso.contains(&"CC6.1"));
    let from_tsc: Vec<&str> = cw
        .links_for("CC6.1")
        .iter()
        .map(|l| l.iso.as_ref())
        .collect();
    assert!(from_tsc.contains(&"A.5.15"));
    let strengths: Vec<u8> = cw.links_for("CC6.1").iter().map(|l| l.strength).collect();
    assert!(
        strengths.windows(2).all(|w| w[0] >= w[1]),
        "strongest first"
    );
}

#[test]
fn the_unique_register_covers_the_obligations_each_framework_alone_imposes() {
    let cw = crosswalk();
    let find = |framework: Framework, needle: &str| {
        cw.obligations().iter().any(|o| {
            o.framework == framework
                && (o.title.to_lowercase().contains(needle)
                    || o.produce().to_lowercase().contains(needle))
        })
    };
    for needle in [
        "statement of applicability",
        "scope",
        "internal audit",
        "management review",
        "corrective",
        "stage 1",
        "stage 2",
        "surveillance",
        "recertification",
        "monitoring",
    ] {
        assert!(find(Framework::Iso, needle), "ISO register lacks {needle}");
    }
    for needle in [
        "system description",
        "assertion",
        "complementary user entity",
        "carve-out",
        "type 2",
        "observation period",
    ] {
        assert!(
            find(Framework::Soc2, needle),
            "SOC 2 register lacks {needle}"
        );
    }
    let internal_audit = cw
        .obligations()
        .iter()
        .find(|o| o.refs.iter().any(|r| r.starts_with("9.2")))
        .expect("internal audit");
    assert!(
        internal_audit.partial_refs.contains(&"CC4.1".into()),
        "9.2 goes part way to CC4.1"
    );
}

#[test]
fn security_only_coverage_counts_the_33_common_criteria() {
    let s = summary(crosswalk(), catalogues(), &Scope::default());
    assert_eq!(s.categories, [Category::Security]);
    assert_eq!(s.criteria.total(), 33);
    let all = summary(crosswalk(), catalogues(), &Scope::all());
    assert_eq!(all.criteria.total(), 61);
    assert!(all.links > s.links);
    assert_eq!(all.links, crosswalk().links().len());
    assert_eq!(
        all.by_relationship.iter().map(|(_, n)| n).sum::<usize>(),
        all.links
    );
}

#[test]
fn scope_keeps_security_in_and_toggles_elective_categories() {
    let mut scope = Scope::default();
    scope.toggle(Category::Security);
    assert!(scope.includes(Category::Security));
    scope.toggle(Category::Privacy);
    assert_eq!(scope.categories(), [Category::Security, Category::Privacy]);
    scope.toggle(Category::Privacy);
    assert_eq!(scope.categories(), [Category::Security]);
    assert!(Scope::parse_list("security,nonsense").is_err());
}

#[test]
fn gaps_follow_what_is_implemented() {
    let cw = crosswalk();
    let c = catalogues();
    let scope = Scope::default();
    let nothing = gaps(cw, c, &scope, &[]).expect("valid");
    assert_eq!(nothing.len(), 33);
    assert!(nothing.iter().all(|g| g.state == CoverageState::Missing));

    let every_iso: Vec<String> = c.iso_refs().map(str::to_owned).collect();
    let everything = gaps(cw, c, &Scope::all(), &every_iso).expect("valid");
    for gap in &everything {
        let expected = match gap.verdict.verdict {
            Verdict::Full => CoverageState::Covered,
            Verdict::Partial => CoverageState::Partial,
            Verdict::Unique => CoverageState::Missing,
        };
        assert_eq!(gap.state, expected, "{}", gap.criterion.reference);
        assert!(gap.missing.is_empty());
        if gap.verdict.verdict != Verdict::Full {
            assert!(
                gap.residual.is_some(),
                "{} names what remains",
                gap.criterion.reference
            );
        }
    }

    let cc61 = gaps(cw, c, &scope, &["A.8.5".to_owned()])
        .expect("valid")
        .into_iter()
        .find(|g| g.criterion.reference == "CC6.1")
        .expect("CC6.1");
    assert_eq!(cc61.state, CoverageState::Partial);
    assert_eq!(cc61.implemented, ["A.8.5"]);
    assert!(!cc61.missing.is_empty() && !cc61.missing.contains(&"A.8.5"));

    let error =
        gaps(cw, c, &scope, &["CC6.1".to_owned(), "A.5.99".to_owned()]).expect_err("not ISO");
    assert_eq!(error.0, ["CC6.1", "A.5.99"]);
}

#[test]
fn counts_by_relationship_and_verdict_are_reported() {
    let cw = crosswalk();
    let mut relationships = BTreeMap::new();
    for link in cw.links() {
        *relationships.entry(link.relationship.id()).or_insert(0) += 1;
    }
    let mut verdicts = BTreeMap::new();
    for verdict in cw.verdicts() {
        *verdicts
            .entry((verdict.framework.id(), verdict.verdict.id()))
            .or_insert(0) += 1;
    }
    println!("links by relationship: {relationships:?}\nverdicts: {verdicts:?}");
    assert!(relationships.len() >= 2);
}

// The consistency rules only protect anything if they reject broken data.

fn mutated(file: &str, mutate: impl FnOnce(&mut Value)) -> Result<Crosswalk, CrosswalkError> {
    let mut docs = FILES.map(data_file);
    let index = FILES.iter().position(|f| *f == file).expect("file");
    mutate(&mut docs[index]);
    let [l, v, u] = docs.map(|d| d.to_string());
    Crosswalk::from_json(&l, &v, &u, catalogues())
}

fn problems(result: Result<Crosswalk, CrosswalkError>) -> String {
    result.err().map(|e| e.to_string()).unwrap_or_default()
}

fn verdict_index(doc: &Value, reference: &str) -> usize {
    doc["verdict"]
        .as_array()
        .expect("array")
        .iter()
        .position(|v| v["ref"] == reference)
        .expect("verdict")
}

#[test]
fn a_link_to_an_unknown_id_is_caught() {
    let found = problems(mutated("crosswalk", |d| {
        d["link"][0]["tsc"] = "CC10.1".into()
    }));
    assert!(found.contains("unknown criterion \"CC10.1\""), "{found}");
    let found = problems(mutated("crosswalk", |d| {
        d["link"][0]["iso"] = "CC6.1".into()
    }));
    assert!(found.contains("unknown ISO item \"CC6.1\""), "{found}");
}

#[test]
fn a_link_without_divergence_or_with_a_bad_strength_is_caught() {
    let found = problems(mutated("crosswalk", |d| {
        d["link"][0]
            .as_object_mut()
            .expect("object")
            .remove("divergence");
        d["link"][1]["strength"] = 11.into();
        d["link"][2]["relationship"] = "equal".into();
    }));
    assert!(found.contains("must say what diverges"), "{found}");
    assert!(found.contains("strength 11 is outside 1-10"), "{found}");
    assert!(
        found.contains("an equal link must have strength 10"),
        "{found}"
    );
}

#[test]
fn a_duplicate_link_is_caught() {
    let found = problems(mutated("crosswalk", |d| {
        let first = d["link"][0].clone();
        d["link"].as_array_mut().expect("array").push(first);
    }));
    assert!(found.contains("duplicate link"), "{found}");
}

#[test]
fn a_full_criterion_without_a_sufficient_link_or_covering_set_is_caught() {
    let found = problems(mutated("verdicts", |d| {
        let i = verdict_index(d, "CC6.1");
        d["verdict"][i]["covering"] = json!([]);
    }));
    assert!(
        found.contains("CC6.1: judged full without an equal/superset link or a covering set"),
        "{found}"
    );
}

#[test]
fn a_unique_item_with_links_is_caught() {
    let found = problems(mutated("verdicts", |d| {
        let i = verdict_index(d, "CC6.1");
        d["verdict"][i] =
            json!({"framework": "tsc", "ref": "CC6.1", "verdict": "unique", "reason": "none"});
    }));
    assert!(found.contains("CC6.1: judged unique but has"), "{found}");
}

#[test]
fn an_item_without_a_verdict_is_caught() {
    let found = problems(mutated("verdicts", |d| {
        let i = verdict_index(d, "A.8.34");
        d["verdict"].as_array_mut().expect("array").remove(i);
    }));
    assert!(found.contains("A.8.34: no verdict"), "{found}");
}

#[test]
fn a_partial_verdict_without_a_residual_is_caught() {
    let found = problems(mutated("verdicts", |d| {
        let i = verdict_index(d, "CC1.1");
        d["verdict"][i]["residual"] = "".into();
    }));
    assert!(
        found.contains("CC1.1: a partial verdict needs a residual"),
        "{found}"
    );
}

#[test]
fn an_obligation_naming_an_unknown_ref_is_caught() {
    let found = problems(mutated("unique", |d| {
        d["obligation"][0]["refs"] = json!(["4.9"])
    }));
    assert!(
        found.contains("ref \"4.9\" is not an item of ISO/IEC 27001"),
        "{found}"
    );
}

mod explorer {
    use crosswalk::catalog::{catalogues, Attribute, Category, ControlType, Theme};
    use crosswalk::crosswalk::coverage::Scope;
    use crosswalk::crosswalk::explore::{cell_links, explore, matrix, ExploreFilter, IsoGroup};
    use crosswalk::crosswalk::{crosswalk, Relationship, Side, Verdict};

    #[test]
    fn both_directions_list_every_item_with_its_verdict() {
        let (cw, c) = (crosswalk(), catalogues());
        let tsc = explore(
            cw,
            c,
            Side::Tsc,
            &Scope::default(),
            &ExploreFilter::default(),
        );
        assert_eq!(tsc.len(), 33, "security scope lists the common criteria");
        assert_eq!(
            explore(cw, c, Side::Tsc, &Scope::all(), &ExploreFilter::default()).len(),
            61
        );
        let iso = explore(cw, c, Side::Iso, &Scope::all(), &ExploreFilter::default());
        assert_eq!(iso.len(), 123);
        let a515 = iso
            .iter()
            .find(|r| r.reference == "A.5.15")
            .expect("A.5.15");
        assert!(a515.links.iter().any(|l| l.tsc == "CC6.1"));
    }

    #[test]
    fn iso_links_outside_the_scope_are_hidden() {
        let (cw, c) = (crosswalk(), catalogues());
        let security = explore(
            cw,
            c,
            Side::Iso,
            &Scope::default(),
            &ExploreFilter::default(),
        );
        let a813 = security
            .iter()
            .find(|r| r.reference == "A.8.13")
            .expect("A.8.13");
        assert!(a813.links.iter().all(|l| l.tsc.starts_with("CC")));
        let with_availability = explore(
            cw,
            c,
            Side::Iso,
            &Scope::with([Category::Availability]),
            &ExploreFilter::default(),
        );
        let a813 = with_availability
            .iter()
            .find(|r| r.reference == "A.8.13")
            .expect("A.8.13");
        assert!(a813.links.iter().any(|l| l.tsc.starts_with("A1.")));
    }

    #[test]
    fn filters_narrow_items_and_links() {
        let (cw, c) = (crosswalk(), catalogues());
        let scope = Scope::all();
        let only = |filter: ExploreFilter, side| explore(cw, c, side, &scope, &filter);
        let unique = only(
            ExploreFilter {
                verdicts: vec![Verdict::Unique],
                ..Default::default()
            },
            Side::Tsc,
        );
        assert!(
            !unique.is_empty()
                && unique
                    .iter()
                    .all(|r| r.verdict.verdict == Verdict::Unique && r.links.is_empty())
        );
        let subsets = only(
            ExploreFilter {
                relationships: vec![Relationship::Subset],
                ..Default::default()
            },
            Side::Tsc,
        );
        assert!(subsets.iter().all(|r| !r.links.is_empty()
            && r.links
                .iter()
                .all(|l| l.relationship == Relationship::Subset)));
        let physical = only(
            ExploreFilter {
                groups: vec![IsoGroup::Theme(Theme::Physical)],
                ..Default::default()
            },
            Side::Tsc,
        );
        assert!(physical.iter().any(|r| r.reference == "CC6.4"));
        assert!(physical
            .iter()
            .all(|r| r.links.iter().all(|l| l.iso.starts_with("A.7."))));
        let detective = Attribute::ControlType(ControlType::Detective);
        let iso_detective = only(
            ExploreFilter {
                attributes: vec![detective],
                ..Default::default()
            },
            Side::Iso,
        );
        assert!(iso_detective
            .iter()
            .all(|r| c.annex_a.get(r.reference).is_some_and(|a| a.has(detective))));
        let privacy_links = only(
            ExploreFilter {
                categories: vec![Category::Privacy],
                ..Default::default()
            },
            Side::Iso,
        );
        assert!(privacy_links.iter().any(|r| r.reference == "A.5.34"));
        let searched = only(
            ExploreFilter {
                query: "backup".into(),
                ..Default::default()
            },
            Side::Iso,
        );
        assert!(searched.iter().any(|r| r.reference == "A.8.13"));
    }

    #[test]
    fn the_matrix_counts_every_in_scope_link_once_and_drills_down() {
        let (cw, c) = (crosswalk(), catalogues());
        let m = matrix(cw, c, &Scope::all());
        assert_eq!(m.rows.len(), 5);
        assert_eq!(m.columns.len(), 20);
        assert_eq!(m.counts.iter().flatten().sum::<usize>(), cw.links().len());
        let security = matrix(cw, c, &Scope::default());
        assert_eq!(security.columns.len(), 9);
        let row = security
            .rows
            .iter()
            .position(|g| *g == IsoGroup::Theme(Theme::Technological))
            .expect("row");
        let column = security
            .columns
            .iter()
            .position(|s| s.reference == "CC6")
            .expect("column");
        let cell = cell_links(cw, c, IsoGroup::Theme(Theme::Technological), "CC6");
        assert_eq!(security.counts[row][column], cell.len());
        assert!(cell
            .iter()
            .all(|l| l.iso.starts_with("A.8.") && l.tsc.starts_with("CC6.")));
    }
}

#[test]
fn a_link_reaching_no_point_of_focus_or_a_point_out_of_range_is_caught() {
    let found = problems(mutated("crosswalk", |d| {
        d["link"][0]["points"] = json!([]);
        d["link"][0]["partly"] = json!([]);
        d["link"][1]["points"] = json!([99]);
        d["link"][2]["points"] = json!([1]);
        d["link"][2]["partly"] = json!([1]);
        d["link"][3]["partly"] = json!([2, 1]);
    }));
    assert!(found.contains("reaches no point of focus"), "{found}");
    assert!(
        found.contains("points [99] must ascend within 1-"),
        "{found}"
    );
    assert!(
        found.contains("a point is reached both in full and in part"),
        "{found}"
    );
    assert!(found.contains("partly [2, 1] must ascend"), "{found}");
}

/// Moves every point a criterion's links reach in full to `partly`, or the reverse.
fn reach_in_full(doc: &mut Value, criterion: &str, in_full: bool) {
    let points_of_focus = catalogues()
        .tsc
        .get(criterion)
        .expect("criterion")
        .points_of_focus
        .len();
    for link in doc["link"].as_array_mut().expect("array") {
        if link["tsc"] == criterion {
            let all: Vec<usize> = (1..=points_of_focus).collect();
            if in_full {
                link["points"] = json!(all);
                link["partly"] = json!([]);
            } else {
                link["partly"] = json!(all);
                link["points"] = json!([]);
            }
        }
    }
}

#[test]
fn a_verdict_that_contradicts_the_points_reached_is_caught() {
    let verdict_of = |level: Verdict| {
        crosswalk()
            .verdicts()
            .iter()
            .find(|v| v.framework == Side::Tsc && v.verdict == level)
            .map(|v| v.reference.to_string())
            .expect("a criterion with this verdict")
    };
    let full = verdict_of(Verdict::Full);
    let found = problems(mutated("crosswalk", |d| reach_in_full(d, &full, false)));
    assert!(
        found.contains(&format!("{full}: judged full but")),
        "{found}"
    );
    let partial = verdict_of(Verdict::Partial);
    let found = problems(mutated("crosswalk", |d| reach_in_full(d, &partial, true)));
    assert!(
        found.contains(&format!(
            "{partial}: judged partial but its links together reach every point of focus in full"
        )),
        "{found}"
    );
}

#[test]
fn every_criterion_is_full_exactly_when_its_links_reach_every_point_in_full() {
    let (cw, c) = (crosswalk(), catalogues());
    for criterion in c.tsc.items() {
        let verdict = cw.verdict(&criterion.reference).expect("verdict");
        let points = cw.points_reached(criterion);
        assert_eq!(points.len(), criterion.points_of_focus.len());
        let all_reached = points.iter().all(|p| p.is_reached());
        match verdict.verdict {
            Verdict::Full => assert!(all_reached, "{}", criterion.reference),
            Verdict::Partial => assert!(!all_reached, "{}", criterion.reference),
            Verdict::Unique => assert!(points
                .iter()
                .all(|p| p.iso.is_empty() && p.in_part.is_empty())),
        }
    }
}

#[test]
fn a_partial_criterion_names_each_point_not_reached_in_full_and_who_reaches_it_in_part() {
    let (cw, c) = (crosswalk(), catalogues());
    let mut named = 0;
    for verdict in cw.verdicts() {
        let Some(criterion) = c.tsc.get(&verdict.reference) else {
            continue;
        };
        let explanation = cw.explain(verdict, c);
        let unreached = cw.unreached_points(criterion);
        if verdict.verdict != Verdict::Partial {
            assert!(!explanation.contains("reaches in full"), "{explanation}");
            continue;
        }
        assert!(!unreached.is_empty(), "{}", criterion.reference);
        for point in unreached {
            assert!(
                explanation.contains(point.text),
                "{}: {}",
                criterion.reference,
                point.text
            );
            for iso in &point.in_part {
                assert!(explanation.contains(iso), "{}: {iso}", criterion.reference);
            }
            named += 1;
        }
    }
    assert!(named > 0);
}

#[test]
fn a_link_names_its_points_in_words() {
    let (cw, c) = (crosswalk(), catalogues());
    for link in cw.links() {
        let criterion = c.tsc.get(&link.tsc).expect("criterion");
        let (full, in_part) = link.points_named(criterion);
        assert_eq!(full.len(), link.points.len());
        assert_eq!(in_part.len(), link.partly.len());
        assert!(
            !full.is_empty() || !in_part.is_empty(),
            "{}>{}",
            link.iso,
            link.tsc
        );
    }
}
