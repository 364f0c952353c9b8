import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OPEN_PANEL_COMMAND, OPEN_PANEL_KEYS } from '../../lib/commands';
import {
  ALL_STORIES,
  CHECK_THIS_PAGE,
  checkFailure,
  NO_STORY_HERE,
  OPTIONS,
  relationLine,
  shortcutLine,
  sourceLabel,
  speakerLabel,
  YOUR_STORIES,
} from '../../lib/labels';
import type { SearchResult } from '../../lib/search';
import { sendMessage, type TabStatus } from '../../messaging/protocol';
import { AddPage } from './add-page';
import { KnownStories } from './known-stories';
import '../../components/page.css';

/** Opens one of the extension's pages in a tab and closes the popup (a link would load it inside the popup). */
function openPage(path: string) {
  void browser.tabs.create({ url: browser.runtime.getURL(path as '/') }).then(() => window.close());
}
const compareUrl = (storyId: string) => `/compare.html?story=${encodeURIComponent(storyId)}`;

/** A link to an extension page that opens in a tab of its own, by mouse or keyboard. */
function PageLink({ path, children }: { path: string; children: string }) {
  return (
    <a
      href={browser.runtime.getURL(path as '/')}
      onClick={(e) => {
        e.preventDefault();
        openPage(path);
      }}
    >
      {children}
    </a>
  );
}

/** The keys the browser holds for the panel's shortcut (the reader may have changed them), or the default. */
function useShortcut(): string {
  const [keys, setKeys] = useState(OPEN_PANEL_KEYS);
  useEffect(() => {
    void browser.commands
      .getAll()
      .then((all) => {
        const command = all.find((c) => c.name === OPEN_PANEL_COMMAND);
        if (command) setKeys(command.shortcut || 'not set (choose keys in the browser’s extension shortcuts)');
      })
      .catch(() => undefined);
  }, []);
  return keys;
}

/** How long "Check this page" waits for the page's result, and how often it asks. */
const CHECK_WAIT_MS = 6_000;
const CHECK_POLL_MS = 200;

function Popup() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [status, setStatus] = useState<TabStatus | null>(null);
  const [note, setNote] = useState('');

  const refresh = async (id: number) => {
    const answer = await sendMessage('tabStatus', { tabId: id });
    if (answer.ok) setStatus(answer.value);
  };

  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (tab?.id === undefined) return;
      setTabId(tab.id);
      void refresh(tab.id);
    });
  }, []);

  /** Runs the pipeline in the tab and waits for its result; false (with a note said) when there is none. */
  const check = async (): Promise<boolean> => {
    if (tabId === null) return false;
    setNote('Checking…');
    const answer = await sendMessage('checkTab', { tabId });
    if (!answer.ok) {
      setNote(checkFailure(answer.error));
      return false;
    }
    // The content script reports to the background when it has a result; a page with no article never does.
    for (let waited = 0; waited < CHECK_WAIT_MS; waited += CHECK_POLL_MS) {
      await new Promise((done) => setTimeout(done, CHECK_POLL_MS));
      const next = await sendMessage('tabStatus', { tabId });
      if (next.ok && next.value.state === 'checked') {
        setStatus(next.value);
        setNote('');
        return true;
      }
    }
    setNote('No news article found on this page to check.');
    return false;
  };

  const line =
    status === null
      ? 'Loading…'
      : status.state === 'unchecked'
        ? 'This page has not been checked.'
        : status.result.match
          ? status.result.match.original
            ? `${status.result.match.story.agency}: “${status.result.match.story.headline}”, the original (${sourceLabel(status.result.match.source)})`
            : `${status.result.match.story.agency}: “${status.result.match.story.headline}” (${relationLine(status.result.match.relation)}; ${sourceLabel(status.result.match.source)})`
          : NO_STORY_HERE;
  const shortcut = useShortcut();
  const matched = status?.state === 'checked' && status.result.match !== null;

  return (
    <main class="popup">
      <header class="popup-head">
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <h1>Wiretrace</h1>
      </header>
      <p class="status" role="status">
        {line}
      </p>
      {matched && status.result.match && (
        <p class="status-link">
          <PageLink path={compareUrl(status.result.match.story.id)}>Compare all versions side by side</PageLink>
        </p>
      )}
      <button type="button" class="primary" onClick={() => void check()}>
        {CHECK_THIS_PAGE}
      </button>
      {note && <p class="note">{note}</p>}
      {status !== null && !matched && <KnownStories />}
      {tabId !== null && <AddPage tabId={tabId} checked={status?.state === 'checked'} check={check} />}
      <Search />
      <nav class="popup-links" aria-label="Wiretrace pages">
        <PageLink path="/options.html#your-stories">{YOUR_STORIES}</PageLink>
        <PageLink path="/compare.html">{ALL_STORIES}</PageLink>
        <PageLink path="/options.html">{OPTIONS}</PageLink>
      </nav>
      <p class="shortcut hint">{shortcutLine(shortcut)}</p>
    </main>
  );
}

/** Fuzzy search over the stories and quotes of the index in use (names may be misspelt). */
function Search() {
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<{ results: SearchResult[]; searched: number; total: number } | null>(null);
  useEffect(() => {
    if (query.trim().length < 2) {
      setAnswer(null);
      return;
    }
    let current = true;
    // A short pause so typing a word does not send a search per letter.
    const timer = setTimeout(() => {
      void sendMessage('search', { query }).then((a) => current && a.ok && setAnswer(a.value));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);
  return (
    <section class="search" aria-label="Search the story index">
      <label>
        Search stories and quotes
        <input
          type="search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          placeholder="a phrase or a name"
        />
      </label>
      {answer && (
        <>
          <p class="search-count" role="status">
            {answer.results.length === 0 ? 'Nothing found.' : `${answer.results.length} found`}
            {answer.searched < answer.total &&
              ` (searched the first ${answer.searched.toLocaleString('en')} of ${answer.total.toLocaleString('en')} stories)`}
          </p>
          <ul class="results">
            {answer.results.map((r, i) => (
              <li key={i} class={`result ${r.kind}`}>
                {/* The whole result opens its story's compare page: every version, every quote. */}
                <a
                  class="result-link"
                  href={browser.runtime.getURL(compareUrl(r.storyId) as '/')}
                  onClick={(e) => {
                    e.preventDefault();
                    openPage(compareUrl(r.storyId));
                  }}
                >
                  {r.kind === 'quote' ? (
                    <>
                      <q>{r.text}</q> <span class="speaker">{speakerLabel(r.speaker)}</span>
                    </>
                  ) : (
                    <strong>{r.text}</strong>
                  )}
                  <span class="story">
                    {r.agency}, {r.date}: {r.headline}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

render(<Popup />, document.getElementById('app')!);
