//! The dual-programme planner: foundations first, shared controls in leverage-ordered waves,
//! framework-specific work, the audits in the chosen order, the delta for the second
//! framework, dependency soundness, input errors, determinism and the table export.

use chrono::{Months, NaiveDate};
use crosswalk::catalog::catalogues;
use crosswalk::plan::which_first::Decision;
use crosswalk::plan::{leverage, plan, FirstAudit, Phase, Plan, PlanError, PlanInputs, Track};
use crosswalk::programme::library::{library, start_from_library};
use crosswalk::programme::sample::sample_programme;
use crosswalk::programme::{Period, Programme, Report, Status, UnifiedControl};
use crosswalk::table::Cell;

const FOUNDATION_REFS: [&str; 6] = ["4.3", "5.2", "6.1.2", "6.1.3", "8.2", "A.5.1"];

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

fn inputs(first: FirstAudit, soc2_type2_months: Option<u8>) -> PlanInputs {
    PlanInputs {
        first,
        start: day("2027-01-04"),
        soc2_type2_months,
        decision: Decision::default(),
    }
}

/// A fresh programme: every library control not started, so there are many waves.
fn fresh() -> Programme {
    start_from_library(sample_programme().scope, library(), catalogues())
}

fn plan_of(programme: &Programme, inputs: &PlanInputs) -> Plan {
    plan(programme, inputs).expect("valid inputs plan")
}

/// Every first-audit choice with a Type 1 and with the shortest and longest Type 2 windows.
fn every_input() -> Vec<PlanInputs> {
    [FirstAudit::Iso, FirstAudit::Soc2, FirstAudit::Both]
        .into_iter()
        .flat_map(|first| [None, Some(3), Some(12)].map(|months| inputs(first, months)))
        .collect()
}

/// Every programme and input combination the rules are checked against.
fn every_plan() -> Vec<(Programme, PlanInputs, Plan)> {
    [fresh(), sample_programme()]
        .into_iter()
        .flat_map(|programme| {
            every_input().into_iter().map(move |inputs| {
                let plan = plan_of(&programme, &inputs);
                (programme.clone(), inputs, plan)
            })
        })
        .collect()
}

fn phase<'a>(plan: &'a Plan, id: &str) -> &'a Phase {
    plan.phase(id)
        .unwrap_or_else(|| panic!("no phase {id} in {:?}", ids(plan)))
}

fn ids(plan: &Plan) -> Vec<&str> {
    plan.phases.iter().map(|p| p.id.as_str()).collect()
}

fn waves(plan: &Plan) -> Vec<&Phase> {
    plan.phases
        .iter()
        .filter(|p| p.id.starts_with("shared-wave-"))
        .collect()
}

/// The unified control ids a phase works on, in listed order.
fn control_ids(phase: &Phase) -> Vec<&str> {
    phase
        .items
        .iter()
        .filter_map(|item| item.split_once(' ').map(|(id, _)| id))
        .filter(|id| id.starts_with("UC-"))
        .collect()
}

fn control<'a>(programme: &'a Programme, id: &str) -> &'a UnifiedControl {
    programme
        .control(id)
        .unwrap_or_else(|| panic!("{id} is not in the programme"))
}

fn is_open(control: &UnifiedControl) -> bool {
    matches!(control.status, Status::NotStarted | Status::InProgress)
}

fn is_shared(control: &UnifiedControl) -> bool {
    !control.iso.is_empty() && !control.tsc.is_empty()
}

fn lays_foundations(control: &UnifiedControl) -> bool {
    control
        .iso
        .iter()
        .any(|r| FOUNDATION_REFS.contains(&r.as_str()))
}

/// Whether `later` starts after `earlier` ends.
fn follows(later: &Phase, earlier: &Phase) -> bool {
    later.start > earlier.end
}

fn holds(phase: &Phase, item: &str) -> bool {
    phase.items.iter().any(|i| i == item)
}

