import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOILERPLATE_RULES } from '../../lib/clean';
import { normalizeText } from '../../lib/text';
import { wordRules, type Language } from '../../lib/words';
import { RULE_FILE, withoutRuleDocs } from '../../scripts/rule-docs';
import { SEEDS, seedLabels } from './seed-data';

const STORY_LINES = SEEDS.flatMap(seedLabels)
  .filter((l) => 'TSHB'.includes(l.tag))
  .map((l) => normalizeText(l.text));

describe('boilerplate rules (lib/rules/boilerplate.json)', () => {
  it('are sorted by id with no duplicate ids or patterns', () => {
    const ids = BOILERPLATE_RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(BOILERPLATE_RULES.map((r) => r.pattern)).size).toBe(ids.length);
  });

  it.each(BOILERPLATE_RULES.map((r) => [r.id, r] as const))('%s removes its example', (_id, rule) => {
    expect(new RegExp(rule.pattern, rule.flags).test(normalizeText(rule.example))).toBe(true);
  });

  it.each(BOILERPLATE_RULES.map((r) => [r.id, r] as const))('%s keeps every story line of the seeds', (_id, rule) => {
    const re = new RegExp(rule.pattern, rule.flags);
    expect(STORY_LINES.filter((line) => re.test(line))).toEqual([]);
  });
});

interface WordEntry {
  word?: string;
  pattern?: string;
  example?: unknown;
}
const WORDS_DIR = 'lib/rules/words';
const WORD_FILES = readdirSync(WORDS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(WORDS_DIR, f), 'utf8')) as Record<string, WordEntry[]>] as const);
const WORD_LISTS = WORD_FILES.flatMap(([file, lists]) =>
  Object.entries(lists).map(([name, entries]) => [file, name, entries] as const),
);
/** What an entry is keyed by: its word, or a spelling fold's pattern. */
const keyOf = (entry: WordEntry) => entry.word ?? entry.pattern ?? '';

describe('word lists (lib/rules/words/<language>.json)', () => {
  it.each(WORD_FILES)('%s has every list English has, and is the one the engine reads', (file, lists) => {
    expect(Object.keys(lists).sort()).toEqual(Object.keys(wordRules('en')).sort());
    expect(wordRules(file.replace(/\.json$/, '') as Language)).toEqual(lists);
  });

  it.each(WORD_LISTS)('%s %s is sorted, with no duplicates and an example for every entry', (_file, _name, entries) => {
    const keys = entries.map(keyOf);
    expect(keys.every((k) => k.length > 0)).toBe(true);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    expect(entries.filter((e) => !e.example || (typeof e.example !== 'string' && !Array.isArray(e.example)))).toEqual(
      [],
    );
  });

  it.each(WORD_FILES)('%s ships without its examples: the bundles keep the words only', (file) => {
    const shipped = withoutRuleDocs(readFileSync(join(WORDS_DIR, file), 'utf8'));
    expect(shipped).not.toMatch(/"(?:example|why)"/);
    const lists = JSON.parse(shipped) as Record<string, WordEntry[]>;
    expect(Object.values(lists).flat().map(keyOf)).toEqual(
      Object.values(wordRules(file.replace(/\.json$/, '') as Language))
        .flat()
        .map(keyOf),
    );
    expect(RULE_FILE.test(join(process.cwd(), WORDS_DIR, file))).toBe(true);
  });
});
