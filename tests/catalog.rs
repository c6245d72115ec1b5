//! The compiled-in catalogues: complete, exact in their refs, equal to the data files, and
//! validated hard enough that a broken data file fails the tests.

use std::path::Path;

use crosswalk::catalog::{
    self, catalogues, AnnexAFilter, Attribute, CatalogError, Catalogues, Category, ControlType,
    SecurityProperty, Theme, TscFilter,
};
use serde_json::Value;

const FILES: [&str; 4] = ["annex_a", "clauses", "tsc", "dc200"];

/// A data file as a JSON value, read from `data/` as the build script reads it.
fn data_file(stem: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/{stem}.toml"));
    let text = std::fs::read_to_string(&path).expect("the data file is readable");
    toml::from_str(&text).expect("the data file is TOML")
}

#[test]
fn the_compiled_in_catalogues_break_no_rule() {
    assert_eq!(catalogues().problems(), Vec::<String>::new());
}

// Guards the build script's code generator: the static tables must hold exactly what parsing
// the data files gives, nothing dropped, reordered or altered.
#[test]
fn the_compiled_in_catalogues_equal_the_parsed_data_files() {
    let [a, b, t, d] = FILES.map(|stem| data_file(stem).to_string());
    let parsed = Catalogues::from_json(&a, &b, &t, &d).expect("the data files are valid");
    assert_eq!(&parsed, catalogues());
}

#[test]
fn counts_match_the_standards() {
    let c = catalogues();
    assert_eq!(c.annex_a.len(), 93);
    assert_eq!(c.clauses.len(), 30);
    assert_eq!(c.tsc.len(), 61);
    assert_eq!(c.dc.len(), 9);
    assert_eq!(c.series.len(), 20);
    let themes: Vec<usize> = Theme::ALL
        .iter()
        .map(|&t| c.annex_a.by_theme(t).count())
        .collect();
    assert_eq!(themes, [37, 8, 14, 34]);
    let categories: Vec<usize> = Category::ALL
        .iter()
        .map(|&k| c.tsc.by_category(k).count())
        .collect();
    assert_eq!(categories, [33, 3, 2, 5, 18]);
}

#[test]
fn refs_run_from_first_to_last_in_standard_order() {
    let c = catalogues();
    let first_last = |refs: Vec<&str>| (refs[0].to_owned(), refs[refs.len() - 1].to_owned());
    assert_eq!(
        first_last(
            c.annex_a
                .items()
                .iter()
                .map(|i| i.reference.as_ref())
                .collect()
        ),
        ("A.5.1".into(), "A.8.34".into())
    );
    assert_eq!(
        first_last(
            c.clauses
                .items()
                .iter()
                .map(|i| i.reference.as_ref())
                .collect()
        ),
        ("4.1".into(), "10.2".into())
    );
    assert_eq!(
        first_last(c.tsc.items().iter().map(|i| i.reference.as_ref()).collect()),
        ("CC1.1".into(), "P8.1".into())
    );
    let a5: Vec<&str> = c
        .annex_a
        .by_theme(Theme::Organizational)
        .map(|i| i.reference.as_ref())
        .collect();
    let pos = |r: &str| a5.iter().position(|x| *x == r).expect("present");
    assert!(pos("A.5.2") < pos("A.5.10"));
    let clause_refs: Vec<&str> = c
        .clauses
        .items()
        .iter()
        .map(|i| i.reference.as_ref())
        .collect();
    assert_eq!(
        clause_refs,
        [
            "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1.1", "6.1.2", "6.1.3", "6.2",
            "6.3", "7.1", "7.2", "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3", "8.1", "8.2", "8.3",
            "9.1", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.1", "10.2"
        ]
    );
}

#[test]
fn exactly_the_eleven_new_controls_are_marked_new_in_2022() {
    let new: Vec<&str> = catalogues()
        .annex_a
        .items()
        .iter()
        .filter(|c| c.new_in_2022)
        .map(|c| c.reference.as_ref())
        .collect();
    assert_eq!(new, catalog::NEW_IN_2022);
}

