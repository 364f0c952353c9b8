/**
 * Builds the bundled index from the corpus folder:
 *   npm run build:index [-- --corpus corpus --out assets/index.json]
 * Each story is a folder with story.json and one file per version.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Article } from '../lib/article';
import { buildIndex, buildStory, type CorpusStory } from '../lib/build-index';
import { validateIndex } from '../lib/index-schema';
import { extractFile } from './node-dom';

export function buildIndexFromCorpus(corpusDir: string) {
  const stories = readdirSync(corpusDir)
    .filter((name) => existsSync(join(corpusDir, name, 'story.json')))
    .sort()
    .map((name) => {
      const dir = join(corpusDir, name);
      const meta = JSON.parse(readFileSync(join(dir, 'story.json'), 'utf8')) as CorpusStory;
      const articles = new Map<string, Article>();
      for (const version of meta.versions) {
        const result = extractFile(version.file, readFileSync(join(dir, version.file), 'utf8'), { skipDetect: true });
        if (!result.ok) throw new Error(`${dir}/${version.file}: no article (${result.reason})`);
        articles.set(version.id, result.article);
      }
      return buildStory(meta, articles);
    });
  return validateIndex(buildIndex(stories));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { corpus: { type: 'string', default: 'corpus' }, out: { type: 'string', default: 'assets/index.json' } },
  });
  const index = buildIndexFromCorpus(values.corpus!);
  writeFileSync(values.out!, `${JSON.stringify(index, null, 1)}\n`);
  console.log(`${values.out}: ${index.stories.length} stories`);
}
