import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { openIndexFile } from '../../lib/index-file';
import { CHECK_THIS_PAGE, HIGHLIGHT_WIRE_TEXT } from '../../lib/labels';
import { repairSettings, withSite, type Settings, type Theme } from '../../lib/settings';
import { siteFromInput, sitePattern, SITES } from '../../lib/sites';
import { browser } from 'wxt/browser';
import { sendMessage, valueOf, type IndexStatus } from '../../messaging/protocol';
import { clearImportedIndex, saveImportedIndex } from '../../utils/index-store';
import { loadSettings, settingsItem, updateSettings, type SettingsChange } from '../../utils/settings';
import '../../components/page.css';

/** Largest index file accepted for import: well past 100,000 stories in the compact build. */
const MAX_IMPORT_BYTES = 512 * 2 ** 20;

function describeIndex(status: IndexStatus): string {
  const { info } = status;
  const stories = `${info.stories.toLocaleString('en')} ${info.stories === 1 ? 'story' : 'stories'}`;
  const size =
    info.bytes < 2 ** 20 ? `${(info.bytes / 1024).toFixed(1)} KB` : `${(info.bytes / 2 ** 20).toFixed(1)} MB`;
  const source = status.source === 'bundled' ? 'the index bundled with Wiretrace' : 'your imported index';
  const newest = info.newestStory ? `, newest story ${info.newestStory}` : '';
  return `Using ${source}: ${stories}${newest}, ${info.build} build, ${size}.`;
}

/**
 * The index in use and the import of the reader's own index file. A file is
 * opened and checked here before it is stored; a bad one is explained and
 * the index in use stays as it was.
 */
