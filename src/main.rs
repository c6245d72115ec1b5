//! The web app's entry point: everything lives in the library; this only mounts it.

fn main() {
    console_error_panic_hook::set_once();
    crosswalk::ui::mount();
}
