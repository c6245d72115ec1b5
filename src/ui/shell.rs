//! The frame both web bundles share: header, navigation, the routed view and the footer.
//!
//! The explorer bundle (crosswalk, catalogues, item pages, matrix, unique register) runs it
//! without a [`Workspace`]; the full app hands it one. The workspace is a table of function
//! pointers that only the full app builds, so none of the programme's code (store, storage,
//! reports, imports) is linked into the explorer bundle.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::catalog::CatalogueKind;
use crate::crosswalk::coverage::Scope;
use crate::crosswalk::Side;
use crate::report::ReportKind;
use crate::ui::catalog::{CatalogueBrowser, ItemDetail};
use crate::ui::crosswalk::{Explorer, LongTexts, MatrixView, ScopeState, UniqueRegister};
use crate::ui::route::{ProgrammeView, Route};
use crate::{PRODUCT_NAME, VERSION};

/// The programme workspace as the shell sees it: what the full app adds to the explorer.
#[derive(Clone, Copy)]
pub struct Workspace {
    /// Provides the programme store and its persistence as context, before any view renders.
    pub provide: fn(),
    /// Notices about the stored programme, shown above every view.
    pub banner: fn() -> AnyView,
    /// A programme or report view.
    pub view: fn(Route) -> AnyView,
    /// "What is left for this requirement in my programme?", on an item's page.
    pub item_status: fn(String) -> AnyView,
}

/// Where the shell runs.
#[derive(Clone, Debug, PartialEq)]
pub enum Placement {
    /// As the page itself: the address bar holds the route.
    Page,
    /// Inside a host page's element: navigation stays in the element and never touches the
    /// host's address; `app_url` is the full app, which every view offers to open.
    Embedded {
        /// The full app's address, ending in `/`.
        app_url: String,
    },
}

/// Dispatched on `window` by the boot module when the workspace bundle could not be loaded;
/// its `detail` says why.
pub const WORKSPACE_FAILED_EVENT: &str = "crosswalk:workspace-failed";
/// Dispatched on `window` by the explorer when the user asks to try loading the workspace again.
pub const WORKSPACE_RETRY_EVENT: &str = "crosswalk:workspace-retry";

fn hash_route() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

/// The route the shell starts on: the address bar's for a page, the host's choice when embedded.
pub fn initial_route(placement: &Placement, embedded_start: &str) -> Route {
    match placement {
        Placement::Page => hash_route(),
        Placement::Embedded { .. } => Route::parse(embedded_start),
    }
}

/// Keeps `route` in step with the address bar (a page), or with the links clicked inside `root`
/// (embedded, where following a `#/…` link would change the host's address instead).
pub fn follow_navigation(
    placement: &Placement,
    root: &web_sys::HtmlElement,
    route: RwSignal<Route>,
) {
    match placement {
        Placement::Embedded { .. } => {
            let root_for_scroll = root.clone();
            let on_click = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(
                move |event: web_sys::MouseEvent| {
                    if let Some(hash) = internal_link(&event) {
                        event.prevent_default();
                        route.set(Route::parse(&hash));
                        root_for_scroll.scroll_into_view();
                    }
                },
            );
            let _ =
                root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
            on_click.forget();
        }
        Placement::Page => {
            let listener =
                window_event_listener(leptos::ev::hashchange, move |_| route.set(hash_route()));
            on_cleanup(move || listener.remove());
        }
    }
}

/// The `#/…` address of an in-app link the click landed on, unless it opens elsewhere.
fn internal_link(event: &web_sys::MouseEvent) -> Option<String> {
    if event.default_prevented()
        || event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
    {
        return None;
    }
    let anchor = event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href^='#/']")
        .ok()??;
    anchor
        .get_attribute("target")
        .is_none()
        .then(|| anchor.get_attribute("href"))
        .flatten()
}

