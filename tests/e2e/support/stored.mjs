// Reads the programme the app keeps in local storage, as the app itself would: the head under
// `crosswalk.programme` names parts holding LZ4-compressed (block format, size first),
// base64-encoded JSON runs (src/programme/stored.rs). A head holding a whole document is read
// as it is.

export const STORAGE_KEY = "crosswalk.programme";

/** Decodes one LZ4 block prefixed with its decompressed size (u32, little-endian). */
export function lz4Decode(bytes) {
  const size = bytes.readUInt32LE(0);
  const out = Buffer.alloc(size);
  let i = 4;
  let o = 0;
  const length = (base) => {
    let n = base;
    if (base === 15) {
      let b;
      do {
        b = bytes[i++];
        n += b;
      } while (b === 255);
    }
    return n;
  };
  while (i < bytes.length) {
    const token = bytes[i++];
    const literals = length(token >> 4);
    bytes.copy(out, o, i, i + literals);
    i += literals;
    o += literals;
    if (i >= bytes.length) break;
    const offset = bytes[i] | (bytes[i + 1] << 8);
    i += 2;
    const matched = length(token & 15) + 4;
    for (let k = 0; k < matched; k++, o++) out[o] = out[o - offset];
  }
  if (o !== size) throw new Error(`LZ4 block decoded to ${o} bytes, expected ${size}`);
  return out;
}

/** Every `crosswalk.programme*` entry in the page's local storage. */
export function storedEntries(page) {
  return page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((key) => key.startsWith("crosswalk.programme")).map((key) => [key, localStorage.getItem(key)])),
  );
}

/** The stored programme as a document, or null when none is stored. */
export async function storedProgramme(page) {
  const entries = await storedEntries(page);
  const head = entries[STORAGE_KEY];
  if (!head) return null;
  const parsed = JSON.parse(head);
  if (parsed.storage_format === undefined) return parsed;
  const run = (key) => JSON.parse(lz4Decode(Buffer.from(entries[key], "base64")).toString("utf8"));
  const [base] = run(parsed.base);
  return { ...base, controls: parsed.controls.flatMap(run), evidence: parsed.evidence.flatMap(run) };
}
