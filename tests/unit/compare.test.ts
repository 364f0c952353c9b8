import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareStory } from '../../lib/compare';
import { encodeCompactIndex, openCompactIndex } from '../../lib/index-compact';
import { parseIndex } from '../../lib/index-schema';

const [story] = parseIndex(readFileSync('assets/index.json', 'utf8')).stories;
const view = compareStory(story!);
const column = (outlet: string) => view.versions.findIndex((v) => v.outlet.startsWith(outlet));

describe('compare page: all versions against the wire text', () => {
  it('sets the other four versions against the latest write-through (Investing.com)', () => {
    expect(view.wireVersion).toBe('investing-uk');
    expect(view.versions.map((v) => v.outlet)).toEqual([
      'The Business Standard (TBS), Dhaka',
      'gettotext.com',
      'VOI (voi.id), Jakarta',
      'CGTN',
    ]);
    expect(view.missing).toEqual([]);
  });

  it('finds the TBS earlier write-through paragraph for most wire paragraphs, and shows word changes', () => {
    const tbs = column('The Business Standard');
    const found = view.rows.filter((r) => r.cells[tbs] !== null);
    expect(found.length).toBeGreaterThanOrEqual(view.rows.length / 2);
    // "Russia denies planning to invade Ukraine ..." differs between the write-throughs: "after 1997" / "after the Cold War".
    const denies = view.rows.find((r) => r.wire.startsWith('Russia denies planning'))!.cells[tbs]!;
    expect(denies.diff.some((d) => d.kind === 'removed' && d.text.includes('1997'))).toBe(true);
    expect(denies.diff.some((d) => d.kind === 'added' && d.text.includes('Cold War'))).toBe(true);
  });

  it('tracks each original quote in each version: the round trip alters Grushko, CGTN keeps Stoltenberg', () => {
    const row = (start: string) => view.quotes.find((q) => q.original.startsWith(start))!;
    expect(row('If there is a search for vulnerabilities').cells[column('gettotext')]!.fidelity).toBe('altered');
    expect(row('There is a real risk').cells[column('The Business Standard')]!.fidelity).toBe('exact');
  });

  it('says which versions it has no text for when the index is the compact build', () => {
    const compact = openCompactIndex(encodeCompactIndex([story!])).story(0).story;
    expect(compareStory(compact).missing).toHaveLength(4);
  });

  it('says it has no wire text to show for a compact story, and none is missing from the full build', () => {
    const compact = compareStory(openCompactIndex(encodeCompactIndex([story!])).story(0).story);
    expect(compact.rows).toEqual([]);
    expect(compact.quotes.length).toBe(view.quotes.length);
    expect(view.rows.length).toBeGreaterThan(0);
  });
});
