import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIndex } from '../../lib/index-schema';
import {
  creditSentence,
  FIDELITY_LABELS,
  originLine,
  RELATION_NAMES,
  relationLine,
  sourceLine,
  URL_UNKNOWN,
} from '../../lib/labels';
import { BUNDLED } from '../../lib/story-source';
import type { CheckOutput } from '../../scripts/check';
import { SEED_STORY, seedPath } from './seed-data';

const TSX = 'node_modules/.bin/tsx';
const SLOW = 60_000;
/** A good page checked beside each bad one: the bad one must not stop it. */
const GOOD = seedPath('voi');
const GOOD_REPORT = `== ${GOOD}\n`;

/** The CLI as a reader runs it, from `cwd` as the folder they typed in (npm says it in INIT_CWD). */
function check(args: string[], typedIn = process.cwd()) {
  const run = spawnSync(TSX, ['scripts/check.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: typedIn },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at |Error:/);

/** Bad input made fresh for the run: never committed, never from ../shared. */
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const make = (name: string, bytes: string | Uint8Array) => {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52];

describe('npm run check -- --json', () => {
  it(
    'prints one object per file with the stable fields',
    () => {
      const { stdout } = check(['--json', seedPath('voi'), 'tests/fixtures/pages/investing-home/source.html']);
      const [voi, home] = JSON.parse(stdout) as CheckOutput[];
      expect(Object.keys(voi!)).toEqual(expect.arrayContaining(['file', 'article', 'match', 'quotes']));
      expect(voi!.match).toMatchObject({ story: SEED_STORY, relation: 'rewritten' });
      expect(typeof voi!.match!.score).toBe('number');
      expect(voi!.quotes[0]).toEqual(
        expect.objectContaining({ speaker: 'Jens Stoltenberg', fidelity: expect.any(String) }),
      );
      expect(home!.match).toBeNull();
    },
    SLOW,
  );
});

describe('npm run check on bad input: one line for the bad file, the good one still checked, status 1', () => {
  const folder = join(dir, 'a-folder');
  mkdirSync(folder);
  const cases: [string, string, string][] = [
    ['a missing file', join(dir, 'no-such-page.html'), 'no such file'],
    ['a folder', folder, 'a folder, not a file'],
    ['a PNG image', make('photo.png', new Uint8Array(PNG)), 'not a web page or text (a PNG image)'],
    ['a binary file', make('data.html', new Uint8Array([60, 104, 0, 1, 2, 255, 0])), 'not a web page or text'],
    ['bytes that are no text', make('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])), 'not a web page or text'],
    ['a device', '/dev/null', 'not a web page or text'],
    ['a damaged .gz', make('page.html.gz', 'not gzip at all'), 'not a web page or text'],
  ];

  it.each(cases)(
    '%s',
    (_case, bad, reason) => {
      const { status, stdout, stderr } = check([bad, GOOD]);
      expect(status).toBe(1);
      expect(lines(stderr)).toHaveLength(1);
      expect(stderr.startsWith(`check: ${bad}: ${reason}`)).toBe(true);
      noStackTrace(stderr);
      expect(stdout).toContain(GOOD_REPORT);
      expect(stdout).toContain(`relation: ${relationLine('rewritten')}`);
    },
    SLOW,
  );

  it.skipIf(process.getuid?.() === 0)(
    'an unreadable file (skipped as root, who reads every file)',
    () => {
      const locked = make('locked.html', '<p>secret</p>');
      chmodSync(locked, 0o000);
      const { status, stdout, stderr } = check([locked, GOOD]);
      expect(status).toBe(1);
      expect(lines(stderr)).toEqual([`check: ${locked}: cannot be read (permission denied)`]);
      expect(stdout).toContain(GOOD_REPORT);
    },
    SLOW,
  );

  it(
    'a broken index or word-list folder is a sentence, and nothing is checked',
    () => {
      const index = check(['--index', 'README.md', GOOD]);
      expect(index.status).toBe(1);
      expect(lines(index.stderr)).toEqual([expect.stringMatching(/^check: the index README\.md: Index file/)]);
      const lexicons = check(['--lexicons', '/no/such/dir', GOOD]);
      expect(lexicons.status).toBe(1);
      expect(lines(lexicons.stderr)).toEqual(['check: the word lists in /no/such/dir: no such file']);
      noStackTrace(index.stderr + lexicons.stderr);
    },
    SLOW,
  );
});

describe('npm run check: the command line', () => {
  it(
    '--help prints the usage and every flag',
    () => {
      const { status, stdout } = check(['--help']);
      expect(status).toBe(0);
      expect(stdout).toMatch(
        /^usage: npm run check -- \[--json\] \[--index FILE \| --subscription URL --key FILE\] \[--lexicons DIR\] FILE\.\.\./,
      );
      for (const flag of ['--json', '--index', '--subscription', '--key', '--lexicons', '--help'])
        expect(stdout).toMatch(new RegExp(`^ +(-h, )?${flag} `, 'm'));
    },
    SLOW,
  );

  it(
    'an unknown flag is one line that names it and points to --help, status 2',
    () => {
      const { status, stdout, stderr } = check(['--jsno', GOOD]);
      expect(status).toBe(2);
      expect(lines(stderr)).toEqual(["check: Unknown option '--jsno' (npm run check -- --help for usage)"]);
      expect(stdout).toBe('');
    },
    SLOW,
  );

  it(
    'no page at all says so in one line, status 2',
    () => {
      const { status, stderr } = check([]);
      expect(status).toBe(2);
      expect(lines(stderr)).toEqual(['check: no page to check (npm run check -- --help for usage)']);
    },
    SLOW,
  );

  it(
    'reads paths from the folder the reader typed them in (npm run check -- ../x from a subfolder)',
    () => {
      const from = 'tests/fixtures';
      const typed = relative(from, GOOD);
      const run = spawnSync('npm', ['run', '--silent', 'check', '--', typed], { cwd: from, encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`== ${typed}\n`);
      expect(run.stdout).toContain(`relation: ${relationLine('rewritten')}`);
    },
    SLOW,
  );
});

/** Every npm script that runs one of scripts/ (check, build:index, the evaluations, the benchmarks…). */
const SCRIPTS = Object.entries(
  (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts,
).flatMap(([name, line]) => {
  const file = /(scripts\/[\w-]+\.ts)/.exec(line)?.[1];
  return file ? [[name, file] as const] : [];
});

describe('every script a reader runs answers a mistyped flag in one line, before doing anything', () => {
  it('finds the scripts', () => expect(SCRIPTS.length).toBeGreaterThan(10));

  it.each(SCRIPTS)(
    'npm run %s -- --bogus',
    (name, file) => {
      const run = spawnSync(TSX, [file, '--bogus'], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(lines(run.stderr)).toEqual([`${name}: Unknown option '--bogus' (npm run ${name} -- --help for usage)`]);
    },
    SLOW,
  );
});

describe('npm run check never lets a page write to the terminal', () => {
  const escapes = make(
    'escapes.html',
    '<html><head><title>t</title></head><body><article><h1>Ports \x1b[2J\x1b]0;pwned\x07reopen\r after strike</h1>' +
      '<p>OSLO (Reuters) - Dock workers returned to work on Tuesday after a two-week strike, their union said.</p>' +
      '<p>"We have an agreement \x1b[31mour members\x1b[0m can live with \u202eti," said Kari Nordmann.</p>' +
      '</article></body></html>',
  );

  it(
    'in the readable report: control characters and escapes become U+FFFD',
    () => {
      const { status, stdout } = check([escapes]);
      expect(status).toBe(0);
      expect(stdout).toContain('Ports \ufffd[2J\ufffd]0;pwned\ufffdreopen');
      expect(stdout).toContain('\ufffd[31mour members\ufffd[0m');
      // eslint-disable-next-line no-control-regex -- the test is that none of them is printed
      expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    },
    SLOW,
  );

  it(
    'in JSON: escaped by JSON itself, the page text kept',
    () => {
      const { stdout } = check(['--json', escapes]);
      expect(stdout).toContain('\\u001b[31m');
      // eslint-disable-next-line no-control-regex -- the test is that none of them is printed raw
      expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      const [page] = JSON.parse(stdout) as CheckOutput[];
      expect(page!.quotes[0]!.text).toContain('\x1b[31mour members');
    },
    SLOW,
  );
});

describe('npm run check: the readable report shows what the overlay shows', () => {
  const [story] = parseIndex(readFileSync('assets/index.json', 'utf8')).stories;

  it(
    'a seed page: relation in words, origin with date and bylines, source, other versions, credits, quotes',
    () => {
      const { status, stdout } = check([GOOD]);
      expect(status).toBe(0);
      const out = lines(stdout);
      expect(out).toContain(`origin: ${originLine(story!)} · ${URL_UNKNOWN}`);
      expect(out[0]).toBe(`== ${GOOD}`);
      expect(stdout).toContain('2022-01-12 · by Robin Emmott, Sabine Siebold and Gabriela Baczynska');
      expect(out).toContain(`source: ${sourceLine(BUNDLED)}`);
      expect(out.some((l) => l.startsWith(`relation: ${relationLine('rewritten')}, score `))).toBe(true);
      expect(out).toContain(
        `credits: ${creditSentence('Reuters', [{ agency: 'Reuters', place: 'sentence', text: 'citing Reuters' }])}`,
      );
      expect(out).toContain('other versions:');
      for (const v of story!.versions)
        expect(out).toContain(`  ${v.outlet} (${v.url ?? URL_UNKNOWN}): ${RELATION_NAMES[v.relation]}`);
      // A changed quote: the page's words and the original's, each once, and the change beside them.
      const quote = out.findIndex((l) => l.includes('"If there is a search for vulnerabilities in Russian'));
      expect(out[quote]).toMatch(new RegExp(`\\(Alexander Grushko\\): ${FIDELITY_LABELS.altered}$`));
      expect(out[quote + 1]).toMatch(/^ {6}original: "If there is a search for vulnerabilities in the Russian defence/);
      expect(out[quote + 2]).toMatch(/^ {6}changed: .*→/);
      expect(stdout.split('search for vulnerabilities in the Russian defence').length).toBe(2);
    },
    SLOW,
  );

  it(
    'a page without a known story: the agency credits and the quotes found on it',
    () => {
      const page = make(
        'harbour.txt',
        'Harbour workers end strike after pay deal\n\n' +
          'OSLO (Reuters) - Dock workers in three Norwegian ports returned to work on Tuesday after a two-week strike, their union said.\n\n' +
          '"We have an agreement that our members can live with," said Kari Nordmann, the union leader.\n\n' +
          'Shipping companies said ferry timetables would be back to normal by the weekend.\n',
      );
      const { status, stdout } = check([page]);
      expect(status).toBe(0);
      const out = lines(stdout);
      expect(out).toContain('match: none of the stories Wiretrace knows');
      expect(out).toContain(
        `  ${creditSentence('Reuters', [{ agency: 'Reuters', place: 'dateline', text: 'OSLO (Reuters)' }])}`,
      );
      expect(out).toContain('  "We have an agreement that our members can live with" (Kari Nordmann)');
    },
    SLOW,
  );
});
