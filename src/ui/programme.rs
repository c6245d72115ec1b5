//! The programme workspace: start (from the library, the sample, or a file), scope,
//! applicability, unified controls, evidence, the coverage dashboard, and import/export.
//! Every computation is the engine's; these components only read and edit the document.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::catalog::{catalogues, Category};
use crate::crosswalk::coverage::CoverageState;
use crate::crosswalk::{crosswalk, Side, Verdict};
use crate::export::programme::{
    applicability_table, controls_table, coverage_table, evidence_table,
};
use crate::programme::coverage::{coverage, ProgrammeCoverage};
use crate::programme::library::{library, start_from_library};
use crate::programme::sample::sample_programme;
use crate::programme::{
    export_json, import_json, parse_dates, parse_ref_list, Cadence, Cuec, EvidenceItem,
    EvidenceKind, Period, Programme, ProgrammeScope, Report, ResidualNote, Status,
    SubserviceMethod, SubserviceOrganisation, UnifiedControl,
};
use crate::ui::files::{download, read_picked_file};
use crate::ui::perf;
use crate::ui::route::{item_hash, ProgrammeView, Route};
use crate::ui::storage::{use_store, StorageNotice};

/// Applies an edit to the programme, if there is one.
fn edit(f: impl FnOnce(&mut Programme)) {
    perf::mark("crosswalk:edit");
    use_store().programme.update(|p| {
        if let Some(p) = p {
            f(p);
        }
    });
    perf::mark_after_render("crosswalk:edit-rendered");
}

fn edit_control(id: &str, f: impl FnOnce(&mut UnifiedControl)) {
    edit(|p| {
        if let Some(c) = p.controls.iter_mut().find(|c| c.id == id) {
            f(c);
        }
    });
}

fn edit_evidence(id: &str, f: impl FnOnce(&mut EvidenceItem)) {
    edit(|p| {
        if let Some(e) = p.evidence.iter_mut().find(|e| e.id == id) {
            f(e);
        }
    });
}

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

/// Banners for storage problems: unreadable data, a full quota, another tab's edits.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let store = use_store();
    move || {
        let notice = store.notice.get()?;
        let view = match notice {
            StorageNotice::Unreadable { reason, backed_up } => view! {
                <div class="banner error" role="alert">
                    <p>
                        "The programme stored in this browser could not be read: " {reason} ". "
                        {if backed_up {
                            "It has been kept unchanged under a backup key; nothing was overwritten."
                        } else {
                            "It could not be copied aside, so saving is paused until you export it."
                        }}
                    </p>
                    <button type="button" on:click=move |_| {
                        if let Some(text) = store.unreadable.get_untracked() {
                            let _ = download("crosswalk-unreadable-programme.json", "application/json", &text);
                        }
                        store.release_unreadable();
                    }>"Export the unreadable data"</button>
                </div>
            }
            .into_any(),
            StorageNotice::QuotaFull => view! {
                <div class="banner error" role="alert">
                    <p>"This browser's storage is full: your latest changes are kept in this tab only and will be lost when it closes. Export the programme now to keep them."</p>
                    <button type="button" on:click=move |_| export_programme()>"Export programme (JSON)"</button>
                </div>
            }
            .into_any(),
            StorageNotice::Unavailable => view! {
                <div class="banner error" role="alert">
                    <p>"This browser does not allow local storage here, so the programme cannot be kept between visits. Export it to keep your work."</p>
                </div>
            }
            .into_any(),
            StorageNotice::Conflict { theirs } => {
                let theirs_for_load = theirs.clone();
                view! {
                    <div class="banner warn" role="alert">
                        <p>"Another tab saved a different version of this programme while you were editing here. Choose which to keep; the other is downloaded first so nothing is lost."</p>
                        <button type="button" on:click=move |_| {
                            export_programme();
                            store.take_theirs(&theirs_for_load);
                        }>"Load the other tab's version"</button>
                        <button type="button" on:click=move |_| {
                            let _ = download("crosswalk-programme-other-tab.json", "application/json", &theirs);
                            store.keep_mine();
                        }>"Keep this tab's version"</button>
                    </div>
                }
                .into_any()
            }
            StorageNotice::UpdatedFromOtherTab => view! {
                <div class="banner info" role="status">
                    <p>"Updated with the changes saved in another tab."</p>
                    <button type="button" on:click=move |_| store.notice.set(None)>"Dismiss"</button>
                </div>
            }
            .into_any(),
        };
        Some(view)
    }
}

fn export_programme() {
    if let Some(text) = use_store()
        .programme
        .with_untracked(|p| p.as_ref().map(export_json))
    {
        let _ = download("crosswalk-programme.json", "application/json", &text);
    }
}

/// The programme section: its sub-navigation and the selected view.
#[component]
pub fn ProgrammeSection(
    /// The selected view.
    view: ProgrammeView,
) -> impl IntoView {
    let store = use_store();
    let tabs = [
        (ProgrammeView::Overview, "Overview"),
        (ProgrammeView::Scope, "Scope"),
        (ProgrammeView::Applicability, "Applicability"),
        (ProgrammeView::Controls, "Unified controls"),
        (ProgrammeView::Evidence, "Evidence"),
        (ProgrammeView::Registers, "SOC 2 registers"),
        (ProgrammeView::Coverage, "Coverage"),
    ];
    let current = view.clone();
    view! {
        <section class="programme" aria-labelledby="programme-title">
            <h2 id="programme-title">"Your programme"</h2>
            {move || {
                if store.programme.with(Option::is_none) {
                    return view! { <StartView /> }.into_any();
                }
                let current = current.clone();
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
                        ProgrammeView::Overview => view! { <Overview /> }.into_any(),
                        ProgrammeView::Scope => view! { <ScopeEditor /> }.into_any(),
                        ProgrammeView::Applicability => view! { <ApplicabilityEditor /> }.into_any(),
                        ProgrammeView::Controls => view! { <ControlList /> }.into_any(),
                        ProgrammeView::Control(id) => view! { <ControlEditor id /> }.into_any(),
                        ProgrammeView::Evidence => view! { <EvidenceList /> }.into_any(),
                        ProgrammeView::EvidenceItem(id) => view! { <EvidenceEditor id /> }.into_any(),
                        ProgrammeView::Registers => view! { <RegistersEditor /> }.into_any(),
                        ProgrammeView::Coverage => view! { <CoverageDashboard /> }.into_any(),
                    }}
                }
                .into_any()
            }}
        </section>
    }
}

