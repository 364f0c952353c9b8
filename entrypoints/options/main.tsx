import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CHECK_THIS_PAGE, HIGHLIGHT_WIRE_TEXT } from '../../lib/labels';
import { repairSettings, withSite, type Settings, type Theme } from '../../lib/settings';
import { siteFromInput, sitePattern, SITES } from '../../lib/sites';
import { browser } from 'wxt/browser';
import { loadSettings, settingsItem, updateSettings, type SettingsChange } from '../../utils/settings';
import { LearnedStories, LearningSettings } from './learned';
import { StorySources } from './sources';
import { Subscriptions } from './subscriptions';
import { WordLists } from './word-lists';
import '../../components/page.css';

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
  /** Goes up when the reader's stories change, so the list of sources shows their new count. */
  const [storiesChanged, setStoriesChanged] = useState(0);

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
      <LearningSettings settings={settings} save={save} />
      {saved && <p role="status">Saved.</p>}
      <LearnedStories onChange={() => setStoriesChanged((n) => n + 1)} />
      <StorySources refresh={storiesChanged} />
      <Subscriptions onChange={() => setStoriesChanged((n) => n + 1)} />
      <WordLists />
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
