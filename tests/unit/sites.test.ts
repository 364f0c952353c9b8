import { describe, expect, it } from 'vitest';
import { hostIsSite, siteFromInput, sitePattern } from '../../lib/sites';

describe('a site the reader adds', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM ', 'example.com'],
    ['www.example.com', 'example.com'],
    ['https://www.example.com/news/2022/01/12/story.html?x=1#top', 'example.com'],
    ['http://news.example.co.uk', 'news.example.co.uk'],
    ['example.com.', 'example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
  ])('reads %j as %s', (input, site) => {
    expect(siteFromInput(input)).toEqual({ ok: true, site });
  });

  it.each([
    ['', 'Type a site'],
    ['   ', 'Type a site'],
    ['localhost', 'not a site name'],
    ['192.168.0.1', 'not a site name'],
    ['exa mple.com', 'not a site'],
    ['-bad-.com', 'not a site name'],
    ['ftp://example.com', 'Only web sites'],
    ['file:///etc/passwd', 'Only web sites'],
    ['javascript:alert(1)', 'not a site'],
    ['uk.investing.com', 'investing.com is already on the list'],
    ['https://www.voi.id/en/news', 'voi.id is already on the list'],
  ])('refuses %j, saying why', (input, error) => {
    const result = siteFromInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });

  it('asks for the site and its subdomains, nothing wider', () => {
    expect(sitePattern('example.com')).toBe('*://*.example.com/*');
    expect(hostIsSite('news.example.com', 'example.com')).toBe(true);
    expect(hostIsSite('badexample.com', 'example.com')).toBe(false);
  });
});
