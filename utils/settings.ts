import { storage } from 'wxt/utils/storage';
import {
  DEFAULT_SETTINGS,
  repairSettings,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  type Settings,
} from '../lib/settings';
import { oneAtATime } from './one-at-a-time';

/**
 * The one settings item: typed, versioned, repaired on every read. Migrations are given even with
 * none to run: only then does WXT write the version beside the value and bring an older one up.
 */
export const settingsItem = storage.defineItem<Settings>('sync:settings', {
  fallback: { ...DEFAULT_SETTINGS },
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});

/** A change the reader made, worked out from the settings as stored when it is applied. */
export type SettingsChange = (current: Settings) => Partial<Settings>;

const inOrder = oneAtATime();

export async function loadSettings(): Promise<Settings> {
  return repairSettings(await settingsItem.getValue());
}

/**
 * Applies one change: saves run one after another, and each change is worked
 * out from the settings read just before it is written, so five sites
 * switched off in quick clicks are all five still off afterwards (a page's
 * own copy of the settings may not yet show the first four). One page's
 * saves are ordered; two pages saving in the same instant are not.
 */
export function updateSettings(change: SettingsChange): Promise<Settings> {
  return inOrder(async () => {
    const current = await loadSettings();
    const next = repairSettings({ ...current, ...change(current) });
    await settingsItem.setValue(next);
    return next;
  });
}
