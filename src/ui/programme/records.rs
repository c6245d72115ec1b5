//! One record list for the user's registers (unified controls, evidence): an add button, the
//! shared search, a count, and a table whose rows are keyed by id, so an edit re-renders only
//! the row it changed.

use leptos::prelude::*;
use rustc_hash::FxHashMap;

use super::input_value;
use crate::programme::Programme;
use crate::ui::store::use_store;

/// One cell of a record row.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordCell {
    /// Plain text.
    Text(String),
    /// A badge: its text and the class that styles it.
    Badge(String, String),
}

/// One row: the record's id (shown as a link to `href`) and its other cells.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordRow {
    /// The record's id.
    pub id: String,
    /// Where its editor is.
    pub href: String,
    /// The cells after the id, one per column after the first.
    pub cells: Vec<RecordCell>,
}

/// The rows a query shows, in programme order.
pub type RowsOf = fn(&Programme, &str) -> Vec<RecordRow>;

/// A searchable list of records.
#[component]
pub fn RecordList(
    /// The add button's text.
    add_label: &'static str,
    /// The filter box's accessible name.
    filter_label: &'static str,
    /// What the records are called, plural ("unified controls").
    noun: &'static str,
    /// Column headings, the id's first.
    columns: &'static [&'static str],
    /// The rows matching a query.
    rows: RowsOf,
    /// Adds a record.
    on_add: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let query = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        let query = query.get();
        store
            .programme()
            .with(|p| p.as_ref().map(|p| rows(p, &query)).unwrap_or_default())
    });
    let ids = Memo::new(move |_| {
        shown.with(|rows| rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
    });
    let by_id = Memo::new(move |_| {
        shown.with(|rows| {
            rows.iter()
                .map(|r| (r.id.clone(), r.clone()))
                .collect::<FxHashMap<_, _>>()
        })
    });
    view! {
        <div class="list-head">
            <button type="button" on:click=move |_| on_add.run(())>{add_label}</button>
            <label class="search">
                <span>"Filter"</span>
                <input type="search" aria-label=filter_label on:input=move |ev| query.set(input_value(&ev)) />
            </label>
            <p class="result-count" role="status">{move || format!("{} {noun}", ids.with(Vec::len))}</p>
        </div>
        <table class="records">
            <thead><tr>{columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr></thead>
            <tbody>
                <For each=move || ids.get() key=String::clone let:id>
                    {
                        let wanted = id.clone();
                        let row = Memo::new(move |_| by_id.with(|rows| rows.get(&wanted).cloned()));
                        let href = row.with_untracked(|r| r.as_ref().map(|r| r.href.clone()).unwrap_or_default());
                        view! {
                            <tr>
                                <td><a href=href>{id}</a></td>
                                {(0..columns.len().saturating_sub(1)).map(|column| view! {
                                    <td>{move || row.with(|r| match r.as_ref().and_then(|r| r.cells.get(column)) {
                                        Some(RecordCell::Text(text)) => view! { <span>{text.clone()}</span> }.into_any(),
                                        Some(RecordCell::Badge(text, class)) => view! { <span class=class.clone()>{text.clone()}</span> }.into_any(),
                                        None => ().into_any(),
                                    })}</td>
                                }).collect_view()}
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
