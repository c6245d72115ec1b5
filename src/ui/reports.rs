//! The reports section: each audit artefact on screen, printable and exportable, plus the
//! plan with its timeline. The artefacts are the engine's tables, shown as they are exported;
//! the plan is the store's one plan memo.

use leptos::prelude::*;

use crate::catalog::catalogues;
use crate::crosswalk::crosswalk;
use crate::crosswalk::Side;
use crate::export::report::{render_report, report_workbook};
use crate::export::xlsx::XLSX_MIME;
use crate::export::Format;
use crate::plan::which_first::{order_title, order_words, which_first, Buyers, Deadline};
use crate::plan::{FirstAudit, Plan, Track};
use crate::programme::edit::optional_date;
use crate::report::{report_table, ReportKind};
use crate::table::{Cell, Table};
use crate::ui::files::{download, download_bytes};
use crate::ui::route::{ProgrammeView, Route};
use crate::ui::store::{use_store, PlanChoice};
use crate::ui::widgets::today;

/// The reports section with one artefact selected.
#[component]
pub fn ReportsSection(
    /// The artefact shown.
    kind: ReportKind,
) -> impl IntoView {
    let store = use_store();
    let choice = store.plan_choice();
    let shown = move || {
        let plan = (kind == ReportKind::Plan)
            .then(|| store.plan().get())
            .flatten();
        store.programme().with(|p| {
            let p = p.as_ref()?;
            let table = match &plan {
                Some(plan) => plan.as_ref().map(Plan::to_table).map_err(Clone::clone),
                None => {
                    let inputs = store.plan_inputs()?;
                    report_table(kind, p, catalogues(), crosswalk(), &inputs)
                }
            };
            let timeline = plan.and_then(Result::ok);
            Some((p.scope.organisation.clone(), table, timeline))
        })
    };
    view! {
        <section class="reports" aria-labelledby="reports-title">
            <h2 id="reports-title">"Reports"</h2>
            <nav class="tabs no-print" aria-label="Reports">
                {ReportKind::ALL
                    .into_iter()
                    .map(|k| view! { <a href=format!("#/reports/{}", k.id()) aria-current=(k == kind).then_some("page")>{k.label()}</a> })
                    .collect_view()}
            </nav>
            {move || {
                let Some((organisation, table, timeline)) = shown() else {
                    return view! {
                        <p>"Reports are drawn from your programme. "
                            <a href=Route::Programme(ProgrammeView::Overview).to_hash()>"Start or open a programme first."</a>
                        </p>
                    }
                    .into_any();
                };
                match table {
                    Err(error) => view! { <p class="field-error" role="alert">{error.to_string()}</p> }.into_any(),
                    Ok(table) => view! {
                        <div class="report-actions no-print">
                            {(kind == ReportKind::Plan).then(|| view! { <PlanControls choice /> })}
                            {(kind == ReportKind::WhichFirst).then(|| view! { <DecisionControls choice /> })}
                            <button type="button" on:click=move |_| { let _ = window().print(); }>"Print"</button>
                            <button type="button" on:click=move |_| export_report(kind, Format::Csv)>"Export CSV"</button>
                            <button type="button" on:click=move |_| export_report(kind, Format::Markdown)>"Export Markdown"</button>
                            <button type="button" on:click=move |_| export_report(kind, Format::Json)>"Export JSON"</button>
                            <button type="button" on:click=move |_| export_workbook(kind)>"Export XLSX"</button>
                        </div>
                        <h3 class="report-title">{format!("{}: {organisation}", kind.label())}</h3>
                        {timeline.map(|plan| view! { <Timeline plan /> })}
                        {(kind == ReportKind::WhichFirst).then(|| view! { <WhichFirstView choice /> })}
                        <ReportTable table />
                    }
                    .into_any(),
                }
            }}
        </section>
    }
}

