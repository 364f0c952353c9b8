/**
 * What a subscriber's update of a published site costs, from the site's own
 * files (as the extension would get them, minus the network):
 *   npm run bench:publish -- --site SITE_DIR --key PUBLIC_KEY_FILE
 * the full index (verify the manifest's signature, each shard's size and
 * SHA-256, open) and the delta from the previous version (fetch only its
 * shards, verify them, apply, open); with the bytes each downloads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyDelta, openPublication, parsePublicKey, verifyFile, verifyManifest } from '../lib/publication';
import { parseCli, usageError } from './cli-args';

const { values } = parseCli({
  command: 'bench:publish',
  usage: `--site SITE_DIR --key PUBLIC_KEY_FILE
  --site DIR   a site written by npm run publish
  --key FILE   its public key`,
  options: { site: { type: 'string' }, key: { type: 'string' } },
  allowPositionals: false,
  paths: ['site', 'key'],
});
if (!values.site || !values.key) usageError('bench:publish', '--site and --key are needed');
const site = values.site;
const key = parsePublicKey(readFileSync(values.key, 'utf8'));
const file = (path: string) => new Uint8Array(readFileSync(join(site, path)));
const ms = (t: number) => `${(performance.now() - t).toFixed(1)} ms`;
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

const manifestBytes = file('manifest');
let t = performance.now();
const manifest = await verifyManifest(manifestBytes, key, null);
const verifyManifestMs = ms(t);
const shards = new Map(manifest.shards.map((s) => [s.sha256, file(s.path)]));
t = performance.now();
for (const entry of manifest.shards) await verifyFile(shards.get(entry.sha256)!, entry);
const verifyShardsMs = ms(t);
t = performance.now();
const index = openPublication(manifest, shards);
const openMs = ms(t);
const total = manifest.shards.reduce((n, s) => n + s.size, 0);
console.log(
  `full: version ${manifest.version}, ${manifest.storyCount} stories (${index.storyCount} held in ${manifest.shards.length} shards), ${mb(total)} (${Math.round(total / manifest.storyCount)} bytes/story)`,
);
console.log(`  verify manifest ${verifyManifestMs}, verify shards (size, SHA-256) ${verifyShardsMs}, open ${openMs}`);

const delta = manifest.deltas.find((d) => d.from === manifest.version - 1);
if (delta) {
  // What the previous version held: the shards this one keeps, in order, and those it drops.
  const held = {
    version: delta.from,
    state: delta.fromState,
    shards: [...manifest.shards.map((s) => s.sha256).filter((s) => !delta.add.includes(s)), ...delta.drop],
  };
  const fetch = manifest.shards.filter((s) => delta.add.includes(s.sha256));
  t = performance.now();
  await verifyManifest(manifestBytes, key, delta.from);
  for (const entry of fetch) await verifyFile(shards.get(entry.sha256)!, entry);
  await applyDelta(held, delta, manifest);
  openPublication(manifest, shards);
  console.log(
    `delta from version ${delta.from}: ${fetch.reduce((n, s) => n + s.stories, 0)} stories in ${fetch.length} shard(s), ${mb(delta.bytes)}; verify, apply and open ${ms(t)}`,
  );
} else console.log('no delta from the previous version (first publication, or everything was rebuilt)');
