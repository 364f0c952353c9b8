import { describe, expect, it } from 'vitest';
import { BOILERPLATE_RULES } from '../../lib/clean';
import { normalizeText } from '../../lib/text';
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