fn days(phase: &Phase) -> i64 {
    (phase.end - phase.start).num_days() + 1
}

// Rule 1: foundations.

#[test]
fn foundations_come_first_on_the_shared_track_for_six_weeks_from_the_start() {
    for (_, inputs, plan) in every_plan() {
        let foundations = &plan.phases[0];
        assert_eq!(foundations.id, "foundations");
        assert_eq!(foundations.track, Track::Shared);
        assert_eq!(foundations.start, inputs.start);
        assert_eq!(days(foundations), 42);
        assert!(foundations.depends_on.is_empty());
        for other in &plan.phases[1..] {
            assert!(
                follows(other, foundations),
                "{} overlaps foundations",
                other.id
            );
        }
    }
}

#[test]
fn foundations_name_scope_risk_method_treatment_and_policies() {
    let plan = plan_of(&fresh(), &inputs(FirstAudit::Iso, None));
    let items = phase(&plan, "foundations").items.join("\n");
    for reference in ["(4.3)", "6.1.2", "8.2", "(6.1.3)", "5.2", "A.5.1"] {
        assert!(
            items.contains(reference),
            "{reference} missing from {items}"
        );
    }
    for topic in [
        "scope",
        "Risk assessment method",
        "Risk treatment",
        "policy",
    ] {
        assert!(items.contains(topic), "{topic} missing from {items}");
    }
}

#[test]
fn open_shared_controls_that_lay_foundations_are_done_in_foundations_and_not_again() {
    let programme = fresh();
    let plan = plan_of(&programme, &inputs(FirstAudit::Iso, None));
    let in_foundations = control_ids(phase(&plan, "foundations"));
    let expected: Vec<&str> = programme
        .controls
        .iter()
        .filter(|c| is_shared(c) && lays_foundations(c))
        .map(|c| c.id.as_str())
        .collect();
    assert!(!expected.is_empty(), "the library has foundation controls");
    for id in &expected {
        assert!(in_foundations.contains(id), "{id} not in foundations");
    }
    assert_eq!(in_foundations.len(), expected.len());
    for wave in waves(&plan) {
        for id in control_ids(wave) {
            assert!(!expected.contains(&id), "{id} is planned twice");
        }
    }
}

// Rule 2: shared waves.

#[test]
fn every_open_shared_control_is_in_exactly_one_wave_and_nothing_else_is() {
    for (programme, _, plan) in every_plan() {
        let planned: Vec<&str> = waves(&plan).into_iter().flat_map(control_ids).collect();
        let expected: Vec<&str> = programme
            .controls
            .iter()
            .filter(|c| is_open(c) && is_shared(c) && !lays_foundations(c))
            .map(|c| c.id.as_str())
            .collect();
        let mut sorted = planned.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), planned.len(), "a control is in two waves");
        for id in &expected {
            assert!(planned.contains(id), "{id} is in no wave");
        }
        assert_eq!(planned.len(), expected.len());
    }
}

#[test]
fn shared_waves_run_highest_leverage_first_with_ties_by_id() {
    let programme = fresh();
    let plan = plan_of(&programme, &inputs(FirstAudit::Both, None));
    let order: Vec<&UnifiedControl> = waves(&plan)
        .into_iter()
        .flat_map(control_ids)
        .map(|id| control(&programme, id))
        .collect();
    assert!(order.len() > 20, "enough controls to span several waves");
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        assert!(
            leverage(a) > leverage(b) || (leverage(a) == leverage(b) && a.id < b.id),
            "{} ({}) before {} ({})",
            a.id,
            leverage(a),
            b.id,
            leverage(b)
        );
    }
}

