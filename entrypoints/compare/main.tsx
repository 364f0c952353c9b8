import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CompareView } from '../../lib/compare';
import { Diff } from '../../components/Diff';
import type { Fidelity } from '../../lib/quote-check';
import { sendMessage } from '../../messaging/protocol';
import '../../components/page.css';
import '../../components/compare.css';
import '../../components/diff.css';

const FIDELITY: Record<Fidelity, string> = {
  exact: 'exact',
  minor: 'minor changes',
  altered: 'altered',
  unmatched: 'not found',
};

/**
 * Every version of one story against the wire text, for a reader or a class:
 * paragraph by paragraph with word diffs, the quote drift table, and the
 * credits of each version. Printable.
 */
function Compare() {
  const storyId = new URLSearchParams(location.search).get('story') ?? '';
  const [answer, setAnswer] = useState<{ view: CompareView } | { error: string } | null>(null);
  useEffect(() => {
    void sendMessage('compare', { storyId }).then(setAnswer);
  }, [storyId]);
  if (!answer) return <p>Loading…</p>;
  if ('error' in answer) return <p role="alert">{answer.error}</p>;
  const { view } = answer;
  const { story } = view;
  return (
    <main class="compare">
      <p class="kicker">Wiretrace · all versions of a wire story</p>
      <h1>{story.headlines[story.headlines.length - 1]}</h1>
      <p class="origin">
        {story.agency}
        {story.dateline ? `, ${story.dateline}` : ''}, {story.date}
        {story.bylines.length > 0 && ` · by ${story.bylines.join(', ')}`} ·{' '}
        {story.url ? <a href={story.url}>original</a> : 'URL of the original unknown'}
      </p>
      {story.headlines.length > 1 && (
        <p class="headlines">Headlines through the day: {story.headlines.map((h) => `“${h}”`).join(' → ')}</p>
      )}
      <button type="button" class="print" onClick={() => window.print()}>
        Print
      </button>

      <h2>Versions</h2>
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
              <td>{v.relation === 'wire' ? 'another write-through of the wire text' : v.relation}</td>
              <td>{v.credits ?? 'none'}</td>
              <td>{v.shownDates ?? 'not recorded'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.missing.length > 0 && (
        <p class="missing">
          The index in use carries no text for: {view.missing.join(', ')} (a compact index holds no texts).
        </p>
      )}

      <h2>Paragraph by paragraph</h2>
      <p class="legend">
        Against the wire text: <del>removed</del> <ins>added</ins>. A dash: no paragraph of that version follows this
        one.
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
                “{q.original}” <span class="speaker">{q.speaker ?? 'speaker not stated'}</span>
              </th>
              {q.cells.map((c, j) => (
                <td key={j} class={c.fidelity}>
                  <strong>{FIDELITY[c.fidelity]}</strong>
                  {c.text && c.fidelity !== 'exact' && <span class="as">“{c.text}”</span>}
                  {c.speakerDiffers && <span class="flag">different speaker named</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

render(<Compare />, document.getElementById('app')!);
