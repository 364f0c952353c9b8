import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../lib/extract';
import { parseHtml } from '../../scripts/node-dom';

const BENCH = '../shared/extraction-bench';
const haveBench = existsSync(join(BENCH, 'evaluate.mjs'));
if (!haveBench)
  console.warn(
    `skipping the extraction benchmark: ${BENCH} is not on this machine (it is never copied into the repository)`,
  );

/** The floor below which a change to extraction is a regression (measured 0.973 when this was set). */
const MIN_F1 = 0.97;

describe.skipIf(!haveBench)('extraction on the 91 benchmark pages, scored by the benchmark’s own evaluate.mjs', () => {
  it(`keeps F1 at or above ${MIN_F1}`, { timeout: 120_000 }, () => {
    const predictions: Record<string, { articleBody: string }> = {};
    for (const file of readdirSync(join(BENCH, 'html')).filter((f) => f.endsWith('.html.gz'))) {
      const html = gunzipSync(readFileSync(join(BENCH, 'html', file))).toString('utf8');
      const result = extractDocument(parseHtml(html));
      predictions[file.replace(/\.html\.gz$/, '')] = {
        articleBody: result.ok ? result.article.blocks.map((b) => b.text).join('\n') : '',
      };
    }
    const out = join(mkdtempSync(join(tmpdir(), 'wiretrace-bench-')), 'pred.json');
    writeFileSync(out, JSON.stringify(predictions));
    const line = execFileSync(process.execPath, [join(BENCH, 'evaluate.mjs'), out], { encoding: 'utf8' });
    const f1 = Number(/f1=([\d.]+)/.exec(line)?.[1]);
    expect(f1).toBeGreaterThanOrEqual(MIN_F1);
  });
});
