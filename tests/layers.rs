//! The engine's layering, checked on the source: data flows one way (catalogues, crosswalk,
//! programme, plan, report, export, ui), so a module may import only modules below it. This
//! rules out import cycles and a renderer sitting below what it renders; and no engine module
//! may import Leptos or a web API.

use std::fs;
use std::path::{Path, PathBuf};

/// Bottom first. Modules on one line are independent of each other.
const LAYERS: &[&[&str]] = &[
    &["table", "sheet", "catalog"],
    &["crosswalk"],
    &["programme"],
    &["plan"],
    &["report"],
    &["export"],
    &["ui"],
];

const WEB_CRATES: &[&str] = &[
    "leptos",
    "web_sys",
    "gloo_storage",
    "wasm_bindgen",
    "js_sys",
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`src/programme/edit.rs` → `programme`).
fn module_of(path: &Path) -> Option<String> {
    let relative = path.strip_prefix("src").ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_owned())
}

/// Every `crate::module` a file names.
fn imported_modules(text: &str) -> Vec<String> {
    text.match_indices("crate::")
        .map(|(at, _)| {
            text[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

#[test]
fn every_module_imports_only_modules_below_it() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut wrong = Vec::new();
    let mut checked = 0;
    for file in &files {
        let Some(module) = module_of(file) else {
            continue;
        };
        let Some(own) = layer_of(&module) else {
            continue;
        };
        let text = fs::read_to_string(file).expect("readable source file");
        for imported in imported_modules(&text) {
            checked += 1;
            match layer_of(&imported) {
                Some(layer) if imported == module || layer < own => {}
                Some(_) => wrong.push(format!("{} imports {imported}", file.display())),
                None => {}
            }
        }
    }
    assert!(checked > 50, "the scan found the imports ({checked})");
    assert!(
        wrong.is_empty(),
        "imports against the layering:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_engine_module_imports_leptos_or_a_web_api() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let engine: Vec<&PathBuf> = files
        .iter()
        .filter(|f| {
            module_of(f)
                .and_then(|m| layer_of(&m))
                .is_some_and(|l| l < layer_of("ui").unwrap_or(0))
        })
        .collect();
    assert!(engine.len() > 20, "the scan found the engine's files");
    for file in engine {
        let text = fs::read_to_string(file).expect("readable source file");
        for web in WEB_CRATES {
            assert!(
                !text.contains(&format!("{web}::")),
                "{} names {web}",
                file.display()
            );
        }
    }
}

#[test]
fn the_layer_check_catches_an_upward_import() {
    assert_eq!(
        imported_modules("use crate::report::ReportKind;"),
        ["report"]
    );
    assert!(layer_of("report") > layer_of("plan"));
    assert_eq!(
        module_of(Path::new("src/plan/mod.rs")).as_deref(),
        Some("plan")
    );
}
