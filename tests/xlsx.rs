//! Workbooks as their consumers read them: openpyxl (installed by scripts/setup into .venv) and
//! LibreOffice Calc (headless `soffice`, installed by scripts/setup) open the whole-programme
//! workbook and each report's workbook and find, cell by cell, the CSV of the same table; the CLI
//! writes them and refuses to write one to a terminal.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::Command as Cli;
use crosswalk::catalog::catalogues;
use crosswalk::crosswalk::crosswalk;
use crosswalk::export::neutralise_formula;
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

/// LibreOffice's CSV export: comma, double quote, UTF-8, cells as shown (so a date is checked as
/// Calc displays it), each sheet to its own `BOOK-SHEET.csv` (the final `-1`, LibreOffice 7.2+).
const LIBREOFFICE_CSV: &str =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

/// Converts every workbook in `books` with headless LibreOffice Calc, in one run as each start
/// costs seconds, and lists every way a sheet differs from the CSV of its table, naming the file.
fn libreoffice_differences(books: &[(PathBuf, Vec<Table>)], dir: &Path) -> Vec<String> {
    let out = dir.join("libreoffice");
    // A profile of its own, so that tests running at once do not wait on each other's lock.
    let profile = dir.join("libreoffice-profile");
    let run = Command::new("soffice")
        // Calc's en-US display (TRUE/FALSE, M/D/YYYY) whatever the developer's locale.
        .env("LC_ALL", "C.UTF-8")
        .args(["--headless", "--norestore"])
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--convert-to", LIBREOFFICE_CSV, "--outdir"])
        .arg(&out)
        .args(books.iter().map(|(path, _)| path))
        .output()
        .expect("soffice runs: run scripts/setup to install LibreOffice Calc");
    let _ = std::fs::remove_dir_all(&profile);
    // soffice exits 0 even when it cannot load a file: its log of what it converted, and of
    // each sheet in order, is the evidence.
    let log = String::from_utf8_lossy(&run.stdout);
    let mut converted: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in log.lines() {
        if let Some(rest) = line.strip_prefix("convert ") {
            converted.push((
                rest.split(" using filter").next().unwrap_or(rest),
                Vec::new(),
            ));
        } else if let (Some(sheet), Some((_, csv))) =
            (line.strip_prefix("Writing sheet "), converted.last_mut())
        {
            csv.extend(sheet.rsplit_once(" -> ").map(|(_, path)| path));
        }
    }
    let mut problems = Vec::new();
    for (book, tables) in books {
        let Some((_, sheets)) = converted
            .iter()
            .find(|(source, _)| Path::new(source).file_name() == book.file_name())
        else {
            problems.push(format!(
                "{}: LibreOffice could not open it\n{}",
                book.display(),
                String::from_utf8_lossy(&run.stderr)
            ));
            continue;
        };
        if sheets.len() != tables.len() {
            let (found, expected) = (sheets.len(), tables.len());
            problems.push(format!(
                "{}: {found} sheets for {expected} tables",
                book.display()
            ));
        }
        for (sheet, table) in sheets.iter().zip(tables) {
            compare_sheet(Path::new(sheet), table, &mut problems);
        }
    }
    problems
}

/// Compares one sheet as LibreOffice shows it with the CSV of `table`, whose cells say how each
/// is shown: a boolean as TRUE/FALSE, a date as M/D/YYYY, text and numbers as the raw value,
/// without the apostrophe the CSV puts before a formula trigger. Calc keeps every line break in
/// a cell as a line feed, so a carriage return the workbook carries (openpyxl reads it back) is
/// compared as one.
fn compare_sheet(sheet: &Path, table: &Table, problems: &mut Vec<String>) {
    let records = |from: &mut dyn std::io::Read| -> Vec<csv::StringRecord> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(from)
            .into_records()
            .collect::<Result<_, _>>()
            .expect("a CSV")
    };
    let shown = records(&mut std::fs::File::open(sheet).expect("LibreOffice's CSV"));
    let csv = table.to_csv();
    let wanted = records(&mut csv.as_bytes());
    let name = sheet.file_name().unwrap_or_default().to_string_lossy();
    if shown.len() != wanted.len() {
        let (found, expected) = (shown.len(), wanted.len());
        problems.push(format!("{name}: {found} rows, the CSV has {expected}"));
    }
    for (r, (shown, wanted)) in shown.iter().zip(&wanted).enumerate() {
        if shown.len() != wanted.len() {
            let (found, expected) = (shown.len(), wanted.len());
            problems.push(format!(
                "{name} row {}: {found} cells, the CSV has {expected}",
                r + 1
            ));
        }
        for (c, (got, want)) in shown.iter().zip(wanted).enumerate() {
            let agrees = match r.checked_sub(1).map(|row| &table.rows[row][c]) {
                None => got == want,
                Some(Cell::Bool(_)) => got == want.to_uppercase(),
                Some(Cell::Date(_)) => iso_day(got).as_deref() == Some(want),
                Some(_) => neutralise_formula(got) == as_calc_breaks(want),
            };
            if !agrees {
                problems.push(format!(
                    "{name} row {}, column `{}`: LibreOffice shows {got:?}, the CSV has {want:?}",
                    r + 1,
                    table.columns[c]
                ));
            }
        }
    }
}

