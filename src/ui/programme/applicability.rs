//! The Statement of Applicability decisions: include or exclude each Annex A control, with a
//! justification either way.

use leptos::prelude::*;

use super::{checked, input_value, FieldError};
use crate::catalog::catalogues;
use crate::programme::{Applicability, SoaReason};
use crate::ui::route::item_hash;
use crate::ui::store::use_store;

/// The applicability editor: one row per Annex A control, keyed by its ref.
#[component]
pub fn ApplicabilityEditor() -> impl IntoView {
    let store = use_store();
    let decisions = Memo::new(move |_| {
        store.programme().with(|p| {
            p.as_ref()
                .map(|p| p.applicability.clone())
                .unwrap_or_default()
        })
    });
    let error = RwSignal::new(None::<String>);
    view! {
        <FieldError error />
        <table class="applicability">
            <caption>"Statement of Applicability decisions: include or exclude each Annex A control, with the kinds of reason and a justification either way."</caption>
            <thead><tr><th scope="col">"Control"</th><th scope="col">"Applicable"</th><th scope="col">"Reasons"</th><th scope="col">"Justification"</th></tr></thead>
            <tbody>
                <For each=move || decisions.with(|d| d.iter().map(|a| a.control.clone()).collect::<Vec<_>>()) key=String::clone let:control>
                    {
                        let wanted = control.clone();
                        let decision = Memo::new(move |_| decisions.with(|d| d.iter().find(|a| a.control == wanted).cloned()));
                        let applicable = move || decision.with(|d| d.as_ref().is_some_and(|a| a.applicable));
                        let justification = move || decision.with(|d| d.as_ref().map(|a: &Applicability| a.justification.clone()).unwrap_or_default());
                        let (for_toggle, for_text, for_risk) = (control.clone(), control.clone(), control.clone());
                        let has = move |reason: SoaReason| decision.with(|d| d.as_ref().is_some_and(|a| a.reasons.contains(&reason)));
                        let risk = move || decision.with(|d| d.as_ref().and_then(|a| a.risk_reference.clone()).unwrap_or_default());
                        let title = catalogues().title_of(&control).unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row"><a href=item_hash(&control)><span class="ref">{control.clone()}</span></a>" "{title}</th>
                                <td><label class="inline">
                                    <input type="checkbox" prop:checked=applicable on:change=move |ev| {
                                        let on = checked(&ev);
                                        store.edit_or_show(error, |p| p.set_applicable(&for_toggle, on));
                                    } />
                                    {move || if applicable() { "Included" } else { "Excluded" }}
                                </label></td>
                                <td class="reasons">
                                    {SoaReason::ALL.into_iter().map(|reason| {
                                        let control = control.clone();
                                        view! {
                                            <label class="inline">
                                                <input type="checkbox" aria-label=format!("{} ({control})", reason.label()) prop:checked=move || has(reason) on:change=move |_| {
                                                    store.edit_or_show(error, |p| p.toggle_soa_reason(&control, reason));
                                                } />
                                                {reason.label()}
                                            </label>
                                        }
                                    }).collect_view()}
                                    <input type="text" aria-label=format!("Risk treated by {control}") placeholder="Risk reference"
                                        prop:value=risk prop:disabled=move || !has(SoaReason::RiskTreatment)
                                        on:change=move |ev| {
                                            let v = input_value(&ev);
                                            store.edit_or_show(error, |p| p.set_risk_reference(&for_risk, &v));
                                        } />
                                </td>
                                <td><input type="text" class="wide" aria-label=format!("Justification for {control}") prop:value=justification
                                    on:change=move |ev| {
                                        let v = input_value(&ev);
                                        store.edit_or_show(error, |p| p.set_justification(&for_text, &v));
                                    } /></td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
