//! The stored form: a programme survives the trip through local storage's parts, a save after
//! one edit rewrites one part, a half-finished save leaves the previous version readable, and
//! damaged storage is reported without losing what can be recovered.

mod common;

use base64::Engine as _;
use crosswalk::programme::sample::sample_programme;
use crosswalk::programme::stored::{
    self, part_keys, StoredError, StoredForm, WriteError, CONTROLS_PER_PART, EVIDENCE_PER_PART,
    HEAD_KEY, PART_PREFIX,
};
use crosswalk::programme::{export_json, Programme, SCHEMA_VERSION};

use common::{save, Storage};

fn load(storage: &Storage) -> Result<(Programme, StoredForm), StoredError> {
    stored::load(storage).expect("a head is stored")
}

/// The sample grown to `controls` controls and `evidence` evidence items, as the benchmark does.
fn grown(controls: usize, evidence: usize) -> Programme {
    let sample = sample_programme();
    let mut programme = sample.clone();
    programme.controls = (0..controls)
        .map(|i| {
            let mut control = sample.controls[i % sample.controls.len()].clone();
            control.id = format!("UC-{:04}", i + 1);
            control
        })
        .collect();
    programme.evidence = (0..evidence)
        .map(|i| {
            let mut item = sample.evidence[i % sample.evidence.len()].clone();
            item.id = format!("EV-{:05}", i + 1);
            item.controls = vec![format!("UC-{:04}", (i % controls) + 1)];
            item
        })
        .collect();
    programme.next_control = controls as u32 + 1;
    programme.next_evidence = evidence as u32 + 1;
    programme
}

fn parts(storage: &Storage) -> Vec<&String> {
    storage
        .keys()
        .filter(|key| key.starts_with(PART_PREFIX))
        .collect()
}

#[test]
fn a_programme_comes_back_from_its_parts_unchanged() {
    let programme = grown(250, 1200);
    let mut storage = Storage::new();
    save(&mut storage, &mut StoredForm::default(), &programme);
    assert!(
        !part_keys(&storage[HEAD_KEY]).is_empty(),
        "the head names parts"
    );
    let expected_parts = 1
        + programme.controls.len().div_ceil(CONTROLS_PER_PART)
        + programme.evidence.len().div_ceil(EVIDENCE_PER_PART);
    assert_eq!(parts(&storage).len(), expected_parts);
    let (read_back, _) = load(&storage).expect("readable");
    assert_eq!(read_back, programme);
}

#[test]
fn the_stored_form_is_a_fraction_of_the_json() {
    let programme = grown(250, 1200);
    let mut storage = Storage::new();
    save(&mut storage, &mut StoredForm::default(), &programme);
    let stored: usize = storage.iter().map(|(k, v)| k.len() + v.len()).sum();
    let json = serde_json::to_string(&programme).expect("json").len();
    assert!(
        stored * 2 < json,
        "stored {stored} bytes against {json} bytes of JSON"
    );
}

#[test]
fn a_save_after_one_edit_rewrites_one_part() {
    let mut programme = grown(250, 1200);
    let mut storage = Storage::new();
    let mut form = StoredForm::default();
    assert_eq!(save(&mut storage, &mut form, &programme), 7);
    let before = storage.clone();

    programme.controls[150].owner = "Someone new".into();
    assert_eq!(save(&mut storage, &mut form, &programme), 1);
    let changed: Vec<_> = storage
        .keys()
        .filter(|key| !before.contains_key(*key))
        .collect();
    assert_eq!(changed.len(), 1, "one new part: {changed:?}");
    assert_eq!(
        parts(&storage).len(),
        parts(&before).len(),
        "the old part is removed"
    );
    assert_eq!(load(&storage).expect("readable").0, programme);

    assert_eq!(
        save(&mut storage, &mut form, &programme),
        0,
        "nothing changed"
    );
}

#[test]
fn the_form_read_back_needs_no_re_encoding() {
    let programme = grown(120, 700);
    let mut storage = Storage::new();
    save(&mut storage, &mut StoredForm::default(), &programme);
    let (read_back, mut form) = load(&storage).expect("readable");
    assert_eq!(save(&mut storage, &mut form, &read_back), 0);
}

