import { describe, expect, it } from 'vitest';
import { detectLanguage, languageName } from '../../lib/language';
import markers from '../../lib/rules/languages.json';

describe('the language of a page', () => {
  it.each(Object.entries(markers))('reads %s from its example sentence', (code, { example }) => {
    expect(detectLanguage(example)).toBe(code);
  });

  it.each([
    ['ja', '米国上院議員のエリザベス・ウォレン氏は、11月の選挙の後に大統領選への出馬を検討すると述べた。'],
    ['zh', '北约秘书长斯托尔滕贝格周三表示，北约愿意与俄罗斯就军备控制进行对话。'],
    ['ru', 'Генеральный секретарь НАТО заявил в среду, что альянс готов к переговорам с Россией.'],
    ['uk', 'Генеральний секретар НАТО заявив у середу, що альянс готовий до переговорів з Росією.'],
    ['fa', 'دبیرکل ناتو روز چهارشنبه گفت که این ائتلاف آماده گفتگو با روسیه است.'],
    ['ar', 'قال الأمين العام لحلف الناتو يوم الأربعاء إن الحلف مستعد لإجراء محادثات مع روسيا.'],
    ['el', 'Ο γενικός γραμματέας του ΝΑΤΟ δήλωσε την Τετάρτη ότι η συμμαχία είναι έτοιμη για συνομιλίες.'],
  ])('reads %s from its script', (code, text) => {
    expect(detectLanguage(text)).toBe(code);
  });

  it('trusts the declared language when the script agrees, and the script when it does not', () => {
    expect(detectLanguage('Ministers met on Monday.', 'en-GB')).toBe('en');
    expect(detectLanguage('Министры встретились в понедельник и обсудили переговоры.', 'en')).toBe('ru');
  });

  it('says nothing when it cannot tell', () => {
    expect(detectLanguage('NATO 2022 Brussels')).toBeNull();
    expect(detectLanguage('')).toBeNull();
  });

  it('names languages for the reader', () => {
    expect(languageName('pl')).toBe('Polish');
    expect(languageName('ja')).toBe('Japanese');
  });

  it('keeps its word lists sorted and without duplicates', () => {
    for (const { words } of Object.values(markers)) {
      expect(words).toEqual([...words].sort((a, b) => a.localeCompare(b)));
      expect(new Set(words).size).toBe(words.length);
    }
  });
});
