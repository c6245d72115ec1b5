//! The crosswalk's long texts in the explorer bundle, which leaves them out of its first download
//! ([`crate::crosswalk::texts`]): loaded from `data/crosswalk-texts.txt` when a view first needs
//! them, with a loading state and a retry. In the full app they are always there, and nothing
//! here fetches anything.

use leptos::prelude::*;

use crate::crosswalk::{crosswalk, texts};
use crate::ui::data_files::fetch_text;

/// The texts file, relative to the build's root.
const TEXTS_FILE: &str = "data/crosswalk-texts.txt";

#[derive(Clone, Debug, PartialEq)]
enum Status {
    Idle,
    Loading,
    Ready,
    Failed(String),
}

/// Whether the long texts can be shown, and the one load every view shares.
#[derive(Clone, Copy)]
pub struct LongTexts {
    status: RwSignal<Status>,
    url: StoredValue<String>,
}

impl LongTexts {
    /// Provides the state; `root` is where the build's files are served (the page's own
    /// folder, or Crosswalk's address when embedded in another site).
    pub fn provide(root: &str) {
        let status = if texts::available() {
            Status::Ready
        } else {
            Status::Idle
        };
        provide_context(LongTexts {
            status: RwSignal::new(status),
            url: StoredValue::new(format!("{root}{TEXTS_FILE}")),
        });
    }

    /// Whether the texts can be read now.
    pub fn ready(self) -> bool {
        self.status.with(|s| *s == Status::Ready)
    }

    /// Runs `then` once the texts can be read, loading them first if needed. A failed load is
    /// shown by [`WithLongTexts`] and [`LongTexts::status`], and the next call tries again.
    pub fn load(self, then: impl FnOnce() + 'static) {
        if texts::available() {
            self.status.set(Status::Ready);
            then();
            return;
        }
        if self.status.get_untracked() == Status::Loading {
            return;
        }
        self.status.set(Status::Loading);
        let url = self.url.get_value();
        leptos::task::spawn_local(async move {
            let loaded = fetch_text(&url).await.and_then(|file| {
                texts::parse(&file, crosswalk()).map_err(|error| error.to_string())
            });
            if self.status.is_disposed() {
                return;
            }
            match loaded {
                Ok(long_texts) => {
                    texts::install(long_texts);
                    self.status.set(Status::Ready);
                    then();
                }
                Err(reason) => self.status.set(Status::Failed(reason)),
            }
        });
    }

    /// The loading line, or the failure with a retry, while the texts cannot be shown.
    pub fn status(self) -> impl IntoView {
        move || {
            match self.status.get() {
            Status::Idle | Status::Ready => None,
            Status::Loading => Some(
                view! { <p class="loading" role="status">"Loading the crosswalk's explanations…"</p> }
                    .into_any(),
            ),
            Status::Failed(reason) => Some(
                view! {
                    <p class="field-error" role="alert">
                        "The crosswalk's explanations could not be loaded (" {reason} "). Nothing is lost; try again when you are online."
                    </p>
                    <button type="button" on:click=move |_| self.load(|| ())>"Try again"</button>
                }
                .into_any(),
            ),
        }
        }
    }
}

/// The shared state, provided by the shell.
pub fn use_long_texts() -> LongTexts {
    expect_context::<LongTexts>()
}

/// Shows `children` once the long texts can be read, loading them if needed; meanwhile the
/// loading line, or the failure and a retry.
#[component]
pub fn WithLongTexts(children: ChildrenFn) -> impl IntoView {
    let long_texts = use_long_texts();
    if !long_texts.ready() {
        long_texts.load(|| ());
    }
    move || {
        if long_texts.ready() {
            children().into_any()
        } else {
            long_texts.status().into_any()
        }
    }
}
