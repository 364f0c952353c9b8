/** Word lists from a folder: every `<lang>-en.tsv` in it (the CLI's --lexicons, the evaluations). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLexicon, type Lexicon } from '../lib/lexicon';

const LIST_FILE = /^([a-z]{2,3})-en\.tsv$/;

export function readLexicons(dir: string | undefined, only?: readonly string[]): Map<string, Lexicon> {
  const out = new Map<string, Lexicon>();
  if (!dir) return out;
  for (const name of readdirSync(dir).sort()) {
    const language = LIST_FILE.exec(name)?.[1];
    if (!language || (only && !only.includes(language))) continue;
    out.set(language, parseLexicon(language, readFileSync(join(dir, name), 'utf8')));
  }
  return out;
}
