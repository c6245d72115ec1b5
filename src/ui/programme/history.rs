//! The programme through time: snapshots (take, open read-only, download, delete), comparing
//! any two versions (a snapshot, now, or a file), merging a file in (`merge_file`), and
//! starting the next audit period.

use leptos::prelude::*;

use super::merge_file::MergeFile;
use super::overview::CoverageChart;
use super::{confirm, input_value, FieldError};
use crate::catalog::catalogues;
use crate::crosswalk::{crosswalk, Side};
use crate::export::diff::diff_table;
use crate::programme::coverage::coverage;
use crate::programme::diff::diff;
use crate::programme::edit::report_from_dates;
use crate::programme::{export_json, import_json, Programme};
use crate::ui::files::{download, read_file_from};
use crate::ui::reports::ReportTable;
use crate::ui::store::use_store;
use crate::ui::widgets::today;

/// Which version a side of the comparison shows.
#[derive(Debug, Clone, PartialEq)]
enum Version {
    /// The programme as it is.
    Now,
    /// A snapshot, by name.
    Snapshot(String),
    /// A file the user picked, by name.
    File(String),
}

impl Version {
    fn id(&self) -> String {
        match self {
            Version::Now => "now".to_owned(),
            Version::Snapshot(name) => format!("snapshot:{name}"),
            Version::File(name) => format!("file:{name}"),
        }
    }

    fn from_id(id: &str) -> Version {
        if let Some(name) = id.strip_prefix("snapshot:") {
            Version::Snapshot(name.to_owned())
        } else if let Some(name) = id.strip_prefix("file:") {
            Version::File(name.to_owned())
        } else {
            Version::Now
        }
    }
}

/// The history view.
#[component]
pub fn HistoryView() -> impl IntoView {
    let store = use_store();
    let older = RwSignal::new(Version::Now);
    let newer = RwSignal::new(Version::Now);
    let picked: RwSignal<Option<(String, Programme)>> = RwSignal::new(None);
    let open = RwSignal::new(None::<String>);
    // Compare the newest snapshot with now until the user picks something else.
    Effect::new(move |_| {
        if older.get_untracked() == Version::Now {
            if let Some(name) = store
                .programme()
                .with_untracked(|p| p.as_ref()?.snapshots.last().map(|s| s.name.clone()))
            {
                older.set(Version::Snapshot(name));
            }
        }
    });
    view! {
        <div class="history">
            <TakeSnapshot />
            <SnapshotList older open />
            {move || open.get().map(|name| view! { <SnapshotReadOnly name open /> })}
            <Compare older newer picked />
            <MergeFile />
            <NextPeriod />
        </div>
    }
}

#[component]
fn TakeSnapshot() -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None);
    let name = RwSignal::new(String::new());
    let take = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(day) = today() else { return };
        let wanted = name.get_untracked();
        if store
            .edit_or_show(error, |p| p.take_snapshot(&wanted, day))
            .is_some()
        {
            name.set(String::new());
        }
    };
    view! {
        <form class="card" on:submit=take>
            <h3>"Take a snapshot"</h3>
            <p>"Freeze the programme as it is now, under a name such as \"ISO stage 2\" or \"End of SOC 2 period 1\". Snapshots travel with the exported file."</p>
            <label>"Snapshot name "
                <input type="text" prop:value=move || name.get() on:input=move |ev| name.set(input_value(&ev)) />
            </label>
            " "
            <button type="submit">"Take snapshot"</button>
            <FieldError error />
        </form>
    }
}

