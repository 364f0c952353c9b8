/**
 * A published index, as a subscriber checks it: a signed manifest (Ed25519,
 * WebCrypto, so the same code runs in the extension, in Node and in tests)
 * naming every file with its size and SHA-256; the index in shards (compact
 * builds); the stories of earlier shards that are no longer in the index;
 * and, for each of the last versions, the delta that turns it into this one.
 *
 * The manifest file is one line `wiretrace-signature ed25519 BASE64` and
 * then the manifest's JSON bytes: the signature is checked over those bytes
 * before any of them is parsed. Pure: callers pass bytes in (fetching,
 * storing and reading files is theirs); every refusal is a PublicationError
 * whose message says what failed, in one sentence.
 */
import { openCompactIndex } from './index-compact';
import type { MatchIndex } from './match-index';
import { unionIndex } from './union-index';

export const PUBLICATION_FORMAT = 'wiretrace-publication';
export const PUBLICATION_SCHEMA_VERSION = 1;
const SIGNATURE_PREFIX = 'wiretrace-signature ed25519 ';
const PUBLIC_KEY_PREFIX = 'wiretrace-ed25519-public ';
export const PRIVATE_KEY_PREFIX = 'wiretrace-ed25519-private ';
/** A manifest larger than this is not one (a 100,000-story index's manifest is a few KB). */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Shard paths are content-addressed file names under shards/: nothing else is ever fetched. */
const SHARD_PATH = /^shards\/[0-9a-f]{64}\.wtix$/;

export class PublicationError extends Error {
  override name = 'PublicationError';
}

export interface ShardEntry {
  /** Relative to the manifest's URL. */
  path: string;
  size: number;
  sha256: string;
  stories: number;
}

export interface DeltaEntry {
  /** The version this delta applies to, and the state (see stateHash) that version must be in. */
  from: number;
  fromState: string;
  /** Shards (by sha256) to fetch, and shards the new version no longer has. */
  add: string[];
  drop: string[];
  /** Bytes to fetch: the sum of the added shards' sizes. */
  bytes: number;
}

export interface Manifest {
  format: typeof PUBLICATION_FORMAT;
  schemaVersion: typeof PUBLICATION_SCHEMA_VERSION;
  name: string;
  /** Grows with every publication: a subscriber refuses a manifest whose version is not above its own. */
  version: number;
  /** ISO time of publication. */
  created: string;
  storyCount: number;
  newestStory: string | null;
  /** SHA-256 of the shard list and the removed stories: what a delta must start from. */
  state: string;
  shards: ShardEntry[];
  /** Positions of stories no longer in the index, per shard (by sha256): replaced by a newer write-through, or past the retention. */
  removed: Record<string, number[]>;
  deltas: DeltaEntry[];
}

const encoder = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function unbase64(text: string, what: string): Uint8Array {
  try {
    return Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));
  } catch {
    throw new PublicationError(`The ${what} is not valid base64.`);
  }
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** A public key as its one line of text. */
export function publicKeyText(raw: Uint8Array): string {
  return `${PUBLIC_KEY_PREFIX}${base64(raw)}`;
}

/** The 32 bytes of a public key from its line of text. */
export function parsePublicKey(text: string): Uint8Array {
  const line = text.trim();
  if (!line.startsWith(PUBLIC_KEY_PREFIX))
    throw new PublicationError(`A public key is one line starting "${PUBLIC_KEY_PREFIX.trim()}".`);
  const raw = unbase64(line.slice(PUBLIC_KEY_PREFIX.length), 'public key');
  if (raw.length !== 32) throw new PublicationError('The public key is not 32 bytes (Ed25519).');
  return raw;
}

/** The manifest file: the signature line, then the manifest's bytes. */
export function signedManifestBytes(manifest: Uint8Array, signature: Uint8Array): Uint8Array {
  const head = encoder.encode(`${SIGNATURE_PREFIX}${base64(signature)}\n`);
  const out = new Uint8Array(head.length + manifest.length);
  out.set(head);
  out.set(manifest, head.length);
  return out;
}

