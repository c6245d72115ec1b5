//! Unified controls: the list and the editor of one control.

use leptos::prelude::*;

use super::overview::CoverageLine;
use super::records::{RecordCell, RecordList, RecordRow};
use super::{confirm, go, input_value, FieldError};
use crate::catalog::{catalogues, matches_text};
use crate::crosswalk::{crosswalk, Side, Verdict};
use crate::programme::edit::{parse_ref_list, EditError};
use crate::programme::{Programme, Status};
use crate::ui::route::{ProgrammeView, Route};
use crate::ui::store::use_store;

fn control_rows(programme: &Programme, query: &str) -> Vec<RecordRow> {
    programme
        .controls
        .iter()
        .filter(|c| {
            let fields = [c.id.as_str(), &c.name, &c.owner];
            let refs = c.iso.iter().chain(&c.tsc).map(String::as_str);
            matches_text(fields.into_iter().chain(refs), query)
        })
        .map(|c| RecordRow {
            id: c.id.clone(),
            href: Route::Programme(ProgrammeView::Control(c.id.clone())).to_hash(),
            cells: vec![
                RecordCell::Text(c.name.clone()),
                RecordCell::Text(c.owner.clone()),
                RecordCell::Badge(
                    c.status.label().to_owned(),
                    format!("status status-{}", c.status.id()),
                ),
                RecordCell::Text(c.iso.len().to_string()),
                RecordCell::Text(c.tsc.len().to_string()),
            ],
        })
        .collect()
}

/// The unified controls.
#[component]
pub fn ControlList() -> impl IntoView {
    let store = use_store();
    let add = move |()| {
        if let Some(Ok(id)) = store.edit(|p| p.add_control("New unified control")) {
            go(Route::Programme(ProgrammeView::Control(id)));
        }
    };
    view! {
        <RecordList add_label="Add a unified control" filter_label="Filter unified controls" noun="unified controls"
            columns=&["Id", "Name", "Owner", "Status", "ISO items", "Criteria"] rows=control_rows on_add=Callback::new(add) />
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
    /// Applies a list through an engine edit method.
    apply: fn(&mut Programme, &str, Vec<String>) -> Result<(), EditError>,
    /// The control edited.
    control: String,
) -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    view! {
        <label>
            {label}
            <input type="text" class="wide" prop:value=value.join(", ") aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:change=move |ev| {
                    let text = input_value(&ev);
                    store.edit_or_show(error, |p| apply(p, &control, parse_ref_list(&text, side)?));
                } />
        </label>
        <FieldError error />
    }
}

/// The editor of one unified control.
#[component]
pub fn ControlEditor(
    /// The control's id.
    id: String,
) -> impl IntoView {
    let store = use_store();
    let wanted = id.clone();
    // The form is rebuilt only when what it lays out changes (refs, residual notes, the
    // control's evidence, its name in the heading), not on an edit of another field or the status:
    // those fields already show what the user typed, and a rebuild at a thousand controls
    // would cost a frame.
    let layout = Memo::new(move |_| {
        store.programme().with(|p| {
            p.as_ref().and_then(|p| {
                let c = p.control(&wanted)?;
                let evidence: Vec<(String, String)> = p
                    .evidence
                    .iter()
                    .filter(|e| e.controls.contains(&c.id))
                    .map(|e| (e.id.clone(), e.title.clone()))
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
            .programme()
            .with_untracked(|p| p.as_ref().and_then(|p| p.control(&wanted).cloned()))
    };
    let error = RwSignal::new(None::<String>);
    let merge_error = RwSignal::new(None::<String>);
    move || {
        let Some(c) = control() else {
            return view! { <p>"No unified control " {id.clone()} " in this programme. " <a href=Route::Programme(ProgrammeView::Controls).to_hash()>"Back to the list"</a></p> }.into_any();
        };
        let evidence =
            layout.with_untracked(|l| l.as_ref().map(|l| l.4.clone()).unwrap_or_default());
        let id = StoredValue::new(c.id.clone());
        let text_edit = move |method: fn(&mut Programme, &str, &str) -> Result<(), EditError>| {
            move |ev: leptos::ev::Event| {
                let v = input_value(&ev);
                store.edit_or_show(error, |p| id.with_value(|id| method(p, id, &v)));
            }
        };
        let residual_rows = c.tsc.iter().filter_map(|criterion| {
            let verdict = crosswalk().verdict(criterion).filter(|v| v.verdict != Verdict::Full)?;
            let note = c.residuals.iter().find(|n| n.tsc == *criterion).map(|n| n.handles.clone()).unwrap_or_default();
            let criterion = criterion.clone();
            Some(view! {
                <label>
                    {format!("How this control handles what SOC 2 asks beyond ISO for {criterion}")}
                    <span class="hint">{crosswalk().explain(verdict, catalogues())}</span>
                    <textarea rows="2" prop:value=note on:change=move |ev| {
                        let text = input_value(&ev);
                        store.edit_or_show(error, |p| id.with_value(|id| p.set_residual_note(id, &criterion, &text)));
                    }></textarea>
                </label>
            })
        }).collect_view();
        view! {
            <form class="editor" on:submit=|ev| ev.prevent_default() aria-labelledby="control-title">
                <h3 id="control-title">{format!("{} {}", c.id, c.name)}</h3>
                <CoverageLine />
                <label>"Name" <input type="text" prop:value=c.name.clone() on:change=text_edit(Programme::set_control_name) /></label>
                <label>"Description" <textarea rows="3" prop:value=c.description.clone() on:change=text_edit(Programme::set_control_description)></textarea></label>
                <label>"Owner" <input type="text" prop:value=c.owner.clone() on:change=text_edit(Programme::set_control_owner) /></label>
                <label>"Status"
                    <select on:change=move |ev| {
                        if let Some(status) = Status::from_id(&input_value(&ev)) {
                            store.edit_or_show(error, |p| id.with_value(|id| p.set_control_status(id, status)));
                        }
                    }>
                        {Status::ALL.into_iter().map(|s| view! { <option value=s.id() selected=s == c.status>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
                <FieldError error />
                <RefListField label="ISO/IEC 27001 items it satisfies" side=Side::Iso value=c.iso.clone()
                    apply=Programme::set_control_iso control=c.id.clone() />
                <RefListField label="Trust Services Criteria it satisfies" side=Side::Tsc value=c.tsc.clone()
                    apply=Programme::set_control_tsc control=c.id.clone() />
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
                            if absorbed.is_empty() {
                                merge_error.set(None);
                            } else {
                                store.edit_or_show(merge_error, |p| id.with_value(|kept| p.merge_controls(kept, &absorbed)));
                            }
                        } />
                    </label>
                    <FieldError error=merge_error />
                    <button type="button" class="danger" on:click=move |_| {
                        let gone = id.get_value();
                        if confirm(&format!("Delete {gone}? Its id will not be reused."))
                            && store.edit_or_show(error, |p| p.delete_control(&gone)).is_some()
                        {
                            go(Route::Programme(ProgrammeView::Controls));
                        }
                    }>"Delete this control"</button>
                </div>
            </form>
        }
        .into_any()
    }
}
