//! Spreadsheet import as users meet it: messy sheets from real spreadsheets (a `;` separated
//! Windows-1252 export with blank rows and extra columns, a workbook with real dates, sheets
//! with bad rows) imported into the sample programme, every refused row named by its row
//! number, and nothing changed unless the whole import is taken.

use std::path::Path;

use crosswalk::export::programme::{controls_table, evidence_table};
use crosswalk::programme::sample::sample_programme;
use crosswalk::programme::sheet_import::{
    problems_text, Action, ColumnMapping, Field, RefusedRows, Register, RowValues, SheetImportError,
};
use crosswalk::programme::{parse_date, Cadence, EvidenceKind, Programme, SoaReason, Status};
use crosswalk::sheet::{read, Sheet};
use proptest::prelude::*;

fn fixture(name: &str) -> Sheet {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheets")
        .join(name);
    read(&std::fs::read(&path).expect("fixture")).expect("readable sheet")
}

fn guess(register: Register, sheet: &Sheet) -> ColumnMapping {
    ColumnMapping::guess(register, &sheet.headers)
}

fn refused_rows(programme: &Programme, sheet: &Sheet, register: Register) -> Vec<(usize, String)> {
    programme
        .preview_import(sheet, &guess(register, sheet))
        .refused()
        .map(|r| (r.row, problems_text(&r.problems)))
        .collect()
}

#[test]
fn a_semicolon_windows_1252_export_with_blank_rows_imports_with_loose_refs() {
    let sheet = fixture("controls-excel-semicolon-1252.csv");
    let mut programme = sample_programme();
    let before = programme.clone();
    let mapping = guess(Register::Controls, &sheet);
    let preview = programme.preview_import(&sheet, &mapping);
    let actions: Vec<(usize, Action)> = preview
        .rows
        .iter()
        .map(|r| (r.row, r.action.clone()))
        .collect();
    assert_eq!(
        actions,
        [
            (2, Action::Add("UC-079".into())),
            (4, Action::Add("UC-080".into())),
            (6, Action::Update("UC-060".into())),
            (7, Action::Add("UC-081".into())),
            (8, Action::Add("UC-082".into())),
            (9, Action::Update("UC-015".into())),
        ]
    );
    assert!(preview.rows[0]
        .note
        .as_deref()
        .is_some_and(|n| n.contains("AC-01")));
    assert_eq!(programme, before, "a preview changes nothing");

    let summary = programme
        .import_sheet(&sheet, &mapping, RefusedRows::Stop)
        .expect("every row is valid");
    assert_eq!(summary.added, ["UC-079", "UC-080", "UC-081", "UC-082"]);
    assert_eq!(summary.updated, ["UC-060", "UC-015"]);
    assert!(programme
        .problems(crosswalk::catalog::catalogues())
        .is_empty());

    let policy = programme.control("UC-079").expect("added");
    assert_eq!(policy.name, "Access control policy");
    assert_eq!(policy.owner, "Léa Dubois");
    assert_eq!(policy.status, Status::Implemented);
    assert_eq!(policy.iso, ["A.5.15", "A.5.18"]);
    assert_eq!(policy.tsc, ["CC6.1", "CC6.3"]);
    let reviews = programme.control("UC-080").expect("added");
    assert_eq!(
        reviews.description,
        "Managers review each system’s users every quarter;\nremovals are ticketed."
    );
    assert_eq!(reviews.tsc, ["CC6.2", "CC6.3"]);
    let incidents = programme.control("UC-081").expect("added");
    assert_eq!(incidents.iso, ["A.5.24", "A.5.25", "A.5.26", "A.5.27"]);
    assert_eq!(incidents.tsc, ["CC7.3", "CC7.4", "CC7.5"]);
    assert_eq!(
        programme.control("UC-082").expect("added").iso,
        ["9.2.1", "9.2.2"]
    );

    let change = programme.control("UC-060").expect("updated");
    let old = before.control("UC-060").expect("there before");
    assert!(change.iso.contains(&"A.8.25".to_owned()) && change.iso.contains(&"A.8.32".to_owned()));
    assert!(
        old.iso.iter().all(|r| change.iso.contains(r)),
        "refs are added, not replaced"
    );
    assert_eq!(change.status, Status::Operating);
    assert_eq!(programme.next_control, 83);
}

