// A minimal static file server for the built app in dist/, on 127.0.0.1 and a free port.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json",
};

/**
 * Serves `root` until `close()` is called; resolves to `{ origin, close, serve, hits }`.
 * `serve(dir)` switches the files served (a new build deployed at the same origin), and `hits`
 * lists every request that reached the server, as "METHOD /path?query". With `gzip`, bodies are
 * sent gzipped (level 9) to a browser that accepts it, as a production server would. With `cors`,
 * every response allows any origin, as a server hosting the embeddable explorer must.
 */
export async function serveDist(root = resolve("dist"), { gzip = false, cors = false } = {}) {
  let current = resolve(root);
  const hits = [];
  const gzipped = new Map();
  const server = createServer(async (request, response) => {
    hits.push(`${request.method} ${request.url}`);
    const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    const file = normalize(join(current, path === "/" ? "index.html" : path));
    if (!file.startsWith(current + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      let body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" };
      if (cors) headers["access-control-allow-origin"] = "*";
      if (gzip && /\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
        if (!gzipped.has(file)) gzipped.set(file, gzipSync(body, { level: 9 }));
        body = gzipped.get(file);
        headers["content-encoding"] = "gzip";
      }
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    serve: (dir) => {
      current = resolve(dir);
    },
    close: () =>
      new Promise((done) => {
        server.close(done);
        server.closeAllConnections();
      }),
  };
}
