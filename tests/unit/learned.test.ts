import { describe, expect, it } from 'vitest';
import { parseIndex } from '../../lib/index-schema';
import {
  addressKey,
  checkRecord,
  evictions,
  exportIndex,
  learnPage,
  withMetCopy,
  type LearnedRecord,
} from '../../lib/learned';
import { BUS_LANES, FERRY, FERRY_UPDATE } from '../fixtures/learning/stories';
import { apPage, BUS_URL, FERRY_URL } from './learned-data';

const NOW = Date.parse('2024-11-03T20:00:00Z');
const DAY = 86_400_000;

function learnAll(pages: Parameters<typeof learnPage>[1][]): LearnedRecord[] {
  const records = new Map<string, LearnedRecord>();
  for (const page of pages) {
    const { record } = learnPage(records.values(), page, NOW);
    records.set(record.id, record);
  }
  return [...records.values()];
}

describe('a page read on an agency site becomes a story', () => {
  it('with agency, headline, date, byline, dateline, address, text and quotes', () => {
    const { record, change } = learnPage([], apPage(FERRY, FERRY_URL), NOW);
    expect(change).toBe('new');
    const { story } = record;
    expect(story).toMatchObject({
      agency: 'Associated Press',
      headlines: [FERRY.headline],
      date: '2024-11-03',
      bylines: ['Marta Quill'],
      dateline: 'PORT ELLIS, Maine',
      url: FERRY_URL,
    });
    expect(story.wire).toHaveLength(1);
    expect(story.wire[0]!.paragraphs).toHaveLength(FERRY.paragraphs.length);
    expect(story.quotes).toHaveLength(3);
    expect(story.quotes.map((q) => q.speaker)).toContain('Renee Okafor');
    expect(record.urls).toEqual(['apnews.com/article/port-ellis-ferry-strike-4b7d0c2e9a1f4e6b8c3d5a7f9e1b2c4d']);
    expect(checkRecord(record)).toEqual({ ok: true, record });
  });
});

describe('write-through grouping', () => {
  it('makes the same address with a new text a second write-through of one story', () => {
    const [record, ...others] = learnAll([apPage(FERRY, FERRY_URL), apPage(FERRY_UPDATE, FERRY_URL)]);
    expect(others).toEqual([]);
    expect(record!.story.wire).toHaveLength(2);
    expect(record!.story.versions.map((v) => v.writeThrough)).toEqual(['earlier', 'latest']);
    expect(record!.story.headlines).toEqual([FERRY.headline, FERRY_UPDATE.headline]);
  });

  it('counts the same text again (another visit, a tracking parameter, the canonical) as nothing new', () => {
    const first = learnPage([], apPage(FERRY, FERRY_URL), NOW).record;
    const again = learnPage([first], apPage(FERRY, `${FERRY_URL}?utm_source=feed#top`), NOW + 60_000);
    expect(again.change).toBe('same');
    expect(again.record).toBe(first);
    const canonical = learnPage([first], apPage(FERRY, 'https://apnews.com/amp/xyz', { canonicalUrl: FERRY_URL }), NOW);
    expect(canonical.change).toBe('same');
    expect(canonical.record.urls).toContain('apnews.com/amp/xyz');
  });

  it('joins a page of the same agency within days whose text is mostly the same story, at another address', () => {
    const records = learnAll([
      apPage(FERRY, FERRY_URL),
      apPage(FERRY_UPDATE, 'https://apnews.com/article/ferry-service-resumes-0c1d2e3f405162738495a6b7c8d9e0f1'),
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]!.story.wire).toHaveLength(2);
  });

  it('keeps a different story of the same agency on the same day separate', () => {
    const records = learnAll([apPage(FERRY, FERRY_URL), apPage(BUS_LANES, BUS_URL)]);
    expect(records.map((r) => r.story.headlines[0])).toEqual([FERRY.headline, BUS_LANES.headline]);
  });

  it('keeps the same text apart when another agency sends it, or weeks later', () => {
    const first = learnPage([], apPage(FERRY, FERRY_URL), NOW).record;
    const other = apPage(FERRY_UPDATE, 'https://www.upi.com/Top_News/2024/11/03/ferry/1234567890/');
    expect(learnPage([first], { ...other, agency: 'UPI', site: 'upi.com' }, NOW).change).toBe('new');
    const later = apPage(
      FERRY_UPDATE,
      'https://apnews.com/article/ferry-anniversary-00112233445566778899aabbccddeeff',
      {
        published: '2024-12-01T10:00:00Z',
      },
    );
    expect(learnPage([first], later, NOW).change).toBe('new');
  });
});

