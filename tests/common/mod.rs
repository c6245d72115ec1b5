//! Shared by the storage tests: an in-memory stand-in for local storage that can run out of
//! room after a given number of writes. The protocol itself is the engine's (`stored::write`).

use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};

use crosswalk::programme::stored::{self, KeyValueStore, StoredForm, WriteError};
use crosswalk::programme::Programme;

/// A map standing in for local storage; with `writes_left` set, the write after the last one
/// allowed fails as a full quota does.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Storage {
    entries: BTreeMap<String, String>,
    /// How many more writes succeed; `None` for no limit.
    pub writes_left: Option<usize>,
}

impl Storage {
    /// Empty storage with room for everything.
    pub fn new() -> Storage {
        Storage::default()
    }
}

impl Deref for Storage {
    type Target = BTreeMap<String, String>;
    fn deref(&self) -> &Self::Target {
        &self.entries
    }
}

impl DerefMut for Storage {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.entries
    }
}

impl KeyValueStore for Storage {
    fn get(&self, key: &str) -> Option<String> {
        self.entries.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        match &mut self.writes_left {
            Some(0) => return Err(WriteError::QuotaFull),
            Some(left) => *left -= 1,
            None => {}
        }
        self.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), WriteError> {
        self.entries.remove(key);
        Ok(())
    }

    fn keys(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }
}

/// Saves through the engine's protocol and returns how many parts the save had to encode.
pub fn save(storage: &mut Storage, form: &mut StoredForm, programme: &Programme) -> usize {
    let save = form.update(programme);
    stored::write(storage, &save).expect("storage has room");
    save.encoded
}
