/**
 * `npm run check -- --subscription URL --key PUBLIC_KEY_FILE`: the published index fetched and
 * verified exactly as the extension does (lib/publication.ts: the signature before anything is
 * parsed, every shard against its size and SHA-256), then matched against. GET only, no cookies,
 * each body read no further than the manifest allows.
 */
import { openPublication, parsePublicKey, verifyFile, verifyManifest } from '../lib/publication';
import type { MatchIndex } from '../lib/match-index';

/** A manifest larger than this is not one (lib/publication refuses it too). */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** A body, refused as soon as it passes `limit` bytes (a server announcing or sending more than the manifest says). */
async function boundedBody(url: string, fetcher: Fetch, limit: number): Promise<Uint8Array> {
  const response = await fetcher(url, {
    method: 'GET',
    credentials: 'omit',
    redirect: 'follow',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}.`);
  const announced = Number(response.headers.get('content-length') ?? NaN);
  if (announced > limit) throw new Error(`${url} is ${announced} bytes, more than the ${limit} expected.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > limit) throw new Error(`${url} sent more than the ${limit} bytes expected.`);
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The subscription's index, verified, and its name as the publisher gives it. */
export async function subscribedIndex(
  manifestUrl: string,
  publicKeyText: string,
  fetcher: Fetch = fetch,
): Promise<{ index: MatchIndex; name: string; version: number; stories: number }> {
  const key = parsePublicKey(publicKeyText);
  const manifest = await verifyManifest(await boundedBody(manifestUrl, fetcher, MAX_MANIFEST_BYTES), key, null);
  const shards = new Map<string, Uint8Array>();
  for (const entry of manifest.shards) {
    const bytes = await boundedBody(new URL(entry.path, manifestUrl).href, fetcher, entry.size);
    await verifyFile(bytes, entry);
    shards.set(entry.sha256, bytes);
  }
  return {
    index: openPublication(manifest, shards),
    name: manifest.name,
    version: manifest.version,
    stories: manifest.storyCount,
  };
}
