// Crosswalk's service worker. scripts/post-build.mjs writes it into dist/ with the precache list
// of this build (from workbox-build's getManifest: every file in dist/ except this one).
//
// install:  fetch every file of the build into a cache named after the list's hash. Files whose
//           name carries a content hash are taken from an older Crosswalk cache when it has them.
//           No skipWaiting here: a newer build waits until the page asks for it (the Reload button).
// activate: delete older Crosswalk caches; on the very first install, take over the open page.
// fetch:    same-origin GET only, cache first; a navigation is answered with the cached index.html.
//           Anything else (there is nothing else: the CSP allows no other origin) is left alone.
const PRECACHE = __CROSSWALK_PRECACHE__;
const VERSION = "__CROSSWALK_VERSION__";
const PREFIX = "crosswalk-";
const CACHE = `${PREFIX}${VERSION}`;

const scopeUrl = (path) => new URL(path, self.registration.scope).href;
const precached = new Set(PRECACHE.map((entry) => scopeUrl(entry.url)));
const INDEX = scopeUrl("index.html");

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(
        PRECACHE.map(async ({ url, revision }) => {
          const href = scopeUrl(url);
          // A hashed name always holds the same bytes, so any earlier copy will do.
          const earlier = revision === null ? await caches.match(href) : undefined;
          // Files without a hash in their name are revalidated rather than taken from the HTTP cache.
          const response = earlier ?? (await fetch(new Request(href, { cache: revision === null ? "default" : "no-cache" })));
          if (!response.ok) throw new Error(`precaching ${href} failed: ${response.status}`);
          await cache.put(href, response);
        }),
      );
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const older = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
      await Promise.all(older.map((name) => caches.delete(name)));
      // A newer build replaces the worker of the pages that asked for it by itself; only the
      // first install has a page to take over.
      if (older.length === 0) await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const url = new URL(request.url);
      url.hash = "";
      const key = request.mode === "navigate" && !precached.has(url.href) ? INDEX : request;
      return (await cache.match(key)) ?? fetch(request);
    })(),
  );
});
