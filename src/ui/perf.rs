//! Performance API marks around the moments the benchmark measures (first render, an edit
//! re-rendered, a save, an import). Marks cost nothing noticeable and stay in the page; off the
//! browser (the store's native tests) there is no page and they are skipped.

use leptos::prelude::*;

/// Sets a mark now.
pub fn mark(name: &str) {
    if cfg!(target_arch = "wasm32") {
        if let Some(performance) = window().performance() {
            let _ = performance.mark(name);
        }
    }
}

/// Sets a mark once the current update and the rendering it schedules have run: a zero-delay
/// timeout fires after every pending microtask, which is where Leptos applies DOM updates.
pub fn mark_after_render(name: &'static str) {
    if cfg!(target_arch = "wasm32") {
        let _ = set_timeout_with_handle(move || mark(name), std::time::Duration::ZERO);
    }
}
