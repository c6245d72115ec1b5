// Crosswalk's boot module. scripts/post-build.mjs fills in the two file names and writes it into
// dist/ under a content hash; index.html loads it as a module (no inline script: the CSP allows
// scripts from the page's own origin only).
//
// 1. Starts the app: the wasm-bindgen glue fetches the .wasm and compiles it while it downloads
//    (WebAssembly.instantiateStreaming).
// 2. Registers the service worker (web/sw.js), which keeps every file of this build so the app
//    opens with the network off, and announces a newer build without ever switching to it mid-session.
import init from "./__CROSSWALK_GLUE__";

await init({ module_or_path: new URL("./__CROSSWALK_WASM__", import.meta.url) });

const NOTICE = "A new version of Crosswalk is available. Reload to use it.";
const UPDATED_ELSEWHERE = "Crosswalk was updated in another tab. Reload to use the new version.";

if ("serviceWorker" in navigator) {
  // After the app has started and the page has loaded, so precaching never competes with the first render.
  if (document.readyState === "complete") setTimeout(register);
  else addEventListener("load", () => setTimeout(register), { once: true });
}

async function register() {
  const workers = navigator.serviceWorker;
  // Whether this page runs a build a worker already served (not the very first visit).
  const hadController = Boolean(workers.controller);
  const region = liveRegion();
  let reloading = false;

  workers.addEventListener("controllerchange", () => {
    if (!hadController) return; // the first worker taking this page over: nothing changes
    if (reloading) location.reload();
    else announce(region, UPDATED_ELSEWHERE, () => location.reload());
  });

  let registration;
  try {
    registration = await workers.register(new URL("./sw.js", import.meta.url), { scope: "./" });
  } catch (error) {
    console.warn("Crosswalk: offline use is unavailable:", error);
    return;
  }

  // A newer build has been fetched and waits; offer it, and take it only when asked.
  const offer = (worker) => {
    if (registration.waiting !== worker || !workers.controller) return;
    announce(region, NOTICE, () => {
      reloading = true;
      worker.postMessage({ type: "skip-waiting" });
    });
  };
  const watch = (worker) => {
    if (!worker) return;
    if (worker.state === "installed") offer(worker);
    else worker.addEventListener("statechange", () => worker.state === "installed" && offer(worker));
  };
  watch(registration.waiting);
  watch(registration.installing);
  registration.addEventListener("updatefound", () => watch(registration.installing));
}

/** An empty status region, in the page before anything is announced so screen readers hear it. */
function liveRegion() {
  const region = document.createElement("div");
  region.className = "update-notice";
  region.setAttribute("role", "status");
  document.body.append(region);
  return region;
}

function announce(region, message, reload) {
  const text = document.createElement("p");
  text.textContent = message;
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Reload";
  button.addEventListener("click", () => {
    button.disabled = true;
    reload();
  });
  region.replaceChildren(text, button);
}
