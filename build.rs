//! Turns the reviewable TOML files under `data/` into JSON for the engine to embed.
//!
//! The engine parses JSON at start-up (it already needs `serde_json` for the programme
//! document), so no TOML parser is compiled into the web app.

use std::{env, fs, path::Path};

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    println!("cargo:rerun-if-changed=data");
    let mut entries: Vec<_> = fs::read_dir("data")
        .expect("the data/ directory is readable")
        .map(|entry| entry.expect("a readable data/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    entries.sort();
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("data files are UTF-8");
        let value: toml::Value = toml::from_str(&text)
            .unwrap_or_else(|error| panic!("{} is not valid TOML: {error}", path.display()));
        let json = serde_json::to_string(&value).expect("TOML values convert to JSON");
        let stem = path.file_stem().expect("a file name").to_string_lossy();
        fs::write(Path::new(&out_dir).join(format!("{stem}.json")), json)
            .expect("OUT_DIR is writable");
    }
}
