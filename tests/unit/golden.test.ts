import { describe, expect, it } from 'vitest';
import { fieldNames, fixtureNames, goldenFields, goldenOf, readGolden } from '../../scripts/golden';

// One folder per fixture page (source.html + expected.json); `npm run golden` regenerates expectations for review.
// One test per field: extraction's (title, body, credits…), the match's parts (match.story, match.relation,
// match.score, match.why, match.credit; or match, null) and the quotes.
describe.each(fixtureNames())('golden page %s', (name) => {
  const expected = goldenFields(readGolden(name));
  const actual = goldenFields(goldenOf(name));
  it.each(fieldNames(expected, actual))('%s', (field) => {
    expect(actual[field]).toEqual(expected[field]);
  });
});
