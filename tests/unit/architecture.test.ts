import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * lib/ is the engine and stays pure (the same code runs in the content
 * script, the background, the CLI and the tests): the lint rules that keep it
 * so must fail on the imports they exist to stop.
 */
const eslint = new ESLint();

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lib/ is pure TypeScript with no browser, UI or extension wiring', () => {
  it.each([
    ["import { browser } from 'wxt/browser';", 'the WXT browser API'],
    ["import { storage } from '@wxt-dev/storage';", 'WXT storage'],
    ["import browser from 'webextension-polyfill';", 'the WebExtension polyfill'],
    ["import { defineExtensionMessaging } from '@webext-core/messaging';", 'the messaging library'],
    ["import { h } from 'preact';", 'Preact'],
    ["import { loadSettings } from '../utils/settings';", 'utils/'],
    ["import { onMessage } from '../messaging/protocol';", 'messaging/'],
    ["import { Overlay } from '../components/Overlay';", 'components/'],
  ])('refuses %s (%s)', async (line) => {
    const ids = await ruleIdsFor(
      `${line}\nexport const used = [${line
        .match(/\{ (\w+) \}|import (\w+)/)!
        .slice(1)
        .find(Boolean)}];\n`,
      'lib/probe.ts',
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('refuses the browser global', async () => {
    expect(await ruleIdsFor('export const id = browser.runtime.id;\n', 'lib/probe.ts')).toContain(
      'no-restricted-globals',
    );
  });

  it('allows the same import outside lib/ (entrypoints wire lib/ to the browser)', async () => {
    const ids = await ruleIdsFor(
      "import { browser } from 'wxt/browser';\nexport const id = browser.runtime.id;\n",
      'entrypoints/probe.ts',
    );
    expect(ids).not.toContain('no-restricted-imports');
  });

  it('allows lib/ its own modules and pure libraries', async () => {
    const code =
      "import { diffArrays } from 'diff';\nimport { words } from './text';\nexport const used = [diffArrays, words];\n";
    expect(await ruleIdsFor(code, 'lib/probe.ts')).toEqual([]);
  });
});
