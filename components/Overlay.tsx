import { useEffect, useRef, useState } from 'preact/hooks';
import type { QuoteCheck } from '../lib/quote-check';
import { QuoteItem } from './QuoteItem';
import { StoryOrigin } from './StoryOrigin';
import {
  creditSentence,
  HIGHLIGHT_LEGEND,
  HIGHLIGHT_WIRE_TEXT,
  MET_ELSEWHERE,
  MET_NOWHERE_YET,
  NO_LINK_KNOWN,
  PASSAGE_EXACT,
  QUOTE_MARKS_HINT,
  PASSAGE_REWORDED,
  passagesSummary,
  RELATION_EXPLANATIONS,
  RELATION_NAMES,
  shareSentence,
  sourceLine,
  THIS_IS_THE_ORIGINAL,
} from '../lib/labels';
import type { Theme } from '../lib/settings';
import type { ResultView } from '../lib/view';

/** The legend's swatches, in the order of the page's colours (lib/highlight.ts). */
const LEGEND_KINDS = ['wire', 'reworded', 'quote', 'own'] as const;

/** Badge and panel. Every string from the page is rendered as text by Preact, never as HTML. */
export function Overlay({
  view,
  startOpen,
  startHighlight = false,
  onHighlight,
  theme = 'auto',
  onCompare,
  onOpener,
}: {
  view: NonNullable<ResultView['match']> & { quotes: QuoteCheck[] };
  startOpen: boolean;
  startHighlight?: boolean;
  /** Marks (true) or unmarks (false) wire text in the page. */
  onHighlight?: (on: boolean) => void;
  theme?: Theme;
  /** Opens the compare page of the story. */
  onCompare?: () => void;
  /** Receives the function that opens the panel and puts focus in it (the keyboard shortcut's). */
  onOpener?: (open: () => void) => void;
}) {
  const [open, setOpen] = useState(startOpen);
  const [highlight, setHighlight] = useState(startHighlight);
  const toggleHighlight = () => {
    onHighlight?.(!highlight);
    setHighlight(!highlight);
  };
  const badge = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus follows the reader's action: into the panel when they open it, back to the badge when they close it.
  // A panel opened automatically (setting) does not take focus from the page.
  const opened = useRef(false);
  useEffect(() => {
    if (open && opened.current) heading.current?.focus();
  }, [open]);
  useEffect(
    () =>
      onOpener?.(() => {
        opened.current = true;
        setOpen(true);
      }),
    [],
  );
  const toggle = () => {
    opened.current = !open;
    setOpen(!open);
  };
  const close = () => {
    setOpen(false);
    badge.current?.focus();
  };
  const { story, original } = view;
  // On the agency's own page the story is the page: what matters is where else it ran.
  const siblings = original ? view.siblings.filter((v) => v.writeThrough === null) : view.siblings;
  const badgeText = `${story.agency} · ${original ? 'original' : RELATION_NAMES[view.relation]}`;
  return (
    <div
      class={`wiretrace theme-${theme}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      {open && (
        <section id="wiretrace-panel" class="panel" role="dialog" aria-labelledby="wiretrace-headline">
          <button type="button" class="close" aria-label="Close the Wiretrace panel" onClick={close}>
            ×
          </button>
          <header>
            <p class="kicker">{original ? THIS_IS_THE_ORIGINAL : 'Wire story of this page'}</p>
            <h2 class="headline" id="wiretrace-headline" tabIndex={-1} ref={heading}>
              {story.headline}
            </h2>
            <StoryOrigin story={story} headline={story.headline} />
            <p class="story-source">{sourceLine(view.source)}</p>
          </header>
          {!original && (
            <>
              <p class="relation">
                <strong>{RELATION_NAMES[view.relation]}</strong>: {RELATION_EXPLANATIONS[view.relation]}.
              </p>
              {/* Counts for a copy; for a report of the same event (no sentence shared) or a translation, the reason. */}
              {view.relation !== 'same-event' && <p class="share">{shareSentence(view.evidence)}</p>}
              {(view.relation === 'same-event' || view.relation === 'rewritten') && (
                <p class="why">Why: {view.evidence.why}.</p>
              )}
              <p class="credits">{creditSentence(story.agency, view.credits, view.relation)}</p>
              {onHighlight && (
                <div class="highlight">
                  <button type="button" class="highlight-toggle" aria-pressed={highlight} onClick={toggleHighlight}>
                    {highlight ? 'Hide highlights on the page' : HIGHLIGHT_WIRE_TEXT}
                  </button>
                  {highlight && (
                    <ul class="legend" aria-label="Colours on the page">
                      {LEGEND_KINDS.map((kind) => (
                        <li key={kind}>
                          <span class={`swatch ${kind}`} aria-hidden="true" /> {HIGHLIGHT_LEGEND[kind]}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
              {view.evidence.passages.length > 0 && (
                <details class="evidence">
                  <summary>{passagesSummary(view.evidence.passages.length)}</summary>
                  <ol>
                    {view.evidence.passages.map((p, i) => (
                      <li key={i} class={`passage ${p.kind}`}>
                        <span class="page-text">{p.page}</span>
                        <span class="wire-text">
                          {p.kind === 'wire' ? PASSAGE_EXACT : `${PASSAGE_REWORDED}: ${p.wire}`}
                        </span>
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </>
          )}
          <h3>{original ? MET_ELSEWHERE : 'Other versions'}</h3>
          {onCompare && (
            <button type="button" class="compare-link" onClick={onCompare}>
              Compare all versions side by side
            </button>
          )}
          {original && siblings.length === 0 && <p class="met-none">{MET_NOWHERE_YET}</p>}
          <ul class="siblings">
            {siblings.map((v) => (
              <li key={v.id}>
                {v.url ? <a href={v.url}>{v.outlet}</a> : <span>{v.outlet}</span>}{' '}
                <span class="rel">{RELATION_NAMES[v.relation]}</span>
              </li>
            ))}
          </ul>
          {siblings.some((v) => !v.url) && <p class="no-link">{NO_LINK_KNOWN}</p>}
          {!original && view.quotes.length > 0 && (
            <>
              <h3>Quotes on this page</h3>
              {view.quotes.some((q) => q.marks) && <p class="quotes-hint">{QUOTE_MARKS_HINT}</p>}
              <ul class="quotes">
                {view.quotes.map((q, i) => (
                  <QuoteItem key={i} q={q} />
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <button
        type="button"
        class="badge"
        ref={badge}
        aria-expanded={open}
        aria-controls="wiretrace-panel"
        // The accessible name starts with the visible text (axe: label-content-name-mismatch).
        aria-label={`${badgeText}: Wiretrace, ${open ? 'close' : 'open'} the panel`}
        onClick={toggle}
      >
        {badgeText}
      </button>
    </div>
  );
}
