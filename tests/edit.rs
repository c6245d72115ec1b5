//! Every edit of a programme (`programme::edit`). An accepted edit keeps the programme valid and
//! it reads back unchanged from its JSON export; a refused edit names the exact error, says it
//! in the user's words and leaves the programme exactly as it was. Tests named `bug_guard_…`
//! guard a bug the edit layer replaced.

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::NaiveDate;
use crosswalk::catalog::{catalogues, Category};
use crosswalk::crosswalk::coverage::Scope;
use crosswalk::crosswalk::Side;
use crosswalk::programme::edit::{lines, parse_ref_list, EditError, NEW_SUBSERVICE_NAME};
use crosswalk::programme::library::{library, start_from_library};
use crosswalk::programme::sample::sample_programme;
use crosswalk::programme::{
    export_json, import_json, migrate, parse_date, Cadence, EndsBeforeStart, EvidenceKind,
    ImportError, Period, Programme, ProgrammeScope, Report, ReportDatesError, SoaReason, Status,
    SubserviceMethod, SCHEMA_VERSION,
};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn day(text: &str) -> NaiveDate {
    parse_date(text).expect("a date")
}

fn period(start: &str, end: &str) -> Period {
    Period {
        start: day(start),
        end: day(end),
    }
}

/// The invariant every accepted edit keeps: no problems, and the JSON export reads back as the
/// same programme.
#[track_caller]
fn assert_sound(p: &Programme) {
    assert_eq!(
        p.problems(catalogues()),
        vec![],
        "an accepted edit keeps the programme valid"
    );
    let back = import_json(export_json(p).as_bytes())
        .unwrap_or_else(|e| panic!("the export of an edited programme is refused: {e}"));
    assert_eq!(&back, p, "export then import gives back the same programme");
}

/// Applies an edit that must be accepted, checks the invariant and returns what it returned.
#[track_caller]
fn accept<T>(p: &mut Programme, edit: impl FnOnce(&mut Programme) -> Result<T, EditError>) -> T {
    let out = edit(p).unwrap_or_else(|e| panic!("refused: {e}"));
    assert_sound(p);
    out
}

/// Applies an edit that must be refused with exactly `expected`, shown to the user as
/// `message`, and checks that it changed nothing.
#[track_caller]
fn refuse<T: std::fmt::Debug>(
    p: &mut Programme,
    edit: impl FnOnce(&mut Programme) -> Result<T, EditError>,
    expected: EditError,
    message: &str,
) {
    let before = p.clone();
    let error = edit(p).expect_err("the edit is refused");
    assert_eq!(error, expected);
    assert_eq!(error.to_string(), message);
    assert_eq!(*p, before, "a refused edit leaves the programme as it was");
}

fn unknown_control(id: &str) -> (EditError, String) {
    (
        EditError::UnknownControl(id.into()),
        format!("{id} is not a unified control of this programme"),
    )
}

fn unknown_evidence(id: &str) -> (EditError, String) {
    (
        EditError::UnknownEvidence(id.into()),
        format!("{id} is not an evidence item of this programme"),
    )
}

fn unknown_cuec(id: &str) -> (EditError, String) {
    (
        EditError::UnknownCuec(id.into()),
        format!("{id} is not a CUEC of this programme"),
    )
}

fn unknown_subservice(name: &str) -> (EditError, String) {
    (
        EditError::UnknownSubservice(name.into()),
        format!("no subservice organisation is named {name:?}"),
    )
}

fn not_refs(side: Side, refs: &[&str]) -> EditError {
    EditError::NotRefs {
        side,
        refs: refs.iter().map(|r| (*r).to_owned()).collect(),
    }
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// A fresh programme from the starter library: no CUECs, no subservice organisations.
fn from_library() -> Programme {
    let scope = ProgrammeScope {
        organisation: "Test Ltd".into(),
        system: "Test platform".into(),
        categories: Scope::with([Category::Availability]),
        report: Report::Type1 {
            as_of: day("2027-03-31"),
        },
        iso_scope: "Everything".into(),
    };
    start_from_library(scope, library(), catalogues())
}

/// The sample programme as a version 2 document (before CUECs were numbered by a counter).
/// The sample as a version 3 document: no reasons on the applicability decisions.
fn v3_document() -> serde_json::Value {
    let mut doc: serde_json::Value =
        serde_json::from_str(&export_json(&sample_programme())).expect("JSON");
    doc["schema_version"] = 3.into();
    for decision in doc["applicability"].as_array_mut().expect("decisions") {
        let decision = decision.as_object_mut().expect("an object");
        decision
            .remove("reasons")
            .expect("a version 4 decision has reasons");
        decision
            .remove("risk_reference")
            .expect("and a risk reference");
    }
    doc
}

fn v2_document() -> serde_json::Value {
    let mut doc = v3_document();
    doc["schema_version"] = 2.into();
    doc.as_object_mut()
        .expect("an object")
        .remove("next_cuec")
        .expect("a version 3 document has next_cuec");
    doc
}

fn import_value(doc: &serde_json::Value) -> Result<Programme, ImportError> {
    import_json(doc.to_string().as_bytes())
}

// ---------------------------------------------------------------------------------------------
// Scope and report
// ---------------------------------------------------------------------------------------------

#[test]
fn set_organisation_names_the_organisation() {
    let mut p = sample_programme();
    p.set_organisation("Contoso <Holdings> Ltd");
    assert_eq!(p.scope.organisation, "Contoso <Holdings> Ltd");
    assert_sound(&p);
}

#[test]
fn set_system_names_the_system() {
    let mut p = sample_programme();
    p.set_system("Contoso Cloud");
    assert_eq!(p.scope.system, "Contoso Cloud");
    assert_sound(&p);
}

#[test]
fn set_iso_scope_sets_the_scope_statement() {
    let mut p = sample_programme();
    p.set_iso_scope("The ISMS covers\nthe Contoso Cloud platform.");
    assert_eq!(
        p.scope.iso_scope,
        "The ISMS covers\nthe Contoso Cloud platform."
    );
    assert_sound(&p);
}

#[test]
fn toggle_category_elects_and_withdraws_a_category_and_security_always_stays() {
    let mut p = sample_programme();
    let elected = |p: &Programme| serde_json::to_value(&p.scope.categories).expect("serialises");
    assert_eq!(elected(&p), json!(["availability", "confidentiality"]));

    p.toggle_category(Category::Privacy);
    assert!(p.scope.categories.includes(Category::Privacy));
    assert_eq!(
        elected(&p),
        json!(["availability", "confidentiality", "privacy"])
    );
    assert_sound(&p);

    p.toggle_category(Category::Availability);
    assert!(!p.scope.categories.includes(Category::Availability));
    assert_eq!(elected(&p), json!(["confidentiality", "privacy"]));
    assert_sound(&p);

    let before = p.clone();
    p.toggle_category(Category::Security);
    assert_eq!(p, before, "security cannot be withdrawn");
    assert!(p.scope.categories.includes(Category::Security));
    assert_sound(&p);
}

#[test]
fn the_category_list_refuses_security_and_repeats_when_read() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&export_json(&sample_programme())).expect("JSON");
    doc["scope"]["categories"] = json!(["security", "availability"]);
    let message = import_value(&doc).expect_err("security listed").to_string();
    assert!(
        message.starts_with("scope.categories")
            && message.contains("security is always in scope; list only elected categories"),
        "{message}"
    );
    doc["scope"]["categories"] = json!(["availability", "privacy", "availability"]);
    let message = import_value(&doc).expect_err("listed twice").to_string();
    assert!(
        message.starts_with("scope.categories") && message.contains("availability is listed twice"),
        "{message}"
    );
}

#[test]
fn set_report_accepts_a_type1_and_type2_periods_of_3_to_12_months() {
    let mut p = sample_programme();
    let type1 = Report::Type1 {
        as_of: day("2027-03-31"),
    };
    accept(&mut p, |p| p.set_report(type1));
    assert_eq!(p.scope.report, type1);
    for (start, end) in [
        ("2027-01-01", "2027-03-31"),
        ("2027-07-01", "2027-12-31"),
        ("2027-01-01", "2027-12-31"),
        ("2028-01-01", "2028-12-31"),
    ] {
        let report = Report::Type2 {
            period: period(start, end),
        };
        assert_eq!(Report::type2(day(start), day(end)), Ok(report));
        accept(&mut p, |p| p.set_report(report));
        assert_eq!(p.scope.report, report);
    }
}

#[test]
fn bug_guard_a_type2_period_of_1_february_to_30_april_is_accepted() {
    // The old validator counted end - start (88 days, 2.89 months) and refused a calendar
    // quarter; both ends count now: 89 days, 2.92 months.
    let quarter = period("2027-02-01", "2027-04-30");
    assert_eq!(quarter.days(), 89);
    assert!(quarter.months() >= 2.9, "{}", quarter.months());
    let report = Report::Type2 { period: quarter };
    assert_eq!(Report::type2(quarter.start, quarter.end), Ok(report));
    assert_eq!(report.check(), Ok(()));
    let mut p = sample_programme();
    accept(&mut p, |p| p.set_report(report));
    assert_eq!(p.scope.report, report);
}

#[test]
fn a_type2_period_of_two_months_or_of_thirteen_is_refused() {
    let mut p = sample_programme();
    for (start, end, shown) in [
        ("2027-01-01", "2027-03-01", "60 days (1.97 months)"),
        ("2027-01-01", "2028-01-31", "396 days (13.01 months)"),
    ] {
        let wrong = period(start, end);
        let length = ReportDatesError::Length {
            days: wrong.days(),
            months: wrong.months(),
        };
        assert_eq!(Report::type2(wrong.start, wrong.end), Err(length));
        refuse(
            &mut p,
            |p| p.set_report(Report::Type2 { period: wrong }),
            EditError::ReportDates(length),
            &format!("the period is {shown}; a Type 2 observation period runs 3 to 12 months"),
        );
    }
}

