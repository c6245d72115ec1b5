//! The evidence base: the register and the editor of one item.

use leptos::prelude::*;

use super::records::{RecordCell, RecordList, RecordRow};
use super::{checked, confirm, go, input_value, FieldError};
use crate::catalog::matches_text;
use crate::programme::edit::{optional_date, EditError};
use crate::programme::{parse_dates, Cadence, EvidenceKind, Programme};
use crate::ui::route::{ProgrammeView, Route};
use crate::ui::store::use_store;

fn evidence_rows(programme: &Programme, query: &str) -> Vec<RecordRow> {
    let window = programme.scope.report.window();
    programme
        .evidence
        .iter()
        .filter(|e| {
            let fields = [e.id.as_str(), &e.title, &e.owner];
            matches_text(
                fields
                    .into_iter()
                    .chain(e.controls.iter().map(String::as_str)),
                query,
            )
        })
        .map(|e| RecordRow {
            id: e.id.clone(),
            href: Route::Programme(ProgrammeView::EvidenceItem(e.id.clone())).to_hash(),
            cells: vec![
                RecordCell::Text(e.title.clone()),
                RecordCell::Text(e.owner.clone()),
                RecordCell::Text(e.cadence.id().to_owned()),
                RecordCell::Text(if e.is_current(&window) { "Yes" } else { "No" }.to_owned()),
                RecordCell::Text(e.controls.join(", ")),
            ],
        })
        .collect()
}

/// The evidence register.
#[component]
pub fn EvidenceList() -> impl IntoView {
    let store = use_store();
    let add = move |()| {
        if let Some(Ok(id)) =
            store.edit(|p| p.add_evidence("New evidence item", EvidenceKind::Record, Cadence::Once))
        {
            go(Route::Programme(ProgrammeView::EvidenceItem(id)));
        }
    };
    view! {
        <RecordList add_label="Add an evidence item" filter_label="Filter evidence" noun="evidence items"
            columns=&["Id", "Title", "Owner", "Cadence", "Current for the period", "Supports"] rows=evidence_rows on_add=Callback::new(add) />
    }
}

/// The editor of one evidence item.
#[component]
pub fn EvidenceEditor(
    /// The item's id.
    id: String,
) -> impl IntoView {
    let store = use_store();
    let wanted = id.clone();
    let item = move || {
        store
            .programme()
            .with(|p| p.as_ref().and_then(|p| p.evidence_item(&wanted).cloned()))
    };
    let controls = move || {
        store.programme().with(|p| {
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
        let id = StoredValue::new(e.id.clone());
        let text_edit = move |method: fn(&mut Programme, &str, &str) -> Result<(), EditError>| {
            move |ev: leptos::ev::Event| {
                let v = input_value(&ev);
                store.edit_or_show(error, |p| id.with_value(|id| method(p, id, &v)));
            }
        };
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
                <label>"Title" <input type="text" prop:value=e.title.clone() on:change=text_edit(Programme::set_evidence_title) /></label>
                <label>"Kind" <select on:change=move |ev| if let Some(kind) = EvidenceKind::from_id(&input_value(&ev)) {
                    store.edit_or_show(error, |p| id.with_value(|id| p.set_evidence_kind(id, kind)));
                }>
                    {EvidenceKind::ALL.into_iter().map(|k| view! { <option value=k.id() selected=k == e.kind>{k.id()}</option> }).collect_view()}
                </select></label>
                <label>"Owner" <input type="text" prop:value=e.owner.clone() on:change=text_edit(Programme::set_evidence_owner) /></label>
                <label>"Cadence" <select on:change=move |ev| if let Some(cadence) = Cadence::from_id(&input_value(&ev)) {
                    store.edit_or_show(error, |p| id.with_value(|id| p.set_evidence_cadence(id, cadence)));
                }>
                    {Cadence::ALL.into_iter().map(|c| view! { <option value=c.id() selected=c == e.cadence>{c.id()}</option> }).collect_view()}
                </select></label>
                <label>"Location (a path or address you keep elsewhere; Crosswalk never opens it)"
                    <input type="text" class="wide" prop:value=e.location.clone() on:change=text_edit(Programme::set_evidence_location) /></label>
                <label>"Collected on (dates, YYYY-MM-DD, comma-separated)"
                    <input type="text" class="wide" prop:value=dates on:change=move |ev| {
                        let text = input_value(&ev);
                        store.edit_or_show(error, |p| id.with_value(|id| p.set_collected(id, parse_dates(&text)?)));
                    } /></label>
                <label>"Covers the period from" <input type="date" prop:value=period.map(|p| p.start.to_string()).unwrap_or_default() on:change=move |ev| {
                    let text = input_value(&ev);
                    store.edit_or_show(error, |p| id.with_value(|id| p.set_evidence_period_start(id, optional_date(&text)?)));
                } /></label>
                <label>"to" <input type="date" prop:value=period.map(|p| p.end.to_string()).unwrap_or_default() on:change=move |ev| {
                    let text = input_value(&ev);
                    store.edit_or_show(error, |p| id.with_value(|id| p.set_evidence_period_end(id, optional_date(&text)?)));
                } /></label>
                <FieldError error />
                <fieldset class="supports">
                    <legend>"Supports these unified controls"</legend>
                    {controls().into_iter().map(|(control, name)| {
                        let on = e.controls.contains(&control);
                        let label = format!("{control} {name}");
                        view! {
                            <label class="inline"><input type="checkbox" prop:checked=on on:change=move |ev| {
                                let link = checked(&ev);
                                store.edit_or_show(error, |p| id.with_value(|id| if link {
                                    p.link_evidence(id, &control)
                                } else {
                                    p.unlink_evidence(id, &control)
                                }));
                            } />{label}</label>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="button" class="danger" on:click=move |_| {
                    let gone = id.get_value();
                    if confirm(&format!("Delete {gone}? Its id will not be reused."))
                        && store.edit_or_show(error, |p| p.delete_evidence(&gone)).is_some()
                    {
                        go(Route::Programme(ProgrammeView::Evidence));
                    }
                }>"Delete this evidence item"</button>
            </form>
        }
        .into_any()
    }
}
