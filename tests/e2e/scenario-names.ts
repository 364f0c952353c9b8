/**
 * The names of a browser-test file's scenarios, read from its source: how the Firefox suites check
 * that no Chromium scenario goes missing (each is run in Firefox under the same name, or listed
 * with the reason it cannot be).
 */
import { readFileSync } from 'node:fs';

/** it('…') and it.each([…])('…'), as written; it.skip(…) is not counted as a scenario run. */
const TEST_START = /\bit(?:\.each\(\[[\s\S]*?\]\))?\(\s*(['"`])/g;

export function testNames(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const names: string[] = [];
  const start = new RegExp(TEST_START);
  for (let m = start.exec(source); m; m = start.exec(source)) {
    const quote = m[1]!;
    let i = start.lastIndex;
    let name = '';
    while (source[i] !== quote) {
      if (source[i] === '\\') i++;
      name += source[i++];
    }
    names.push(name);
  }
  return names;
}
