import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { CheckOutput } from '../../scripts/check';

describe('npm run check -- --json', () => {
  it('prints one object per file with the stable fields', () => {
    const out = execFileSync(
      'npx',
      [
        'tsx',
        'scripts/check.ts',
        '--json',
        'corpus/reuters-2022-01-12-nato-russia-council/versions/voi.txt',
        'tests/fixtures/pages/investing-home/source.html',
      ],
      { encoding: 'utf8' },
    );
    const [voi, home] = JSON.parse(out) as CheckOutput[];
    expect(Object.keys(voi!)).toEqual(expect.arrayContaining(['file', 'article', 'match', 'quotes']));
    expect(voi!.match).toMatchObject({ story: 'reuters-2022-01-12-nato-russia-council', relation: 'rewritten' });
    expect(typeof voi!.match!.score).toBe('number');
    expect(voi!.quotes[0]).toEqual(
      expect.objectContaining({ speaker: 'Jens Stoltenberg', fidelity: expect.any(String) }),
    );
    expect(home!.match).toBeNull();
  }, 30_000);
});
