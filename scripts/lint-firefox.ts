/**
 * The Firefox build through Mozilla's addons-linter (what `web-ext lint` and
 * addons.mozilla.org run): fails on any error, prints every warning.
 *   npm run lint:firefox        (after npm run build:firefox)
 * Known warnings, all in library code, none a path our code takes with page text:
 * - UNSAFE_VAR_ASSIGNMENT in Preact: its dangerouslySetInnerHTML support, which no component uses
 *   (eslint forbids it, see eslint.config.js);
 * - UNSAFE_VAR_ASSIGNMENT in Readability: innerHTML on our copy of the page, a document cloned
 *   from the page's, which has no browsing context: nothing in it loads or runs.
 * Our own code cannot write HTML at all: eslint.config.js forbids innerHTML, outerHTML,
 * insertAdjacentHTML, document.write and dangerouslySetInnerHTML outside tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseCli, usageError, userPath } from './cli-args';

interface Message {
  code: string;
  message: string;
  file?: string;
  line?: number;
}
interface Report {
  summary: { errors: number; warnings: number; notices: number };
  errors: Message[];
  warnings: Message[];
  notices: Message[];
}

const { positionals } = parseCli({
  command: 'lint:firefox',
  usage: `[BUILD_DIR]
  runs Mozilla's addons-linter on the Firefox build (default: .output/firefox-mv2; npm run build:firefox makes it)
  -h, --help   this text`,
  options: {},
  allowPositionals: true,
});
const BUILD = positionals[0] === undefined ? '.output/firefox-mv2' : userPath(positionals[0]);
if (!existsSync(join(BUILD, 'manifest.json')))
  usageError('lint:firefox', `no Firefox build in ${BUILD}: run npm run build:firefox first`);
const bin = createRequire(import.meta.url).resolve('addons-linter/bin/addons-linter');
let out: string;
try {
  out = execFileSync(process.execPath, [bin, '--output', 'json', BUILD], { encoding: 'utf8' });
} catch (error) {
  // The linter exits non-zero when it finds errors; its report is still on stdout.
  out = (error as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(out) as Report;
const where = (m: Message) => (m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : '');
for (const kind of ['errors', 'warnings', 'notices'] as const)
  for (const m of report[kind]) console.log(`${kind.slice(0, -1)}: ${m.code} ${m.message}${where(m)}`);
console.log(
  `addons-linter on ${BUILD}: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`,
);
if (report.summary.errors > 0) process.exit(1);
