//! Starting a programme: from the starter library, from the sample, or from a file.

use leptos::prelude::*;

use super::{checked, go, input_value};
use crate::catalog::{catalogues, Category};
use crate::crosswalk::coverage::Scope;
use crate::programme::library::{start_from_library, Library};
use crate::programme::{import_json, ProgrammeScope, Report};
use crate::ui::data_files::{DataFile, OnDemand};
use crate::ui::files::read_file_from;
use crate::ui::perf;
use crate::ui::route::{ProgrammeView, Route};
use crate::ui::store::use_store;
use crate::ui::widgets::today;

/// Shown when there is no programme: start from the library, the sample, or a file. The
/// library and the sample are fetched when asked for (`ui::data_files`).
#[component]
pub fn StartView() -> impl IntoView {
    let store = use_store();
    let library_file = OnDemand::new(DataFile::Library);
    let sample_file = OnDemand::new(DataFile::SampleProgramme);
    let organisation = RwSignal::new(String::new());
    let system = RwSignal::new(String::new());
    let elected = RwSignal::new(Scope::default());
    let error = RwSignal::new(None::<String>);
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let organisation = organisation.get_untracked();
        if organisation.trim().is_empty() {
            error.set(Some("Give the organisation's name.".to_owned()));
            return;
        }
        let Some(today) = today() else {
            error.set(Some("This browser's clock gives no valid date.".to_owned()));
            return;
        };
        let scope = ProgrammeScope {
            organisation,
            system: system.get_untracked(),
            categories: elected.get_untracked(),
            report: Report::Type1 { as_of: today },
            iso_scope: String::new(),
        };
        error.set(None);
        library_file.fetch(move |json| {
            let library = Library::parse(json, catalogues()).map_err(|e| e.to_string())?;
            store.replace(Some(start_from_library(scope, &library, catalogues())));
            go(Route::Programme(ProgrammeView::Overview));
            Ok(())
        });
    };
    view! {
        <div class="start">
            <p>"No programme yet in this browser. Start one from the starter library, explore the sample, or import a file you exported earlier."</p>
            <form class="card" on:submit=start aria-labelledby="start-title">
                <h3 id="start-title">"Start from the library"</h3>
                <label>"Organisation" <input type="text" required on:input=move |ev| organisation.set(input_value(&ev)) /></label>
                <label>"System in the SOC 2 report" <input type="text" on:input=move |ev| system.set(input_value(&ev)) /></label>
                <fieldset>
                    <legend>"SOC 2 categories besides security"</legend>
                    {Category::elective()
                        .map(|category| {
                            view! {
                                <label class="inline">
                                    <input type="checkbox" on:change=move |ev| {
                                        if checked(&ev) != elected.with_untracked(|s| s.includes(category)) {
                                            elected.update(|s| s.toggle(category));
                                        }
                                    } />
                                    {category.label()}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <button type="submit" disabled=move || library_file.loading() aria-busy=move || library_file.loading().to_string()>
                    "Start from the library"
                </button>
                {library_file.status()}
            </form>
            <div class="card">
                <h3>"Explore a filled-in programme"</h3>
                <p>"Northwind Analytics, a fictional SaaS company preparing ISO/IEC 27001 certification and a SOC 2 Type 2 report."</p>
                <button
                    type="button"
                    disabled=move || sample_file.loading()
                    aria-busy=move || sample_file.loading().to_string()
                    on:click=move |_| sample_file.fetch(move |json| {
                        let programme = import_json(json.as_bytes()).map_err(|e| e.to_string())?;
                        store.replace(Some(programme));
                        go(Route::Programme(ProgrammeView::Overview));
                        Ok(())
                    })
                >
                    "Open the sample programme"
                </button>
                {sample_file.status()}
            </div>
            <ImportControl />
        </div>
    }
}

/// Import a programme file; a bad file is refused with the reason and changes nothing.
#[component]
pub fn ImportControl() -> impl IntoView {
    let store = use_store();
    let message = store.import_outcome;
    let on_pick = move |ev: leptos::ev::Event| {
        read_file_from(&ev, move |file| {
            let Some((name, bytes)) = file else {
                message.set(Some((false, "The file could not be read.".to_owned())));
                return;
            };
            perf::mark("crosswalk:import");
            match import_json(&bytes) {
                Ok(programme) => {
                    let mut summary = format!(
                        "Imported {name}: {} unified controls, {} evidence items.",
                        programme.controls.len(),
                        programme.evidence.len()
                    );
                    if !programme.merge_conflicts.is_empty() {
                        summary.push_str(&format!(
                            " {} merge conflict(s) to settle: see the overview.",
                            programme.merge_conflicts.len()
                        ));
                    }
                    store.replace_keeping_backup(programme);
                    message.set(Some((true, summary)));
                    perf::mark_after_render("crosswalk:import-rendered");
                }
                Err(error) => message.set(Some((
                    false,
                    format!("{name} was not imported; your programme is unchanged. {error}"),
                ))),
            }
        });
    };
    view! {
        <div class="card import">
            <h3>"Import a programme file"</h3>
            <label>
                "Programme JSON (replaces the programme in this browser; the one it replaces is kept as a backup)"
                <input type="file" accept=".json,application/json" on:change=on_pick />
            </label>
            <super::sheet_import::BackupNotice />
            {move || message.get().map(|(ok, text)| {
                view! { <p class=if ok { "import-ok" } else { "import-error" } role="alert">{text}</p> }
            })}
        </div>
    }
}