#[test]
fn shared_waves_hold_at_most_ten_controls_for_four_weeks_on_the_shared_track() {
    let plan = plan_of(&fresh(), &inputs(FirstAudit::Iso, Some(6)));
    let waves = waves(&plan);
    assert!(waves.len() >= 3);
    for (i, wave) in waves.iter().enumerate() {
        assert_eq!(wave.id, format!("shared-wave-{}", i + 1));
        assert_eq!(wave.track, Track::Shared);
        assert_eq!(days(wave), 28);
        let n = control_ids(wave).len();
        assert!((1..=10).contains(&n), "{} has {n} controls", wave.id);
    }
}

#[test]
fn wave_items_say_how_many_requirements_each_control_satisfies() {
    let programme = fresh();
    let plan = plan_of(&programme, &inputs(FirstAudit::Iso, None));
    let wave = phase(&plan, "shared-wave-1");
    let first = control(&programme, control_ids(wave)[0]);
    assert_eq!(
        wave.items[0],
        format!(
            "{} {} (satisfies {} requirements)",
            first.id,
            first.name,
            leverage(first)
        )
    );
}

#[test]
fn each_wave_depends_on_the_previous_and_the_first_on_foundations() {
    for (_, _, plan) in every_plan() {
        let mut previous = "foundations".to_owned();
        for wave in waves(&plan) {
            assert_eq!(wave.depends_on, [previous.clone()]);
            assert!(follows(wave, phase(&plan, &previous)));
            previous = wave.id.clone();
        }
    }
}

#[test]
fn implemented_or_operating_controls_need_no_work_anywhere() {
    let mut programme = fresh();
    for (i, c) in programme.controls.iter_mut().enumerate() {
        c.status = match i % 4 {
            0 => Status::Implemented,
            1 => Status::Operating,
            2 => Status::InProgress,
            _ => Status::NotStarted,
        };
    }
    for source in [programme, sample_programme()] {
        for inputs in every_input() {
            let plan = plan_of(&source, &inputs);
            for p in &plan.phases {
                for id in control_ids(p) {
                    assert!(
                        is_open(control(&source, id)),
                        "{id} is done but in {}",
                        p.id
                    );
                }
            }
        }
    }
}

#[test]
fn with_no_open_shared_control_specific_work_follows_foundations() {
    let mut programme = fresh();
    for c in &mut programme.controls {
        if is_shared(c) {
            c.status = Status::Operating;
        }
    }
    let plan = plan_of(&programme, &inputs(FirstAudit::Both, None));
    assert!(waves(&plan).is_empty());
    assert_eq!(phase(&plan, "iso-specific").depends_on, ["foundations"]);
    assert_eq!(phase(&plan, "soc2-specific").depends_on, ["foundations"]);
}

// Rule 3: framework-specific work.

/// The ids of the open controls that count only for one framework.
fn open_only(programme: &Programme, track: Track) -> Vec<&str> {
    programme
        .controls
        .iter()
        .filter(|c| is_open(c))
        .filter(|c| match track {
            Track::Iso => c.tsc.is_empty() && !c.iso.is_empty(),
            Track::Soc2 => c.iso.is_empty() && !c.tsc.is_empty(),
            Track::Shared => false,
        })
        .map(|c| c.id.as_str())
        .collect()
}

fn assert_specific_work(programme: &Programme, work: &Phase, track: Track) {
    assert_eq!(work.track, track);
    let mut planned = control_ids(work);
    planned.sort_unstable();
    let mut expected = open_only(programme, track);
    expected.sort_unstable();
    assert!(!expected.is_empty());
    assert_eq!(planned, expected, "{}", work.id);
    let artefacts: &[&str] = match track {
        Track::Iso => &[
            "Statement of Applicability (6.1.3 d)",
            "Internal audit (9.2)",
            "Management review (9.3)",
        ],
        _ => &[
            "System description (DC 200)",
            "Complementary user entity controls (CUECs) and subservice organisation review",
            "Management assertion",
        ],
    };
    for artefact in artefacts {
        assert!(holds(work, artefact), "{artefact} missing from {}", work.id);
    }
}

