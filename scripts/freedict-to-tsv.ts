/**
 * A word list from a FreeDict dictionary as Debian ships it (apt-get install
 * dict-freedict-pol-eng → /usr/share/dictd/freedict-pol-eng.{index,dict.dz}):
 *   npm run freedict -- /usr/share/dictd/freedict-pol-eng OUT_DIR
 * writes OUT_DIR/pl-en.tsv (one `word<TAB>english` pair a line), which the
 * options page imports and the CLI reads with --lexicons. FreeDict is GPL:
 * the list is the reader's or publisher's, made on their machine, not
 * shipped with Wiretrace.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseCli, reasonOf, usageError, userPath } from './cli-args';
import { gunzipSync } from 'node:zlib';

/** FreeDict's three-letter codes to the two-letter codes pages declare. */
const LANGUAGES: Record<string, string> = {
  deu: 'de',
  fra: 'fr',
  ita: 'it',
  jpn: 'ja',
  nld: 'nl',
  pol: 'pl',
  por: 'pt',
  rus: 'ru',
  spa: 'es',
  swe: 'sv',
  tur: 'tr',
};
/** dictd's offsets and lengths are numbers in this base-64 alphabet. */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const fromB64 = (s: string) => [...s].reduce((n, c) => n * 64 + B64.indexOf(c), 0);
/** An English equivalent: plain words (FreeDict adds glosses in the source language in parentheses or after "="). */
const ENGLISH = /^[A-Za-z][A-Za-z' -]{0,40}$/;

export function freedictPairs(indexText: string, dict: Buffer): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const line of indexText.split('\n')) {
    const [headword, offset, length] = line.split('\t');
    if (!headword || !offset || !length || headword.startsWith('00database')) continue;
    const entry = dict.subarray(fromB64(offset), fromB64(offset) + fromB64(length)).toString('utf8');
    const [, ...senses] = entry.trim().split('\n');
    const word = headword.trim().toLowerCase();
    for (const sense of senses) {
      if (/^\s*[(=]/.test(sense)) continue;
      for (const part of sense.replace(/\([^)]*\)/g, ' ').split(/[;,]/)) {
        const english = part.trim();
        if (ENGLISH.test(english)) pairs.push([word, english]);
      }
    }
  }
  return pairs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { positionals } = parseCli({
    command: 'freedict',
    usage: `/usr/share/dictd/freedict-<xxx>-eng OUT_DIR
  writes OUT_DIR/<lang>-en.tsv from an installed FreeDict dictionary (apt-get install dict-freedict-<xxx>-eng)
  -h, --help   this text`,
    options: {},
    allowPositionals: true,
  });
  const [typed, typedOut] = positionals;
  const code = /freedict-([a-z]{3})-eng$/.exec(typed ?? '')?.[1];
  const language = code ? LANGUAGES[code] : undefined;
  if (!typed || !typedOut || !language)
    usageError('freedict', 'give a FreeDict dictionary (…/freedict-<xxx>-eng, one of ours) and a folder to write to');
  const base = userPath(typed);
  const out = userPath(typedOut);
  try {
    const pairs = freedictPairs(readFileSync(`${base}.index`, 'utf8'), gunzipSync(readFileSync(`${base}.dict.dz`)));
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `${language}-en.tsv`), pairs.map((p) => p.join('\t')).join('\n') + '\n');
    console.log(`${basename(base)}: ${pairs.length} pairs → ${join(out, `${language}-en.tsv`)}`);
  } catch (error) {
    console.error(
      `freedict: ${typed}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed (apt-get install dict-freedict-…)' : reasonOf(error)}`,
    );
    process.exit(1);
  }
}
