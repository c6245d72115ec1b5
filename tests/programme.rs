//! The programme: the starter library, start-from-library, validation on import, the JSON
//! round trip, CSV safety, id rules and coverage.

use crosswalk::catalog::{catalogues, Category};
use crosswalk::crosswalk::coverage::{CoverageState, Scope};
use crosswalk::crosswalk::{crosswalk, Side};
use crosswalk::export::programme::{
    applicability_table, controls_table, coverage_table, evidence_table,
};
use crosswalk::programme::coverage::coverage;
use crosswalk::programme::library::{library, start_from_library, Library, EMBEDDED};
use crosswalk::programme::sample::sample_programme;
use crosswalk::programme::{
    export_json, import_json, Cadence, EvidenceKind, Period, Programme, ProgrammeScope, Report,
    ResidualNote, Status,
};

fn scope(categories: Vec<Category>, report: Report) -> ProgrammeScope {
    ProgrammeScope {
        organisation: "Test Ltd".into(),
        system: "Test platform".into(),
        categories: Scope::with(categories),
        report,
        iso_scope: "Everything".into(),
    }
}

fn day(text: &str) -> chrono::NaiveDate {
    text.parse().expect("a date")
}

fn type2() -> Report {
    Report::Type2 {
        period: Period {
            start: day("2027-01-01"),
            end: day("2027-06-30"),
        },
    }
}

#[test]
fn the_library_reaches_every_annex_a_control_clause_and_criterion() {
    let lib = library();
    assert!(
        (50..=90).contains(&lib.templates.len()),
        "{} templates",
        lib.templates.len()
    );
    assert_eq!(lib.problems(catalogues()), Vec::<String>::new());
}

#[test]
fn a_library_that_misses_a_criterion_is_caught() {
    let mut broken = Library::from_json(EMBEDDED).expect("parses");
    for template in &mut broken.templates {
        template.tsc.retain(|r| r != "P7.1");
        template.residuals.retain(|n| n.tsc != "P7.1");
    }
    assert!(broken
        .problems(catalogues())
        .contains(&"no template reaches P7.1".to_owned()));
}

#[test]
fn starting_from_the_library_keeps_only_the_elected_categories_and_is_valid() {
    let c = catalogues();
    for elected in [
        vec![],
        vec![Category::Availability, Category::Privacy],
        Category::ALL[1..].to_vec(),
    ] {
        let programme = start_from_library(scope(elected.clone(), type2()), library(), c);
        assert_eq!(programme.problems(c), vec![], "{elected:?}");
        let tsc_scope = &programme.scope.categories;
        for control in &programme.controls {
            assert!(control
                .tsc
                .iter()
                .all(|r| tsc_scope.includes(c.tsc.get(r).expect("criterion").category)));
        }
        for criterion in tsc_scope.criteria(c) {
            assert!(
                programme
                    .controls
                    .iter()
                    .any(|uc| uc.tsc.iter().any(|r| *r == criterion.reference)),
                "{}",
                criterion.reference
            );
        }
        for control in c.annex_a.items() {
            assert!(
                programme
                    .controls
                    .iter()
                    .any(|uc| uc.iso.iter().any(|r| *r == control.reference)),
                "{}",
                control.reference
            );
        }
        assert_eq!(programme.applicability.len(), 93);
        assert!(programme
            .applicability
            .iter()
            .all(|a| a.applicable && !a.justification.is_empty()));
        assert!(programme.evidence.iter().all(|e| e.controls.len() == 1));
    }
}

#[test]
fn the_sample_programme_is_valid_and_filled_in() {
    let sample = sample_programme();
    assert!(sample.controls.len() >= 50);
    assert!(sample
        .controls
        .iter()
        .any(|c| c.status == Status::Operating));
    assert!(sample.evidence.iter().any(|e| !e.collected.is_empty()));
    let cov = coverage(&sample, catalogues(), crosswalk());
    let (covered, _, _) = cov.counts(Side::Tsc);
    assert!(covered > 0, "the sample shows some covered criteria");
    assert!(!cov.shared_controls.is_empty());
}

