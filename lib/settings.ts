/**
 * The reader's settings: one typed shape with defaults, and a repair that
 * keeps every valid field of a stored value and resets only the bad ones, so
 * a corrupt entry never costs the reader the rest of their settings.
 */

export type PanelMode = 'badge' | 'open';

export interface Settings {
  /** Show only the badge, or open the panel as soon as a match is found. */
  panel: PanelMode;
}

export const SETTINGS_VERSION = 1;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ panel: 'badge' });

const VALIDATORS: { [K in keyof Settings]: (value: unknown) => value is Settings[K] } = {
  panel: (v): v is PanelMode => v === 'badge' || v === 'open',
};

/** A valid Settings from any stored value, field by field. */
export function repairSettings(stored: unknown): Settings {
  const source = stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(VALIDATORS) as (keyof Settings)[]) {
    const value = source[key];
    if (VALIDATORS[key](value)) out[key] = value;
  }
  return out;
}