#[test]
fn bug_guard_report_dates_out_of_order_are_refused() {
    let mut p = sample_programme();
    let backwards = period("2027-06-30", "2027-01-01");
    let order = ReportDatesError::Order(EndsBeforeStart {
        start: day("2027-06-30"),
        end: day("2027-01-01"),
    });
    assert_eq!(Report::type2(backwards.start, backwards.end), Err(order));
    assert_eq!(Report::Type2 { period: backwards }.check(), Err(order));
    refuse(
        &mut p,
        |p| p.set_report(Report::Type2 { period: backwards }),
        EditError::ReportDates(order),
        "the period ends on 2027-01-01, before it starts on 2027-06-30",
    );
}

// ---------------------------------------------------------------------------------------------
// Statement of Applicability
// ---------------------------------------------------------------------------------------------

#[test]
fn set_applicable_includes_or_excludes_an_annex_a_control() {
    let mut p = sample_programme();
    let decision = |p: &Programme, c: &str| {
        p.applicability
            .iter()
            .find(|a| a.control == c)
            .expect("decided")
            .applicable
    };
    assert!(!decision(&p, "A.7.6"));
    accept(&mut p, |p| p.set_applicable("A.7.6", true));
    assert!(decision(&p, "A.7.6"));
    accept(&mut p, |p| p.set_applicable("A.5.1", false));
    assert!(!decision(&p, "A.5.1"));
}

#[test]
fn set_applicable_refuses_what_is_not_an_annex_a_control() {
    let mut p = sample_programme();
    for control in ["A.9.1", "CC6.1", "5.2", ""] {
        refuse(
            &mut p,
            |p| p.set_applicable(control, false),
            EditError::NotAnnexA(control.into()),
            &format!("{control:?} is not an Annex A control"),
        );
    }
}

#[test]
fn set_justification_sets_the_reason() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.set_justification("A.7.6", "Included: we now have a server room.")
    });
    let entry = p
        .applicability
        .iter()
        .find(|a| a.control == "A.7.6")
        .expect("decided");
    assert_eq!(entry.justification, "Included: we now have a server room.");
}

#[test]
fn set_justification_refuses_what_is_not_an_annex_a_control() {
    let mut p = sample_programme();
    refuse(
        &mut p,
        |p| p.set_justification("A.8.99", "text"),
        EditError::NotAnnexA("A.8.99".into()),
        "\"A.8.99\" is not an Annex A control",
    );
}

// ---------------------------------------------------------------------------------------------
// Unified controls
// ---------------------------------------------------------------------------------------------

#[test]
fn add_control_gives_the_next_id_and_never_reuses_one() {
    let mut p = sample_programme();
    let expected = format!("UC-{:03}", p.next_control);
    let id = accept(&mut p, |p| p.add_control("Key rotation"));
    assert_eq!(id, expected);
    let control = p.control(&id).expect("added");
    assert_eq!(
        (control.name.as_str(), control.status),
        ("Key rotation", Status::NotStarted)
    );
    accept(&mut p, |p| p.delete_control(&id));
    let next = accept(&mut p, |p| p.add_control("Key rotation again"));
    assert_ne!(next, id, "a deleted control's id is not reused");

    let mut fresh = from_library();
    let first = fresh.controls.len() as u32 + 1;
    assert_eq!(
        accept(&mut fresh, |p| p.add_control("One more")),
        format!("UC-{first:03}")
    );
}

#[test]
fn add_control_refuses_an_empty_name() {
    let mut p = sample_programme();
    for name in ["", "   ", "\n\t"] {
        refuse(
            &mut p,
            |p| p.add_control(name),
            EditError::Empty("name"),
            "the name cannot be empty",
        );
    }
}

#[test]
fn set_control_name_renames_and_refuses_empty_names_and_unknown_controls() {
    let mut p = sample_programme();
    accept(&mut p, |p| p.set_control_name("UC-001", "Policy set"));
    assert_eq!(p.control("UC-001").expect("exists").name, "Policy set");
    refuse(
        &mut p,
        |p| p.set_control_name("UC-001", "  "),
        EditError::Empty("name"),
        "the name cannot be empty",
    );
    let (error, message) = unknown_control("UC-999");
    refuse(
        &mut p,
        |p| p.set_control_name("UC-999", "Name"),
        error,
        &message,
    );
}

#[test]
fn set_control_description_describes_and_refuses_unknown_controls() {
    let mut p = sample_programme();
    accept(&mut p, |p| p.set_control_description("UC-002", ""));
    assert_eq!(p.control("UC-002").expect("exists").description, "");
    accept(&mut p, |p| {
        p.set_control_description("UC-002", "=cmd|' /C calc'!A0")
    });
    assert_eq!(
        p.control("UC-002").expect("exists").description,
        "=cmd|' /C calc'!A0"
    );
    let (error, message) = unknown_control("UC-000");
    refuse(
        &mut p,
        |p| p.set_control_description("UC-000", "x"),
        error,
        &message,
    );
}

#[test]
fn set_control_owner_names_the_owner_and_refuses_unknown_controls() {
    let mut p = sample_programme();
    accept(&mut p, |p| p.set_control_owner("UC-003", "CTO"));
    assert_eq!(p.control("UC-003").expect("exists").owner, "CTO");
    let (error, message) = unknown_control("uc-003");
    refuse(
        &mut p,
        |p| p.set_control_owner("uc-003", "CTO"),
        error,
        &message,
    );
}

#[test]
fn set_control_status_moves_the_status_and_refuses_unknown_controls() {
    let mut p = sample_programme();
    for status in Status::ALL {
        accept(&mut p, |p| p.set_control_status("UC-001", status));
        assert_eq!(p.control("UC-001").expect("exists").status, status);
    }
    let (error, message) = unknown_control("UC-999");
    refuse(
        &mut p,
        |p| p.set_control_status("UC-999", Status::Operating),
        error,
        &message,
    );
}

#[test]
fn set_control_iso_keeps_standard_order_without_repeats() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.set_control_iso("UC-001", strings(&["A.8.5", "9.2.1", "A.5.15", "A.8.5"]))
    });
    assert_eq!(
        p.control("UC-001").expect("exists").iso,
        ["9.2.1", "A.5.15", "A.8.5"]
    );
    accept(&mut p, |p| p.set_control_iso("UC-001", vec![]));
    assert!(p.control("UC-001").expect("exists").iso.is_empty());
}

#[test]
fn set_control_iso_refuses_unknown_refs_and_unknown_controls() {
    let mut p = sample_programme();
    refuse(
        &mut p,
        |p| p.set_control_iso("UC-001", strings(&["A.5.1", "A.9.9", "CC6.1", "DC1"])),
        not_refs(Side::Iso, &["A.9.9", "CC6.1", "DC1"]),
        "not ISO/IEC 27001:2022 items: A.9.9, CC6.1, DC1",
    );
    let (error, message) = unknown_control("UC-999");
    refuse(
        &mut p,
        |p| p.set_control_iso("UC-999", strings(&["A.5.1"])),
        error,
        &message,
    );
}

#[test]
fn set_control_tsc_drops_the_residual_notes_of_removed_criteria() {
    let mut p = sample_programme();
    let control = p.control("UC-006").expect("exists");
    assert_eq!(control.tsc, ["CC1.2", "CC4.2"]);
    let kept_note = control.residuals[1].clone();
    assert_eq!(kept_note.tsc, "CC4.2");
    accept(&mut p, |p| {
        p.set_control_tsc("UC-006", strings(&["CC6.1", "CC4.2", "CC6.1"]))
    });
    let control = p.control("UC-006").expect("exists");
    assert_eq!(control.tsc, ["CC4.2", "CC6.1"]);
    assert_eq!(
        control.residuals,
        vec![kept_note],
        "CC1.2's note went with CC1.2"
    );
    accept(&mut p, |p| p.set_control_tsc("UC-006", vec![]));
    assert!(p.control("UC-006").expect("exists").residuals.is_empty());
}

#[test]
fn set_control_tsc_refuses_unknown_refs_and_unknown_controls() {
    let mut p = sample_programme();
    refuse(
        &mut p,
        |p| p.set_control_tsc("UC-006", strings(&["CC6.1", "A.5.1", "DC3", "CC9.9"])),
        not_refs(Side::Tsc, &["A.5.1", "DC3", "CC9.9"]),
        "not Trust Services Criteria: A.5.1, DC3, CC9.9",
    );
    let (error, message) = unknown_control("UC-999");
    refuse(
        &mut p,
        |p| p.set_control_tsc("UC-999", strings(&["CC6.1"])),
        error,
        &message,
    );
}

#[test]
fn set_residual_note_adds_replaces_and_blank_text_removes() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.set_residual_note("UC-001", "CC2.2", "Staff sign the policy")
    });
    let note = |p: &Programme| {
        p.control("UC-001")
            .expect("exists")
            .residuals
            .iter()
            .find(|n| n.tsc == "CC2.2")
            .map(|n| n.handles.clone())
    };
    assert_eq!(note(&p).as_deref(), Some("Staff sign the policy"));
    accept(&mut p, |p| {
        p.set_residual_note("UC-001", "CC2.2", "Signed through HiBob")
    });
    assert_eq!(note(&p).as_deref(), Some("Signed through HiBob"));
    assert_eq!(p.control("UC-001").expect("exists").residuals.len(), 1);
    accept(&mut p, |p| p.set_residual_note("UC-001", "CC2.2", "  "));
    assert_eq!(note(&p), None);
    let before = p.clone();
    accept(&mut p, |p| p.set_residual_note("UC-001", "CC2.2", ""));
    assert_eq!(p, before, "blank text for no note changes nothing");
}

#[test]
fn set_residual_note_refuses_a_criterion_the_control_does_not_list() {
    let mut p = sample_programme();
    for criterion in ["CC6.1", "A.5.1"] {
        refuse(
            &mut p,
            |p| p.set_residual_note("UC-001", criterion, "handled"),
            EditError::CriterionNotListed {
                control: "UC-001".into(),
                criterion: criterion.into(),
            },
            &format!("{criterion} is not among UC-001's criteria; add it to the criteria first"),
        );
    }
    let (error, message) = unknown_control("UC-999");
    refuse(
        &mut p,
        |p| p.set_residual_note("UC-999", "CC6.1", "x"),
        error,
        &message,
    );
}

