import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, repairSettings, SETTINGS_VERSION, withSite } from '../../lib/settings';
import { SITES } from '../../lib/sites';
import { loadSettings, settingsItem, updateSettings } from '../../utils/settings';

describe('settings', () => {
  it.each([
    [undefined, DEFAULT_SETTINGS],
    ['garbage', DEFAULT_SETTINGS],
    [{ panel: 'open' }, { ...DEFAULT_SETTINGS, panel: 'open' }],
    [{ panel: 42, unknown: true }, DEFAULT_SETTINGS],
    [
      { panel: 'open', highlight: 'yes', theme: 'dark', disabledSites: ['voi.id'] },
      { ...DEFAULT_SETTINGS, panel: 'open', highlight: false, theme: 'dark', disabledSites: ['voi.id'] },
    ],
    [{ disabledSites: [7, 'x'] }, DEFAULT_SETTINGS],
    // The reader's own sites are repaired entry by entry: each stands for a permission they granted.
    [
      { userSites: ['example.com', 42, 'not a site', 'www.example.org', 'example.com', 'news.example.net'] },
      { ...DEFAULT_SETTINGS, userSites: ['example.com', 'news.example.net'] },
    ],
    [{ userSites: 'example.com' }, DEFAULT_SETTINGS],
    // Learning is on unless the reader turned it off; a cap out of bounds is reset, not trusted.
    [
      { learning: false, learnedCap: 800 },
      { ...DEFAULT_SETTINGS, learning: false, learnedCap: 800 },
    ],
    [{ learning: 'no', learnedCap: 10 ** 9 }, DEFAULT_SETTINGS],
    [{ learnedCap: 12.5 }, DEFAULT_SETTINGS],
  ])('repairs %j field by field', (stored, expected) => {
    expect(repairSettings(stored)).toEqual(expected);
  });

  // Each version so far only added fields (2: highlight and theme, 3: disabledSites, 4: userSites,
  // 5: learning and learnedCap):
  // a record stored by any of them loads with the reader's choices kept and the new fields at their defaults.
  it.each([
    [1, { panel: 'open' }, { ...DEFAULT_SETTINGS, panel: 'open' }],
    [
      2,
      { panel: 'open', highlight: true, theme: 'dark' },
      { ...DEFAULT_SETTINGS, panel: 'open', highlight: true, theme: 'dark' },
    ],
    [
      3,
      { panel: 'badge', highlight: true, theme: 'light', disabledSites: ['voi.id'] },
      { ...DEFAULT_SETTINGS, highlight: true, theme: 'light', disabledSites: ['voi.id'] },
    ],
    [
      4,
      { panel: 'badge', highlight: false, theme: 'auto', disabledSites: [], userSites: ['example.com'] },
      { ...DEFAULT_SETTINGS, userSites: ['example.com'], learning: true },
    ],
  ])('loads a version %i record with what the reader chose', async (version, stored, expected) => {
    fakeBrowser.reset();
    await fakeBrowser.storage.sync.set({ settings: stored, settings$: { v: version } });
    await settingsItem.migrate();
    expect(await loadSettings()).toEqual(expected);
    // Brought up to this version, so a later rename knows what it reads.
    expect(await settingsItem.getMeta()).toEqual({ v: SETTINGS_VERSION });
  });

  it('saves and reloads through typed storage', async () => {
    fakeBrowser.reset();
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await updateSettings(() => ({ panel: 'open' }));
    expect((await loadSettings()).panel).toBe('open');
  });

  it('keeps every one of several changes made in quick succession (none awaited before the next)', async () => {
    fakeBrowser.reset();
    const sites = SITES.slice(0, 5);
    // As the options page does: each click's change is sent at once, the page's copy still the old one.
    const saves = [
      ...sites.map((site) =>
        updateSettings((stored) => ({ disabledSites: withSite(stored.disabledSites, site, true) })),
      ),
      updateSettings(() => ({ theme: 'dark' })),
      updateSettings(() => ({ panel: 'open' })),
    ];
    const answers = await Promise.all(saves);
    const expected = { ...DEFAULT_SETTINGS, theme: 'dark', panel: 'open', disabledSites: [...sites].sort() };
    expect(await loadSettings()).toEqual(expected);
    // The last save answers with everything, so the page shows it too.
    expect(answers.at(-1)).toEqual(expected);
  });

  it('goes on saving after a change that failed', async () => {
    fakeBrowser.reset();
    const failed = updateSettings(() => {
      throw new Error('broken change');
    });
    const next = updateSettings(() => ({ highlight: true }));
    await expect(failed).rejects.toThrow('broken change');
    await expect(next).resolves.toMatchObject({ highlight: true });
  });

  it('lists a site once however often it is switched off', () => {
    expect(withSite(['voi.id'], 'voi.id', true)).toEqual(['voi.id']);
    expect(withSite(['voi.id', 'abc.net'], 'bbc.com', true)).toEqual(['abc.net', 'bbc.com', 'voi.id']);
    expect(withSite(['abc.net', 'voi.id'], 'voi.id', false)).toEqual(['abc.net']);
  });
});
