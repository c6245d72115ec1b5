//! The one storage adapter: local storage behind the engine's [`KeyValueStore`] trait, and the
//! persistence around the store: load once, save from one debounced effect, keep unreadable
//! data under a backup key, report a full quota, and follow edits made in another tab without
//! losing any silently. What is written, and in which order, is the engine's protocol
//! ([`stored::write()`]); this layer only moves bytes in and out of the browser.

use std::time::Duration;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::programme::stored::{self, KeyValueStore, StoredForm, WriteError, HEAD_KEY};
use crate::programme::{export_json, import_json, Programme};
use crate::ui::perf;
use crate::ui::store::ProgrammeStore;

/// Where unreadable stored data is kept, untouched, for the user to export.
pub const BACKUP_KEY: &str = "crosswalk.programme.unreadable";
/// Where the programme as it was before the last import is kept, as JSON, so an import can
/// be undone after a reload. It gives way to the programme itself when the quota is full.
pub const PREVIOUS_KEY: &str = "crosswalk.programme.before-import";
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
        /// The other tab's programme.
        theirs: Box<Programme>,
        /// The head it was read from, to tell its later echoes from new writes.
        head: String,
    },
    /// Another tab's version was loaded because this tab had no unsaved edits.
    UpdatedFromOtherTab,
}

impl From<WriteError> for StorageNotice {
    fn from(error: WriteError) -> StorageNotice {
        match error {
            WriteError::QuotaFull => StorageNotice::QuotaFull,
            WriteError::Unavailable => StorageNotice::Unavailable,
        }
    }
}

/// The browser's local storage as the engine's key-value store.
struct BrowserStorage(web_sys::Storage);

impl BrowserStorage {
    /// Local storage through gloo-storage, or `None` where the browser forbids it (gloo would
    /// throw).
    fn open() -> Option<BrowserStorage> {
        let available = window().local_storage().ok().flatten().is_some();
        available.then(|| BrowserStorage(LocalStorage::raw()))
    }
}

impl KeyValueStore for BrowserStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }

    /// Tells a full quota apart from other failures.
    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        self.0.set_item(key, value).map_err(|error| {
            let quota = error
                .dyn_ref::<web_sys::DomException>()
                .is_some_and(|e| e.name() == "QuotaExceededError" || e.code() == 22);
            if quota {
                WriteError::QuotaFull
            } else {
                WriteError::Unavailable
            }
        })
    }

    fn remove(&mut self, key: &str) -> Result<(), WriteError> {
        self.0.remove_item(key).map_err(|_| WriteError::Unavailable)
    }

    fn keys(&self) -> Vec<String> {
        let count = self.0.length().unwrap_or(0);
        (0..count)
            .filter_map(|index| self.0.key(index).ok().flatten())
            .collect()
    }
}

/// Persistence state, shared through context beside the store.
#[derive(Clone, Copy)]
pub struct Persistence {
    store: ProgrammeStore,
    /// What the user should be told about storage, if anything.
    pub notice: RwSignal<Option<StorageNotice>>,
    /// The unreadable document found at start-up, kept for export.
    pub unreadable: RwSignal<Option<String>>,
    /// The head last written to or read from storage, to tell our own writes from others'.
    saved: RwSignal<Option<String>>,
    /// The stored form of the programme as last saved, so a save encodes only what changed.
    form: StoredValue<StoredForm>,
    /// Whether there are edits not yet written.
    dirty: RwSignal<bool>,
    /// Whether autosave must hold off (unreadable data that could not be backed up).
    blocked: RwSignal<bool>,
    /// Whether the programme from before the last import is held in this tab only (storage
    /// refused it, or gave its room to the programme).
    pub backup_in_tab_only: RwSignal<bool>,
}

/// The shared persistence state.
pub fn use_persistence() -> Persistence {
    expect_context::<Persistence>()
}

impl Persistence {
    /// Loads the stored programme into the store, wires autosave and the cross-tab listener,
    /// and provides the persistence state as context.
    pub fn provide(store: ProgrammeStore) -> Persistence {
        let persistence = Persistence {
            store,
            notice: RwSignal::new(None),
            unreadable: RwSignal::new(None),
            saved: RwSignal::new(None),
            form: StoredValue::new(StoredForm::default()),
            dirty: RwSignal::new(false),
            blocked: RwSignal::new(false),
            backup_in_tab_only: RwSignal::new(false),
        };
        persistence.load();
        persistence.load_backup();
        persistence.autosave();
        persistence.keep_backup();
        persistence.follow_other_tabs();
        provide_context(persistence);
        persistence
    }

