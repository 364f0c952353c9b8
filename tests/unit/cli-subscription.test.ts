/**
 * `npm run check -- --subscription URL --key FILE`: a published site (written by scripts/publish.ts from stories made
 * up for the tests) served on loopback, fetched and verified by the CLI as the extension does, then matched against;
 * a tampered shard or the wrong key is one line and a non-zero exit, never a match.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../scripts/publish';
import { storyText } from '../fixtures/learning/stories';
import { GLACIER, LIGHTHOUSE, writeCorpusStory, writeKeyPair } from '../fixtures/subscriptions/site';

const run = promisify(execFile);
const TSX = 'node_modules/.bin/tsx';
const SLOW = 60_000;

const root = mkdtempSync(join(tmpdir(), 'wiretrace-cli-sub-'));
const site = join(root, 'site');
/** Bytes served instead of the site's file at a path (a tampered shard). */
const overrides = new Map<string, Uint8Array>();
let server: Server;
let manifestUrl: string;
let publicKeyFile: string;

async function check(args: string[]) {
  try {
    const { stdout, stderr } = await run(TSX, ['scripts/check.ts', ...args], { encoding: 'utf8' });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  const corpus = join(root, 'corpus');
  writeCorpusStory(corpus, 'glacier', GLACIER);
  const { keyFile, publicKey } = await writeKeyPair(join(root, 'keys'));
  publicKeyFile = join(root, 'keys', 'public.key');
  writeFileSync(publicKeyFile, `${publicKey}\n`);
  await publish({ corpus, key: keyFile, out: site, name: 'Example Wire', now: '2025-03-01' });
  server = createServer((request, response) => {
    const path = (request.url ?? '/').replace(/^\/wire\//, '');
    try {
      const body = overrides.get(path) ?? readFileSync(join(site, path));
      response.writeHead(200, { 'content-length': body.length }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  manifestUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wire/manifest`;
  writeFileSync(join(root, 'glacier.txt'), storyText(GLACIER));
  writeFileSync(join(root, 'lighthouse.txt'), storyText(LIGHTHOUSE));
}, SLOW);

afterAll(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('npm run check against a subscription', () => {
  it(
    'fetches and verifies the published index, then names the story found there and where it came from',
    async () => {
      const out = await check(['--subscription', manifestUrl, '--key', publicKeyFile, join(root, 'glacier.txt')]);
      expect(out.stderr).toBe('');
      expect(out.status).toBe(0);
      expect(out.stdout).toContain('source: From your subscription: Example Wire');
      expect(out.stdout).toContain(GLACIER.headline);
      const other = await check(['--subscription', manifestUrl, '--key', publicKeyFile, join(root, 'lighthouse.txt')]);
      expect(other.stdout).toMatch(/match: none/);
    },
    SLOW,
  );

  it(
    'refuses a tampered shard in one line, exit status 1, and matches nothing',
    async () => {
      const manifest = readFileSync(join(site, 'manifest'), 'utf8');
      const shard = /"path":\s*"(shards\/[0-9a-f]{64}\.wtix)"/.exec(manifest)![1]!;
      const bytes = new Uint8Array(readFileSync(join(site, shard)));
      bytes[bytes.length - 1]! ^= 0xff;
      overrides.set(shard, bytes);
      try {
        const out = await check(['--subscription', manifestUrl, '--key', publicKeyFile, join(root, 'glacier.txt')]);
        expect(out.status).toBe(1);
        expect(out.stdout).toBe('');
        expect(out.stderr.trim().split('\n')).toHaveLength(1);
        expect(out.stderr).toMatch(/^check: the subscription .*SHA-256/);
      } finally {
        overrides.clear();
      }
    },
    SLOW,
  );

  it(
    'refuses a manifest signed with another key, and a --subscription without --key',
    async () => {
      const otherKey = join(root, 'other.key');
      const { publicKey } = await writeKeyPair(join(root, 'other'));
      writeFileSync(otherKey, publicKey);
      const wrong = await check(['--subscription', manifestUrl, '--key', otherKey, join(root, 'glacier.txt')]);
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toMatch(/^check: the subscription .*signature does not verify/);
      const missing = await check(['--subscription', manifestUrl, join(root, 'glacier.txt')]);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/needs the publisher's public key/);
    },
    SLOW,
  );
});