#[test]
fn iso_first_does_iso_only_controls_and_iso_artefacts_after_the_shared_waves() {
    let programme = fresh();
    let plan = plan_of(&programme, &inputs(FirstAudit::Iso, None));
    let work = phase(&plan, "iso-specific");
    assert_specific_work(&programme, work, Track::Iso);
    let last_wave = *waves(&plan).last().expect("waves");
    assert_eq!(work.depends_on, [last_wave.id.as_str()]);
    assert!(follows(work, last_wave));
    assert!(plan.phase("soc2-specific").is_none());
}

#[test]
fn soc2_first_does_soc2_only_controls_and_soc2_artefacts_after_the_shared_waves() {
    let programme = fresh();
    for months in [None, Some(6)] {
        let plan = plan_of(&programme, &inputs(FirstAudit::Soc2, months));
        let work = phase(&plan, "soc2-specific");
        assert_specific_work(&programme, work, Track::Soc2);
        let last_wave = *waves(&plan).last().expect("waves");
        assert_eq!(work.depends_on, [last_wave.id.as_str()]);
        assert!(follows(work, last_wave));
        assert!(plan.phase("iso-specific").is_none());
    }
}

// Rule 4: the audits.

#[test]
fn iso_stage_1_follows_iso_work_and_stage_2_starts_at_least_four_weeks_after_stage_1() {
    for (_, _, plan) in every_plan() {
        let stage_1 = phase(&plan, "iso-stage-1");
        let stage_2 = phase(&plan, "iso-stage-2");
        assert_eq!((stage_1.track, stage_2.track), (Track::Iso, Track::Iso));
        assert_eq!((days(stage_1), days(stage_2)), (14, 14));
        assert!((stage_2.start - stage_1.start).num_days() >= 28);
        assert!(stage_2.depends_on.contains(&stage_1.id));
        assert!(follows(stage_2, stage_1));
    }
}

#[test]
fn internal_audit_and_management_review_finish_before_iso_stage_2() {
    for (_, inputs, plan) in every_plan() {
        let stage_2 = phase(&plan, "iso-stage-2");
        for artefact in ["Internal audit (9.2)", "Management review (9.3)"] {
            let holder = plan
                .phases
                .iter()
                .find(|p| holds(p, artefact))
                .expect("the artefact is planned");
            let expected = if inputs.first == FirstAudit::Soc2 {
                "second-delta"
            } else {
                "iso-specific"
            };
            assert_eq!(holder.id, expected);
            assert!(stage_2.depends_on.contains(&holder.id), "{artefact}");
            assert!(follows(stage_2, holder), "{artefact}");
        }
    }
}

#[test]
fn soc2_type1_is_an_as_of_audit_right_after_the_soc2_work() {
    let programme = fresh();
    for (first, work_id) in [
        (FirstAudit::Soc2, "soc2-specific"),
        (FirstAudit::Both, "soc2-specific"),
        (FirstAudit::Iso, "second-delta"),
    ] {
        let plan = plan_of(&programme, &inputs(first, None));
        let work = phase(&plan, work_id);
        let audit = phase(&plan, "soc2-type1");
        assert_eq!(audit.track, Track::Soc2);
        assert_eq!(audit.depends_on, [work_id]);
        assert!(follows(audit, work));
        assert!(holds(
            audit,
            &format!("Design of controls as of {}", audit.start)
        ));
        assert!(plan.phase("soc2-window").is_none() && plan.phase("soc2-report").is_none());
    }
}

#[test]
fn type2_window_opens_only_after_every_phase_implementing_soc2_controls() {
    for (programme, inputs, plan) in every_plan() {
        let Some(window) = plan.phase("soc2-window") else {
            assert!(inputs.soc2_type2_months.is_none());
            continue;
        };
        assert!(plan.phase("soc2-type1").is_none());
        let implementing: Vec<&Phase> = plan
            .phases
            .iter()
            .filter(|p| {
                control_ids(p)
                    .into_iter()
                    .any(|id| !control(&programme, id).tsc.is_empty())
            })
            .collect();
        assert!(!implementing.is_empty());
        for p in implementing {
            assert!(follows(window, p), "window opens before {} ends", p.id);
        }
    }
}