/// The whole interface: header, navigation, the routed view and the footer.
#[component]
pub fn Shell(
    /// The programme workspace, in the full app only.
    workspace: Option<Workspace>,
    /// A page of its own, or embedded in a host page.
    placement: Placement,
    /// The current route, kept by [`follow_navigation`].
    route: RwSignal<Route>,
    /// The SOC 2 scope (the explorer's, when the full app takes over from it).
    scope: RwSignal<Scope>,
) -> impl IntoView {
    provide_context(ScopeState(scope));
    LongTexts::provide(match &placement {
        Placement::Page => "",
        Placement::Embedded { app_url } => app_url,
    });
    if let Some(workspace) = workspace {
        provide_context(workspace);
        (workspace.provide)();
    }
    let app_url = match &placement {
        Placement::Page => None,
        Placement::Embedded { app_url } => Some(app_url.clone()),
    };
    let workspace_sections = [
        (Route::Programme(ProgrammeView::Overview), "Programme"),
        (Route::Report(ReportKind::Soa), "Reports"),
    ];
    let explorer_sections = [
        (Route::Explorer(Side::Tsc), "Crosswalk"),
        (Route::Matrix(None), "Matrix"),
        (Route::Unique, "Unique register"),
    ];
    let sections: Vec<(Route, &'static str)> = workspace_sections
        .into_iter()
        .filter(|_| app_url.is_none())
        .chain(explorer_sections)
        .chain(
            CatalogueKind::ALL
                .into_iter()
                .map(|kind| (Route::Catalogue(kind), kind.label())),
        )
        .collect();
    let open_in_app = app_url.clone().map(|app_url| {
        view! {
            <p class="open-in-app">
                <a href=move || format!("{app_url}{}", route.with(Route::to_hash)) target="_blank" rel="noopener">
                    "Open this page in Crosswalk"
                </a>
            </p>
        }
    });

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
            {open_in_app}
        </header>
        <main id="main" class="app-main" tabindex="-1">
            {workspace.map(|w| (w.banner)())}
            <p class="disclaimer" role="note">
                "The crosswalk is an informative mapping, not a guarantee that satisfying one framework satisfies the other. Your auditor decides."
            </p>
            {move || match route.get() {
                Route::Explorer(side) => view! { <Explorer side /> }.into_any(),
                Route::Matrix(cell) => view! { <MatrixView cell /> }.into_any(),
                Route::Unique => view! { <UniqueRegister /> }.into_any(),
                Route::Catalogue(kind) => view! { <CatalogueBrowser kind /> }.into_any(),
                Route::Item(reference) => view! { <ItemDetail reference /> }.into_any(),
                Route::NotFound(hash) => view! { <NotFound hash /> }.into_any(),
                workspace_route @ (Route::Programme(_) | Route::Report(_)) => match (workspace, &app_url) {
                    (Some(w), _) => (w.view)(workspace_route),
                    (None, Some(app_url)) => view! { <InAppOnly app_url=app_url.clone() route=workspace_route /> }.into_any(),
                    (None, None) => view! { <WorkspacePending /> }.into_any(),
                },
            }}
        </main>
        <footer class="app-footer">
            <p>"Everything stays in this browser. Nothing is sent anywhere; files leave only when you export them."</p>
            <p>"Titles and identifiers are those of ISO/IEC 27001:2022 and the AICPA Trust Services Criteria; every description is Crosswalk's own wording."</p>
        </footer>
    }
}

/// Shown by the explorer bundle while the boot module loads the programme workspace, or with
/// the reason and a retry when it could not.
#[component]
fn WorkspacePending() -> impl IntoView {
    let failure = RwSignal::new(None::<String>);
    let listener = window_event_listener_untyped(WORKSPACE_FAILED_EVENT, move |event| {
        let reason = event
            .dyn_into::<web_sys::CustomEvent>()
            .ok()
            .and_then(|e| e.detail().as_string())
            .unwrap_or_else(|| "the file could not be fetched".to_owned());
        failure.set(Some(reason));
    });
    on_cleanup(move || listener.remove());
    let retry = move |_| {
        failure.set(None);
        if let Ok(event) = web_sys::Event::new(WORKSPACE_RETRY_EVENT) {
            let _ = window().dispatch_event(&event);
        }
    };
    view! {
        <section class="workspace-pending" aria-busy=move || failure.with(Option::is_none).to_string()>
            {move || match failure.get() {
                None => view! { <p role="status">"Opening the programme workspace…"</p> }.into_any(),
                Some(reason) => view! {
                    <p role="alert">
                        "The programme workspace could not be loaded (" {reason} "). Check the connection and try again; nothing has been lost."
                    </p>
                    <button type="button" on:click=retry>"Try again"</button>
                }
                .into_any(),
            }}
        </section>
    }
}

/// An embedded explorer has no workspace: it points to the full app instead.
#[component]
fn InAppOnly(app_url: String, route: Route) -> impl IntoView {
    view! {
        <section class="workspace-pending">
            <p>
                "The programme workspace and reports open in Crosswalk itself: "
                <a href=format!("{app_url}{}", route.to_hash()) target="_blank" rel="noopener">"open Crosswalk"</a>
                "."
            </p>
        </section>
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