#[test]
fn delete_control_removes_it_and_every_evidence_link_to_it() {
    let mut p = sample_programme();
    let linked: Vec<String> = p
        .evidence
        .iter()
        .filter(|e| e.controls.iter().any(|c| c == "UC-006"))
        .map(|e| e.id.clone())
        .collect();
    assert!(linked.len() > 1);
    let count = p.controls.len();
    accept(&mut p, |p| p.delete_control("UC-006"));
    assert!(p.control("UC-006").is_none());
    assert_eq!(p.controls.len(), count - 1);
    assert!(p
        .evidence
        .iter()
        .all(|e| e.controls.iter().all(|c| c != "UC-006")));
    assert!(
        linked.iter().all(|id| p.evidence_item(id).is_some()),
        "the evidence stays"
    );
}

#[test]
fn delete_control_refuses_an_unknown_control() {
    let mut p = sample_programme();
    let (error, message) = unknown_control("UC-999");
    refuse(&mut p, |p| p.delete_control("UC-999"), error, &message);
    accept(&mut p, |p| p.delete_control("UC-001"));
    let (error, message) = unknown_control("UC-001");
    refuse(&mut p, |p| p.delete_control("UC-001"), error, &message);
}

#[test]
fn merge_controls_moves_refs_residuals_and_evidence_to_the_kept_control() {
    let mut p = sample_programme();
    // UC-001 gets its own note for CC1.2, which UC-006 also has: the kept control's note wins.
    accept(&mut p, |p| {
        p.set_control_tsc("UC-001", strings(&["CC2.2", "CC3.1", "CC5.3", "CC1.2"]))
    });
    accept(&mut p, |p| {
        p.set_residual_note("UC-001", "CC1.2", "kept note")
    });
    // EV-001 supports UC-001 and now UC-006 as well: it must end up linked once.
    accept(&mut p, |p| p.link_evidence("EV-001", "UC-006"));
    let absorbed = p.control("UC-006").expect("exists").clone();
    let absorbed_evidence: Vec<String> = p
        .evidence
        .iter()
        .filter(|e| e.controls.contains(&absorbed.id))
        .map(|e| e.id.clone())
        .collect();

    accept(&mut p, |p| p.merge_controls("UC-001", "UC-006"));
    assert!(p.control("UC-006").is_none());
    let kept = p.control("UC-001").expect("kept");
    assert_eq!(kept.iso, ["5.2", "A.5.1"]);
    assert_eq!(kept.tsc, ["CC1.2", "CC2.2", "CC3.1", "CC4.2", "CC5.3"]);
    let note = |tsc: &str| {
        kept.residuals
            .iter()
            .find(|n| n.tsc == tsc)
            .map(|n| n.handles.as_str())
    };
    assert_eq!(note("CC1.2"), Some("kept note"));
    assert_eq!(note("CC4.2"), Some(absorbed.residuals[1].handles.as_str()));
    for id in &absorbed_evidence {
        let item = p.evidence_item(id).expect("kept");
        assert_eq!(
            item.controls.iter().filter(|c| *c == "UC-001").count(),
            1,
            "{id}"
        );
        assert!(!item.controls.iter().any(|c| c == "UC-006"), "{id}");
    }
    assert_eq!(
        p.evidence_item("EV-191").expect("exists").controls,
        ["UC-015", "UC-012", "UC-001"]
    );
}

#[test]
fn bug_guard_merging_a_control_into_itself_is_refused_with_a_message() {
    // The old merge returned silently and the user saw nothing happen.
    let mut p = sample_programme();
    refuse(
        &mut p,
        |p| p.merge_controls("UC-001", "UC-001"),
        EditError::MergeIntoItself("UC-001".into()),
        "UC-001 cannot be merged into itself; give the id of another control",
    );
}

#[test]
fn bug_guard_merging_into_or_from_a_missing_control_is_refused_with_a_message() {
    // The old merge returned silently when either control was missing.
    let mut p = sample_programme();
    let (error, message) = unknown_control("UC-999");
    refuse(
        &mut p,
        |p| p.merge_controls("UC-001", "UC-999"),
        error.clone(),
        &message,
    );
    refuse(
        &mut p,
        |p| p.merge_controls("UC-999", "UC-001"),
        error,
        &message,
    );
}

// ---------------------------------------------------------------------------------------------
// Evidence
// ---------------------------------------------------------------------------------------------

#[test]
fn add_evidence_gives_the_next_id_and_never_reuses_one() {
    let mut p = sample_programme();
    let expected = format!("EV-{:03}", p.next_evidence);
    let id = accept(&mut p, |p| {
        p.add_evidence(
            "MFA export",
            EvidenceKind::Configuration,
            Cadence::Quarterly,
        )
    });
    assert_eq!(id, expected);
    let item = p.evidence_item(&id).expect("added");
    assert_eq!(
        (item.kind, item.cadence, item.controls.len(), item.period),
        (EvidenceKind::Configuration, Cadence::Quarterly, 0, None)
    );
    accept(&mut p, |p| p.delete_evidence(&id));
    let next = accept(&mut p, |p| {
        p.add_evidence("Again", EvidenceKind::Log, Cadence::Monthly)
    });
    assert_ne!(next, id, "a deleted item's id is not reused");
}

#[test]
fn add_evidence_refuses_an_empty_title() {
    let mut p = sample_programme();
    refuse(
        &mut p,
        |p| p.add_evidence(" ", EvidenceKind::Log, Cadence::Once),
        EditError::Empty("title"),
        "the title cannot be empty",
    );
}

#[test]
fn set_evidence_title_retitles_and_refuses_empty_titles_and_unknown_items() {
    let mut p = sample_programme();
    accept(&mut p, |p| p.set_evidence_title("EV-001", "Policy set v5"));
    assert_eq!(
        p.evidence_item("EV-001").expect("exists").title,
        "Policy set v5"
    );
    refuse(
        &mut p,
        |p| p.set_evidence_title("EV-001", ""),
        EditError::Empty("title"),
        "the title cannot be empty",
    );
    let (error, message) = unknown_evidence("EV-999");
    refuse(
        &mut p,
        |p| p.set_evidence_title("EV-999", "x"),
        error,
        &message,
    );
}

#[test]
fn set_evidence_kind_sets_the_kind_and_refuses_unknown_items() {
    let mut p = sample_programme();
    for kind in EvidenceKind::ALL {
        accept(&mut p, |p| p.set_evidence_kind("EV-001", kind));
        assert_eq!(p.evidence_item("EV-001").expect("exists").kind, kind);
    }
    let (error, message) = unknown_evidence("EV-999");
    refuse(
        &mut p,
        |p| p.set_evidence_kind("EV-999", EvidenceKind::Log),
        error,
        &message,
    );
}

#[test]
fn set_evidence_owner_names_the_owner_and_refuses_unknown_items() {
    let mut p = sample_programme();
    accept(&mut p, |p| p.set_evidence_owner("EV-001", "CEO"));
    assert_eq!(p.evidence_item("EV-001").expect("exists").owner, "CEO");
    let (error, message) = unknown_evidence("EV-000");
    refuse(
        &mut p,
        |p| p.set_evidence_owner("EV-000", "CEO"),
        error,
        &message,
    );
}

#[test]
fn set_evidence_cadence_sets_the_cadence_and_refuses_unknown_items() {
    let mut p = sample_programme();
    for cadence in Cadence::ALL {
        accept(&mut p, |p| p.set_evidence_cadence("EV-002", cadence));
        assert_eq!(p.evidence_item("EV-002").expect("exists").cadence, cadence);
    }
    let (error, message) = unknown_evidence("EV-999");
    refuse(
        &mut p,
        |p| p.set_evidence_cadence("EV-999", Cadence::Once),
        error,
        &message,
    );
}

#[test]
fn set_evidence_location_sets_where_it_is_kept_and_refuses_unknown_items() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.set_evidence_location("EV-001", "https://drive.example/policy")
    });
    assert_eq!(
        p.evidence_item("EV-001").expect("exists").location,
        "https://drive.example/policy"
    );
    let (error, message) = unknown_evidence("EV-999");
    refuse(
        &mut p,
        |p| p.set_evidence_location("EV-999", "x"),
        error,
        &message,
    );
}

#[test]
fn set_collected_keeps_the_days_in_order_without_repeats() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.set_collected(
            "EV-005",
            vec![day("2027-03-01"), day("2027-01-15"), day("2027-03-01")],
        )
    });
    assert_eq!(
        p.evidence_item("EV-005").expect("exists").collected,
        [day("2027-01-15"), day("2027-03-01")]
    );
    accept(&mut p, |p| p.set_collected("EV-005", vec![]));
    assert!(p
        .evidence_item("EV-005")
        .expect("exists")
        .collected
        .is_empty());
    let (error, message) = unknown_evidence("EV-999");
    refuse(
        &mut p,
        |p| p.set_collected("EV-999", vec![day("2027-01-01")]),
        error,
        &message,
    );
}

#[test]
fn set_evidence_period_sets_or_clears_the_period() {
    let mut p = sample_programme();
    let feb = period("2027-02-01", "2027-02-28");
    accept(&mut p, |p| p.set_evidence_period("EV-002", Some(feb)));
    assert_eq!(p.evidence_item("EV-002").expect("exists").period, Some(feb));
    let one_day = period("2027-02-01", "2027-02-01");
    accept(&mut p, |p| p.set_evidence_period("EV-002", Some(one_day)));
    assert_eq!(
        p.evidence_item("EV-002").expect("exists").period,
        Some(one_day)
    );
    accept(&mut p, |p| p.set_evidence_period("EV-002", None));
    assert_eq!(p.evidence_item("EV-002").expect("exists").period, None);
}

