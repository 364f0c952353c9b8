import { originalAt, originLine, SEARCH_FOR_ORIGINAL, URL_UNKNOWN, type Origin } from '../lib/labels';

function searchUrl(agency: string, headline: string): string {
  return `https://duckduckgo.com/?q=${encodeURIComponent(`${agency} "${headline}"`)}`;
}

/**
 * Where the wire story comes from: agency, dateline, date, bylines, and the
 * original's link, or "URL unknown" with a search for it. The overlay and the
 * compare page show the same two lines; the headline is each page's heading.
 */
export function StoryOrigin({ story, headline }: { story: Origin; headline: string }) {
  return (
    <>
      <p class="origin">{originLine(story)}</p>
      <p class="link">
        {story.url ? (
          <a href={story.url}>{originalAt(story.agency)}</a>
        ) : (
          <>
            {URL_UNKNOWN} · {/* A link the reader may follow; nothing is requested unless they do. */}
            <a href={searchUrl(story.agency, headline)} target="_blank" rel="noreferrer noopener">
              {SEARCH_FOR_ORIGINAL}
            </a>
          </>
        )}
      </p>
    </>
  );
}
