/**
 * `npm run check -- --subscription URL --key PUBLIC_KEY_FILE`: the published index fetched and
 * verified exactly as the extension does — the same requests and size caps (utils/subscriptions.ts,
 * which is pure: fetch is passed in) and the same checks (lib/publication.ts: the signature before
 * anything is parsed, every shard against its size and SHA-256) — then matched against.
 */
import type { MatchIndex } from '../lib/match-index';
import { openPublication, parsePublicKey, verifyFile, verifyManifest } from '../lib/publication';
import { fetchBytes, MAX_MANIFEST_BYTES, type Fetch } from '../utils/subscriptions';

/** The subscription's index, verified, and its name as the publisher gives it. */
export async function subscribedIndex(
  manifestUrl: string,
  publicKeyText: string,
  fetcher: Fetch = fetch,
): Promise<{ index: MatchIndex; name: string }> {
  const key = parsePublicKey(publicKeyText);
  const manifest = await verifyManifest(await fetchBytes(fetcher, manifestUrl, MAX_MANIFEST_BYTES), key, null);
  const shards = new Map<string, Uint8Array>();
  for (const entry of manifest.shards) {
    const bytes = await fetchBytes(fetcher, new URL(entry.path, manifestUrl).href, entry.size);
    await verifyFile(bytes, entry);
    shards.set(entry.sha256, bytes);
  }
  return { index: openPublication(manifest, shards), name: manifest.name };
}
