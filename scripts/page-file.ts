/**
 * A page file as the CLI reads it: an HTML page or a text file (a reader's
 * copy-paste), gzipped or not. Anything else (a folder, a device, an image, a
 * PDF, bytes in no text encoding) is refused with the reason in a few words,
 * before the extractor would read a PNG's bytes as an "article".
 */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const NOT_TEXT = 'not a web page or text';

/** Far above any news page (the extractor stops at 3 million characters); a gzip bomb stops here. */
const MAX_BYTES = 64 * 2 ** 20;
/** The start of a file is enough to know an image or an archive by. */
const SNIFF_BYTES = 8192;

/** Formats a reader might pass by mistake, by their first bytes. */
const MAGIC: readonly { name: string; bytes: readonly number[] }[] = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a WebP or RIFF file', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'a ZIP archive (or an Office document)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'a gzip file without .gz in its name', bytes: [0x1f, 0x8b] },
  { name: 'a program', bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

const UTF16 = [
  { bom: [0xff, 0xfe], encoding: 'utf-16le' },
  { bom: [0xfe, 0xff], encoding: 'utf-16be' },
] as const;

/** `<meta charset="windows-1252">` or the http-equiv form: a page saved by a browser from an old site. */
const DECLARED_CHARSET = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i;

export type PageFile = { ok: true; text: string } | { ok: false; reason: string };

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

function decode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The text of page bytes, or why they are not a page: UTF-8 unless a BOM or the HTML's meta tag says otherwise. */
export function pageText(bytes: Uint8Array, html: boolean): PageFile {
  for (const { bom, encoding } of UTF16) {
    if (!startsWith(bytes, bom)) continue;
    const text = decode(bytes.subarray(2), encoding);
    return text === null ? { ok: false, reason: `${NOT_TEXT} (damaged ${encoding} text)` } : { ok: true, text };
  }
  const magic = MAGIC.find((m) => startsWith(bytes, m.bytes));
  if (magic) return { ok: false, reason: `${NOT_TEXT} (${magic.name})` };
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { ok: false, reason: `${NOT_TEXT} (binary data)` };
  const utf8 = decode(bytes, 'utf-8');
  if (utf8 !== null) return { ok: true, text: utf8.replace(/^\ufeff/, '') };
  const declared = html
    ? DECLARED_CHARSET.exec(new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES)))
    : null;
  const text = declared?.[1] ? decode(bytes, declared[1]) : null;
  return text === null ? { ok: false, reason: `${NOT_TEXT} (not UTF-8 text; save it as UTF-8)` } : { ok: true, text };
}

/**
 * Reads a page file: a `.gz` is unpacked first; `.html`/`.htm`/`.xhtml` is
 * read as HTML, anything else as text. A pipe is read as a file, so
 * `npm run check -- <(curl -s URL)` works; /dev/zero is never read.
 */
export function readPageFile(path: string): PageFile {
  const stat = statSync(path);
  if (stat.isDirectory()) return { ok: false, reason: 'a folder, not a file' };
  if (!stat.isFile() && !stat.isFIFO()) return { ok: false, reason: `${NOT_TEXT} (a device or socket)` };
  if (stat.size > MAX_BYTES) return { ok: false, reason: `too large (over ${MAX_BYTES / 2 ** 20} MB)` };
  let bytes: Uint8Array = readFileSync(path);
  const name = path.replace(/\.gz$/i, '');
  if (name !== path) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_BYTES });
    } catch {
      return { ok: false, reason: `${NOT_TEXT} (a damaged or oversized .gz file)` };
    }
  }
  return pageText(bytes, isHtmlName(name));
}

function isHtmlName(name: string): boolean {
  return /\.x?html?$/i.test(name);
}
