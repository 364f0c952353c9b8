/** Whether a host is one of a site's (the site itself or a subdomain: uk.investing.com is investing.com). */
export function hostIsSite(host: string, site: string): boolean {
  return host === site || host.endsWith(`.${site}`);
}
