import { useEffect, useState } from 'preact/hooks';
import { AGENCY_SITES } from '../../lib/agency-sites';
import { HOW_TO_ADD, howItLearns, knownStoriesLine } from '../../lib/labels';
import { sendMessage, type IndexStatus } from '../../messaging/protocol';

/** Short names for the agencies the learning sites belong to, in the list order of lib/rules/agency-sites.json. */
const AGENCIES = [...new Set(AGENCY_SITES.map((s) => s.agency))];

/**
 * The popup when nothing on the page matched (or it was not checked): which stories Wiretrace
 * knows, per source, how it learns more and how to add one, so "nothing found" never reads as
 * "broken". The counts come from the background's sources in use.
 */
export function KnownStories() {
  const [status, setStatus] = useState<IndexStatus | null>(null);
  useEffect(() => {
    void sendMessage('indexInfo', undefined).then((answer) => answer.ok && setStatus(answer.value));
  }, []);
  return (
    <section class="known" aria-label="The stories Wiretrace knows">
      {status && <p class="known-count">{knownStoriesLine(status.stories, status.sources)}</p>}
      <p class="hint">{howItLearns(AGENCIES)}</p>
      <p class="hint">{HOW_TO_ADD}</p>
    </section>
  );
}