/// Shown when there is no programme: start from the library, the sample, or a file.
#[component]
fn StartView() -> impl IntoView {
    let store = use_store();
    let organisation = RwSignal::new(String::new());
    let system = RwSignal::new(String::new());
    let elected = RwSignal::new(Vec::<Category>::new());
    let error = RwSignal::new(None::<String>);
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let organisation = organisation.get_untracked();
        if organisation.trim().is_empty() {
            error.set(Some("Give the organisation's name.".to_owned()));
            return;
        }
        let as_of = js_sys::Date::new_0();
        let today = format!(
            "{:04}-{:02}-{:02}",
            as_of.get_full_year(),
            as_of.get_month() + 1,
            as_of.get_date()
        );
        let Ok(today) = today.parse() else {
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
        store
            .programme
            .set(Some(start_from_library(scope, library(), catalogues())));
        go(Route::Programme(ProgrammeView::Overview));
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
                                        let on = checked(&ev);
                                        elected.update(|list| {
                                            list.retain(|c| *c != category);
                                            if on {
                                                list.push(category);
                                            }
                                        });
                                    } />
                                    {category.label()}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <button type="submit">"Start from the library"</button>
            </form>
            <div class="card">
                <h3>"Explore a filled-in programme"</h3>
                <p>"Northwind Analytics, a fictional SaaS company preparing ISO/IEC 27001 certification and a SOC 2 Type 2 report."</p>
                <button type="button" on:click=move |_| {
                    store.programme.set(Some(sample_programme()));
                    go(Route::Programme(ProgrammeView::Overview));
                }>"Open the sample programme"</button>
            </div>
            <ImportControl />
        </div>
    }
}

