//! The SOC 2 registers the System Description draws on: complementary user entity controls
//! (DC6), subservice organisations (DC7), and the user's own text for each DC section.

use leptos::prelude::*;

use super::{input_value, FieldError};
use crate::catalog::catalogues;
use crate::crosswalk::Side;
use crate::programme::edit::{lines, parse_ref_list};
use crate::programme::{Cuec, SubserviceMethod, SubserviceOrganisation};
use crate::ui::store::use_store;

/// The registers editor.
#[component]
pub fn RegistersEditor() -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    let cuecs = Memo::new(move |_| {
        store
            .programme()
            .with(|p| p.as_ref().map(|p| p.cuecs.clone()).unwrap_or_default())
    });
    let subservices = Memo::new(move |_| {
        store.programme().with(|p| {
            p.as_ref()
                .map(|p| p.subservice_organisations.clone())
                .unwrap_or_default()
        })
    });
    let add_cuec = move |_| {
        store.edit_or_show(error, |p| p.add_cuec("Describe what customers must do."));
    };
    let add_subservice = move |_| {
        store.edit_or_show(error, |p| {
            let name = p.fresh_subservice_name();
            p.add_subservice(&name)
        });
    };
    view! {
        <div class="registers">
            <FieldError error />
            <section aria-labelledby="cuec-title">
                <h3 id="cuec-title">"Complementary user entity controls (DC6)"</h3>
                <For each=move || cuecs.with(|list| list.iter().map(|c| c.id.clone()).collect::<Vec<_>>()) key=String::clone let:id>
                    <CuecEntry cuec=Memo::new(move |_| cuecs.with(|list| list.iter().find(|c| c.id == id).cloned())) error />
                </For>
                <button type="button" on:click=add_cuec>"Add a CUEC"</button>
            </section>
            <section aria-labelledby="subservice-title">
                <h3 id="subservice-title">"Subservice organisations (DC7)"</h3>
                <For each=move || subservices.with(|list| list.iter().map(|o| o.name.clone()).collect::<Vec<_>>()) key=String::clone let:name>
                    <SubserviceEntry organisation=Memo::new(move |_| subservices.with(|list| list.iter().find(|o| o.name == name).cloned())) error />
                </For>
                <button type="button" on:click=add_subservice>"Add a subservice organisation"</button>
            </section>
            <DescriptionNotes />
        </div>
    }
}

/// One CUEC.
#[component]
fn CuecEntry(
    /// The CUEC, as it is now.
    cuec: Memo<Option<Cuec>>,
    /// Where a refused edit is reported.
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let store = use_store();
    let Some(Cuec { id, .. }) = cuec.get_untracked() else {
        return ().into_any();
    };
    let id = StoredValue::new(id);
    let field = move |read: fn(&Cuec) -> String| {
        move || cuec.with(|c| c.as_ref().map(read).unwrap_or_default())
    };
    view! {
        <fieldset class="card">
            <legend>{id.get_value()}</legend>
            <label>"What customers must do"
                <textarea rows="2" prop:value=field(|c| c.description.clone()) on:change=move |ev| {
                    let text = input_value(&ev);
                    store.edit_or_show(error, |p| id.with_value(|id| p.set_cuec_description(id, &text)));
                }></textarea></label>
            <label>"Criteria it complements"
                <input type="text" prop:value=field(|c| c.criteria.join(", ")) on:change=move |ev| {
                    let text = input_value(&ev);
                    store.edit_or_show(error, |p| id.with_value(|id| p.set_cuec_criteria(id, parse_ref_list(&text, Side::Tsc)?)));
                } /></label>
            <button type="button" class="danger" on:click=move |_| {
                store.edit_or_show(error, |p| id.with_value(|id| p.delete_cuec(id)));
            }>{format!("Remove {}", id.get_value())}</button>
        </fieldset>
    }
    .into_any()
}

/// One subservice organisation, named by its (unique) name.
#[component]
fn SubserviceEntry(
    /// The organisation, as it is now.
    organisation: Memo<Option<SubserviceOrganisation>>,
    /// Where a refused edit is reported.
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let store = use_store();
    let Some(SubserviceOrganisation { name, method, .. }) = organisation.get_untracked() else {
        return ().into_any();
    };
    let name = StoredValue::new(name);
    let field = move |read: fn(&SubserviceOrganisation) -> String| {
        move || organisation.with(|o| o.as_ref().map(read).unwrap_or_default())
    };
    view! {
        <fieldset class="card">
            <legend>{name.get_value()}</legend>
            <label>"Name" <input type="text" prop:value=name.get_value() on:change=move |ev| {
                let new_name = input_value(&ev);
                store.edit_or_show(error, |p| name.with_value(|name| p.rename_subservice(name, &new_name)));
            } /></label>
            <label>"Services it provides" <input type="text" class="wide" prop:value=field(|o| o.services.clone()) on:change=move |ev| {
                let text = input_value(&ev);
                store.edit_or_show(error, |p| name.with_value(|name| p.set_subservice_services(name, &text)));
            } /></label>
            <label>"Method"
                <select on:change=move |ev| {
                    if let Some(method) = SubserviceMethod::from_id(&input_value(&ev)) {
                        store.edit_or_show(error, |p| name.with_value(|name| p.set_subservice_method(name, method)));
                    }
                }>
                    {SubserviceMethod::ALL.into_iter().map(|m| view! { <option value=m.id() selected=m == method>{m.label()}</option> }).collect_view()}
                </select>
            </label>
            <label>"Complementary subservice organisation controls (one per line)"
                <textarea rows="3" prop:value=field(|o| o.csocs.join("\n")) on:change=move |ev| {
                    let csocs = lines(&input_value(&ev));
                    store.edit_or_show(error, |p| name.with_value(|name| p.set_subservice_csocs(name, csocs)));
                }></textarea></label>
            <label>"Criteria it bears on"
                <input type="text" prop:value=field(|o| o.criteria.join(", ")) on:change=move |ev| {
                    let text = input_value(&ev);
                    store.edit_or_show(error, |p| name.with_value(|name| p.set_subservice_criteria(name, parse_ref_list(&text, Side::Tsc)?)));
                } /></label>
            <button type="button" class="danger" on:click=move |_| {
                store.edit_or_show(error, |p| name.with_value(|name| p.delete_subservice(name)));
            }>{format!("Remove {}", name.get_value())}</button>
        </fieldset>
    }
    .into_any()
}

/// The user's own words for each System Description section.
#[component]
fn DescriptionNotes() -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    view! {
        <section aria-labelledby="notes-title">
            <h3 id="notes-title">"System Description text"</h3>
            <p>"Your own words for each section; the draft in Reports adds what the programme already knows."</p>
            <FieldError error />
            {catalogues().dc.items().iter().map(|dc| {
                let section = dc.reference.to_string();
                let wanted = section.clone();
                let text = move || store.programme().with(|p| p.as_ref().and_then(|p| p.description_notes.get(&wanted).cloned()).unwrap_or_default());
                view! {
                    <label>{format!("{} {}", dc.reference, dc.title)}
                        <textarea rows="3" prop:value=text on:change=move |ev| {
                            let text = input_value(&ev);
                            store.edit_or_show(error, |p| p.set_description_note(&section, &text));
                        }></textarea>
                    </label>
                }
            }).collect_view()}
        </section>
    }
}
