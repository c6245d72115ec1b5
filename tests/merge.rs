//! Comparing and merging programme versions: the diff names every change field by field with
//! the coverage change, and the three-way merge takes separate edits cleanly, keeps ours and
//! records a conflict when both sides changed a field differently, and always yields a valid
//! programme.

use crosswalk::catalog::catalogues;
use crosswalk::crosswalk::crosswalk;
use crosswalk::programme::diff::{diff, ChangeKind};
use crosswalk::programme::edit::Resolution;
use crosswalk::programme::merge::{common_snapshot, merge, take_theirs};
use crosswalk::programme::records::Register;
use crosswalk::programme::sample::sample_programme;
use crosswalk::programme::{export_json, import_json, Cadence, EvidenceKind, Programme, Status};
use serde_json::json;

fn edited(edit: impl FnOnce(&mut Programme)) -> Programme {
    let mut programme = sample_programme();
    edit(&mut programme);
    programme
}

fn assert_valid(programme: &Programme) {
    assert_eq!(programme.problems(catalogues()), Vec::new());
    let reread = import_json(export_json(programme).as_bytes()).expect("reads back");
    assert_eq!(&reread, programme);
}

#[test]
fn a_programme_compared_with_itself_has_no_change() {
    let p = sample_programme();
    let found = diff(&p, &p, catalogues(), crosswalk());
    assert!(found.is_empty());
    assert!(found
        .coverage
        .iter()
        .all(|c| c.old == c.new && c.moved.is_empty()));
}

#[test]
fn the_diff_names_added_removed_and_changed_items_field_by_field_with_the_coverage_change() {
    let old = sample_programme();
    let new = edited(|p| {
        p.set_control_owner("UC-001", "Chief of Staff")
            .expect("owner");
        let id = p
            .add_evidence("Board minutes", EvidenceKind::Record, Cadence::Quarterly)
            .expect("add");
        assert_eq!(id, format!("EV-{:03}", old.next_evidence));
        p.delete_evidence("EV-001").expect("delete");
        p.set_applicable("A.7.6", true).expect("applicable");
        for control in p.controls.clone() {
            p.set_control_status(&control.id, Status::NotStarted)
                .expect("status");
        }
    });
    let found = diff(&old, &new, catalogues(), crosswalk());
    let change = |register: Register, key: &str| {
        found
            .changes
            .iter()
            .find(|c| c.register == register && c.key == key)
            .unwrap_or_else(|| panic!("{key} changed"))
    };
    let owner = change(Register::Controls, "UC-001");
    assert_eq!(owner.kind, ChangeKind::Changed);
    let field = owner
        .fields
        .iter()
        .find(|f| f.field == "owner")
        .expect("owner field");
    assert_eq!(field.new, "Chief of Staff");
    assert_eq!(
        change(Register::Evidence, "EV-001").kind,
        ChangeKind::Removed
    );
    let added = format!("EV-{:03}", old.next_evidence);
    let added = change(Register::Evidence, &added);
    assert_eq!(added.kind, ChangeKind::Added);
    assert!(added
        .fields
        .iter()
        .any(|f| f.field == "title" && f.new == "Board minutes"));
    let decision = change(Register::Applicability, "A.7.6");
    assert!(decision
        .fields
        .iter()
        .any(|f| f.field == "applicable" && f.old == "false" && f.new == "true"));
    let restatused = old
        .controls
        .iter()
        .filter(|c| c.status != Status::NotStarted || c.id == "UC-001")
        .count();
    assert_eq!(found.counts(), (1, 1, 1 + restatused));
    let iso = &found.coverage[0];
    assert!(
        iso.old.0 > iso.new.0,
        "nothing is covered once every control is not started"
    );
    assert!(iso
        .moved
        .iter()
        .any(|(r, _, new)| r == "A.7.6" && new.is_some()));
}

#[test]
fn merging_a_programme_with_itself_is_the_identity() {
    let p = sample_programme();
    let merged = merge(&p, &p, &p);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.programme, p);
}

