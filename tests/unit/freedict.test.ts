import { describe, expect, it } from 'vitest';
import { freedictPairs } from '../../scripts/freedict-to-tsv';

/** A dictd dictionary as FreeDict ships it: an index of base-64 offsets into the entries' text. */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64 = (n: number): string => (n < 64 ? B64[n]! : b64(Math.floor(n / 64)) + B64[n % 64]!);

function dictd(entries: Array<[string, string]>): { index: string; dict: Buffer } {
  let text = '00-database-info\nA test dictionary\n';
  const lines = [`00databaseinfo\t${b64(0)}\t${b64(text.length)}`];
  for (const [headword, body] of entries) {
    const entry = `${headword}\n${body}\n`;
    lines.push(`${headword}\t${b64(Buffer.byteLength(text))}\t${b64(Buffer.byteLength(entry))}`);
    text += entry;
  }
  return { index: lines.join('\n'), dict: Buffer.from(text) };
}

describe('a word list from a FreeDict dictionary', () => {
  it('pairs each headword with its English equivalents, leaving out glosses in the source language', () => {
    const { index, dict } = dictd([
      ['rozmowa', 'rozmowa /rɔzˈmɔva/ <n>\nconversation, talk\n(potocznie) pogawędka'],
      ['granica', 'granica /ɡraˈɲiʦa/ <n>\nborder; frontier\n= linia oddzielająca państwa'],
    ]);
    expect(freedictPairs(index, dict)).toEqual([
      ['rozmowa', 'conversation'],
      ['rozmowa', 'talk'],
      ['granica', 'border'],
      ['granica', 'frontier'],
    ]);
  });
});
