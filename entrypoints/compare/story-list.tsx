import { useEffect, useState } from 'preact/hooks';
import { sourceLabel, storiesText } from '../../lib/labels';
import { sendMessage, type StoryListItem } from '../../messaging/protocol';

/** Stories listed at most: the reader's own come first; the popup's search finds the rest. */
const LIST_LIMIT = 200;

/**
 * The compare page opened without a story (or with one the index no longer has): the stories
 * Wiretrace knows, each a link to its comparison, instead of a bare error.
 */
export function StoryList({ problem }: { problem?: string }) {
  const [list, setList] = useState<{ stories: StoryListItem[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void sendMessage('storyList', { limit: LIST_LIMIT }).then((a) => (a.ok ? setList(a.value) : setError(a.error)));
  }, []);
  return (
    <main class="compare story-list">
      <p class="kicker">Wiretrace · compare the versions of a story</p>
      <h1>Choose a story to compare</h1>
      {problem && <p role="alert">{problem}</p>}
      {error && <p role="alert">The stories could not be listed: {error}</p>}
      {!list && !error && <p>Loading…</p>}
      {list && (
        <>
          <p>
            Wiretrace knows {storiesText(list.total)}
            {list.total > list.stories.length
              ? `; here are ${list.stories.length}, your own first. The toolbar popup’s search finds any of them.`
              : '.'}{' '}
            Each opens on a page that sets every version of the story side by side, with its quotes.
          </p>
          <ul class="stories">
            {list.stories.map((s) => (
              <li key={s.id}>
                <a href={`?story=${encodeURIComponent(s.id)}`}>{s.headline}</a>{' '}
                <span class="story-source">
                  {s.agency}, {s.date} · {sourceLabel(s.source)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
