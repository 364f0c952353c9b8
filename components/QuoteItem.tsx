import type { QuoteCheck } from '../lib/quote-check';
import type { QuoteRun } from '../lib/quote-marks';
import { FIDELITY_LABELS, ORIGINAL_QUOTE, originalSpeakerLine, speakerLabel } from '../lib/labels';

/** A quote as written, the words changed from the other wording marked: <ins> on the page's, <del> in the original. */
function Runs({ runs, Mark }: { runs: readonly QuoteRun[]; Mark: 'ins' | 'del' }) {
  return <>{runs.map((r, i) => (r.changed ? <Mark key={i}>{r.text}</Mark> : r.text))}</>;
}

/**
 * One quote of the page in the panel: who says it and how faithfully, the page's wording, and the
 * original's under it when they differ (each once, as written, the changed words marked in place).
 */
export function QuoteItem({ q }: { q: QuoteCheck }) {
  const differs = q.fidelity !== 'exact' && q.original !== null;
  return (
    <li class={`quote ${q.fidelity}`}>
      <span class="speaker">{speakerLabel(q.speaker)}</span> <span class="fidelity">{FIDELITY_LABELS[q.fidelity]}</span>
      <q class="page-quote">{q.marks ? <Runs runs={q.marks.page} Mark="ins" /> : q.text}</q>
      {differs && (
        <p class="original">
          <span class="original-label">{ORIGINAL_QUOTE}:</span>{' '}
          <q>{q.marks ? <Runs runs={q.marks.original} Mark="del" /> : q.original}</q>
        </p>
      )}
      {q.original !== null && q.speakerDiffers && (
        <p class="original">{originalSpeakerLine(speakerLabel(q.originalSpeaker))}</p>
      )}
    </li>
  );
}
