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
      { panel: 'open', highlight: false, theme: 'dark', disabledSites: ['voi.id'], userSites: [] },
    ],
    [{ disabledSites: [7, 'x'] }, DEFAULT_SETTINGS],
    // The reader's own sites are repaired entry by entry: each stands for a permission they granted.
    [
      { userSites: ['example.com', 42, 'not a site', 'www.example.org', 'example.com', 'news.example.net'] },
      { ...DEFAULT_SETTINGS, userSites: ['example.com', 'news.example.net'] },
    ],
    [{ userSites: 'example.com' }, DEFAULT_SETTINGS],
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
    expect(SETTINGS_MIGRATIONS[4]!({ panel: 'open', disabledSites: ['voi.id'] })).toEqual({
      ...DEFAULT_SETTINGS,
      panel: 'open',
      disabledSites: ['voi.id'],
      userSites: [],
    });
  });

  it('saves and reloads through typed storage', async () => {
    fakeBrowser.reset();
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await saveSettings({ panel: 'open' });
    expect((await loadSettings()).panel).toBe('open');
  });
});
