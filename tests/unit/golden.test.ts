import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_PAGES, fixtureNames, goldenOf, type Golden } from '../../scripts/golden';

const FIELDS: Array<keyof Golden> = [
  'result',
  'title',
  'byline',
  'published',
  'updated',
  'siteName',
  'language',
  'canonicalUrl',
  'body',
  'meta',
  'credits',
];

// One folder per fixture page (source.html + expected.json); `npm run golden` regenerates expectations for review.
describe.each(fixtureNames())('golden page %s', (name) => {
  const expected = JSON.parse(readFileSync(join(FIXTURE_PAGES, name, 'expected.json'), 'utf8')) as Golden;
  const actual = goldenOf(name);
  it.each(FIELDS.filter((f) => f in expected || f in actual))('%s', (field) => {
    expect(actual[field]).toEqual(expected[field]);
  });
});