#[test]
fn type2_window_lasts_the_chosen_months_and_the_report_follows_for_six_weeks() {
    for months in 3..=12 {
        let plan = plan_of(&fresh(), &inputs(FirstAudit::Soc2, Some(months)));
        let window = phase(&plan, "soc2-window");
        let report = phase(&plan, "soc2-report");
        let expected_end = window
            .start
            .checked_add_months(Months::new(months.into()))
            .and_then(|d| d.pred_opt())
            .expect("in range");
        assert_eq!(window.end, expected_end, "{months} months");
        assert_eq!(window.depends_on, ["soc2-specific"]);
        assert_eq!(report.depends_on, ["soc2-window"]);
        assert!(follows(report, window));
        assert_eq!(days(report), 42);
        assert_eq!((window.track, report.track), (Track::Soc2, Track::Soc2));
    }
}

// Rule 5: the delta for the second framework, or both at once.

#[test]
fn iso_first_then_the_soc2_delta_after_stage_2_then_the_soc2_audit() {
    let programme = fresh();
    for months in [None, Some(6)] {
        let plan = plan_of(&programme, &inputs(FirstAudit::Iso, months));
        let delta = phase(&plan, "second-delta");
        assert_specific_work(&programme, delta, Track::Soc2);
        assert_eq!(delta.depends_on, ["iso-stage-2"]);
        assert!(follows(delta, phase(&plan, "iso-stage-2")));
        let soc2_audit = if months.is_some() {
            "soc2-window"
        } else {
            "soc2-type1"
        };
        assert_eq!(phase(&plan, soc2_audit).depends_on, ["second-delta"]);
    }
}

#[test]
fn soc2_first_then_the_iso_delta_after_the_soc2_audit_then_both_iso_stages() {
    let programme = fresh();
    for (months, audited) in [(None, "soc2-type1"), (Some(6), "soc2-report")] {
        let plan = plan_of(&programme, &inputs(FirstAudit::Soc2, months));
        let delta = phase(&plan, "second-delta");
        assert_specific_work(&programme, delta, Track::Iso);
        assert_eq!(delta.depends_on, [audited]);
        assert!(follows(delta, phase(&plan, audited)));
        assert_eq!(phase(&plan, "iso-stage-1").depends_on, ["second-delta"]);
    }
}

#[test]
fn both_together_runs_the_specific_tracks_side_by_side_with_no_delta() {
    let programme = fresh();
    for months in [None, Some(6)] {
        let plan = plan_of(&programme, &inputs(FirstAudit::Both, months));
        let iso = phase(&plan, "iso-specific");
        let soc2 = phase(&plan, "soc2-specific");
        assert_specific_work(&programme, iso, Track::Iso);
        assert_specific_work(&programme, soc2, Track::Soc2);
        assert_eq!(iso.start, soc2.start);
        assert_eq!(iso.depends_on, soc2.depends_on);
        assert!(plan.phase("second-delta").is_none());
        assert_eq!(phase(&plan, "iso-stage-1").depends_on, ["iso-specific"]);
        let soc2_audit = if months.is_some() {
            "soc2-window"
        } else {
            "soc2-type1"
        };
        assert_eq!(phase(&plan, soc2_audit).depends_on, ["soc2-specific"]);
    }
}

