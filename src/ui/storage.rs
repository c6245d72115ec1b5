//! The one storage adapter: loads the programme once from local storage, saves it from one
//! debounced effect, keeps unreadable data under a backup key, reports a full quota, and
//! follows edits made in another tab without losing any silently.

use std::time::Duration;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::programme::{import_json, stored_json, Programme};
use crate::ui::perf;

/// Where the programme lives.
pub const PROGRAMME_KEY: &str = "crosswalk.programme";
/// Where unreadable stored data is kept, untouched, for the user to export.
pub const BACKUP_KEY: &str = "crosswalk.programme.unreadable";
/// How long edits settle before they are written.
const SAVE_DELAY: Duration = Duration::from_millis(300);

/// What the user should know about storage.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageNotice {
    /// Stored data could not be read; it was kept under [`BACKUP_KEY`] (or only in memory, if
    /// even that failed) and can be exported.
    Unreadable {
        /// Why it could not be read.
        reason: String,
        /// Whether the copy under the backup key succeeded.
        backed_up: bool,
    },
    /// The browser refused to store more: edits are kept in this tab only.
    QuotaFull,
    /// Local storage is not available at all (private mode, disabled by policy).
    Unavailable,
    /// Another tab saved a different version while this tab had unsaved edits.
    Conflict {
        /// The other tab's document.
        theirs: String,
    },
    /// Another tab's version was loaded because this tab had no unsaved edits.
    UpdatedFromOtherTab,
}

/// The programme and its persistence state, shared through context.
#[derive(Clone, Copy)]
pub struct ProgrammeStore {
    /// The programme, if one was started or loaded.
    pub programme: RwSignal<Option<Programme>>,
    /// What the user should be told about storage, if anything.
    pub notice: RwSignal<Option<StorageNotice>>,
    /// The unreadable document found at start-up, kept for export.
    pub unreadable: RwSignal<Option<String>>,
    /// The outcome of the last import: (succeeded, message). Kept here so it survives the
    /// view change an accepted import causes.
    pub import_outcome: RwSignal<Option<(bool, String)>>,
    /// The text last written to or read from storage, to tell our own writes from others'.
    saved: RwSignal<Option<String>>,
    /// Whether there are edits not yet written.
    dirty: RwSignal<bool>,
    /// Whether autosave must hold off (unreadable data that could not be backed up).
    blocked: RwSignal<bool>,
}

/// The shared programme store.
pub fn use_store() -> ProgrammeStore {
    expect_context::<ProgrammeStore>()
}

/// Local storage through gloo-storage, or `None` where the browser forbids it (gloo would throw).
fn storage() -> Option<web_sys::Storage> {
    let available = window().local_storage().ok().flatten().is_some();
    available.then(LocalStorage::raw)
}

/// Writes a value, telling a full quota apart from other failures.
fn write(key: &str, value: &str) -> Result<(), StorageNotice> {
    let store = storage().ok_or(StorageNotice::Unavailable)?;
    store.set_item(key, value).map_err(|error| {
        let quota = error
            .dyn_ref::<web_sys::DomException>()
            .is_some_and(|e| e.name() == "QuotaExceededError" || e.code() == 22);
        if quota {
            StorageNotice::QuotaFull
        } else {
            StorageNotice::Unavailable
        }
    })
}

impl ProgrammeStore {
    /// Loads the stored programme, wires autosave and the cross-tab listener, and provides the
    /// store as context.
    pub fn provide() -> ProgrammeStore {
        let store = ProgrammeStore {
            programme: RwSignal::new(None),
            notice: RwSignal::new(None),
            unreadable: RwSignal::new(None),
            import_outcome: RwSignal::new(None),
            saved: RwSignal::new(None),
            dirty: RwSignal::new(false),
            blocked: RwSignal::new(false),
        };
        store.load();
        store.autosave();
        store.follow_other_tabs();
        provide_context(store);
        store
    }

    fn load(&self) {
        let Some(local) = storage() else {
            self.notice.set(Some(StorageNotice::Unavailable));
            return;
        };
        let Ok(Some(text)) = local.get_item(PROGRAMME_KEY) else {
            return;
        };
        match import_json(text.as_bytes()) {
            Ok(programme) => {
                self.programme.set(Some(programme));
                self.saved.set(Some(text));
            }
            Err(error) => {
                let backed_up = write(BACKUP_KEY, &text).is_ok();
                self.blocked.set(!backed_up);
                self.unreadable.set(Some(text));
                self.notice.set(Some(StorageNotice::Unreadable {
                    reason: error.to_string(),
                    backed_up,
                }));
            }
        }
    }

