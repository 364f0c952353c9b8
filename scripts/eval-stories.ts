/**
 * The per-story table the team runs before any threshold changes:
 *   npm run eval:stories [-- --set ../shared/stories-dev] [--pages] [--lexicons DIR]
 * Prints right answers per story and per kind of page, every false copy
 * claim, and with --pages each page's answer beside its label.
 */
import { parseCli } from './cli-args';
import { readLexicons } from './lexicon-files';
import { evaluateStories, outcomeTable, pageKind } from './story-eval';

const { values } = parseCli({
  command: 'eval:stories',
  usage: `[--set DIR] [--pages] [--lexicons DIR]
  --set DIR        the labelled pages and their stories (default: ../shared/stories-dev)
  --pages          also each page's answer beside its label
  --lexicons DIR   read pages in other languages through the <lang>-en.tsv word lists in DIR
  -h, --help       this text`,
  allowPositionals: false,
  paths: ['set', 'lexicons'],
  options: {
    set: { type: 'string', default: '../shared/stories-dev' },
    pages: { type: 'boolean', default: false },
    lexicons: { type: 'string' },
  },
});
const outcomes = evaluateStories(values.set, 'corpus', readLexicons(values.lexicons));
if (values.pages) {
  for (const o of outcomes) {
    const got = o.relation ? `${o.relation} ${o.story}` : 'none';
    const mark = o.falseCopy ? 'FALSE COPY' : o.right ? 'ok' : 'missed';
    console.log(`${o.label.file} ${pageKind(o.label).padEnd(26)} ${mark.padEnd(10)} ${got}  ${o.why}`);
  }
  console.log('');
}
console.log(outcomeTable(outcomes));
const english = outcomes.filter((o) => o.label.label === 'copy' && o.label.language === 'en');
const reports = outcomes.filter((o) => o.label.label === 'same-event');
const falseCopies = outcomes.filter((o) => o.falseCopy).length;
console.log(
  `\nEnglish copies found: ${english.filter((o) => o.right).length}/${english.length}; ` +
    `same-event reports: ${reports.filter((o) => o.right).length}/${reports.length}; ` +
    `related stories with no match: ${outcomes.filter((o) => o.label.label === 'related-negative' && o.right).length}/` +
    `${outcomes.filter((o) => o.label.label === 'related-negative').length}; false copy claims: ${falseCopies}`,
);
