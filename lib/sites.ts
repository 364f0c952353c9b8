/**
 * News sites the content script runs on by default: the outlets of the seed
 * corpus. Everywhere else it runs only when the reader asks ("Check this page").
 * `*.` also matches the bare domain, so investing.com and all its language
 * editions (uk., de., in., …) are covered.
 */
export const CONTENT_MATCHES = [
  '*://*.cgtn.com/*',
  '*://*.gettotext.com/*',
  '*://*.investing.com/*',
  '*://*.tbsnews.net/*',
  '*://*.voi.id/*',
] as const;

/** Where the bundled index lies inside the built extension. */
export const INDEX_PATH = '/index.json';

/** The site a match pattern covers, as the reader sees it: '*://*.investing.com/*' → 'investing.com'. */
export function siteOf(pattern: string): string {
  return pattern.replace(/^\*:\/\/\*\./, '').replace(/\/\*$/, '');
}

/** The listed news sites, by name. */
export const SITES: readonly string[] = CONTENT_MATCHES.map(siteOf);

/** Whether a host is one of a site's (the site itself or a subdomain: uk.investing.com is investing.com). */
export function hostIsSite(host: string, site: string): boolean {
  return host === site || host.endsWith(`.${site}`);
}
