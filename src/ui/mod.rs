//! The web interface: Leptos components over the engine. The only module that imports
//! Leptos or web APIs; it reads the engine's results and never re-computes them.

mod catalog;
mod crosswalk;
mod files;
mod perf;
mod programme;
mod reports;
pub mod route;
pub mod storage;
pub mod store;
mod widgets;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::catalog::CatalogueKind;
use crate::crosswalk::coverage::Scope;
use crate::crosswalk::Side;
use crate::{PRODUCT_NAME, VERSION};
use catalog::{CatalogueBrowser, ItemDetail};
use crosswalk::{Explorer, MatrixView, ScopeState, UniqueRegister};
use programme::{ProgrammeSection, StorageBanner};
use reports::ReportsSection;
use route::{ProgrammeView, Route};
use storage::Persistence;
use store::ProgrammeStore;

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

fn current_route() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

/// The whole application: header, navigation, the routed view and the footer.
#[component]
pub fn App() -> impl IntoView {
    let route = RwSignal::new(current_route());
    let listener =
        window_event_listener(leptos::ev::hashchange, move |_| route.set(current_route()));
    on_cleanup(move || listener.remove());
    provide_context(ScopeState(RwSignal::new(Scope::default())));
    let store = ProgrammeStore::new();
    provide_context(store);
    Persistence::provide(store);
    let sections: Vec<(Route, &'static str)> = [
        (Route::Programme(ProgrammeView::Overview), "Programme"),
        (Route::Report(crate::report::ReportKind::Soa), "Reports"),
        (Route::Explorer(Side::Tsc), "Crosswalk"),
        (Route::Matrix(None), "Matrix"),
        (Route::Unique, "Unique register"),
    ]
    .into_iter()
    .chain(
        CatalogueKind::ALL
            .into_iter()
            .map(|kind| (Route::Catalogue(kind), kind.label())),
    )
    .collect();

    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main") {
                let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }>"Skip to content"</a>
        <header class="app-header">
            <h1 class="product">
                <span class="product-name">{PRODUCT_NAME}</span>
                <span class="product-version" aria-label="version">{format!("v{VERSION}")}</span>
            </h1>
            <p class="tagline">"ISO/IEC 27001:2022 and SOC 2, run as one programme."</p>
            <nav class="main-nav" aria-label="Sections">
                <ul>
                    {sections
                        .into_iter()
                        .map(|(section, label)| {
                            let hash = section.to_hash();
                            let current = move || route.with(|r| r.section().as_ref() == Some(&section));
                            view! {
                                <li>
                                    <a href=hash aria-current=move || current().then_some("page")>
                                        {label}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
        <main id="main" class="app-main" tabindex="-1">
            <StorageBanner />
            <p class="disclaimer" role="note">
                "The crosswalk is an informative mapping, not a guarantee that satisfying one framework satisfies the other. Your auditor decides."
            </p>
            {move || match route.get() {
                Route::Explorer(side) => view! { <Explorer side /> }.into_any(),
                Route::Matrix(cell) => view! { <MatrixView cell /> }.into_any(),
                Route::Unique => view! { <UniqueRegister /> }.into_any(),
                Route::Programme(view) => view! { <ProgrammeSection view /> }.into_any(),
                Route::Report(kind) => view! { <ReportsSection kind /> }.into_any(),
                Route::Catalogue(kind) => view! { <CatalogueBrowser kind /> }.into_any(),
                Route::Item(reference) => view! { <ItemDetail reference /> }.into_any(),
                Route::NotFound(hash) => view! { <NotFound hash /> }.into_any(),
            }}
        </main>
        <footer class="app-footer">
            <p>"Everything stays in this browser. Nothing is sent anywhere; files leave only when you export them."</p>
            <p>"Titles and identifiers are those of ISO/IEC 27001:2022 and the AICPA Trust Services Criteria; every description is Crosswalk's own wording."</p>
        </footer>
    }
}

/// Shown for an address that names nothing, e.g. a mistyped ref in a shared link.
#[component]
fn NotFound(
    /// The address that was asked for.
    hash: String,
) -> impl IntoView {
    view! {
        <section class="not-found">
            <h2>"Nothing at this address"</h2>
            <p>"Crosswalk has no page for " <code>{hash}</code> ". Check the ref, or start from a catalogue."</p>
            <p><a href=Route::default().to_hash()>"Go to the crosswalk"</a></p>
        </section>
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