#[test]
fn a_missing_or_damaged_part_is_named() {
    let programme = grown(120, 700);
    let mut storage = Storage::new();
    save(&mut storage, &mut StoredForm::default(), &programme);
    let head: serde_json::Value = serde_json::from_str(&storage[HEAD_KEY]).expect("head");
    let victim = head["evidence"][0]
        .as_str()
        .expect("an evidence part")
        .to_owned();
    assert!(part_keys(&storage[HEAD_KEY]).contains(&victim));

    let mut missing = storage.clone();
    missing.remove(&victim);
    let error = load(&missing).expect_err("a part is missing");
    assert_eq!(
        error.to_string(),
        format!("the stored programme is damaged: part {victim} is missing")
    );
    assert_eq!(error.recovered_document(), None);

    let mut garbled = storage.clone();
    garbled.insert(victim.clone(), "%%% not base64".into());
    assert!(load(&garbled)
        .expect_err("garbled")
        .to_string()
        .contains("is not base64"));

    let mut not_lz4 = storage.clone();
    not_lz4.insert(
        victim.clone(),
        base64::engine::general_purpose::STANDARD.encode(b"\x05\0\0\0plain"),
    );
    assert!(load(&not_lz4)
        .expect_err("not LZ4")
        .to_string()
        .contains("does not decompress"));

    let mut not_array = storage.clone();
    let object = lz4_flex::compress_prepend_size(b"{\"a\":1}");
    not_array.insert(
        victim.clone(),
        base64::engine::general_purpose::STANDARD.encode(object),
    );
    assert!(load(&not_array)
        .expect_err("not an array")
        .to_string()
        .contains("is not a JSON array"));
}

#[test]
fn an_invalid_document_is_refused_but_recovered_for_export() {
    let mut programme = grown(120, 700);
    programme.evidence[3].controls = vec!["UC-9999".into()];
    let mut storage = Storage::new();
    save(&mut storage, &mut StoredForm::default(), &programme);
    let error = load(&storage).expect_err("dangling id");
    assert!(
        error.to_string().contains("UC-9999 does not exist"),
        "{error}"
    );
    let document = error.recovered_document().expect("recovered");
    assert!(document.contains("UC-9999"));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(document).expect("json")["evidence"]
            .as_array()
            .map(Vec::len),
        Some(700)
    );
}

#[test]
fn a_huge_inflated_part_is_refused_not_expanded() {
    let programme = grown(10, 10);
    let mut storage = Storage::new();
    save(&mut storage, &mut StoredForm::default(), &programme);
    let victim = part_keys(&storage[HEAD_KEY]).pop_last().expect("a part");
    let bomb = vec![b' '; 64 * 1024 * 1024];
    let compressed = lz4_flex::compress_prepend_size(&bomb);
    storage.insert(
        victim,
        base64::engine::general_purpose::STANDARD.encode(compressed),
    );
    let error = load(&storage).expect_err("bomb").to_string();
    assert!(
        error.contains("would decompress to 67108864 bytes"),
        "{error}"
    );
}

#[test]
fn a_whole_document_under_the_head_key_is_still_read() {
    let v1 = std::fs::read_to_string("tests/fixtures/programme-v1.json").expect("fixture");
    let mut storage = Storage::new();
    storage.insert(HEAD_KEY.to_owned(), v1);
    let (programme, mut form) = load(&storage).expect("an older release's document reads");
    assert_eq!(programme.schema_version, SCHEMA_VERSION);
    assert!(
        save(&mut storage, &mut form, &programme) > 0,
        "it is re-stored as parts"
    );
    assert!(
        !part_keys(&storage[HEAD_KEY]).is_empty(),
        "the head names parts"
    );

    storage.insert(HEAD_KEY.to_owned(), export_json(&sample_programme()));
    assert_eq!(
        load(&storage).expect("an export file reads").0,
        sample_programme()
    );
}

#[test]
fn truncated_text_under_the_head_key_is_refused_and_kept_as_it_was() {
    let text = "{\"schema_version\": 1, \"scope\": tru";
    let mut storage = Storage::new();
    storage.insert(HEAD_KEY.to_owned(), text.to_owned());
    let error = load(&storage).expect_err("truncated");
    assert!(
        error.to_string().starts_with("the file is not valid JSON"),
        "{error}"
    );
    assert_eq!(error.recovered_document(), Some(text));
}

