//! The build's data files that only some views need (written beside the app by
//! `scripts/data-files.mjs`), fetched when the user asks for them instead of carried in the
//! first download. The service worker keeps them with the rest of the build, so after the first
//! visit they open offline.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// One of the build's data files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    /// The sample programme, `data/sample-programme.json`.
    SampleProgramme,
    /// The starter library, `data/library.json`.
    Library,
}

impl DataFile {
    /// Its address, relative to the page so the app works under whatever path serves it.
    fn path(self) -> &'static str {
        match self {
            DataFile::SampleProgramme => "data/sample-programme.json",
            DataFile::Library => "data/library.json",
        }
    }

    /// What the page calls it.
    fn label(self) -> &'static str {
        match self {
            DataFile::SampleProgramme => "The sample programme",
            DataFile::Library => "The starter library",
        }
    }
}

/// The text at `url`, one of the build's own files, by a `GET` with no body and no query
/// string: all the privacy rule allows (README, "Privacy and the Content-Security-Policy").
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|_| "no answer from the server; the network may be off".to_owned())?
        .unchecked_into();
    if !response.ok() {
        return Err(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let cut_short = |_| "the download was cut short".to_owned();
    JsFuture::from(response.text().map_err(cut_short)?)
        .await
        .map_err(cut_short)?
        .as_string()
        .ok_or_else(|| "the download was not text".to_owned())
}

/// A view's fetch of one data file: whether it is under way, and why the last one failed.
#[derive(Clone, Copy)]
pub struct OnDemand {
    file: DataFile,
    loading: RwSignal<bool>,
    failure: RwSignal<Option<String>>,
}

impl OnDemand {
    /// Nothing fetched yet.
    pub fn new(file: DataFile) -> OnDemand {
        OnDemand {
            file,
            loading: RwSignal::new(false),
            failure: RwSignal::new(None),
        }
    }

    /// Whether a fetch is under way: its button shows it and takes no second press.
    pub fn loading(self) -> bool {
        self.loading.get()
    }

    /// Fetches the file and hands its text to `open`, which parses it through the engine and
    /// uses it. A failed download or a refused file is reported in the page and changes
    /// nothing, so pressing again retries; if the view has gone meanwhile, the text is dropped.
    pub fn fetch(self, open: impl FnOnce(&str) -> Result<(), String> + 'static) {
        if self.loading.get_untracked() {
            return;
        }
        self.loading.set(true);
        self.failure.set(None);
        leptos::task::spawn_local(async move {
            let fetched = fetch_text(self.file.path()).await;
            if self.loading.is_disposed() {
                return;
            }
            let label = self.file.label();
            let failure = match fetched {
                Err(reason) => Some(format!(
                    "{label} could not be downloaded ({reason}). Nothing has changed; try again when you are online."
                )),
                Ok(text) => open(&text).err().map(|reason| {
                    format!("{label} could not be read ({reason}). Nothing has changed; try again, or reload the page.")
                }),
            };
            self.loading.set(false);
            self.failure.set(failure);
        });
    }

    /// The loading state and the last failure, for beside the button.
    pub fn status(self) -> impl IntoView {
        let loading = move || {
            self.loading.get().then(|| {
                let text = format!("Loading {}…", self.file.label().to_lowercase());
                view! { <p class="loading" role="status">{text}</p> }
            })
        };
        let failure = move || {
            self.failure
                .get()
                .map(|text| view! { <p class="field-error" role="alert">{text}</p> })
        };
        view! { {loading} {failure} }
    }
}
