// Crosswalk's boot module. scripts/post-build.mjs fills in the bundles' file names and writes it
// into dist/ under a content hash; index.html loads it as a module (no inline script: the CSP
// allows scripts from the page's own origin only).
//
// 1. Starts the right bundle for the address: the small explorer bundle (crosswalk, catalogues,
//    item pages, matrix, unique register) for most addresses, the full app for the programme
//    workspace and the reports. The wasm-bindgen glue compiles the wasm while it downloads
//    (WebAssembly.instantiateStreaming).
// 2. When the user opens the workspace from the explorer, loads the full app and hands the place
//    over: same address, same SOC 2 scope. If the full app cannot be had, the explorer's view
//    says why and offers to try again.
// 3. Registers the service worker (web/sw.js), which keeps every file of this build so the app
//    opens with the network off, and announces a newer build without ever switching to it mid-session.
const EXPLORER = { glue: "./__EXPLORER_GLUE__", wasm: "./__EXPLORER_WASM__" };
const FULL_APP = { glue: "./__APP_GLUE__", wasm: "./__APP_WASM__" };
const WORKSPACE_ADDRESS = /^#\/(programme|reports)(\/|$)/;

/** Imports a bundle's glue and instantiates its wasm; resolves to the glue's exports. */
async function load(bundle) {
  const glue = await import(bundle.glue);
  await glue.default({ module_or_path: new URL(bundle.wasm, import.meta.url) });
  return glue;
}

if (WORKSPACE_ADDRESS.test(location.hash)) {
  (await load(FULL_APP)).start_app("");
} else {
  const explorer = await load(EXPLORER);
  explorer.start_explorer();
  let loading = false;
  const takeOver = async () => {
    if (loading || !WORKSPACE_ADDRESS.test(location.hash)) return;
    loading = true;
    try {
      const app = await load(FULL_APP);
      removeEventListener("hashchange", takeOver);
      removeEventListener("crosswalk:workspace-retry", takeOver);
      app.start_app(explorer.hand_over());
    } catch (error) {
      console.warn("Crosswalk: the programme workspace could not be loaded:", error);
      dispatchEvent(new CustomEvent("crosswalk:workspace-failed", { detail: reason(error) }));
    } finally {
      loading = false;
    }
  };
  addEventListener("hashchange", takeOver);
  addEventListener("crosswalk:workspace-retry", takeOver);
  // The address may have turned to the workspace while the explorer was loading, before the
  // listener was there to hear it.
  takeOver();
}

/** A failed load's cause in the user's terms. */
function reason(error) {
  if (!navigator.onLine) return "this device is offline and this part of Crosswalk has not been kept for offline use yet";
  return error instanceof TypeError ? "the file could not be fetched" : String(error?.message ?? error);
}

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
  // A browser that blocks service workers (a policy, an automated test) may register nothing.
  if (!registration) return;

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
