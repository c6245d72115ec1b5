//! Property tests: any valid programme survives export then import unchanged, and the trip
//! through local storage's parts; the importer and the storage reader never panic on arbitrary
//! or damaged input; CSV exports stay safe for any text.

use chrono::NaiveDate;
use crosswalk::catalog::{catalogues, Category};
use crosswalk::crosswalk::coverage::Scope;
use crosswalk::export::programme::{controls_table, evidence_table};
use crosswalk::programme::library::{library, start_from_library};
use crosswalk::programme::stored::{part_keys, read, StoredForm, HEAD_KEY};

mod common;
use common::{save, Storage};
use crosswalk::programme::{
    export_json, import_json, Cadence, EvidenceKind, Period, Programme, ProgrammeScope, Report,
    ResidualNote, Status,
};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

/// Cases per property; the closing note records the total run.
const CASES: u32 = 400;

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, with the hostile characters of HTML, CSV and spreadsheets over-represented.
    prop_oneof![
        any::<String>(),
        "[<>&\"'=+@\\-\t\r\n;,a-z ]{0,40}",
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("=HYPERLINK(\"http://x\")".to_owned()),
    ]
}

fn name() -> impl Strategy<Value = String> {
    text().prop_map(|t| format!("N{t}"))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..1500).prop_map(|d| {
        NaiveDate::from_ymd_opt(2025, 1, 1).expect("date") + chrono::Duration::days(d)
    })
}

fn programme() -> impl Strategy<Value = Programme> {
    let c = catalogues();
    let iso: Vec<String> = c.iso_refs().map(str::to_owned).collect();
    let tsc: Vec<String> = c
        .tsc
        .items()
        .iter()
        .map(|i| i.reference.to_string())
        .collect();
    let categories = subsequence(Category::ALL[1..].to_vec(), 0..=4);
    let report = prop_oneof![
        date().prop_map(|as_of| Report::Type1 { as_of }),
        (date(), 92i64..360).prop_map(|(start, days)| Report::Type2 {
            period: Period {
                start,
                end: start + chrono::Duration::days(days)
            }
        }),
    ];
    let control = (
        name(),
        text(),
        text(),
        select(Status::ALL.to_vec()),
        subsequence(iso, 0..4),
        subsequence(tsc, 0..4),
        text(),
    );
    let evidence = (
        name(),
        select(EvidenceKind::ALL.to_vec()),
        text(),
        select(Cadence::ALL.to_vec()),
        text(),
        prop::collection::vec(date(), 0..3),
        prop::option::of((date(), 0i64..200)),
        prop::collection::vec(any::<prop::sample::Index>(), 0..3),
    );
    (
        text(),
        text(),
        categories,
        report,
        text(),
        prop::collection::vec(control, 0..12),
        prop::collection::vec(evidence, 0..20),
        prop::collection::vec(any::<bool>(), 93),
        text(),
    )
        .prop_map(
            move |(
                organisation,
                system,
                categories,
                report,
                iso_scope,
                controls,
                evidence,
                applicable,
                justification,
            )| {
                let scope = ProgrammeScope {
                    organisation,
                    system,
                    categories: Scope::with(categories),
                    report,
                    iso_scope,
                };
                let mut p = start_from_library(scope, library(), catalogues());
                p.controls.clear();
                p.evidence.clear();
                for (entry, applicable) in p.applicability.iter_mut().zip(applicable) {
                    entry.applicable = applicable;
                    entry.justification = justification.clone();
                }
                for (name, description, owner, status, iso, tsc, residual) in controls {
                    let id = p.add_control(&name).expect("a name never empty");
                    let control = p.controls.iter_mut().find(|c| c.id == id).expect("added");
                    control.description = description;
                    control.owner = owner;
                    control.status = status;
                    control.iso = iso;
                    if let Some(first) = tsc.first() {
                        control.residuals = vec![ResidualNote {
                            tsc: first.clone(),
                            handles: residual,
                        }];
                    }
                    control.tsc = tsc;
                }
                let ids: Vec<String> = p.controls.iter().map(|c| c.id.clone()).collect();
                for (title, kind, owner, cadence, location, collected, period, links) in evidence {
                    let id = p
                        .add_evidence(&title, kind, cadence)
                        .expect("a title never empty");
                    let item = p.evidence.iter_mut().find(|e| e.id == id).expect("added");
                    item.owner = owner;
                    item.location = location;
                    item.collected = collected;
                    item.period = period.map(|(start, days)| Period {
                        start,
                        end: start + chrono::Duration::days(days),
                    });
                    if !ids.is_empty() {
                        let mut linked: Vec<String> = links
                            .iter()
                            .map(|i| ids[i.index(ids.len())].clone())
                            .collect();
                        linked.dedup();
                        item.controls = linked;
                    }
                }
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn export_then_import_gives_back_an_identical_programme(p in programme()) {
        prop_assert_eq!(p.problems(catalogues()), vec![]);
        let text = export_json(&p);
        let back = import_json(text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &p);
        prop_assert_eq!(export_json(&back), text, "byte-identical on re-export");
    }

    #[test]
    fn the_importer_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = import_json(&bytes);
    }

    #[test]
    fn the_importer_never_panics_on_a_mutated_programme(p in programme(), cut in any::<prop::sample::Index>(), junk in "[\\[\\]{}\",:0-9a-z]{0,8}") {
        let text = export_json(&p);
        let at = cut.index(text.len().max(1));
        let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let mutated = format!("{}{}{}", &text[..at], junk, &text[at..]);
        let _ = import_json(mutated.as_bytes());
    }

    #[test]
    fn csv_exports_never_start_a_cell_with_a_formula_trigger(p in programme()) {
        for table in [controls_table(&p), evidence_table(&p)] {
            let csv_text = table.to_csv();
            let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
            for record in reader.records() {
                let record = record.map_err(|e| TestCaseError::fail(e.to_string()))?;
                for cell in record.iter() {
                    prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "unsafe cell {:?}", cell);
                }
            }
        }
    }

    #[test]
    fn local_storage_gives_back_the_last_programme_saved(first in programme(), second in programme()) {
        let mut storage = Storage::new();
        let mut form = StoredForm::default();
        save(&mut storage, &mut form, &first);
        save(&mut storage, &mut form, &second);
        let (back, mut read_form) = read(&storage[HEAD_KEY], |key| storage.get(key).cloned())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &second);
        let named = part_keys(&storage[HEAD_KEY]);
        prop_assert!(storage.keys().filter(|k| *k != HEAD_KEY).eq(named.iter()), "nothing stale is left");
        prop_assert_eq!(read_form.update(&back).encoded, 0, "what was read needs no re-encoding");
    }

    #[test]
    fn the_storage_reader_never_panics_on_a_damaged_part(p in programme(), which in any::<prop::sample::Index>(), junk in prop_oneof![any::<String>(), "[A-Za-z0-9+/=]{0,64}"]) {
        let mut storage = Storage::new();
        save(&mut storage, &mut StoredForm::default(), &p);
        let parts: Vec<String> = storage.keys().filter(|k| *k != HEAD_KEY).cloned().collect();
        storage.insert(parts[which.index(parts.len())].clone(), junk);
        let _ = read(&storage[HEAD_KEY], |key| storage.get(key).cloned());
    }
}
