import { describe, expect, it } from 'vitest';
import { AGENCY_SITES, agencyArticle } from '../../lib/agency-sites';
import { AGENCIES } from '../../lib/credits';
import { CONTENT_MATCHES, SITES } from '../../lib/sites';

describe('wire agencies’ own sites (lib/rules/agency-sites.json)', () => {
  it.each(AGENCY_SITES.map((s) => [s.site, s] as const))('%s: takes its example article', (_, site) => {
    expect(agencyArticle(site.example)).toBe(site);
  });

  it.each(AGENCY_SITES.map((s) => [s.site, s] as const))('%s: refuses its example non-article page', (_, site) => {
    expect(agencyArticle(site.notArticle)).toBeNull();
  });

  it.each(AGENCY_SITES.map((s) => [s.site, s] as const))('%s: refuses its home page', (_, site) => {
    expect(agencyArticle(`https://${site.site}/`)).toBeNull();
    expect(agencyArticle(`https://www.${site.site}/`)).toBeNull();
  });

  it('names each agency as its credits are recognised on copies (lib/rules/agencies.json)', () => {
    const names = new Set(AGENCIES.map((a) => a.name));
    for (const site of AGENCY_SITES) expect(names, site.agency).toContain(site.agency);
  });

  it('lists each site once, and each is a listed site the content script runs on', () => {
    expect(new Set(AGENCY_SITES.map((s) => s.site)).size).toBe(AGENCY_SITES.length);
    for (const site of AGENCY_SITES) {
      expect(SITES).toContain(site.site);
      expect(CONTENT_MATCHES).toContain(`*://*.${site.site}/*`);
    }
  });

  it.each([
    ['a live blog', 'https://www.reuters.com/world/live-taiwan-election-results-2024-01-13/'],
    ['another site carrying the same path', 'https://apnews.example.com/article/x-4b7d0c2e9a1f4e6b8c3d5a7f9e1b2c4d'],
    ['a look-alike host', 'https://notapnews.com/article/x-4b7d0c2e9a1f4e6b8c3d5a7f9e1b2c4d'],
    ['a section of AP', 'https://apnews.com/hub/ferries'],
    ['not a web address', 'javascript:alert(1)'],
  ])('refuses %s', (_, url) => {
    expect(agencyArticle(url)).toBeNull();
  });

  it('takes an article on a subdomain of the agency’s site', () => {
    expect(agencyArticle('https://www.apnews.com/article/4b7d0c2e9a1f4e6b8c3d5a7f9e1b2c4d')?.agency).toBe(
      'Associated Press',
    );
  });
});
