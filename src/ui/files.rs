//! Files in and out: downloads built in memory and files the user picks. No network involved.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `contents` as a file download named `name`.
pub fn download(name: &str, mime: &str, contents: &str) -> Result<(), String> {
    offer(name, mime, &JsValue::from_str(contents))
}

/// Offers binary `contents` (a workbook) as a file download named `name`.
pub fn download_bytes(name: &str, mime: &str, contents: &[u8]) -> Result<(), String> {
    offer(name, mime, &js_sys::Uint8Array::from(contents))
}

/// Offers one blob part (a string or a byte array) as a download.
fn offer(name: &str, mime: &str, part: &JsValue) -> Result<(), String> {
    let describe = |e: JsValue| format!("the browser refused the download: {e:?}");
    // `new Blob([part])` takes a string or a byte array alike; web-sys names one binding.
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let document = leptos::prelude::document();
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url).map_err(describe)
}

/// Reads the first file picked in an `<input type="file">` as bytes.
async fn read_picked_file(input: &web_sys::HtmlInputElement) -> Option<(String, Vec<u8>)> {
    let file = input.files()?.get(0)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some((file.name(), js_sys::Uint8Array::new(&buffer).to_vec()))
}

/// Reads the file just picked in the `<input type="file">` an event came from and hands its name
/// and bytes (or `None` if it cannot be read) to `then`. The input is cleared, so picking the
/// same file again is seen again.
pub fn read_file_from(
    ev: &leptos::ev::Event,
    then: impl FnOnce(Option<(String, Vec<u8>)>) + 'static,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    leptos::task::spawn_local(async move {
        let picked = read_picked_file(&input).await;
        input.set_value("");
        then(picked);
    });
}
