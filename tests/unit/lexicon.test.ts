import { describe, expect, it } from 'vitest';
import { LexiconError, parseLexicon } from '../../lib/lexicon';
import { hash32, wordKey } from '../../lib/text';

const key = (w: string) => hash32(wordKey(w));

describe('a word list (word<TAB>english)', () => {
  const es = parseLexicon('es', 'negociación\tnegotiation\nhablar\tspeak\nhablar\ttalk\nel\tthe\nfrontera\tborder\n');

  it('gives the English senses of a listed word, function words left out', () => {
    expect(es.senses('hablar')).toEqual([key('speak'), key('talk')]);
    expect(es.senses('el')).toEqual([]);
  });

  it('finds an inflected word by the lemma it starts like', () => {
    expect(es.senses('negociaciones')).toEqual([key('negotiation')]);
    expect(es.senses('fronteras')).toEqual([key('border')]);
  });

  it('knows nothing of an unlisted word', () => {
    expect(es.senses('otan')).toEqual([]);
  });

  it('skips the odd line without an English side, as real lists have', () => {
    const good = Array.from({ length: 20 }, (_, i) => `palabra${i}\tword`).join('\n');
    expect(parseLexicon('es', `skúa\t\n${good}\n`).pairs).toBe(20);
  });

  it.each([
    [
      'a file that is not a word list',
      'es',
      '<html><body>not a list</body></html>\nstill not\n',
      /Line 1 .* not "word<TAB>english"/,
    ],
    ['an empty file', 'es', '\n\n', /empty/],
    ['a language that is not a code', 'Spanish', 'hablar\tspeak\n', /not a language code/],
  ])('refuses %s with a clear message', (_case, language, text, message) => {
    expect(() => parseLexicon(language, text)).toThrow(LexiconError);
    expect(() => parseLexicon(language, text)).toThrow(message);
  });
});
