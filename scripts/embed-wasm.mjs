// Trunk post_build hook: make the app load without a single fetch.
//
// index.html forbids every connection (CSP `connect-src 'none'`), and wasm-bindgen's loader
// normally fetches the .wasm file, which that policy blocks. So this hook moves the wasm bytes
// into a script the page loads with `script-src 'self'`, hands them to the wasm-bindgen
// initialiser as a buffer, and deletes the .wasm file from the output.
//
// The bytes are written as a latin-1 string literal (one character per byte) rather than
// base64: gzip then still finds the repeats in the binary, so the shipped size stays close to
// that of the gzipped .wasm itself. The file is UTF-8, where a character from 0x80 up takes two
// bytes, so the bytes are first relabelled by frequency: the 128 commonest byte values become
// the one-byte characters. That takes about 17 KB off the gzipped download.
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

/** How many characters the literal spends on a character code. */
function literalCost(code) {
  if (code === 0x00) return 4;
  if (code === 0x27 || code === 0x5c || code === 0x0a || code === 0x0d || code >= 0x80) return 2;
  return 1;
}

/** A one-to-one relabelling of byte values: the commonest bytes get the cheapest characters. */
function relabelling(bytes) {
  const counts = new Array(256).fill(0);
  for (const b of bytes) counts[b]++;
  const byFrequency = [...counts.keys()].sort((a, b) => counts[b] - counts[a] || a - b);
  const byCost = [...counts.keys()].sort((a, b) => literalCost(a) - literalCost(b) || a - b);
  const code = new Array(256);
  byFrequency.forEach((byte, rank) => (code[byte] = byCost[rank]));
  return code;
}

const wasm = readFileSync(join(staging, wasmFile));
const code = relabelling(wasm);
const byteOf = new Array(256);
code.forEach((c, byte) => (byteOf[c] = byte));
const loader = `import init from './${glueFile}';
const text = ${latin1Literal(wasm.map((b) => code[b]))};
const byteOf = new Uint8Array([${byteOf.join(",")}]);
const bytes = new Uint8Array(text.length);
for (let i = 0; i < text.length; i++) bytes[i] = byteOf[text.charCodeAt(i)];
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
// The preload fetches the glue alongside the loader rather than after it has been parsed.
const tag = `<link rel="modulepreload" href="${publicUrl}${glueFile}" /><script type="module" src="${publicUrl}${loaderFile}"></script>`;
writeFileSync(indexPath, index.replace(marker, tag), "utf8");
console.log(`embed-wasm: ${wasmFile} (${wasm.length} bytes) embedded in ${loaderFile}`);
