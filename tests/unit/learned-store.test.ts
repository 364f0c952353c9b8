import { describe, expect, it } from 'vitest';
import { extractText } from '../../lib/extract';
import { learnPage } from '../../lib/learned';
import { matchArticle } from '../../lib/match';
import { openLearnedStore } from '../../utils/learned-store';
import { BUS_LANES, FERRY, FERRY_REWORDED, FERRY_UPDATE, storyText } from '../fixtures/learning/stories';
import { apPage, BUS_URL, FERRY_URL } from './learned-data';
import { memoryRecords } from './learned-store-data';

const NOW = Date.parse('2024-11-03T20:00:00Z');
const CAP = 5_000;
const at = (later: () => void) => later();

function reworded() {
  const r = extractText(storyText(FERRY, FERRY_REWORDED));
  if (!r.ok) throw new Error(r.reason);
  return r.article;
}

describe('the learned stories on disk and in memory', () => {
  it('keeps every good record and drops a damaged one, saying which and why', async () => {
    const good = learnPage([], apPage(FERRY, FERRY_URL), NOW).record;
    const other = learnPage([], apPage(BUS_LANES, BUS_URL), NOW).record;
    const { store, data } = memoryRecords([
      [good.id, good],
      [
        'learned-apnews.com-broken',
        { ...other, id: 'learned-apnews.com-broken', story: { ...other.story, wire: 'x' } },
      ],
      [other.id, other],
      ['half-written', null],
    ]);
    const learned = await openLearnedStore(store, at);
    expect(learned.records().map((r) => r.id)).toEqual([good.id, other.id]);
    expect(learned.dropped).toEqual([
      'learned-apnews.com-broken: "learned-apnews.com-broken": Index field "story.wire" must be an array, found string.',
      'half-written: not an object',
    ]);
    expect([...data.keys()]).toEqual([good.id, other.id]);
    expect(matchArticle(learned.index, reworded()).match?.story.id).toBe(good.id);
  });

  it('learns a story, then its update as a second write-through of the same story, both on disk', async () => {
    const { store, data, counts } = memoryRecords();
    const learned = await openLearnedStore(store, at);
    expect((await learned.learn(apPage(FERRY, FERRY_URL), CAP, NOW)).change).toBe('new');
    expect((await learned.learn(apPage(FERRY, FERRY_URL), CAP, NOW)).change).toBe('same');
    expect(counts.puts).toBe(1);
    const update = await learned.learn(apPage(FERRY_UPDATE, FERRY_URL), CAP, NOW);
    expect(update.change).toBe('write-through');
    expect(learned.records()).toHaveLength(1);
    expect(learned.index.storyCount).toBe(1);
    const reopened = await openLearnedStore(store, at);
    expect(reopened.records()[0]!.story.wire).toHaveLength(2);
    expect([...data.keys()]).toEqual([update.record.id]);
    expect(matchArticle(reopened.index, reworded()).match?.relation).toBe('rewritten');
  });

  it('learns pages given at once one after another, each seeing the last', async () => {
    const learned = await openLearnedStore(memoryRecords().store, at);
    await Promise.all([
      learned.learn(apPage(FERRY, FERRY_URL), CAP, NOW),
      learned.learn(apPage(FERRY_UPDATE, FERRY_URL), CAP, NOW),
      learned.learn(apPage(BUS_LANES, BUS_URL), CAP, NOW),
    ]);
    expect(learned.records().map((r) => r.story.wire.length)).toEqual([2, 1]);
  });

  it('leaves memory and index as they were when the disk refuses a write', async () => {
    const disk = memoryRecords();
    const learned = await openLearnedStore(disk.store, at);
    disk.failNextPut();
    await expect(learned.learn(apPage(FERRY, FERRY_URL), CAP, NOW)).rejects.toThrow('QuotaExceededError');
    expect(learned.records()).toEqual([]);
    expect(learned.index.storyCount).toBe(0);
    expect((await learned.learn(apPage(BUS_LANES, BUS_URL), CAP, NOW)).change).toBe('new');
  });

  it('remembers a copy met elsewhere once, and forgets learned stories but not those added by hand', async () => {
    const learned = await openLearnedStore(memoryRecords().store, at);
    const ferry = (await learned.learn(apPage(FERRY, FERRY_URL), CAP, NOW)).record;
    await learned.learn(
      { ...apPage(BUS_LANES, 'https://example.org/press/bus'), kind: 'added', site: 'example.org' },
      CAP,
      NOW,
    );
    const met = {
      url: 'https://uk.investing.com/news/1',
      outlet: 'Investing.com',
      title: 't',
      language: 'en',
      relation: 'rewritten' as const,
    };
    expect(await learned.metCopy(ferry.id, met, NOW)).toBe(true);
    expect(await learned.metCopy(ferry.id, met, NOW)).toBe(false);
    expect(learned.record(ferry.id)!.matches).toBe(1);
    expect(await learned.forget('learned')).toBe(1);
    expect(learned.records().map((r) => r.kind)).toEqual(['added']);
    expect(matchArticle(learned.index, reworded()).match).toBeNull();
  });

  it('holds the cap as it learns, and at once when the cap is lowered', async () => {
    const learned = await openLearnedStore(memoryRecords().store, at);
    const DAY = 86_400_000;
    // Three stories learned weeks apart; a cap of 2 evicts the oldest when the third comes.
    await learned.learn(apPage(FERRY, FERRY_URL), 2, NOW - 40 * DAY);
    await learned.learn(apPage(BUS_LANES, BUS_URL), 2, NOW - 20 * DAY);
    const third = await learned.learn(
      apPage(FERRY_UPDATE, 'https://apnews.com/article/other-00112233445566778899aabbccddeeff', {
        published: '2024-12-20T00:00:00Z',
      }),
      2,
      NOW,
    );
    expect(third.evicted).toEqual([learnPage([], apPage(FERRY, FERRY_URL), NOW).record.id]);
    expect(learned.records()).toHaveLength(2);
    expect(await learned.holdCap(1, NOW)).toHaveLength(1);
    expect(learned.index.storyCount).toBe(1);
  });

  it('merges the postings after the answer, not during it', async () => {
    const tasks: Array<() => void> = [];
    const learned = await openLearnedStore(memoryRecords().store, (task) => tasks.push(task));
    for (let i = 0; i < 256; i++)
      await learned.learn({ ...apPage(FERRY, `${FERRY_URL}${i}`), agency: `Agency ${i}` }, 10_000, NOW);
    expect(tasks).toHaveLength(1);
    expect(learned.index.needsMerge).toBe(true);
    tasks[0]!();
    expect(learned.index.needsMerge).toBe(false);
    // Every story still found by its fingerprints, now from the sorted postings.
    const seen = new Set<number>();
    learned.index.eachPosting(learned.records()[0]!.fingerprints[0]!, 1_000, (p) => seen.add(p));
    expect(seen.size).toBe(256);
  });
});
