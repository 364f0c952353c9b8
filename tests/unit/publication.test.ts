import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../../lib/extract';
import { matchArticle } from '../../lib/match';
import {
  applyDelta,
  openPublication,
  parsePublicKey,
  planUpdate,
  PublicationError,
  publicKeyText,
  stateHash,
  verifyFile,
  verifyManifest,
  type Manifest,
} from '../../lib/publication';
import { publish } from '../../scripts/publish';
import { writeCorpusStory, writeKeyPair } from '../fixtures/subscriptions/site';
import { SEED_STORY } from './seed-data';

/** Hand-made wire stories: one template, told apart by their numbers and places (a page of one may look reworded from another). */
const PLACES = ['Lisbon', 'Oslo', 'Quito', 'Hanoi'];
function storyText(n: number): string[] {
  const place = PLACES[n % PLACES.length]!;
  return [
    `${place} harbour workers strike over pension plan number ${n}`,
    `Dock workers in ${place} walked off the job on Tuesday in protest against pension plan number ${n}, halting container traffic at the port for the first time in decades.`,
    `The union representing some ${1200 + n} crane operators said the stoppage would continue until the port authority withdrew proposal ${n} and returned to the negotiating table.`,
    `Shipping companies diverted at least ${14 + n} vessels to neighbouring ports, and freight forwarders warned of delays to deliveries of fruit, machinery and medicines.`,
    `A spokesman for the port authority said plan ${n} was needed to keep the pension fund solvent and accused the union of refusing to discuss the figures in good faith.`,
    `Economists estimated that each day of the strike cost the regional economy about ${30 + n} million euros in lost trade and storage fees.`,
  ];
}

/** Story n, of `date`, without dateline or byline, into the corpus folder. */
function writeStory(corpus: string, n: number, date: string) {
  const [headline, ...paragraphs] = storyText(n);
  writeCorpusStory(corpus, `test-strike-${n}`, {
    headline: headline!,
    paragraphs,
    published: date,
    dateline: '',
    byline: '',
  });
}

function pageOf(n: number) {
  const [title, ...body] = storyText(n);
  const result = extractText(`${title}\n\n${body.join('\n\n')}`);
  if (!result.ok) throw new Error(result.reason);
  return result.article;
}

const root = mkdtempSync(join(tmpdir(), 'wiretrace-publication-'));
const corpus = join(root, 'corpus');
const site = join(root, 'site');
let keyFile: string;
let publicKey: Uint8Array;
let otherKey: Uint8Array;

const read = (path: string) => new Uint8Array(readFileSync(join(site, path)));
const manifestBytes = () => read('manifest');

async function shardsOf(manifest: Manifest) {
  const bytes = new Map<string, Uint8Array>();
  for (const entry of manifest.shards) {
    const b = read(entry.path);
    await verifyFile(b, entry);
    bytes.set(entry.sha256, b);
  }
  return bytes;
}

let v1: { manifest: Manifest; bytes: Uint8Array; shards: Map<string, Uint8Array> };
let v2: { manifest: Manifest; bytes: Uint8Array };

beforeAll(async () => {
  const pair = await writeKeyPair(join(root, 'keys'));
  keyFile = pair.keyFile;
  publicKey = parsePublicKey(pair.publicKey);
  otherKey = parsePublicKey((await writeKeyPair(join(root, 'other-keys'))).publicKey);
  cpSync(join('corpus', SEED_STORY), join(corpus, SEED_STORY), { recursive: true });
  for (let n = 0; n < 3; n++) writeStory(corpus, n, `2022-01-1${n}`);
  await publish({ corpus, key: keyFile, out: site, name: 'Test wire', now: '2022-01-20' });
  const bytes1 = manifestBytes();
  const manifest1 = await verifyManifest(bytes1, publicKey, null);
  v1 = { manifest: manifest1, bytes: bytes1, shards: await shardsOf(manifest1) };
  // The next day: one new story, and story 0 dropped by the corpus.
  writeStory(corpus, 3, '2022-01-19');
  await publish({ corpus, key: keyFile, out: site, name: 'Test wire', now: '2022-01-20', retainDays: 9 });
  const bytes2 = manifestBytes();
  v2 = { manifest: await verifyManifest(bytes2, publicKey, 1), bytes: bytes2 };
}, 60_000);

