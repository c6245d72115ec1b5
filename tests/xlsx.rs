//! Workbooks as their consumers read them: openpyxl (installed by scripts/setup into .venv)
//! opens the whole-programme workbook and each report's workbook and finds, cell by cell, the
//! CSV of the same table; the CLI writes them and refuses to write one to a terminal.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::Command as Cli;
use crosswalk::catalog::catalogues;
use crosswalk::crosswalk::crosswalk;
use crosswalk::export::programme::{
    applicability_table, controls_table, coverage_table, evidence_table,
};
use crosswalk::export::report::{programme_workbook, report_workbook};
use crosswalk::export::xlsx::{workbook, Sheet};
use crosswalk::plan::{FirstAudit, PlanInputs};
use crosswalk::programme::coverage::coverage;
use crosswalk::programme::sample::sample_programme;
use crosswalk::programme::Programme;
use crosswalk::report::{report_table, ReportKind};
use crosswalk::table::{Cell, Table};

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-xlsx-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    dir
}

fn inputs(programme: &Programme) -> PlanInputs {
    PlanInputs::for_programme(programme, FirstAudit::Iso, None)
}

/// Runs the openpyxl check of `workbook` against one CSV per sheet.
fn openpyxl_agrees(workbook: &Path, tables: &[Table], dir: &Path) {
    let python = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run scripts/setup",
        python.display()
    );
    let csvs: Vec<PathBuf> = tables
        .iter()
        .enumerate()
        .map(|(i, table)| {
            let path = dir.join(format!("sheet-{i}.csv"));
            std::fs::write(&path, table.to_csv()).expect("written");
            path
        })
        .collect();
    let output = Command::new(python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/consumers/xlsx_openpyxl.py"
        ))
        .arg(workbook)
        .args(&csvs)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "openpyxl disagrees with the CSV:\n{}{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn the_whole_programme_workbook_matches_the_csv_of_every_table() {
    let programme = sample_programme();
    let inputs = inputs(&programme);
    let mut tables: Vec<Table> = ReportKind::ALL
        .iter()
        .map(|&kind| {
            report_table(kind, &programme, catalogues(), crosswalk(), &inputs).expect("a table")
        })
        .collect();
    tables.push(controls_table(&programme));
    tables.push(evidence_table(&programme));
    tables.push(applicability_table(&programme));
    tables.push(coverage_table(&coverage(
        &programme,
        catalogues(),
        crosswalk(),
    )));
    let dir = folder("programme");
    let path = dir.join("programme.xlsx");
    let bytes =
        programme_workbook(&programme, catalogues(), crosswalk(), &inputs).expect("written");
    std::fs::write(&path, bytes).expect("written");
    openpyxl_agrees(&path, &tables, &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_text_stays_text_and_every_cell_kind_keeps_its_type() {
    let day = crosswalk::programme::parse_date("2027-03-31").expect("a day");
    let table = Table {
        columns: vec!["text", "list", "flag", "count", "day", "none"],
        rows: vec![
            vec![
                "=HYPERLINK(\"http://evil\")".into(),
                Cell::list(["A.5.1", "+CC6.1"]),
                Cell::Bool(true),
                Cell::Number(42),
                Cell::Date(day),
                Cell::Empty,
            ],
            vec![
                "<b>&amp; \"quoted\"\u{1}</b>\nsecond line".into(),
                Cell::List(Vec::new()),
                Cell::Bool(false),
                Cell::Number(-7),
                Cell::Date(day),
                Cell::Empty,
            ],
        ],
    };
    let dir = folder("hostile");
    let path = dir.join("hostile.xlsx");
    std::fs::write(
        &path,
        workbook(&[Sheet {
            name: "Hostile: [x]",
            table: &table,
        }])
        .expect("written"),
    )
    .expect("written");
    // The CSV the check compares with, minus the control character XML cannot carry.
    let mut expected = table.clone();
    expected.rows[1][0] = "<b>&amp; \"quoted\"</b>\nsecond line".into();
    openpyxl_agrees(&path, &[expected], &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn each_report_workbook_matches_its_csv() {
    let programme = sample_programme();
    let inputs = inputs(&programme);
    let dir = folder("reports");
    for kind in ReportKind::ALL {
        let path = dir.join(format!("{}.xlsx", kind.id()));
        let bytes =
            report_workbook(kind, &programme, catalogues(), crosswalk(), &inputs).expect("written");
        std::fs::write(&path, bytes).expect("written");
        let table =
            report_table(kind, &programme, catalogues(), crosswalk(), &inputs).expect("a table");
        openpyxl_agrees(&path, &[table], &dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_cli_writes_workbooks_to_files_and_never_to_a_terminal() {
    let dir = folder("cli");
    let programme = dir.join("programme.json");
    std::fs::write(
        &programme,
        crosswalk::programme::export_json(&sample_programme()),
    )
    .expect("written");
    let soa = dir.join("soa.xlsx");
    Cli::cargo_bin("crosswalk")
        .expect("binary")
        .args([
            "report",
            programme.to_str().expect("path"),
            "soa",
            "--format",
            "xlsx",
            "-o",
        ])
        .arg(&soa)
        .assert()
        .success();
    assert_eq!(&std::fs::read(&soa).expect("written")[..2], b"PK");
    let book = dir.join("book.xlsx");
    Cli::cargo_bin("crosswalk")
        .expect("binary")
        .args(["workbook", programme.to_str().expect("path"), "-o"])
        .arg(&book)
        .assert()
        .success();
    assert_eq!(&std::fs::read(&book).expect("written")[..2], b"PK");
    // On a terminal (script(1) gives the command one) a workbook is refused with exit 2.
    let on_terminal = Command::new("script")
        .args(["-qec"])
        .arg(format!(
            "{} report {} soa --format xlsx",
            env!("CARGO_BIN_EXE_crosswalk"),
            programme.display()
        ))
        .arg("/dev/null")
        .output()
        .expect("script(1) runs");
    assert_eq!(on_terminal.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&on_terminal.stdout)
        .contains("a workbook is binary and is not written to a terminal"));
    // Piped, it goes to standard output.
    let piped = Cli::cargo_bin("crosswalk")
        .expect("binary")
        .args([
            "report",
            programme.to_str().expect("path"),
            "plan",
            "--format",
            "xlsx",
        ])
        .output()
        .expect("runs");
    assert!(piped.status.success());
    assert_eq!(&piped.stdout[..2], b"PK");
    let _ = std::fs::remove_dir_all(&dir);
}