function IndexSection() {
  const [status, setStatus] = useState<IndexStatus | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    void sendMessage('indexInfo', undefined).then((answer) => answer.ok && setStatus(answer.value));
  }, []);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      if (file.size > MAX_IMPORT_BYTES)
        throw new Error(`The file is ${(file.size / 2 ** 20).toFixed(0)} MB; the limit is 512 MB.`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const opened = openIndexFile(bytes);
      if (opened.info.stories > 0) opened.index.story(0);
      await saveImportedIndex(bytes);
      setStatus(valueOf(await sendMessage('reloadIndex', undefined)));
      setMessage({ kind: 'ok', text: `Imported ${file.name}.` });
    } catch (error) {
      setMessage({
        kind: 'error',
        text: `${file.name} was not imported: ${(error as Error).message} The index in use is unchanged.`,
      });
    }
  };

  const useBundled = async () => {
    await clearImportedIndex();
    setStatus(valueOf(await sendMessage('reloadIndex', undefined)));
    setMessage({ kind: 'ok', text: 'Back to the bundled index.' });
  };

  return (
    <fieldset class="index">
      <legend>Story index</legend>
      <p class="index-info">{status ? describeIndex(status) : 'Loading…'}</p>
      {status?.problem && <p class="index-problem">Your imported index could not be opened ({status.problem}).</p>}
      <label>
        Import an index file (.json full build or .wtix compact build)
        <input
          type="file"
          accept=".json,.wtix,application/json,application/octet-stream"
          onChange={(e) => void importFile(e.currentTarget.files?.[0])}
        />
      </label>
      {status?.source === 'imported' && (
        <button type="button" onClick={() => void useBundled()}>
          Use the bundled index
        </button>
      )}
      {message && (
        <p class={`index-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </fieldset>
  );
}

/**
 * The reader's own news sites. Adding one asks the browser for that one
 * site's permission, in the click itself (browsers require a user gesture);
 * it is saved only once granted. Removing one gives the permission back.
 */
function UserSites({ settings, save }: { settings: Settings; save: (change: SettingsChange) => Promise<void> }) {
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);

  const add = async (event: Event) => {
    event.preventDefault();
    const parsed = siteFromInput(input);
    if (!parsed.ok) {
      setMessage({ text: parsed.error, problem: true });
      return;
    }
    const { site } = parsed;
    if (settings.userSites.includes(site)) {
      setMessage({ text: `${site} is already on your list.`, problem: true });
      return;
    }
    // Nothing awaited before this call: the request must stay inside the click.
    const granted = await browser.permissions.request({ origins: [sitePattern(site)] });
    if (!granted) {
      setMessage({ text: `The browser did not give access to ${site}: it is not checked.`, problem: true });
      return;
    }
    await save((stored) => ({ userSites: withSite(stored.userSites, site, true) }));
    setInput('');
    setMessage({ text: `${site} added: its pages are checked as you read.`, problem: false });
  };

  const remove = async (site: string) => {
    await browser.permissions.remove({ origins: [sitePattern(site)] });
    await save((stored) => ({ userSites: withSite(stored.userSites, site, false) }));
    setMessage({ text: `${site} removed, and Wiretrace's access to it given back.`, problem: false });
  };

  return (
    <fieldset>
      <legend>Your own news sites</legend>
      {settings.userSites.length === 0 ? (
        <p class="hint">None yet.</p>
      ) : (
        <ul class="user-sites">
          {settings.userSites.map((site) => (
            <li key={site}>
              {site}{' '}
              <button type="button" aria-label={`Remove ${site}`} onClick={() => void remove(site)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void add(e)}>
        <label>
          Add a news site{' '}
          <input
            type="text"
            value={input}
            placeholder="example.com"
            spellcheck={false}
            autocomplete="off"
            onInput={(e) => setInput(e.currentTarget.value)}
          />
        </label>{' '}
        <button type="submit">Add site</button>
      </form>
      {message && (
        <p role={message.problem ? 'alert' : 'status'} class={message.problem ? 'problem' : undefined}>
          {message.text}
        </p>
      )}
      <p class="hint">The browser asks you to allow each site you add; nothing else is asked for.</p>
    </fieldset>
  );
}

function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void loadSettings().then(setSettings);
  }, []);

  // Each change is worked out from the stored settings when its turn comes, not from this page's
  // copy: a second click before the first is saved would otherwise undo it.
  const save = async (change: SettingsChange) => {
    setSettings(await updateSettings(change));
    setSaved(true);
  };
  // Another page (or the browser's own settings) may change the list: show what is stored.
  useEffect(() => settingsItem.watch((next) => setSettings(repairSettings(next))), []);

  if (!settings) return <p>Loading…</p>;
  return (
    <main class="options">
      <h1>Wiretrace options</h1>
      <fieldset>
        <legend>When a page carries a wire story</legend>
        <label>
          <input
            type="radio"
            name="panel"
            value="badge"
            checked={settings.panel === 'badge'}
            onChange={() => void save(() => ({ panel: 'badge' }))}
          />
          Show the badge only
        </label>
        <label>
          <input
            type="radio"
            name="panel"
            value="open"
            checked={settings.panel === 'open'}
            onChange={() => void save(() => ({ panel: 'open' }))}
          />
          Open the panel automatically
        </label>
      </fieldset>
      <fieldset>
        <legend>News sites checked as you read</legend>
        {SITES.map((site) => (
          <label key={site}>
            <input
              type="checkbox"
              checked={!settings.disabledSites.includes(site)}
              onChange={(e) => {
                const off = !e.currentTarget.checked;
                void save((stored) => ({ disabledSites: withSite(stored.disabledSites, site, off) }));
              }}
            />
            {site}
          </label>
        ))}
        <p class="hint">On any other site, use “{CHECK_THIS_PAGE}” in the toolbar popup, or add it below.</p>
      </fieldset>
      <UserSites settings={settings} save={save} />
      <fieldset>
        <legend>Highlights</legend>
        <label>
          <input
            type="checkbox"
            checked={settings.highlight}
            onChange={(e) => {
              const highlight = e.currentTarget.checked;
              void save(() => ({ highlight }));
            }}
          />
          {HIGHLIGHT_WIRE_TEXT} as soon as it is found
        </label>
      </fieldset>
      <fieldset>
        <legend>Colours of the panel</legend>
        {(
          [
            ['auto', 'Follow the system (light or dark)'],
            ['light', 'Always light'],
            ['dark', 'Always dark'],
          ] as Array<[Theme, string]>
        ).map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name="theme"
              value={value}
              checked={settings.theme === value}
              onChange={() => void save(() => ({ theme: value }))}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {saved && <p role="status">Saved.</p>}
      <IndexSection />
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