/** Hash of what a version holds (shards in order, removed stories): a delta connects only to this. */
export async function stateHash(
  shards: readonly string[],
  removed: Readonly<Record<string, number[]>>,
): Promise<string> {
  const canonical = JSON.stringify({
    shards,
    removed: Object.keys(removed)
      .sort()
      .map((k) => [k, [...removed[k]!].sort((a, b) => a - b)]),
  });
  return sha256Hex(encoder.encode(canonical));
}

function checkManifest(data: unknown): Manifest {
  const m = data as Manifest;
  const bad = (field: string): never => {
    throw new PublicationError(`The manifest's field "${field}" is missing or wrong.`);
  };
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (m === null || typeof m !== 'object') bad('(root)');
  if (m.format !== PUBLICATION_FORMAT) bad('format');
  if (m.schemaVersion !== PUBLICATION_SCHEMA_VERSION)
    throw new PublicationError(
      `The manifest's schema version ${String(m.schemaVersion)} is not supported: this Wiretrace reads version ${PUBLICATION_SCHEMA_VERSION}.`,
    );
  if (typeof m.name !== 'string') bad('name');
  if (!count(m.version) || m.version < 1) bad('version');
  if (typeof m.created !== 'string' || Number.isNaN(Date.parse(m.created))) bad('created');
  if (!count(m.storyCount)) bad('storyCount');
  if (m.newestStory !== null && typeof m.newestStory !== 'string') bad('newestStory');
  if (typeof m.state !== 'string' || !SHA256_HEX.test(m.state)) bad('state');
  if (!Array.isArray(m.shards)) bad('shards');
  m.shards.forEach((s, i) => {
    if (typeof s?.path !== 'string' || !SHARD_PATH.test(s.path)) bad(`shards[${i}].path`);
    if (!count(s.size)) bad(`shards[${i}].size`);
    if (typeof s.sha256 !== 'string' || !SHA256_HEX.test(s.sha256) || !s.path.includes(s.sha256))
      bad(`shards[${i}].sha256`);
    if (!count(s.stories)) bad(`shards[${i}].stories`);
  });
  if (m.removed === null || typeof m.removed !== 'object') bad('removed');
  for (const [sha, positions] of Object.entries(m.removed)) {
    if (!Array.isArray(positions) || !positions.every(count)) bad(`removed.${sha}`);
  }
  if (!Array.isArray(m.deltas)) bad('deltas');
  m.deltas.forEach((d, i) => {
    if (!count(d?.from) || typeof d.fromState !== 'string' || !SHA256_HEX.test(d.fromState)) bad(`deltas[${i}]`);
    if (!Array.isArray(d.add) || !Array.isArray(d.drop) || !count(d.bytes)) bad(`deltas[${i}]`);
    if (!d.add.every((s) => m.shards.some((x) => x.sha256 === s))) bad(`deltas[${i}].add`);
  });
  return m;
}

/**
 * Checks a manifest file: its signature by `publicKey` over the manifest's bytes (before they are
 * parsed), then its fields, then that its version is above `currentVersion` (a replayed or rolled
 * back manifest is refused).
 */
export async function verifyManifest(
  bytes: Uint8Array,
  publicKey: Uint8Array,
  currentVersion: number | null,
): Promise<Manifest> {
  if (bytes.length > MAX_MANIFEST_BYTES) throw new PublicationError('The manifest is too large to be one.');
  const newline = bytes.indexOf(0x0a);
  const head = newline < 0 ? '' : new TextDecoder().decode(bytes.subarray(0, newline));
  if (!head.startsWith(SIGNATURE_PREFIX))
    throw new PublicationError('The manifest has no signature line: it is not a signed Wiretrace manifest.');
  const signature = unbase64(head.slice(SIGNATURE_PREFIX.length), 'signature');
  const body = bytes.subarray(newline + 1);
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('raw', publicKey as Uint8Array<ArrayBuffer>, 'Ed25519', false, ['verify']);
  } catch {
    throw new PublicationError('The public key cannot be read as an Ed25519 key.');
  }
  const valid =
    signature.length === 64 &&
    (await crypto.subtle.verify('Ed25519', key, signature as Uint8Array<ArrayBuffer>, body as Uint8Array<ArrayBuffer>));
  if (!valid)
    throw new PublicationError(
      'The manifest signature does not verify with this public key: the manifest was changed, or signed with another key.',
    );
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new PublicationError('The signed manifest is not valid JSON.');
  }
  const manifest = checkManifest(data);
  if (currentVersion !== null && manifest.version <= currentVersion)
    throw new PublicationError(
      `The manifest's version ${manifest.version} is not newer than the version held (${currentVersion}): refused (a replayed or rolled-back index).`,
    );
  return manifest;
}

