//! `crosswalk merge` as git's merge driver, through a real `git merge` of two branches that
//! edited one programme file: separate edits merge cleanly, a field changed differently on both
//! branches stops the merge with the conflict named, and the file stays a valid programme.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crosswalk::programme::sample::sample_programme;
use crosswalk::programme::{export_json, import_json, Programme, Status};

/// A fresh repository whose `programme.json` merges with `crosswalk merge`, as the README sets
/// it up, holding the sample programme on `main`.
fn repository(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-git-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["config", "user.name", "Crosswalk tests"]);
    git(&dir, &["config", "user.email", "tests@crosswalk.invalid"]);
    let driver = format!("{} merge %O %A %B", env!("CARGO_BIN_EXE_crosswalk"));
    git(&dir, &["config", "merge.crosswalk.driver", &driver]);
    git(
        &dir,
        &[
            "config",
            "merge.crosswalk.name",
            "Crosswalk programme merge",
        ],
    );
    std::fs::write(
        dir.join(".gitattributes"),
        "programme.json merge=crosswalk\n",
    )
    .expect("write");
    write(&dir, &sample_programme());
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "programme"]);
    dir
}

fn run_git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs")
}

fn git(dir: &Path, args: &[&str]) {
    let output = run_git(dir, args);
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn write(dir: &Path, programme: &Programme) {
    std::fs::write(dir.join("programme.json"), export_json(programme)).expect("write");
}

fn read(dir: &Path) -> Programme {
    let bytes = std::fs::read(dir.join("programme.json")).expect("read");
    import_json(&bytes).expect("the merged file is a valid programme")
}

/// Commits an edit of the programme on a branch (created from `main` when new).
fn commit_on(dir: &Path, branch: &str, edit: impl FnOnce(&mut Programme)) {
    if branch != "main" {
        git(dir, &["checkout", "-q", "-b", branch, "main"]);
    } else {
        git(dir, &["checkout", "-q", "main"]);
    }
    let mut programme = read(dir);
    edit(&mut programme);
    write(dir, &programme);
    git(dir, &["commit", "-q", "-am", branch]);
}

// Each branch edits a neighbouring line of the same control and adds a control of its own under
// the same new id: a line-based merge would stop on both, the driver merges them.
#[test]
fn separate_edits_on_two_branches_merge_cleanly_through_git() {
    let dir = repository("clean");
    commit_on(&dir, "engineer", |p| {
        p.set_control_status("UC-001", Status::InProgress)
            .expect("status");
        p.add_control("Bug bounty").expect("add");
    });
    commit_on(&dir, "main", |p| {
        p.set_control_owner("UC-001", "Security lead")
            .expect("owner");
        p.add_control("Tabletop exercise").expect("add");
    });
    let output = run_git(&dir, &["merge", "-q", "--no-edit", "engineer"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let merged = read(&dir);
    let control = merged.control("UC-001").expect("UC-001");
    assert_eq!(
        (control.owner.as_str(), control.status),
        ("Security lead", Status::InProgress)
    );
    for name in ["Bug bounty", "Tabletop exercise"] {
        assert!(merged.controls.iter().any(|c| c.name == name), "{name}");
    }
    assert!(merged.merge_conflicts.is_empty());
    let text = std::fs::read_to_string(dir.join("programme.json")).expect("read");
    assert!(!text.contains("<<<<<<<"), "no text conflict markers");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_field_changed_differently_on_both_branches_stops_the_merge_with_a_valid_file() {
    let dir = repository("conflict");
    commit_on(&dir, "engineer", |p| {
        p.set_control_owner("UC-002", "Platform lead")
            .expect("owner");
        p.set_evidence_location("EV-001", "Confluence > Policies")
            .expect("location");
    });
    commit_on(&dir, "main", |p| {
        p.set_control_owner("UC-002", "Head of People")
            .expect("owner");
    });
    let output = run_git(&dir, &["merge", "--no-edit", "engineer"]);
    assert!(!output.status.success(), "git reports the conflict");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        said.contains("conflict: controls UC-002 owner: ours \"Head of People\" (kept), theirs \"Platform lead\""),
        "{said}"
    );
    let merged = read(&dir);
    assert_eq!(
        merged.control("UC-002").expect("UC-002").owner,
        "Head of People"
    );
    assert_eq!(
        merged.evidence_item("EV-001").expect("EV-001").location,
        "Confluence > Policies",
        "the separate edit merged all the same"
    );
    assert_eq!(merged.merge_conflicts.len(), 1);
    assert_eq!(merged.merge_conflicts[0].key, "UC-002");
    let status = run_git(&dir, &["status", "--porcelain"]);
    assert!(String::from_utf8_lossy(&status.stdout).contains("UU programme.json"));
    let _ = std::fs::remove_dir_all(&dir);
}