describe('a published index, checked as a subscriber checks it', () => {
  it('verifies, opens, and matches its stories', async () => {
    expect(v1.manifest).toMatchObject({ version: 1, storyCount: 4, name: 'Test wire' });
    const index = openPublication(v1.manifest, v1.shards);
    expect(matchArticle(index, pageOf(1)).match?.story.id).toBe('test-strike-1');
    expect(matchArticle(index, pageOf(0)).match?.story.id).toBe('test-strike-0');
  });

  it('publishing again writes the next version with a delta from the last: only the new story to fetch', async () => {
    expect(v2.manifest.version).toBe(2);
    const plan = planUpdate(v2.manifest, { version: 1, state: v1.manifest.state, shards: [...v1.shards.keys()] });
    expect(plan.kind).toBe('delta');
    if (plan.kind !== 'delta') return;
    expect(plan.fetch.map((s) => s.stories)).toEqual([1]);
    const shards = await applyDelta(
      { version: 1, state: v1.manifest.state, shards: [...v1.shards.keys()] },
      plan.delta,
      v2.manifest,
    );
    const bytes = new Map(v1.shards);
    for (const entry of plan.fetch) {
      const b = read(entry.path);
      await verifyFile(b, entry);
      bytes.set(entry.sha256, b);
    }
    expect(shards).toEqual(v2.manifest.shards.map((s) => s.sha256));
    const index = openPublication(v2.manifest, bytes);
    expect(matchArticle(index, pageOf(3)).match?.story.id).toBe('test-strike-3');
    // Past the retention (9 days before 2022-01-20): listed as removed, never matched again.
    expect(Object.values(v2.manifest.removed).flat()).toHaveLength(1);
    expect(matchArticle(index, pageOf(0)).match?.story.id).not.toBe('test-strike-0');
    expect(matchArticle(index, pageOf(1)).match?.story.id).toBe('test-strike-1');
  });

  it('reads a public key from its one line of text', () => {
    expect(parsePublicKey(`${publicKeyText(publicKey)}\n`)).toEqual(publicKey);
    expect(() => parsePublicKey('ssh-ed25519 AAAA')).toThrow(/one line starting/);
  });
});

describe('a publication that is not what its publisher signed is refused with a message', () => {
  const flip = (bytes: Uint8Array, at: number) => {
    const copy = bytes.slice();
    copy[at]! ^= 0x01;
    return copy;
  };

  it.each([
    ['a tampered manifest', () => flip(v1.bytes, v1.bytes.length - 20), () => publicKey, /signature does not verify/],
    ['a manifest signed with another key', () => v1.bytes, () => otherKey, /signature does not verify/],
    [
      'a truncated manifest',
      () => v1.bytes.subarray(0, v1.bytes.length - 10),
      () => publicKey,
      /signature does not verify/,
    ],
    [
      'a file that is no manifest',
      () => new TextEncoder().encode('{"version": 9}'),
      () => publicKey,
      /no signature line/,
    ],
  ])('%s', async (_case, bytes, key, message) => {
    await expect(verifyManifest(bytes(), key(), null)).rejects.toThrow(PublicationError);
    await expect(verifyManifest(bytes(), key(), null)).rejects.toThrow(message);
  });

  it.each([
    ['the same version again', 2],
    ['an older version (rolled back)', 3],
  ])('%s', async (_case, held) => {
    await expect(verifyManifest(v2.bytes, publicKey, held)).rejects.toThrow(/not newer than the version held/);
  });

  it('a tampered shard', async () => {
    const entry = v2.manifest.shards[0]!;
    await expect(verifyFile(flip(read(entry.path), 100), entry)).rejects.toThrow(/does not match its SHA-256/);
  });

  it('a truncated shard', async () => {
    const entry = v2.manifest.shards[0]!;
    await expect(verifyFile(read(entry.path).subarray(0, entry.size - 1), entry)).rejects.toThrow(/truncated/);
  });

  it('a delta that does not connect: another version held, or another state', async () => {
    const delta = v2.manifest.deltas[0]!;
    const shards = [...v1.shards.keys()];
    await expect(applyDelta({ version: 0, state: v1.manifest.state, shards }, delta, v2.manifest)).rejects.toThrow(
      /does not connect/,
    );
    const other = await stateHash(['0'.repeat(64)], {});
    await expect(applyDelta({ version: 1, state: other, shards }, delta, v2.manifest)).rejects.toThrow(
      /does not connect/,
    );
    // A subscriber that planned instead is told to fetch the whole index, and why.
    expect(planUpdate(v2.manifest, { version: 1, state: other, shards })).toMatchObject({
      kind: 'full',
      why: expect.stringMatching(/does not connect/),
    });
  });
});
