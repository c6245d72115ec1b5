//! Banners for storage problems: unreadable data, a full quota, another tab's edits.

use leptos::prelude::*;

use crate::programme::export_json;
use crate::ui::files::download;
use crate::ui::storage::{use_persistence, StorageNotice};
use crate::ui::store::use_store;

/// Downloads the programme as JSON, if there is one.
pub fn export_programme() {
    if let Some(text) = use_store()
        .programme()
        .with_untracked(|p| p.as_ref().map(export_json))
    {
        let _ = download("crosswalk-programme.json", "application/json", &text);
    }
}

/// Banners for storage problems: unreadable data, a full quota, another tab's edits.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let persistence = use_persistence();
    move || {
        let notice = persistence.notice.get()?;
        let view = match notice {
            StorageNotice::Unreadable { reason, backed_up } => view! {
                <div class="banner error" role="alert">
                    <p>
                        "The programme stored in this browser could not be read: " {reason} ". "
                        {if backed_up {
                            "It has been kept unchanged under a backup key; nothing was overwritten."
                        } else {
                            "It could not be copied aside, so saving is paused until you export it."
                        }}
                    </p>
                    <button type="button" on:click=move |_| {
                        if let Some(text) = persistence.unreadable.get_untracked() {
                            let _ = download("crosswalk-unreadable-programme.json", "application/json", &text);
                        }
                        persistence.release_unreadable();
                    }>"Export the unreadable data"</button>
                </div>
            }
            .into_any(),
            StorageNotice::QuotaFull => view! {
                <div class="banner error" role="alert">
                    <p>"This browser's storage is full: your latest changes are kept in this tab only and will be lost when it closes. Export the programme now to keep them."</p>
                    <button type="button" on:click=move |_| export_programme()>"Export programme (JSON)"</button>
                </div>
            }
            .into_any(),
            StorageNotice::Unavailable => view! {
                <div class="banner error" role="alert">
                    <p>"This browser does not allow local storage here, so the programme cannot be kept between visits. Export it to keep your work."</p>
                </div>
            }
            .into_any(),
            StorageNotice::Conflict { theirs, head } => {
                let (theirs_to_load, theirs_to_save) = (theirs.clone(), theirs);
                view! {
                    <div class="banner warn" role="alert">
                        <p>"Another tab saved a different version of this programme while you were editing here. Choose which to keep; the other is downloaded first so nothing is lost."</p>
                        <button type="button" on:click=move |_| {
                            export_programme();
                            persistence.take_theirs((*theirs_to_load).clone(), head.clone());
                        }>"Load the other tab's version"</button>
                        <button type="button" on:click=move |_| {
                            let _ = download("crosswalk-programme-other-tab.json", "application/json", &export_json(&theirs_to_save));
                            persistence.keep_mine();
                        }>"Keep this tab's version"</button>
                    </div>
                }
                .into_any()
            }
            StorageNotice::UpdatedFromOtherTab => view! {
                <div class="banner info" role="status">
                    <p>"Updated with the changes saved in another tab."</p>
                    <button type="button" on:click=move |_| persistence.notice.set(None)>"Dismiss"</button>
                </div>
            }
            .into_any(),
        };
        Some(view)
    }
}
