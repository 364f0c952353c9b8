import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AGENCY_SITES, NOT_LISTED } from '../../lib/agency-sites';
import { ADD_THIS_PAGE, LEARNING_SWITCH } from '../../lib/labels';
import { repairSettings, type Settings } from '../../lib/settings';
import { loadSettings, settingsItem, updateSettings } from '../../utils/settings';
import '../../components/page.css';

/**
 * The first-run page, opened once when Wiretrace is installed: what it does, how it learns its
 * stories (from the agency sites listed, on this device), that nothing leaves the browser, and
 * the one switch that turns learning off (the options page has the same one).
 */
function Welcome() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void loadSettings().then(setSettings);
    return settingsItem.watch((next) => setSettings(repairSettings(next)));
  }, []);
  const optionsUrl = browser.runtime.getURL('/options.html');

  return (
    <main class="welcome">
      <h1>Welcome to Wiretrace</h1>
      <p>
        Much of the news you read was written by a wire agency such as the Associated Press or Reuters and then copied,
        cut, translated or rewritten by other sites. On a news page, Wiretrace shows which agency story the page
        carries, how faithfully, where else it ran, and what every quote said in the original.
      </p>

      <h2>How it learns its stories</h2>
      <p>
        Wiretrace can only recognise stories it knows. It learns them as you read: when you open an article on one of
        the agencies’ own sites below, it keeps that article on this device as a story. When another site later carries
        the same story, whole, cut or in other words, Wiretrace recognises it and shows you the original.
      </p>
      <ul class="agency-sites">
        {AGENCY_SITES.map((s) => (
          <li key={s.site}>
            {s.agency}: {s.site}
          </li>
        ))}
      </ul>
      <p class="hint">
        Not listed: {NOT_LISTED.map((n) => `${n.agency} (${n.reason})`).join(' ')} You can also keep any page as a story
        yourself with “{ADD_THIS_PAGE}” in the toolbar button’s menu.
      </p>

      <h2>Nothing leaves your browser</h2>
      <p>
        Wiretrace sends no page, no text and no address anywhere: reading, learning and matching all happen here, on
        your device. It makes no network requests of its own.
      </p>

      <fieldset class="learning">
        <legend>Learning</legend>
        {settings ? (
          <label>
            <input
              type="checkbox"
              checked={settings.learning}
              onChange={(e) => {
                const learning = e.currentTarget.checked;
                void updateSettings(() => ({ learning })).then((next) => {
                  setSettings(next);
                  setSaved(true);
                });
              }}
            />
            {LEARNING_SWITCH}
          </label>
        ) : (
          <p>Loading…</p>
        )}
        {saved && settings && (
          <p role="status">{settings.learning ? 'Learning is on.' : 'Learning is off: nothing will be learned.'}</p>
        )}
      </fieldset>
      <p>
        You can change this at any time in <a href={optionsUrl}>Wiretrace’s options</a>, where you can also see, search,
        delete and export the stories it has learned.
      </p>
    </main>
  );
}

render(<Welcome />, document.getElementById('app')!);