#[test]
fn separate_edits_merge_cleanly() {
    let base = sample_programme();
    let ours = edited(|p| {
        p.set_control_name("UC-001", "Policy set").expect("name");
        p.add_control("Ours: tabletop exercise").expect("add");
    });
    let theirs = edited(|p| {
        p.set_evidence_location("EV-001", "SharePoint > Policies")
            .expect("location");
        p.set_control_owner("UC-001", "CISO").expect("owner");
        p.delete_evidence("EV-002").expect("delete");
    });
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let p = &merged.programme;
    assert_valid(p);
    let control = p.control("UC-001").expect("UC-001");
    assert_eq!(
        (control.name.as_str(), control.owner.as_str()),
        ("Policy set", "CISO")
    );
    assert_eq!(
        p.evidence_item("EV-001").expect("EV-001").location,
        "SharePoint > Policies"
    );
    assert!(p.evidence_item("EV-002").is_none());
    assert!(p
        .controls
        .iter()
        .any(|c| c.name == "Ours: tabletop exercise"));
}

#[test]
fn the_same_field_changed_differently_keeps_ours_and_records_the_conflict() {
    let base = sample_programme();
    let ours = edited(|p| p.set_control_owner("UC-001", "Deputy CISO").expect("owner"));
    let theirs = edited(|p| p.set_control_owner("UC-001", "CTO").expect("owner"));
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1);
    let conflict = &merged.conflicts[0];
    assert_eq!(
        (
            conflict.register.as_str(),
            conflict.key.as_str(),
            conflict.field.as_str()
        ),
        ("controls", "UC-001", "owner")
    );
    assert_eq!(
        (&conflict.ours, &conflict.theirs),
        (&json!("Deputy CISO"), &json!("CTO"))
    );
    assert_eq!(
        merged.programme.control("UC-001").expect("kept").owner,
        "Deputy CISO"
    );
    assert_eq!(merged.programme.merge_conflicts, merged.conflicts);
    assert_valid(&merged.programme);
}

#[test]
fn refs_added_on_both_sides_are_both_kept() {
    let base = sample_programme();
    let control = base.control("UC-001").expect("UC-001").clone();
    let with = |extra: &str| {
        let mut iso = control.iso.clone();
        iso.push(extra.to_owned());
        edited(|p| p.set_control_iso("UC-001", iso).expect("iso"))
    };
    let merged = merge(&base, &with("A.8.34"), &with("A.7.14"));
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let iso = &merged.programme.control("UC-001").expect("UC-001").iso;
    assert!(
        iso.contains(&"A.8.34".to_owned()) && iso.contains(&"A.7.14".to_owned()),
        "{iso:?}"
    );
}

#[test]
fn controls_both_sides_added_under_the_same_id_both_survive_and_their_evidence_follows() {
    let base = sample_programme();
    let ours = edited(|p| {
        p.add_control("Ours: vulnerability disclosure")
            .expect("add");
    });
    let mut their_control = String::new();
    let theirs = edited(|p| {
        their_control = p.add_control("Theirs: bug bounty").expect("add");
        let evidence = p
            .add_evidence("Bounty reports", EvidenceKind::Report, Cadence::Monthly)
            .expect("add");
        p.link_evidence(&evidence, &their_control).expect("link");
    });
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(merged.renumbered.len(), 1);
    let (register, old, new) = &merged.renumbered[0];
    assert_eq!((*register, old), (Register::Controls, &their_control));
    let p = &merged.programme;
    assert_valid(p);
    assert_eq!(
        p.control(old).expect("ours keeps the id").name,
        "Ours: vulnerability disclosure"
    );
    assert_eq!(
        p.control(new).expect("theirs renumbered").name,
        "Theirs: bug bounty"
    );
    let evidence = p
        .evidence
        .iter()
        .find(|e| e.title == "Bounty reports")
        .expect("evidence");
    assert_eq!(evidence.controls, vec![new.clone()]);
}

#[test]
fn an_item_one_side_removed_and_the_other_changed_is_a_conflict_and_ours_stands() {
    let base = sample_programme();
    let ours = edited(|p| p.set_control_owner("UC-002", "COO").expect("owner"));
    let theirs = edited(|p| p.delete_control("UC-002").expect("delete"));
    let merged = merge(&base, &ours, &theirs);
    assert!(merged
        .conflicts
        .iter()
        .any(|c| c.key == "UC-002" && c.field.is_empty() && c.theirs.is_null()));
    assert_eq!(
        merged.programme.control("UC-002").expect("ours kept").owner,
        "COO"
    );
    assert_valid(&merged.programme);

    let merged = merge(&base, &theirs, &ours);
    assert!(
        merged.programme.control("UC-002").is_none(),
        "our removal stands"
    );
    assert!(merged
        .conflicts
        .iter()
        .any(|c| c.key == "UC-002" && c.ours.is_null()));
    assert_valid(&merged.programme);
}