#[test]
fn known_entries_carry_their_official_titles_and_facts() {
    let c = catalogues();
    assert_eq!(
        c.annex_a.get("A.5.15").map(|i| i.title.as_ref()),
        Some("Access control")
    );
    assert_eq!(
        c.annex_a.get("A.5.23").map(|i| i.title.as_ref()),
        Some("Information security for use of cloud services")
    );
    assert_eq!(
        c.annex_a.get("A.8.5").map(|i| i.title.as_ref()),
        Some("Secure authentication")
    );
    assert_eq!(
        c.annex_a.get("A.8.34").map(|i| i.title.as_ref()),
        Some("Protection of information systems during audit testing")
    );
    assert_eq!(
        c.clauses.get("9.2.2").map(|i| i.title.as_ref()),
        Some("Internal audit programme")
    );
    let soa = c.clauses.get("6.1.3").expect("6.1.3");
    assert!(soa
        .documented_information
        .iter()
        .any(|d| d.contains("Statement of Applicability")));
    assert!(c
        .clauses
        .get("4.3")
        .expect("4.3")
        .documented_information
        .iter()
        .any(|d| d.contains("scope")));
    assert!(c
        .clauses
        .get("4.1")
        .expect("4.1")
        .amendment_2024
        .as_deref()
        .is_some_and(|a| a.contains("limate")));
    assert!(c.clauses.get("9.1").expect("9.1").amendment_2024.is_none());
    let cc61 = c.tsc.get("CC6.1").expect("CC6.1");
    assert_eq!(
        c.series_of(cc61).map(|s| s.name.as_ref()),
        Some("Logical and Physical Access Controls")
    );
    assert_eq!(c.tsc.get("CC2.1").and_then(|i| i.coso_principle), Some(13));
    assert_eq!(c.tsc.get("CC5.3").and_then(|i| i.coso_principle), Some(12));
    assert_eq!(c.tsc.get("CC6.1").and_then(|i| i.coso_principle), None);
    assert_eq!(
        c.tsc.get("PI1.3").map(|i| i.category),
        Some(Category::ProcessingIntegrity)
    );
    let a812 = c.annex_a.get("A.8.12").expect("A.8.12");
    assert_eq!(a812.theme, Theme::Technological);
    assert!(a812.has(Attribute::ControlType(ControlType::Preventive)));
    assert!(a812.has(Attribute::SecurityProperty(
        SecurityProperty::Confidentiality
    )));
}

#[test]
fn unknown_refs_are_not_found() {
    let c = catalogues();
    for missing in [
        "A.5.38", "A.8.35", "A.9.1", "CC9.3", "P9.1", "11.1", "DC10", "", "nonsense",
    ] {
        assert!(!c.exists(missing), "{missing:?}");
    }
}

#[test]
fn search_finds_items_by_ref_and_by_words_of_title_or_summary() {
    let c = catalogues();
    assert_eq!(
        c.annex_a
            .search("A.5.1")
            .first()
            .map(|i| i.reference.as_ref()),
        Some("A.5.1")
    );
    assert_eq!(
        c.annex_a
            .search("a.5.15")
            .first()
            .map(|i| i.reference.as_ref()),
        Some("A.5.15")
    );
    assert!(c
        .annex_a
        .search("cloud")
        .iter()
        .any(|i| i.reference == "A.5.23"));
    assert!(c
        .annex_a
        .search("CLOUD services")
        .iter()
        .any(|i| i.reference == "A.5.23"));
    assert!(c
        .tsc
        .search("CC6.1")
        .first()
        .is_some_and(|i| i.reference == "CC6.1"));
    assert!(c
        .clauses
        .search("internal audit")
        .iter()
        .any(|i| i.reference == "9.2.2"));
    assert!(c.annex_a.search("zebra-crossing-unicorn").is_empty());
    assert_eq!(c.annex_a.search("").len(), 93);
}

#[test]
fn attribute_filters_combine_values_of_one_attribute_with_or_and_attributes_with_and() {
    let c = catalogues();
    let detective = Attribute::ControlType(ControlType::Detective);
    let corrective = Attribute::ControlType(ControlType::Corrective);
    let integrity = Attribute::SecurityProperty(SecurityProperty::Integrity);
    let only = |attributes: Vec<Attribute>| {
        AnnexAFilter {
            attributes,
            ..Default::default()
        }
        .apply(&c.annex_a)
    };
    let detective_or_corrective = only(vec![detective, corrective]);
    assert!(detective_or_corrective
        .iter()
        .all(|i| i.has(detective) || i.has(corrective)));
    assert!(detective_or_corrective.len() > only(vec![detective]).len());
    let detective_and_integrity = only(vec![detective, integrity]);
    assert!(!detective_and_integrity.is_empty());
    assert!(detective_and_integrity
        .iter()
        .all(|i| i.has(detective) && i.has(integrity)));
    let new_people = AnnexAFilter {
        themes: vec![Theme::People],
        new_in_2022_only: true,
        ..Default::default()
    };
    assert!(
        new_people.apply(&c.annex_a).is_empty(),
        "no people control is new in 2022"
    );
    let privacy = TscFilter {
        categories: vec![Category::Privacy],
        query: String::new(),
    }
    .apply(&c.tsc);
    assert_eq!(privacy.len(), 18);
    assert!(Attribute::parse("control_types:detective") == Some(detective));
}

