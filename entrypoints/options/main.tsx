import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PanelMode, Settings } from '../../lib/settings';
import { loadSettings, saveSettings } from '../../utils/settings';
import '../../components/page.css';

function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void loadSettings().then(setSettings);
  }, []);

  const choose = async (panel: PanelMode) => {
    setSettings(await saveSettings({ panel }));
    setSaved(true);
  };

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
            onChange={() => void choose('badge')}
          />
          Show the badge only
        </label>
        <label>
          <input
            type="radio"
            name="panel"
            value="open"
            checked={settings.panel === 'open'}
            onChange={() => void choose('open')}
          />
          Open the panel automatically
        </label>
      </fieldset>
      {saved && <p role="status">Saved.</p>}
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
