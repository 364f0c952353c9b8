/**
 * Writes a synthetic corpus of N stories for measuring the builder and the
 * matcher at scale (1k, 10k, 100k stories):
 *   npm run synth:corpus -- --stories 10000 --out /tmp/synth-10k [--seed 1]
 * Material is real: the sentences of the seed corpus, re-mixed. Each story
 * takes 18–30 of them in a shuffled order and swaps most content words for
 * words drawn (Zipf-like, as in news text) from a large vocabulary, so stories
 * share the language of news but not their sentences. One story in five also
 * gets a verbatim copy by another outlet as a sibling version. Deterministic
 * for a seed. Not committed output: it goes to --out.
 */
import { seededRandom } from './bench-utils';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli, usageError } from './cli-args';
import { storyParagraphs } from '../lib/article';
import { extractText } from '../lib/extract';
import { sentences, STOPWORDS } from '../lib/text';

const CLI = {
  command: 'synth:corpus',
  usage: `--stories N --out DIR [--seed S] [--corpus DIR]
  --stories N      how many stories (default: 1000)
  --out DIR        where to write them, one folder per story
  --seed S         the random seed (default: 1)
  --corpus DIR     the real stories whose sentences are re-mixed (default: corpus)
  -h, --help       this text`,
} as const;
const { values } = parseCli({
  ...CLI,
  allowPositionals: false,
  paths: ['out', 'corpus'],
  options: {
    stories: { type: 'string', default: '1000' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    corpus: { type: 'string', default: 'corpus' },
  },
});
if (!values.out) usageError(CLI.command, 'say where to write the corpus with --out DIR');

/** Vocabulary size: about the distinct content words of a year of one agency's wire. */
const VOCABULARY = 60_000;
const COPY_EVERY = 5;
const SWAP_SHARE = 0.75;

const random = seededRandom(Number(values.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

// Real material: every sentence of every version in the repository's corpus.
const material: string[] = [];
const realWords = new Set<string>();
for (const story of readdirSync(values.corpus!)) {
  const dir = join(values.corpus!, story, 'versions');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    const result = extractText(readFileSync(join(dir, file), 'utf8'));
    if (!result.ok) continue;
    for (const p of storyParagraphs(result.article)) {
      for (const s of sentences(p)) {
        // A sentence cut out of a longer quote has one quotation mark: re-mixed, it would make a
        // "paragraph" that opens a quote and never closes it, which no real page has.
        if ((s.match(/"/g) ?? []).length % 2 !== 0) continue;
        material.push(s);
        for (const w of s.match(/\p{L}{4,}/gu) ?? [])
          if (!STOPWORDS.has(w.toLowerCase())) realWords.add(w.toLowerCase());
      }
    }
  }
}
const SYLLABLES =
  'ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo'.split(
    ' ',
  );
const vocabulary = [...realWords].sort();
while (vocabulary.length < VOCABULARY) {
  vocabulary.push(Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join(''));
}
/** Zipf-like draw: low ranks (common words) far more often than the long tail. */
const drawWord = () => vocabulary[Math.floor(vocabulary.length ** random()) - 1]!;

function remix(sentence: string): string {
  return sentence.replace(/\p{L}{4,}/gu, (w) => {
    if (STOPWORDS.has(w.toLowerCase()) || random() > SWAP_SHARE) return w;
    const word = drawWord();
    return w[0] === w[0]!.toUpperCase() ? word[0]!.toUpperCase() + word.slice(1) : word;
  });
}

const n = Number(values.stories);
const width = String(n).length;
mkdirSync(values.out, { recursive: true });
for (let i = 0; i < n; i++) {
  const id = `synth-${String(i).padStart(width, '0')}`;
  const dir = join(values.out, id);
  mkdirSync(join(dir, 'versions'), { recursive: true });
  const count = 18 + Math.floor(random() * 13);
  const paragraphs = Array.from({ length: count }, () => remix(pick(material)));
  const title = remix(pick(material)).split(' ').slice(0, 9).join(' ');
  const text = `${title}\n\n${paragraphs.join('\n\n')}\n`;
  writeFileSync(join(dir, 'versions', 'wire.txt'), text);
  const versions: Array<Record<string, string | null>> = [
    {
      id: 'wire',
      file: 'versions/wire.txt',
      outlet: 'Synthetic Wire',
      url: null,
      language: 'en',
      shownDates: null,
      credits: 'Synthetic Wire',
      relation: 'verbatim',
      writeThrough: 'latest',
    },
  ];
  if (i % COPY_EVERY === 0) {
    writeFileSync(join(dir, 'versions', 'copy.txt'), `${title}\n\nBy Staff\n\n${paragraphs.join('\n\n')}\n`);
    versions.push({
      id: 'copy',
      file: 'versions/copy.txt',
      outlet: 'Synthetic Outlet',
      url: null,
      language: 'en',
      shownDates: null,
      credits: null,
      relation: 'verbatim',
      writeThrough: null,
    });
  }
  const story = {
    id,
    agency: 'Synthetic Wire',
    date: '2022-01-12',
    dateline: null,
    bylines: [],
    headlines: [title],
    url: null,
    versions,
  };
  writeFileSync(join(dir, 'story.json'), `${JSON.stringify(story)}\n`);
}
console.log(`${values.out}: ${n} stories from ${material.length} real sentences, vocabulary ${vocabulary.length}`);
