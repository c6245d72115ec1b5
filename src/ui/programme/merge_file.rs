//! "Merge a file into this programme": a colleague's version brought in three-way from a
//! snapshot both files hold, or two-way difference by difference, previewed before it lands.

use leptos::prelude::*;

use super::sheet_import::BackupNotice;
use crate::catalog::catalogues;
use crate::crosswalk::crosswalk;
use crate::export::diff::diff_table;
use crate::programme::diff::{diff, ChangeKind};
use crate::programme::merge::{common_snapshot, merge, take_theirs};
use crate::programme::records::Register;
use crate::programme::{import_json, Programme};
use crate::ui::files::read_file_from;
use crate::ui::reports::ReportTable;
use crate::ui::store::use_store;

/// "Merge a file into this programme": three-way from the newest snapshot both hold, otherwise
/// two-way with a choice per difference. Nothing changes until the user confirms, and the
/// programme as it was is kept as a backup.
#[component]
pub fn MergeFile() -> impl IntoView {
    let store = use_store();
    let incoming: RwSignal<Option<(String, Programme)>> = RwSignal::new(None);
    let chosen: RwSignal<Vec<(Register, String)>> = RwSignal::new(Vec::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let on_pick = move |ev: leptos::ev::Event| {
        message.set(None);
        chosen.set(Vec::new());
        read_file_from(&ev, move |file| {
            let Some((name, bytes)) = file else {
                message.set(Some((false, "The file could not be read.".to_owned())));
                return;
            };
            match import_json(&bytes) {
                Ok(theirs) => incoming.set(Some((name, theirs))),
                Err(error) => {
                    incoming.set(None);
                    message.set(Some((
                        false,
                        format!("{name} cannot be merged; your programme is unchanged. {error}"),
                    )));
                }
            }
        });
    };
    // The merge as it would land: recomputed when the programme or the choices change.
    let preview = Memo::new(move |_| {
        let (name, theirs) = incoming.get()?;
        let ours = store.programme().get()?;
        let base = common_snapshot(&ours, &theirs).map(|s| s.name.clone());
        let merged = match &base {
            Some(base_name) => {
                let base = ours.snapshot(base_name).map(|s| (*s.programme).clone())?;
                merge(&base, &ours, &theirs)
            }
            None => take_theirs(&ours, &theirs, &chosen.get()),
        };
        let differences = diff(&ours, &theirs, catalogues(), crosswalk());
        let change = diff(&ours, &merged.programme, catalogues(), crosswalk());
        Some((name, base, merged, differences, change))
    });
    let confirm_merge = move |_| {
        let Some((name, _, merged, _, change)) = preview.get_untracked() else {
            return;
        };
        let (added, removed, changed) = change.counts();
        let conflicts = merged.conflicts.len();
        store.replace_keeping_backup(merged.programme);
        incoming.set(None);
        chosen.set(Vec::new());
        message.set(Some((
            true,
            format!(
                "Merged {name}: {added} added, {removed} removed, {changed} changed{}.",
                if conflicts > 0 {
                    format!("; {conflicts} conflict(s) to settle on the overview")
                } else {
                    String::new()
                }
            ),
        )));
    };
    view! {
        <section class="card merge-file" aria-labelledby="merge-file-title">
            <h3 id="merge-file-title">"Merge a file into this programme"</h3>
            <p>"Bring in a colleague's version. When both files hold the same snapshot, Crosswalk merges three-way from it: separate edits combine, and a field both changed keeps yours as a conflict to settle. Otherwise you choose, difference by difference, which to take from the file. Nothing changes until you confirm."</p>
            <label>"Programme file to merge "<input type="file" accept=".json,application/json" on:change=on_pick /></label>
            {move || message.get().map(|(ok, text)| view! { <p class=if ok { "import-ok" } else { "import-error" } role="status">{text}</p> })}
            {move || preview.get().map(|(name, base, merged, differences, change)| {
                let (added, removed, changed) = change.counts();
                let how = match &base {
                    Some(base) => format!("Three-way merge of {name} from the snapshot {base:?} both files hold."),
                    None => format!("{name} shares no snapshot with this programme: tick each difference to take from the file."),
                };
                let choices = base.is_none().then(|| view! {
                    <ul class="merge-choices">
                        {differences.changes.iter().map(|c| {
                            let key = (c.register, c.key.clone());
                            let for_toggle = key.clone();
                            let fields: Vec<String> = c.fields.iter().map(|f| f.field.clone()).collect();
                            let what = match c.kind {
                                ChangeKind::Added => "only in the file".to_owned(),
                                ChangeKind::Removed => "not in the file".to_owned(),
                                ChangeKind::Changed => format!("differs in {}", fields.join(", ")),
                            };
                            view! {
                                <li>
                                    <label>
                                        <input type="checkbox" prop:checked=move || chosen.with(|all| all.contains(&key)) on:change=move |_| {
                                            chosen.update(|all| {
                                                if let Some(at) = all.iter().position(|k| *k == for_toggle) {
                                                    all.remove(at);
                                                } else {
                                                    all.push(for_toggle.clone());
                                                }
                                            });
                                        } />
                                        {format!(" Take theirs: {} {} ({what})", c.register.label(), c.key)}
                                    </label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                });
                view! {
                    <p>{how}</p>
                    {choices}
                    <p class="merge-preview" role="status">{format!(
                        "If confirmed: {added} added, {removed} removed, {changed} changed; {} conflict(s) to settle.",
                        merged.conflicts.len()
                    )}</p>
                    {(!change.is_empty()).then(|| view! { <ReportTable table=diff_table(&change) /> })}
                    <button type="button" on:click=confirm_merge>"Confirm the merge"</button>
                    " "
                    <button type="button" on:click=move |_| { incoming.set(None); chosen.set(Vec::new()); }>"Cancel"</button>
                }
            })}
            <BackupNotice />
        </section>
    }
}