#[test]
fn bug_guard_an_evidence_period_starting_after_its_end_is_refused() {
    let mut p = sample_programme();
    refuse(
        &mut p,
        |p| p.set_evidence_period("EV-002", Some(period("2027-03-01", "2027-02-01"))),
        EditError::Period(EndsBeforeStart {
            start: day("2027-03-01"),
            end: day("2027-02-01"),
        }),
        "the period ends on 2027-02-01, before it starts on 2027-03-01",
    );
    // Moving one end past the other is refused the same way. EV-002 runs 4 to 29 January.
    refuse(
        &mut p,
        |p| p.set_evidence_period_start("EV-002", Some(day("2027-02-01"))),
        EditError::Period(EndsBeforeStart {
            start: day("2027-02-01"),
            end: day("2027-01-29"),
        }),
        "the period ends on 2027-01-29, before it starts on 2027-02-01",
    );
    refuse(
        &mut p,
        |p| p.set_evidence_period_end("EV-002", Some(day("2027-01-03"))),
        EditError::Period(EndsBeforeStart {
            start: day("2027-01-04"),
            end: day("2027-01-03"),
        }),
        "the period ends on 2027-01-03, before it starts on 2027-01-04",
    );
}

#[test]
fn set_evidence_period_refuses_unknown_items() {
    let mut p = sample_programme();
    let (error, message) = unknown_evidence("EV-999");
    refuse(
        &mut p,
        |p| p.set_evidence_period("EV-999", Some(period("2027-01-01", "2027-01-31"))),
        error.clone(),
        &message,
    );
    refuse(
        &mut p,
        |p| p.set_evidence_period("EV-999", None),
        error,
        &message,
    );
}

#[test]
fn set_evidence_period_start_moves_the_first_day_or_clears_the_period() {
    let mut p = sample_programme();
    assert_eq!(
        p.evidence_item("EV-002").expect("exists").period,
        Some(period("2027-01-04", "2027-01-29"))
    );
    accept(&mut p, |p| {
        p.set_evidence_period_start("EV-002", Some(day("2027-01-10")))
    });
    assert_eq!(
        p.evidence_item("EV-002").expect("exists").period,
        Some(period("2027-01-10", "2027-01-29"))
    );
    accept(&mut p, |p| {
        p.set_evidence_period_start("EV-002", Some(day("2027-01-29")))
    });
    assert_eq!(
        p.evidence_item("EV-002").expect("exists").period,
        Some(period("2027-01-29", "2027-01-29"))
    );
    accept(&mut p, |p| p.set_evidence_period_start("EV-002", None));
    assert_eq!(p.evidence_item("EV-002").expect("exists").period, None);
    // An item without a period gets one of one day.
    assert_eq!(p.evidence_item("EV-005").expect("exists").period, None);
    accept(&mut p, |p| {
        p.set_evidence_period_start("EV-005", Some(day("2027-05-01")))
    });
    assert_eq!(
        p.evidence_item("EV-005").expect("exists").period,
        Some(period("2027-05-01", "2027-05-01"))
    );
}

#[test]
fn set_evidence_period_start_refuses_unknown_items() {
    let mut p = sample_programme();
    let (error, message) = unknown_evidence("EV-999");
    refuse(
        &mut p,
        |p| p.set_evidence_period_start("EV-999", Some(day("2027-01-01"))),
        error.clone(),
        &message,
    );
    refuse(
        &mut p,
        |p| p.set_evidence_period_start("EV-999", None),
        error,
        &message,
    );
}

#[test]
fn set_evidence_period_end_moves_the_last_day() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.set_evidence_period_end("EV-002", Some(day("2027-02-15")))
    });
    assert_eq!(
        p.evidence_item("EV-002").expect("exists").period,
        Some(period("2027-01-04", "2027-02-15"))
    );
    accept(&mut p, |p| {
        p.set_evidence_period_end("EV-002", Some(day("2027-01-04")))
    });
    assert_eq!(
        p.evidence_item("EV-002").expect("exists").period,
        Some(period("2027-01-04", "2027-01-04"))
    );
    accept(&mut p, |p| {
        p.set_evidence_period_end("EV-005", Some(day("2027-06-30")))
    });
    assert_eq!(
        p.evidence_item("EV-005").expect("exists").period,
        Some(period("2027-06-30", "2027-06-30"))
    );
}

#[test]
fn set_evidence_period_end_refuses_unknown_items() {
    let mut p = sample_programme();
    let (error, message) = unknown_evidence("EV-999");
    refuse(
        &mut p,
        |p| p.set_evidence_period_end("EV-999", Some(day("2027-01-01"))),
        error,
        &message,
    );
}

#[test]
fn link_evidence_links_once() {
    let mut p = sample_programme();
    accept(&mut p, |p| p.link_evidence("EV-005", "UC-001"));
    accept(&mut p, |p| p.link_evidence("EV-005", "UC-001"));
    let controls = &p.evidence_item("EV-005").expect("exists").controls;
    assert_eq!(controls.iter().filter(|c| *c == "UC-001").count(), 1);
}

#[test]
fn link_evidence_refuses_an_unknown_control_or_item() {
    let mut p = sample_programme();
    let (error, message) = unknown_control("UC-999");
    refuse(
        &mut p,
        |p| p.link_evidence("EV-005", "UC-999"),
        error,
        &message,
    );
    let (error, message) = unknown_evidence("EV-999");
    refuse(
        &mut p,
        |p| p.link_evidence("EV-999", "UC-001"),
        error,
        &message,
    );
}

#[test]
fn unlink_evidence_removes_the_link() {
    let mut p = sample_programme();
    assert!(p
        .evidence_item("EV-191")
        .expect("exists")
        .controls
        .contains(&"UC-006".to_owned()));
    accept(&mut p, |p| p.unlink_evidence("EV-191", "UC-006"));
    assert_eq!(
        p.evidence_item("EV-191").expect("exists").controls,
        ["UC-015", "UC-012"]
    );
    let before = p.clone();
    accept(&mut p, |p| p.unlink_evidence("EV-191", "UC-006"));
    assert_eq!(p, before, "unlinking what is not linked changes nothing");
}

#[test]
fn unlink_evidence_refuses_an_unknown_item() {
    let mut p = sample_programme();
    let (error, message) = unknown_evidence("EV-999");
    refuse(
        &mut p,
        |p| p.unlink_evidence("EV-999", "UC-001"),
        error,
        &message,
    );
}

#[test]
fn delete_evidence_removes_the_item_and_refuses_unknown_ones() {
    let mut p = sample_programme();
    let count = p.evidence.len();
    accept(&mut p, |p| p.delete_evidence("EV-001"));
    assert!(p.evidence_item("EV-001").is_none());
    assert_eq!(p.evidence.len(), count - 1);
    let (error, message) = unknown_evidence("EV-001");
    refuse(&mut p, |p| p.delete_evidence("EV-001"), error, &message);
}

// ---------------------------------------------------------------------------------------------
// CUECs
// ---------------------------------------------------------------------------------------------

#[test]
fn add_cuec_gives_the_next_id() {
    let mut p = sample_programme();
    assert_eq!(p.next_cuec, 5);
    let id = accept(&mut p, |p| p.add_cuec("Customers rotate their API keys."));
    assert_eq!(id, "CUEC-05");
    let cuec = p.cuecs.last().expect("added");
    assert_eq!(
        (cuec.id.as_str(), cuec.description.as_str()),
        ("CUEC-05", "Customers rotate their API keys.")
    );
    assert!(cuec.criteria.is_empty());

    let mut fresh = from_library();
    assert_eq!(
        accept(&mut fresh, |p| p.add_cuec("First")),
        "CUEC-01",
        "a new programme numbers from 01"
    );
}

#[test]
fn add_cuec_refuses_an_empty_description() {
    let mut p = sample_programme();
    refuse(
        &mut p,
        |p| p.add_cuec("\t"),
        EditError::Empty("description"),
        "the description cannot be empty",
    );
}

#[test]
fn bug_guard_a_deleted_cuecs_id_is_never_given_to_the_next_cuec() {
    // The old code numbered a new CUEC highest + 1, so deleting the last one and adding
    // another gave the new CUEC the deleted one's id.
    let mut p = sample_programme();
    let last = p.cuecs.last().expect("the sample has CUECs").id.clone();
    assert_eq!(last, "CUEC-04");
    accept(&mut p, |p| p.delete_cuec(&last));
    let next = accept(&mut p, |p| p.add_cuec("Customers keep their SSO secure."));
    assert_ne!(next, last);
    assert_eq!(next, "CUEC-05");
    let ids: Vec<String> = p.cuecs.iter().map(|c| c.id.clone()).collect();
    for id in ids {
        accept(&mut p, |p| p.delete_cuec(&id));
    }
    assert_eq!(
        accept(&mut p, |p| p.add_cuec("Again")),
        "CUEC-06",
        "even with none left"
    );
}

#[test]
fn set_cuec_description_rewords_and_refuses_empty_text_and_unknown_cuecs() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.set_cuec_description("CUEC-01", "Customers review users.")
    });
    assert_eq!(p.cuecs[0].description, "Customers review users.");
    refuse(
        &mut p,
        |p| p.set_cuec_description("CUEC-01", ""),
        EditError::Empty("description"),
        "the description cannot be empty",
    );
    let (error, message) = unknown_cuec("CUEC-99");
    refuse(
        &mut p,
        |p| p.set_cuec_description("CUEC-99", "x"),
        error,
        &message,
    );
}

#[test]
fn set_cuec_criteria_keeps_standard_order_and_refuses_unknown_refs_and_cuecs() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.set_cuec_criteria("CUEC-01", strings(&["CC6.3", "C1.1", "CC6.2", "CC6.3"]))
    });
    assert_eq!(p.cuecs[0].criteria, ["CC6.2", "CC6.3", "C1.1"]);
    refuse(
        &mut p,
        |p| p.set_cuec_criteria("CUEC-01", strings(&["A.5.1", "CC6.1"])),
        not_refs(Side::Tsc, &["A.5.1"]),
        "not Trust Services Criteria: A.5.1",
    );
    let (error, message) = unknown_cuec("CUEC-99");
    refuse(
        &mut p,
        |p| p.set_cuec_criteria("CUEC-99", strings(&["CC6.1"])),
        error,
        &message,
    );
}