#[test]
fn every_bad_row_is_named_and_nothing_changes_until_they_are_skipped() {
    let sheet = fixture("controls-bad-rows.csv");
    let mut programme = sample_programme();
    let before = programme.clone();
    assert_eq!(
        refused_rows(&programme, &sheet, Register::Controls),
        [
            (3, "unknown ref A.5.99".to_owned()),
            (4, "the name is empty".to_owned()),
            (5, "unknown status \"someday\"; use not started, in progress, implemented or operating".to_owned()),
            (6, "duplicate of row 2: both add \"Access control policy\"".to_owned()),
            (7, "A.5.1 in the SOC 2 criteria column".to_owned()),
        ]
    );
    let mapping = guess(Register::Controls, &sheet);
    let refused = programme.import_sheet(&sheet, &mapping, RefusedRows::Stop);
    assert!(matches!(refused, Err(SheetImportError::Refused(rows)) if rows.len() == 5));
    assert_eq!(programme, before, "a refused import changes nothing");

    let summary = programme
        .import_sheet(&sheet, &mapping, RefusedRows::Skip)
        .expect("the good rows import");
    assert_eq!(summary.added, ["UC-079"]);
    assert_eq!(summary.skipped, [3, 4, 5, 6, 7]);
    assert_eq!(programme.controls.len(), before.controls.len() + 1);
}

#[test]
fn evidence_links_controls_by_id_or_name_and_reads_dates_and_periods() {
    let sheet = fixture("evidence-register.csv");
    let mut programme = sample_programme();
    let reviews = programme
        .controls
        .iter()
        .find(|c| c.name == "Access reviews")
        .expect("sample")
        .id
        .clone();
    let summary = programme
        .import_sheet(
            &sheet,
            &guess(Register::Evidence, &sheet),
            RefusedRows::Stop,
        )
        .expect("valid");
    assert_eq!(summary.added.len(), 4);
    let q1 = programme.evidence_item(&summary.added[0]).expect("added");
    assert_eq!(q1.kind, EvidenceKind::Record);
    assert_eq!(q1.cadence, Cadence::Quarterly);
    assert_eq!(q1.controls, [reviews]);
    assert_eq!(q1.period.map(|p| p.end), parse_date("2027-03-31").ok());
    let tickets = programme.evidence_item(&summary.added[1]).expect("added");
    assert_eq!(tickets.cadence, Cadence::PerEvent);
    assert_eq!(tickets.collected.len(), 2);
    assert_eq!(tickets.controls.len(), 2);
    let scans = programme.evidence_item(&summary.added[3]).expect("added");
    assert!(scans.controls.is_empty() && scans.collected.is_empty());

    assert_eq!(
        refused_rows(&sample_programme(), &fixture("evidence-bad-rows.csv"), Register::Evidence),
        [
            (2, "unknown frequency \"Weekly\"; use once, per event, monthly, quarterly or annually; unknown unified control Backups".to_owned()),
            (3, "collected on \"03/01/2027\" is not a date written YYYY-MM-DD".to_owned()),
            (4, "unknown unified control Penetration testing by Acme".to_owned()),
        ]
    );
}

#[test]
fn workbooks_give_their_first_sheet_with_real_dates_and_row_numbers() {
    let controls = fixture("controls.xlsx");
    assert_eq!(controls.headers[..3], ["Ref", "Title", "Annex A"]);
    assert_eq!(
        controls.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [2, 4, 5]
    );
    assert_eq!(controls.rows[0].cell(6), "2027-01-15");
    assert_eq!(controls.rows[0].cell(7), "3");
    assert_eq!(controls.rows[1].cell(7), "2.5");
    let preview =
        sample_programme().preview_import(&controls, &guess(Register::Controls, &controls));
    assert_eq!(preview.rows[0].action, Action::Update("UC-001".into()));
    let RowValues::Control { tsc, .. } = &preview.rows[2].values else {
        panic!("a control row")
    };
    assert_eq!(tsc, &["A1.2", "A1.3"]);

    let evidence = fixture("evidence.xlsx");
    let mut programme = sample_programme();
    let summary = programme
        .import_sheet(
            &evidence,
            &guess(Register::Evidence, &evidence),
            RefusedRows::Stop,
        )
        .expect("valid");
    let minutes = programme.evidence_item(&summary.added[0]).expect("added");
    assert_eq!(minutes.collected, [parse_date("2027-03-28").expect("date")]);
    assert_eq!(
        minutes.period.map(|p| p.start),
        parse_date("2027-01-01").ok()
    );
    let restore = programme.evidence_item(&summary.added[1]).expect("added");
    assert_eq!(restore.collected, [parse_date("2027-02-10").expect("date")]);
}