fn export_report(kind: ReportKind, format: Format) {
    let store = use_store();
    let Some(inputs) = store.plan_inputs() else {
        return;
    };
    let text = store.programme().with_untracked(|p| {
        p.as_ref()
            .and_then(|p| render_report(kind, format, p, catalogues(), crosswalk(), &inputs).ok())
    });
    let (extension, mime) = match format {
        Format::Csv => ("csv", "text/csv"),
        Format::Json => ("json", "application/json"),
        Format::Markdown => ("md", "text/markdown"),
    };
    if let Some(text) = text {
        let _ = download(&format!("crosswalk-{}.{extension}", kind.id()), mime, &text);
    }
}

/// The artefact as a workbook of one sheet.
fn export_workbook(kind: ReportKind) {
    let store = use_store();
    let Some(inputs) = store.plan_inputs() else {
        return;
    };
    let bytes = store.programme().with_untracked(|p| {
        p.as_ref()
            .and_then(|p| report_workbook(kind, p, catalogues(), crosswalk(), &inputs).ok())
    });
    if let Some(bytes) = bytes {
        let _ = download_bytes(&format!("crosswalk-{}.xlsx", kind.id()), XLSX_MIME, &bytes);
    }
}

/// When the plan starts; empty lets it start 26 weeks before the SOC 2 report date or period.
#[component]
fn StartInput(choice: RwSignal<PlanChoice>) -> impl IntoView {
    view! {
        <label class="inline">"Start"
            <input type="date" prop:value=move || choice.get().start.map(|d| d.to_string()).unwrap_or_default()
                on:change=move |ev| {
                    let start = optional_date(&event_target_value(&ev)).ok().flatten();
                    choice.update(|c| c.start = start);
                } />
        </label>
    }
}