#[test]
fn each_choice_plans_exactly_its_phases() {
    let programme = fresh();
    let cases: [(FirstAudit, Option<u8>, &[&str]); 4] = [
        (
            FirstAudit::Iso,
            None,
            &[
                "iso-specific",
                "iso-stage-1",
                "iso-stage-2",
                "second-delta",
                "soc2-type1",
            ],
        ),
        (
            FirstAudit::Soc2,
            Some(6),
            &[
                "soc2-specific",
                "soc2-window",
                "soc2-report",
                "second-delta",
                "iso-stage-1",
                "iso-stage-2",
            ],
        ),
        (
            FirstAudit::Both,
            None,
            &[
                "iso-specific",
                "soc2-specific",
                "soc2-type1",
                "iso-stage-1",
                "iso-stage-2",
            ],
        ),
        (
            FirstAudit::Both,
            Some(12),
            &[
                "iso-specific",
                "soc2-specific",
                "iso-stage-1",
                "iso-stage-2",
                "soc2-window",
                "soc2-report",
            ],
        ),
    ];
    for (first, months, expected) in cases {
        let plan = plan_of(&programme, &inputs(first, months));
        let mut after_waves: Vec<&str> = ids(&plan)
            .into_iter()
            .filter(|id| *id != "foundations" && !id.starts_with("shared-wave-"))
            .collect();
        let mut expected = expected.to_vec();
        after_waves.sort_unstable();
        expected.sort_unstable();
        assert_eq!(after_waves, expected, "{first:?} {months:?}");
    }
}

// Rule 6: dependencies and order.

#[test]
fn every_dependency_exists_and_ends_before_its_dependant_starts() {
    for (_, inputs, plan) in every_plan() {
        for p in &plan.phases {
            assert!(p.end >= p.start, "{} ends before it starts", p.id);
            for dependency in &p.depends_on {
                let before = plan
                    .phase(dependency)
                    .unwrap_or_else(|| panic!("{} depends on missing {dependency}", p.id));
                assert!(
                    follows(p, before),
                    "{} starts before {dependency} ends ({inputs:?})",
                    p.id
                );
            }
        }
    }
}

#[test]
fn phase_ids_are_unique() {
    for (_, _, plan) in every_plan() {
        let mut all = ids(&plan);
        all.sort_unstable();
        let count = all.len();
        all.dedup();
        assert_eq!(all.len(), count);
    }
}

#[test]
fn phases_are_listed_in_start_order_shared_then_iso_then_soc2_on_ties() {
    for (_, _, plan) in every_plan() {
        for pair in plan.phases.windows(2) {
            assert!(
                (pair[0].start, pair[0].track) <= (pair[1].start, pair[1].track),
                "{} listed before {}",
                pair[0].id,
                pair[1].id
            );
        }
    }
    let plan = plan_of(&fresh(), &inputs(FirstAudit::Both, None));
    let position = |id: &str| ids(&plan).iter().position(|p| *p == id);
    assert!(position("iso-specific") < position("soc2-specific"));
}

// Rule 7: input errors.

#[test]
fn a_type2_window_outside_three_to_twelve_months_is_refused_in_the_users_terms() {
    let programme = fresh();
    for months in [0, 1, 2, 13, 24, u8::MAX] {
        let error =
            plan(&programme, &inputs(FirstAudit::Soc2, Some(months))).expect_err("out of range");
        assert_eq!(error, PlanError::WindowLength(months));
        assert_eq!(
            error.to_string(),
            format!("a Type 2 observation window runs 3 to 12 months, not {months}")
        );
    }
    for months in [3, 12] {
        assert!(plan(&programme, &inputs(FirstAudit::Soc2, Some(months))).is_ok());
    }
}

#[test]
fn a_start_so_late_the_plan_leaves_the_calendar_is_refused_not_a_panic() {
    let late = PlanInputs {
        start: NaiveDate::MAX,
        ..inputs(FirstAudit::Iso, None)
    };
    assert_eq!(plan(&fresh(), &late), Err(PlanError::StartTooLate));
}

// Rule 8: determinism.

#[test]
fn the_same_inputs_give_the_same_plan() {
    for (programme, inputs, plan) in every_plan() {
        assert_eq!(plan_of(&programme, &inputs), plan);
        assert_eq!(
            plan_of(&programme, &inputs).to_table().to_json(),
            plan.to_table().to_json()
        );
    }
}

