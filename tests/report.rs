//! The audit artefacts drawn from one programme: both audits cite the same evidence ids.

use crosswalk::catalog::catalogues;
use crosswalk::crosswalk::crosswalk;
use crosswalk::export::report::description_markdown;
use crosswalk::programme::sample::sample_programme;
use crosswalk::programme::{Cadence, Period, Report, Status};
use crosswalk::report::description::{management_assertion, system_description};
use crosswalk::report::{
    clause_readiness, evidence_requests_iso, evidence_requests_soc2, samples, soc2_matrix,
    statement_of_applicability,
};

#[test]
fn the_soa_lists_all_93_controls_with_decision_justification_status_and_evidence() {
    let p = sample_programme();
    let soa = statement_of_applicability(&p, catalogues());
    assert_eq!(soa.len(), 93);
    assert!(soa.iter().all(|r| !r.justification.is_empty()));
    let excluded: Vec<&str> = soa
        .iter()
        .filter(|r| !r.applicable)
        .map(|r| r.control.as_str())
        .collect();
    let expected: Vec<&str> = p
        .applicability
        .iter()
        .filter(|a| !a.applicable)
        .map(|a| a.control.as_str())
        .collect();
    assert_eq!(excluded, expected);
    let a515 = soa.iter().find(|r| r.control == "A.5.15").expect("A.5.15");
    assert!(!a515.controls.is_empty() && !a515.evidence.is_empty());
    let weakest = a515
        .controls
        .iter()
        .map(|id| p.control(id).expect("exists").status)
        .min();
    assert_eq!(
        a515.status, weakest,
        "status is the weakest implementing control's"
    );
}

#[test]
fn clause_readiness_flags_internal_audit_and_management_review_before_stage_2() {
    let mut p = sample_programme();
    let rows = clause_readiness(&p, catalogues());
    assert_eq!(rows.len(), 30);
    let flagged: Vec<&str> = rows
        .iter()
        .filter(|r| r.before_stage_2)
        .map(|r| r.clause.as_str())
        .collect();
    assert_eq!(flagged, ["9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3"]);
    let soa_clause = rows.iter().find(|r| r.clause == "6.1.3").expect("6.1.3");
    assert!(soa_clause
        .documented_information
        .iter()
        .any(|d| d.contains("Statement of Applicability")));
    // Without evidence, the readiness view says what to collect.
    p.evidence.clear();
    let bare = clause_readiness(&p, catalogues());
    let audit = bare.iter().find(|r| r.clause == "9.2.2").expect("9.2.2");
    assert!(
        audit
            .missing
            .as_deref()
            .is_some_and(|m| m.starts_with("No current evidence: collect")),
        "{:?}",
        audit.missing
    );
}

#[test]
fn the_soc2_matrix_describes_controls_as_tests_with_evidence() {
    let p = sample_programme();
    let matrix = soc2_matrix(&p, catalogues(), crosswalk());
    assert_eq!(
        matrix.len(),
        p.scope.categories.criteria(catalogues()).count()
    );
    let cc61 = matrix
        .iter()
        .find(|r| r.criterion == "CC6.1")
        .expect("CC6.1");
    assert!(!cc61.controls.is_empty());
    assert!(cc61
        .controls
        .iter()
        .any(|t| t.test.starts_with("Inquire of") && t.test.contains("EV-")));
}

#[test]
fn evidence_requests_cite_one_evidence_id_in_both_audits() {
    let p = sample_programme();
    let iso = evidence_requests_iso(&p, catalogues());
    let soc2 = evidence_requests_soc2(&p, catalogues());
    assert!(!iso.is_empty() && !soc2.is_empty());
    let shared: Vec<&str> = iso
        .iter()
        .map(|r| r.evidence.as_str())
        .filter(|id| soc2.iter().any(|s| s.evidence == *id))
        .collect();
    assert!(
        !shared.is_empty(),
        "the same evidence item appears in both lists with its one id"
    );
    for request in &soc2 {
        let item = p.evidence_item(&request.evidence).expect("exists");
        assert_eq!(request.title, item.title);
        assert_eq!(request.owner, item.owner);
    }
    let excluded: Vec<&str> = p
        .applicability
        .iter()
        .filter(|a| !a.applicable)
        .map(|a| a.control.as_str())
        .collect();
    assert!(iso
        .iter()
        .all(|r| !excluded.contains(&r.requirement.as_str())));
}

#[test]
fn type_2_samples_follow_cadence_and_period() {
    let day = |t: &str| t.parse().expect("date");
    let six_months = Report::Type2 {
        period: Period {
            start: day("2027-01-01"),
            end: day("2027-06-30"),
        },
    };
    let three_months = Report::Type2 {
        period: Period {
            start: day("2027-01-01"),
            end: day("2027-03-31"),
        },
    };
    let type1 = Report::Type1 {
        as_of: day("2027-03-31"),
    };
    assert_eq!(samples(Cadence::Quarterly, &six_months), "2");
    assert_eq!(samples(Cadence::Quarterly, &three_months), "1");
    assert_eq!(
        samples(Cadence::PerEvent, &six_months),
        "up to 25, or every occurrence if fewer"
    );
    assert!(samples(Cadence::Monthly, &type1).starts_with("1 (design walkthrough"));
}

#[test]
fn the_system_description_prefills_what_the_programme_knows_and_prompts_for_the_rest() {
    let p = sample_programme();
    let sections = system_description(&p, catalogues(), crosswalk());
    assert_eq!(sections.len(), 9);
    let section = |r: &str| sections.iter().find(|s| s.reference == r).expect("section");
    assert!(section("DC1").user_text.is_some() && section("DC1").prompts.is_empty());
    assert!(section("DC6")
        .prefilled
        .iter()
        .any(|l| l.starts_with("CUEC-01")));
    assert!(section("DC7")
        .prefilled
        .iter()
        .any(|l| l.contains("carve-out")));
    assert!(section("DC5")
        .prefilled
        .iter()
        .any(|l| l.starts_with("CC6.1")));
    assert!(
        !section("DC9").prompts.is_empty(),
        "changes during the period are for the user to write"
    );
    let markdown = description_markdown(&p, &sections);
    assert!(markdown.starts_with("# System Description:"));
    assert!(markdown.contains("\n## DC7 "));
}

#[test]
fn the_assertion_checklist_follows_the_report_type() {
    let mut p = sample_programme();
    let items = management_assertion(&p, catalogues(), crosswalk());
    assert!(items
        .iter()
        .any(|i| i.statement.contains("operated effectively")));
    let not_operating = items
        .iter()
        .find(|i| i.statement.contains("operated effectively"))
        .expect("type 2 item");
    let any_not_operating = p
        .controls
        .iter()
        .any(|c| c.status != Status::Operating && !c.tsc.is_empty());
    assert_eq!(not_operating.ready, !any_not_operating);
    p.scope.report = Report::Type1 {
        as_of: "2027-03-31".parse().expect("date"),
    };
    let type1 = management_assertion(&p, catalogues(), crosswalk());
    assert!(type1
        .iter()
        .all(|i| !i.statement.contains("operated effectively")));
    assert!(type1
        .iter()
        .any(|i| i.statement.contains("were implemented as of 2027-03-31")));
}