/// The answers the "which first?" recommendation takes: where the buyers are, a deadline, and
/// whether a Type 1 report would do first.
#[component]
fn DecisionControls(choice: RwSignal<PlanChoice>) -> impl IntoView {
    let decision = move || choice.get().decision;
    // The framework picked for a deadline, kept while the date is still empty.
    let framework = RwSignal::new(
        choice
            .get_untracked()
            .decision
            .deadline
            .map_or(Side::Tsc, |d| d.framework),
    );
    let set_deadline = move |by: Option<chrono::NaiveDate>| {
        let framework = framework.get_untracked();
        choice.update(|c| c.decision.deadline = by.map(|by| Deadline { framework, by }));
    };
    view! {
        <fieldset class="plan-controls decision">
            <legend>"Your situation (advisory)"</legend>
            <label class="inline">"Buyers "
                <select on:change=move |ev| {
                    if let Some(buyers) = Buyers::from_id(&event_target_value(&ev)) {
                        choice.update(|c| c.decision.buyers = buyers);
                    }
                }>
                    {[(Buyers::MostlyUs, "mostly in the US"), (Buyers::MostlyEu, "mostly in the EU or UK"), (Buyers::Global, "global")]
                        .into_iter()
                        .map(|(b, label)| view! { <option value=b.id() selected=move || decision().buyers == b>{label}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="inline">"Customer deadline for "
                <select on:change=move |ev| {
                    framework.set(if event_target_value(&ev) == "iso" { Side::Iso } else { Side::Tsc });
                    set_deadline(decision().deadline.map(|d| d.by));
                }>
                    <option value="soc2" selected=move || framework.get() == Side::Tsc>"a SOC 2 report"</option>
                    <option value="iso" selected=move || framework.get() == Side::Iso>"an ISO/IEC 27001 certificate"</option>
                </select>
            </label>
            <label class="inline">"by (optional) "
                <input type="date" prop:value=move || decision().deadline.map(|d| d.by.to_string()).unwrap_or_default()
                    on:change=move |ev| set_deadline(optional_date(&event_target_value(&ev)).ok().flatten()) />
            </label>
            <label class="inline">
                <input type="checkbox" prop:checked=move || decision().type1_acceptable
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        choice.update(|c| c.decision.type1_acceptable = on);
                    } />
                " A SOC 2 Type 1 report first would do"
            </label>
            <StartInput choice />
        </fieldset>
    }
}

/// The recommendation with its reasons, what another order would change, and the three plans'
/// timelines on one axis.
#[component]
fn WhichFirstView(choice: RwSignal<PlanChoice>) -> impl IntoView {
    let store = use_store();
    move || {
        let inputs = {
            let _ = choice.get();
            store.plan_inputs()?
        };
        let compared = store.programme().with(|p| {
            which_first(
                p.as_ref()?,
                catalogues(),
                crosswalk(),
                Some(inputs.start),
                &inputs.decision,
            )
            .ok()
        })?;
        let first = compared
            .outcomes
            .iter()
            .flat_map(|o| o.plan.phases.iter().map(|p| p.start))
            .min()?;
        let last = compared
            .outcomes
            .iter()
            .flat_map(|o| o.plan.phases.iter().map(|p| p.end))
            .max()?;
        let heading = format!("Recommended: {}", order_words(compared.recommended));
        Some(view! {
            <section class="recommendation" aria-labelledby="recommendation-title">
                <h4 id="recommendation-title">{heading}</h4>
                <p class="hint">"Advisory: it follows your answers above and the plan's estimates; your buyers, auditors and certification body have the last word. What exists already comes from your controls: those implemented or operating are not planned again."</p>
                <ul class="reasons">{compared.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                <h4>"If you pick another order"</h4>
                <ul class="alternatives">{compared.alternatives.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
            </section>
            {compared.outcomes.into_iter().map(|o| {
                let title = order_title(o.order);
                view! {
                    <h4 class="order-title">{format!("{title}: certificate after {}, SOC 2 report by {}", o.iso_certificate, o.soc2_report)}</h4>
                    <Timeline plan=o.plan axis=(first, last) />
                }
            }).collect_view()}
        })
    }
}

#[component]
fn PlanControls(choice: RwSignal<PlanChoice>) -> impl IntoView {
    let option = |first: FirstAudit, label: &'static str| {
        view! {
            <label class="inline">
                <input type="radio" name="first-audit" prop:checked=move || choice.get().first == first
                    on:change=move |_| choice.update(|c| c.first = first) />
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="plan-controls">
            <legend>"Which audit comes first"</legend>
            {option(FirstAudit::Iso, "ISO/IEC 27001")}
            {option(FirstAudit::Soc2, "SOC 2")}
            {option(FirstAudit::Both, "Both together")}
            <StartInput choice />
        </fieldset>
    }
}

/// An engine table as an HTML table; list cells become lines.
#[component]
pub fn ReportTable(table: Table) -> impl IntoView {
    view! {
        <table class="records report">
            <thead>
                <tr>{table.columns.iter().map(|c| view! { <th scope="col">{c.replace('_', " ")}</th> }).collect_view()}</tr>
            </thead>
            <tbody>
                {table
                    .rows
                    .into_iter()
                    .map(|row| {
                        view! {
                            <tr>
                                {row
                                    .into_iter()
                                    .map(|cell| match cell {
                                        Cell::List(items) => view! { <td><ul class="cell-list">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul></td> }.into_any(),
                                        Cell::Text(text) => view! { <td>{text}</td> }.into_any(),
                                        Cell::Bool(b) => view! { <td>{if b { "yes" } else { "no" }}</td> }.into_any(),
                                        Cell::Number(n) => view! { <td>{n}</td> }.into_any(),
                                        Cell::Date(day) => view! { <td>{day.to_string()}</td> }.into_any(),
                                        Cell::Empty => view! { <td></td> }.into_any(),
                                    })
                                    .collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// `Jan 2027`.
fn month_label(day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!("{} {}", MONTHS[day.month0() as usize], day.year())
}

/// The first day of every month that starts within `first..=last`.
fn month_starts(first: chrono::NaiveDate, last: chrono::NaiveDate) -> Vec<chrono::NaiveDate> {
    use chrono::Datelike;
    let mut month = first.with_day(1).unwrap_or(first);
    let mut found = Vec::new();
    while month <= last {
        if month >= first {
            found.push(month);
        }
        match month.checked_add_months(chrono::Months::new(1)) {
            Some(next) => month = next,
            None => break,
        }
    }
    found
}

/// The plan as a timeline: one bar per phase; shared work is drawn solid and labelled
/// "shared", framework-specific work hatched and labelled with its framework, so the
/// difference never rests on colour.
#[component]
fn Timeline(
    plan: Plan,
    /// A common first and last day, so several plans line up on one axis.
    #[prop(optional)]
    axis: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
) -> impl IntoView {
    let Some(first) = plan.phases.iter().map(|p| p.start).min() else {
        return ().into_any();
    };
    let last = plan.phases.iter().map(|p| p.end).max().unwrap_or(first);
    let (first, last) = axis.unwrap_or((first, last));
    let days = ((last - first).num_days() + 1).max(1) as f64;
    let (left, width, row) = (230.0, 640.0, 30.0);
    let x = move |day: chrono::NaiveDate| left + (day - first).num_days() as f64 / days * width;
    let height = row * plan.phases.len() as f64 + 30.0;
    let bars = plan
        .phases
        .iter()
        .enumerate()
        .map(|(i, phase)| {
            let y = 20.0 + i as f64 * row;
            let (class, tag) = match phase.track {
                Track::Shared => ("bar-shared", "shared"),
                Track::Iso => ("bar-iso", "ISO"),
                Track::Soc2 => ("bar-soc2", "SOC 2"),
            };
            let bar_width = (x(phase.end) - x(phase.start)).max(3.0);
            view! {
                <g class=format!("phase {class}")>
                    <title>{format!("{} ({tag}): {} to {}", phase.name, phase.start, phase.end)}</title>
                    <text x="4" y=y + 17.0 class="phase-label">{format!("[{tag}] {}", phase.name)}</text>
                    <rect x=x(phase.start) y=y + 4.0 width=bar_width height=row - 10.0 class=class />
                </g>
            }
        })
        .collect_view();
    let bottom = height - 4.0;
    let months = month_starts(first, last);
    // Label every month while there is room, else every quarter.
    let every = if months.len() > 12 { 3 } else { 1 };
    let ticks = months
        .into_iter()
        .enumerate()
        .map(|(i, month)| {
            let at = x(month);
            let label = (i % every == 0).then(|| {
                view! { <text x=at + 2.0 y="12" class="axis">{month_label(month)}</text> }
            });
            view! {
                <g class="month-tick">
                    <line x1=at y1="16" x2=at y2=bottom class="tick-line" />
                    {label}
                </g>
            }
        })
        .collect_view();
    let today_line = today().filter(|day| (first..=last).contains(day)).map(|day| {
        let at = x(day);
        view! {
            <g class="today">
                <title>{format!("Today, {day}")}</title>
                <line x1=at y1="14" x2=at y2=bottom class="today-line" />
                <text x=at - 2.0 y=bottom - 2.0 text-anchor="end" class="today-label">{format!("today {day}")}</text>
            </g>
        }
    });
    view! {
        <figure class="timeline">
            <figcaption>{format!("Timeline from {first} to {last}: solid bars are shared work that counts for both frameworks; hatched bars are work for one framework; thin lines mark the months and the dashed line today.")}</figcaption>
            <svg viewBox=format!("0 0 {} {height}", left + width + 10.0) role="img" aria-label="Plan timeline">
                <defs>
                    <pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                        <line x1="0" y1="0" x2="0" y2="6" class="hatch-line" />
                    </pattern>
                </defs>
                {ticks}
                {bars}
                {today_line}
            </svg>
        </figure>
    }
    .into_any()
}