#[component]
fn SnapshotList(older: RwSignal<Version>, open: RwSignal<Option<String>>) -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None);
    let rows = move || {
        store.programme().with(|p| {
            p.as_ref()
                .map(|p| {
                    p.snapshots
                        .iter()
                        .map(|s| {
                            (
                                s.name.clone(),
                                s.taken,
                                s.programme.controls.len(),
                                s.programme.evidence.len(),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card snapshots" aria-labelledby="snapshots-title">
            <h3 id="snapshots-title">"Snapshots"</h3>
            <FieldError error />
            {move || {
                let rows = rows();
                if rows.is_empty() {
                    return view! { <p>"No snapshot yet."</p> }.into_any();
                }
                view! {
                    <table class="records">
                        <thead><tr><th scope="col">"Name"</th><th scope="col">"Taken"</th><th scope="col">"Held then"</th><th scope="col">"Actions"</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(name, taken, controls, evidence)| {
                                let (for_open, for_compare, for_download, for_delete) = (name.clone(), name.clone(), name.clone(), name.clone());
                                view! {
                                    <tr>
                                        <td>{name}</td>
                                        <td>{taken.to_string()}</td>
                                        <td>{format!("{controls} unified controls, {evidence} evidence items")}</td>
                                        <td>
                                            <button type="button" on:click=move |_| open.set(Some(for_open.clone()))>"Open read-only"</button>
                                            " "
                                            <button type="button" on:click=move |_| older.set(Version::Snapshot(for_compare.clone()))>"Compare with now"</button>
                                            " "
                                            <button type="button" on:click=move |_| {
                                                let text = store.programme().with_untracked(|p| {
                                                    p.as_ref()?.snapshot(&for_download).map(|s| export_json(&s.programme))
                                                });
                                                if let Some(text) = text {
                                                    let _ = download(&snapshot_file_name(&for_download), "application/json", &text);
                                                }
                                            }>"Download JSON"</button>
                                            " "
                                            <button type="button" on:click=move |_| {
                                                if confirm(&format!("Delete the snapshot {for_delete:?}? Download it first to keep it.")) {
                                                    store.edit_or_show(error, |p| p.delete_snapshot(&for_delete));
                                                    if open.get_untracked().as_deref() == Some(for_delete.as_str()) {
                                                        open.set(None);
                                                    }
                                                }
                                            }>"Delete"</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}

/// `crosswalk-snapshot-iso-stage-2.json`: the name with anything but letters and digits as `-`.
fn snapshot_file_name(name: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let slug: Vec<&str> = slug.split('-').filter(|part| !part.is_empty()).collect();
    format!("crosswalk-snapshot-{}.json", slug.join("-"))
}

/// A snapshot opened read-only: its coverage then and its unified controls.
#[component]
fn SnapshotReadOnly(name: String, open: RwSignal<Option<String>>) -> impl IntoView {
    let store = use_store();
    let frozen = store
        .programme()
        .with_untracked(|p| p.as_ref()?.snapshot(&name).cloned());
    let Some(frozen) = frozen else {
        return ().into_any();
    };
    let covered = coverage(&frozen.programme, catalogues(), crosswalk());
    view! {
        <section class="card snapshot-view" aria-labelledby="snapshot-view-title">
            <h3 id="snapshot-view-title">{format!("Snapshot {:?}, taken {} (read-only)", frozen.name, frozen.taken)}</h3>
            <div class="charts">
                <CoverageChart title="ISO/IEC 27001 then" counts=covered.counts(Side::Iso) />
                <CoverageChart title="SOC 2 then" counts=covered.counts(Side::Tsc) />
            </div>
            <table class="records">
                <thead><tr><th scope="col">"Control"</th><th scope="col">"Name"</th><th scope="col">"Owner"</th><th scope="col">"Status"</th></tr></thead>
                <tbody>
                    {frozen.programme.controls.iter().map(|c| view! {
                        <tr><td>{c.id.clone()}</td><td>{c.name.clone()}</td><td>{c.owner.clone()}</td><td>{c.status.label()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <button type="button" on:click=move |_| open.set(None)>"Close"</button>
        </section>
    }
    .into_any()
}

#[component]
fn Compare(
    older: RwSignal<Version>,
    newer: RwSignal<Version>,
    picked: RwSignal<Option<(String, Programme)>>,
) -> impl IntoView {
    let store = use_store();
    let problem = RwSignal::new(None::<String>);
    let version = move |which: &Version| -> Option<Programme> {
        match which {
            Version::Now => store.programme().with(|p| p.clone()),
            Version::Snapshot(name) => store
                .programme()
                .with(|p| p.as_ref()?.snapshot(name).map(|s| (*s.programme).clone())),
            Version::File(name) => picked.with(|f| {
                f.as_ref()
                    .filter(|(n, _)| n == name)
                    .map(|(_, p)| p.clone())
            }),
        }
    };
    let options = move || {
        let mut all = vec![Version::Now];
        store.programme().with(|p| {
            if let Some(p) = p {
                all.extend(
                    p.snapshots
                        .iter()
                        .map(|s| Version::Snapshot(s.name.clone())),
                );
            }
        });
        if let Some((name, _)) = picked.get() {
            all.push(Version::File(name));
        }
        all
    };
    let label = |v: &Version| match v {
        Version::Now => "Now".to_owned(),
        Version::Snapshot(name) => format!("Snapshot: {name}"),
        Version::File(name) => format!("File: {name}"),
    };
    let select = move |side: RwSignal<Version>, text: &'static str| {
        view! {
            <label>{text}" "
                <select on:change=move |ev| side.set(Version::from_id(&input_value(&ev)))>
                    {move || options().into_iter().map(|v| {
                        let selected = side.get() == v;
                        view! { <option value=v.id() selected=selected>{label(&v)}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        read_file_from(&ev, move |file| {
            let Some((name, bytes)) = file else {
                problem.set(Some("The file could not be read.".to_owned()));
                return;
            };
            match import_json(&bytes) {
                Ok(programme) => {
                    problem.set(None);
                    picked.set(Some((name.clone(), programme)));
                    older.set(Version::File(name));
                }
                Err(error) => problem.set(Some(format!("{name} cannot be compared: {error}"))),
            }
        });
    };
    let result = move || {
        let (old, new) = (version(&older.get())?, version(&newer.get())?);
        Some(diff(&old, &new, catalogues(), crosswalk()))
    };
    view! {
        <section class="card compare" aria-labelledby="compare-title">
            <h3 id="compare-title">"Compare two versions"</h3>
            <p>{select(older, "Older")}" "{select(newer, "Newer")}</p>
            <label>"Or compare with a programme file "<input type="file" accept=".json,application/json" on:change=on_pick /></label>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            {move || result().map(|found| {
                let (added, removed, changed) = found.counts();
                let summary = if found.is_empty() {
                    "The two versions hold the same programme.".to_owned()
                } else {
                    format!("{added} added, {removed} removed, {changed} changed.")
                };
                let coverage_lines = found.coverage.iter().map(|c| {
                    let name = match c.framework { Side::Iso => "ISO/IEC 27001", Side::Tsc => "SOC 2" };
                    format!(
                        "{name}: {} covered, {} partial, {} missing, then {} covered, {} partial, {} missing.",
                        c.old.0, c.old.1, c.old.2, c.new.0, c.new.1, c.new.2
                    )
                }).collect::<Vec<_>>();
                view! {
                    <p class="compare-summary" role="status">{summary}</p>
                    <ul class="coverage-change">{coverage_lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    {(!found.is_empty() || found.coverage.iter().any(|c| !c.moved.is_empty())).then(|| view! { <ReportTable table=diff_table(&found) /> })}
                }
            })}
        </section>
    }
}

#[component]
fn NextPeriod() -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None);
    let done = RwSignal::new(None::<String>);
    let kind = RwSignal::new("type2".to_owned());
    let (first, last) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(day) = today() else { return };
        let report = match report_from_dates(
            &kind.get_untracked(),
            &first.get_untracked(),
            &last.get_untracked(),
        ) {
            Ok(report) => report,
            Err(refused) => {
                error.set(Some(refused.to_string()));
                return;
            }
        };
        if !confirm("Start the next audit period? The current one is kept as a snapshot.") {
            return;
        }
        if let Some((name, no_longer)) =
            store.edit_or_show(error, |p| p.start_next_period(report, day))
        {
            done.set(Some(format!(
                "The period that ended is kept as the snapshot {name:?}. New report dates set; {no_longer} evidence item(s) collected for it no longer count for the new period."
            )));
        }
    };
    view! {
        <form class="card next-period" on:submit=start>
            <h3>"Start the next audit period"</h3>
            <p>"Keeps the current period as a snapshot, sets the new report dates and keeps everything else; evidence collected before the new period stops counting for it."</p>
            <label>"Report "
                <select on:change=move |ev| kind.set(input_value(&ev))>
                    <option value="type2" selected=true>"Type 2"</option>
                    <option value="type1">"Type 1"</option>
                </select>
            </label>
            " "
            <label>{move || if kind.get() == "type1" { "As of (YYYY-MM-DD) " } else { "Period start (YYYY-MM-DD) " }}
                <input type="text" prop:value=move || first.get() on:input=move |ev| first.set(input_value(&ev)) />
            </label>
            " "
            {move || (kind.get() == "type2").then(|| view! {
                <label>"Period end (YYYY-MM-DD) "
                    <input type="text" prop:value=move || last.get() on:input=move |ev| last.set(input_value(&ev)) />
                </label>
            })}
            " "
            <button type="submit">"Start the next period"</button>
            <FieldError error />
            {move || done.get().map(|d| view! { <p class="import-ok" role="status">{d}</p> })}
        </form>
    }
}
