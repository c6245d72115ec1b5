//! The overview: coverage of both frameworks at a glance, the shared share of the work,
//! exports, import, and starting over.

use leptos::prelude::*;

use super::banner::export_programme;
use super::start::ImportControl;
use super::{confirm, FieldError};
use crate::catalog::catalogues;
use crate::crosswalk::{crosswalk, Side};
use crate::export::programme::{
    applicability_table, controls_table, coverage_table, evidence_table,
};
use crate::export::report::programme_workbook;
use crate::export::xlsx::{workbook, Sheet, XLSX_MIME};
use crate::plan::due::{what_is_due, DueItem, DueKind};
use crate::programme::edit::Resolution;
use crate::programme::{MergeConflict, Programme};
use crate::report::ReportKind;
use crate::table::Table;
use crate::ui::files::{download, download_bytes};
use crate::ui::route::{ProgrammeView, Route};
use crate::ui::store::use_store;
use crate::ui::widgets::today;

/// Counts of covered, partial and missing requirements as a bar per framework, with the
/// numbers written out so the chart never relies on colour.
#[component]
pub fn CoverageChart(
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
pub fn CoverageLine() -> impl IntoView {
    let coverage = use_store().coverage();
    move || {
        let ((ic, ip, im), (tc, tp, tm)) = coverage.with(|c| {
            c.as_ref()
                .map(|c| (c.counts(Side::Iso), c.counts(Side::Tsc)))
        })?;
        Some(view! {
            <p class="coverage-line" role="status">
                {format!("Coverage now: ISO/IEC 27001 {ic} covered, {ip} partial, {im} missing; SOC 2 {tc} covered, {tp} partial, {tm} missing.")}
            </p>
        })
    }
}

/// The overview of the programme.
#[component]
pub fn Overview() -> impl IntoView {
    let store = use_store();
    let coverage = store.coverage();
    let name = move || {
        store.programme().with(|p| {
            p.as_ref()
                .map(|p| p.scope.organisation.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <div class="overview">
            <h3>{name}</h3>
            <MergeConflicts />
            {move || {
                let (iso, tsc, shared, percent) = coverage.with(|c| {
                    let c = c.as_ref()?;
                    let total = store.programme().with(|p| p.as_ref().map_or(0, |p| p.controls.len()));
                    Some((c.counts(Side::Iso), c.counts(Side::Tsc), format!("{} of {total}", c.shared_controls.len()), c.shared_percent(total)))
                })?;
                Some(view! {
                    <div class="charts">
                        <CoverageChart title="ISO/IEC 27001 (clauses and applicable Annex A)" counts=iso />
                        <CoverageChart title="SOC 2 (criteria in scope)" counts=tsc />
                    </div>
                    <p class="shared">
                        {format!("{shared} unified controls count for both frameworks ({percent}% of the control work is shared).")}
                    </p>
                })
            }}
            <WhatIsDue />
            <ExportMenu />
            <ImportControl />
            <div class="card danger">
                <h3>"Start over"</h3>
                <button type="button" on:click=move |_| {
                    if confirm("Remove this programme from this browser? Export it first if you want to keep it.") {
                        store.replace(None);
                    }
                }>"Remove programme from this browser"</button>
            </div>
        </div>
    }
}

/// The conflicts a three-way merge (`crosswalk merge`, git's merge driver) left in the file:
/// each with both values, settled one at a time by keeping ours or taking theirs.
#[component]
fn MergeConflicts() -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None);
    let conflicts = move || {
        store.programme().with(|p| {
            p.as_ref()
                .map(|p| p.merge_conflicts.clone())
                .unwrap_or_default()
        })
    };
    move || {
        let conflicts = conflicts();
        (!conflicts.is_empty()).then(|| {
            let count = conflicts.len();
            view! {
                <section class="card merge-conflicts" aria-labelledby="merge-conflicts-title">
                    <h3 id="merge-conflicts-title">{format!("Merge conflicts to settle ({count})")}</h3>
                    <p>"A merge of two versions of this file found these changed differently on both sides. The programme holds our value until you choose."</p>
                    <FieldError error />
                    <ol>
                        {conflicts.into_iter().enumerate().map(|(index, conflict)| {
                            let settle = move |resolution| {
                                move |_| {
                                    store.edit_or_show(error, |p| p.resolve_conflict(index, resolution));
                                }
                            };
                            view! {
                                <li class="merge-conflict">
                                    <p><strong>{conflict.place()}</strong></p>
                                    <p>"Ours (kept): "<code>{MergeConflict::value_text(&conflict.ours)}</code></p>
                                    <p>"Theirs: "<code>{MergeConflict::value_text(&conflict.theirs)}</code></p>
                                    <button type="button" on:click=settle(Resolution::KeepOurs)>"Keep ours"</button>
                                    " "
                                    <button type="button" on:click=settle(Resolution::TakeTheirs)>"Take theirs"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </section>
            }
        })
    }
}

/// How many items of each kind the overview lists before "and N more".
const DUE_SHOWN: usize = 8;

/// What is due as of today, kind by kind: evidence overdue, evidence due within 30 days by its
/// cadence, controls not yet operating when the SOC 2 report needs them, and the plan's next
/// milestones, each with a date and a link.
#[component]
fn WhatIsDue() -> impl IntoView {
    let store = use_store();
    let plan = store.plan();
    move || {
        let today = today()?;
        let due = store.programme().with(|p| {
            let p = p.as_ref()?;
            plan.with(|plan| {
                let plan = plan.as_ref().and_then(|r| r.as_ref().ok());
                Some(what_is_due(p, plan, today))
            })
        })?;
        let groups = DueKind::ALL
            .into_iter()
            .map(|kind| {
                let items: Vec<DueItem> = due.iter().filter(|d| d.kind == kind).cloned().collect();
                (kind, items)
            })
            .filter(|(_, items)| !items.is_empty())
            .collect::<Vec<_>>();
        Some(view! {
            <section class="card what-is-due" aria-labelledby="due-title">
                <h3 id="due-title">{format!("What's due (as of {today})")}</h3>
                {groups.is_empty().then(|| view! { <p>"Nothing is due in the next 30 days."</p> })}
                {groups.into_iter().map(|(kind, items)| {
                    let more = items.len().saturating_sub(DUE_SHOWN);
                    view! {
                        <h4>{format!("{} ({})", kind.label(), items.len())}</h4>
                        <ul class=format!("due-{}", kind.id())>
                            {items.into_iter().take(DUE_SHOWN).map(|item| {
                                let href = match item.kind {
                                    DueKind::EvidenceDue | DueKind::EvidenceOverdue => Route::Programme(ProgrammeView::EvidenceItem(item.id.clone())).to_hash(),
                                    DueKind::ControlNotOperating => Route::Programme(ProgrammeView::Control(item.id.clone())).to_hash(),
                                    DueKind::Milestone => Route::Report(ReportKind::Plan).to_hash(),
                                };
                                view! {
                                    <li>
                                        <strong>{item.date.to_string()}</strong>" "
                                        <a href=href>{format!("{} {}", item.id, item.title)}</a>
                                        " "<span class="hint">{item.detail}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {(more > 0).then(|| view! { <p>{format!("and {more} more.")}</p> })}
                    }
                }).collect_view()}
            </section>
        })
    }
}

/// Downloads of the programme in every format.
#[component]
fn ExportMenu() -> impl IntoView {
    let store = use_store();
    let csv = move |name: &'static str, table: fn(&Programme) -> Table| {
        move |_| {
            if let Some(text) = store
                .programme()
                .with_untracked(|p| p.as_ref().map(|p| table(p).to_csv()))
            {
                let _ = download(name, "text/csv", &text);
            }
        }
    };
    let xlsx = move |name: &'static str, sheet: &'static str, table: fn(&Programme) -> Table| {
        move |_| {
            let bytes = store.programme().with_untracked(|p| {
                let table = table(p.as_ref()?);
                workbook(&[Sheet {
                    name: sheet,
                    table: &table,
                }])
                .ok()
            });
            if let Some(bytes) = bytes {
                let _ = download_bytes(name, XLSX_MIME, &bytes);
            }
        }
    };
    let coverage_csv = move |_| {
        if let Some(text) = store
            .coverage()
            .with_untracked(|c| c.as_ref().map(|c| coverage_table(c).to_csv()))
        {
            let _ = download("crosswalk-coverage.csv", "text/csv", &text);
        }
    };
    let coverage_xlsx = move |_| {
        let bytes = store.coverage().with_untracked(|c| {
            let table = coverage_table(c.as_ref()?);
            workbook(&[Sheet {
                name: "Coverage",
                table: &table,
            }])
            .ok()
        });
        if let Some(bytes) = bytes {
            let _ = download_bytes("crosswalk-coverage.xlsx", XLSX_MIME, &bytes);
        }
    };
    let whole_workbook = move |_| {
        let Some(inputs) = store.plan_inputs() else {
            return;
        };
        let bytes = store.programme().with_untracked(|p| {
            programme_workbook(p.as_ref()?, catalogues(), crosswalk(), &inputs).ok()
        });
        if let Some(bytes) = bytes {
            let _ = download_bytes("crosswalk-programme.xlsx", XLSX_MIME, &bytes);
        }
    };
    view! {
        <div class="card export">
            <h3>"Export"</h3>
            <p>"Files are made in this browser and saved where you choose; nothing is uploaded."</p>
            <button type="button" on:click=move |_| export_programme()>"Whole programme (JSON)"</button>
            <button type="button" on:click=whole_workbook>"Whole programme workbook (XLSX)"</button>
            <button type="button" on:click=csv("crosswalk-unified-controls.csv", controls_table)>"Unified controls (CSV)"</button>
            <button type="button" on:click=xlsx("crosswalk-unified-controls.xlsx", "Unified controls", controls_table)>"Unified controls (XLSX)"</button>
            <button type="button" on:click=csv("crosswalk-evidence-register.csv", evidence_table)>"Evidence register (CSV)"</button>
            <button type="button" on:click=xlsx("crosswalk-evidence-register.xlsx", "Evidence register", evidence_table)>"Evidence register (XLSX)"</button>
            <button type="button" on:click=csv("crosswalk-applicability.csv", applicability_table)>"Applicability (CSV)"</button>
            <button type="button" on:click=xlsx("crosswalk-applicability.xlsx", "Applicability", applicability_table)>"Applicability (XLSX)"</button>
            <button type="button" on:click=coverage_csv>"Coverage (CSV)"</button>
            <button type="button" on:click=coverage_xlsx>"Coverage (XLSX)"</button>
        </div>
    }
}
