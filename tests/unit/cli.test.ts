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

describe('npm run check on bad input', () => {
  const run = (args: string[]) => {
    try {
      execFileSync('npx', ['tsx', 'scripts/check.ts', ...args], { encoding: 'utf8', stdio: 'pipe' });
      return { status: 0, stderr: '' };
    } catch (error) {
      const e = error as { status: number; stderr: string };
      return { status: e.status, stderr: e.stderr };
    }
  };

  it.each([
    ['a missing page', ['/no/such/page.html'], 'check: /no/such/page.html: no such file'],
    ['an index that is not one', ['--index', 'README.md', seedPath('voi')], 'check: the index README.md: Index file'],
    [
      'a missing word-list folder',
      ['--lexicons', '/no/such/dir', seedPath('voi')],
      'check: the word lists in /no/such/dir',
    ],
  ])(
    'says what is wrong with %s in a sentence, without a stack trace',
    (_case, args, message) => {
      const { status, stderr } = run(args);
      expect(status).toBe(1);
      expect(stderr).toContain(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    },
    30_000,
  );
});
