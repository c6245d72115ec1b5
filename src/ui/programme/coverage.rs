//! The coverage dashboard, and the "what is left for this requirement?" answer shown on every
//! item page, both read from the store's one coverage memo.

use leptos::prelude::*;

use super::overview::CoverageChart;
use crate::catalog::catalogues;
use crate::crosswalk::coverage::CoverageState;
use crate::crosswalk::Side;
use crate::programme::coverage::RequirementCoverage;
use crate::programme::Status;
use crate::ui::route::{item_hash, ProgrammeView, Route};
use crate::ui::store::use_store;

/// Links to the unified controls that satisfy a requirement, with their status.
fn control_links(controls: &[(String, Status)]) -> impl IntoView {
    controls
        .iter()
        .map(|(id, status)| {
            view! {
                <a href=Route::Programme(ProgrammeView::Control(id.clone())).to_hash()>{id.clone()}</a>
                {format!(" ({}) ", status.label())}
            }
        })
        .collect_view()
}

/// Every in-scope requirement of both frameworks with its state, filterable by state.
#[component]
pub fn CoverageDashboard() -> impl IntoView {
    let coverage = use_store().coverage();
    let filter = RwSignal::new(None::<CoverageState>);
    let section = move |side: Side, title: &'static str| {
        move || {
            let (counts, shown): (_, Vec<RequirementCoverage>) = coverage.with(|c| {
                let c = c.as_ref()?;
                let list = match side {
                    Side::Iso => &c.iso,
                    Side::Tsc => &c.tsc,
                };
                let state = filter.get();
                Some((
                    c.counts(side),
                    list.iter()
                        .filter(|r| state.is_none_or(|s| r.state == s))
                        .cloned()
                        .collect(),
                ))
            })?;
            Some(view! {
                <section aria-label=title>
                    <CoverageChart title counts />
                    <table class="records coverage">
                        <thead><tr><th scope="col">"Requirement"</th><th scope="col">"State"</th><th scope="col">"Unified controls"</th><th scope="col">"What is missing"</th></tr></thead>
                        <tbody>
                            {shown.into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row"><a href=item_hash(&r.reference)><span class="ref">{r.reference.clone()}</span></a>" "{catalogues().title_of(&r.reference).unwrap_or_default()}</th>
                                    <td><span class=format!("state state-{}", r.state.id())>{r.state.id()}</span></td>
                                    <td>{control_links(&r.controls)}</td>
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
    let coverage = use_store().coverage();
    move || {
        let found = coverage.with(|c| {
            c.as_ref().map(|c| {
                c.iso
                    .iter()
                    .chain(&c.tsc)
                    .find(|r| r.reference == reference)
                    .cloned()
            })
        })?;
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
                        {if r.controls.is_empty() { view! { <span>"none"</span> }.into_any() } else { control_links(&r.controls).into_any() }}
                    </p>
                </section>
            }
            .into_any(),
        })
    }
}
