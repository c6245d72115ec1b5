//! The scope: organisation, system, ISO certification scope, elected SOC 2 categories, and the
//! SOC 2 report type with its dates.

use leptos::prelude::*;

use super::{input_value, FieldError};
use crate::catalog::Category;
use crate::programme::edit::report_from_dates;
use crate::programme::Report;
use crate::ui::store::use_store;

/// The scope editor.
#[component]
pub fn ScopeEditor() -> impl IntoView {
    let store = use_store();
    let scope = move || {
        store
            .programme()
            .with(|p| p.as_ref().map(|p| p.scope.clone()))
    };
    let error = RwSignal::new(None::<String>);
    let set_report = move |kind: &str, first: String, last: String| {
        store.edit_or_show(error, |p| {
            p.set_report(report_from_dates(kind, &first, &last)?)
        });
    };
    move || {
        let scope = scope()?;
        let (kind, first, last) = match scope.report {
            Report::Type1 { as_of } => ("type1", as_of.to_string(), as_of.to_string()),
            Report::Type2 { period } => ("type2", period.start.to_string(), period.end.to_string()),
        };
        let first = RwSignal::new(first);
        let last = RwSignal::new(last);
        let report_now =
            move |kind: &'static str| set_report(kind, first.get_untracked(), last.get_untracked());
        Some(view! {
            <form class="editor" on:submit=|ev| ev.prevent_default()>
                <label>"Organisation" <input type="text" prop:value=scope.organisation.clone()
                    on:change=move |ev| { let v = input_value(&ev); store.edit(|p| { p.set_organisation(&v); Ok(()) }); } /></label>
                <label>"System in the SOC 2 report" <input type="text" prop:value=scope.system.clone()
                    on:change=move |ev| { let v = input_value(&ev); store.edit(|p| { p.set_system(&v); Ok(()) }); } /></label>
                <label>"ISO/IEC 27001 certification scope (clause 4.3)"
                    <textarea rows="4" prop:value=scope.iso_scope.clone()
                        on:change=move |ev| { let v = input_value(&ev); store.edit(|p| { p.set_iso_scope(&v); Ok(()) }); }></textarea></label>
                <fieldset>
                    <legend>"SOC 2 categories (security is always in)"</legend>
                    {Category::elective().map(|category| {
                        view! {
                            <label class="inline">
                                <input type="checkbox" prop:checked=scope.categories.includes(category)
                                    on:change=move |_| { store.edit(|p| { p.toggle_category(category); Ok(()) }); } />
                                {category.label()}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset>
                    <legend>"SOC 2 report"</legend>
                    <label class="inline"><input type="radio" name="report" prop:checked=kind == "type1"
                        on:change=move |_| report_now("type1") />"Type 1 (as of a date)"</label>
                    <label class="inline"><input type="radio" name="report" prop:checked=kind == "type2"
                        on:change=move |_| report_now("type2") />"Type 2 (observation period, 3-12 months)"</label>
                    <label>{if kind == "type1" { "As of" } else { "Period start" }}
                        <input type="date" prop:value=first.get_untracked() on:change=move |ev| {
                            first.set(input_value(&ev));
                            report_now(kind);
                        } /></label>
                    {(kind == "type2").then(|| view! {
                        <label>"Period end" <input type="date" prop:value=last.get_untracked() on:change=move |ev| {
                            last.set(input_value(&ev));
                            report_now(kind);
                        } /></label>
                    })}
                    <FieldError error />
                </fieldset>
            </form>
        })
    }
}