#[test]
fn delete_cuec_removes_it_and_refuses_unknown_cuecs() {
    let mut p = sample_programme();
    accept(&mut p, |p| p.delete_cuec("CUEC-02"));
    assert!(p.cuecs.iter().all(|c| c.id != "CUEC-02"));
    assert_eq!(p.cuecs.len(), 3);
    let (error, message) = unknown_cuec("CUEC-02");
    refuse(&mut p, |p| p.delete_cuec("CUEC-02"), error, &message);
}

// ---------------------------------------------------------------------------------------------
// Subservice organisations
// ---------------------------------------------------------------------------------------------

const AWS: &str = "Amazon Web Services (eu-west-2)";

#[test]
fn fresh_subservice_name_is_numbered_past_the_names_taken() {
    let mut p = sample_programme();
    assert_eq!(p.fresh_subservice_name(), NEW_SUBSERVICE_NAME);
    let first = p.fresh_subservice_name();
    accept(&mut p, |p| p.add_subservice(&first));
    assert_eq!(
        p.fresh_subservice_name(),
        format!("{NEW_SUBSERVICE_NAME} (2)")
    );
    // Taken case-insensitively too.
    accept(&mut p, |p| {
        p.add_subservice(&format!("{} (2)", NEW_SUBSERVICE_NAME.to_uppercase()))
    });
    let third = p.fresh_subservice_name();
    assert_eq!(third, format!("{NEW_SUBSERVICE_NAME} (3)"));
    accept(&mut p, |p| p.add_subservice(&third));
}

#[test]
fn add_subservice_adds_a_carve_out_with_the_trimmed_name() {
    let mut p = sample_programme();
    accept(&mut p, |p| p.add_subservice("  Stripe  "));
    let added = p.subservice_organisations.last().expect("added");
    assert_eq!(added.name, "Stripe");
    assert_eq!(added.method, SubserviceMethod::CarveOut);
    assert!(added.services.is_empty() && added.csocs.is_empty() && added.criteria.is_empty());
}

#[test]
fn bug_guard_a_duplicate_subservice_name_is_refused_case_insensitively() {
    let mut p = sample_programme();
    for name in ["Okta", "okta", "  OKTA ", "amazon web services (EU-WEST-2)"] {
        let shown = name.trim();
        refuse(
            &mut p,
            |p| p.add_subservice(name),
            EditError::DuplicateName(shown.into()),
            &format!("a subservice organisation named {shown:?} already exists"),
        );
    }
    refuse(
        &mut p,
        |p| p.add_subservice("   "),
        EditError::Empty("name"),
        "the name cannot be empty",
    );
}

#[test]
fn rename_subservice_renames_and_may_change_only_the_case() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.rename_subservice("Okta", "  Okta Workforce  ")
    });
    assert_eq!(p.subservice_organisations[1].name, "Okta Workforce");
    accept(&mut p, |p| {
        p.rename_subservice("Okta Workforce", "OKTA WORKFORCE")
    });
    assert_eq!(p.subservice_organisations[1].name, "OKTA WORKFORCE");
    assert_eq!(
        p.subservice_organisations[1].csocs.len(),
        2,
        "the rest is kept"
    );
}

#[test]
fn rename_subservice_refuses_a_taken_or_empty_name_and_an_unknown_organisation() {
    let mut p = sample_programme();
    refuse(
        &mut p,
        |p| p.rename_subservice("Okta", " amazon web services (EU-WEST-2) "),
        EditError::DuplicateName("amazon web services (EU-WEST-2)".into()),
        "a subservice organisation named \"amazon web services (EU-WEST-2)\" already exists",
    );
    refuse(
        &mut p,
        |p| p.rename_subservice("Okta", ""),
        EditError::Empty("name"),
        "the name cannot be empty",
    );
    let (error, message) = unknown_subservice("Auth0");
    refuse(
        &mut p,
        |p| p.rename_subservice("Auth0", "Okta"),
        error,
        &message,
    );
}

#[test]
fn set_subservice_services_says_what_it_provides_and_refuses_unknown_organisations() {
    let mut p = sample_programme();
    accept(&mut p, |p| p.set_subservice_services("Okta", "SSO and MFA"));
    assert_eq!(p.subservice_organisations[1].services, "SSO and MFA");
    let (error, message) = unknown_subservice("Auth0");
    refuse(
        &mut p,
        |p| p.set_subservice_services("Auth0", "x"),
        error,
        &message,
    );
}

#[test]
fn set_subservice_method_switches_and_refuses_unknown_organisations() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.set_subservice_method(AWS, SubserviceMethod::Inclusive)
    });
    assert_eq!(
        p.subservice_organisations[0].method,
        SubserviceMethod::Inclusive
    );
    accept(&mut p, |p| {
        p.set_subservice_method(AWS, SubserviceMethod::CarveOut)
    });
    assert_eq!(
        p.subservice_organisations[0].method,
        SubserviceMethod::CarveOut
    );
    let (error, message) = unknown_subservice("AWS");
    refuse(
        &mut p,
        |p| p.set_subservice_method("AWS", SubserviceMethod::Inclusive),
        error,
        &message,
    );
}

#[test]
fn set_subservice_csocs_sets_the_list_and_refuses_unknown_organisations() {
    let mut p = sample_programme();
    let csocs = lines("  Logs are kept 1 year \n\n Changes are tested\n");
    accept(&mut p, |p| p.set_subservice_csocs("Okta", csocs.clone()));
    assert_eq!(
        p.subservice_organisations[1].csocs,
        ["Logs are kept 1 year", "Changes are tested"]
    );
    accept(&mut p, |p| p.set_subservice_csocs("Okta", vec![]));
    assert!(p.subservice_organisations[1].csocs.is_empty());
    let (error, message) = unknown_subservice("Auth0");
    refuse(
        &mut p,
        |p| p.set_subservice_csocs("Auth0", csocs),
        error,
        &message,
    );
}

#[test]
fn set_subservice_criteria_keeps_standard_order_and_refuses_unknown_refs_and_organisations() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.set_subservice_criteria(AWS, strings(&["A1.2", "CC6.4", "A1.2"]))
    });
    assert_eq!(p.subservice_organisations[0].criteria, ["CC6.4", "A1.2"]);
    refuse(
        &mut p,
        |p| p.set_subservice_criteria(AWS, strings(&["A.7.1", "CC6.4", "DC7"])),
        not_refs(Side::Tsc, &["A.7.1", "DC7"]),
        "not Trust Services Criteria: A.7.1, DC7",
    );
    let (error, message) = unknown_subservice("Auth0");
    refuse(
        &mut p,
        |p| p.set_subservice_criteria("Auth0", strings(&["CC6.1"])),
        error,
        &message,
    );
}

#[test]
fn delete_subservice_removes_it_and_its_name_is_free_again() {
    let mut p = sample_programme();
    accept(&mut p, |p| p.delete_subservice("Okta"));
    assert_eq!(p.subservice_organisations.len(), 1);
    let (error, message) = unknown_subservice("Okta");
    refuse(&mut p, |p| p.delete_subservice("Okta"), error, &message);
    accept(&mut p, |p| p.add_subservice("okta"));
}

// ---------------------------------------------------------------------------------------------
// System Description notes
// ---------------------------------------------------------------------------------------------

#[test]
fn set_description_note_sets_and_blank_text_removes() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.set_description_note("DC3", "Our principal commitments.")
    });
    assert_eq!(
        p.description_notes.get("DC3").map(String::as_str),
        Some("Our principal commitments.")
    );
    assert!(p.description_notes.contains_key("DC1"));
    accept(&mut p, |p| p.set_description_note("DC1", " \n "));
    assert!(!p.description_notes.contains_key("DC1"));
    let before = p.clone();
    accept(&mut p, |p| p.set_description_note("DC9", ""));
    assert_eq!(
        p, before,
        "removing a note that is not there changes nothing"
    );
}