#[test]
fn json_export_then_import_gives_back_the_same_programme() {
    let sample = sample_programme();
    assert_eq!(
        import_json(export_json(&sample).as_bytes()).expect("valid"),
        sample
    );
}

fn rejected(bytes: &[u8]) -> String {
    match import_json(bytes) {
        Ok(_) => panic!(
            "accepted {:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(80)])
        ),
        Err(error) => error.to_string(),
    }
}

fn sample_value() -> serde_json::Value {
    serde_json::from_str(&export_json(&sample_programme())).expect("JSON")
}

#[test]
fn malformed_truncated_and_non_text_files_are_refused_precisely() {
    let full = export_json(&sample_programme());
    assert!(rejected(&full.as_bytes()[..full.len() / 2])
        .starts_with("the file is not valid JSON: EOF while parsing"));
    assert!(rejected(b"\xff\xfe{}").contains("not UTF-8 text (invalid byte at position 0)"));
    assert_eq!(
        rejected(b"{}"),
        "schema_version: missing; this is not a Crosswalk programme file"
    );
    assert!(rejected(b"{\"schema_version\": \"1\"}").contains("expected a whole number"));
    assert!(rejected(b"{\"schema_version\": 7}")
        .contains("7 is newer than this Crosswalk reads (up to 5)"));
    assert!(
        rejected(b"{\"schema_version\": 0}").contains("0 is not a version Crosswalk ever wrote")
    );
    let nested = "[".repeat(10_000) + &"]".repeat(10_000);
    assert!(rejected(nested.as_bytes()).contains("recursion limit exceeded"));
    let huge = vec![b' '; 20 * 1024 * 1024];
    assert!(rejected(&huge).contains("is 20971520 bytes"));
}

#[test]
fn wrong_types_and_unknown_values_name_the_field() {
    let mut doc = sample_value();
    doc["controls"][3]["status"] = "done".into();
    let message = rejected(doc.to_string().as_bytes());
    assert!(
        message.starts_with("controls[3].status: unknown variant `done`"),
        "{message}"
    );
    let mut doc = sample_value();
    doc["evidence"][0]["collected"] = serde_json::json!(["31/02/2027"]);
    assert!(rejected(doc.to_string().as_bytes()).starts_with("evidence[0].collected[0]:"));
    let mut doc = sample_value();
    doc["scope"]["categories"] = serde_json::json!(["availability", 7]);
    assert!(rejected(doc.to_string().as_bytes()).starts_with("scope.categories[1]:"));
}

#[test]
fn unknown_refs_dangling_and_duplicate_ids_are_all_listed() {
    let mut doc = sample_value();
    doc["controls"][0]["iso"] = serde_json::json!(["A.5.99"]);
    doc["controls"][1]["tsc"] = serde_json::json!(["CC6.1", "A.5.1"]);
    doc["controls"][2]["id"] = doc["controls"][3]["id"].clone();
    doc["evidence"][0]["controls"] = serde_json::json!(["UC-999"]);
    doc["applicability"]
        .as_array_mut()
        .expect("array")
        .remove(0);
    let message = rejected(doc.to_string().as_bytes());
    for expected in [
        "controls[0].iso[0]: \"A.5.99\" is not an ISO/IEC 27001:2022 item",
        "controls[1].tsc[1]: \"A.5.1\" is not a Trust Services Criterion",
        "is used twice",
        "evidence[0].controls[0]: UC-999 does not exist",
        "applicability: no decision for A.5.1",
    ] {
        assert!(
            message.contains(expected),
            "missing {expected:?} in {message}"
        );
    }
}

#[test]
fn ids_are_never_reused_after_deletion() {
    let mut programme = start_from_library(scope(vec![], type2()), library(), catalogues());
    let last = programme.add_control("Temporary").expect("named");
    programme.delete_control(&last).expect("exists");
    let next = programme.add_control("Another").expect("named");
    assert_ne!(last, next);
    let evidence = programme
        .add_evidence("Screenshot", EvidenceKind::Screenshot, Cadence::Once)
        .expect("titled");
    programme.delete_evidence(&evidence).expect("exists");
    assert_ne!(
        programme
            .add_evidence("Again", EvidenceKind::Log, Cadence::Monthly)
            .expect("titled"),
        evidence
    );
    assert_eq!(programme.problems(catalogues()), vec![]);
}

