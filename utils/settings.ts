import { storage } from 'wxt/utils/storage';
import {
  DEFAULT_SETTINGS,
  repairSettings,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  type Settings,
} from '../lib/settings';

/** The one settings item: typed, versioned, repaired on every read. */
export const settingsItem = storage.defineItem<Settings>('sync:settings', {
  fallback: { ...DEFAULT_SETTINGS },
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});

export async function loadSettings(): Promise<Settings> {
  return repairSettings(await settingsItem.getValue());
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = repairSettings({ ...(await loadSettings()), ...patch });
  await settingsItem.setValue(next);
  return next;
}
