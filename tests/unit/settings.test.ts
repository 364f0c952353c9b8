import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, repairSettings } from '../../lib/settings';
import { loadSettings, saveSettings } from '../../utils/settings';

describe('settings', () => {
  it.each([
    [undefined, DEFAULT_SETTINGS],
    ['garbage', DEFAULT_SETTINGS],
    [{ panel: 'open' }, { panel: 'open' }],
    [{ panel: 42, unknown: true }, DEFAULT_SETTINGS],
  ])('repairs %j field by field', (stored, expected) => {
    expect(repairSettings(stored)).toEqual(expected);
  });

  it('saves and reloads through typed storage', async () => {
    fakeBrowser.reset();
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await saveSettings({ panel: 'open' });
    expect((await loadSettings()).panel).toBe('open');
  });
});