describe('copies met elsewhere', () => {
  const record = learnPage([], apPage(FERRY, FERRY_URL), NOW).record;
  const met = {
    url: 'https://uk.investing.com/news/ferry-1',
    outlet: 'investing.com',
    title: 'Ferry strike ends',
    language: 'en',
    relation: 'edited' as const,
  };

  it('are counted once per page and listed among the versions', () => {
    const once = withMetCopy(record, met, NOW + DAY)!;
    expect(once.matches).toBe(1);
    expect(once.lastMatchedAt).toBe(NOW + DAY);
    expect(once.story.versions.at(-1)).toMatchObject({
      outlet: 'investing.com',
      relation: 'edited',
      writeThrough: null,
    });
    expect(withMetCopy(once, { ...met, url: `${met.url}?utm_medium=x` }, NOW + 2 * DAY)).toBeNull();
  });

  it('never include the story’s own page', () => {
    expect(withMetCopy(record, { ...met, url: FERRY_URL }, NOW)).toBeNull();
  });
});

describe('the cap', () => {
  const record = (id: string, learnedAt: number, matches: number, kind: 'learned' | 'added' = 'learned') =>
    ({
      id,
      kind,
      learnedAt,
      updatedAt: learnedAt,
      matches,
      lastMatchedAt: matches ? learnedAt : null,
    }) as LearnedRecord;

  it('evicts nothing at or under it', () => {
    expect(evictions([record('a', NOW, 0), record('b', NOW, 0)], 2, NOW)).toEqual([]);
  });

  it('evicts the oldest and least matched first, keeps this week’s stories longest and never evicts added ones', () => {
    const records = [
      record('fresh-unmatched', NOW - DAY, 0),
      record('old-matched-often', NOW - 30 * DAY, 5),
      record('old-unmatched', NOW - 20 * DAY, 0),
      record('oldest-unmatched', NOW - 40 * DAY, 0),
      record('old-matched-once', NOW - 50 * DAY, 1),
      record('added-oldest', NOW - 90 * DAY, 0, 'added'),
    ];
    expect(evictions(records, 4, NOW)).toEqual(['oldest-unmatched']);
    expect(evictions(records, 2, NOW)).toEqual(['oldest-unmatched', 'old-unmatched', 'old-matched-once']);
  });

  it('evicts in one batch down to 5% under a large cap', () => {
    const many = Array.from({ length: 101 }, (_, i) => record(`s${i}`, NOW - (200 - i) * DAY, 0));
    expect(evictions(many, 100, NOW)).toHaveLength(6);
    expect(evictions(many, 100, NOW)[0]).toBe('s0');
  });
});

describe('a stored record', () => {
  const good = learnPage([], apPage(FERRY, FERRY_URL), NOW).record;

  it.each([
    ['not an object', 'garbage', /not an object/],
    ['no id', { ...good, id: 7 }, /no id/],
    ['a bad kind', { ...good, kind: 'stolen' }, /kind/],
    ['fingerprints as a plain list', { ...good, fingerprints: [1, 2] }, /Uint32Array/],
    ['a story missing its text list', { ...good, story: { ...good.story, wire: undefined } }, /story\.wire/],
    ['a story of another id', { ...good, story: { ...good.story, id: 'x' } }, /its story is "x"/],
    ['a negative match count', { ...good, matches: -1 }, /matches/],
    ['prints cut short', { ...good, prints: good.prints.subarray(0, 9) }, /prints are truncated/],
    ['prints of another number of texts', { ...good, prints: Uint32Array.of(2, 0, 0) }, /prints do not match/],
  ])('is refused with %s, saying why', (_, value, why) => {
    const checked = checkRecord(value);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatch(why);
  });
});

describe('export', () => {
  it('is an index file the import reads back, story for story', () => {
    const records = learnAll([apPage(FERRY, FERRY_URL), apPage(BUS_LANES, BUS_URL)]);
    const index = parseIndex(exportIndex(records));
    expect(index.stories.map((s) => s.id)).toEqual(records.map((r) => r.id));
    expect(index.stories[0]).toEqual(records[0]!.story);
  });
});

describe('addresses', () => {
  it.each([
    ['https://www.apnews.com/article/x/?utm_source=a&utm_medium=b#c', 'apnews.com/article/x'],
    ['http://apnews.com/article/x', 'apnews.com/article/x'],
    ['https://www.bernama.com/en/news.php?id=2258001', 'bernama.com/en/news.php?id=2258001'],
    ['javascript:alert(1)', null],
    ['not a url', null],
  ])('keys %s as %s', (url, key) => {
    expect(addressKey(url)).toBe(key);
  });
});