// Supporting API.

#[test]
fn leverage_counts_the_requirements_of_both_frameworks() {
    for c in &fresh().controls {
        assert_eq!(leverage(c), c.iso.len() + c.tsc.len());
    }
    let programme = sample_programme();
    let policy = control(&programme, "UC-001");
    assert_eq!(leverage(policy), 5);
}

#[test]
fn the_table_has_one_row_per_phase_with_lists_for_dependencies_and_items() {
    let plan = plan_of(&fresh(), &inputs(FirstAudit::Iso, Some(6)));
    let table = plan.to_table();
    assert_eq!(
        table.columns,
        ["id", "name", "track", "start", "end", "depends_on", "items"]
    );
    assert_eq!(table.rows.len(), plan.phases.len());
    let wave = &table.rows[1];
    assert_eq!(wave[0], Cell::from("shared-wave-1"));
    assert_eq!(wave[2], Cell::from("shared"));
    assert_eq!(wave[5], Cell::list(["foundations"]));
    assert!(matches!(&wave[6], Cell::List(items) if items.len() == 10));
    let csv = table.to_csv();
    assert!(csv.starts_with("id,name,track,start,end,depends_on,items\n"));
    let json: serde_json::Value = serde_json::from_str(&table.to_json()).expect("JSON");
    assert_eq!(json[0]["id"], "foundations");
    assert_eq!(json[0]["start"], "2027-01-04");
    assert_eq!(json[1]["depends_on"], serde_json::json!(["foundations"]));
}

#[test]
fn inputs_and_plans_serialise_with_kebab_case_ids() {
    let inputs = inputs(FirstAudit::Soc2, Some(6));
    let text = serde_json::to_string(&inputs).expect("serialises");
    assert!(text.contains("\"first\":\"soc2\""), "{text}");
    let back: PlanInputs = serde_json::from_str(&text).expect("parses");
    assert_eq!(back, inputs);
    let plan = serde_json::to_value(plan_of(&fresh(), &inputs)).expect("serialises");
    assert_eq!(plan["phases"][0]["track"], "shared");
}

#[test]
fn inputs_for_a_programme_take_the_window_from_its_type2_period_and_start_26_weeks_ahead() {
    let programme = sample_programme();
    let inputs = PlanInputs::for_programme(&programme, FirstAudit::Both, None);
    assert_eq!(inputs.first, FirstAudit::Both);
    assert_eq!(inputs.soc2_type2_months, Some(6));
    assert_eq!(inputs.start, day("2027-01-01") - chrono::Days::new(26 * 7));
    let given = PlanInputs::for_programme(&programme, FirstAudit::Iso, Some(day("2026-03-02")));
    assert_eq!(given.start, day("2026-03-02"));
}

#[test]
fn inputs_for_a_type1_programme_plan_a_type1_from_its_as_of_date() {
    let mut programme = sample_programme();
    programme.scope.report = Report::Type1 {
        as_of: day("2027-09-30"),
    };
    let inputs = PlanInputs::for_programme(&programme, FirstAudit::Soc2, None);
    assert_eq!(inputs.soc2_type2_months, None);
    assert_eq!(inputs.start, day("2027-09-30") - chrono::Days::new(26 * 7));
    assert!(plan_of(&programme, &inputs).phase("soc2-type1").is_some());
}

#[test]
fn a_programme_period_outside_three_to_twelve_months_is_refused_by_the_planner() {
    let mut programme = sample_programme();
    programme.scope.report = Report::Type2 {
        period: Period {
            start: day("2027-01-01"),
            end: day("2027-01-31"),
        },
    };
    let inputs = PlanInputs::for_programme(&programme, FirstAudit::Soc2, None);
    assert_eq!(plan(&programme, &inputs), Err(PlanError::WindowLength(1)));
}
