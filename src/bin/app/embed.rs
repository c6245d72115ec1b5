//! The embeddable explorer: the explorer bundle's views inside another site's element, built
//! with feature `embed`, which leaves out the OSCAL download (about 14 KB gzipped of JSON
//! writing that a documentation page does not need; "Open this page in Crosswalk" offers it).

use wasm_bindgen::prelude::*;

use crosswalk::ui::{self, shell::Placement};

fn main() {
    console_error_panic_hook::set_once();
}

/// Mounts an explorer into a host page's element, starting at `start` (a `#/…` address, the
/// crosswalk when empty); its links to the full app point to `app_url`.
#[wasm_bindgen]
pub fn start_embed(host: web_sys::HtmlElement, start: String, app_url: String) {
    std::mem::forget(ui::mount(
        None,
        Placement::Embedded { app_url },
        Some(host),
        &start,
        "",
    ));
}