#[test]
fn a_missing_name_column_is_said_before_any_row() {
    let sheet = fixture("controls-bad-rows.csv");
    let mut mapping = guess(Register::Controls, &sheet);
    mapping.set(Field::Name, None);
    let mut programme = sample_programme();
    assert_eq!(
        programme
            .import_sheet(&sheet, &mapping, RefusedRows::Skip)
            .map_err(|e| e.to_string()),
        Err("no column gives the name: choose which column holds it".to_owned())
    );
}

/// A programme with the sample's scope and decisions but no controls or evidence yet.
fn empty_programme() -> Programme {
    let mut programme = sample_programme();
    programme.controls.clear();
    programme.evidence.clear();
    programme
}

#[test]
fn crosswalk_csv_exports_import_back_into_an_empty_programme() {
    let sample = sample_programme();
    let mut programme = empty_programme();
    let controls = read(controls_table(&sample).to_csv().as_bytes()).expect("readable");
    programme
        .import_sheet(
            &controls,
            &guess(Register::Controls, &controls),
            RefusedRows::Stop,
        )
        .expect("the export imports");
    let evidence = read(evidence_table(&sample).to_csv().as_bytes()).expect("readable");
    // The export's control ids are the sample's; here they are new, so link by name instead.
    let names: Vec<(String, String)> = sample
        .controls
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let evidence = Sheet {
        rows: evidence
            .rows
            .into_iter()
            .map(|mut row| {
                let column = evidence
                    .headers
                    .iter()
                    .position(|h| h == "controls")
                    .expect("column");
                row.cells[column] = row.cells[column]
                    .split(';')
                    .filter_map(|id| {
                        names
                            .iter()
                            .find(|(i, _)| i == id.trim())
                            .map(|(_, n)| n.clone())
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                row
            })
            .collect(),
        ..evidence
    };
    programme
        .import_sheet(
            &evidence,
            &guess(Register::Evidence, &evidence),
            RefusedRows::Stop,
        )
        .expect("the export imports");
    assert_eq!(programme.controls.len(), sample.controls.len());
    for (ours, theirs) in programme.controls.iter().zip(&sample.controls) {
        assert_eq!(
            (
                &ours.name,
                &ours.description,
                &ours.owner,
                ours.status,
                &ours.iso,
                &ours.tsc
            ),
            (
                &theirs.name,
                &theirs.description,
                &theirs.owner,
                theirs.status,
                &theirs.iso,
                &theirs.tsc
            )
        );
    }
    for (ours, theirs) in programme.evidence.iter().zip(&sample.evidence) {
        let control_names = |p: &Programme, ids: &[String]| -> Vec<String> {
            ids.iter()
                .map(|id| p.control(id).expect("linked").name.clone())
                .collect()
        };
        assert_eq!(
            (
                &ours.title,
                ours.kind,
                ours.cadence,
                &ours.location,
                &ours.collected,
                ours.period
            ),
            (
                &theirs.title,
                theirs.kind,
                theirs.cadence,
                &theirs.location,
                &theirs.collected,
                theirs.period
            )
        );
        assert_eq!(
            control_names(&programme, &ours.controls),
            control_names(&sample, &theirs.controls)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the cells hold, an import either is refused and changes nothing, or leaves a
    /// programme that validates.
    #[test]
    fn any_sheet_is_refused_untouched_or_imported_valid(
        cells in prop::collection::vec(
            prop::collection::vec(
                prop_oneof![
                    Just(String::new()),
                    Just("A.5.15; cc6.1".to_owned()),
                    Just("5.99".to_owned()),
                    Just("Quarterly".to_owned()),
                    Just("2027-02-30".to_owned()),
                    Just("UC-001".to_owned()),
                    "[ -~é’\n]{0,12}",
                ],
                6,
            ),
            1..8,
        ),
        skip in any::<bool>(),
        evidence in any::<bool>(),
    ) {
        let register = if evidence { Register::Evidence } else { Register::Controls };
        let headers = if evidence {
            ["Evidence", "Frequency", "Control", "Collected", "Period start", "Period end"]
        } else {
            ["ID", "Control", "Owner", "Status", "ISO 27001", "SOC 2"]
        };
        let sheet = Sheet {
            headers: headers.map(String::from).to_vec(),
            rows: cells
                .into_iter()
                .enumerate()
                .map(|(i, cells)| crosswalk::sheet::SheetRow { number: i + 2, cells })
                .collect(),
        };
        let mut programme = sample_programme();
        let before = programme.clone();
        let refused = if skip { RefusedRows::Skip } else { RefusedRows::Stop };
        match programme.import_sheet(&sheet, &ColumnMapping::guess(register, &sheet.headers), refused) {
            Ok(_) => prop_assert!(programme.problems(crosswalk::catalog::catalogues()).is_empty()),
            Err(_) => prop_assert_eq!(programme, before),
        }
    }
}

#[test]
fn soa_decisions_import_with_reasons_in_template_words_and_bad_rows_named() {
    let sheet = fixture("soa-decisions.csv");
    let mut programme = sample_programme();
    let mapping = guess(Register::Applicability, &sheet);
    assert_eq!(mapping.column(Field::Control), Some(0));
    assert_eq!(mapping.column(Field::Reasons), Some(3));
    assert_eq!(mapping.column(Field::RiskReference), Some(4));
    let summary = programme
        .import_sheet(&sheet, &mapping, RefusedRows::Stop)
        .expect("valid");
    assert_eq!(summary.updated, ["A.5.1", "A.5.7", "A.7.4", "A.8.1"]);
    assert!(summary.added.is_empty());
    let decision = |control: &str| {
        programme
            .applicability
            .iter()
            .find(|a| a.control == control)
            .expect("decision")
            .clone()
    };
    assert_eq!(
        decision("A.5.1").reasons,
        [
            SoaReason::LegalOrRegulatory,
            SoaReason::BusinessOrGoodPractice
        ]
    );
    let intelligence = decision("A.5.7");
    assert_eq!(intelligence.reasons, [SoaReason::RiskTreatment]);
    assert_eq!(intelligence.risk_reference.as_deref(), Some("R-12"));
    let monitoring = decision("A.7.4");
    assert!(!monitoring.applicable);
    assert!(monitoring.justification.starts_with("We have no offices"));
    assert_eq!(
        decision("A.8.1").reasons,
        [SoaReason::Contractual, SoaReason::RiskTreatment]
    );

    assert_eq!(
        refused_rows(&sample_programme(), &fixture("soa-bad-rows.csv"), Register::Applicability),
        [
            (2, "\"A.9.1\" is not an Annex A control".to_owned()),
            (3, "applicable \"maybe\" is not yes or no (included or excluded)".to_owned()),
            (4, "unknown reason magic; use legal or regulatory, contractual, business requirement or good practice, risk treatment".to_owned()),
            (5, "a risk reference needs risk treatment among the reasons".to_owned()),
            (7, "duplicate of row 6: both update A.5.4".to_owned()),
        ]
    );
}

#[test]
fn the_applicability_export_imports_back() {
    let sample = sample_programme();
    let csv = crosswalk::export::programme::applicability_table(&sample).to_csv();
    let mut programme = sample_programme();
    for decision in &mut programme.applicability {
        decision.applicable = !decision.applicable;
        decision.reasons.clear();
        decision.risk_reference = None;
    }
    let sheet = read(csv.as_bytes()).expect("readable");
    programme
        .import_sheet(
            &sheet,
            &guess(Register::Applicability, &sheet),
            RefusedRows::Stop,
        )
        .expect("the export imports");
    assert_eq!(programme.applicability, sample.applicability);
}

#[test]
fn hostile_cells_are_imported_as_text_and_leave_as_neutralised_text() {
    let text = "Control,Owner\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",@SUM(1)\n<script>alert(1)</script>,\"+cmd|' /C calc'!A0\"\n";
    let sheet = read(text.as_bytes()).expect("readable");
    let mut programme = sample_programme();
    let summary = programme
        .import_sheet(
            &sheet,
            &guess(Register::Controls, &sheet),
            RefusedRows::Stop,
        )
        .expect("text is text");
    let formula = programme.control(&summary.added[0]).expect("added");
    assert_eq!(formula.name, "=HYPERLINK(\"http://evil.example\",\"x\")");
    assert_eq!(formula.owner, "@SUM(1)");
    let script = programme.control(&summary.added[1]).expect("added");
    assert_eq!(script.name, "<script>alert(1)</script>");
    let exported = controls_table(&programme).to_csv();
    assert!(
        exported.contains("'=HYPERLINK"),
        "the export neutralises it again"
    );
    assert!(exported.contains("'@SUM(1)") && exported.contains("'+cmd"));
}
