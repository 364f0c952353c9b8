import type { CompareView } from '../lib/compare';
import {
  FIDELITY_LABELS,
  NAMES_ANOTHER_SPEAKER,
  NOT_IN_VERSION,
  sourceLine,
  speakerLabel,
  versionRelationLine,
} from '../lib/labels';
import type { StorySource } from '../lib/story-source';
import { Diff } from './Diff';
import { StoryOrigin } from './StoryOrigin';

/**
 * Every version of one story against the wire text, for a reader or a class:
 * paragraph by paragraph with word diffs, the quote drift table, and the
 * credits of each version. Printable.
 */
export function ComparePage({ view, source }: { view: CompareView; source?: StorySource }) {
  const { story } = view;
  const headline = story.headlines[story.headlines.length - 1] ?? story.id;
  return (
    <main class="compare">
      <p class="kicker">Wiretrace · all versions of a wire story</p>
      <h1>{headline}</h1>
      <StoryOrigin story={story} headline={headline} />
      {source && <p class="story-source">{sourceLine(source)}</p>}
      {story.headlines.length > 1 && (
        <p class="headlines">Headlines through the day: {story.headlines.map((h) => `“${h}”`).join(' → ')}</p>
      )}
      <button type="button" class="print" onClick={() => window.print()}>
        Print
      </button>

      <h2>Versions</h2>
      {view.versions.length === 0 ? (
        <p class="empty">No other version of this story is recorded in the index.</p>
      ) : (
        <table class="versions">
          <thead>
            <tr>
              <th scope="col">Outlet</th>
              <th scope="col">Language</th>
              <th scope="col">Relation to the wire text</th>
              <th scope="col">Credits shown</th>
              <th scope="col">Dates shown</th>
            </tr>
          </thead>
          <tbody>
            {view.versions.map((v) => (
              <tr key={v.id}>
                <th scope="row">{v.url ? <a href={v.url}>{v.outlet}</a> : v.outlet}</th>
                <td>{v.language}</td>
                <td class="relation">{versionRelationLine(v.relation)}</td>
                <td>{v.credits ?? 'none'}</td>
                <td>{v.shownDates ?? 'not recorded'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.missing.length > 0 && (
        <p class="missing">
          The index in use carries no text for: {view.missing.join(', ')} (a compact index holds no texts).
        </p>
      )}

      <h2>Paragraph by paragraph</h2>
      {/* No rows: the index holds no wire text for this story (a compact build: a subscription or an imported file). */}
      {view.rows.length === 0 ? (
        <p class="missing no-text">
          The index this story comes from holds no wire text (a compact index: fingerprints, quotes and details only),
          so its paragraphs cannot be shown or compared here.{' '}
          {story.url ? 'The original is linked above.' : 'Search for the original with the link above.'}
        </p>
      ) : (
        <>
          <p class="legend">
            Against the wire text: <del>removed</del> <ins>added</ins>. A dash: no paragraph of that version follows
            this one.
          </p>
          <ol class="rows">
            {view.rows.map((row, i) => (
              <li key={i} class="row">
                <p class="wire">{row.wire}</p>
                <dl>
                  {view.versions.map((v, j) => (
                    <div key={v.id} class="cell">
                      <dt>{v.outlet}</dt>
                      <dd>{row.cells[j] ? <Diff parts={row.cells[j].diff} /> : '—'}</dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ol>
        </>
      )}

      <h2>Quote drift</h2>
      <table class="quotes">
        <thead>
          <tr>
            <th scope="col">Original quote</th>
            {view.versions.map((v) => (
              <th key={v.id} scope="col">
                {v.outlet}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.quotes.map((q, i) => (
            <tr key={i}>
              <th scope="row">
                “{q.original}” <span class="speaker">{speakerLabel(q.speaker)}</span>
              </th>
              {q.cells.map((c, j) => (
                <td key={j} class={c.fidelity}>
                  <strong class="fidelity">
                    {c.fidelity === 'unmatched' ? NOT_IN_VERSION : FIDELITY_LABELS[c.fidelity]}
                  </strong>
                  {c.text && c.fidelity !== 'exact' && <span class="as">“{c.text}”</span>}
                  {c.speakerDiffers && <span class="flag">{NAMES_ANOTHER_SPEAKER}</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
