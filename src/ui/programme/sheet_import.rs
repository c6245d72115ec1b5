//! Import from a spreadsheet: pick a CSV, see which column feeds which field (and change it),
//! preview what each row becomes, then import in one step that can be undone. Everything is
//! the engine's: reading the file, the column guess, the preview and the import itself.

use leptos::prelude::*;

use super::input_value;
use crate::programme::export_json;
use crate::programme::sheet_import::{
    problems_text, Action, ColumnMapping, Field, ImportPreview, RefusedRows, Register,
    SheetImportError,
};
use crate::sheet::{read, Sheet};
use crate::ui::files::{download, read_file_from};
use crate::ui::storage::use_persistence;
use crate::ui::store::use_store;

/// How many rows the preview table shows; refused rows are all listed below it.
const PREVIEW_ROWS: usize = 20;

/// A picked spreadsheet with the column mapping being chosen for it.
#[derive(Clone, PartialEq)]
struct Picked {
    name: String,
    sheet: Sheet,
    mapping: ColumnMapping,
}

/// The import view.
#[component]
pub fn SheetImportView() -> impl IntoView {
    let store = use_store();
    let register = RwSignal::new(Register::Controls);
    let picked = RwSignal::new(None::<Picked>);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let skip = RwSignal::new(false);

    let on_pick = move |ev: leptos::ev::Event| {
        done.set(None);
        skip.set(false);
        read_file_from(&ev, move |file| {
            let Some((name, bytes)) = file else {
                problem.set(Some("The file could not be read.".to_owned()));
                return;
            };
            match read(&bytes) {
                Ok(sheet) => {
                    let mapping = ColumnMapping::guess(register.get_untracked(), &sheet.headers);
                    problem.set(None);
                    picked.set(Some(Picked {
                        name,
                        sheet,
                        mapping,
                    }));
                }
                Err(error) => {
                    picked.set(None);
                    problem.set(Some(format!("{name} cannot be imported: {error}.")));
                }
            }
        });
    };
    let choose_register = move |chosen: Register| {
        register.set(chosen);
        picked.update(|p| {
            if let Some(p) = p {
                p.mapping = ColumnMapping::guess(chosen, &p.sheet.headers);
            }
        });
    };
    let preview = Memo::new(move |_| {
        picked.with(|picked| {
            let picked = picked.as_ref()?;
            store.programme().with(|p| {
                p.as_ref()
                    .map(|p| p.preview_import(&picked.sheet, &picked.mapping))
            })
        })
    });
    // The mapping's choices re-render only when another file or register is chosen, not on
    // every change of a column.
    let chosen = Memo::new(move |_| {
        picked.with(|p| {
            p.as_ref().map(|p| {
                (
                    p.name.clone(),
                    p.sheet.headers.clone(),
                    p.mapping.register(),
                )
            })
        })
    });
    let confirm = move |_| {
        let Some(Picked {
            name,
            sheet,
            mapping,
        }) = picked.get_untracked()
        else {
            return;
        };
        let refused = if skip.get_untracked() {
            RefusedRows::Skip
        } else {
            RefusedRows::Stop
        };
        match store.import(|p| p.import_sheet(&sheet, &mapping, refused)) {
            Some(Ok(summary)) => {
                let item = mapping.register().item();
                let mut said = format!(
                    "Imported {name}: {} {item}(s) added, {} updated",
                    summary.added.len(),
                    summary.updated.len()
                );
                if !summary.skipped.is_empty() {
                    said.push_str(&format!(", {} row(s) skipped", summary.skipped.len()));
                }
                said.push('.');
                done.set(Some(said));
                picked.set(None);
                problem.set(None);
            }
            Some(Err(error)) => problem.set(Some(refusal(&name, &error))),
            None => {}
        }
    };

    view! {
        <div class="card sheet-import">
            <h3>"Import from a spreadsheet"</h3>
            <p>
                "Bring in unified controls, evidence or Statement of Applicability decisions kept in a "
                "spreadsheet. Save the sheet as CSV "
                "(UTF-8, or whatever your spreadsheet offers; commas or semicolons). Nothing changes "
                "until you confirm, and the programme as it was is kept so the import can be undone."
            </p>
            <fieldset class="register-choice">
                <legend>"The rows are"</legend>
                <label class="inline">
                    <input type="radio" name="sheet-register" prop:checked=move || register.get() == Register::Controls
                        on:change=move |_| choose_register(Register::Controls) />
                    "Unified controls"
                </label>
                <label class="inline">
                    <input type="radio" name="sheet-register" prop:checked=move || register.get() == Register::Evidence
                        on:change=move |_| choose_register(Register::Evidence) />
                    "Evidence items"
                </label>
                <label class="inline">
                    <input type="radio" name="sheet-register" prop:checked=move || register.get() == Register::Applicability
                        on:change=move |_| choose_register(Register::Applicability) />
                    "Statement of Applicability decisions"
                </label>
            </fieldset>
            <label>
                "Spreadsheet (CSV)"
                <input type="file" accept=".csv,.txt,.tsv,text/csv,.xlsx" on:change=on_pick />
            </label>
            {move || problem.get().map(|text| view! { <p class="import-error" role="alert">{text}</p> })}
            {move || done.get().map(|text| view! { <p class="import-ok" role="status">{text}</p> })}
            {move || chosen.get().map(|(name, _, _)| view! { <ColumnChoices picked /> <Preview preview skip name /> })}
            {move || preview.get().map(|preview| {
                let (added, updated, refused) = preview.counts();
                let blocked = preview.missing.is_some() || (refused > 0 && !skip.get()) || added + updated == 0;
                view! {
                    <button type="button" class="primary" disabled=blocked on:click=confirm>
                        {format!("Import {} row(s)", added + updated)}
                    </button>
                }
            })}
            <BackupNotice />
        </div>
    }
}