/** Checks a fetched file against its manifest entry: its size, then its SHA-256. */
export async function verifyFile(bytes: Uint8Array, entry: ShardEntry): Promise<void> {
  if (bytes.length !== entry.size)
    throw new PublicationError(
      `${entry.path} has ${bytes.length} bytes where the manifest says ${entry.size}: ${bytes.length < entry.size ? 'truncated' : 'not the published file'}.`,
    );
  if ((await sha256Hex(bytes)) !== entry.sha256)
    throw new PublicationError(`${entry.path} does not match its SHA-256 in the manifest: it was changed.`);
}

/** What a subscriber holds: a version, its state hash, and its shards by sha256. */
export interface HeldPublication {
  version: number;
  state: string;
  shards: readonly string[];
}

export type UpdatePlan =
  { kind: 'delta'; delta: DeltaEntry; fetch: ShardEntry[] } | { kind: 'full'; fetch: ShardEntry[]; why: string };

/**
 * How to get from what is held to a verified manifest: the delta from the held version when the
 * manifest has one that connects (same version and same state), else every shard.
 */
export function planUpdate(manifest: Manifest, held: HeldPublication | null): UpdatePlan {
  const all = manifest.shards;
  if (!held) return { kind: 'full', fetch: all, why: 'nothing held yet' };
  const delta = manifest.deltas.find((d) => d.from === held.version);
  if (!delta) return { kind: 'full', fetch: all, why: `no delta from version ${held.version}` };
  if (delta.fromState !== held.state)
    return {
      kind: 'full',
      fetch: all,
      why: `the delta from version ${held.version} does not connect to the state held`,
    };
  return { kind: 'delta', delta, fetch: all.filter((s) => delta.add.includes(s.sha256)) };
}

/**
 * The shards of the new version from the held ones and a delta; refuses a delta that does not
 * connect (another version or state) or whose result is not the manifest's shard list.
 */
export async function applyDelta(held: HeldPublication, delta: DeltaEntry, manifest: Manifest): Promise<string[]> {
  if (delta.from !== held.version)
    throw new PublicationError(
      `The delta starts at version ${delta.from}, but version ${held.version} is held: it does not connect.`,
    );
  if (delta.fromState !== held.state)
    throw new PublicationError(
      `The delta from version ${delta.from} does not connect to the state held (another history).`,
    );
  const kept = held.shards.filter((s) => !delta.drop.includes(s));
  const result = [...kept, ...delta.add];
  const expected = manifest.shards.map((s) => s.sha256);
  if (result.length !== expected.length || result.some((s, i) => s !== expected[i]))
    throw new PublicationError(`The delta from version ${delta.from} does not give the shards the manifest lists.`);
  if ((await stateHash(result, manifest.removed)) !== manifest.state)
    throw new PublicationError("The state after the delta is not the manifest's state.");
  return result;
}

/** An index without some of its stories (removed positions): they are never candidates. */
function withoutPositions(index: MatchIndex, removed: ReadonlySet<number>): MatchIndex {
  if (removed.size === 0) return index;
  return {
    get storyCount() {
      return index.storyCount;
    },
    eachPosting: (hash, max, visit) =>
      index.eachPosting(hash, max, (story, weight) => {
        if (!removed.has(story)) visit(story, weight);
      }),
    story: (position) => index.story(position),
  };
}

/**
 * The published index as one MatchIndex: its shards (already verified, in the manifest's order),
 * each without its removed stories.
 */
export function openPublication(manifest: Manifest, shardBytes: ReadonlyMap<string, Uint8Array>): MatchIndex {
  return unionIndex(
    manifest.shards.map((entry) => {
      const bytes = shardBytes.get(entry.sha256);
      if (!bytes) throw new PublicationError(`${entry.path} is not held.`);
      const index = withoutPositions(openCompactIndex(bytes), new Set(manifest.removed[entry.sha256] ?? []));
      return { index, source: () => ({ kind: 'imported', name: manifest.name }) as const };
    }),
  );
}
