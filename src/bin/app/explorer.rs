//! The explorer bundle: the crosswalk both ways, catalogues, item pages, the matrix and the
//! unique register, without the programme workspace. It is the app's first view; the boot
//! module swaps in the full app when the workspace is opened. `src/bin/app/embed.rs` is the same
//! explorer for other sites.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crosswalk::ui::{self, shell::Placement, Mounted};

thread_local! {
    /// The explorer on the page, kept until the full app takes its place.
    static ON_PAGE: RefCell<Option<Mounted>> = const { RefCell::new(None) };
}

fn main() {
    console_error_panic_hook::set_once();
}

/// Mounts the explorer as the page, following the address bar.
#[wasm_bindgen]
pub fn start_explorer() {
    let mounted = ui::mount(None, Placement::Page, None, "", "");
    ON_PAGE.with(|on_page| *on_page.borrow_mut() = Some(mounted));
}

/// Unmounts the page's explorer so the full app can take its place, and returns the SOC 2 scope
/// the user had chosen, for the full app to start from.
#[wasm_bindgen]
pub fn hand_over() -> String {
    ON_PAGE
        .with(|on_page| on_page.borrow_mut().take())
        .map(Mounted::hand_over)
        .unwrap_or_default()
}