/// The column each field is read from, as guessed, each one a choice.
#[component]
fn ColumnChoices(picked: RwSignal<Option<Picked>>) -> impl IntoView {
    let headers = picked.with_untracked(|p| {
        p.as_ref()
            .map(|p| p.sheet.headers.clone())
            .unwrap_or_default()
    });
    let fields = picked.with_untracked(|p| {
        p.as_ref()
            .map(|p| {
                p.mapping
                    .fields()
                    .iter()
                    .map(|(f, _)| *f)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <table class="column-choices">
            <caption>"Which column holds what (guessed from the headers; change any)"</caption>
            <thead><tr><th scope="col">"Field"</th><th scope="col">"Column"</th></tr></thead>
            <tbody>
                {fields
                    .into_iter()
                    .map(|field| {
                        let headers = headers.clone();
                        let current = move || {
                            picked.with(|p| {
                                p.as_ref()
                                    .and_then(|p| p.mapping.column(field))
                                    .map_or_else(String::new, |c| c.to_string())
                            })
                        };
                        let on_change = move |ev: leptos::ev::Event| {
                            let column = input_value(&ev).parse::<usize>().ok();
                            picked.update(|p| {
                                if let Some(p) = p {
                                    p.mapping.set(field, column);
                                }
                            });
                        };
                        view! {
                            <tr>
                                <th scope="row"><label for=format!("column-{}", field.id())>{field.label()}</label></th>
                                <td>
                                    <select id=format!("column-{}", field.id()) prop:value=current on:change=on_change>
                                        <option value="">"— not imported —"</option>
                                        {headers
                                            .iter()
                                            .enumerate()
                                            .map(|(column, header)| {
                                                view! { <option value=column.to_string()>{header.clone()}</option> }
                                            })
                                            .collect_view()}
                                    </select>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The first rows as they will be imported, and every row that cannot be.
#[component]
fn Preview(
    preview: Memo<Option<ImportPreview>>,
    skip: RwSignal<bool>,
    name: String,
) -> impl IntoView {
    move || {
        let preview = preview.get()?;
        let (added, updated, refused) = preview.counts();
        let fields: Vec<_> = preview
            .register
            .fields()
            .iter()
            .copied()
            .filter(|&f| f != Field::Id)
            .collect();
        let missing = preview.missing.map(|field| {
            view! {
                <p class="import-error" role="alert">
                    {format!("No column gives the {}: choose the column that holds it.", field.label().to_lowercase())}
                </p>
            }
        });
        let rows = preview.rows.iter().take(PREVIEW_ROWS).map(|row| {
            let class = match row.action {
                Action::Refuse => "refused",
                Action::Add(_) => "added",
                Action::Update(_) => "updated",
            };
            let outcome = match &row.note {
                Some(note) => format!("{} ({note})", row.outcome()),
                None => row.outcome(),
            };
            view! {
                <tr class=class>
                    <td>{row.row}</td>
                    <td>{outcome}</td>
                    {fields.iter().map(|&f| view! { <td>{row.values.text(f)}</td> }).collect_view()}
                </tr>
            }
        }).collect_view();
        let more = preview.rows.len().saturating_sub(PREVIEW_ROWS);
        let refused_list = (refused > 0).then(|| {
            view! {
                <div class="refused-rows" role="alert">
                    <h4>{format!("{refused} row(s) cannot be imported")}</h4>
                    <ul>
                        {preview.refused().map(|row| view! { <li>{format!("Row {}: {}", row.row, problems_text(&row.problems))}</li> }).collect_view()}
                    </ul>
                    <p>"Fix them in your spreadsheet and choose the file again, or leave them out."</p>
                    <label class="inline">
                        <input type="checkbox" prop:checked=move || skip.get() on:change=move |ev| skip.set(super::checked(&ev)) />
                        {format!("Skip the {refused} row(s) that cannot be imported")}
                    </label>
                </div>
            }
        });
        Some(view! {
            <div class="import-preview">
                {missing}
                <p class="import-counts">
                    {format!("{name}: {} row(s): {added} to add, {updated} to update, {refused} cannot be imported.", preview.rows.len())}
                </p>
                <table class="preview">
                    <caption>{format!("Preview of the first {} row(s)", preview.rows.len().min(PREVIEW_ROWS))}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Row"</th>
                            <th scope="col">"What happens"</th>
                            {fields.iter().map(|f| view! { <th scope="col">{f.label()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                {(more > 0).then(|| view! { <p>{format!("… and {more} more row(s).")}</p> })}
                {refused_list}
            </div>
        })
    }
}

/// The import's refusal in the user's terms.
fn refusal(name: &str, error: &SheetImportError) -> String {
    format!("{name} was not imported; your programme is unchanged. {error}")
}

/// The programme as it was before the last import or merge: restore it, download it, or let it
/// go.
#[component]
pub fn BackupNotice() -> impl IntoView {
    let store = use_store();
    let persistence = use_persistence();
    let backup = store.backup();
    move || {
        backup.with(Option::is_some).then(|| {
            let download_backup = move |_| {
                if let Some(text) = backup.with_untracked(|b| b.as_ref().map(export_json)) {
                    let _ = download("crosswalk-programme-before-import.json", "application/json", &text);
                }
            };
            view! {
                <div class="backup-notice" role="status">
                    <p>
                        "The programme as it was before the last import or merge is kept. "
                        {move || if persistence.backup_in_tab_only.get() {
                            "Storage has no room for it, so it is kept in this tab only: download it to keep it."
                        } else {
                            "It is kept in this browser until you restore or discard it."
                        }}
                    </p>
                    <button type="button" on:click=move |_| store.restore_backup()>"Undo the import or merge (restore the previous programme)"</button>
                    <button type="button" on:click=download_backup>"Download the previous programme (JSON)"</button>
                    <button type="button" on:click=move |_| backup.set(None)>"Discard the backup"</button>
                </div>
            }
        })
    }
}
