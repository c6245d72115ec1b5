//! The programme workspace: start (from the library, the sample, or a file), scope,
//! applicability, unified controls, evidence, the SOC 2 registers, the coverage dashboard,
//! import/export, and import from a spreadsheet. One file per view; every change goes through an engine edit method
//! ([`crate::programme::edit`]) via the store, and every figure is the engine's.

mod applicability;
mod banner;
mod controls;
mod coverage;
mod evidence;
mod history;
mod merge_file;
mod overview;
mod records;
mod registers;
mod scope;
mod sheet_import;
mod start;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::route::{ProgrammeView, Route};
use crate::ui::store::use_store;

pub use banner::StorageBanner;
pub use coverage::ProgrammeStatus;

fn input_value(ev: &leptos::ev::Event) -> String {
    event_target_value(ev)
}

fn checked(ev: &leptos::ev::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

fn go(route: Route) {
    let _ = window().location().set_hash(&route.to_hash());
}

/// Asks the user to confirm something that cannot be undone.
fn confirm(question: &str) -> bool {
    window().confirm_with_message(question).unwrap_or(false)
}

/// A refusal from the engine, shown beside the field that caused it.
#[component]
fn FieldError(
    /// The message, if the last edit was refused.
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    move || {
        error
            .get()
            .map(|e| view! { <p class="field-error" role="alert">{e}" (not saved)"</p> })
    }
}

/// The programme section: its sub-navigation and the selected view.
#[component]
pub fn ProgrammeSection(
    /// The selected view.
    view: ProgrammeView,
) -> impl IntoView {
    let store = use_store();
    let has_programme = Memo::new(move |_| store.programme().with(Option::is_some));
    let tabs = [
        (ProgrammeView::Overview, "Overview"),
        (ProgrammeView::Scope, "Scope"),
        (ProgrammeView::Applicability, "Applicability"),
        (ProgrammeView::Controls, "Unified controls"),
        (ProgrammeView::Evidence, "Evidence"),
        (ProgrammeView::Registers, "SOC 2 registers"),
        (ProgrammeView::Coverage, "Coverage"),
        (ProgrammeView::Import, "Import"),
        (ProgrammeView::History, "Snapshots and compare"),
    ];
    view! {
        <section class="programme" aria-labelledby="programme-title">
            <h2 id="programme-title">"Your programme"</h2>
            {move || {
                if !has_programme.get() {
                    return view! { <start::StartView /> }.into_any();
                }
                let current = view.clone();
                view! {
                    <nav class="tabs" aria-label="Programme">
                        {tabs
                            .iter()
                            .map(|(tab, label)| {
                                let here = tab.section() == current.section();
                                view! {
                                    <a href=Route::Programme(tab.clone()).to_hash() aria-current=here.then_some("page")>
                                        {*label}
                                    </a>
                                }
                            })
                            .collect_view()}
                    </nav>
                    {match current {
                        ProgrammeView::Overview => view! { <overview::Overview /> }.into_any(),
                        ProgrammeView::Scope => view! { <scope::ScopeEditor /> }.into_any(),
                        ProgrammeView::Applicability => view! { <applicability::ApplicabilityEditor /> }.into_any(),
                        ProgrammeView::Controls => view! { <controls::ControlList /> }.into_any(),
                        ProgrammeView::Control(id) => view! { <controls::ControlEditor id /> }.into_any(),
                        ProgrammeView::Evidence => view! { <evidence::EvidenceList /> }.into_any(),
                        ProgrammeView::EvidenceItem(id) => view! { <evidence::EvidenceEditor id /> }.into_any(),
                        ProgrammeView::Registers => view! { <registers::RegistersEditor /> }.into_any(),
                        ProgrammeView::Coverage => view! { <coverage::CoverageDashboard /> }.into_any(),
                        ProgrammeView::Import => view! { <sheet_import::SheetImportView /> }.into_any(),
                        ProgrammeView::History => view! { <history::HistoryView /> }.into_any(),
                    }}
                }
                .into_any()
            }}
        </section>
    }
}
