import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../lib/quotes';

describe('quote extraction and speakers', () => {
  it.each([
    ['"There is a real risk," Stoltenberg told a news conference.', 'There is a real risk', null],
    ['NATO chief Jens Stoltenberg said: "We are ready to talk now."', 'We are ready to talk now.', 'Jens Stoltenberg'],
    ['“Curly quotes work too here,” said Wendy Sherman.', 'Curly quotes work too here', 'Wendy Sherman'],
  ])('%s', (paragraph, text, speaker) => {
    const [quote] = extractQuotes([paragraph]);
    expect(quote?.text).toBe(text);
    if (speaker) expect(quote?.speaker).toBe(speaker);
  });

  it('resolves "he said" and surname-only attributions to the full name named earlier', () => {
    const quotes = extractQuotes([
      'NATO Secretary General Jens Stoltenberg spoke after the talks.',
      '"There is a real risk for new armed conflict in Europe," Stoltenberg told a news conference.',
      '"There are significant differences," he said.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Jens Stoltenberg', 'Jens Stoltenberg']);
    expect(quotes[0]!.role).toBe('NATO Secretary General');
  });

  it('continues a speaker into a quote-only paragraph that follows an attributed quote', () => {
    const quotes = extractQuotes([
      'Russian Deputy Foreign Minister Alexander Grushko spoke at length.',
      '"If there is a search for vulnerabilities, there will be one in NATO too," he said.',
      '"This is not our choice, but there will be no other path."',
    ]);
    expect(quotes[1]!.speaker).toBe('Alexander Grushko');
  });

  // Wire style puts lower-case descriptions before names next to a quote; a function word among
  // the lower-case words means they describe no person ("a spokesman for Gazprom", "on Monday").
  it.each([
    ['"In forty years I have not seen a May like this," said grower Vasile Munteanu.', 'Vasile Munteanu', 'grower'],
    ['"We got a contract," union president Dale Horrigan told reporters.', 'Dale Horrigan', 'union president'],
    ['"The line is open again," said police chief Ann Lee on Sunday.', 'Ann Lee', 'police chief'],
    ['"We are ready for the winter," said a spokesman for Gazprom.', null, null],
    ['"Prices will rise further," said analysts at Goldman Sachs.', null, null],
  ])('speaker of %s', (paragraph, speaker, role) => {
    const [quote] = extractQuotes([paragraph]);
    expect(quote?.speaker).toBe(speaker);
    expect(quote?.role).toBe(role);
  });

  it('gives no speaker when the attribution names none ("warned the diplomat")', () => {
    const [quote] = extractQuotes([
      '"If flaws in the defense system are sought, there will be a search," warned the diplomat.',
    ]);
    expect(quote?.speaker).toBeNull();
  });

  it('ignores apostrophes and scare quotes of one or two words', () => {
    expect(extractQuotes(['Russia\'s demands were "non-starters", Sherman\'s team said.'])).toEqual([]);
  });
});