#[test]
fn merging_moves_refs_residuals_and_evidence_to_the_kept_control() {
    let mut programme = start_from_library(scope(vec![], type2()), library(), catalogues());
    let (kept, absorbed) = (
        programme.controls[0].id.clone(),
        programme.controls[1].id.clone(),
    );
    let absorbed_refs = programme.controls[1].iso.clone();
    let evidence_of_absorbed = programme
        .evidence
        .iter()
        .filter(|e| e.controls.contains(&absorbed))
        .count();
    programme
        .merge_controls(&kept, &absorbed)
        .expect("two distinct controls");
    assert!(programme.control(&absorbed).is_none());
    let kept_control = programme.control(&kept).expect("kept");
    assert!(absorbed_refs.iter().all(|r| kept_control.iso.contains(r)));
    assert!(
        programme
            .evidence
            .iter()
            .filter(|e| e.controls.contains(&kept))
            .count()
            >= evidence_of_absorbed
    );
    assert_eq!(programme.problems(catalogues()), vec![]);
}

#[test]
fn csv_exports_neutralise_formula_injection_in_user_text() {
    let mut programme = start_from_library(scope(vec![], type2()), library(), catalogues());
    programme.controls[0].name = "=HYPERLINK(\"http://evil\",\"x\")".into();
    programme.controls[0].owner = "+cmd".into();
    programme.evidence[0].location = "@SUM(A1)".into();
    programme.evidence[0].title = "-2+3".into();
    programme.applicability[0].justification = "\t=1".into();
    for table in [
        controls_table(&programme),
        evidence_table(&programme),
        applicability_table(&programme),
    ] {
        let text = table.to_csv();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.expect("valid CSV").iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "unsafe cell {cell:?}"
                );
            }
        }
    }
}

#[test]
fn coverage_follows_status_evidence_and_residuals() {
    let c = catalogues();
    let mut programme = start_from_library(scope(vec![], type2()), library(), c);
    let before = coverage(&programme, c, crosswalk());
    assert!(before
        .iso
        .iter()
        .chain(&before.tsc)
        .all(|r| r.state == CoverageState::Missing));

    // One control that carries CC6.1 (full verdict) and A.8.5.
    let id = programme.add_control("MFA everywhere").expect("named");
    let control = programme.controls.last_mut().expect("added");
    control.iso = vec!["A.8.5".into()];
    control.tsc = vec!["CC6.1".into()];
    control.status = Status::Implemented;
    let find = |cov: &crosswalk::programme::coverage::ProgrammeCoverage, r: &str| {
        cov.iso
            .iter()
            .chain(&cov.tsc)
            .find(|x| x.reference == r)
            .expect("listed")
            .clone()
    };
    let no_evidence = coverage(&programme, c, crosswalk());
    assert_eq!(find(&no_evidence, "A.8.5").state, CoverageState::Partial);
    assert_eq!(
        find(&no_evidence, "A.8.5").gap.as_deref(),
        Some("No current evidence for the period.")
    );

    let ev = programme
        .add_evidence(
            "MFA policy export",
            EvidenceKind::Configuration,
            Cadence::Quarterly,
        )
        .expect("titled");
    let item = programme
        .evidence
        .iter_mut()
        .find(|e| e.id == ev)
        .expect("added");
    item.controls = vec![id.clone()];
    item.collected = vec![day("2027-02-01")];
    let with_evidence = coverage(&programme, c, crosswalk());
    assert_eq!(find(&with_evidence, "A.8.5").state, CoverageState::Covered);
    assert_eq!(
        find(&with_evidence, "CC6.1").state,
        CoverageState::Partial,
        "a Type 2 needs the control operating"
    );
    assert!(find(&with_evidence, "CC6.1")
        .gap
        .is_some_and(|g| g.contains("operating")));

    programme.controls.last_mut().expect("added").status = Status::Operating;
    assert_eq!(
        find(&coverage(&programme, c, crosswalk()), "CC6.1").state,
        CoverageState::Covered
    );

    // CC1.2 has a partial verdict: without a residual note it stays partial.
    let control = programme.controls.last_mut().expect("added");
    control.iso.push("9.3.1".into());
    control.tsc.push("CC1.2".into());
    let unhandled = find(&coverage(&programme, c, crosswalk()), "CC1.2");
    assert_eq!(unhandled.state, CoverageState::Partial);
    assert!(unhandled
        .gap
        .is_some_and(|g| g.starts_with("SOC 2 residual not handled")));
    programme
        .controls
        .last_mut()
        .expect("added")
        .residuals
        .push(ResidualNote {
            tsc: "CC1.2".into(),
            handles: "Board minutes".into(),
        });
    assert_eq!(
        find(&coverage(&programme, c, crosswalk()), "CC1.2").state,
        CoverageState::Covered
    );

    // Evidence outside the period does not count.
    programme
        .evidence
        .iter_mut()
        .find(|e| e.id == ev)
        .expect("item")
        .collected = vec![day("2026-01-01")];
    assert_eq!(
        find(&coverage(&programme, c, crosswalk()), "A.8.5").state,
        CoverageState::Partial
    );
}