// The validator is only worth something if it rejects broken data; these mutate the real
// files and check each defect is named.

fn mutated(file: &str, mutate: impl FnOnce(&mut Value)) -> Result<Catalogues, CatalogError> {
    let mut docs = FILES.map(data_file);
    let index = FILES.iter().position(|f| *f == file).expect("known file");
    mutate(&mut docs[index]);
    let [a, b, t, d] = docs.map(|doc| doc.to_string());
    Catalogues::from_json(&a, &b, &t, &d)
}

fn problems(result: Result<Catalogues, CatalogError>) -> String {
    match result {
        Ok(_) => String::new(),
        Err(error) => error.to_string(),
    }
}

#[test]
fn a_missing_control_is_caught() {
    let found = problems(mutated("annex_a", |d| {
        d["control"].as_array_mut().expect("array").remove(10);
    }));
    assert!(found.contains("92 items, expected 93"), "{found}");
    assert!(
        found.contains("organizational: 36 controls, expected 37"),
        "{found}"
    );
}

#[test]
fn a_duplicate_ref_is_caught() {
    let found = problems(mutated("tsc", |d| {
        d["criterion"][1]["ref"] = "CC1.1".into();
    }));
    assert!(found.contains("duplicate ref CC1.1"), "{found}");
}

#[test]
fn a_ref_out_of_format_or_out_of_order_is_caught() {
    let found = problems(mutated("annex_a", |d| {
        d["control"][0]["ref"] = "A5.1".into()
    }));
    assert!(found.contains("\"A5.1\" is out of format"), "{found}");
    let found = problems(mutated("clauses", |d| {
        d["clause"].as_array_mut().expect("array").swap(0, 1)
    }));
    assert!(found.contains("4.1 is out of standard order"), "{found}");
}

#[test]
fn an_empty_title_or_summary_is_caught() {
    let found = problems(mutated("dc200", |d| {
        d["criterion"][2]["summary"] = " ".into()
    }));
    assert!(found.contains("DC3: empty summary"), "{found}");
    let found = problems(mutated("clauses", |d| d["clause"][0]["title"] = "".into()));
    assert!(found.contains("4.1: empty title"), "{found}");
}

#[test]
fn a_wrong_new_in_2022_flag_is_caught() {
    let found = problems(mutated("annex_a", |d| {
        d["control"][0]["new_in_2022"] = true.into()
    }));
    assert!(
        found.contains("A.5.1: new_in_2022 is true, which is wrong"),
        "{found}"
    );
}

#[test]
fn an_attribute_value_outside_its_vocabulary_is_caught() {
    let found = problems(mutated("annex_a", |d| {
        d["control"][0]["control_types"] = serde_json::json!(["proactive"])
    }));
    assert!(found.contains("unknown variant `proactive`"), "{found}");
    let found = problems(mutated("annex_a", |d| {
        d["control"][0]["security_domains"] = serde_json::json!([])
    }));
    assert!(
        found.contains("A.5.1: security_domains is empty"),
        "{found}"
    );
}

#[test]
fn a_criterion_in_the_wrong_series_or_with_a_wrong_coso_principle_is_caught() {
    let found = problems(mutated("tsc", |d| {
        d["criterion"][0]["series"] = "CC2".into()
    }));
    assert!(found.contains("CC1.1: not in series CC2"), "{found}");
    let found = problems(mutated("tsc", |d| {
        d["criterion"][0]["coso_principle"] = 7.into()
    }));
    assert!(
        found.contains("CC1.1: COSO principle Some(7), expected Some(1)"),
        "{found}"
    );
}

#[test]
fn a_wrong_theme_is_caught() {
    let found = problems(mutated("annex_a", |d| {
        d["control"][0]["theme"] = "people".into()
    }));
    assert!(
        found.contains("A.5.1: theme people does not match its number"),
        "{found}"
    );
}
