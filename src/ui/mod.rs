//! The web interface: Leptos components over the engine. The only module that imports
//! Leptos or web APIs; it reads the engine's results and never re-computes them.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::{PRODUCT_NAME, VERSION};

/// Id of the host element the app mounts into when a page (a docs site, say) provides one.
pub const MOUNT_ID: &str = "crosswalk";

/// Mounts the app into the element with id [`MOUNT_ID`] if the page has one, else into `<body>`.
pub fn mount() {
    match mount_target() {
        Some(host) => leptos::mount::mount_to(host, App).forget(),
        None => leptos::mount::mount_to_body(App),
    }
}

fn mount_target() -> Option<web_sys::HtmlElement> {
    document()
        .get_element_by_id(MOUNT_ID)
        .and_then(|element| element.dyn_into().ok())
}

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="app-header">
            <h1 class="product">
                <span class="product-name">{PRODUCT_NAME}</span>
                <span class="product-version" aria-label="version">{format!("v{VERSION}")}</span>
            </h1>
            <p class="tagline">"ISO/IEC 27001:2022 and SOC 2, run as one programme."</p>
        </header>
        <main id="main" class="app-main">
            <p class="disclaimer" role="note">
                "The crosswalk is an informative mapping, not a guarantee that satisfying one framework satisfies the other. Your auditor decides."
            </p>
        </main>
        <footer class="app-footer">
            <p>"Everything stays in this browser. Nothing is sent anywhere; files leave only when you export them."</p>
        </footer>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn mounts_into_the_host_element_when_the_page_has_one() {
        let host = document().create_element("div").expect("create div");
        host.set_id(MOUNT_ID);
        document()
            .body()
            .expect("body")
            .append_child(&host)
            .expect("append");

        mount();

        let heading = host
            .query_selector("h1")
            .expect("query")
            .expect("app heading inside host");
        let text = heading.text_content().unwrap_or_default();
        assert!(text.contains(PRODUCT_NAME), "heading was {text:?}");
        assert!(text.contains(VERSION), "heading was {text:?}");
        host.remove();
    }
}
