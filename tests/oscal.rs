//! The OSCAL mapping-collection as its consumers read it: every id is an OSCAL token in one
//! scheme, Crosswalk's props carry Crosswalk's own namespace, and two independent OSCAL
//! implementations (compliance-trestle, and oscal-bindings generated from NIST's JSON schema;
//! scripts/setup installs both into .venv) accept the document for every SOC 2 scope.

use std::path::PathBuf;
use std::process::Command;

use crosswalk::catalog::{catalogues, Category};
use crosswalk::crosswalk::coverage::Scope;
use crosswalk::crosswalk::crosswalk;
use crosswalk::export::crosswalk::{oscal_id, oscal_mapping, PROPERTY_NS};
use serde_json::Value;

/// Whether text is an OSCAL token: a letter or underscore, then letters, digits, `.`, `-`, `_`
/// (the ASCII part of the pattern in the OSCAL schemas, which is all Crosswalk writes).
fn is_token(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Every SOC 2 scope worth checking: security alone, each elective category, all of them.
fn scopes() -> Vec<Scope> {
    std::iter::once(Scope::default())
        .chain(Category::elective().map(|c| Scope::with([c])))
        .chain(std::iter::once(Scope::all()))
        .collect()
}

fn document(scope: &Scope) -> Value {
    serde_json::from_str(&oscal_mapping(crosswalk(), catalogues(), scope)).expect("JSON")
}

/// Every control id the document names: map sources and targets, and the gap summaries.
fn ids(document: &Value) -> Vec<String> {
    let mut found = Vec::new();
    for mapping in document["mapping-collection"]["mappings"]
        .as_array()
        .expect("mappings")
    {
        for map in mapping["maps"].as_array().expect("maps") {
            for side in ["sources", "targets"] {
                for item in map[side].as_array().expect("items") {
                    found.push(item["id-ref"].as_str().expect("id-ref").to_owned());
                }
            }
        }
        for gap in ["source-gap-summary", "target-gap-summary"] {
            for unmapped in mapping[gap]["unmapped-controls"]
                .as_array()
                .into_iter()
                .flatten()
            {
                for id in unmapped["with-ids"].as_array().expect("with-ids") {
                    found.push(id.as_str().expect("id").to_owned());
                }
            }
        }
    }
    found
}

#[test]
fn the_token_rule_is_the_schemas() {
    assert!(is_token("A.5.15") && is_token("clause-9.2.1") && is_token("CC6.1"));
    assert!(!is_token("4.4") && !is_token("") && !is_token("A 5"));
}

#[test]
fn every_id_is_an_oscal_token_in_one_scheme() {
    for scope in scopes() {
        let document = document(&scope);
        let ids = ids(&document);
        assert!(ids.len() > 100, "{scope:?}: the scan found the ids");
        let bad: Vec<&String> = ids.iter().filter(|id| !is_token(id)).collect();
        assert!(bad.is_empty(), "{scope:?}: not tokens: {bad:?}");
        // The scheme: clause items prefixed, Annex A controls and criteria as they are.
        assert!(ids.iter().any(|id| id.starts_with("clause-")), "{scope:?}");
        for id in &ids {
            let reference = id.strip_prefix("clause-").unwrap_or(id);
            assert_eq!(&oscal_id(reference), id);
            assert!(
                catalogues().exists(reference),
                "{id} names a catalogue item"
            );
        }
    }
}

#[test]
fn crosswalks_props_carry_a_namespace_crosswalk_owns() {
    assert!(PROPERTY_NS.starts_with("urn:crosswalk:"));
    let text = oscal_mapping(crosswalk(), catalogues(), &Scope::all());
    assert!(!text.contains(".example"), "no example domain anywhere");
    let document: Value = serde_json::from_str(&text).expect("JSON");
    for mapping in document["mapping-collection"]["mappings"]
        .as_array()
        .expect("mappings")
    {
        for map in mapping["maps"].as_array().expect("maps") {
            for prop in map["props"].as_array().expect("props") {
                assert_eq!(prop["ns"], PROPERTY_NS);
            }
        }
    }
}

/// The Python of the virtual environment scripts/setup makes.
fn consumer_python() -> PathBuf {
    let python = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run scripts/setup, which installs the OSCAL validators",
        python.display()
    );
    python
}

#[test]
fn both_oscal_validators_accept_the_mapping_collection_for_every_scope() {
    let python = consumer_python();
    let folder = std::env::temp_dir().join(format!("crosswalk-oscal-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temporary folder");
    let files: Vec<PathBuf> = scopes()
        .iter()
        .enumerate()
        .map(|(i, scope)| {
            let file = folder.join(format!("mapping-{i}.json"));
            std::fs::write(&file, oscal_mapping(crosswalk(), catalogues(), scope))
                .expect("written");
            file
        })
        .collect();
    let output = Command::new(python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/consumers/oscal_validate.py"
        ))
        .args(&files)
        .output()
        .expect("python runs");
    let _ = std::fs::remove_dir_all(&folder);
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "an OSCAL validator refused:\n{}\n{said}",
        String::from_utf8_lossy(&output.stderr)
    );
    for validator in ["compliance-trestle", "oscal-bindings"] {
        assert_eq!(
            said.matches(&format!("accepted by {validator}:")).count(),
            files.len(),
            "{said}"
        );
    }
}

#[test]
fn both_oscal_validators_refuse_what_oscal_refuses() {
    // Guards the guard: a clause number as a bare id in a gap summary is what trestle
    // rejected before ids became tokens; each validator must refuse it on its own.
    let python = consumer_python();
    let mut document = document(&Scope::default());
    let unmapped = &mut document["mapping-collection"]["mappings"][0]["source-gap-summary"]
        ["unmapped-controls"][0];
    unmapped["with-ids"][0] = "4.4".into();
    let file =
        std::env::temp_dir().join(format!("crosswalk-oscal-bad-{}.json", std::process::id()));
    std::fs::write(&file, document.to_string()).expect("written");
    let output = Command::new(python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/consumers/oscal_validate.py"
        ))
        .arg(&file)
        .output()
        .expect("python runs");
    let _ = std::fs::remove_file(&file);
    assert!(!output.status.success());
    let complaints = String::from_utf8_lossy(&output.stderr);
    for validator in ["compliance-trestle", "oscal-bindings"] {
        assert!(
            complaints.contains(&format!("refused by {validator}:")),
            "{complaints}"
        );
    }
}

#[test]
fn every_map_carries_the_points_of_focus_its_link_reaches() {
    let cw = crosswalk();
    let text = oscal_mapping(cw, catalogues(), &Scope::all());
    let document: Value = serde_json::from_str(&text).expect("JSON");
    let maps = document["mapping-collection"]["mappings"][0]["maps"]
        .as_array()
        .expect("maps");
    assert_eq!(maps.len(), cw.links().len());
    let prop = |map: &Value, name: &str| {
        map["props"]
            .as_array()
            .expect("props")
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["value"].as_str().expect("a text value").to_owned())
    };
    let positions = |points: &[u8]| {
        (!points.is_empty()).then(|| {
            points
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    for (map, link) in maps.iter().zip(cw.links()) {
        assert_eq!(map["targets"][0]["id-ref"], oscal_id(&link.tsc));
        assert_eq!(
            prop(map, "points-of-focus-reached"),
            positions(&link.points)
        );
        assert_eq!(
            prop(map, "points-of-focus-reached-in-part"),
            positions(&link.partly)
        );
    }
}