#[test]
fn set_description_note_refuses_what_is_not_a_description_criterion() {
    let mut p = sample_programme();
    for section in ["DC10", "DC0", "dc1", "CC6.1", ""] {
        refuse(
            &mut p,
            |p| p.set_description_note(section, "text"),
            EditError::NotDescriptionCriterion(section.into()),
            &format!("{section:?} is not a description criterion DC1-DC9"),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing what the user types
// ---------------------------------------------------------------------------------------------

#[test]
fn parse_ref_list_gives_known_refs_in_standard_order_without_repeats() {
    assert_eq!(
        parse_ref_list("A.8.5, 9.2.1 A.5.15;A.8.5\n\tA.5.2", Side::Iso),
        Ok(strings(&["9.2.1", "A.5.2", "A.5.15", "A.8.5"]))
    );
    assert_eq!(
        parse_ref_list("P1.1 CC6.8, CC6.2 PI1.1 CC6.2", Side::Tsc),
        Ok(strings(&["CC6.2", "CC6.8", "PI1.1", "P1.1"]))
    );
    assert_eq!(parse_ref_list("  , ;\n", Side::Tsc), Ok(vec![]));
}

#[test]
fn parse_ref_list_names_every_ref_not_of_the_framework() {
    let error = parse_ref_list("CC6.1, A.5.1 DC1 cc6.1", Side::Tsc).expect_err("unknown");
    assert_eq!(error, not_refs(Side::Tsc, &["A.5.1", "DC1", "cc6.1"]));
    assert_eq!(
        error.to_string(),
        "not Trust Services Criteria: A.5.1, DC1, cc6.1"
    );
    let error = parse_ref_list("A.5.1 CC6.1 A.5.99 4.1", Side::Iso).expect_err("unknown");
    assert_eq!(error, not_refs(Side::Iso, &["CC6.1", "A.5.99"]));
    assert_eq!(
        error.to_string(),
        "not ISO/IEC 27001:2022 items: CC6.1, A.5.99"
    );
}

#[test]
fn parsed_refs_feed_the_edits() {
    let mut p = sample_programme();
    let iso = parse_ref_list("A.8.5 9.2.1", Side::Iso).expect("known");
    let tsc = parse_ref_list("CC6.1, CC6.2", Side::Tsc).expect("known");
    accept(&mut p, |p| p.set_control_iso("UC-002", iso));
    accept(&mut p, |p| p.set_control_tsc("UC-002", tsc));
    let control = p.control("UC-002").expect("exists");
    assert_eq!(
        (control.iso.clone(), control.tsc.clone()),
        (strings(&["9.2.1", "A.8.5"]), strings(&["CC6.1", "CC6.2"]))
    );
}

#[test]
fn lines_trims_each_line_and_drops_blank_ones() {
    assert_eq!(
        lines("  first \r\n\n\t second\t\n   \nthird"),
        ["first", "second", "third"]
    );
    assert!(lines("").is_empty());
    assert!(lines(" \n\t\n").is_empty());
}

// ---------------------------------------------------------------------------------------------
// Migration from version 2 and the new validation rules
// ---------------------------------------------------------------------------------------------

#[test]
fn bug_guard_a_v2_documents_cuecs_migrate_with_next_cuec_past_the_highest_id() {
    let mut doc = v2_document();
    doc["cuecs"] = json!([
        {"id": "CUEC-01", "description": "One", "criteria": ["CC6.1"]},
        {"id": "CUEC-07", "description": "Seven", "criteria": []},
        {"id": "CUEC-03", "description": "Three", "criteria": ["C1.1"]},
    ]);
    let migrated = migrate(doc.clone()).expect("migrates");
    assert_eq!(migrated["schema_version"], SCHEMA_VERSION);
    assert_eq!(migrated["next_cuec"], 8);

    let mut p = import_value(&doc).expect("a version 2 file opens");
    assert_eq!(p.schema_version, SCHEMA_VERSION);
    assert_eq!(p.next_cuec, 8);
    assert_eq!(p.cuecs.len(), 3);
    assert_sound(&p);
    assert_eq!(accept(&mut p, |p| p.add_cuec("Eight")), "CUEC-08");

    // No CUECs at all: numbering starts at 1.
    let mut doc = v2_document();
    doc["cuecs"] = json!([]);
    assert_eq!(import_value(&doc).expect("opens").next_cuec, 1);
}

#[test]
fn bug_guard_a_v2_document_with_two_subservice_organisations_of_one_name_migrates_to_unique_names()
{
    let mut doc = v2_document();
    let organisations = doc["subservice_organisations"]
        .as_array_mut()
        .expect("a list");
    let okta = organisations[1].clone();
    assert_eq!(okta["name"], "Okta");
    let mut shouting = okta.clone();
    shouting["name"] = "OKTA".into();
    shouting["services"] = "A second Okta tenant".into();
    organisations.push(okta);
    organisations.push(shouting);

    let p = import_value(&doc).expect("a version 2 file with repeated names opens");
    let names: Vec<&str> = p
        .subservice_organisations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names, [AWS, "Okta", "Okta (2)", "OKTA (3)"]);
    assert_eq!(
        p.subservice_organisations[3].services,
        "A second Okta tenant"
    );
    assert_eq!(
        p.subservice_organisations[2].csocs, p.subservice_organisations[1].csocs,
        "only the name changes"
    );
    assert_sound(&p);
    // Each can now be edited by its own name.
    let mut p = p;
    accept(&mut p, |p| {
        p.set_subservice_method("Okta (2)", SubserviceMethod::Inclusive)
    });
    assert_eq!(
        p.subservice_organisations[1].method,
        SubserviceMethod::CarveOut
    );
}

#[test]
fn a_version_1_document_migrates_to_the_current_version_with_cuecs_numbered_from_1() {
    let v1 = std::fs::read("tests/fixtures/programme-v1.json").expect("fixture");
    let mut p = import_json(&v1).expect("a version 1 file opens");
    assert_eq!((p.schema_version, p.next_cuec), (SCHEMA_VERSION, 1));
    assert_eq!(accept(&mut p, |p| p.add_cuec("First")), "CUEC-01");
}

#[test]
fn a_version_3_document_with_a_cuec_id_not_below_next_cuec_is_refused() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&export_json(&sample_programme())).expect("JSON");
    doc["next_cuec"] = 4.into();
    let message = import_value(&doc)
        .expect_err("CUEC-04 is not below 4")
        .to_string();
    assert!(
        message.contains("cuecs[3].id: CUEC-04 is not below next_cuec (4)"),
        "{message}"
    );
}

#[test]
fn a_version_3_document_repeating_a_subservice_name_is_refused() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&export_json(&sample_programme())).expect("JSON");
    let organisations = doc["subservice_organisations"]
        .as_array_mut()
        .expect("a list");
    let mut again = organisations[1].clone();
    again["name"] = " okta ".into();
    organisations.push(again);
    let message = import_value(&doc).expect_err("Okta twice").to_string();
    assert!(
        message.contains(
            "subservice_organisations[2].name:  okta  is named twice (also at subservice_organisations[1])"
        ),
        "{message}"
    );
}

// ---------------------------------------------------------------------------------------------
// Engine bugs found while writing these tests: ignored until src/ is fixed (run them with
// `cargo test --test edit -- --ignored`).
// ---------------------------------------------------------------------------------------------

/// Runs `f`, turning a panic into an `Err` so a failing assertion can say what happened.
fn without_panic<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Result<T, String> {
    std::panic::catch_unwind(f).map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

#[test]
fn adding_at_the_last_counter_value_is_refused_and_keeps_the_programme_valid() {
    for counter in ["next_control", "next_evidence", "next_cuec"] {
        let mut doc: serde_json::Value =
            serde_json::from_str(&export_json(&sample_programme())).expect("JSON");
        doc[counter] = u32::MAX.into();
        let p = import_value(&doc).expect("a counter at u32::MAX is a valid programme");
        let before = p.clone();
        let outcome = without_panic(move || {
            let mut p = p;
            let added = match counter {
                "next_control" => p.add_control("One more"),
                "next_evidence" => p.add_evidence("One more", EvidenceKind::Log, Cadence::Once),
                _ => p.add_cuec("One more"),
            };
            (added, p)
        });
        match outcome {
            Err(panic) => panic!("{counter}: the add panicked: {panic}"),
            Ok((Err(_), p)) => assert_eq!(p, before, "{counter}: refused but changed"),
            Ok((Ok(id), p)) => assert_eq!(
                p.problems(catalogues()),
                vec![],
                "{counter}: {id} was accepted and left the programme invalid"
            ),
        }
    }
}

#[test]
fn a_v2_document_with_the_largest_cuec_number_is_refused_without_panicking() {
    let mut doc = v2_document();
    doc["cuecs"][0]["id"] = format!("CUEC-{}", u32::MAX).into();
    let outcome = without_panic(move || import_value(&doc).map(|p| p.next_cuec));
    match outcome {
        Err(panic) => panic!("the importer panicked: {panic}"),
        Ok(Ok(next)) => assert!(next > 4, "{next}"),
        Ok(Err(error)) => assert!(
            !error
                .to_string()
                .contains("CUEC-02 is not below next_cuec (0)"),
            "refused for a wrapped counter, not for what is wrong with the file: {error}"
        ),
    }
}

#[test]
fn a_category_list_out_of_standard_order_is_written_back_in_standard_order() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&export_json(&sample_programme())).expect("JSON");
    doc["scope"]["categories"] = json!(["privacy", "availability"]);
    let p = import_value(&doc).expect("any order is accepted");
    let back: serde_json::Value = serde_json::from_str(&export_json(&p)).expect("JSON");
    assert_eq!(
        back["scope"]["categories"],
        json!(["availability", "privacy"])
    );
}

// ---------------------------------------------------------------------------------------------
// Property: any sequence of edits keeps the programme valid; a refusal changes nothing
// ---------------------------------------------------------------------------------------------

/// Cases of the edit-sequence property: about 200 keep it to a few seconds in a debug build.
const EDIT_CASES: u32 = 200;

static SAMPLE: LazyLock<Programme> = LazyLock::new(sample_programme);

#[derive(Debug, Clone)]
enum Edit {
    Organisation(String),
    System(String),
    IsoScope(String),
    Toggle(Category),
    Report(Report),
    Applicable(String, bool),
    Justification(String, String),
    AddControl(String),
    ControlName(String, String),
    ControlDescription(String, String),
    ControlOwner(String, String),
    ControlStatus(String, Status),
    ControlIso(String, Vec<String>),
    ControlTsc(String, Vec<String>),
    Residual(String, String, String),
    DeleteControl(String),
    Merge(String, String),
    AddEvidence(String, EvidenceKind, Cadence),
    EvidenceTitle(String, String),
    EvidenceKind(String, EvidenceKind),
    EvidenceOwner(String, String),
    EvidenceCadence(String, Cadence),
    EvidenceLocation(String, String),
    Collected(String, Vec<NaiveDate>),
    EvidencePeriod(String, Option<Period>),
    PeriodStart(String, Option<NaiveDate>),
    PeriodEnd(String, NaiveDate),
    Link(String, String),
    Unlink(String, String),
    DeleteEvidence(String),
    AddCuec(String),
    CuecDescription(String, String),
    CuecCriteria(String, Vec<String>),
    DeleteCuec(String),
    AddSubservice(String),
    AddFreshSubservice,
    RenameSubservice(String, String),
    SubserviceServices(String, String),
    SubserviceMethod(String, SubserviceMethod),
    SubserviceCsocs(String, Vec<String>),
    SubserviceCriteria(String, Vec<String>),
    DeleteSubservice(String),
    DescriptionNote(String, String),
}

