/**
 * Makes a publisher's signing key pair:
 *   npm run keygen -- --out DIR [--force]
 * DIR/private.key signs publications (keep it secret, mode 0600); DIR/public.key
 * is one line of text that subscribers paste or load to check them. An
 * existing private key is never overwritten without --force: losing it means
 * every subscriber must be given a new public key.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PRIVATE_KEY_PREFIX, publicKeyText } from '../lib/publication';

const { values } = parseArgs({ options: { out: { type: 'string' }, force: { type: 'boolean', default: false } } });
if (!values.out) {
  console.error('usage: npm run keygen -- --out DIR [--force]');
  process.exit(2);
}
const privatePath = join(values.out, 'private.key');
if (existsSync(privatePath) && !values.force) {
  console.error(
    `${privatePath} exists: not overwritten (use --force to replace the key; subscribers then need the new public key).`,
  );
  process.exit(1);
}
const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
mkdirSync(values.out, { recursive: true });
writeFileSync(privatePath, `${PRIVATE_KEY_PREFIX}${Buffer.from(pkcs8).toString('base64')}\n`, { mode: 0o600 });
writeFileSync(join(values.out, 'public.key'), `${publicKeyText(raw)}\n`);
console.log(`${privatePath}: private key (keep it secret)\n${join(values.out, 'public.key')}: ${publicKeyText(raw)}`);