    fn load(&self) {
        let Some(mut local) = BrowserStorage::open() else {
            self.notice.set(Some(StorageNotice::Unavailable));
            return;
        };
        let Some(loaded) = stored::load(&local) else {
            return;
        };
        match loaded {
            Ok((programme, form)) => {
                self.store.replace(Some(programme));
                self.form.set_value(form);
                self.saved.set(local.get(HEAD_KEY));
            }
            Err(error) => {
                let rescued = error.recovered_document().map_or_else(
                    || stored::raw_bundle(&local, &local.get(HEAD_KEY).unwrap_or_default()),
                    str::to_owned,
                );
                let backed_up = local.set(BACKUP_KEY, &rescued).is_ok();
                self.blocked.set(!backed_up);
                self.unreadable.set(Some(rescued));
                self.notice.set(Some(StorageNotice::Unreadable {
                    reason: error.to_string(),
                    backed_up,
                }));
            }
        }
    }

    /// Reads the programme kept from before the last import; an unreadable copy is dropped,
    /// as it only ever duplicated a programme the user had.
    fn load_backup(&self) {
        let Some(mut local) = BrowserStorage::open() else {
            return;
        };
        match local
            .get(PREVIOUS_KEY)
            .map(|text| import_json(text.as_bytes()))
        {
            Some(Ok(previous)) => self.store.backup().set(Some(previous)),
            Some(Err(_)) => {
                let _ = local.remove(PREVIOUS_KEY);
            }
            None => {}
        }
    }

    /// Writes the backup whenever it changes, and removes it once restored or discarded.
    fn keep_backup(&self) {
        let persistence = *self;
        Effect::new(move |first_run: Option<()>| {
            let backup = persistence.store.backup();
            backup.track();
            if first_run.is_none() {
                return;
            }
            let Some(mut local) = BrowserStorage::open() else {
                persistence
                    .backup_in_tab_only
                    .set(backup.with_untracked(Option::is_some));
                return;
            };
            let kept = backup.with_untracked(|previous| match previous {
                Some(previous) => local.set(PREVIOUS_KEY, &export_json(previous)).is_ok(),
                None => local.remove(PREVIOUS_KEY).is_ok(),
            });
            persistence.backup_in_tab_only.set(!kept);
        });
    }

    fn autosave(&self) {
        let persistence = *self;
        let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
        Effect::new(move |first_run: Option<()>| {
            persistence.store.programme().track();
            if first_run.is_none() {
                return;
            }
            persistence.dirty.set(true);
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            // Serialise when the edits have settled, not on every keystroke.
            let save = move || persistence.save();
            pending.set_value(set_timeout_with_handle(save, SAVE_DELAY).ok());
        });
    }

    /// Writes the parts that changed and the head now; with no programme, removes it.
    fn save(&self) {
        if self.blocked.get_untracked() {
            return;
        }
        perf::mark("crosswalk:save");
        let written = match BrowserStorage::open() {
            None => Err(WriteError::Unavailable),
            Some(mut local) => self
                .store
                .programme()
                .with_untracked(|programme| match programme {
                    Some(programme) => self
                        .form
                        .try_update_value(|form| stored::write(&mut local, &form.update(programme)))
                        .unwrap_or(Err(WriteError::Unavailable))
                        .map(Some),
                    None => stored::remove(&mut local).map(|()| None),
                }),
        };
        match written {
            Ok(head) => {
                perf::mark("crosswalk:saved");
                self.saved.set(head);
                self.dirty.set(false);
                if self.notice.get_untracked() == Some(StorageNotice::QuotaFull) {
                    self.notice.set(None);
                }
            }
            Err(WriteError::QuotaFull) if self.drop_stored_backup() => self.save(),
            Err(error) => self.notice.set(Some(error.into())),
        }
    }

    /// Frees the backup's room for the programme (the backup stays in this tab); whether there
    /// was one to free.
    fn drop_stored_backup(&self) -> bool {
        let Some(mut local) = BrowserStorage::open() else {
            return false;
        };
        if local.get(PREVIOUS_KEY).is_none() || local.remove(PREVIOUS_KEY).is_err() {
            return false;
        }
        self.backup_in_tab_only.set(true);
        true
    }

