/**
 * The test data outside tests/: the seed story's pages (committed in corpus/)
 * and the calibration data in ../shared (never copied into the repository, so
 * a test that needs it skips, saying why, where it is absent). One place that
 * spells their paths; paths are from the repository root, where vitest runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The first real case: five pages carrying one Reuters wire story (../shared/seeds, as corpus/ keeps them). */
export const SEED_STORY = 'reuters-2022-01-12-nato-russia-council';
const SEED_VERSIONS = join('corpus', SEED_STORY, 'versions');
const SHARED = '../shared';

/** One line of a seed page as a reader labelled it: T title, M metadata, S summary, H subheading, B body, X boilerplate. */
export interface SeedLabel {
  line: number;
  tag: string;
  text: string;
}

/** The seed pages by version id (investing-uk, tbsnews, gettotext, voi, cgtn), in file order. */
export const SEEDS: string[] = readdirSync(SEED_VERSIONS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.replace(/\.txt$/, ''));

/** A seed page's text file: the reader's copy-paste of the whole page, ads and site chrome included. */
export const seedPath = (seed: string) => join(SEED_VERSIONS, `${seed}.txt`);

export const seedText = (seed: string) => readFileSync(seedPath(seed), 'utf8');

export function seedLabels(seed: string): SeedLabel[] {
  return readFileSync(join(SEED_VERSIONS, `${seed}.labels.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as SeedLabel);
}

/**
 * A folder of ../shared, and whether it is on this machine (judged by `needs`
 * inside it, e.g. the benchmark's evaluate.mjs). When it is not, says which
 * tests skip and why; the caller skips them with `describe.skipIf(!present)`.
 */
export function sharedData(folder: string, what: string, needs = '.'): { dir: string; present: boolean } {
  const dir = join(SHARED, folder);
  const present = existsSync(join(dir, needs));
  if (!present)
    console.warn(
      `skipping ${what}: ${join(dir, needs)} is not on this machine (it is never copied into the repository)`,
    );
  return { dir, present };
}
