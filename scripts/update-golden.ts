/**
 * Regenerates tests/fixtures/pages/<name>/expected.json from the current
 * extraction, and prints which fields changed so the change can be reviewed
 * before it is committed:  npm run golden
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_PAGES, fixtureNames, goldenOf, type Golden } from './golden';

let changed = 0;
for (const name of fixtureNames()) {
  const path = join(FIXTURE_PAGES, name, 'expected.json');
  const before: Partial<Golden> = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Golden) : {};
  const after = goldenOf(name);
  const fields = new Set([...Object.keys(before), ...Object.keys(after)] as Array<keyof Golden>);
  const diff = [...fields].filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  writeFileSync(path, `${JSON.stringify(after, null, 2)}\n`);
  if (diff.length) {
    changed++;
    console.log(`${name}: ${diff.join(', ')} changed`);
  }
}
console.log(changed ? `${changed} fixture(s) changed: review with git diff ${FIXTURE_PAGES}` : 'no fixture changed');
