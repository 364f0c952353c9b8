/**
 * The ingest's HTTP client, polite to the sites it reads: it names itself
 * (a User-Agent with "Wiretrace" and a contact), obeys robots.txt (the
 * group for "wiretrace", else "*"), waits between requests to one host,
 * asks conditionally (ETag, Last-Modified: an unchanged feed costs a 304),
 * gives up after a timeout, and reads no more than a size cap: a body
 * announced larger is refused before it is read, and one that runs on
 * (a feed that never ends) is cut at the cap and refused.
 */
import { concatBytes } from '../lib/bytes';

export const USER_AGENT_NAME = 'Wiretrace-ingest/0.1';
const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const DEFAULT_HOST_DELAY_MS = 1_000;
/** robots.txt is small; a larger one is read up to this. */
const ROBOTS_MAX_BYTES = 512 * 1024;

export class FetchError extends Error {
  override name = 'FetchError';
}

export interface CacheEntry {
  etag?: string;
  lastModified?: string;
}

export interface FetchOptions {
  contact?: string;
  timeoutMs?: number;
  maxBytes?: number;
  hostDelayMs?: number;
  /** Validators from earlier runs, by URL (updated as responses come). */
  cache?: Record<string, CacheEntry>;
}

export type Fetched =
  { status: 'ok'; bytes: Uint8Array; contentType: string; url: string } | { status: 'not-modified' };

interface RobotsRules {
  allow: string[];
  disallow: string[];
}

/** The rules of robots.txt that apply to us: the "wiretrace" group if any, else "*". */
export function robotsRules(text: string): RobotsRules {
  const groups: Array<{ agents: string[]; rules: RobotsRules }> = [];
  let current: { agents: string[]; rules: RobotsRules } | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const field = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (field === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: { allow: [], disallow: [] } }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (field === 'allow' && value) current.rules.allow.push(value);
    if (field === 'disallow' && value) current.rules.disallow.push(value);
  }
  const ours = groups.find((g) => g.agents.some((a) => a !== '*' && 'wiretrace'.includes(a.replace(/[-_/].*/, ''))));
  return (ours ?? groups.find((g) => g.agents.includes('*')))?.rules ?? { allow: [], disallow: [] };
}

/** Whether a path may be fetched: the longest matching rule wins, Allow on a tie (RFC 9309). */
export function robotsAllow(rules: RobotsRules, path: string): boolean {
  const length = (pattern: string) => {
    const re = new RegExp(
      `^${pattern
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\\\$$/, '$')}`,
    );
    return re.test(path) ? pattern.length : -1;
  };
  const allow = Math.max(-1, ...rules.allow.map(length));
  const disallow = Math.max(-1, ...rules.disallow.map(length));
  return disallow < 0 || allow >= disallow;
}

export class PoliteFetcher {
  private readonly robots = new Map<string, Promise<RobotsRules>>();
  private readonly nextAt = new Map<string, number>();
  private readonly userAgent: string;

  constructor(private readonly options: FetchOptions = {}) {
    this.userAgent = `${USER_AGENT_NAME} (news index builder${options.contact ? `; ${options.contact}` : ''})`;
  }

  private async wait(host: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextAt.get(host) ?? 0);
    this.nextAt.set(host, at + (this.options.hostDelayMs ?? DEFAULT_HOST_DELAY_MS));
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }

  private rulesFor(url: URL): Promise<RobotsRules> {
    let rules = this.robots.get(url.origin);
    if (!rules) {
      rules = this.request(new URL('/robots.txt', url), ROBOTS_MAX_BYTES, false)
        .then((r) => (r.status === 'ok' ? robotsRules(new TextDecoder().decode(r.bytes)) : { allow: [], disallow: [] }))
        // No robots.txt (404) or an unreachable one: nothing is disallowed.
        .catch(() => ({ allow: [], disallow: [] }));
      this.robots.set(url.origin, rules);
    }
    return rules;
  }

  /** GET with every courtesy; throws a FetchError saying what failed. */
  async get(address: string): Promise<Fetched> {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      throw new FetchError(`${address} is not a URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new FetchError(`${address}: only http and https are read.`);
    if (!robotsAllow(await this.rulesFor(url), url.pathname + url.search))
      throw new FetchError(`${address}: robots.txt disallows it for Wiretrace.`);
    return this.request(url, this.options.maxBytes ?? DEFAULT_MAX_BYTES, true);
  }

  private async request(url: URL, maxBytes: number, conditional: boolean): Promise<Fetched> {
    await this.wait(url.host);
    const cache = this.options.cache;
    const known = conditional ? cache?.[url.href] : undefined;
    const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: '*/*' };
    if (known?.etag) headers['if-none-match'] = known.etag;
    if (known?.lastModified) headers['if-modified-since'] = known.lastModified;
    const timeout = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    try {
      let response: Response;
      try {
        response = await fetch(url, { headers, signal: controller.signal, redirect: 'follow', credentials: 'omit' });
      } catch (error) {
        throw new FetchError(
          controller.signal.aborted
            ? `${url.href}: no answer within ${timeout / 1000} s.`
            : `${url.href}: ${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : 'request failed'}.`,
        );
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { status: 'not-modified' };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new FetchError(`${url.href}: HTTP ${response.status}.`);
      }
      const announced = Number(response.headers.get('content-length'));
      if (announced > maxBytes) {
        await response.body?.cancel();
        throw new FetchError(`${url.href}: announces ${announced} bytes, more than the ${maxBytes} read: refused.`);
      }
      const chunks: Uint8Array[] = [];
      let length = 0;
      const reader = response.body!.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          length += value.length;
          if (length > maxBytes) {
            await reader.cancel();
            throw new FetchError(`${url.href}: more than ${maxBytes} bytes (a body that does not end?): refused.`);
          }
          chunks.push(value);
        }
      } catch (error) {
        if (error instanceof FetchError) throw error;
        throw new FetchError(
          controller.signal.aborted
            ? `${url.href}: not read within ${timeout / 1000} s: refused.`
            : `${url.href}: the body broke off.`,
        );
      }
      const bytes = concatBytes(chunks, length);
      if (conditional && cache) {
        const etag = response.headers.get('etag');
        const lastModified = response.headers.get('last-modified');
        if (etag || lastModified) cache[url.href] = { ...(etag && { etag }), ...(lastModified && { lastModified }) };
      }
      return {
        status: 'ok',
        bytes,
        contentType: response.headers.get('content-type') ?? '',
        url: response.url || url.href,
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
