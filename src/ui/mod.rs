//! The web interface: Leptos components over the engine. The only module that imports
//! Leptos or web APIs; it reads the engine's results and never re-computes them.
//!
//! Three bundles mount it: the explorer (`src/bin/app/explorer.rs`: crosswalk, catalogues, item
//! pages, matrix, unique register), the same explorer for other sites (`src/bin/app/embed.rs`),
//! and the full app (`src/main.rs`), which adds the programme workspace through [`workspace`].

mod catalog;
mod crosswalk;
mod data_files;
mod files;
mod perf;
mod programme;
mod reports;
pub mod route;
pub mod shell;
pub mod storage;
pub mod store;
mod widgets;

use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use wasm_bindgen::JsCast;

use crate::crosswalk::coverage::Scope;
use programme::{ProgrammeSection, ProgrammeStatus, StorageBanner};
use reports::ReportsSection;
use route::Route;
use shell::{follow_navigation, initial_route, Placement, Shell, Workspace};
use storage::Persistence;
use store::ProgrammeStore;

/// Id of the host element the app mounts into when a page (a docs site, say) provides one.
pub const MOUNT_ID: &str = "crosswalk";

/// The programme workspace: store, storage, programme views, reports. Only the full app calls
/// this, so only the full app links that code.
pub fn workspace() -> Workspace {
    Workspace {
        provide: || {
            let store = ProgrammeStore::new();
            provide_context(store);
            Persistence::provide(store);
        },
        banner: || view! { <StorageBanner /> }.into_any(),
        view: |route| match route {
            Route::Report(kind) => view! { <ReportsSection kind /> }.into_any(),
            Route::Programme(view) => view! { <ProgrammeSection view /> }.into_any(),
            _ => ().into_any(),
        },
        item_status: |reference| view! { <ProgrammeStatus reference /> }.into_any(),
    }
}

/// A mounted interface, kept so the bundle can hand its place over to another.
pub struct Mounted {
    _handle: UnmountHandle<AnyViewState>,
    scope: RwSignal<Scope>,
}

impl Mounted {
    /// Unmounts the interface and returns its SOC 2 scope as a category list (`availability,privacy`),
    /// for the bundle taking over to start from.
    pub fn hand_over(self) -> String {
        let scope = self.scope.get_untracked();
        scope
            .elected()
            .map(|category| category.id())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Mounts the interface. On a page it goes into the element with id [`MOUNT_ID`] if the page
/// has one, else into `<body>`, and follows the address bar; embedded it goes into `host`,
/// starts at `start` (a `#/…` address) and keeps navigation inside. `scope` is a category list
/// as [`Mounted::hand_over`] returns it; an unreadable one starts from security alone.
pub fn mount(
    workspace: Option<Workspace>,
    placement: Placement,
    host: Option<web_sys::HtmlElement>,
    start: &str,
    scope: &str,
) -> Mounted {
    perf::mark("crosswalk:mounting");
    let host = host
        .or_else(page_host)
        .unwrap_or_else(|| document().body().expect("a page has a body"));
    let scope = RwSignal::new(Scope::parse_list(scope).unwrap_or_default());
    let route = RwSignal::new(initial_route(&placement, start));
    let root = host.clone();
    let handle = mount_to(host, move || {
        follow_navigation(&placement, &root, route);
        view! { <Shell workspace placement route scope /> }.into_any()
    });
    Mounted {
        _handle: handle,
        scope,
    }
}

fn page_host() -> Option<web_sys::HtmlElement> {
    document()
        .get_element_by_id(MOUNT_ID)
        .and_then(|element| element.dyn_into().ok())
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::*;
    use crate::{PRODUCT_NAME, VERSION};
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

        let _mounted = mount(Some(workspace()), Placement::Page, None, "", "");

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
