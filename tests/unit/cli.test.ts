import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { CheckOutput } from '../../scripts/check';
import { SEED_STORY, seedPath } from './seed-data';

describe('npm run check -- --json', () => {
  it('prints one object per file with the stable fields', () => {
    const out = execFileSync(
      'npx',
      ['tsx', 'scripts/check.ts', '--json', seedPath('voi'), 'tests/fixtures/pages/investing-home/source.html'],
      { encoding: 'utf8' },
    );
    const [voi, home] = JSON.parse(out) as CheckOutput[];
    expect(Object.keys(voi!)).toEqual(expect.arrayContaining(['file', 'article', 'match', 'quotes']));
    expect(voi!.match).toMatchObject({ story: SEED_STORY, relation: 'rewritten' });
    expect(typeof voi!.match!.score).toBe('number');
    expect(voi!.quotes[0]).toEqual(
      expect.objectContaining({ speaker: 'Jens Stoltenberg', fidelity: expect.any(String) }),
    );
    expect(home!.match).toBeNull();
  }, 30_000);
});
