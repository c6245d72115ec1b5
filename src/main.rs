//! The full web app: the explorer plus the programme workspace. Everything lives in the
//! library; this only mounts it, and takes over from the explorer bundle when asked.

use wasm_bindgen::prelude::*;

use crosswalk::ui::{self, shell::Placement};

fn main() {
    console_error_panic_hook::set_once();
}

/// Mounts the full app. `scope` is the SOC 2 scope to start with, as the explorer bundle's
/// `hand_over` returns it (empty on a direct visit).
#[wasm_bindgen]
pub fn start_app(scope: String) {
    std::mem::forget(ui::mount(
        Some(ui::workspace()),
        Placement::Page,
        None,
        "",
        &scope,
    ));
}
