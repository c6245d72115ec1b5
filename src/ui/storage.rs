//! The one storage adapter: loads the programme once from local storage, saves it from one
//! debounced effect, keeps unreadable data under a backup key, reports a full quota, and
//! follows edits made in another tab without losing any silently. What is written, and in
//! which order, is the engine's [`stored`] form; this layer only moves it in and out.

use std::time::Duration;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::programme::stored::{self, Save, StoredForm, HEAD_KEY, PART_PREFIX};
use crate::programme::{export_json, import_json, Programme};
use crate::ui::perf;

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
        /// The other tab's programme, as an export file.
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
    /// The head last written to or read from storage, to tell our own writes from others'.
    saved: RwSignal<Option<String>>,
    /// The stored form of the programme as last saved, so a save encodes only what changed.
    form: StoredValue<StoredForm>,
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

/// Reads the programme a head names, fetching its parts from `local`.
fn read_from(
    local: &web_sys::Storage,
    head: &str,
) -> Result<(Programme, StoredForm), stored::StoredError> {
    stored::read(head, |key| local.get_item(key).ok().flatten())
}

/// Every key in local storage, to tell which parts are already there and which are stale.
fn stored_keys(local: &web_sys::Storage) -> Vec<String> {
    let count = local.length().unwrap_or(0);
    (0..count)
        .filter_map(|index| local.key(index).ok().flatten())
        .collect()
}

/// Writes the parts not yet stored, then the head, then removes the parts no longer used.
/// If a part or the head cannot be written, the parts written so far are removed again: the
/// stored head still names the previous parts, so the stored programme is the previous one,
/// intact, and no space is left taken by parts nothing names.
fn write_save(save: &Save<'_>) -> Result<Option<String>, StorageNotice> {
    let local = storage().ok_or(StorageNotice::Unavailable)?;
    let present = stored_keys(&local);
    let mut written: Vec<&str> = Vec::new();
    let outcome = save
        .parts
        .iter()
        .filter(|part| !present.contains(&part.key))
        .try_for_each(|part| {
            if !written.contains(&part.key.as_str()) {
                write(&part.key, &part.value)?;
                written.push(&part.key);
            }
            Ok(())
        })
        .and_then(|()| write(HEAD_KEY, &save.head));
    if let Err(notice) = outcome {
        for key in written {
            let _ = local.remove_item(key);
        }
        return Err(notice);
    }
    for key in present.iter().filter(|key| save.is_stale_part(key)) {
        let _ = local.remove_item(key);
    }
    Ok(Some(save.head.clone()))
}

/// Removes the head and every part.
fn remove_programme() -> Result<(), StorageNotice> {
    let local = storage().ok_or(StorageNotice::Unavailable)?;
    local
        .remove_item(HEAD_KEY)
        .map_err(|_| StorageNotice::Unavailable)?;
    for key in stored_keys(&local)
        .iter()
        .filter(|key| key.starts_with(PART_PREFIX))
    {
        let _ = local.remove_item(key);
    }
    Ok(())
}