    fn autosave(&self) {
        let store = *self;
        let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
        Effect::new(move |first_run: Option<()>| {
            store.programme.track();
            if first_run.is_none() {
                return;
            }
            store.dirty.set(true);
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            // Serialise when the edits have settled, not on every keystroke.
            let save = move || {
                perf::mark("crosswalk:save");
                store.save(
                    store
                        .programme
                        .with_untracked(|p| p.as_ref().map(stored_json)),
                );
            };
            pending.set_value(set_timeout_with_handle(save, SAVE_DELAY).ok());
        });
    }

    /// Writes now; `None` removes the stored programme.
    fn save(&self, text: Option<String>) {
        if self.blocked.get_untracked() {
            return;
        }
        let result = match &text {
            Some(text) => write(PROGRAMME_KEY, text),
            None => storage().ok_or(StorageNotice::Unavailable).and_then(|s| {
                s.remove_item(PROGRAMME_KEY)
                    .map_err(|_| StorageNotice::Unavailable)
            }),
        };
        match result {
            Ok(()) => {
                perf::mark("crosswalk:saved");
                self.saved.set(text);
                self.dirty.set(false);
                if self.notice.get_untracked() == Some(StorageNotice::QuotaFull) {
                    self.notice.set(None);
                }
            }
            Err(notice) => self.notice.set(Some(notice)),
        }
    }

    fn follow_other_tabs(&self) {
        let store = *self;
        let listener =
            window_event_listener(leptos::ev::storage, move |event: web_sys::StorageEvent| {
                if event.key().as_deref() != Some(PROGRAMME_KEY) {
                    return;
                }
                let theirs = event.new_value();
                if theirs == store.saved.get_untracked() {
                    return;
                }
                match theirs {
                    Some(text) if store.dirty.get_untracked() => {
                        store
                            .notice
                            .set(Some(StorageNotice::Conflict { theirs: text }));
                    }
                    Some(text) => {
                        if let Ok(programme) = import_json(text.as_bytes()) {
                            store.saved.set(Some(text));
                            store.programme.set(Some(programme));
                            store.dirty.set(false);
                            store.notice.set(Some(StorageNotice::UpdatedFromOtherTab));
                        }
                    }
                    None => {}
                }
            });
        on_cleanup(move || listener.remove());
    }

    /// Resolves a conflict in favour of the other tab: its version replaces this tab's edits,
    /// which are first offered as a download by the caller.
    pub fn take_theirs(&self, theirs: &str) {
        if let Ok(programme) = import_json(theirs.as_bytes()) {
            self.saved.set(Some(theirs.to_owned()));
            self.programme.set(Some(programme));
            self.dirty.set(false);
        }
        self.notice.set(None);
    }

    /// Resolves a conflict in favour of this tab: its version is written over the other's.
    pub fn keep_mine(&self) {
        self.notice.set(None);
        let text = self
            .programme
            .with_untracked(|p| p.as_ref().map(stored_json));
        self.save(text);
    }

    /// Lets autosave resume after the user has exported the unreadable data.
    pub fn release_unreadable(&self) {
        self.blocked.set(false);
        self.unreadable.set(None);
        self.notice.set(None);
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::*;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn writes_reach_the_browsers_local_storage() {
        let key = "crosswalk.test.write";
        assert_eq!(write(key, "{\"a\":1}"), Ok(()));
        assert_eq!(
            LocalStorage::raw().get_item(key).ok().flatten().as_deref(),
            Some("{\"a\":1}")
        );
        LocalStorage::delete(key);
    }

    #[wasm_bindgen_test]
    fn a_full_quota_is_told_apart_from_other_failures() {
        let prototype = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Storage"))
            .and_then(|storage| js_sys::Reflect::get(&storage, &JsValue::from_str("prototype")))
            .expect("Storage.prototype");
        let original =
            js_sys::Reflect::get(&prototype, &JsValue::from_str("setItem")).expect("setItem");
        let set = |body: &str| {
            let replacement = js_sys::Function::new_no_args(body);
            js_sys::Reflect::set(&prototype, &JsValue::from_str("setItem"), &replacement)
                .expect("replace setItem");
        };
        set("throw new DOMException('quota exceeded', 'QuotaExceededError');");
        let full = write("crosswalk.test.quota", "x");
        set("throw new DOMException('denied', 'SecurityError');");
        let other = write("crosswalk.test.quota", "x");
        js_sys::Reflect::set(&prototype, &JsValue::from_str("setItem"), &original)
            .expect("restore setItem");
        assert_eq!(full, Err(StorageNotice::QuotaFull));
        assert_eq!(other, Err(StorageNotice::Unavailable));
    }
}
