import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, repairSettings, SETTINGS_MIGRATIONS } from '../../lib/settings';
import { loadSettings, saveSettings } from '../../utils/settings';

describe('settings', () => {
  it.each([
    [undefined, DEFAULT_SETTINGS],
    ['garbage', DEFAULT_SETTINGS],
    [{ panel: 'open' }, { ...DEFAULT_SETTINGS, panel: 'open' }],
    [{ panel: 42, unknown: true }, DEFAULT_SETTINGS],
    [
      { panel: 'open', highlight: 'yes', theme: 'dark', disabledSites: ['voi.id'] },
      { panel: 'open', highlight: false, theme: 'dark', disabledSites: ['voi.id'] },
    ],
    [{ disabledSites: [7, 'x'] }, DEFAULT_SETTINGS],
  ])('repairs %j field by field', (stored, expected) => {
    expect(repairSettings(stored)).toEqual(expected);
  });

  it("migrates a version 1 value, keeping the reader's panel choice", () => {
    expect(SETTINGS_MIGRATIONS[2]!({ panel: 'open' })).toEqual({ ...DEFAULT_SETTINGS, panel: 'open' });
    expect(SETTINGS_MIGRATIONS[3]!({ panel: 'open', theme: 'dark' })).toMatchObject({
      panel: 'open',
      theme: 'dark',
      disabledSites: [],
    });
  });

  it('saves and reloads through typed storage', async () => {
    fakeBrowser.reset();
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await saveSettings({ panel: 'open' });
    expect((await loadSettings()).panel).toBe('open');
  });
});
