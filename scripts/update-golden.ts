/**
 * Regenerates tests/fixtures/pages/<name>/expected.json from the current
 * extraction and matching, and prints which fields changed so the change can
 * be reviewed before it is committed:  npm run golden
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseCli } from './cli-args';
import { FIXTURE_PAGES, fieldNames, fixtureNames, goldenFields, goldenOf, goldenPath, readGolden } from './golden';

parseCli({
  command: 'golden',
  usage: `(no arguments)
  rewrites tests/fixtures/pages/*/expected.json from the current extraction and matching, and says what changed
  -h, --help   this text`,
  options: {},
  allowPositionals: false,
});

let changed = 0;
for (const name of fixtureNames()) {
  const path = goldenPath(name);
  const before = goldenFields(existsSync(path) ? readGolden(name) : {});
  const golden = goldenOf(name);
  const after = goldenFields(golden);
  const diff = fieldNames(before, after).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  writeFileSync(path, `${JSON.stringify(golden, null, 2)}\n`);
  if (diff.length) {
    changed++;
    console.log(`${name}: ${diff.join(', ')} changed`);
  }
}
console.log(changed ? `${changed} fixture(s) changed: review with git diff ${FIXTURE_PAGES}` : 'no fixture changed');
