//! Shared by the storage tests: a map standing in for local storage, written as the web layer
//! writes it.

use std::collections::BTreeMap;

use crosswalk::programme::stored::{StoredForm, HEAD_KEY};
use crosswalk::programme::Programme;

/// A stand-in for local storage.
pub type Storage = BTreeMap<String, String>;

/// Saves as `src/ui/storage.rs` does: the parts not yet stored, then the head, then stale parts
/// removed. Returns how many parts the save had to encode.
pub fn save(storage: &mut Storage, form: &mut StoredForm, programme: &Programme) -> usize {
    let save = form.update(programme);
    for part in &save.parts {
        storage
            .entry(part.key.clone())
            .or_insert_with(|| part.value.clone());
    }
    storage.insert(HEAD_KEY.to_owned(), save.head.clone());
    storage.retain(|key, _| !save.is_stale_part(key));
    save.encoded
}
