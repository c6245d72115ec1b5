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

#[test]
fn map_prints_the_contract_header_and_narrows_to_the_elected_categories() {
    let security = stdout(&["map"]);
    let mut reader = csv::Reader::from_reader(security.as_bytes());
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        [
            "iso_ref",
            "tsc_ref",
            "relationship",
            "strength",
            "points_of_focus",
            "points_in_part",
            "rationale",
            "divergence"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    assert!(
        rows.iter().all(|r| r[1].starts_with("CC")),
        "security scope lists only common criteria"
    );
    assert!(rows
        .iter()
        .all(|r| ["equal", "subset", "superset", "intersects"].contains(&&r[2])));
    assert!(rows.iter().any(|r| &r[0] == "A.5.15" && &r[1] == "CC6.1"));
    assert!(rows.iter().any(|r| &r[0] == "9.2.1"));
    let everything = stdout(&[
        "map",
        "--categories",
        "availability,confidentiality,processing-integrity,privacy",
    ]);
    let all_rows = csv::Reader::from_reader(everything.as_bytes())
        .records()
        .count();
    assert!(all_rows > rows.len());
    assert!(everything.contains(",A1.2,"));
}

#[test]
fn verdicts_list_all_61_criteria_and_all_123_iso_items() {
    let text = stdout(&["verdicts"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        ["framework", "ref", "verdict", "residual"]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    assert_eq!(rows.iter().filter(|r| &r[0] == "tsc").count(), 61);
    assert_eq!(rows.iter().filter(|r| &r[0] == "iso").count(), 123);
    assert!(rows
        .iter()
        .all(|r| ["full", "partial", "unique"].contains(&&r[2])));
    assert!(
        rows.iter()
            .filter(|r| &r[2] != "full")
            .all(|r| !r[3].is_empty()),
        "partial and unique rows explain themselves"
    );
}

#[test]
fn unique_and_gaps_answer_in_csv_and_json() {
    let unique: serde_json::Value =
        serde_json::from_str(&stdout(&["unique", "--format", "json"])).expect("JSON");
    assert!(unique
        .as_array()
        .expect("array")
        .iter()
        .any(|o| o["id"] == "iso-soa"
            || o["title"]
                .as_str()
                .is_some_and(|t| t.contains("Statement of Applicability"))));
    let gaps = stdout(&[
        "gaps",
        "--implemented",
        "A.8.5, A.5.15",
        "--categories",
        "availability",
    ]);
    let mut reader = csv::Reader::from_reader(gaps.as_bytes());
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        [
            "tsc_ref",
            "category",
            "verdict",
            "state",
            "implemented",
            "missing",
            "residual"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    assert_eq!(rows.len(), 36);
    let cc61 = rows.iter().find(|r| &r[0] == "CC6.1").expect("CC6.1");
    assert_eq!(&cc61[3], "partial");
    assert!(cc61[4].contains("A.8.5") && cc61[4].contains("A.5.15"));
}

#[test]
fn bad_categories_and_unknown_implemented_refs_exit_2_with_a_message() {
    for (args, message) in [
        (
            vec!["map", "--categories", "avail"],
            "unknown category \"avail\"",
        ),
        (
            vec!["gaps", "--implemented", "A.5.99,CC6.1"],
            "not ISO/IEC 27001:2022 items: A.5.99, CC6.1",
        ),
    ] {
        let output = crosswalk().args(&args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(message),
            "{args:?}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn oscal_output_is_a_mapping_collection_with_the_required_fields_and_vocabularies() {
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&["map", "--format", "oscal"])).expect("JSON");
    let collection = &doc["mapping-collection"];
    let is_uuid = |v: &serde_json::Value| {
        v.as_str()
            .is_some_and(|s| s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4)
    };
    assert!(is_uuid(&collection["uuid"]));
    for field in ["title", "last-modified", "version", "oscal-version"] {
        assert!(
            collection["metadata"][field].is_string(),
            "metadata.{field}"
        );
    }
    let provenance = &collection["provenance"];
    assert!(
        ["human", "automation", "hybrid"].contains(&provenance["method"].as_str().expect("method"))
    );
    assert!(["syntactic", "semantic", "functional"].contains(
        &provenance["matching-rationale"]
            .as_str()
            .expect("rationale")
    ));
    assert!([
        "complete",
        "not-complete",
        "draft",
        "deprecated",
        "superseded"
    ]
    .contains(&provenance["status"].as_str().expect("status")));
    assert!(provenance["mapping-description"].is_string());
    let mappings = collection["mappings"].as_array().expect("mappings");
    assert!(!mappings.is_empty());
    for mapping in mappings {
        assert!(is_uuid(&mapping["uuid"]));
        for resource in ["source-resource", "target-resource"] {
            assert!(
                ["catalog", "profile"].contains(&mapping[resource]["type"].as_str().expect("type"))
            );
            assert!(mapping[resource]["href"].is_string());
        }
        let maps = mapping["maps"].as_array().expect("maps");
        assert!(!maps.is_empty());
        let mut uuids = std::collections::HashSet::new();
        for map in maps {
            assert!(
                is_uuid(&map["uuid"])
                    && uuids.insert(map["uuid"].as_str().expect("uuid").to_owned()),
                "unique map uuids"
            );
            assert!([
                "equivalent-to",
                "equal-to",
                "subset-of",
                "superset-of",
                "intersects-with",
                "no-relationship"
            ]
            .contains(&map["relationship"].as_str().expect("relationship")));
            for side in ["sources", "targets"] {
                let items = map[side].as_array().expect("items");
                assert!(!items.is_empty());
                for item in items {
                    assert!(
                        ["control", "statement"].contains(&item["type"].as_str().expect("type"))
                    );
                    assert!(item["id-ref"].is_string());
                }
            }
            assert!(
                map["remarks"].as_str().is_some_and(|r| !r.is_empty()),
                "rationale in remarks"
            );
        }
        if let Some(gap) = mapping.get("source-gap-summary") {
            assert!(is_uuid(&gap["uuid"]));
            assert!(!gap["unmapped-controls"][0]["with-ids"]
                .as_array()
                .expect("ids")
                .is_empty());
        }
    }
    let everything: serde_json::Value = serde_json::from_str(&stdout(&[
        "map",
        "--format",
        "oscal",
        "--categories",
        "privacy",
    ]))
    .expect("JSON");
    let unmapped = &everything["mapping-collection"]["mappings"][0]["target-gap-summary"]
        ["unmapped-controls"][0]["with-ids"];
    assert!(
        unmapped
            .as_array()
            .expect("ids")
            .iter()
            .any(|id| id == "P2.1"),
        "unique criteria appear in the gap summary"
    );
    assert_eq!(
        stdout(&["map", "--format", "oscal"]),
        stdout(&["map", "--format", "oscal"]),
        "deterministic"
    );
}

#[test]
fn crosswalk_exports_say_once_that_the_mapping_is_informative() {
    for args in [vec!["map"], vec!["verdicts"], vec!["unique"], vec!["gaps"]] {
        let output = crosswalk().args(&args).output().expect("runs");
        assert!(output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            stderr.matches("not an equivalence guarantee").count(),
            1,
            "{args:?}"
        );
    }
    assert!(stdout(&["map", "--format", "oscal"]).contains("not an equivalence guarantee"));
}

#[test]
fn library_lists_the_templates_with_their_refs() {
    let text = stdout(&["library"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(&headers[..4], ["id", "name", "iso_refs", "tsc_refs"]);
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    assert!((50..=90).contains(&rows.len()));
    assert!(rows
        .iter()
        .any(|r| r[2].contains("A.5.15;") || r[2].ends_with("A.5.15")));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["library", "--format", "json"])).expect("JSON");
    assert_eq!(json.as_array().expect("array").len(), rows.len());
}

#[test]
fn the_example_programme_validates_and_has_coverage() {
    let dir = std::env::temp_dir().join(format!("crosswalk-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("example.json");
    std::fs::write(&file, stdout(&["example-programme"])).expect("write");
    let path = file.to_str().expect("UTF-8 path");
    assert!(stdout(&["validate", path]).contains("valid programme for Northwind Analytics"));
    let coverage = stdout(&["coverage", path]);
    assert!(coverage.starts_with("framework,ref,state,controls,evidence_current,gap\n"));
    assert!(coverage.contains("\ntsc,CC6.1,"));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["coverage", path, "--format", "json"])).expect("JSON");
    assert!(json.as_array().expect("array").len() > 100);
}

#[test]
fn validate_lists_every_problem_and_exits_2() {
    let dir = std::env::temp_dir().join(format!("crosswalk-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut doc: serde_json::Value =
        serde_json::from_str(&stdout(&["example-programme"])).expect("JSON");
    doc["controls"][0]["iso"] = serde_json::json!(["A.5.99"]);
    doc["evidence"][0]["controls"] = serde_json::json!(["UC-999"]);
    let file = dir.join("bad.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    let output = crosswalk()
        .args(["validate", file.to_str().expect("path")])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("controls[0].iso[0]: \"A.5.99\" is not an ISO/IEC 27001:2022 item"),
        "{stderr}"
    );
    assert!(
        stderr.contains("evidence[0].controls[0]: UC-999 does not exist"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
    let missing = crosswalk()
        .args(["validate", "/nonexistent/programme.json"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr)
        .contains("cannot read /nonexistent/programme.json"));
}

fn example_file(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("crosswalk-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("example.json");
    std::fs::write(&file, stdout(&["example-programme"])).expect("write");
    file.to_str().expect("UTF-8 path").to_owned()
}

#[test]
fn report_prints_every_artefact_in_csv_json_and_markdown() {
    let file = example_file("report");
    for (kind, header) in [
        ("soa", "control,title,applicable,reasons,risk_reference,justification,status,unified_controls,evidence"),
        ("clauses", "clause,title,documented_information,unified_controls,current_evidence,missing,before_stage_2"),
        ("soc2-matrix", "criterion,title,crosswalk_verdict,unified_control,control_description,status,test,evidence"),
        ("system-description", "section,title,from_the_programme,still_to_write,your_text"),
        ("evidence-requests-iso", "requirement,requirement_title,evidence_id,evidence_title,owner,cadence,samples"),
        ("evidence-requests-soc2", "requirement,requirement_title,evidence_id,evidence_title,owner,cadence,samples"),
        ("plan", "id,name,track,start,end,depends_on,items"),
    ] {
        let csv_text = stdout(&["report", &file, kind]);
        assert!(csv_text.starts_with(&format!("{header}\n")), "{kind}: {}", &csv_text[..80.min(csv_text.len())]);
        let json: serde_json::Value = serde_json::from_str(&stdout(&["report", &file, kind, "--format", "json"])).expect("JSON");
        assert!(!json.as_array().expect("array").is_empty(), "{kind}");
        let md = stdout(&["report", &file, kind, "--format", "md"]);
        assert!(md.starts_with("| ") || md.starts_with("# System Description"), "{kind}");
    }
    let soa = stdout(&["report", &file, "soa"]);
    assert_eq!(
        csv::Reader::from_reader(soa.as_bytes()).records().count(),
        93
    );
}

#[test]
fn the_plan_follows_the_chosen_first_audit_and_start() {
    let file = example_file("plan");
    let ids = |args: &[&str]| -> Vec<String> {
        let text = stdout(args);
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("row")[0].to_owned())
            .collect()
    };
    let iso_first = ids(&[
        "report",
        &file,
        "plan",
        "--first",
        "iso",
        "--start",
        "2026-09-01",
    ]);
    let position =
        |list: &[String], id: &str| list.iter().position(|x| x == id).unwrap_or(usize::MAX);
    assert!(position(&iso_first, "iso-stage-2") < position(&iso_first, "soc2-window"));
    let soc2_first = ids(&["report", &file, "plan", "--first", "soc2"]);
    assert!(position(&soc2_first, "soc2-window") < position(&soc2_first, "iso-stage-2"));
    let first_start = stdout(&["report", &file, "plan", "--start", "2026-09-01"]);
    assert!(
        first_start.contains(",2026-09-01,"),
        "the plan starts on the given day"
    );
    let bad = crosswalk()
        .args(["report", &file, "plan", "--start", "soon"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}

/// A scratch folder for one test, holding the sample programme as `programme.json`.
fn scratch_with_sample(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    std::fs::write(dir.join("programme.json"), stdout(&["example-programme"])).expect("written");
    dir
}

fn sheet_fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/sheets/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn import_controls_takes_a_messy_csv_and_a_workbook_and_writes_a_valid_programme() {
    let dir = scratch_with_sample("import");
    let (into, out) = (dir.join("programme.json"), dir.join("out.json"));
    for sheet in ["controls-excel-semicolon-1252.csv", "controls.xlsx"] {
        let said = stdout(&[
            "import-controls",
            &sheet_fixture(sheet),
            "--into",
            into.to_str().expect("path"),
            "-o",
            out.to_str().expect("path"),
        ]);
        assert!(said.contains("columns: "), "{said}");
        assert!(said.contains("added "), "{said}");
        assert!(stdout(&["validate", out.to_str().expect("path")]).contains("valid programme"));
    }
    let said = stdout(&[
        "import-evidence",
        &sheet_fixture("evidence-register.csv"),
        "--into",
        into.to_str().expect("path"),
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(
        said.contains("added 4 evidence item(s) (EV-201, EV-202, EV-203, EV-204)"),
        "{said}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_controls_refuses_a_sheet_with_bad_rows_naming_each_and_writes_nothing() {
    let dir = scratch_with_sample("import-bad");
    let out = dir.join("out.json");
    let output = crosswalk()
        .args([
            "import-controls",
            &sheet_fixture("controls-bad-rows.csv"),
            "--into",
        ])
        .arg(dir.join("programme.json"))
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    for row in [
        "row 3: unknown ref A.5.99",
        "row 4: the name is empty",
        "row 5: unknown status",
        "row 6: duplicate of row 2",
        "row 7: A.5.1 in the SOC 2 criteria column",
    ] {
        assert!(said.contains(row), "{row} missing from: {said}");
    }
    assert!(!out.exists(), "nothing is written");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_columns_choices_override_the_guess() {
    let dir = scratch_with_sample("import-columns");
    let (into, out) = (dir.join("programme.json"), dir.join("out.json"));
    let run = |columns: &str| {
        crosswalk()
            .args([
                "import-controls",
                &sheet_fixture("controls-excel-semicolon-1252.csv"),
                "--columns",
                columns,
                "--into",
            ])
            .arg(&into)
            .arg("-o")
            .arg(&out)
            .output()
            .expect("runs")
    };
    let output = run("description=Notes,id=");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let programme: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
    let added = programme["controls"]
        .as_array()
        .expect("controls")
        .iter()
        .find(|c| c["name"] == "Access control policy")
        .expect("imported");
    assert_eq!(added["description"], "Policy v2 – see SharePoint");
    let output = run("iso=Annex B");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the sheet has no column \"Annex B\""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_applicability_sets_decisions_with_their_reasons() {
    let dir = scratch_with_sample("import-soa");
    let (into, out) = (dir.join("programme.json"), dir.join("out.json"));
    let said = stdout(&[
        "import-applicability",
        &sheet_fixture("soa-decisions.csv"),
        "--into",
        into.to_str().expect("path"),
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(
        said.contains("updated 4 (A.5.1, A.5.7, A.7.4, A.8.1)"),
        "{said}"
    );
    let soa = stdout(&["report", out.to_str().expect("path"), "soa"]);
    let row = soa
        .lines()
        .find(|l| l.starts_with("A.5.7,"))
        .expect("A.5.7 in the SoA");
    assert!(
        row.contains("risk-treatment") && row.contains("R-12"),
        "{row}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_exits_0_when_equal_1_when_different_and_2_on_bad_input_like_diff() {
    let dir = scratch_with_sample("diff");
    let old = dir.join("programme.json");
    let mut edited: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&old).expect("read")).expect("JSON");
    edited["controls"][0]["owner"] = "Chief of Staff".into();
    let new = dir.join("edited.json");
    std::fs::write(&new, serde_json::to_string_pretty(&edited).expect("JSON")).expect("write");
    let path = |p: &std::path::Path| p.to_str().expect("UTF-8 path").to_owned();

    let same = crosswalk()
        .args(["diff", &path(&old), &path(&old)])
        .output()
        .expect("runs");
    assert_eq!(same.status.code(), Some(0));
    let different = crosswalk()
        .args(["diff", &path(&old), &path(&new), "--format", "csv"])
        .output()
        .expect("runs");
    assert_eq!(different.status.code(), Some(1));
    let text = String::from_utf8(different.stdout).expect("UTF-8");
    assert!(
        text.starts_with("register,key,change,field,old,new\n"),
        "{text}"
    );
    assert!(text.contains("controls,UC-001,changed,owner,"), "{text}");
    assert!(String::from_utf8_lossy(&different.stderr).contains("0 added, 0 removed, 1 changed"));
    let json = crosswalk()
        .args(["diff", &path(&old), &path(&new), "--format", "json"])
        .output()
        .expect("runs");
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(parsed["changes"][0]["key"], "UC-001");

    std::fs::write(dir.join("broken.json"), "{\"schema_version\": 5").expect("write");
    let bad = crosswalk()
        .args(["diff", &path(&old), &path(&dir.join("broken.json"))])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("broken.json"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn merge_refuses_a_bad_file_with_exit_2_and_leaves_ours_untouched() {
    let dir = scratch_with_sample("merge-bad");
    let ours = dir.join("programme.json");
    let before = std::fs::read(&ours).expect("read");
    std::fs::write(dir.join("theirs.json"), "not a programme").expect("write");
    let path = |p: &std::path::Path| p.to_str().expect("UTF-8 path").to_owned();
    let output = crosswalk()
        .args([
            "merge",
            &path(&ours),
            &path(&ours),
            &path(&dir.join("theirs.json")),
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        std::fs::read(&ours).expect("read") == before,
        "OURS untouched"
    );
    let clean = crosswalk()
        .args(["merge", &path(&ours), &path(&ours), &path(&ours)])
        .output()
        .expect("runs");
    assert_eq!(
        clean.status.code(),
        Some(0),
        "merging a file with itself is clean"
    );
    let as_json = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).expect("JSON");
    assert!(
        as_json(&std::fs::read(&ours).expect("read")) == as_json(&before),
        "and changes nothing"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
