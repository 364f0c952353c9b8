import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AGENCY_SITES } from '../../lib/agency-sites';
import { LEARNING_SWITCH, sourceLabel } from '../../lib/labels';
import { checkRecord, exportFileName, exportIndex, type LearnedRecord } from '../../lib/learned';
import { LEARNED_CAP_MAX, LEARNED_CAP_MIN, type Settings } from '../../lib/settings';
import { sendMessage, valueOf, type LearnedList } from '../../messaging/protocol';
import type { SettingsChange } from '../../utils/settings';
import { allLearned } from '../../utils/story-db';
import { sizeText } from './sources';

/** The caps offered: the default and a few either side. */
const CAPS = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000].filter((c) => c >= LEARNED_CAP_MIN && c <= LEARNED_CAP_MAX);

/** The learning switch and the cap: the same switch as on the first-run page. */
export function LearningSettings({
  settings,
  save,
}: {
  settings: Settings;
  save: (change: SettingsChange) => Promise<void>;
}) {
  return (
    <fieldset class="learning">
      <legend>Learning from the wire agencies</legend>
      <label>
        <input
          type="checkbox"
          checked={settings.learning}
          onChange={(e) => {
            const learning = e.currentTarget.checked;
            void save(() => ({ learning }));
          }}
        />
        {LEARNING_SWITCH}
      </label>
      <p class="hint">
        When you open an article on {AGENCY_SITES.map((s) => s.site).join(', ')}, Wiretrace keeps its text on this
        device as a story, and finds it again when another site carries it. Nothing leaves your browser.
      </p>
      <label>
        Keep at most{' '}
        <select
          value={String(settings.learnedCap)}
          onChange={(e) => {
            const learnedCap = Number(e.currentTarget.value);
            void save(() => ({ learnedCap }));
          }}
        >
          {[...new Set([...CAPS, settings.learnedCap])]
            .sort((a, b) => a - b)
            .map((cap) => (
              <option key={cap} value={String(cap)}>
                {cap.toLocaleString('en')}
              </option>
            ))}
        </select>{' '}
        learned stories (past that, the oldest and least matched go first)
      </label>
    </fieldset>
  );
}

/** Downloads the reader's stories as an index file another Wiretrace imports. */
async function exportStories(): Promise<number> {
  const records: LearnedRecord[] = [];
  for (const { value } of await allLearned()) {
    const checked = checkRecord(value);
    if (checked.ok) records.push(checked.record);
  }
  const url = URL.createObjectURL(new Blob([exportIndex(records)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = exportFileName(Date.now());
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return records.length;
}

/**
 * The stories learned from reading and added by hand: how many and how much space, a search,
 * each one's compare page and delete button, "Forget all learned stories", and the export.
 */
export function LearnedStories({ onChange }: { onChange: () => void }) {
  const [query, setQuery] = useState('');
  const [list, setList] = useState<LearnedList | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void sendMessage('learnedList', { query }).then((a) => current && a.ok && setList(a.value));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, version]);

  const changed = (text: string) => {
    setMessage(text);
    setVersion((v) => v + 1);
    onChange();
  };
  const remove = async (id: string, headline: string) => {
    valueOf(await sendMessage('learnedDelete', { ids: [id] }));
    changed(`Deleted “${headline}”.`);
  };
  const forget = async () => {
    const gone = valueOf(await sendMessage('learnedForget', undefined));
    setConfirming(false);
    changed(`Forgot ${gone.toLocaleString('en')} learned ${gone === 1 ? 'story' : 'stories'}.`);
  };
  const compareUrl = (id: string) => browser.runtime.getURL(`/compare.html?story=${encodeURIComponent(id)}` as '/');

  return (
    <fieldset class="learned" id="your-stories">
      <legend>Your stories</legend>
      <p class="learned-count">
        {list
          ? `${list.learned.toLocaleString('en')} learned from your reading, ${list.added.toLocaleString('en')} added by you, ${sizeText(list.bytes)} on this device.`
          : 'Loading…'}
      </p>
      <label>
        Search your stories
        <input
          type="search"
          value={query}
          placeholder="words of a headline, an agency or a site"
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </label>
      {list && list.found > list.stories.length && (
        <p class="hint">
          Showing the newest {list.stories.length} of {list.found.toLocaleString('en')}; search to find the others.
        </p>
      )}
      {list && list.stories.length === 0 && <p class="hint">{query ? 'Nothing found.' : 'None yet.'}</p>}
      <ul class="learned-stories">
        {list?.stories.map((s) => (
          <li key={s.id} class="learned-story">
            <a href={compareUrl(s.id)} target="_blank" rel="noopener">
              {s.headline}
            </a>{' '}
            <span class="story-source">
              {s.agency}, {s.date} · {sourceLabel(s.source)}
              {s.updates > 1 ? ` · ${s.updates} updates` : ''}
              {s.copies > 0 ? ` · met on ${s.copies} ${s.copies === 1 ? 'other site' : 'other sites'}` : ''}
            </span>{' '}
            <button type="button" aria-label={`Delete “${s.headline}”`} onClick={() => void remove(s.id, s.headline)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <p class="learned-actions">
        <button
          type="button"
          onClick={() => void exportStories().then((n) => setMessage(`Exported ${n.toLocaleString('en')} stories.`))}
        >
          Export my stories to a file
        </button>{' '}
        {confirming ? (
          <>
            <button type="button" class="danger" onClick={() => void forget()}>
              Yes, forget {list?.learned.toLocaleString('en') ?? 'all'} learned stories
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              Keep them
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Forget all learned stories
          </button>
        )}
      </p>
      <p class="hint">
        An exported file can be imported by another Wiretrace (below): a trainer exports the week’s stories, the class
        imports them. Stories you added by hand stay when you forget the learned ones.
      </p>
      {message && <p role="status">{message}</p>}
    </fieldset>
  );
}
