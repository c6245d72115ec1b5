//! Which framework first: the three orders planned side by side, the second framework's delta
//! checked against coverage computed directly, and a recommendation that follows the user's
//! inputs (a US deadline, an EU tender, no pressure).

use chrono::NaiveDate;
use crosswalk::catalog::catalogues;
use crosswalk::crosswalk::coverage::CoverageState;
use crosswalk::crosswalk::{crosswalk, Side, Verdict};
use crosswalk::plan::which_first::{which_first, Buyers, Deadline, Decision, WhichFirst};
use crosswalk::plan::FirstAudit;
use crosswalk::programme::coverage::coverage;
use crosswalk::programme::sample::sample_programme;
use crosswalk::programme::Status;

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

const START: &str = "2027-01-04";

fn compared(decision: Decision) -> WhichFirst {
    which_first(
        &sample_programme(),
        catalogues(),
        crosswalk(),
        Some(day(START)),
        &decision,
    )
    .expect("planned")
}

fn no_pressure(buyers: Buyers) -> Decision {
    Decision {
        buyers,
        deadline: None,
        type1_acceptable: false,
    }
}

#[test]
fn the_three_orders_are_planned_and_each_first_framework_delivers_first() {
    let found = compared(no_pressure(Buyers::Global));
    let orders: Vec<FirstAudit> = found.outcomes.iter().map(|o| o.order).collect();
    assert_eq!(
        orders,
        [FirstAudit::Iso, FirstAudit::Soc2, FirstAudit::Both]
    );
    let [iso_first, soc2_first, both] = [0, 1, 2].map(|i| &found.outcomes[i]);
    assert!(iso_first.iso_certificate < soc2_first.iso_certificate);
    assert!(soc2_first.soc2_report < iso_first.soc2_report);
    assert!(
        both.iso_certificate.max(both.soc2_report)
            <= iso_first.soc2_report.max(soc2_first.iso_certificate)
    );
    assert!(both.delta.is_none());
    assert!(
        !iso_first.shared_before_first_audit.is_empty(),
        "shared work comes before the first audit"
    );
}

#[test]
fn the_second_frameworks_delta_agrees_with_coverage_computed_directly() {
    let p = sample_programme();
    let found = compared(no_pressure(Buyers::Global));
    let delta = found.outcomes[0]
        .delta
        .as_ref()
        .expect("ISO first has a SOC 2 delta");
    assert_eq!(delta.framework, Side::Tsc);
    let soc2_only_open: Vec<String> = p
        .controls
        .iter()
        .filter(|c| c.iso.is_empty() && !c.tsc.is_empty())
        .filter(|c| matches!(c.status, Status::NotStarted | Status::InProgress))
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(delta.controls, soc2_only_open);
    let now = coverage(&p, catalogues(), crosswalk());
    for reference in &delta.requirements {
        let state = now
            .tsc
            .iter()
            .find(|r| &r.reference == reference)
            .expect("in scope")
            .state;
        assert_ne!(
            state,
            CoverageState::Covered,
            "{reference}: the first framework can only add coverage"
        );
    }
    for requirement in &now.tsc {
        let verdict = crosswalk()
            .verdict(&requirement.reference)
            .expect("verdict")
            .verdict;
        let shared = requirement
            .controls
            .iter()
            .any(|(id, _)| p.control(id).is_some_and(|c| !c.iso.is_empty()));
        if requirement.controls.is_empty() {
            assert!(
                delta.requirements.contains(&requirement.reference),
                "{} has no control",
                requirement.reference
            );
        }
        if shared && verdict == Verdict::Full {
            assert!(
                !delta.requirements.contains(&requirement.reference),
                "{} is carried by a shared control",
                requirement.reference
            );
        }
    }
    assert!(delta
        .artefacts
        .iter()
        .any(|a| a.starts_with("System description")));
    let iso_delta = found.outcomes[1]
        .delta
        .as_ref()
        .expect("SOC 2 first has an ISO delta");
    assert!(iso_delta
        .artefacts
        .iter()
        .any(|a| a.starts_with("Statement of Applicability")));
}

#[test]
fn a_us_deadline_for_a_soc2_report_recommends_soc2_first_with_the_dates() {
    let plain = compared(no_pressure(Buyers::Global));
    let (iso_first, soc2_first) = (&plain.outcomes[0], &plain.outcomes[1]);
    let by = soc2_first.soc2_report;
    assert!(by < iso_first.soc2_report);
    let found = compared(Decision {
        buyers: Buyers::MostlyUs,
        deadline: Some(Deadline {
            framework: Side::Tsc,
            by,
        }),
        type1_acceptable: false,
    });
    assert_eq!(found.recommended, FirstAudit::Soc2);
    let reasons = found.reasons.join(" ");
    assert!(
        reasons.contains(&format!("Customers need a SOC 2 report by {by}")),
        "{reasons}"
    );
    assert!(
        reasons.contains(&format!(
            "ISO/IEC 27001 first delivers it on {}",
            iso_first.soc2_report
        )),
        "{reasons}"
    );
    assert!(
        reasons.contains("Only SOC 2 first and both together meet the deadline"),
        "{reasons}"
    );
    assert!(reasons.contains("SOC 2 first spreads it out"), "{reasons}");
    assert_eq!(found.alternatives.len(), 2);
    assert!(found.alternatives[0]
        .starts_with("ISO/IEC 27001 first instead: the ISO/IEC 27001 certificate"));
}

#[test]
fn an_eu_tender_needing_a_certificate_recommends_iso_first() {
    let plain = compared(no_pressure(Buyers::Global));
    let by = plain.outcomes[0].iso_certificate;
    let found = compared(Decision {
        buyers: Buyers::MostlyUs,
        deadline: Some(Deadline {
            framework: Side::Iso,
            by,
        }),
        type1_acceptable: false,
    });
    assert_eq!(found.recommended, FirstAudit::Iso, "{:?}", found.reasons);
}

#[test]
fn without_a_deadline_the_buyers_decide() {
    assert_eq!(
        compared(no_pressure(Buyers::MostlyUs)).recommended,
        FirstAudit::Soc2
    );
    assert_eq!(
        compared(no_pressure(Buyers::MostlyEu)).recommended,
        FirstAudit::Iso
    );
    assert_eq!(
        compared(no_pressure(Buyers::Global)).recommended,
        FirstAudit::Both
    );
}

#[test]
fn a_deadline_no_order_meets_says_so_and_offers_a_type1_when_acceptable() {
    let found = compared(Decision {
        buyers: Buyers::MostlyUs,
        deadline: Some(Deadline {
            framework: Side::Tsc,
            by: day(START),
        }),
        type1_acceptable: true,
    });
    let reasons = found.reasons.join(" ");
    assert!(
        reasons.contains("No order meets it; SOC 2 first comes closest"),
        "{reasons}"
    );
    assert!(
        reasons.contains("A SOC 2 Type 1 report first would be issued on"),
        "{reasons}"
    );
    assert_eq!(found.recommended, FirstAudit::Soc2);
}
