// Crosswalk's embeddable explorer. A host page adds
//   <div data-crosswalk-explorer="#/crosswalk/iso"></div>
//   <script type="module" src="https://crosswalk.example/embed.js"></script>
// and gets the crosswalk both ways, the catalogues, item pages, the matrix and the unique
// register inside that element (the embed bundle: the explorer without the OSCAL download),
// styled by a stylesheet scoped to it. Navigation stays inside the
// element (the host's address never changes); "Open this page in Crosswalk" opens the full app.
// The embed stores nothing and registers no service worker. scripts/post-build.mjs fills in the
// file names; every file is fetched from the origin that served this script.
const base = new URL(".", import.meta.url);
const hosts = [...document.querySelectorAll("[data-crosswalk-explorer]")];

if (hosts.length > 0) {
  const stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = new URL("./__EMBED_CSS__", base).href;
  document.head.append(stylesheet);
  try {
    const glue = await import("./__EMBED_GLUE__");
    await glue.default({ module_or_path: new URL("./__EMBED_WASM__", base) });
    for (const host of hosts) {
      host.classList.add("crosswalk-embed");
      glue.start_embed(host, host.dataset.crosswalkExplorer ?? "", base.href);
    }
  } catch (error) {
    console.warn("Crosswalk: the explorer could not be loaded:", error);
    for (const host of hosts) {
      const message = document.createElement("p");
      message.textContent = "The Crosswalk explorer could not be loaded. ";
      const link = document.createElement("a");
      link.href = new URL(`./${host.dataset.crosswalkExplorer ?? ""}`, base).href;
      link.textContent = "Open it in Crosswalk";
      message.append(link);
      host.replaceChildren(message);
    }
  }
}
