//! The sample programme of a fictional SaaS company, so a newcomer can explore a filled-in
//! programme in one click (`data/sample_programme.json`).

use super::{import_json, Programme};

/// The sample programme document as shipped, for the CLI and the tests. The web app fetches
/// the same file as `data/sample-programme.json` when the user opens the sample, so its first
/// download does not carry it.
pub const SAMPLE_JSON: &str = include_str!("../../data/sample_programme.json");

/// The sample programme, parsed and validated like any imported file.
pub fn sample_programme() -> Programme {
    import_json(SAMPLE_JSON.as_bytes()).unwrap_or_else(|e| {
        panic!("the shipped sample programme is invalid (the test suite guards this): {e}")
    })
}
