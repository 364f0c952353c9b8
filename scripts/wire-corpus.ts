/**
 * Turns a JSON-lines file of wire stories (one object a line: id, title, date,
 * dateline, paragraphs; gzipped or not) into the corpus format of
 * docs/INDEX.md, so the builder and the benchmarks read real wire text:
 *   npm run wire:corpus -- --in ../shared/wire-corpus/reuters-21578.jsonl.gz --out /tmp/reuters [--agency Reuters]
 * Dates such as "26-FEB-1987 15:01:01.79" become 1987-02-26; a date it cannot
 * read is left null in the output's story, never guessed. Not committed
 * output: it goes to --out.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseCli, usageError } from './cli-args';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

interface WireLine {
  id: string;
  title: string;
  date: string;
  dateline: string | null;
  paragraphs: string[];
}

/** "26-FEB-1987 15:01:01.79" or an ISO date → YYYY-MM-DD. */
function isoDate(date: string): string | null {
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(date);
  if (iso) return iso[1]!;
  const m = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})/i.exec(date);
  const month = m ? MONTHS.indexOf(m[2]!.toUpperCase()) : -1;
  if (!m || month < 0) return null;
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseCli({
    command: 'wire:corpus',
    usage: `--in FILE.jsonl[.gz] --out DIR [--agency NAME] [--limit N]
  --in FILE      wire stories, one JSON object a line (id, title, date, dateline, paragraphs)
  --out DIR      the corpus written
  --agency NAME  the agency (default: Reuters)
  --limit N      the first N stories only`,
    allowPositionals: false,
    paths: ['in', 'out'],
    options: {
      in: { type: 'string' },
      out: { type: 'string' },
      agency: { type: 'string', default: 'Reuters' },
      limit: { type: 'string' },
    },
  });
  if (!values.in || !values.out) usageError('wire:corpus', '--in and --out are needed');
  const raw = readFileSync(values.in);
  const lines = (values.in.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').split('\n').filter(Boolean);
  const limit = values.limit ? Number(values.limit) : lines.length;
  let written = 0;
  for (const line of lines.slice(0, limit)) {
    const story = JSON.parse(line) as WireLine;
    const date = isoDate(story.date);
    if (!date || story.paragraphs.length === 0) continue;
    const id = story.id.replace(/[^\w.-]/g, '_');
    const dir = join(values.out, id);
    mkdirSync(join(dir, 'versions'), { recursive: true });
    writeFileSync(join(dir, 'versions', 'wire.txt'), `${story.title}\n\n${story.paragraphs.join('\n\n')}\n`);
    const meta = {
      id,
      agency: values.agency,
      date,
      dateline: story.dateline?.replace(/\s*-\s*$/, '') || null,
      bylines: [],
      headlines: [story.title],
      url: null,
      versions: [
        {
          id: 'wire',
          file: 'versions/wire.txt',
          outlet: values.agency,
          url: null,
          language: 'en',
          shownDates: null,
          credits: values.agency,
          relation: 'verbatim',
          writeThrough: 'latest',
        },
      ],
    };
    writeFileSync(join(dir, 'story.json'), `${JSON.stringify(meta)}\n`);
    written++;
  }
  console.log(`${values.out}: ${written} stories`);
}