/// `M/D/YYYY`, as en-US Calc shows the workbook's date format (built-in 14), as `YYYY-MM-DD`.
fn iso_day(shown: &str) -> Option<String> {
    let mut parts = shown.split('/').map(|part| part.parse::<u32>().ok());
    let (month, day, year) = (parts.next()??, parts.next()??, parts.next()??);
    parts
        .next()
        .is_none()
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Runs the LibreOffice check of `books` and fails naming every difference.
/// Line breaks as Calc holds them: CRLF and a lone CR become LF.
fn as_calc_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn libreoffice_agrees(books: &[(PathBuf, Vec<Table>)], dir: &Path) {
    let problems = libreoffice_differences(books, dir);
    assert!(
        problems.is_empty(),
        "LibreOffice disagrees with the CSV:\n{}",
        problems.join("\n")
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
    libreoffice_agrees(&[(path, tables)], &dir);
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
            vec![
                "Windows line\r\nend, lone\rreturn".into(),
                Cell::list(["_x000D_", "_x0041_ and _X005f_"]),
                Cell::Bool(false),
                Cell::Number(0),
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
    openpyxl_agrees(&path, std::slice::from_ref(&expected), &dir);
    libreoffice_agrees(&[(path, vec![expected])], &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn each_report_workbook_matches_its_csv() {
    let programme = sample_programme();
    let inputs = inputs(&programme);
    let dir = folder("reports");
    let mut books = Vec::new();
    for kind in ReportKind::ALL {
        let path = dir.join(format!("{}.xlsx", kind.id()));
        let bytes =
            report_workbook(kind, &programme, catalogues(), crosswalk(), &inputs).expect("written");
        std::fs::write(&path, bytes).expect("written");
        let table =
            report_table(kind, &programme, catalogues(), crosswalk(), &inputs).expect("a table");
        openpyxl_agrees(&path, std::slice::from_ref(&table), &dir);
        books.push((path, vec![table]));
    }
    libreoffice_agrees(&books, &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The LibreOffice check is worth something only if it can fail: a cell that differs from the
/// CSV and a file LibreOffice cannot open are each reported by name.
#[test]
fn the_libreoffice_check_reports_a_differing_cell_and_an_unreadable_file() {
    let table = Table {
        columns: vec!["ref", "applicable"],
        rows: vec![vec!["A.5.1".into(), Cell::Bool(true)]],
    };
    let dir = folder("guard");
    let differs = dir.join("differs.xlsx");
    let sheet = Sheet {
        name: "Guard",
        table: &table,
    };
    std::fs::write(&differs, workbook(&[sheet]).expect("written")).expect("written");
    let unreadable = dir.join("unreadable.xlsx");
    std::fs::write(&unreadable, b"PK, but not a workbook").expect("written");
    let mut other = table.clone();
    other.rows[0][1] = Cell::Bool(false);
    let problems = libreoffice_differences(
        &[(differs, vec![other]), (unreadable.clone(), vec![table])],
        &dir,
    );
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(
        problems[0],
        "differs-Guard.csv row 2, column `applicable`: LibreOffice shows \"TRUE\", the CSV has \"false\""
    );
    assert!(
        problems[1].starts_with(&format!(
            "{}: LibreOffice could not open it",
            unreadable.display()
        )),
        "{problems:#?}"
    );
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