#[test]
fn evidence_citing_a_control_the_other_side_removed_loses_the_link_and_says_so() {
    let base = sample_programme();
    let ours = edited(|p| p.delete_control("UC-003").expect("delete"));
    let theirs = edited(|p| {
        let evidence = p
            .add_evidence(
                "New register export",
                EvidenceKind::Record,
                Cadence::Annually,
            )
            .expect("add");
        p.link_evidence(&evidence, "UC-003").expect("link");
    });
    let merged = merge(&base, &ours, &theirs);
    assert_valid(&merged.programme);
    let evidence = merged
        .programme
        .evidence
        .iter()
        .find(|e| e.title == "New register export")
        .expect("their evidence arrives");
    assert!(evidence.controls.is_empty());
    assert!(merged
        .conflicts
        .iter()
        .any(|c| c.key == evidence.id && c.field == "controls"));
}

#[test]
fn a_conflict_is_settled_by_keeping_ours_or_taking_theirs() {
    let base = sample_programme();
    let ours = edited(|p| p.set_control_owner("UC-001", "Deputy CISO").expect("owner"));
    let theirs = edited(|p| p.set_control_owner("UC-001", "CTO").expect("owner"));
    let conflicted = merge(&base, &ours, &theirs).programme;

    let mut kept = conflicted.clone();
    kept.resolve_conflict(0, Resolution::KeepOurs)
        .expect("settled");
    assert!(kept.merge_conflicts.is_empty());
    assert_eq!(kept.control("UC-001").expect("UC-001").owner, "Deputy CISO");

    let mut taken = conflicted.clone();
    taken
        .resolve_conflict(0, Resolution::TakeTheirs)
        .expect("settled");
    assert!(taken.merge_conflicts.is_empty());
    assert_eq!(taken.control("UC-001").expect("UC-001").owner, "CTO");
    assert_valid(&taken);

    let mut unchanged = conflicted.clone();
    assert!(unchanged.resolve_conflict(5, Resolution::KeepOurs).is_err());
    assert_eq!(unchanged, conflicted);
}

#[test]
fn taking_their_removal_of_a_control_also_removes_its_evidence_links() {
    let base = sample_programme();
    let linked = base
        .evidence
        .iter()
        .find(|e| e.controls.contains(&"UC-002".to_owned()))
        .map(|e| e.id.clone())
        .expect("evidence citing UC-002");
    let ours = edited(|p| p.set_control_owner("UC-002", "COO").expect("owner"));
    let theirs = edited(|p| p.delete_control("UC-002").expect("delete"));
    let mut merged = merge(&base, &ours, &theirs).programme;
    let index = merged
        .merge_conflicts
        .iter()
        .position(|c| c.key == "UC-002")
        .expect("conflict");
    merged
        .resolve_conflict(index, Resolution::TakeTheirs)
        .expect("settled");
    assert!(merged.control("UC-002").is_none());
    let evidence = merged.evidence_item(&linked).expect("evidence stays");
    assert!(!evidence.controls.contains(&"UC-002".to_owned()));
    assert_valid(&merged);
}

#[test]
fn snapshots_freeze_the_programme_travel_in_the_file_and_survive_a_merge() {
    let day = |text: &str| text.parse::<chrono::NaiveDate>().expect("date");
    let mut p = sample_programme();
    p.take_snapshot("ISO stage 2", day("2027-03-01"))
        .expect("snapshot");
    assert!(
        p.take_snapshot(" iso STAGE 2 ", day("2027-03-02")).is_err(),
        "names are unique"
    );
    assert!(p.take_snapshot("  ", day("2027-03-02")).is_err());
    p.set_control_owner("UC-001", "New owner").expect("owner");
    let frozen = p.snapshot("ISO stage 2").expect("kept");
    assert_ne!(
        frozen.programme.control("UC-001").expect("UC-001").owner,
        "New owner"
    );
    assert!(frozen.programme.snapshots.is_empty());
    assert_valid(&p);

    let base = sample_programme();
    let mut theirs = sample_programme();
    theirs
        .take_snapshot("SOC 2 period 1", day("2027-07-01"))
        .expect("snapshot");
    let merged = merge(&base, &p, &theirs).programme;
    let names: Vec<&str> = merged.snapshots.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["ISO stage 2", "SOC 2 period 1"]);
    assert_valid(&merged);

    p.delete_snapshot("iso stage 2").expect("deleted");
    assert!(p.snapshots.is_empty());
    assert!(p.delete_snapshot("ISO stage 2").is_err());
}

