/**
 * The wire agencies' own sites (rules/agency-sites.json): where reading an
 * article teaches Wiretrace a story, and how an article page is told from a
 * home page, a section page or a live blog there, by its address alone.
 */
import data from './rules/agency-sites.json';
import { hostIsSite, webUrl } from './hosts';

export interface AgencySite {
  /** The agency, spelled as in rules/agencies.json ("Associated Press"). */
  agency: string;
  /** The site, subdomains included ("apnews.com" covers www.apnews.com). */
  site: string;
  /** Matches the path and query of an article page. */
  article: string;
  /** Refuses what `article` would take but is not one story (a live blog); null when nothing needs it. */
  exclude: string | null;
  /** An article page's address, and one the rule must refuse: both are tested. */
  example: string;
  notArticle: string;
}

export const AGENCY_SITES: readonly AgencySite[] = data.sites;

/** Agencies not listed, and why: shown on the first-run page so the list reads as a choice, not an oversight. */
export const NOT_LISTED: ReadonlyArray<{ agency: string; reason: string }> = data.notListed;

/** Each agency site's content-script match pattern (its subdomains included). */
export const AGENCY_MATCHES: readonly string[] = AGENCY_SITES.map((s) => `*://*.${s.site}/*`);

const COMPILED = AGENCY_SITES.map((site) => ({
  site,
  article: new RegExp(site.article),
  exclude: site.exclude ? new RegExp(site.exclude) : null,
}));

/** The agency site a host belongs to, whatever the page. */
export function agencySiteOf(host: string): AgencySite | null {
  return AGENCY_SITES.find((s) => hostIsSite(host, s.site)) ?? null;
}

/**
 * The agency whose own article page `url` is, or null: another site, or a
 * page of the agency's site that is not one article (home, section, live blog).
 */
export function agencyArticle(url: string): AgencySite | null {
  const parsed = webUrl(url);
  if (!parsed) return null;
  const host = parsed.hostname.toLowerCase();
  const at = `${parsed.pathname}${parsed.search}`;
  const rule = COMPILED.find(({ site }) => hostIsSite(host, site.site));
  if (!rule || !rule.article.test(at) || rule.exclude?.test(at)) return null;
  return rule.site;
}
