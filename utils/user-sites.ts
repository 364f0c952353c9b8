import { sitePattern } from '../lib/sites';
import { CONTENT_SCRIPT_FILE } from './content-script';

/** The content script registered at run time for the sites the reader added. */
export const USER_SITES_SCRIPT = 'wiretrace-user-sites';

/** The parts of the browser API the sync uses (so a test can stand in for them). */
export interface UserSitesApi {
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
  scripting: {
    getRegisteredContentScripts(filter: { ids: string[] }): Promise<Array<{ id: string; matches?: string[] }>>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
    registerContentScripts(
      scripts: Array<{ id: string; matches: string[]; js: string[]; runAt: 'document_idle' }>,
    ): Promise<void>;
  };
}

/**
 * Registers the content script for exactly those of the reader's own sites
 * the browser has granted (a site whose permission was withdrawn in the
 * browser's settings is left out until granted again). Every wake of the
 * service worker syncs, so an unchanged registration is left alone.
 */
export async function syncUserSites(api: UserSitesApi, userSites: readonly string[]): Promise<string[]> {
  const wanted: string[] = [];
  for (const site of userSites)
    if (await api.permissions.contains({ origins: [sitePattern(site)] })) wanted.push(sitePattern(site));
  const [registered] = await api.scripting.getRegisteredContentScripts({ ids: [USER_SITES_SCRIPT] });
  if (registered && JSON.stringify(registered.matches ?? []) === JSON.stringify(wanted)) return wanted;
  if (registered) await api.scripting.unregisterContentScripts({ ids: [USER_SITES_SCRIPT] });
  if (wanted.length > 0)
    await api.scripting.registerContentScripts([
      { id: USER_SITES_SCRIPT, matches: wanted, js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle' },
    ]);
  return wanted;
}