    fn follow_other_tabs(&self) {
        let persistence = *self;
        let listener =
            window_event_listener(leptos::ev::storage, move |event: web_sys::StorageEvent| {
                if event.key().as_deref() != Some(HEAD_KEY) {
                    return;
                }
                let head = event.new_value();
                if head == persistence.saved.get_untracked() {
                    return;
                }
                // The other tab wrote its parts before its head, so they are readable now.
                let Some((head, local)) = head.zip(BrowserStorage::open()) else {
                    return;
                };
                let Ok((programme, form)) = stored::read(&head, |key| local.get(key)) else {
                    return;
                };
                if persistence.dirty.get_untracked() {
                    persistence.notice.set(Some(StorageNotice::Conflict {
                        theirs: Box::new(programme),
                        head,
                    }));
                } else {
                    persistence.saved.set(Some(head));
                    persistence.form.set_value(form);
                    persistence.store.replace(Some(programme));
                    persistence.dirty.set(false);
                    persistence
                        .notice
                        .set(Some(StorageNotice::UpdatedFromOtherTab));
                }
            });
        on_cleanup(move || listener.remove());
    }

    /// Resolves a conflict in favour of the other tab: its version replaces this tab's edits,
    /// which are first offered as a download by the caller.
    pub fn take_theirs(&self, theirs: Programme, head: String) {
        self.saved.set(Some(head));
        self.store.replace(Some(theirs));
        self.dirty.set(false);
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
        assert_eq!(browser().set(key, "{\"a\":1}"), Ok(()));
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
        let full = browser().set("crosswalk.test.quota", "x");
        set("throw new DOMException('denied', 'SecurityError');");
        let other = browser().set("crosswalk.test.quota", "x");
        js_sys::Reflect::set(&prototype, &JsValue::from_str("setItem"), &original)
            .expect("restore setItem");
        assert_eq!(full, Err(WriteError::QuotaFull));
        assert_eq!(other, Err(WriteError::Unavailable));
    }

    fn browser() -> BrowserStorage {
        BrowserStorage::open().expect("local storage")
    }

    fn clear_programme_keys(local: &mut BrowserStorage) {
        for key in local.keys() {
            if key.starts_with(HEAD_KEY) {
                let _ = local.remove(&key);
            }
        }
    }

    fn read_stored(local: &BrowserStorage) -> Programme {
        stored::load(local).expect("a head").expect("readable").0
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

    /// The protocol is tested natively at every write position (tests/stored.rs); this checks
    /// that a real quota error from the browser reaches it as a full quota.
    #[wasm_bindgen_test]
    fn a_save_cut_short_by_a_full_quota_leaves_the_previous_version_and_no_orphans() {
        use crate::programme::sample::sample_programme;
        let mut local = browser();
        let previous = sample_programme();
        let mut edited = previous.clone();
        edited.scope.organisation = "Edited".into();
        edited.controls[0].owner = "Edited".into();
        edited.evidence[0].title = "Edited".into();
        // The edit needs three new parts and the head: the quota runs out after the first part,
        // then (second round) after all three parts, just before the head.
        for allowed in [1, 3] {
            clear_programme_keys(&mut local);
            let mut form = StoredForm::default();
            let head = stored::write(&mut local, &form.update(&previous)).expect("the first save");
            let save = form.update(&edited);
            assert_eq!(save.encoded, 3);
            let outcome = with_rationed_storage(allowed, || stored::write(&mut local, &save));

            assert_eq!(outcome, Err(WriteError::QuotaFull), "allowed {allowed}");
            assert_eq!(local.get(HEAD_KEY), Some(head.clone()));
            let named = stored::part_keys(&head);
            let orphans: Vec<String> = local
                .keys()
                .into_iter()
                .filter(|key| key.starts_with(stored::PART_PREFIX) && !named.contains(key))
                .collect();
            assert_eq!(orphans, Vec::<String>::new(), "allowed {allowed}");
            assert_eq!(read_stored(&local), previous);

            stored::write(&mut local, &form.update(&edited)).expect("room again");
            assert_eq!(read_stored(&local), edited);
        }
        clear_programme_keys(&mut local);
    }
}
