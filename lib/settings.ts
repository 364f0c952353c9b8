/**
 * The reader's settings: one typed shape with defaults, and a repair that
 * keeps every valid field of a stored value and resets only the bad ones, so
 * a corrupt entry never costs the reader the rest of their settings.
 */

import { isSiteName } from './sites';

export type PanelMode = 'badge' | 'open';

export type Theme = 'auto' | 'light' | 'dark';

/** Bounds on a stored site list: a corrupt or hostile value is reset, never trusted. */
const MAX_SITES = 200;
const MAX_SITE_LENGTH = 253;

export interface Settings {
  /** Show only the badge, or open the panel as soon as a match is found. */
  panel: PanelMode;
  /** Mark wire text in the page as soon as a match is found. */
  highlight: boolean;
  /** The overlay's colours: the system's preference, or always light or dark. */
  theme: Theme;
  /** Listed news sites the reader turned off (by name, as in lib/sites SITES). */
  disabledSites: string[];
  /**
   * Sites the reader added ("example.com"; subdomains included). Checked only
   * once the browser has granted the host permission, asked for when added.
   */
  userSites: string[];
}

/** 2: highlight and theme added (version 1 held only `panel`). 3: disabledSites. 4: userSites. */
export const SETTINGS_VERSION = 4;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  panel: 'badge',
  highlight: false,
  theme: 'auto',
  disabledSites: [],
  userSites: [],
});

const VALIDATORS: { [K in keyof Settings]: (value: unknown) => value is Settings[K] } = {
  panel: (v): v is PanelMode => v === 'badge' || v === 'open',
  highlight: (v): v is boolean => typeof v === 'boolean',
  theme: (v): v is Theme => v === 'auto' || v === 'light' || v === 'dark',
  disabledSites: (v): v is string[] =>
    Array.isArray(v) && v.length <= MAX_SITES && v.every((x) => typeof x === 'string' && x.length <= MAX_SITE_LENGTH),
  userSites: (v): v is string[] => Array.isArray(v) && v.length <= MAX_SITES && v.every(isSiteName),
};

/** Stored values of earlier versions, brought to this one (each step keeps what the reader chose). */
export const SETTINGS_MIGRATIONS: Record<number, (old: unknown) => Settings> = {
  2: (old) =>
    repairSettings({ ...(old !== null && typeof old === 'object' ? old : {}), highlight: false, theme: 'auto' }),
  3: (old) => repairSettings({ ...(old !== null && typeof old === 'object' ? old : {}), disabledSites: [] }),
  4: (old) => repairSettings({ ...(old !== null && typeof old === 'object' ? old : {}), userSites: [] }),
};

/** A valid Settings from any stored value, field by field. */
export function repairSettings(stored: unknown): Settings {
  const source = stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const out: Settings = { ...DEFAULT_SETTINGS };
  const take = <K extends keyof Settings>(key: K) => {
    const value = source[key];
    if (VALIDATORS[key](value)) out[key] = value;
  };
  for (const key of Object.keys(VALIDATORS) as (keyof Settings)[]) take(key);
  // The reader's own sites are kept one by one: a damaged entry costs that entry, not the list
  // (each was granted a permission the reader would otherwise have to give again).
  if (Array.isArray(source.userSites) && !VALIDATORS.userSites(source.userSites))
    out.userSites = [...new Set(source.userSites.filter(isSiteName))].slice(0, MAX_SITES);
  return out;
}