#[test]
fn excluded_annex_a_controls_leave_the_iso_coverage_and_shared_work_is_counted() {
    let c = catalogues();
    let mut programme: Programme =
        start_from_library(scope(vec![Category::Availability], type2()), library(), c);
    programme
        .applicability
        .iter_mut()
        .find(|a| a.control == "A.7.4")
        .expect("A.7.4")
        .applicable = false;
    let cov = coverage(&programme, c, crosswalk());
    assert!(cov.iso.iter().all(|r| r.reference != "A.7.4"));
    assert_eq!(cov.iso.len(), 30 + 92);
    assert_eq!(cov.tsc.len(), 36);
    assert!(cov.shared_percent(programme.controls.len()) > 50);
    let csv = coverage_table(&cov).to_csv();
    assert!(csv.starts_with("framework,ref,state,controls,evidence_current,gap\n"));
}

#[test]
fn a_version_1_file_is_migrated_with_empty_registers() {
    let v1 = std::fs::read("tests/fixtures/programme-v1.json").expect("fixture");
    let migrated = import_json(&v1).expect("a version 1 programme still opens");
    assert_eq!(
        migrated.schema_version, 5,
        "a version 1 file migrates through 2, 3 and 4 to 5"
    );
    assert!(migrated.cuecs.is_empty() && migrated.subservice_organisations.is_empty());
    assert!(migrated.description_notes.is_empty());
    let original: serde_json::Value = serde_json::from_slice(&v1).expect("JSON");
    assert_eq!(original["schema_version"], 1);
    assert_eq!(
        migrated.controls.len(),
        original["controls"].as_array().expect("controls").len()
    );
    let again = import_json(export_json(&migrated).as_bytes()).expect("re-import");
    assert_eq!(again, migrated);
    let message = rejected(b"{\"schema_version\": 1}");
    assert!(
        message.starts_with("scope: missing field `scope`")
            || message.contains("missing field `scope`"),
        "{message}"
    );
}

#[test]
fn dates_in_a_file_are_read_by_the_same_strict_parser_as_the_forms() {
    let sample: serde_json::Value =
        serde_json::from_str(&export_json(&sample_programme())).expect("JSON");
    for (path, bad) in [
        ("evidence[0].collected[0]", "27/01/2027"),
        ("scope.report.period.end", "2027-6-30"),
        ("scope.report.period.start", "+2027-01-01"),
    ] {
        let mut doc = sample.clone();
        match path {
            "evidence[0].collected[0]" => doc["evidence"][0]["collected"][0] = bad.into(),
            "scope.report.period.end" => doc["scope"]["report"]["period"]["end"] = bad.into(),
            _ => doc["scope"]["report"]["period"]["start"] = bad.into(),
        }
        // The report is an internally tagged enum, which serde reads whole: its errors are
        // located at the report.
        let located = path
            .strip_suffix(".period.end")
            .or(path.strip_suffix(".period.start"));
        let message = rejected(doc.to_string().as_bytes());
        assert_eq!(
            message,
            format!(
                "{}: {bad:?} is not a date of the form 2027-03-31",
                located.unwrap_or(path)
            ),
            "{bad}"
        );
    }
}
