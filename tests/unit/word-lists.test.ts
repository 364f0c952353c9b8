import { describe, expect, it } from 'vitest';
import { plainArticle, type Article } from '../../lib/article';
import type { StoredWordList } from '../../utils/story-db';
import { wordListsInUse } from '../../utils/word-lists';

/** The background reads a language's list once, when a page in that language is first matched. */
const SPANISH: Article = {
  ...plainArticle('El alcalde anuncia un plan para la ciudad', [
    'El alcalde de la ciudad anunció el lunes un plan para plantar diez mil árboles antes del verano.',
  ]),
  language: 'es',
};
const ENGLISH: Article = {
  ...plainArticle('The mayor announces a plan for the city', [
    'The mayor of the city announced on Monday a plan to plant ten thousand trees before the summer.',
  ]),
  language: 'en',
};
const LIST: StoredWordList = {
  language: 'es',
  name: 'es-en.tsv',
  addedAt: 0,
  pairs: 2,
  text: 'alcalde\tmayor\nciudad\tcity',
};

function store(lists: StoredWordList[]) {
  const reads: string[] = [];
  const read = async (language: string) => {
    reads.push(language);
    return lists.find((l) => l.language === language);
  };
  return { reads, read };
}

describe('word lists in the background', () => {
  it('reads the list of a page’s language once, and none for a page in English', async () => {
    const disk = store([LIST]);
    const lists = wordListsInUse(disk.read);
    expect((await lists.forArticle(ENGLISH)).size).toBe(0);
    expect([...(await lists.forArticle(SPANISH)).keys()]).toEqual(['es']);
    await lists.forArticle(SPANISH);
    expect(disk.reads).toEqual(['es']);
  });

  it('asks the store again only after the reader changed the lists', async () => {
    const disk = store([]);
    const lists = wordListsInUse(disk.read);
    expect((await lists.forArticle(SPANISH)).size).toBe(0);
    await lists.forArticle(SPANISH);
    expect(disk.reads).toEqual(['es']);
    lists.reset();
    await lists.forArticle(SPANISH);
    expect(disk.reads).toEqual(['es', 'es']);
  });

  it('leaves a list damaged on disk unused, and the page is matched as written', async () => {
    const disk = store([{ ...LIST, text: 'no tabs here\nnor here\nat all' }]);
    const lists = wordListsInUse(disk.read);
    expect((await lists.forArticle(SPANISH)).size).toBe(0);
  });
});
