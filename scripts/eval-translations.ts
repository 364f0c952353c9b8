/**
 * Translations recognised, per language, with and without word lists:
 *   npm run eval:translations [-- --ntrex ../shared/ntrex/docs --lexicons ../shared/lexicons --compact]
 * --compact matches against the compact build of the originals (what a publisher ships),
 * --posting-sample N with one fingerprint in N listed (4 by default).
 */
import { parseCli } from './cli-args';
import { readLexicons } from './lexicon-files';
import { evaluateTranslations } from './ntrex-eval';

const { values } = parseCli({
  command: 'eval:translations',
  usage: `[--ntrex DIR] [--lexicons DIR]
  --ntrex DIR      the translated documents (default: ../shared/ntrex/docs)
  --lexicons DIR   the <lang>-en.tsv word lists (default: ../shared/lexicons)
  -h, --help       this text`,
  allowPositionals: false,
  paths: ['ntrex', 'lexicons'],
  options: {
    ntrex: { type: 'string', default: '../shared/ntrex/docs' },
    lexicons: { type: 'string', default: '../shared/lexicons' },
    compact: { type: 'boolean', default: false },
    'posting-sample': { type: 'string' },
  },
});
for (const [label, lexicons] of [
  ['without word lists (names and numbers only)', new Map()],
  ['with word lists', readLexicons(values.lexicons)],
] as const) {
  const { english, languages } = evaluateTranslations(
    values.ntrex,
    lexicons,
    undefined,
    values.compact,
    values['posting-sample'] === undefined ? undefined : Number(values['posting-sample']),
  );
  console.log(`${label}: English originals matched to themselves ${english.own}/${english.documents}`);
  for (const l of languages)
    console.log(
      `  ${l.language}: own original ${l.own}/${l.documents} (${Math.round((100 * l.own) / l.documents)}%), another document ${l.other}, p50 ${l.p50.toFixed(2)} ms`,
    );
}