/// Everything stored for an unreadable programme (the head and each part it names), as one
/// JSON object, so the backup keeps it all.
fn raw_bundle(local: &web_sys::Storage, head: &str) -> String {
    let mut bundle = serde_json::Map::new();
    bundle.insert(HEAD_KEY.to_owned(), head.into());
    for key in stored::part_keys(head) {
        if let Ok(Some(value)) = local.get_item(&key) {
            bundle.insert(key, value.into());
        }
    }
    serde_json::to_string_pretty(&bundle).unwrap_or_else(|_| head.to_owned())
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
            form: StoredValue::new(StoredForm::default()),
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
        let Ok(Some(head)) = local.get_item(HEAD_KEY) else {
            return;
        };
        match read_from(&local, &head) {
            Ok((programme, form)) => {
                self.programme.set(Some(programme));
                self.form.set_value(form);
                self.saved.set(Some(head));
            }
            Err(error) => {
                let rescued = error
                    .recovered_document()
                    .map_or_else(|| raw_bundle(&local, &head), str::to_owned);
                let backed_up = write(BACKUP_KEY, &rescued).is_ok();
                self.blocked.set(!backed_up);
                self.unreadable.set(Some(rescued));
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
            let save = move || store.save();
            pending.set_value(set_timeout_with_handle(save, SAVE_DELAY).ok());
        });
    }

    /// Writes the parts that changed and the head now; with no programme, removes it.
    fn save(&self) {
        if self.blocked.get_untracked() {
            return;
        }
        perf::mark("crosswalk:save");
        let written = self.programme.with_untracked(|programme| match programme {
            Some(programme) => self
                .form
                .try_update_value(|form| write_save(&form.update(programme)))
                .unwrap_or(Err(StorageNotice::Unavailable)),
            None => remove_programme().map(|()| None),
        });
        match written {
            Ok(head) => {
                perf::mark("crosswalk:saved");
                self.saved.set(head);
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
                if event.key().as_deref() != Some(HEAD_KEY) {
                    return;
                }
                let head = event.new_value();
                if head == store.saved.get_untracked() {
                    return;
                }
                // The other tab wrote its parts before its head, so they are readable now.
                let Some((head, local)) = head.zip(storage()) else {
                    return;
                };
                let Ok((programme, form)) = read_from(&local, &head) else {
                    return;
                };
                if store.dirty.get_untracked() {
                    store.notice.set(Some(StorageNotice::Conflict {
                        theirs: export_json(&programme),
                    }));
                } else {
                    store.saved.set(Some(head));
                    store.form.set_value(form);
                    store.programme.set(Some(programme));
                    store.dirty.set(false);
                    store.notice.set(Some(StorageNotice::UpdatedFromOtherTab));
                }
            });
        on_cleanup(move || listener.remove());
    }

    /// Resolves a conflict in favour of the other tab: its version replaces this tab's edits,
    /// which are first offered as a download by the caller.
    pub fn take_theirs(&self, theirs: &str) {
        if let Ok(programme) = import_json(theirs.as_bytes()) {
            self.saved
                .set(storage().and_then(|local| local.get_item(HEAD_KEY).ok().flatten()));
            self.programme.set(Some(programme));
            self.dirty.set(false);
        }
        self.notice.set(None);
    }

    /// Resolves a conflict in favour of this tab: its version is written over the other's.
    pub fn keep_mine(&self) {
        self.notice.set(None);
        self.save();
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

    fn clear_programme_keys(local: &web_sys::Storage) {
        for key in stored_keys(local) {
            if key.starts_with(HEAD_KEY) {
                let _ = local.remove_item(&key);
            }
        }
    }

    fn read_stored(local: &web_sys::Storage) -> Programme {
        let head = local.get_item(HEAD_KEY).ok().flatten().expect("a head");
        read_from(local, &head).expect("readable").0
    }

    /// Runs `body` while local storage accepts only `allowed` more writes, then reports a full
    /// quota.
    fn with_rationed_storage<T>(allowed: u32, body: impl FnOnce() -> T) -> T {
        let global = js_sys::global();
        let prototype = js_sys::Reflect::get(&global, &JsValue::from_str("Storage"))
            .and_then(|storage| js_sys::Reflect::get(&storage, &JsValue::from_str("prototype")))
            .expect("Storage.prototype");
        let original =
            js_sys::Reflect::get(&prototype, &JsValue::from_str("setItem")).expect("setItem");
        let rationed = js_sys::Function::new_with_args(
            "key, value",
            "if (globalThis.__allowed-- > 0) return globalThis.__setItem.call(this, key, value);
             throw new DOMException('quota exceeded', 'QuotaExceededError');",
        );
        js_sys::Reflect::set(&global, &JsValue::from_str("__setItem"), &original).expect("keep");
        js_sys::Reflect::set(&global, &JsValue::from_str("__allowed"), &allowed.into())
            .expect("ration");
        js_sys::Reflect::set(&prototype, &JsValue::from_str("setItem"), &rationed)
            .expect("replace setItem");
        let result = body();
        js_sys::Reflect::set(&prototype, &JsValue::from_str("setItem"), &original)
            .expect("restore setItem");
        result
    }

    #[wasm_bindgen_test]
    fn a_save_cut_short_by_a_full_quota_leaves_the_previous_version_and_no_orphans() {
        use crate::programme::sample::sample_programme;
        let local = LocalStorage::raw();
        let previous = sample_programme();
        let mut edited = previous.clone();
        edited.scope.organisation = "Edited".into();
        edited.controls[0].owner = "Edited".into();
        edited.evidence[0].title = "Edited".into();
        // The edit needs three new parts and the head: the quota runs out after the first part,
        // then (second round) after all three parts, just before the head.
        for allowed in [1, 3] {
            clear_programme_keys(&local);
            let mut form = StoredForm::default();
            let head = write_save(&form.update(&previous))
                .expect("the first save")
                .expect("a head");
            let save = form.update(&edited);
            assert_eq!(save.encoded, 3);
            let outcome = with_rationed_storage(allowed, || write_save(&save));

            assert_eq!(outcome, Err(StorageNotice::QuotaFull), "allowed {allowed}");
            assert_eq!(local.get_item(HEAD_KEY).ok().flatten(), Some(head.clone()));
            let named = stored::part_keys(&head);
            let orphans: Vec<String> = stored_keys(&local)
                .into_iter()
                .filter(|key| key.starts_with(PART_PREFIX) && !named.contains(key))
                .collect();
            assert_eq!(orphans, Vec::<String>::new(), "allowed {allowed}");
            assert_eq!(read_stored(&local), previous);

            write_save(&form.update(&edited)).expect("room again");
            assert_eq!(read_stored(&local), edited);
        }
        clear_programme_keys(&local);
    }

    #[wasm_bindgen_test]
    fn a_part_another_tab_removed_is_written_again() {
        use crate::programme::sample::sample_programme;
        let local = LocalStorage::raw();
        clear_programme_keys(&local);
        let programme = sample_programme();
        let mut form = StoredForm::default();
        let head = write_save(&form.update(&programme))
            .expect("saved")
            .expect("a head");
        let victim = stored::part_keys(&head).pop_last().expect("a part");
        local.remove_item(&victim).expect("removed");

        let save = form.update(&programme);
        assert_eq!(save.encoded, 0, "nothing changed in this tab");
        write_save(&save).expect("saved again");
        assert!(local.get_item(&victim).ok().flatten().is_some());
        assert_eq!(read_stored(&local), programme);
        clear_programme_keys(&local);
    }
}
