import { describe, expect, it } from 'vitest';
import { syncUserSites, USER_SITES_SCRIPT, type UserSitesApi } from '../../utils/user-sites';

/** A browser that has granted some sites and remembers what was registered, and how often. */
function fakeApi(granted: string[], registeredMatches?: string[]) {
  let registered = registeredMatches ? [{ id: USER_SITES_SCRIPT, matches: registeredMatches }] : [];
  const calls: string[] = [];
  const api: UserSitesApi = {
    permissions: { contains: async ({ origins }) => origins.every((o) => granted.includes(o)) },
    scripting: {
      getRegisteredContentScripts: async ({ ids }) => registered.filter((s) => ids.includes(s.id)),
      unregisterContentScripts: async ({ ids }) => {
        calls.push('unregister');
        registered = registered.filter((s) => !ids.includes(s.id));
      },
      registerContentScripts: async (scripts) => {
        calls.push('register');
        registered.push(...scripts.map(({ id, matches }) => ({ id, matches })));
      },
    },
  };
  return { api, calls, registered: () => registered };
}

describe("the content script on the reader's own sites", () => {
  it('is registered for the sites the browser granted, and only those', async () => {
    const browser = fakeApi(['*://*.example.com/*']);
    await syncUserSites(browser.api, ['example.com', 'example.org']);
    expect(browser.registered()).toEqual([{ id: USER_SITES_SCRIPT, matches: ['*://*.example.com/*'] }]);
  });

  it('is left alone when nothing changed (every wake of the worker syncs)', async () => {
    const browser = fakeApi(['*://*.example.com/*'], ['*://*.example.com/*']);
    await syncUserSites(browser.api, ['example.com']);
    expect(browser.calls).toEqual([]);
  });

  it('follows a site added or a permission withdrawn', async () => {
    const added = fakeApi(['*://*.example.com/*', '*://*.example.org/*'], ['*://*.example.com/*']);
    await syncUserSites(added.api, ['example.com', 'example.org']);
    expect(added.registered()[0]!.matches).toEqual(['*://*.example.com/*', '*://*.example.org/*']);

    const withdrawn = fakeApi([], ['*://*.example.com/*']);
    await syncUserSites(withdrawn.api, ['example.com']);
    expect(withdrawn.registered()).toEqual([]);
    expect(withdrawn.calls).toEqual(['unregister']);
  });

  it('registers nothing when the reader has no sites', async () => {
    const browser = fakeApi([]);
    await syncUserSites(browser.api, []);
    expect(browser.calls).toEqual([]);
  });
});