/// Applies one edit; `Ok(Some(id))` for an edit that hands out a new id.
fn apply(p: &mut Programme, edit: &Edit) -> Result<Option<String>, EditError> {
    let none = |r: Result<(), EditError>| r.map(|()| None);
    match edit {
        Edit::Organisation(t) => {
            p.set_organisation(t);
            Ok(None)
        }
        Edit::System(t) => {
            p.set_system(t);
            Ok(None)
        }
        Edit::IsoScope(t) => {
            p.set_iso_scope(t);
            Ok(None)
        }
        Edit::Toggle(c) => {
            p.toggle_category(*c);
            Ok(None)
        }
        Edit::Report(r) => none(p.set_report(*r)),
        Edit::Applicable(c, a) => none(p.set_applicable(c, *a)),
        Edit::Justification(c, t) => none(p.set_justification(c, t)),
        Edit::AddControl(n) => p.add_control(n).map(Some),
        Edit::ControlName(id, t) => none(p.set_control_name(id, t)),
        Edit::ControlDescription(id, t) => none(p.set_control_description(id, t)),
        Edit::ControlOwner(id, t) => none(p.set_control_owner(id, t)),
        Edit::ControlStatus(id, s) => none(p.set_control_status(id, *s)),
        Edit::ControlIso(id, r) => none(p.set_control_iso(id, r.clone())),
        Edit::ControlTsc(id, r) => none(p.set_control_tsc(id, r.clone())),
        Edit::Residual(id, c, t) => none(p.set_residual_note(id, c, t)),
        Edit::DeleteControl(id) => none(p.delete_control(id)),
        Edit::Merge(k, a) => none(p.merge_controls(k, a)),
        Edit::AddEvidence(t, k, c) => p.add_evidence(t, *k, *c).map(Some),
        Edit::EvidenceTitle(id, t) => none(p.set_evidence_title(id, t)),
        Edit::EvidenceKind(id, k) => none(p.set_evidence_kind(id, *k)),
        Edit::EvidenceOwner(id, t) => none(p.set_evidence_owner(id, t)),
        Edit::EvidenceCadence(id, c) => none(p.set_evidence_cadence(id, *c)),
        Edit::EvidenceLocation(id, t) => none(p.set_evidence_location(id, t)),
        Edit::Collected(id, d) => none(p.set_collected(id, d.clone())),
        Edit::EvidencePeriod(id, period) => none(p.set_evidence_period(id, *period)),
        Edit::PeriodStart(id, d) => none(p.set_evidence_period_start(id, *d)),
        Edit::PeriodEnd(id, d) => none(p.set_evidence_period_end(id, Some(*d))),
        Edit::Link(e, c) => none(p.link_evidence(e, c)),
        Edit::Unlink(e, c) => none(p.unlink_evidence(e, c)),
        Edit::DeleteEvidence(id) => none(p.delete_evidence(id)),
        Edit::AddCuec(t) => p.add_cuec(t).map(Some),
        Edit::CuecDescription(id, t) => none(p.set_cuec_description(id, t)),
        Edit::CuecCriteria(id, r) => none(p.set_cuec_criteria(id, r.clone())),
        Edit::DeleteCuec(id) => none(p.delete_cuec(id)),
        Edit::AddSubservice(n) => none(p.add_subservice(n)),
        Edit::AddFreshSubservice => {
            let name = p.fresh_subservice_name();
            none(p.add_subservice(&name))
        }
        Edit::RenameSubservice(n, m) => none(p.rename_subservice(n, m)),
        Edit::SubserviceServices(n, t) => none(p.set_subservice_services(n, t)),
        Edit::SubserviceMethod(n, m) => none(p.set_subservice_method(n, *m)),
        Edit::SubserviceCsocs(n, c) => none(p.set_subservice_csocs(n, c.clone())),
        Edit::SubserviceCriteria(n, r) => none(p.set_subservice_criteria(n, r.clone())),
        Edit::DeleteSubservice(n) => none(p.delete_subservice(n)),
        Edit::DescriptionNote(s, t) => none(p.set_description_note(s, t)),
    }
}

fn pick(options: &'static [&'static str]) -> impl Strategy<Value = String> + Clone {
    select(options).prop_map(str::to_owned)
}

/// Mostly ids that exist (or that the edits hand out), sometimes ones that never will.
fn control_id() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        4 => pick(&["UC-001", "UC-002", "UC-006", "UC-015", "UC-078", "UC-079", "UC-080"]),
        1 => pick(&["UC-999", "uc-001", "UC-1", ""]),
    ]
}

fn evidence_id() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        4 => pick(&["EV-001", "EV-002", "EV-005", "EV-191", "EV-200", "EV-201", "EV-202"]),
        1 => pick(&["EV-999", "ev-001", ""]),
    ]
}

fn cuec_id() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        4 => pick(&["CUEC-01", "CUEC-02", "CUEC-04", "CUEC-05", "CUEC-06"]),
        1 => pick(&["CUEC-99", "CUEC-1", ""]),
    ]
}

/// A subservice organisation's name: the sample's, ones the edits add, the same in another
/// case or with spaces, and blanks.
fn subservice() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        4 => pick(&[AWS, "Okta", "Stripe", NEW_SUBSERVICE_NAME]),
        2 => pick(&["okta", " Okta ", "STRIPE", "Stripe Payments", "Okta Identity"]),
        1 => pick(&["New subservice organisation (2)", "", "  "]),
    ]
}

fn some_text() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        pick(&["", "  ", "\n", "<b>x</b>", "=SUM(A1)"]),
        "[a-zA-Z ]{1,12}",
    ]
}

/// Mostly ISO items, sometimes a criterion, a description criterion or nonsense.
fn iso_refs() -> impl Strategy<Value = Vec<String>> + Clone {
    prop::collection::vec(
        prop_oneof![
            6 => pick(&["A.5.1", "A.8.5", "A.5.15", "9.2.1", "4.1", "5.2"]),
            1 => pick(&["CC6.1", "DC1", "A.9.9", "x"]),
        ],
        0..4,
    )
}

/// Mostly criteria (the sample controls' own among them), sometimes anything else.
fn tsc_refs() -> impl Strategy<Value = Vec<String>> + Clone {
    prop::collection::vec(
        prop_oneof![
            6 => pick(&["CC1.2", "CC2.2", "CC3.1", "CC4.2", "CC6.1", "A1.2", "C1.1", "P1.1"]),
            1 => pick(&["A.5.1", "DC1", "CC9.9", "x"]),
        ],
        0..4,
    )
}

fn date() -> impl Strategy<Value = NaiveDate> + Clone {
    (0i64..800).prop_map(|d| day("2026-06-01") + chrono::Duration::days(d))
}

fn any_period() -> impl Strategy<Value = Period> + Clone {
    // Either end first: about one in four is out of order.
    (date(), -100i64..400).prop_map(|(start, days)| Period {
        start,
        end: start + chrono::Duration::days(days),
    })
}

fn edit() -> impl Strategy<Value = Edit> {
    let scope = prop_oneof![
        some_text().prop_map(Edit::Organisation),
        some_text().prop_map(Edit::System),
        some_text().prop_map(Edit::IsoScope),
        select(Category::ALL).prop_map(Edit::Toggle),
        prop_oneof![
            date().prop_map(|as_of| Report::Type1 { as_of }),
            any_period().prop_map(|period| Report::Type2 { period }),
        ]
        .prop_map(Edit::Report),
        (
            pick(&["A.5.1", "A.7.6", "A.8.34", "A.9.1", "CC6.1"]),
            any::<bool>()
        )
            .prop_map(|(c, a)| Edit::Applicable(c, a)),
        (pick(&["A.5.1", "A.7.6", "A.4.1"]), some_text())
            .prop_map(|(c, t)| Edit::Justification(c, t)),
    ];
    let controls = prop_oneof![
        some_text().prop_map(Edit::AddControl),
        (control_id(), some_text()).prop_map(|(id, t)| Edit::ControlName(id, t)),
        (control_id(), some_text()).prop_map(|(id, t)| Edit::ControlDescription(id, t)),
        (control_id(), some_text()).prop_map(|(id, t)| Edit::ControlOwner(id, t)),
        (control_id(), select(Status::ALL.to_vec())).prop_map(|(id, s)| Edit::ControlStatus(id, s)),
        (control_id(), iso_refs()).prop_map(|(id, r)| Edit::ControlIso(id, r)),
        (control_id(), tsc_refs()).prop_map(|(id, r)| Edit::ControlTsc(id, r)),
        (
            control_id(),
            pick(&["CC1.2", "CC4.2", "CC2.2", "CC3.1", "CC6.1", "A.5.1"]),
            some_text()
        )
            .prop_map(|(id, c, t)| Edit::Residual(id, c, t)),
        control_id().prop_map(Edit::DeleteControl),
        (control_id(), control_id()).prop_map(|(k, a)| Edit::Merge(k, a)),
    ];
    let evidence = prop_oneof![
        (
            some_text(),
            select(EvidenceKind::ALL.to_vec()),
            select(Cadence::ALL.to_vec())
        )
            .prop_map(|(t, k, c)| Edit::AddEvidence(t, k, c)),
        (evidence_id(), some_text()).prop_map(|(id, t)| Edit::EvidenceTitle(id, t)),
        (evidence_id(), select(EvidenceKind::ALL.to_vec()))
            .prop_map(|(id, k)| Edit::EvidenceKind(id, k)),
        (evidence_id(), some_text()).prop_map(|(id, t)| Edit::EvidenceOwner(id, t)),
        (evidence_id(), select(Cadence::ALL.to_vec()))
            .prop_map(|(id, c)| Edit::EvidenceCadence(id, c)),
        (evidence_id(), some_text()).prop_map(|(id, t)| Edit::EvidenceLocation(id, t)),
        (evidence_id(), prop::collection::vec(date(), 0..4))
            .prop_map(|(id, d)| Edit::Collected(id, d)),
        (evidence_id(), prop::option::of(any_period()))
            .prop_map(|(id, p)| Edit::EvidencePeriod(id, p)),
        (evidence_id(), prop::option::of(date())).prop_map(|(id, d)| Edit::PeriodStart(id, d)),
        (evidence_id(), date()).prop_map(|(id, d)| Edit::PeriodEnd(id, d)),
    ];
    let links = prop_oneof![
        (evidence_id(), control_id()).prop_map(|(e, c)| Edit::Link(e, c)),
        (evidence_id(), control_id()).prop_map(|(e, c)| Edit::Unlink(e, c)),
        evidence_id().prop_map(Edit::DeleteEvidence),
    ];
    let cuecs = prop_oneof![
        some_text().prop_map(Edit::AddCuec),
        (cuec_id(), some_text()).prop_map(|(id, t)| Edit::CuecDescription(id, t)),
        (cuec_id(), tsc_refs()).prop_map(|(id, r)| Edit::CuecCriteria(id, r)),
        cuec_id().prop_map(Edit::DeleteCuec),
    ];
    let registers = prop_oneof![
        subservice().prop_map(Edit::AddSubservice),
        Just(Edit::AddFreshSubservice),
        (subservice(), subservice()).prop_map(|(n, m)| Edit::RenameSubservice(n, m)),
        (subservice(), some_text()).prop_map(|(n, t)| Edit::SubserviceServices(n, t)),
        (subservice(), select(SubserviceMethod::ALL.to_vec()))
            .prop_map(|(n, m)| Edit::SubserviceMethod(n, m)),
        (subservice(), some_text()).prop_map(|(n, t)| Edit::SubserviceCsocs(n, lines(&t))),
        (subservice(), tsc_refs()).prop_map(|(n, r)| Edit::SubserviceCriteria(n, r)),
        subservice().prop_map(Edit::DeleteSubservice),
        (
            pick(&["DC1", "DC3", "DC9", "DC10", "dc2", "CC6.1"]),
            some_text()
        )
            .prop_map(|(s, t)| Edit::DescriptionNote(s, t)),
    ];
    prop_oneof![
        2 => scope,
        4 => controls,
        4 => evidence,
        2 => links,
        2 => cuecs,
        3 => registers,
    ]
}

