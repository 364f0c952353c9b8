import { describe, expect, it } from 'vitest';
import { markQuote, type QuoteRun } from '../../lib/quote-marks';
import { uniqueQuotes } from '../../lib/view';
import type { QuoteCheck } from '../../lib/quote-check';

const GRUSHKO =
  'If there is a search for vulnerabilities in the Russian defence system, then there will also be a search for vulnerabilities in NATO';

const text = (runs: readonly QuoteRun[]) => runs.map((r) => r.text).join('');
const changed = (runs: readonly QuoteRun[]) => runs.filter((r) => r.changed).map((r) => r.text);

describe('a page quote and its original, each as written, the changed words marked', () => {
  it('keeps case and punctuation of both wordings, and marks the changed words in place (gettotext)', () => {
    const page =
      'If flaws in the Russian defense system are sought, then there will also be a search for flaws in NATO';
    const marks = markQuote(page, GRUSHKO);
    expect(text(marks.page)).toBe(page);
    expect(text(marks.original)).toBe(GRUSHKO);
    expect(changed(marks.page)).toEqual(['flaws', 'defense', 'are sought', 'flaws']);
    expect(changed(marks.original)).toEqual(['there is a search for vulnerabilities', 'defence', 'vulnerabilities']);
  });

  it('does not mark the part of the original the page leaves out at either end (a quote of half a sentence)', () => {
    const original =
      'Our differences will not be easy to bridge, but it is a positive sign that all NATO allies and Russia sat down around the same table and engaged on substantive topics.';
    const marks = markQuote(
      'positive that all NATO allies and Russia sat down and engaged on substantive topics.',
      original,
    );
    expect(changed(marks.original)).toEqual(['sign', 'around the same table']);
    expect(text(marks.original)).toBe(original);
  });

  it('keeps the word that carries the meaning when two alignments share as many words (Sherman)', () => {
    const original =
      "Is this about invasion? Is this about intimidation? Is this about trying to be subversive? I don't know, but it is not conducive to getting to diplomatic solutions";
    const marks = markQuote('Is this an invasion? Is it an intimidation?', original);
    expect(changed(marks.page)).toEqual(['an', 'it an']);
    expect(changed(marks.original)).toEqual(['about', 'this about']);
  });

  it('counts neither case nor a curly apostrophe as a change', () => {
    const marks = markQuote('I don’t know, But it is', "i don't know, but it is");
    expect(changed(marks.page)).toEqual([]);
    expect(changed(marks.original)).toEqual([]);
  });
});

describe('each quote once', () => {
  const quote = (text: string, speaker: string | null): QuoteCheck => ({
    text,
    speaker,
    original: text,
    originalSpeaker: 'Jens Stoltenberg',
    originalRole: null,
    fidelity: 'exact',
    speakerDiffers: false,
    diff: [],
  });

  it('lists a quote given in the summary and again in the body once, with the speaker the body names', () => {
    const risk = 'There is a real risk of a new armed conflict in Europe';
    const out = uniqueQuotes([
      quote(risk, null),
      quote('Our differences will not be easy to bridge.', 'Jens Stoltenberg'),
      quote(`${risk}.`, 'Jens Stoltenberg'),
    ]);
    expect(out.map((q) => [q.text, q.speaker])).toEqual([
      [`${risk}.`, 'Jens Stoltenberg'],
      ['Our differences will not be easy to bridge.', 'Jens Stoltenberg'],
    ]);
  });
});