/// Import a programme file; a bad file is refused with the reason and changes nothing.
#[component]
fn ImportControl() -> impl IntoView {
    let store = use_store();
    let message = store.import_outcome;
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Some((name, bytes)) = read_picked_file(&input).await else {
                message.set(Some((false, "The file could not be read.".to_owned())));
                return;
            };
            input.set_value("");
            perf::mark("crosswalk:import");
            match import_json(&bytes) {
                Ok(programme) => {
                    let summary = format!(
                        "Imported {name}: {} unified controls, {} evidence items.",
                        programme.controls.len(),
                        programme.evidence.len()
                    );
                    store.programme.set(Some(programme));
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
                "Programme JSON (replaces the programme in this browser)"
                <input type="file" accept=".json,application/json" on:change=on_pick />
            </label>
            {move || message.get().map(|(ok, text)| {
                view! { <p class=if ok { "import-ok" } else { "import-error" } role="alert">{text}</p> }
            })}
        </div>
    }
}

fn programme_coverage() -> Memo<Option<ProgrammeCoverage>> {
    let store = use_store();
    Memo::new(move |_| {
        store
            .programme
            .with(|p| p.as_ref().map(|p| coverage(p, catalogues(), crosswalk())))
    })
}

/// Counts of covered, partial and missing requirements as a bar per framework, with the
/// numbers written out so the chart never relies on colour.
#[component]
fn CoverageChart(
    /// Chart title.
    title: &'static str,
    /// (covered, partial, missing).
    counts: (usize, usize, usize),
) -> impl IntoView {
    let (covered, partial, missing) = counts;
    let total = (covered + partial + missing).max(1) as f64;
    let width = |n: usize| n as f64 / total * 300.0;
    let summary = format!("{title}: {covered} covered, {partial} partial, {missing} missing");
    view! {
        <figure class="chart">
            <figcaption>{summary.clone()}</figcaption>
            <svg viewBox="0 0 300 28" width="300" height="28" role="img" aria-label=summary>
                <rect x="0" y="0" width=width(covered) height="28" class="bar-covered" />
                <rect x=width(covered) y="0" width=width(partial) height="28" class="bar-partial" />
                <rect x=width(covered) + width(partial) y="0" width=width(missing) height="28" class="bar-missing" />
            </svg>
        </figure>
    }
}

/// The programme's coverage in one line, so an edit shows its effect where it is made.
#[component]
fn CoverageLine() -> impl IntoView {
    let cov = programme_coverage();
    move || {
        let ((ic, ip, im), (tc, tp, tm)) = cov.with(|cov| {
            cov.as_ref()
                .map(|cov| (cov.counts(Side::Iso), cov.counts(Side::Tsc)))
        })?;
        Some(view! {
            <p class="coverage-line" role="status">
                {format!("Coverage now: ISO/IEC 27001 {ic} covered, {ip} partial, {im} missing; SOC 2 {tc} covered, {tp} partial, {tm} missing.")}
            </p>
        })
    }
}

#[component]
fn Overview() -> impl IntoView {
    let store = use_store();
    let cov = programme_coverage();
    let name = move || {
        store.programme.with(|p| {
            p.as_ref()
                .map(|p| p.scope.organisation.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <div class="overview">
            <h3>{name}</h3>
            {move || {
                let cov = cov.get()?;
                let total = store.programme.with(|p| p.as_ref().map_or(0, |p| p.controls.len()));
                Some(view! {
                    <div class="charts">
                        <CoverageChart title="ISO/IEC 27001 (clauses and applicable Annex A)" counts=cov.counts(Side::Iso) />
                        <CoverageChart title="SOC 2 (criteria in scope)" counts=cov.counts(Side::Tsc) />
                    </div>
                    <p class="shared">
                        {format!(
                            "{} of {} unified controls count for both frameworks ({}% of the control work is shared).",
                            cov.shared_controls.len(),
                            total,
                            cov.shared_percent(total)
                        )}
                    </p>
                })
            }}
            <ExportMenu />
            <ImportControl />
            <div class="card danger">
                <h3>"Start over"</h3>
                <button type="button" on:click=move |_| {
                    let sure = window()
                        .confirm_with_message("Remove this programme from this browser? Export it first if you want to keep it.")
                        .unwrap_or(false);
                    if sure {
                        store.programme.set(None);
                    }
                }>"Remove programme from this browser"</button>
            </div>
        </div>
    }
}

/// Downloads of the programme in every format.
#[component]
fn ExportMenu() -> impl IntoView {
    let store = use_store();
    let csv = move |name: &'static str, table: fn(&Programme) -> crate::table::Table| {
        move |_| {
            if let Some(text) = store
                .programme
                .with_untracked(|p| p.as_ref().map(|p| table(p).to_csv()))
            {
                let _ = download(name, "text/csv", &text);
            }
        }
    };
    let coverage_csv = move |_| {
        let text = store.programme.with_untracked(|p| {
            p.as_ref()
                .map(|p| coverage_table(&coverage(p, catalogues(), crosswalk())).to_csv())
        });
        if let Some(text) = text {
            let _ = download("crosswalk-coverage.csv", "text/csv", &text);
        }
    };
    view! {
        <div class="card export">
            <h3>"Export"</h3>
            <p>"Files are made in this browser and saved where you choose; nothing is uploaded."</p>
            <button type="button" on:click=move |_| export_programme()>"Whole programme (JSON)"</button>
            <button type="button" on:click=csv("crosswalk-unified-controls.csv", controls_table)>"Unified controls (CSV)"</button>
            <button type="button" on:click=csv("crosswalk-evidence-register.csv", evidence_table)>"Evidence register (CSV)"</button>
            <button type="button" on:click=csv("crosswalk-applicability.csv", applicability_table)>"Applicability (CSV)"</button>
            <button type="button" on:click=coverage_csv>"Coverage (CSV)"</button>
        </div>
    }
}

#[component]
fn ScopeEditor() -> impl IntoView {
    let store = use_store();
    let scope = move || {
        store
            .programme
            .with(|p| p.as_ref().map(|p| p.scope.clone()))
    };
    let date_error = RwSignal::new(None::<String>);
    let set_report = move |kind: &str, first: String, second: String| {
        let parse = |t: &str| {
            t.parse()
                .map_err(|_| format!("{t:?} is not a date of the form 2027-03-31"))
        };
        let report = match kind {
            "type1" => parse(&first).map(|as_of| Report::Type1 { as_of }),
            _ => parse(&first).and_then(|start| {
                parse(&second).map(|end| Report::Type2 {
                    period: Period { start, end },
                })
            }),
        };
        match report {
            Ok(report) => {
                date_error.set(None);
                edit(|p| p.scope.report = report);
            }
            Err(e) => date_error.set(Some(e)),
        }
    };
    move || {
        let scope = scope()?;
        let (kind, first, second) = match scope.report {
            Report::Type1 { as_of } => ("type1", as_of.to_string(), as_of.to_string()),
            Report::Type2 { period } => ("type2", period.start.to_string(), period.end.to_string()),
        };
        let first = RwSignal::new(first);
        let second = RwSignal::new(second);
        Some(view! {
            <form class="editor" on:submit=|ev| ev.prevent_default()>
                <label>"Organisation" <input type="text" prop:value=scope.organisation.clone()
                    on:change=move |ev| { let v = input_value(&ev); edit(|p| p.scope.organisation = v) } /></label>
                <label>"System in the SOC 2 report" <input type="text" prop:value=scope.system.clone()
                    on:change=move |ev| { let v = input_value(&ev); edit(|p| p.scope.system = v) } /></label>
                <label>"ISO/IEC 27001 certification scope (clause 4.3)"
                    <textarea rows="4" prop:value=scope.iso_scope.clone()
                        on:change=move |ev| { let v = input_value(&ev); edit(|p| p.scope.iso_scope = v) }></textarea></label>
                <fieldset>
                    <legend>"SOC 2 categories (security is always in)"</legend>
                    {Category::elective().map(|category| {
                        let on = scope.categories.contains(&category);
                        view! {
                            <label class="inline">
                                <input type="checkbox" prop:checked=on on:change=move |ev| {
                                    let on = checked(&ev);
                                    edit(|p| {
                                        p.scope.categories.retain(|c| *c != category);
                                        if on { p.scope.categories.push(category); }
                                    });
                                } />
                                {category.label()}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset>
                    <legend>"SOC 2 report"</legend>
                    <label class="inline"><input type="radio" name="report" prop:checked=kind == "type1"
                        on:change=move |_| set_report("type1", first.get_untracked(), second.get_untracked()) />"Type 1 (as of a date)"</label>
                    <label class="inline"><input type="radio" name="report" prop:checked=kind == "type2"
                        on:change=move |_| set_report("type2", first.get_untracked(), second.get_untracked()) />"Type 2 (observation period, 3-12 months)"</label>
                    <label>{if kind == "type1" { "As of" } else { "Period start" }}
                        <input type="date" prop:value=first.get_untracked() on:change=move |ev| {
                            first.set(input_value(&ev));
                            set_report(kind, first.get_untracked(), second.get_untracked());
                        } /></label>
                    {(kind == "type2").then(|| view! {
                        <label>"Period end" <input type="date" prop:value=second.get_untracked() on:change=move |ev| {
                            second.set(input_value(&ev));
                            set_report(kind, first.get_untracked(), second.get_untracked());
                        } /></label>
                    })}
                    {move || date_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                </fieldset>
            </form>
        })
    }
}

#[component]
fn ApplicabilityEditor() -> impl IntoView {
    let store = use_store();
    let rows = move || {
        store.programme.with(|p| {
            p.as_ref()
                .map(|p| p.applicability.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <table class="applicability">
            <caption>"Statement of Applicability decisions: include or exclude each Annex A control, with a justification either way."</caption>
            <thead><tr><th scope="col">"Control"</th><th scope="col">"Applicable"</th><th scope="col">"Justification"</th></tr></thead>
            <tbody>
                <For each=rows key=|a| (a.control.clone(), a.applicable, a.justification.clone()) let:entry>
                    {
                        let control = entry.control.clone();
                        let for_toggle = control.clone();
                        let for_text = control.clone();
                        let title = catalogues().title_of(&control).unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row"><a href=item_hash(&control)><span class="ref">{control.clone()}</span></a>" "{title}</th>
                                <td><label class="inline">
                                    <input type="checkbox" prop:checked=entry.applicable on:change=move |ev| {
                                        let on = checked(&ev);
                                        edit(|p| if let Some(a) = p.applicability.iter_mut().find(|a| a.control == for_toggle) { a.applicable = on });
                                    } />
                                    {if entry.applicable { "Included" } else { "Excluded" }}
                                </label></td>
                                <td><input type="text" class="wide" aria-label=format!("Justification for {control}") prop:value=entry.justification.clone()
                                    on:change=move |ev| {
                                        let v = input_value(&ev);
                                        edit(|p| if let Some(a) = p.applicability.iter_mut().find(|a| a.control == for_text) { a.justification = v });
                                    } /></td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn ControlList() -> impl IntoView {
    let store = use_store();
    let query = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        let q = query.get().to_lowercase();
        store.programme.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.controls
                        .iter()
                        .filter(|c| {
                            q.is_empty()
                                || format!(
                                    "{} {} {} {}",
                                    c.id,
                                    c.name,
                                    c.owner,
                                    c.iso.join(" ") + " " + &c.tsc.join(" ")
                                )
                                .to_lowercase()
                                .contains(&q)
                        })
                        .map(|c| {
                            (
                                c.id.clone(),
                                c.name.clone(),
                                c.owner.clone(),
                                c.status,
                                c.iso.len(),
                                c.tsc.len(),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let add = move |_| {
        let mut new_id = String::new();
        edit(|p| new_id = p.add_control("New unified control"));
        go(Route::Programme(ProgrammeView::Control(new_id)));
    };
    view! {
        <ListHead add_label="Add a unified control" filter_label="Filter unified controls" on_add=Callback::new(add) query
            count=Signal::derive(move || format!("{} unified controls", rows.with(Vec::len))) />
        <table class="records">
            <thead><tr><th scope="col">"Id"</th><th scope="col">"Name"</th><th scope="col">"Owner"</th><th scope="col">"Status"</th><th scope="col">"ISO items"</th><th scope="col">"Criteria"</th></tr></thead>
            <tbody>
                <For each=move || rows.get() key=|r| r.clone() let:row>
                    <tr>
                        <td><a href=Route::Programme(ProgrammeView::Control(row.0.clone())).to_hash()>{row.0.clone()}</a></td>
                        <td>{row.1.clone()}</td>
                        <td>{row.2.clone()}</td>
                        <td><span class=format!("status status-{}", row.3.id())>{row.3.label()}</span></td>
                        <td>{row.4}</td>
                        <td>{row.5}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}

/// The head of a record list: an add button, a filter box and the count shown.
#[component]
fn ListHead(
    /// The add button's text.
    add_label: &'static str,
    /// The filter box's accessible name.
    filter_label: &'static str,
    /// Adds a record.
    on_add: Callback<()>,
    /// The filter text.
    query: RwSignal<String>,
    /// How many records are shown, in words.
    count: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="list-head">
            <button type="button" on:click=move |_| on_add.run(())>{add_label}</button>
            <label class="search">
                <span>"Filter"</span>
                <input type="search" aria-label=filter_label on:input=move |ev| query.set(input_value(&ev)) />
            </label>
            <p class="result-count" role="status">{count}</p>
        </div>
    }
}

/// A text field that takes a list of refs and applies it only when every ref is known.
#[component]
fn RefListField(
    /// The label.
    label: &'static str,
    /// Which framework's refs.
    side: Side,
    /// The current refs.
    value: Vec<String>,
    /// Applies a valid list.
    on_valid: Callback<Vec<String>>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    view! {
        <label>
            {label}
            <input type="text" class="wide" prop:value=value.join(", ") aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:change=move |ev| match parse_ref_list(&input_value(&ev), side, catalogues()) {
                    Ok(refs) => { error.set(None); on_valid.run(refs); }
                    Err(e) => error.set(Some(e)),
                } />
        </label>
        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}" (not saved)"</p> })}
    }
}

#[component]
fn ControlEditor(id: String) -> impl IntoView {
    let store = use_store();
    let wanted = id.clone();
    // The form is rebuilt only when what it lays out changes (refs, residual notes, the
    // control's evidence, its name in the heading), not on an edit of another field or the status:
    // those fields already show what the user typed, and a rebuild at a thousand controls
    // would cost a frame.
    let layout = Memo::new(move |_| {
        store.programme.with(|p| {
            p.as_ref().and_then(|p| {
                let c = p.control(&wanted)?;
                let evidence: Vec<String> = p
                    .evidence
                    .iter()
                    .filter(|e| e.controls.contains(&c.id))
                    .map(|e| e.id.clone())
                    .collect();
                Some((
                    c.name.clone(),
                    c.iso.clone(),
                    c.tsc.clone(),
                    c.residuals.clone(),
                    evidence,
                ))
            })
        })
    });
    let wanted = id.clone();
    let control = move || {
        layout.track();
        store
            .programme
            .with_untracked(|p| p.as_ref().and_then(|p| p.control(&wanted).cloned()))
    };
    let merge_error = RwSignal::new(None::<String>);
    move || {
        let Some(c) = control() else {
            return view! { <p>"No unified control " {id.clone()} " in this programme. " <a href=Route::Programme(ProgrammeView::Controls).to_hash()>"Back to the list"</a></p> }.into_any();
        };
        let id = c.id.clone();
        let (i1, i2, i3, i4, i5, i6, i7, i8) = (
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
        );
        let residual_rows = c.tsc.iter().filter(|r| crosswalk().verdict(r).is_some_and(|v| v.verdict != Verdict::Full)).map(|criterion| {
            let note = c.residuals.iter().find(|n| n.tsc == *criterion).map(|n| n.handles.clone()).unwrap_or_default();
            let residual = crosswalk().verdict(criterion).map(|v| v.explanation().to_owned()).unwrap_or_default();
            let (criterion, owner) = (criterion.clone(), id.clone());
            view! {
                <label>
                    {format!("How this control handles what SOC 2 asks beyond ISO for {criterion}")}
                    <span class="hint">{residual}</span>
                    <textarea rows="2" prop:value=note on:change=move |ev| {
                        let text = input_value(&ev);
                        let criterion = criterion.clone();
                        edit_control(&owner, |c| {
                            c.residuals.retain(|n| n.tsc != criterion);
                            if !text.trim().is_empty() { c.residuals.push(ResidualNote { tsc: criterion, handles: text }); }
                        });
                    }></textarea>
                </label>
            }
        }).collect_view();
        let evidence: Vec<(String, String)> = store.programme.with_untracked(|p| {
            p.as_ref()
                .map(|p| {
                    p.evidence
                        .iter()
                        .filter(|e| e.controls.contains(&id))
                        .map(|e| (e.id.clone(), e.title.clone()))
                        .collect()
                })
                .unwrap_or_default()
        });
        view! {
            <form class="editor" on:submit=|ev| ev.prevent_default() aria-labelledby="control-title">
                <h3 id="control-title">{format!("{} {}", c.id, c.name)}</h3>
                <CoverageLine />
                <label>"Name" <input type="text" prop:value=c.name.clone() on:change=move |ev| { let v = input_value(&ev); edit_control(&i1, |c| c.name = v) } /></label>
                <label>"Description" <textarea rows="3" prop:value=c.description.clone() on:change=move |ev| { let v = input_value(&ev); edit_control(&i2, |c| c.description = v) }></textarea></label>
                <label>"Owner" <input type="text" prop:value=c.owner.clone() on:change=move |ev| { let v = input_value(&ev); edit_control(&i3, |c| c.owner = v) } /></label>
                <label>"Status"
                    <select on:change=move |ev| { if let Some(s) = Status::from_id(&input_value(&ev)) { edit_control(&i4, |c| c.status = s) } }>
                        {Status::ALL.into_iter().map(|s| view! { <option value=s.id() selected=s == c.status>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
                <RefListField label="ISO/IEC 27001 items it satisfies" side=Side::Iso value=c.iso.clone()
                    on_valid=Callback::new(move |refs| edit_control(&i5, |c| c.iso = refs)) />
                <RefListField label="Trust Services Criteria it satisfies" side=Side::Tsc value=c.tsc.clone()
                    on_valid=Callback::new(move |refs: Vec<String>| edit_control(&i6, |c| { c.residuals.retain(|n| refs.contains(&n.tsc)); c.tsc = refs; })) />
                {residual_rows}
                <div class="evidence-of-control">
                    <h4>"Evidence"</h4>
                    <ul>{evidence.into_iter().map(|(eid, title)| { let hash = Route::Programme(ProgrammeView::EvidenceItem(eid.clone())).to_hash(); view! { <li><a href=hash>{eid}</a>" "{title}</li> } }).collect_view()}</ul>
                </div>
                <div class="actions">
                    // A typed id rather than a list of every control keeps this form light at
                    // a thousand controls.
                    <label>"Merge another control into this one (its id, e.g. UC-014)"
                        <input type="text" on:change=move |ev| {
                            let absorbed = input_value(&ev).trim().to_owned();
                            let known = store.programme.with_untracked(|p| p.as_ref().is_some_and(|p| p.control(&absorbed).is_some()));
                            if absorbed.is_empty() {
                                merge_error.set(None);
                            } else if absorbed == i7 || !known {
                                merge_error.set(Some(format!("{absorbed} is not another control of this programme")));
                            } else {
                                merge_error.set(None);
                                edit(|p| p.merge_controls(&i7, &absorbed));
                            }
                        } />
                    </label>
                    {move || merge_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                    <button type="button" class="danger" on:click=move |_| {
                        if window().confirm_with_message(&format!("Delete {}? Its id will not be reused.", i8)).unwrap_or(false) {
                            edit(|p| p.delete_control(&i8));
                            go(Route::Programme(ProgrammeView::Controls));
                        }
                    }>"Delete this control"</button>
                </div>
            </form>
        }
        .into_any()
    }
}

#[component]
fn EvidenceList() -> impl IntoView {
    let store = use_store();
    let query = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        let q = query.get().to_lowercase();
        store.programme.with(|p| {
            p.as_ref()
                .map(|p| {
                    let window = p.scope.report.window();
                    p.evidence
                        .iter()
                        .filter(|e| {
                            q.is_empty()
                                || format!(
                                    "{} {} {} {}",
                                    e.id,
                                    e.title,
                                    e.owner,
                                    e.controls.join(" ")
                                )
                                .to_lowercase()
                                .contains(&q)
                        })
                        .map(|e| {
                            (
                                e.id.clone(),
                                e.title.clone(),
                                e.owner.clone(),
                                e.cadence.id(),
                                e.is_current(&window),
                                e.controls.join(", "),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let add = move |_| {
        let mut new_id = String::new();
        edit(|p| new_id = p.add_evidence("New evidence item", EvidenceKind::Record, Cadence::Once));
        go(Route::Programme(ProgrammeView::EvidenceItem(new_id)));
    };
    view! {
        <ListHead add_label="Add an evidence item" filter_label="Filter evidence" on_add=Callback::new(add) query
            count=Signal::derive(move || format!("{} evidence items", rows.with(Vec::len))) />
        <table class="records">
            <thead><tr><th scope="col">"Id"</th><th scope="col">"Title"</th><th scope="col">"Owner"</th><th scope="col">"Cadence"</th><th scope="col">"Current for the period"</th><th scope="col">"Supports"</th></tr></thead>
            <tbody>
                <For each=move || rows.get() key=|r| r.clone() let:row>
                    <tr>
                        <td><a href=Route::Programme(ProgrammeView::EvidenceItem(row.0.clone())).to_hash()>{row.0.clone()}</a></td>
                        <td>{row.1.clone()}</td>
                        <td>{row.2.clone()}</td>
                        <td>{row.3}</td>
                        <td>{if row.4 { "Yes" } else { "No" }}</td>
                        <td>{row.5.clone()}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn EvidenceEditor(id: String) -> impl IntoView {
    let store = use_store();
    let wanted = id.clone();
    let item = move || {
        store
            .programme
            .with(|p| p.as_ref().and_then(|p| p.evidence_item(&wanted).cloned()))
    };
    let controls = move || {
        store.programme.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.controls
                        .iter()
                        .map(|c| (c.id.clone(), c.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let error = RwSignal::new(None::<String>);
    move || {
        let Some(e) = item() else {
            return view! { <p>"No evidence item " {id.clone()} " in this programme. " <a href=Route::Programme(ProgrammeView::Evidence).to_hash()>"Back to the list"</a></p> }.into_any();
        };
        let id = e.id.clone();
        let (i1, i2, i3, i4, i5, i6, i7, i8, i9) = (
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
        );
        let dates = e
            .collected
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let period = e.period;
        view! {
            <form class="editor" on:submit=|ev| ev.prevent_default() aria-labelledby="evidence-title">
                <h3 id="evidence-title">{format!("{} {}", e.id, e.title)}</h3>
                <label>"Title" <input type="text" prop:value=e.title.clone() on:change=move |ev| { let v = input_value(&ev); edit_evidence(&i1, |e| e.title = v) } /></label>
                <label>"Kind" <select on:change=move |ev| if let Some(k) = EvidenceKind::from_id(&input_value(&ev)) { edit_evidence(&i2, |e| e.kind = k) }>
                    {EvidenceKind::ALL.into_iter().map(|k| view! { <option value=k.id() selected=k == e.kind>{k.id()}</option> }).collect_view()}
                </select></label>
                <label>"Owner" <input type="text" prop:value=e.owner.clone() on:change=move |ev| { let v = input_value(&ev); edit_evidence(&i3, |e| e.owner = v) } /></label>
                <label>"Cadence" <select on:change=move |ev| if let Some(c) = Cadence::from_id(&input_value(&ev)) { edit_evidence(&i4, |e| e.cadence = c) }>
                    {Cadence::ALL.into_iter().map(|c| view! { <option value=c.id() selected=c == e.cadence>{c.id()}</option> }).collect_view()}
                </select></label>
                <label>"Location (a path or address you keep elsewhere; Crosswalk never opens it)"
                    <input type="text" class="wide" prop:value=e.location.clone() on:change=move |ev| { let v = input_value(&ev); edit_evidence(&i5, |e| e.location = v) } /></label>
                <label>"Collected on (dates, YYYY-MM-DD, comma-separated)"
                    <input type="text" class="wide" prop:value=dates on:change=move |ev| match parse_dates(&input_value(&ev)) {
                        Ok(d) => { error.set(None); edit_evidence(&i6, |e| e.collected = d) }
                        Err(m) => error.set(Some(m)),
                    } /></label>
                <label>"Covers the period from" <input type="date" prop:value=period.map(|p| p.start.to_string()).unwrap_or_default() on:change=move |ev| {
                    let v = input_value(&ev);
                    match v.parse() {
                        Ok(start) => edit_evidence(&i7, |e| e.period = Some(Period { start, end: e.period.map_or(start, |p| p.end.max(start)) })),
                        Err(_) => edit_evidence(&i7, |e| e.period = None),
                    }
                } /></label>
                <label>"to" <input type="date" prop:value=period.map(|p| p.end.to_string()).unwrap_or_default() on:change=move |ev| {
                    if let Ok(end) = input_value(&ev).parse() {
                        edit_evidence(&i8, |e| e.period = Some(Period { start: e.period.map_or(end, |p| p.start.min(end)), end }));
                    }
                } /></label>
                {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}" (not saved)"</p> })}
                <fieldset class="supports">
                    <legend>"Supports these unified controls"</legend>
                    {controls().into_iter().map(|(cid, name)| {
                        let on = e.controls.contains(&cid);
                        let (owner, cid2) = (i9.clone(), cid.clone());
                        view! {
                            <label class="inline"><input type="checkbox" prop:checked=on on:change=move |ev| {
                                let on = checked(&ev);
                                let cid = cid2.clone();
                                edit_evidence(&owner, |e| { e.controls.retain(|c| *c != cid); if on { e.controls.push(cid); } });
                            } />{format!("{cid} {name}")}</label>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="button" class="danger" on:click=move |_| {
                    if window().confirm_with_message(&format!("Delete {id}? Its id will not be reused.")).unwrap_or(false) {
                        let gone = id.clone();
                        edit(|p| p.delete_evidence(&gone));
                        go(Route::Programme(ProgrammeView::Evidence));
                    }
                }>"Delete this evidence item"</button>
            </form>
        }
        .into_any()
    }
}

#[component]
fn CoverageDashboard() -> impl IntoView {
    let cov = programme_coverage();
    let filter = RwSignal::new(None::<CoverageState>);
    let section = move |side: Side, title: &'static str| {
        move || {
            let cov = cov.get()?;
            let list = match side {
                Side::Iso => cov.iso.clone(),
                Side::Tsc => cov.tsc.clone(),
            };
            let shown: Vec<_> = list
                .into_iter()
                .filter(|r| filter.get().is_none_or(|s| r.state == s))
                .collect();
            Some(view! {
                <section aria-label=title>
                    <CoverageChart title counts=cov.counts(side) />
                    <table class="records coverage">
                        <thead><tr><th scope="col">"Requirement"</th><th scope="col">"State"</th><th scope="col">"Unified controls"</th><th scope="col">"What is missing"</th></tr></thead>
                        <tbody>
                            {shown.into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row"><a href=item_hash(&r.reference)><span class="ref">{r.reference.clone()}</span></a>" "{catalogues().title_of(&r.reference).unwrap_or_default()}</th>
                                    <td><span class=format!("state state-{}", r.state.id())>{r.state.id()}</span></td>
                                    <td>{r.controls.iter().map(|(id, status)| view! { <a href=Route::Programme(ProgrammeView::Control(id.clone())).to_hash()>{id.clone()}</a>{format!(" ({}) ", status.label())} }).collect_view()}</td>
                                    <td>{r.gap.clone().unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            })
        }
    };
    view! {
        <div class="dashboard">
            <fieldset class="chips">
                <legend>"Show"</legend>
                {[None, Some(CoverageState::Covered), Some(CoverageState::Partial), Some(CoverageState::Missing)].into_iter().map(|state| {
                    let label = state.map_or("all", CoverageState::id);
                    view! { <button type="button" class="chip" aria-pressed=move || (filter.get() == state).to_string() on:click=move |_| filter.set(state)>{label}</button> }
                }).collect_view()}
            </fieldset>
            <h3>"ISO/IEC 27001"</h3>
            {section(Side::Iso, "ISO/IEC 27001 coverage")}
            <h3>"SOC 2"</h3>
            {section(Side::Tsc, "SOC 2 coverage")}
        </div>
    }
}

/// Answers "given what is implemented, what is left for this requirement?" on an item's
/// detail view, from the programme's coverage.
#[component]
pub fn ProgrammeStatus(
    /// The requirement's ref.
    reference: String,
) -> impl IntoView {
    let cov = programme_coverage();
    move || {
        let cov = cov.get()?;
        let found = cov
            .iso
            .iter()
            .chain(&cov.tsc)
            .find(|r| r.reference == reference)
            .cloned();
        Some(match found {
            None => view! {
                <section class="programme-status" aria-labelledby="programme-status-title">
                    <h3 id="programme-status-title">"In your programme"</h3>
                    <p>"Not in your programme's scope (an excluded Annex A control or a SOC 2 category you have not elected)."</p>
                </section>
            }
            .into_any(),
            Some(r) => view! {
                <section class="programme-status" aria-labelledby="programme-status-title">
                    <h3 id="programme-status-title">"In your programme"</h3>
                    <p>"State: " <span class=format!("state state-{}", r.state.id())>{r.state.id()}</span></p>
                    <p class="what-is-left">{r.gap.clone().unwrap_or_else(|| "Nothing left: satisfied by an implemented control with current evidence.".to_owned())}</p>
                    <p>"Unified controls: "
                        {if r.controls.is_empty() { view! { <span>"none"</span> }.into_any() } else {
                            r.controls.iter().map(|(id, status)| view! {
                                <a href=Route::Programme(ProgrammeView::Control(id.clone())).to_hash()>{id.clone()}</a>{format!(" ({}) ", status.label())}
                            }).collect_view().into_any()
                        }}
                    </p>
                </section>
            }
            .into_any(),
        })
    }
}

/// An edit that applies a validated list of criteria to one register entry.
type CriteriaEdit = Box<dyn FnOnce(&mut Programme, Vec<String>)>;

/// The SOC 2 registers the System Description draws on: complementary user entity controls
/// (DC6), subservice organisations (DC7), and the user's own text for each DC section.
#[component]
fn RegistersEditor() -> impl IntoView {
    let store = use_store();
    let snapshot = move || {
        store.programme.with(|p| {
            p.as_ref().map(|p| {
                (
                    p.cuecs.clone(),
                    p.subservice_organisations.clone(),
                    p.description_notes.clone(),
                )
            })
        })
    };
    let criteria_error = RwSignal::new(None::<String>);
    let set_criteria = move |text: String, apply: CriteriaEdit| match parse_ref_list(
        &text,
        Side::Tsc,
        catalogues(),
    ) {
        Ok(refs) => {
            criteria_error.set(None);
            edit(|p| apply(p, refs));
        }
        Err(e) => criteria_error.set(Some(e)),
    };
    let add_cuec = move |_| {
        edit(|p| {
            let next = p
                .cuecs
                .iter()
                .filter_map(|c| {
                    c.id.strip_prefix("CUEC-")
                        .and_then(|n| n.parse::<u32>().ok())
                })
                .max()
                .unwrap_or(0)
                + 1;
            p.cuecs.push(Cuec {
                id: format!("CUEC-{next:02}"),
                description: "Describe what customers must do.".to_owned(),
                criteria: Vec::new(),
            });
        })
    };
    let add_subservice = move |_| {
        edit(|p| {
            p.subservice_organisations.push(SubserviceOrganisation {
                name: "New subservice organisation".to_owned(),
                services: String::new(),
                method: SubserviceMethod::CarveOut,
                csocs: Vec::new(),
                criteria: Vec::new(),
            })
        })
    };
    move || {
        let (cuecs, subservices, notes) = snapshot()?;
        Some(view! {
            <div class="registers">
                {move || criteria_error.get().map(|e| view! { <p class="field-error" role="alert">{e}" (not saved)"</p> })}
                <section aria-labelledby="cuec-title">
                    <h3 id="cuec-title">"Complementary user entity controls (DC6)"</h3>
                    {cuecs.into_iter().enumerate().map(|(i, cuec)| view! {
                        <fieldset class="card">
                            <legend>{cuec.id.clone()}</legend>
                            <label>"What customers must do"
                                <textarea rows="2" prop:value=cuec.description.clone() on:change=move |ev| { let v = input_value(&ev); edit(|p| if let Some(c) = p.cuecs.get_mut(i) { c.description = v }) }></textarea></label>
                            <label>"Criteria it complements"
                                <input type="text" prop:value=cuec.criteria.join(", ") on:change=move |ev| set_criteria(input_value(&ev), Box::new(move |p, refs| if let Some(c) = p.cuecs.get_mut(i) { c.criteria = refs })) /></label>
                            <button type="button" class="danger" on:click=move |_| edit(|p| { if i < p.cuecs.len() { p.cuecs.remove(i); } })>{format!("Remove {}", cuec.id)}</button>
                        </fieldset>
                    }).collect_view()}
                    <button type="button" on:click=add_cuec>"Add a CUEC"</button>
                </section>
                <section aria-labelledby="subservice-title">
                    <h3 id="subservice-title">"Subservice organisations (DC7)"</h3>
                    {subservices.into_iter().enumerate().map(|(i, org)| view! {
                        <fieldset class="card">
                            <legend>{org.name.clone()}</legend>
                            <label>"Name" <input type="text" prop:value=org.name.clone() on:change=move |ev| { let v = input_value(&ev); edit(|p| if let Some(o) = p.subservice_organisations.get_mut(i) { o.name = v }) } /></label>
                            <label>"Services it provides" <input type="text" class="wide" prop:value=org.services.clone() on:change=move |ev| { let v = input_value(&ev); edit(|p| if let Some(o) = p.subservice_organisations.get_mut(i) { o.services = v }) } /></label>
                            <label>"Method"
                                <select on:change=move |ev| {
                                    let method = if input_value(&ev) == "inclusive" { SubserviceMethod::Inclusive } else { SubserviceMethod::CarveOut };
                                    edit(|p| if let Some(o) = p.subservice_organisations.get_mut(i) { o.method = method });
                                }>
                                    <option value="carve-out" selected=org.method == SubserviceMethod::CarveOut>"Carve-out"</option>
                                    <option value="inclusive" selected=org.method == SubserviceMethod::Inclusive>"Inclusive"</option>
                                </select>
                            </label>
                            <label>"Complementary subservice organisation controls (one per line)"
                                <textarea rows="3" prop:value=org.csocs.join("\n") on:change=move |ev| {
                                    let lines: Vec<String> = input_value(&ev).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
                                    edit(|p| if let Some(o) = p.subservice_organisations.get_mut(i) { o.csocs = lines });
                                }></textarea></label>
                            <label>"Criteria it bears on"
                                <input type="text" prop:value=org.criteria.join(", ") on:change=move |ev| set_criteria(input_value(&ev), Box::new(move |p, refs| if let Some(o) = p.subservice_organisations.get_mut(i) { o.criteria = refs })) /></label>
                            <button type="button" class="danger" on:click=move |_| edit(|p| { if i < p.subservice_organisations.len() { p.subservice_organisations.remove(i); } })>{format!("Remove {}", org.name)}</button>
                        </fieldset>
                    }).collect_view()}
                    <button type="button" on:click=add_subservice>"Add a subservice organisation"</button>
                </section>
                <section aria-labelledby="notes-title">
                    <h3 id="notes-title">"System Description text"</h3>
                    <p>"Your own words for each section; the draft in Reports adds what the programme already knows."</p>
                    {catalogues().dc.items().iter().map(|dc| {
                        let key = dc.reference.clone();
                        let text = notes.get(&key).cloned().unwrap_or_default();
                        view! {
                            <label>{format!("{} {}", dc.reference, dc.title)}
                                <textarea rows="3" prop:value=text on:change=move |ev| {
                                    let v = input_value(&ev);
                                    let key = key.clone();
                                    edit(|p| { if v.trim().is_empty() { p.description_notes.remove(&key); } else { p.description_notes.insert(key, v); } });
                                }></textarea>
                            </label>
                        }
                    }).collect_view()}
                </section>
            </div>
        })
    }
}
