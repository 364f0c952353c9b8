/**
 * Sites the content script runs on by default: the news outlets of the seed
 * corpus, and the wire agencies' own sites (lib/agency-sites.ts), where
 * reading an article teaches Wiretrace its story. Everywhere else it runs
 * only when the reader asks ("Check this page") or adds the site.
 * `*.` also matches the bare domain, so investing.com and all its language
 * editions (uk., de., in., …) are covered.
 */
import { AGENCY_MATCHES } from './agency-sites';
import { hostIsSite } from './hosts';

export { hostIsSite };

/** The news outlets of the seed corpus. */
const NEWS_MATCHES = [
  '*://*.cgtn.com/*',
  '*://*.gettotext.com/*',
  '*://*.investing.com/*',
  '*://*.tbsnews.net/*',
  '*://*.voi.id/*',
] as const;

export const CONTENT_MATCHES: readonly string[] = [...NEWS_MATCHES, ...AGENCY_MATCHES];

/** Where the bundled index lies inside the built extension. */
export const INDEX_PATH = '/index.json';

/** The site a match pattern covers, as the reader sees it: '*://*.investing.com/*' → 'investing.com'. */
function siteOf(pattern: string): string {
  return pattern.replace(/^\*:\/\/\*\./, '').replace(/\/\*$/, '');
}

/** The listed news sites, by name. */
export const SITES: readonly string[] = CONTENT_MATCHES.map(siteOf);

/** The longest host name DNS allows. */
const MAX_HOST_LENGTH = 253;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

export type SiteInput = { ok: true; site: string } | { ok: false; error: string };

/**
 * A news site the reader typed, as a site name: "Example.com",
 * "https://www.example.com/news/1" and "www.example.com" all give
 * "example.com" (its subdomains are covered, as for the listed sites).
 */
export function siteFromInput(input: string): SiteInput {
  const text = input.trim();
  if (!text) return { ok: false, error: 'Type a site, such as example.com.' };
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname;
  } catch {
    return { ok: false, error: `"${text}" is not a site address.` };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/^https?:/i.test(text))
    return { ok: false, error: 'Only web sites (http or https) can be checked.' };
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  const labels = host.split('.');
  if (host.length > MAX_HOST_LENGTH || labels.length < 2 || !labels.every((l) => HOST_LABEL.test(l)) || IPV4.test(host))
    return { ok: false, error: `"${text}" is not a site name such as example.com.` };
  const listed = SITES.find((site) => hostIsSite(host, site));
  if (listed) return { ok: false, error: `${listed} is already on the list above.` };
  return { ok: true, site: host };
}

/** The match pattern of a site and its subdomains: 'example.com' → '*://*.example.com/*'. */
export function sitePattern(site: string): string {
  return `*://*.${site}/*`;
}

/** Whether a stored value is a site name exactly as siteFromInput gives it. */
export function isSiteName(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parsed = siteFromInput(value);
  return parsed.ok && parsed.site === value;
}