#[test]
fn an_unknown_storage_format_is_refused() {
    let mut storage = Storage::new();
    storage.insert(
        HEAD_KEY.to_owned(),
        r#"{"storage_format":"crosswalk-parts-9","base":"x","controls":[],"evidence":[]}"#.into(),
    );
    assert!(load(&storage)
        .expect_err("unknown format")
        .to_string()
        .contains("storage format \"crosswalk-parts-9\" is not one this Crosswalk reads"));
}

/// The protocol, driven through the engine's `stored::write` with the quota running out at
/// every write a save makes: each part, then the head.
#[test]
fn a_failure_at_any_write_leaves_the_previous_version_readable_and_no_orphan_parts() {
    let previous = grown(250, 1200);
    let mut edited = previous.clone();
    edited.scope.organisation = "Edited".into();
    edited.controls[0].owner = "Edited".into();
    edited.controls[150].owner = "Edited".into();
    edited.evidence[700].title = "Edited".into();

    let mut storage = Storage::new();
    let mut form = StoredForm::default();
    save(&mut storage, &mut form, &previous);
    let stored_before = storage.clone();
    let head_before = storage[HEAD_KEY].clone();

    let mut failing_form = form.clone();
    let new_parts = failing_form.update(&edited).encoded;
    assert_eq!(
        new_parts, 4,
        "base, two control runs and one evidence run changed"
    );
    // new_parts part writes then the head: fail before each of them in turn.
    for allowed in 0..=new_parts {
        let mut storage = stored_before.clone();
        storage.writes_left = Some(allowed);
        let mut form = form.clone();
        let outcome = stored::write(&mut storage, &form.update(&edited));

        assert_eq!(
            outcome,
            Err(WriteError::QuotaFull),
            "{allowed} writes allowed"
        );
        assert_eq!(storage[HEAD_KEY], head_before, "{allowed} writes allowed");
        let named = part_keys(&head_before);
        let orphans: Vec<&String> = parts(&storage)
            .into_iter()
            .filter(|key| !named.contains(*key))
            .collect();
        assert!(orphans.is_empty(), "{allowed} writes allowed: {orphans:?}");
        assert_eq!(*storage, *stored_before, "storage is exactly as before");
        assert_eq!(load(&storage).expect("readable").0, previous);

        storage.writes_left = None;
        stored::write(&mut storage, &form.update(&edited)).expect("room again");
        assert_eq!(load(&storage).expect("readable").0, edited);
        assert_eq!(
            parts(&storage).len(),
            part_keys(&storage[HEAD_KEY]).len(),
            "no stale parts after the retry"
        );
    }
}

#[test]
fn a_part_another_tab_removed_is_written_again() {
    let programme = sample_programme();
    let mut storage = Storage::new();
    let mut form = StoredForm::default();
    save(&mut storage, &mut form, &programme);
    let victim = part_keys(&storage[HEAD_KEY]).pop_last().expect("a part");
    storage.remove(&victim);

    assert_eq!(
        save(&mut storage, &mut form, &programme),
        0,
        "nothing changed here"
    );
    assert!(storage.contains_key(&victim));
    assert_eq!(load(&storage).expect("readable").0, programme);
}

#[test]
fn removing_the_programme_removes_the_head_and_every_part() {
    let mut storage = Storage::new();
    save(
        &mut storage,
        &mut StoredForm::default(),
        &sample_programme(),
    );
    storage.insert("crosswalk.other".into(), "kept".into());
    stored::remove(&mut storage).expect("removed");
    assert_eq!(storage.keys().collect::<Vec<_>>(), ["crosswalk.other"]);
    assert!(stored::load(&storage).is_none());
}

#[test]
fn a_bundle_of_unreadable_storage_keeps_the_head_and_every_named_part() {
    let mut storage = Storage::new();
    save(
        &mut storage,
        &mut StoredForm::default(),
        &sample_programme(),
    );
    let head = storage[HEAD_KEY].clone();
    let bundle: serde_json::Value =
        serde_json::from_str(&stored::raw_bundle(&storage, &head)).expect("JSON");
    let object = bundle.as_object().expect("an object");
    assert_eq!(object[HEAD_KEY], head);
    for key in part_keys(&head) {
        assert_eq!(object[&key], storage[&key], "{key}");
    }
}