fn all_ids(p: &Programme) -> HashSet<String> {
    p.controls
        .iter()
        .map(|c| c.id.clone())
        .chain(p.evidence.iter().map(|e| e.id.clone()))
        .chain(p.cuecs.iter().map(|c| c.id.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(EDIT_CASES))]

    #[test]
    fn any_sequence_of_edits_keeps_the_programme_valid_and_a_refusal_changes_nothing(
        edits in prop::collection::vec(edit(), 1..20)
    ) {
        let mut p = SAMPLE.clone();
        let mut handed_out = all_ids(&p);
        for edit in &edits {
            let before = p.clone();
            match apply(&mut p, edit) {
                Ok(new_id) => {
                    prop_assert_eq!(p.problems(catalogues()), vec![], "after {:?}", edit);
                    if let Some(id) = new_id {
                        prop_assert!(handed_out.insert(id.clone()), "{} was handed out twice", id);
                    }
                }
                Err(error) => {
                    prop_assert!(p == before, "refused {:?} ({}) but changed the programme", edit, error);
                    prop_assert!(!error.to_string().is_empty());
                }
            }
        }
        // What `import_json` adds to parsing is `problems()`, checked after every edit above;
        // parsing alone keeps the property a few seconds long in a debug build.
        let back: Programme = serde_json::from_str(&export_json(&p))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, p, "the edited programme reads back the same");
    }
}

#[test]
fn merging_a_missing_control_into_itself_says_the_control_is_missing() {
    let mut p = sample_programme();
    let (error, message) = unknown_control("UC-999");
    refuse(
        &mut p,
        |p| p.merge_controls("UC-999", "UC-999"),
        error,
        &message,
    );
}

#[test]
fn unlinking_a_control_that_does_not_exist_is_refused_as_linking_is() {
    let mut p = sample_programme();
    let (error, message) = unknown_control("UC-999");
    refuse(
        &mut p,
        |p| p.unlink_evidence("EV-001", "UC-999"),
        error,
        &message,
    );
}

#[test]
fn clearing_either_end_of_an_evidence_period_clears_the_period() {
    let mut p = sample_programme();
    let id = p
        .evidence
        .iter()
        .find(|e| e.period.is_some())
        .map(|e| e.id.clone())
        .expect("an item with a period");
    let mut q = p.clone();
    accept(&mut p, |p| p.set_evidence_period_end(&id, None));
    assert_eq!(p.evidence_item(&id).and_then(|e| e.period), None);
    accept(&mut q, |q| q.set_evidence_period_start(&id, None));
    assert_eq!(q.evidence_item(&id).and_then(|e| e.period), None);
}

#[test]
fn names_that_differ_only_in_case_are_the_same_name_beyond_ascii_too() {
    let mut p = sample_programme();
    accept(&mut p, |p| p.add_subservice("Ökta"));
    refuse(
        &mut p,
        |p| p.add_subservice("ökta "),
        EditError::DuplicateName("ökta".to_owned()),
        "a subservice organisation named \"ökta\" already exists",
    );
}

// ---------------------------------------------------------------------------------------------
// Statement of Applicability reasons (schema 4)
// ---------------------------------------------------------------------------------------------

#[test]
fn toggle_soa_reason_keeps_reasons_in_order_and_withdrawing_risk_treatment_drops_the_risk() {
    let mut p = sample_programme();
    accept(&mut p, |p| {
        p.toggle_soa_reason("A.5.2", SoaReason::RiskTreatment)
    });
    accept(&mut p, |p| {
        p.toggle_soa_reason("A.5.2", SoaReason::LegalOrRegulatory)
    });
    let decision = |p: &Programme| {
        p.applicability
            .iter()
            .find(|a| a.control == "A.5.2")
            .cloned()
            .expect("decided")
    };
    assert_eq!(
        decision(&p).reasons,
        [SoaReason::LegalOrRegulatory, SoaReason::RiskTreatment]
    );
    accept(&mut p, |p| p.set_risk_reference("A.5.2", "  R-07 "));
    assert_eq!(decision(&p).risk_reference.as_deref(), Some("R-07"));
    accept(&mut p, |p| {
        p.toggle_soa_reason("A.5.2", SoaReason::RiskTreatment)
    });
    assert_eq!(decision(&p).reasons, [SoaReason::LegalOrRegulatory]);
    assert_eq!(
        decision(&p).risk_reference,
        None,
        "the risk goes with the reason"
    );
}

#[test]
fn a_risk_reference_needs_risk_treatment_among_the_reasons() {
    let mut p = sample_programme();
    refuse(
        &mut p,
        |p| p.set_risk_reference("A.5.2", "R-07"),
        EditError::RiskWithoutRiskTreatment("A.5.2".to_owned()),
        "A.5.2: choose risk treatment as a reason before naming the risk it treats",
    );
    accept(&mut p, |p| p.set_risk_reference("A.5.2", " "));
}

#[test]
fn soa_reasons_refuse_what_is_not_an_annex_a_control() {
    let mut p = sample_programme();
    for control in ["A.5.99", "9.2.1", "CC6.1"] {
        refuse(
            &mut p,
            |p| p.toggle_soa_reason(control, SoaReason::Contractual),
            EditError::NotAnnexA(control.to_owned()),
            &format!("{control:?} is not an Annex A control"),
        );
        refuse(
            &mut p,
            |p| p.set_risk_reference(control, "R-1"),
            EditError::NotAnnexA(control.to_owned()),
            &format!("{control:?} is not an Annex A control"),
        );
    }
}

#[test]
fn a_v3_document_migrates_with_no_reason_invented() {
    let p = import_value(&v3_document()).expect("a version 3 document migrates");
    assert_eq!(p.schema_version, SCHEMA_VERSION);
    assert!(p
        .applicability
        .iter()
        .all(|a| a.reasons.is_empty() && a.risk_reference.is_none()));
    let mut expected = sample_programme();
    for decision in &mut expected.applicability {
        decision.reasons.clear();
        decision.risk_reference = None;
    }
    assert_eq!(p, expected, "nothing else changes");
}

#[test]
fn reasons_repeated_or_out_of_order_and_a_stray_risk_are_refused_on_import() {
    let sample: serde_json::Value =
        serde_json::from_str(&export_json(&sample_programme())).expect("JSON");
    for (reasons, risk, problem) in [
        (json!(["contractual", "contractual"]), json!(null), "applicability[1].reasons: lists a reason twice or out of order"),
        (json!(["risk-treatment", "contractual"]), json!(null), "applicability[1].reasons: lists a reason twice or out of order"),
        (json!(["contractual"]), json!("R-1"), "applicability[1].risk_reference: names a risk, but risk treatment is not among the reasons"),
        (json!(["risk-treatment"]), json!(" "), "applicability[1].risk_reference: is empty; leave it out instead"),
        (json!(["because"]), json!(null), "applicability[1].reasons[0]: unknown variant `because`"),
    ] {
        let mut doc = sample.clone();
        doc["applicability"][1]["reasons"] = reasons;
        doc["applicability"][1]["risk_reference"] = risk;
        let message = import_value(&doc).expect_err("refused").to_string();
        assert!(message.contains(problem), "{message}");
    }
}

#[test]
fn the_soa_and_the_applicability_export_carry_the_reasons() {
    let p = sample_programme();
    let soa = crosswalk::report::soa_table(&crosswalk::report::statement_of_applicability(
        &p,
        catalogues(),
    ))
    .to_csv();
    let mut reader = csv::Reader::from_reader(soa.as_bytes());
    let header = reader.headers().expect("header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let row = |control: &str| rows.iter().find(|r| &r[0] == control).expect(control);
    assert_eq!(
        &row("A.5.31")[column("reasons")],
        "legal-or-regulatory;contractual"
    );
    assert_eq!(&row("A.5.15")[column("reasons")], "risk-treatment");
    assert_eq!(&row("A.5.15")[column("risk_reference")], "R-01");
    assert_eq!(&row("A.5.2")[column("reasons")], "");
    let applicability = crosswalk::export::programme::applicability_table(&p).to_csv();
    assert!(applicability.starts_with("control,applicable,reasons,risk_reference,justification\n"));
    assert!(applicability.contains("A.5.15,true,risk-treatment,R-01,"));
}
