/** Whether a host is one of a site's (the site itself or a subdomain: uk.investing.com is investing.com). */
export function hostIsSite(host: string, site: string): boolean {
  return host === site || host.endsWith(`.${site}`);
}

/** A web page's address parsed, or null: not an address, or not http(s) (a file:, data: or extension page). */
export function webUrl(url: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : null;
}
