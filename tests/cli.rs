//! The `crosswalk` command line: the contract scripts and CI depend on.

use assert_cmd::Command;

fn crosswalk() -> Command {
    Command::cargo_bin("crosswalk").expect("the crosswalk binary is built")
}

fn stdout(args: &[&str]) -> String {
    let output = crosswalk().args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn version_prints_the_crate_version() {
    assert_eq!(
        stdout(&["--version"]),
        format!("crosswalk {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_lists_the_catalog_command() {
    assert!(stdout(&["--help"]).contains("catalog"));
}

#[test]
fn each_catalogue_exports_its_rows_as_csv_by_default() {
    for (name, rows, extra_column) in [
        ("annex-a", 93, "theme"),
        ("clauses", 30, "documented_information"),
        ("tsc", 61, "category"),
        ("dc", 9, "disclosures"),
    ] {
        let text = stdout(&["catalog", name]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().expect("a header").clone();
        assert_eq!(
            &headers.iter().take(3).collect::<Vec<_>>(),
            &["ref", "title", "summary"],
            "{name}"
        );
        assert!(
            headers.iter().any(|h| h == extra_column),
            "{name} lacks {extra_column}"
        );
        let records: Vec<_> = reader
            .records()
            .collect::<Result<_, _>>()
            .expect("valid CSV");
        assert_eq!(records.len(), rows, "{name}");
        assert!(records
            .iter()
            .all(|r| !r[0].is_empty() && !r[1].is_empty() && !r[2].is_empty()));
    }
}

#[test]
fn annex_a_csv_joins_multi_valued_attributes_with_semicolons() {
    let text = stdout(&["catalog", "annex-a"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let column = headers
        .iter()
        .position(|h| h == "security_properties")
        .expect("column");
    let a51 = reader.records().next().expect("row").expect("valid");
    assert_eq!(&a51[0], "A.5.1");
    assert_eq!(&a51[column], "confidentiality;integrity;availability");
}

#[test]
fn each_catalogue_exports_json_objects_with_the_same_field_names() {
    for (name, rows) in [("annex-a", 93), ("clauses", 30), ("tsc", 61), ("dc", 9)] {
        let csv_text = stdout(&["catalog", name]);
        let header: Vec<String> = csv::Reader::from_reader(csv_text.as_bytes())
            .headers()
            .expect("header")
            .iter()
            .map(str::to_owned)
            .collect();
        let json: serde_json::Value =
            serde_json::from_str(&stdout(&["catalog", name, "--format", "json"])).expect("JSON");
        let items = json.as_array().expect("an array");
        assert_eq!(items.len(), rows, "{name}");
        let keys: Vec<String> = items[0]
            .as_object()
            .expect("object")
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, header, "{name}");
    }
}

#[test]
fn an_unknown_catalogue_is_an_error_with_exit_status_2() {
    let output = crosswalk()
        .args(["catalog", "nist"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("invalid value 'nist'"));
    assert!(output.stdout.is_empty());
}
