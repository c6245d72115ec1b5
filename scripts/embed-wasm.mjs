// Trunk post_build hook: make the app load without a single fetch.
//
// index.html forbids every connection (CSP `connect-src 'none'`), and wasm-bindgen's loader
// normally fetches the .wasm file, which that policy blocks. So this hook moves the wasm bytes
// into a script the page loads with `script-src 'self'`, hands them to the wasm-bindgen
// initialiser as a buffer, and deletes the .wasm file from the output.
//
// The bytes are written as a latin-1 string literal (one character per byte) rather than
// base64: gzip then still finds the repeats in the binary, so the shipped size stays close to
// that of the gzipped .wasm itself.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("embed-wasm: TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
  process.exit(2);
}
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";

const files = readdirSync(staging);
const wasmFile = files.find((f) => f.startsWith("crosswalk-app") && f.endsWith("_bg.wasm"));
const glueFile = files.find((f) => f.startsWith("crosswalk-app") && f.endsWith(".js"));
if (!wasmFile || !glueFile) {
  console.error(`embed-wasm: expected the wasm and its JS glue in ${staging}, found ${files.join(", ")}`);
  process.exit(2);
}

/** Every byte as one character of a single-quoted JS string, escaping only what must be. */
function latin1Literal(bytes) {
  let out = "'";
  for (const b of bytes) {
    if (b === 0x27) out += "\\'";
    else if (b === 0x5c) out += "\\\\";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x00) out += "\\x00";
    else out += String.fromCharCode(b);
  }
  return out + "'";
}

const wasm = readFileSync(join(staging, wasmFile));
const loader = `import init from './${glueFile}';
const text = ${latin1Literal(wasm)};
const bytes = new Uint8Array(text.length);
for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
await init({ module_or_path: bytes });
`;
const hash = createHash("sha256").update(loader).digest("hex").slice(0, 16);
const loaderFile = `crosswalk-boot-${hash}.js`;
writeFileSync(join(staging, loaderFile), loader, "utf8");
rmSync(join(staging, wasmFile));

const indexPath = join(staging, "index.html");
const index = readFileSync(indexPath, "utf8");
// With inject_scripts off, Trunk leaves its <link data-trunk rel="rust"> marker in place:
// the loader script takes its spot.
const marker = /<link data-trunk rel="rust"[^>]*>/;
if (!marker.test(index)) {
  console.error('embed-wasm: index.html has no <link data-trunk rel="rust"> to replace');
  process.exit(2);
}
const tag = `<script type="module" src="${publicUrl}${loaderFile}"></script>`;
writeFileSync(indexPath, index.replace(marker, tag), "utf8");
console.log(`embed-wasm: ${wasmFile} (${wasm.length} bytes) embedded in ${loaderFile}`);
