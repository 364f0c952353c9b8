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
/** Bounds on the cap of learned stories the reader may set (the options page offers these). */
export const LEARNED_CAP_MIN = 100;
export const LEARNED_CAP_MAX = 50_000;

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
  /**
   * Learn stories from the wire agencies' own sites as the reader reads them (on by default, said
   * on the first-run page; lib/agency-sites.ts lists the sites).
   */
  learning: boolean;
  /** At most this many learned stories are kept; past it the oldest and least matched go first (lib/learned.ts). */
  learnedCap: number;
}

/**
 * The stored shape's version: 2 added highlight and theme (version 1 held only `panel`), 3
 * disabledSites, 4 userSites, 5 learning and learnedCap. Kept, with the version written beside the value, so that a later
 * version that renames or re-shapes a field knows what it is reading.
 */
export const SETTINGS_VERSION = 5;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  panel: 'badge',
  highlight: false,
  theme: 'auto',
  disabledSites: [],
  userSites: [],
  learning: true,
  learnedCap: 5_000,
});

const VALIDATORS: { [K in keyof Settings]: (value: unknown) => value is Settings[K] } = {
  panel: (v): v is PanelMode => v === 'badge' || v === 'open',
  highlight: (v): v is boolean => typeof v === 'boolean',
  theme: (v): v is Theme => v === 'auto' || v === 'light' || v === 'dark',
  disabledSites: (v): v is string[] =>
    Array.isArray(v) && v.length <= MAX_SITES && v.every((x) => typeof x === 'string' && x.length <= MAX_SITE_LENGTH),
  userSites: (v): v is string[] => Array.isArray(v) && v.length <= MAX_SITES && v.every(isSiteName),
  learning: (v): v is boolean => typeof v === 'boolean',
  learnedCap: (v): v is number =>
    Number.isInteger(v) && (v as number) >= LEARNED_CAP_MIN && (v as number) <= LEARNED_CAP_MAX,
};

/**
 * Stored values of earlier versions, brought to this one. Empty: every version so far only added
 * fields, and the repair on every read fills a missing field with its default and keeps the rest
 * (a version 1 `{ panel: 'open' }` reads as the defaults with the panel open). A step belongs here
 * only when a field is renamed or re-shaped, which the repair would reset instead of carry over.
 */
export const SETTINGS_MIGRATIONS: Record<number, (old: unknown) => unknown> = {};

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

/**
 * A site list with `site` on it (once) or off it, sorted. Applied to the settings as stored, a
 * change made twice is made once: two quick clicks on the same box do not list a site twice.
 */
export function withSite(list: readonly string[], site: string, listed: boolean): string[] {
  const others = list.filter((s) => s !== site);
  return (listed ? [...others, site] : others).sort();
}