#[test]
fn the_next_period_freezes_the_one_ending_and_moves_the_report_dates() {
    let day = |text: &str| text.parse::<chrono::NaiveDate>().expect("date");
    let mut p = sample_programme();
    let before = p.clone();
    let next =
        crosswalk::programme::Report::type2(day("2027-07-01"), day("2027-12-31")).expect("dates");
    let (name, no_longer) = p
        .start_next_period(next, day("2027-07-01"))
        .expect("next period");
    assert_eq!(name, "SOC 2 period 2027-01-01 to 2027-06-30");
    assert_eq!(p.scope.report, next);
    assert_eq!(p.controls, before.controls);
    assert_eq!(
        p.evidence, before.evidence,
        "evidence is kept; only its currency changes"
    );
    let frozen = &p.snapshot(&name).expect("snapshot").programme;
    assert_eq!(frozen.scope.report, before.scope.report);
    let (old, new) = (before.scope.report.window(), next.window());
    let counted = before
        .evidence
        .iter()
        .filter(|e| e.is_current(&old) && !e.is_current(&new))
        .count();
    assert!(no_longer > 0);
    assert_eq!(no_longer, counted);
    let standing: Vec<_> = p
        .evidence
        .iter()
        .filter(|e| e.cadence == Cadence::Once && !e.collected.is_empty())
        .collect();
    assert!(!standing.is_empty());
    assert!(
        standing.iter().all(|e| e.is_current(&new)),
        "a standing document collected once still counts in the new period"
    );
    assert_valid(&p);
    let bad = crosswalk::programme::Report::Type2 {
        period: crosswalk::programme::Period {
            start: day("2027-07-01"),
            end: day("2027-07-10"),
        },
    };
    let unchanged = p.clone();
    assert!(p.start_next_period(bad, day("2027-07-01")).is_err());
    assert_eq!(p, unchanged);
}

#[test]
fn two_files_that_share_a_snapshot_merge_three_way_from_it() {
    let day = |text: &str| text.parse::<chrono::NaiveDate>().expect("date");
    let mut shared = sample_programme();
    shared
        .take_snapshot("ISO stage 2", day("2027-03-01"))
        .expect("snapshot");
    let mut ours = shared.clone();
    ours.set_control_owner("UC-001", "Deputy CISO")
        .expect("owner");
    let mut theirs = shared.clone();
    theirs
        .set_evidence_location("EV-001", "SharePoint")
        .expect("location");
    theirs
        .take_snapshot("Their own", day("2027-03-02"))
        .expect("snapshot");
    let base = common_snapshot(&ours, &theirs).expect("the shared snapshot");
    assert_eq!(base.name, "ISO stage 2");
    let merged = merge(&base.programme, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(
        merged.programme.control("UC-001").expect("UC-001").owner,
        "Deputy CISO"
    );
    assert_eq!(
        merged
            .programme
            .evidence_item("EV-001")
            .expect("EV-001")
            .location,
        "SharePoint"
    );
    assert!(common_snapshot(&sample_programme(), &theirs).is_none());
}

#[test]
fn without_a_common_snapshot_the_chosen_differences_are_taken_from_their_file() {
    let ours = edited(|p| {
        p.set_control_owner("UC-001", "Deputy CISO").expect("owner");
        p.set_control_owner("UC-002", "COO").expect("owner");
    });
    let mut added = String::new();
    let theirs = edited(|p| {
        p.set_control_owner("UC-001", "CTO").expect("owner");
        p.set_control_owner("UC-002", "CFO").expect("owner");
        added = p.add_control("Their new control").expect("add");
        p.delete_evidence("EV-003").expect("delete");
    });
    let differences = diff(&ours, &theirs, catalogues(), crosswalk());
    assert_eq!(differences.counts(), (1, 1, 2));
    let chosen = vec![
        (Register::Controls, "UC-002".to_owned()),
        (Register::Controls, added.clone()),
        (Register::Evidence, "EV-003".to_owned()),
    ];
    let merged = take_theirs(&ours, &theirs, &chosen);
    let p = &merged.programme;
    assert_valid(p);
    assert_eq!(
        p.control("UC-001").expect("UC-001").owner,
        "Deputy CISO",
        "not chosen: ours"
    );
    assert_eq!(p.control("UC-002").expect("UC-002").owner, "CFO");
    assert_eq!(p.control(&added).expect("added").name, "Their new control");
    assert!(p.evidence_item("EV-003").is_none());
    assert!(
        take_theirs(&ours, &theirs, &[]).programme == ours,
        "nothing chosen, nothing changes"
    );
}
