//! The data files the web app fetches on demand (scripts/data-files.mjs writes them into the
//! build) hold what the engine compiles in for the CLI: the served library is converted from
//! data/library.toml by another TOML parser (smol-toml, in Node) than build.rs's toml crate, so
//! this checks the two agree, that the served sample is the shipped one, and that the served
//! crosswalk texts are, record for record, the long texts the full tables carry.

use std::path::PathBuf;
use std::process::Command;

use crosswalk::catalog::catalogues;
use crosswalk::crosswalk::{crosswalk, texts};
use crosswalk::programme::import_json;
use crosswalk::programme::library::{library, Library, EMBEDDED};
use crosswalk::programme::sample::{sample_programme, SAMPLE_JSON};

/// Runs the build's writer of the data files into a fresh folder (one per `test`) and returns it.
fn written_data_files(test: &str) -> PathBuf {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = std::env::temp_dir().join(format!(
        "crosswalk-data-files-{}-{test}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let output = Command::new("node")
        .current_dir(root)
        .args([
            "--input-type=module",
            "-e",
            "import { writeDataFiles } from './scripts/data-files.mjs'; writeDataFiles(process.argv[1]);",
        ])
        .arg(&dir)
        .output()
        .expect("node runs: run scripts/setup to install Node and the node packages");
    assert!(
        output.status.success(),
        "scripts/data-files.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    dir.join("data")
}

#[test]
fn the_served_files_hold_the_compiled_in_library_and_sample() {
    let dir = written_data_files("library");
    let served_library = std::fs::read_to_string(dir.join("library.json")).expect("library.json");
    let served_sample = std::fs::read_to_string(dir.join("sample-programme.json")).expect("sample");
    std::fs::remove_dir_all(dir.parent().expect("the folder")).expect("cleaned up");

    let as_value = |json: &str| serde_json::from_str::<serde_json::Value>(json).expect("JSON");
    assert_eq!(
        as_value(&served_library),
        as_value(EMBEDDED),
        "smol-toml and the toml crate read data/library.toml alike"
    );
    let parsed = Library::parse(&served_library, catalogues()).expect("a valid library");
    assert_eq!(&parsed, library());

    assert_eq!(served_sample, SAMPLE_JSON);
    assert_eq!(
        import_json(served_sample.as_bytes()).expect("imports"),
        sample_programme()
    );
}

#[test]
fn the_served_crosswalk_texts_are_the_full_tables_long_texts() {
    let dir = written_data_files("texts");
    let served = std::fs::read_to_string(dir.join("crosswalk-texts.txt")).expect("texts file");
    std::fs::remove_dir_all(dir.parent().expect("the folder")).expect("cleaned up");

    assert_eq!(
        served,
        texts::write(crosswalk()),
        "Node and the engine write the same file"
    );
    texts::parse(&served, crosswalk()).expect("the engine reads it against its own tables");
    assert!(
        served.lines().count() > 300,
        "links, residuals and obligations"
    );
}
